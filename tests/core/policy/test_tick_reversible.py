"""Ticks never lose what the user wrote (audit D6): on real policies with their own Sids and
Conditions, tick then untick and untick then tick give the text back byte for byte, and an
untick that would delete a statement's Sid or Condition is refused, saying why."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.catalog.catalog import load_catalog
from editor.core.json.read import fix_all
from editor.core.policy import editing
from editor.core.policy.actionedits import NotEditable, remove_actions
from tests.conftest import seed_examples
from tests.core.aws_examples import examples
from tests.core.policies import BASE, CHANNEL, CLEAN_MULTI_SERVICE, USER

CATALOG = load_catalog()
MESSAGING = sorted(a.name for a in CATALOG.messaging_actions)
RESOURCES = [USER, CHANNEL, f"{BASE}/user/${{aws:username}}", BASE, "*"]
CONDITIONS = [
    {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
    {"StringEquals": {"aws:RequestedRegion": "us-east-1"}},
    {"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}},
]

# The audit's file: one conditioned statement with the author's Sid.
COND_SINGLE = (
    '{"Version":"2012-10-17","Statement":[{"Sid":"DeleteOnlyWithMfa","Effect":"Allow",'
    '"Action":"chime:DeleteChannel","Resource":'
    '"arn:aws:chime:us-east-1:123456789012:app-instance/app1/channel/*",'
    '"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}'
)


def _takes_ticks(text: str) -> bool:
    """Reads as JSON with a Statement list (a single statement object takes no new one, and
    the backend page's elided `...` list reads as nothing)."""
    try:
        return isinstance(json.loads(text)["Statement"], list)
    except ValueError:
        return False


REAL = [
    t
    for t in [
        COND_SINGLE,
        CLEAN_MULTI_SERVICE,
        *(fix_all(e.text) for e in examples()),
        *(fix_all(t) for t in seed_examples()),
    ]
    if _takes_ticks(t)
]


@st.composite
def user_statements(draw: st.DrawFn) -> dict[str, object]:
    """A statement as people write them: their own Sid or none, a Condition or none, one
    action as a string or several in a list."""
    actions = draw(st.lists(st.sampled_from(MESSAGING), min_size=1, max_size=4, unique=True))
    body: dict[str, object] = {}
    if draw(st.booleans()):
        body["Sid"] = draw(st.sampled_from(["OnlyWithMfa", "Stmt1", "Messaging", "Admins"]))
    body["Effect"] = draw(st.sampled_from(["Allow", "Allow", "Deny"]))
    full = [f"chime:{a}" for a in actions]
    body["Action"] = full[0] if len(full) == 1 and draw(st.booleans()) else full
    body["Resource"] = draw(st.lists(st.sampled_from(RESOURCES), min_size=1, max_size=2))
    if draw(st.booleans()):
        body["Condition"] = draw(st.sampled_from(CONDITIONS))
    return body


@st.composite
def policies(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(REAL))
    body = draw(st.lists(user_statements(), min_size=1, max_size=4))
    sids = set()
    for statement in body:  # a Sid is unique in a policy
        if "Sid" in statement and statement["Sid"] in sids:
            del statement["Sid"]
        sids.add(statement.get("Sid"))
    document = {"Version": "2012-10-17", "Statement": body}
    return json.dumps(document, indent=draw(st.sampled_from([None, 2, 4])))


def _statements_naming(text: str, name: str) -> list[dict[str, object]]:
    """The Allow statements whose Action names `name`, read with json (not our reader)."""
    found = []
    for statement in json.loads(text)["Statement"]:
        actions = statement.get("Action", [])
        actions = [actions] if isinstance(actions, str) else actions
        if statement.get("Effect") == "Allow" and f"chime:{name}" in actions:
            found.append(statement)
    return found


@settings(max_examples=400, deadline=None)
@given(policies(), st.data())
def test_tick_and_untick_in_either_order_give_the_text_back(text: str, data) -> None:
    state = editing.new_state(text)
    assert state.readable
    # An action a Deny takes away is not ticked (the boxes show what the text grants).
    denied = {name for name, denial in state.denials if denial.complete}
    named = sorted({a for a in MESSAGING if _statements_naming(text, a)} - denied)
    # Half the cases untick an action the text names; the rest tick one it does not grant.
    if named and data.draw(st.booleans()):
        name = data.draw(st.sampled_from(named))
        try:
            unticked = editing.with_actions(state, state.actions - {name})
        except editing.NotReadable as refused:
            # Only when a statement granting nothing else holds the author's own writing.
            lone = [s for s in _statements_naming(text, name) if _only(s, name)]
            assert any(set(s) - {"Effect", "Action", "Resource", "Sid"} or "Sid" in s for s in lone)
            assert "Delete the statement in the text" in str(refused)
            return
        assert _statements_naming(unticked.text, name) == []  # really taken out
        again = editing.with_actions(unticked, unticked.actions | {name})
    else:
        name = data.draw(st.sampled_from([a for a in MESSAGING if a not in state.actions]))
        if name in denied:  # a tick cannot grant it: refused, naming the Deny
            with pytest.raises(editing.NotReadable, match="the Deny of"):
                editing.with_actions(state, state.actions | {name})
            return
        try:
            ticked = editing.with_actions(state, state.actions | {name})
        except editing.NotReadable as refused:
            # A Deny on the ARNs a tick writes takes it away: refused, the text untouched.
            assert f"Cannot tick {name}: the Deny of" in str(refused)
            assert any(s["Effect"] == "Deny" for s in json.loads(text)["Statement"])
            return
        assert name in ticked.actions and _statements_naming(ticked.text, name)
        again = editing.with_actions(ticked, ticked.actions - {name})
    assert again.text == text


def _only(statement: dict[str, object], name: str) -> bool:
    actions = statement["Action"]
    return (actions if isinstance(actions, list) else [actions]) == [f"chime:{name}"]


def test_unticking_the_audits_conditioned_statement_is_refused_with_its_sid() -> None:
    state = editing.new_state(COND_SINGLE)
    with pytest.raises(editing.NotReadable, match=r'"DeleteOnlyWithMfa".*Sid and Condition'):
        editing.with_actions(state, frozenset())
    with pytest.raises(NotEditable):  # `chime-policy edit --remove-action` too
        remove_actions(COND_SINGLE, ["DeleteChannel"], CATALOG)


def test_reticking_an_action_taken_from_a_conditioned_list_puts_it_back_there() -> None:
    text = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "OnlyWithMfa",
                    "Effect": "Allow",
                    "Action": ["chime:DeleteChannel", "chime:UpdateChannel"],
                    "Resource": CHANNEL,
                    "Condition": CONDITIONS[0],
                }
            ],
        },
        indent=4,
    )
    state = editing.new_state(text)
    unticked = editing.with_actions(state, frozenset({"UpdateChannel"}))
    assert '"chime:DeleteChannel"' not in unticked.text
    assert editing.with_actions(unticked, frozenset(state.actions)).text == text


@pytest.mark.parametrize(
    ("sid", "generated"),
    [
        ("ChimeUserChannel", True),
        ("ChimeUserChannel2", True),  # numbered: the file had that Sid already
        ("ChimeAnyResource", True),
        ("ChimeMediaPipelineVoiceConnector", True),  # any catalog resource type's words
        ("ChimeUsersBots", True),
        ("DeleteOnlyWithMfa", False),
        ("Chime", False),
        ("ChimeAdmins", False),
        ("ChimeUserX", False),
        ("PermissionToRegisterEndpoint", False),
    ],
)
def test_the_sids_a_tick_writes_are_told_from_the_authors(sid: str, generated: bool) -> None:
    from editor.core.policy.generate import is_generated_sid

    assert is_generated_sid(sid, CATALOG) is generated
