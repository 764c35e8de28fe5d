"""Ticks as minimal edits: where an action goes, what unticking removes, and that tick then
untick gives the user's text back byte for byte."""

import json

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from editor.core.catalog.catalog import load_catalog
from editor.core.json.read import fix_all, read_json
from editor.core.policy import editing
from editor.core.policy.actionedits import NotEditable, add_actions, remove_actions
from editor.core.policy.arnvalues import ArnValues
from editor.core.policy.generate import Layout, generate
from editor.core.policy.selection import granted_actions
from tests.conftest import seed_examples
from tests.core.aws_examples import REGISTER_ENDPOINT
from tests.core.policies import CHANNEL, CLEAN_MULTI_SERVICE, USER, policy, statement

CATALOG = load_catalog()
VALUES = ArnValues(
    region="us-east-1", account_id="123456789012", app_instance_id="app-1", user_id="user-1"
)
MESSAGING = sorted(a.name for a in CATALOG.messaging_actions)
EVERY = sorted(a.name for a in CATALOG.actions)  # meetings, voice ... too: `edit` takes them


def add(text: str, *names: str, layout: Layout = Layout.LEAST_PRIVILEGE) -> str:
    return add_actions(text, names, VALUES, layout, CATALOG)


def grants(text: str) -> frozenset[str]:
    return granted_actions(read_json(text).root, CATALOG)


def _crafted(names: list[str]) -> str:
    return editing.with_actions(editing.new_state(), frozenset(names)).text


POLICIES = {
    **{f"seed-{i}": fix_all(t) for i, t in enumerate(seed_examples())},
    "register-endpoint": REGISTER_ENDPOINT,
    "multi-service": CLEAN_MULTI_SERVICE,
    "two-space-crlf": CLEAN_MULTI_SERVICE.replace("    ", "  ").replace("\n", "\r\n"),
    "minified": json.dumps(json.loads(CLEAN_MULTI_SERVICE), separators=(",", ":")),
    "generated": generate(["chime:SendChannelMessage", "chime:Connect"], VALUES).to_text(),
    "aws-layout": generate(MESSAGING[:12], VALUES, Layout.AWS_EXAMPLE).to_text(),
    "empty": editing.empty_policy(),
    "crafted": _crafted(["Connect", "ListChannels", "SendChannelMessage", "DescribeChannel"]),
}


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(POLICIES)), st.sampled_from(EVERY))
def test_tick_then_untick_returns_the_text_byte_for_byte(key: str, name: str) -> None:
    text = POLICIES[key]
    assume(name not in grants(text))
    ticked = add(text, name)
    assert name in grants(ticked)  # the asserted path: the action was really added
    json.loads(ticked)
    assert remove_actions(ticked, [name], CATALOG) == text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(MESSAGING), min_size=2, max_size=12, unique=True),
    st.data(),
)
def test_untick_then_tick_on_crafted_policies_returns_the_text(names, data) -> None:
    text = _crafted(names)
    name = data.draw(st.sampled_from(names))
    once = [s for s in json.loads(text)["Statement"] if f"chime:{name}" in s["Action"]]
    assume(len(once) == 1 and len(once[0]["Action"]) > 1)  # its statement stays
    unticked = remove_actions(text, [name], CATALOG)
    assert name not in grants(unticked)
    assert add(unticked, name) == text


def test_a_tick_goes_into_the_statement_whose_arns_fit() -> None:
    text = policy(
        {"Sid": "Session", **statement(["chime:GetMessagingSessionEndpoint"], "*")},
        {"Sid": "Mine", **statement(["chime:Connect"], USER)},
        {"Sid": "Chat", **statement(["chime:SendChannelMessage"], [USER, CHANNEL])},
    )
    ticked = add(text, "ListChannelMessages")
    chat = json.loads(ticked)["Statement"][2]
    assert chat["Action"] == ["chime:ListChannelMessages", "chime:SendChannelMessage"]
    # Only the one line was inserted, at its sorted place.
    assert ticked.replace('"chime:ListChannelMessages",\n                ', "", 1) == text


