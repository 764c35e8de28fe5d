"""Policy -> selection, and writing a selection back without losing the author's text."""

import json

import pytest

from editor.core.json.read import fix_all
from editor.core.policy.arnvalues import ArnValues
from editor.core.policy.generate import Layout, generate
from editor.core.policy.selection import apply_selection, read_selection
from tests.conftest import seed_examples
from tests.core.policies import CHANNEL, CLEAN_MULTI_SERVICE, USER, policy, statement

FILLED = ArnValues(
    region="us-east-1", account_id="123456789012", app_instance_id="app-1", user_id="user-1"
)


def test_recovers_actions_values_and_the_persona() -> None:
    text = generate(["chime:Connect", "chime:SendChannelMessage"], FILLED).to_text()
    selection = read_selection(text)
    assert selection.actions == {"Connect", "SendChannelMessage"}
    assert selection.values == {
        "partition": "aws",
        "region": "us-east-1",
        "account_id": "123456789012",
        "app_instance_id": "app-1",
        "user_id": "user-1",
    }
    assert selection.conflicts == {}
    best = selection.personas[0]
    assert best.persona.id == "websocket-connect" and not best.exact and best.share == 1.0


@pytest.mark.parametrize("index", range(4))
def test_seed_examples_match_their_persona_exactly(index: int) -> None:
    selection = read_selection(fix_all(seed_examples()[index]))
    assert selection.personas[0].exact
    assert (
        selection.personas[0].persona.id
        == ["app-instance-admin", "full-user", "minimal-user", "websocket-connect"][index]
    )
    assert "region" not in selection.values  # the bare `region` is a placeholder, not a value


def test_wildcards_expand_and_conflicting_values_are_reported() -> None:
    other = USER.replace("123456789012", "210987654321")
    text = policy(statement(["chime:ListChannel*"], [USER, other, CHANNEL]))
    selection = read_selection(text)
    assert {"ListChannels", "ListChannelMessages", "ListChannelBans"} <= selection.actions
    assert selection.conflicts == {"account_id": ("123456789012", "210987654321")}


def actions_of(statement: dict) -> list[str]:
    value = statement.get("Action", [])
    return [value] if isinstance(value, str) else value


def kept_statements(text: str) -> list[dict]:
    """Statements the form does not model: conditions, NotAction, Deny, other services."""
    return [
        s
        for s in json.loads(text)["Statement"]
        if "Condition" in s
        or "NotAction" in s
        or s.get("Effect") == "Deny"
        or any(not a.startswith("chime:") for a in actions_of(s))
    ]


@pytest.mark.parametrize("layout", list(Layout))
@pytest.mark.parametrize(
    "text",
    [*(fix_all(t) for t in seed_examples()), CLEAN_MULTI_SERVICE],
    ids=["admin", "full-user", "minimal-user", "websocket", "multi-service"],
)
def test_round_trip_keeps_every_statement_condition_and_grant(text: str, layout) -> None:
    selection = read_selection(text)
    values = ArnValues(**selection.values)
    saved = apply_selection(text, selection.actions, values, layout)
    json.loads(saved)
    assert read_selection(saved).actions == selection.actions
    for kept in kept_statements(text):
        assert kept in json.loads(saved)["Statement"]
    original = json.loads(text)["Statement"]
    for statement_ in original:
        if "Sid" in statement_:  # author-named statements stay exactly as written
            assert statement_ in json.loads(saved)["Statement"]


def test_author_text_outside_modeled_statements_is_kept_byte_for_byte() -> None:
    text = CLEAN_MULTI_SERVICE.replace('"Sid": "Attachments",', '"Sid":"Attachments",   ')
    selection = read_selection(text)
    saved = apply_selection(
        text, selection.actions | {"DeleteChannel"}, FILLED, Layout.LEAST_PRIVILEGE
    )
    start = text.index('{\n            "Sid":"Attachments"')
    end = text.index("}", text.index('"aws:SecureTransport"')) + 1
    end = text.index("}", end) + 1
    assert text[start:end] in saved
    assert "chime:DeleteChannel" in saved


def test_unticking_removes_the_action_from_the_authors_statement() -> None:
    # Without its Deny of all but Get* and List*, which takes SendChannelMessage away (no
    # tick to remove then: see test_denied_ticks.py).
    document = json.loads(CLEAN_MULTI_SERVICE)
    document["Statement"] = [s for s in document["Statement"] if s.get("Sid") != "NoDeletes"]
    text = json.dumps(document, indent=4)
    selection = read_selection(text)
    assert "SendChannelMessage" in selection.actions
    saved = apply_selection(
        text, selection.actions - {"SendChannelMessage"}, FILLED, Layout.AWS_EXAMPLE
    )
    assert "chime:SendChannelMessage" not in saved
    assert '"Sid": "Messaging"' in saved and '"aws:RequestedRegion"' in saved
    assert "SendChannelMessage" not in read_selection(saved).actions


def test_crlf_and_two_space_files_keep_their_style() -> None:
    text = policy(statement("chime:Connect", USER)).replace("    ", "  ").replace("\n", "\r\n")
    saved = apply_selection(
        text, frozenset({"Connect", "DescribeChannel"}), FILLED, Layout.LEAST_PRIVILEGE
    )
    assert "\n" not in saved.replace("\r\n", "")
    assert '\r\n    {\r\n      "Sid": ' in saved


def test_unreadable_text_is_returned_unchanged() -> None:
    broken = '{"Version": "2012-10-17", "Statement": [{"Action": "chime:Connect",}'
    assert apply_selection("[1, 2]", frozenset({"Connect"}), FILLED, Layout.AWS_EXAMPLE) == (
        "[1, 2]"
    )
    assert apply_selection(broken, frozenset(), FILLED, Layout.AWS_EXAMPLE) == broken


@pytest.mark.parametrize(
    "not_action",
    [["chime:DeleteChannel"], ["chime:Delete*", "chime:Update*"], ["s3:*"]],
    ids=["one-action", "two-wildcards", "another-service"],
)
def test_an_allow_with_not_action_grants_every_other_action(not_action: list[str]) -> None:
    """The audit's NotAction policy showed 0/34 ticked and `edit --remove-action` did
    nothing, exit 0. Each messaging action's answer is the oracle's (iam-simulate)."""
    from editor.core.catalog.catalog import load_catalog
    from editor.core.json.read import read_json
    from editor.core.policy.selection import granted_actions
    from tests.core.access.oracle import run_oracle

    document = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "NotAction": not_action, "Resource": "*"}],
    }
    catalog = load_catalog()
    names = sorted(a.name for a in catalog.messaging_actions)
    cases = [
        {
            "identity": [document],
            "action": f"chime:{name}",
            "resource": "*",
            "principal": "arn:aws:iam::111122223333:user/alice",
            "context": {},
        }
        for name in names
    ]
    allowed = {n for n, d in zip(names, run_oracle(cases), strict=True) if d == "allowed"}
    granted = granted_actions(read_json(json.dumps(document)).root, catalog)
    assert granted & set(names) == allowed
    assert allowed  # every case grants most actions: the assertion is never vacuous
