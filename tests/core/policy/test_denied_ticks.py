"""What the catalog's boxes show for an action an explicit Deny names: the boxes show what the
text grants, and an explicit Deny overrides every Allow. A Deny with no Condition on every
resource the Allows grant the action on takes it away (unticked, the Deny named); a Deny that
applies only sometimes or to some resources leaves it granted elsewhere (ticked, the Deny
named as a limit).

The oracle (iam-simulate) decides each case on a resource the Allow grants: "explicitDeny"
where we untick, "allowed" where we keep the tick.
"""

import json

import pytest

from editor.core.catalog.catalog import load_catalog
from editor.core.policy.editing import NotReadable, new_state, with_actions
from editor.core.policy.selection import read_selection
from tests.core.access.oracle import run_oracle

APP = "arn:aws:chime:us-east-1:111122223333:app-instance/APP"
PRINCIPAL = "arn:aws:iam::111122223333:user/alice"
ALLOW_ALL = {"Sid": "AllMessaging", "Effect": "Allow", "Action": "chime:*", "Resource": f"{APP}/*"}
DELETES = ["chime:DeleteChannel", "chime:DeleteChannelMessage"]
MFA = {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}


def deny(actions, resources, **extra) -> dict:
    return {"Effect": "Deny", "Action": actions, "Resource": resources, **extra}


# (id, statements, action, probe resource, context, denied completely, the Deny's name)
CASES = [
    (
        "everything-but-deletes",
        [ALLOW_ALL, {"Sid": "NoDeletes", **deny(DELETES, "*")}],
        "DeleteChannel",
        f"{APP}/channel/c1",
        {},
        True,
        "'NoDeletes'",
    ),
    (
        "deny-on-the-allows-own-arns",
        [ALLOW_ALL, deny("chime:Delete*", f"{APP}/*")],
        "DeleteChannelMessage",
        f"{APP}/channel/c1",
        {},
        True,
        "statement 2",
    ),
    (
        "deny-on-a-wider-arn",
        [
            {"Effect": "Allow", "Action": ["chime:DeleteChannel"], "Resource": f"{APP}/channel/*"},
            deny("chime:Delete*", "arn:aws:chime:us-east-1:111122223333:app-instance/*"),
        ],
        "DeleteChannel",
        f"{APP}/channel/c1",
        {},
        True,
        "statement 2",
    ),
    (
        "deny-all-but-not-action",
        [ALLOW_ALL, {"Effect": "Deny", "NotAction": "chime:SendChannelMessage", "Resource": "*"}],
        "DeleteChannel",
        f"{APP}/channel/c1",
        {},
        True,
        "statement 2",
    ),
    (
        "deny-without-mfa",
        [ALLOW_ALL, deny(DELETES, "*", Condition=MFA)],
        "DeleteChannel",
        f"{APP}/channel/c1",
        {"aws:MultiFactorAuthPresent": "true"},
        False,
        "statement 2",
    ),
    (
        "deny-on-one-channel",
        [ALLOW_ALL, deny(DELETES, f"{APP}/channel/audit")],
        "DeleteChannel",
        f"{APP}/channel/c1",
        {},
        False,
        "statement 2",
    ),
]
IDS = [c[0] for c in CASES]


def _text(statements) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=4)


@pytest.fixture(scope="module")
def oracle() -> dict[str, str]:
    cases = [
        {
            "identity": [json.loads(_text(statements))],
            "action": f"chime:{action}",
            "resource": probe,
            "principal": PRINCIPAL,
            "context": context,
        }
        for _id, statements, action, probe, context, _complete, _name in CASES
    ]
    return dict(zip(IDS, run_oracle(cases), strict=True))


@pytest.mark.parametrize(
    ("name", "statements", "action", "probe", "context", "complete", "by"), CASES, ids=IDS
)
def test_a_box_shows_what_the_deny_leaves(
    oracle, name, statements, action, probe, context, complete, by
):
    assert oracle[name] == ("explicitDeny" if complete else "allowed")
    selection = read_selection(_text(statements), load_catalog())
    assert (action in selection.actions) is not complete
    denial = selection.denied[action]
    assert (denial.complete, denial.statement) == (complete, by)


def test_the_full_user_persona_is_not_complete_when_deletes_are_denied() -> None:
    selection = read_selection(_text(CASES[0][1]), load_catalog())
    full = next(m for m in selection.personas if m.persona.id == "full-user")
    assert not full.exact
    assert full.granted == len(full.persona.actions) - 2


def test_ticking_a_denied_action_is_refused_naming_the_deny_and_changes_nothing() -> None:
    state = new_state(_text(CASES[0][1]))
    with pytest.raises(NotReadable, match="the Deny of 'NoDeletes' takes it away"):
        with_actions(state, state.actions | {"DeleteChannel"})
    # Ticked with another action, the denied one is left out and the other goes in.
    without = new_state(_text([{**ALLOW_ALL, "Action": ["chime:Connect"]}, CASES[0][1][1]]))
    ticked = with_actions(without, without.actions | {"DeleteChannel", "SendChannelMessage"})
    assert "chime:SendChannelMessage" in ticked.text
    assert 'chime:DeleteChannel"' not in ticked.text.split('"NoDeletes"')[0]
    assert "DeleteChannel" not in ticked.actions


def test_a_tick_whose_new_allow_a_deny_covers_is_refused_too() -> None:
    # No Allow of it yet, so nothing is denied before the edit; the tick would write an Allow
    # on channel/* (the app instance read from the Allow's ARN: a Deny's values are never
    # the form's), which the Deny names: the box could never show it, so no edit is made.
    reads_users = {
        "Effect": "Allow",
        "Action": ["chime:ListChannels"],
        "Resource": f"{APP}/user/u1",
    }
    text = _text([reads_users, deny(["chime:ChannelFlowCallback"], f"{APP}/channel/*")])
    state = new_state(text)
    with pytest.raises(NotReadable, match="Cannot tick ChannelFlowCallback: the Deny of"):
        with_actions(state, state.actions | {"ChannelFlowCallback"})
