"""The example ARN `diff` prints for a new grant is one a reader takes for an ARN: where the
patterns leave the account open (`arn:aws:iam::*:user/*`) it is a documentation account, not
the empty one (`arn:aws:iam:::user/x` read as a mistake in the README's examples), and it is
still an ARN NEW grants and OLD does not (and an S3 object's ARN, which has no account, keeps
none), as a matcher we did not write says: fnmatch field by
field (IAM's Resource page: wildcards within each of the first five fields, the last field
takes the rest)."""

from fnmatch import fnmatchcase

import pytest

from editor.core.access.diff import diff
from editor.core.access.policy import compile_policy
from tests.core.policies import policy, statement


def matches(pattern: str, arn: str) -> bool:
    fields, parts = pattern.split(":", 5), arn.split(":", 5)
    return len(fields) == len(parts) == 6 and all(map(fnmatchcase, parts, fields))


def added(old: list[str], new: list[str], action: str) -> list[str]:
    before = compile_policy(policy(statement(action, old)), "old")
    after = compile_policy(policy(statement(action, new)), "new")
    return [c.example for c in diff(before, after).added if c.action == action]


CHAT = "arn:aws:chime:us-east-1:{}:app-instance/app-1/user/*"
CASES = [  # old resources, new resources, action, the account the example shows
    pytest.param(
        ["arn:aws:iam::444455556666:user/*"],
        ["arn:aws:iam::*:user/*"],
        "iam:GetUser",
        "111122223333",
        id="any account",
    ),
    pytest.param(
        ["arn:aws:iam::111122223333:user/*"],
        ["arn:aws:iam::*:user/*"],
        "iam:GetUser",
        "123456789012",
        id="the first documentation account is already granted",
    ),
    pytest.param(
        [CHAT.format("111122223333")],
        [CHAT.format("*")],
        "chime:SendChannelMessage",
        "123456789012",
        id="chime, any account",
    ),
    pytest.param(
        [CHAT.format("111122223333")],
        [CHAT.format("1111222233??")],
        "chime:SendChannelMessage",
        "1111222233--",  # no documentation account fits: the walk's own example
        id="a pattern no documentation account fits",
    ),
    pytest.param(
        [],
        ["arn:aws:s3:*:*:bucket/*"],
        "s3:GetObject",
        "",  # an S3 object's ARN has no account (the catalog's ARN template)
        id="s3 object: no account",
    ),
]


@pytest.mark.parametrize(("old", "new", "action", "account"), CASES)
def test_the_example_names_an_account_when_the_patterns_leave_it_open(
    old: list[str], new: list[str], action: str, account: str
) -> None:
    (example,) = added(old, new, action)
    assert example.split(":")[4] == account
    assert any(matches(p, example) for p in new)
    assert not any(matches(p, example) for p in old)
