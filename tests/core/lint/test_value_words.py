"""A bare word in a list that grants or limits access is never deleted by Fix all: in an
Action or NotAction list a word that names an action is quoted (prefixed as the list's other
entries are) with its missing comma; any other word there, or in Resource, Principal or
Condition, is left to the user. Oracles: `json.loads` of the fixed text, and iam-simulate
(tests/core/access/oracle.py) for what the fixed policy still denies.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from editor.core.lint.engine import fix_all, lint
from tests.core.access.oracle import run_oracle

ALLOW_ALL = '{"Effect": "Allow", "Action": "chime:*", "Resource": "*"}'
CHANNEL = "arn:aws:chime:us-east-1:111122223333:app-instance/app1/channel/c1"


def _policy(statement: str) -> str:
    return '{"Version": "2012-10-17", "Statement": [' + ALLOW_ALL + ",\n" + statement + "]}"


def _deny(actions: str, key: str = "Action") -> str:
    return _policy('{"Effect": "Deny", "' + key + '": [' + actions + '], "Resource": "*"}')


DL3 = _deny('\n    "chime:DeleteChannel"\n    DeleteChannelMessage\n  ')
GLUED = _deny('"chime:DeleteChannel", DeleteChannelMessage "chime:DeleteChannelBan"')
IN_ALLOW = _policy(
    '{"Effect": "Allow", "Action": ["chime:Connect"\n DescribeChannel], "Resource": "*"}'
)
TWO_SERVICES = _deny('"chime:DeleteChannel", "s3:GetObject"\n DeleteChannelMessage')
IN_RESOURCE = _policy(
    '{"Effect": "Deny", "Action": "chime:DeleteChannel", "Resource": ["' + CHANNEL + '"\n c2]}'
)
IN_CONDITION = _policy(
    '{"Effect": "Deny", "Action": "chime:DeleteChannel", "Resource": "*", "Condition": '
    '{"StringEquals": {"aws:username": ["bob"\n alice]}}}'
)

# (name, damaged text, the list as json.loads reads it after Fix all, or None: left as is)
CASES: list[tuple[str, str, list[str] | None]] = [
    ("audit dl3: no comma, own line", DL3,
     ["chime:DeleteChannel", "chime:DeleteChannelMessage"]),
    ("no comma, one line", _deny('"chime:DeleteChannel" DeleteChannelMessage'),
     ["chime:DeleteChannel", "chime:DeleteChannelMessage"]),
    ("lower case", _deny('"chime:DeleteChannel" deletechannelmessage'),
     ["chime:DeleteChannel", "chime:DeleteChannelMessage"]),
    ("with its prefix", _deny('"chime:DeleteChannel" chime:DeleteChannelMessage'),
     ["chime:DeleteChannel", "chime:DeleteChannelMessage"]),
    ("with another service's prefix", _deny('"chime:DeleteChannel" s3:GetObject'),
     ["chime:DeleteChannel", "s3:GetObject"]),
    ("glued to the next element", GLUED,
     ["chime:DeleteChannel", "chime:DeleteChannelMessage", "chime:DeleteChannelBan"]),
    ("in a NotAction", _deny('"chime:ListChannels" DescribeChannel', "NotAction"),
     ["chime:ListChannels", "chime:DescribeChannel"]),
    ("in an Allow", IN_ALLOW,
     ["chime:Connect", "chime:DescribeChannel"]),
    # no safe fix: the word names no action, or its prefix is not clear
    ("not an action", _deny('"chime:DeleteChannel"\n    abc\n  '), None),
    ("unknown action with a prefix", _deny('"chime:DeleteChannel" chime:Nope'), None),
    ("no prefix, list of two services", TWO_SERVICES, None),
    ("no prefix, no other entry", _deny("DeleteChannelMessage"), None),
    ("in a Resource list", IN_RESOURCE, None),
    ("in a Condition list", IN_CONDITION, None),
]  # fmt: skip


def _statement(text: str) -> dict[str, Any]:
    return dict(json.loads(text)["Statement"][1])


@pytest.mark.parametrize(("name", "text", "listed"), CASES, ids=[c[0] for c in CASES])
def test_a_bare_word_in_an_access_list_is_quoted_or_left(
    name: str, text: str, listed: list[str] | None
) -> None:
    errors = [f for f in lint(text).findings if f.severity.value == "error"]
    assert errors  # the slip is reported
    fixed = fix_all(text)
    if listed is None:
        assert fixed == text  # nothing deleted for the user
        return
    statement = _statement(fixed)  # json.loads: not our reader
    key = "NotAction" if "NotAction" in statement else "Action"
    assert statement[key] == listed


def test_a_word_between_members_is_still_deleted() -> None:
    text = _policy('{"Effect": "Deny", abc\n "Action": "chime:DeleteChannel", "Resource": "*"}')
    assert _statement(fix_all(text)) == {
        "Effect": "Deny",
        "Action": "chime:DeleteChannel",
        "Resource": "*",
    }


def test_the_fixed_deny_still_denies_every_action_written() -> None:
    """iam-simulate on the fixed policies: every action the Deny lists is denied."""
    cases = []
    for _, text, listed in CASES:
        value = json.loads(fix_all(text)) if listed else None
        if (
            value is None
            or value["Statement"][1]["Effect"] != "Deny"
            or "Action" not in (value["Statement"][1])
        ):
            continue
        for action in listed or []:
            cases.append(
                {
                    "identity": [value],
                    "action": action,
                    "resource": CHANNEL if action.startswith("chime:") else "arn:aws:s3:::b/k",
                    "principal": "arn:aws:iam::111122223333:user/alice",
                    "context": {},
                }
            )
    assert len(cases) >= 10
    assert run_oracle(cases) == ["explicitDeny"] * len(cases)
