"""Caller and target are different things: every action of every persona, for a user caller
and a bot caller, gets ARNs of types the catalog says it is authorized against, in its role."""

import pytest
from moto.iam.policy_validation import IAMPolicyDocumentValidator

from editor.core.catalog.arntypes import arn_types_of
from editor.core.catalog.catalog import CALLER_TYPES, load_catalog, load_personas
from editor.core.policy.arnvalues import ArnValues, field_error
from editor.core.policy.generate import Layout, generate

catalog = load_catalog()
PERSONAS = load_personas().personas
BASE = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1"
ME = f"{BASE}/user/${{aws:username}}"
MY_BOT = f"{BASE}/bot/bot-1"


def values(as_bot: bool, **more) -> ArnValues:
    return ArnValues(
        region="us-east-1",
        account_id="123456789012",
        app_instance_id="app-1",
        user_id="${aws:username}",
        bot_id="bot-1",
        as_bot=as_bot,
        **more,
    )


def is_caller_call(name: str) -> bool:
    """Messaging calls (ChimeBearer) are authorized against the caller; identity calls are
    administrative and act on the users and bots they name (the AWS Chime SDK API split)."""
    action = catalog.action(name)
    return action.api in ("chime-sdk-messaging", "chime") and bool(
        action.required_types & CALLER_TYPES
    )


@pytest.mark.parametrize("as_bot", [False, True], ids=["user-caller", "bot-caller"])
@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_every_action_gets_its_types_in_its_role(persona, as_bot) -> None:
    document = generate(persona.actions, values(as_bot), Layout.LEAST_PRIVILEGE)
    IAMPolicyDocumentValidator(document.to_text()).validate()
    granted = {n for s in document.Statement for n in s.Action}
    assert granted == {f"chime:{n}" for n in persona.actions}
    for statement in document.Statement:
        if statement.Resource == ("*",):
            continue
        users = [r for r in statement.Resource if "/user/" in r]
        bots = [r for r in statement.Resource if "/bot/" in r]
        for name in statement.Action:
            action = catalog.action(name)
            for arn in statement.Resource:  # no ARN of a type the action cannot use
                assert arn_types_of(catalog, arn) & action.arn_types, (name, arn)
            required = action.required_types
            if is_caller_call(name):
                # A bot calls as itself, unless the call is one only users make (Connect).
                bot = as_bot and "app-instance-bot" in action.arn_types
                caller, other = (MY_BOT, users) if bot else (ME, bots)
                assert caller in statement.Resource, name
                assert other == [], (name, other)  # never another identity, never bot/*
            else:
                if "app-instance-user" in required:
                    assert users == [f"{BASE}/user/*"], (name, users)  # not the caller's own
                if "app-instance-bot" in required:
                    assert bots == [f"{BASE}/bot/*"], (name, bots)


def test_the_issues_administrator_manages_every_user_not_only_itself() -> None:
    admin = next(p for p in PERSONAS if p.id == "app-instance-admin")
    document = generate(admin.actions, values(False), Layout.LEAST_PRIVILEGE)
    for name in (
        "DeleteAppInstanceUser",
        "DescribeAppInstanceUser",
        "ListAppInstanceUsers",
        "CreateAppInstanceAdmin",
    ):
        statement = next(s for s in document.Statement if f"chime:{name}" in s.Action)
        assert f"{BASE}/user/*" in statement.Resource and ME not in statement.Resource


def test_any_bot_does_not_let_a_user_act_as_every_bot() -> None:
    document = generate(["SendChannelMessage"], values(False).model_copy(update={"bot_id": "*"}))
    assert all("/bot/" not in r for s in document.Statement for r in s.Resource)
    as_bot = generate(["SendChannelMessage"], values(True).model_copy(update={"bot_id": "*"}))
    assert f"{BASE}/bot/*" in as_bot.Statement[0].Resource


def test_target_ids_limit_administrative_actions() -> None:
    given = values(False, target_user_ids=("alice", "bob"))
    document = generate(["DeleteAppInstanceUser", "SendChannelMessage"], given)
    admin = next(s for s in document.Statement if "chime:DeleteAppInstanceUser" in s.Action)
    assert admin.Resource == (f"{BASE}/user/alice", f"{BASE}/user/bob")
    caller = next(s for s in document.Statement if "chime:SendChannelMessage" in s.Action)
    assert ME in caller.Resource


@pytest.mark.parametrize(
    ("name", "raw", "error"),
    [
        ("target_user_ids", "alice, bob", None),
        ("target_user_ids", "alice -bad-", "not a valid ID"),
        ("target_bot_ids", "*", None),
        ("as_bot", "yes", None),
    ],
)
def test_role_fields_are_checked_as_typed(name, raw, error) -> None:
    message = field_error(name, raw)
    assert message is None if error is None else error in message
