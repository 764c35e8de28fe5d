"""`check-access` answers for one call IAM could be asked about: an action pattern or a
misspelt action is a usage error (exit 2) that says what to give, never a verdict.

The policy allows chime:* and denies chime:DeleteChannel. IAM evaluates a request for ONE
action (IAM User Guide, "Policy evaluation logic": "the request context ... the actions or
operations that the principal wants to perform"): chime:Delete* is several requests with
different answers, which the oracle, an evaluator we did not write, confirms.
"""

from pathlib import Path

import pytest

from editor.cli.main import main
from editor.core.catalog.catalog import load_catalog
from editor.core.catalog.wildcard import action_matches
from tests.core.access.oracle import run_oracle
from tests.core.policies import BASE, policy, statement

CHANNEL = f"{BASE}/channel/c1"
USER = f"{BASE}/user/bob"
PRINCIPAL = "arn:aws:iam::123456789012:user/bob"
ALLOW_ALL_BUT = [
    statement("chime:*", "*"),
    statement("chime:DeleteChannel", "*", effect="Deny"),
]


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    path = tmp_path / "allowall_but.json"
    path.write_text(policy(*ALLOW_ALL_BUT), encoding="utf-8")
    return path


def check(capsys, policy_file: Path, action: str, *more: str) -> tuple[int, str, str]:
    args = ["--action", action, "--resource", CHANNEL, "--principal", PRINCIPAL, *more]
    code = main(["check-access", *args, "--caller", USER, str(policy_file)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("action", "said"),
    [
        (
            "chime:Delete*",
            "--action 'chime:Delete*' is a pattern: a request is made for one action",
        ),
        ("chime:*", "--action 'chime:*' is a pattern"),
        ("chime:Send?hannelMessage", "is a pattern"),
        ("*", "--action '*' is a pattern"),
        (
            "chime:SendChanelMessage",
            "'chime:SendChanelMessage' is not an action of Chime that any catalog knows; "
            "did you mean 'chime:SendChannelMessage'?",
        ),
        ("chime:NoSuchThingAtAll", "is not an action of Chime that any catalog knows"),
        ("chmie:SendChannelMessage", "'chmie' is not an AWS service prefix; did you mean 'chime'?"),
        ("SendChannelMessage", "is not of the form service:ActionName: did you mean"),
        ("s3:GetObjekt", "did you mean 's3:GetObject'?"),
    ],
)
def test_no_one_action_is_a_usage_error(capsys, policy_file, action: str, said: str) -> None:
    code, out, err = check(capsys, policy_file, action)
    assert (code, out) == (2, "")
    assert said in err
    if "pattern" in said:
        assert "chime-policy grants" in err


def test_a_pattern_has_no_one_answer_by_the_oracle(policy_file) -> None:
    """Why a pattern is refused rather than answered: the oracle gives the actions it covers
    different answers (DeleteChannel denied, the others allowed)."""
    names = [  # those a channel's ARN is a resource of (the oracle checks the ARN's type)
        a.full_name
        for a in load_catalog().actions
        if action_matches("chime:Delete*", a.full_name) and "channel" in a.arn_types
    ]
    assert len(names) > 3
    cases = [
        {
            "identity": [{"Version": "2012-10-17", "Statement": ALLOW_ALL_BUT}],
            "action": name,
            "resource": CHANNEL,
            "principal": PRINCIPAL,
            "context": {},
        }
        for name in names
    ]
    answers = dict(zip(names, run_oracle(cases), strict=True))
    assert answers["chime:DeleteChannel"] == "explicitDeny"
    assert "allowed" in answers.values()


@pytest.mark.parametrize(
    ("action", "code", "first"),
    [
        # The suggested name, and the action spelt in another case (IAM ignores case), decide.
        ("chime:SendChannelMessage", 0, "allowed: chime:SendChannelMessage"),
        ("chime:sendchannelmessage", 0, "allowed: chime:sendchannelmessage"),
        ("chime:DeleteChannel", 1, "explicitDeny: chime:DeleteChannel"),
    ],
)
def test_one_action_is_decided_as_the_oracle_decides(
    capsys, policy_file, action: str, code: int, first: str
) -> None:
    got, out, _ = check(capsys, policy_file, action)
    assert (got, out.splitlines()[0].split(" on ")[0]) == (code, first)
    case = {
        "identity": [{"Version": "2012-10-17", "Statement": ALLOW_ALL_BUT}],
        "action": action,
        "resource": CHANNEL,
        "principal": PRINCIPAL,
        "context": {},
    }
    assert run_oracle([case]) == [first.split(":")[0]]


@pytest.mark.parametrize(
    ("action", "resource", "code", "said"),
    [
        # `*` is a pattern for an action with resource-level permissions ...
        ("chime:SendChannelMessage", "*", 2, "--resource '*' is a pattern"),
        ("chime:SendChannelMessage", f"{BASE}/channel/*", 2, "is a pattern"),
        # ... and the one resource of an action without them (CreateAppInstance).
        ("chime:CreateAppInstance", "*", 0, ""),
    ],
)
def test_star_is_a_resource_only_of_an_action_without_resource_types(
    capsys, policy_file, action: str, resource: str, code: int, said: str
) -> None:
    args = ["--action", action, "--resource", resource, "--principal", PRINCIPAL]
    got = main(["check-access", *args, str(policy_file)])
    _, err = capsys.readouterr()
    assert got == code
    assert said in err