def test_no_fitting_statement_appends_one_and_keeps_the_author_statements() -> None:
    ticked = add(REGISTER_ENDPOINT, "Connect")
    document = json.loads(ticked)
    assert [s.get("Sid") for s in document["Statement"]] == [
        "PermissionToRegisterEndpoint",
        "PermissionToGetAppOnPinpoint",
        "ChimeUser",
    ]
    assert document["Statement"][2]["Action"] == ["chime:Connect"]
    assert ticked.startswith(REGISTER_ENDPOINT[: REGISTER_ENDPOINT.rindex("}\n    ]")])


def test_a_conditioned_statement_is_not_widened() -> None:
    ticked = add(CLEAN_MULTI_SERVICE, "DescribeChannel")
    messaging = next(s for s in json.loads(ticked)["Statement"] if s.get("Sid") == "Messaging")
    assert "chime:DescribeChannel" not in messaging["Action"]
    assert "DescribeChannel" in grants(ticked)


def test_untick_removes_from_every_allow_and_drops_emptied_statements() -> None:
    text = policy(
        {"Sid": "A", **statement(["chime:Connect", "chime:DescribeChannel"], [USER, CHANNEL])},
        {"Sid": "ChimeUser", **statement("chime:Connect", USER)},  # a Sid a tick wrote
        {"Sid": "C", **statement(["chime:Connect"], USER, effect="Deny")},
    )
    unticked = remove_actions(text, ["connect"], CATALOG)
    document = json.loads(unticked)
    assert [s["Sid"] for s in document["Statement"]] == ["A", "C"]
    assert document["Statement"][0]["Action"] == ["chime:DescribeChannel"]
    assert document["Statement"][1]["Action"] == ["chime:Connect"]  # a Deny is not a grant


def test_untick_never_deletes_a_statement_the_author_named() -> None:
    text = policy({"Sid": "B", **statement(["chime:Connect"], USER)})  # the author's Sid
    with pytest.raises(NotEditable, match=r'statement "B".*own Sid'):
        remove_actions(text, ["Connect"], CATALOG)


def test_an_action_a_wildcard_grants_stays_granted_and_the_wildcard_stays() -> None:
    unticked = remove_actions(CLEAN_MULTI_SERVICE, ["ListChannels"], CATALOG)
    assert unticked == CLEAN_MULTI_SERVICE and "ListChannels" in grants(unticked)


# AWS's MFA example writes its one statement as an object, not a list (IAM User Guide,
# "AWS: Allows access based on date and time"): pretty, one line, CRLF.
_SINGLE = {"Version": "2012-10-17", "Statement": statement("chime:Connect", USER)}


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(_SINGLE, indent=4),
        json.dumps(_SINGLE),
        json.dumps(_SINGLE, indent=2).replace("\n", "\r\n"),
    ],
    ids=["pretty", "one-line", "crlf"],
)
def test_a_single_statement_object_becomes_a_list_to_take_a_new_statement(text: str) -> None:
    """Before, the tick was refused ("make it a list"). The object is kept line for line and
    put in a list with the new statement after it; json.loads reads both."""
    ticked = add(text, "GetMessagingSessionEndpoint")
    document = json.loads(ticked)
    assert document["Statement"][0] == _SINGLE["Statement"]
    assert len(document["Statement"]) == 2
    assert document["Statement"][1]["Action"] == ["chime:GetMessagingSessionEndpoint"]
    newline = "\r\n" if "\r\n" in text else "\n"
    inner = text.split(newline)[3:-2]  # the object's members, as the file writes them
    assert all(line in ticked.split(newline) for line in inner)
    assert ("\r\n" in ticked) == ("\r\n" in text)


def test_a_new_statement_never_repeats_a_sid() -> None:
    text = policy({"Sid": "ChimeUser", **statement("chime:Connect", USER)})  # a string Action
    ticked = add(text, "ListChannels")
    assert [s["Sid"] for s in json.loads(ticked)["Statement"]] == ["ChimeUser", "ChimeUser2"]
