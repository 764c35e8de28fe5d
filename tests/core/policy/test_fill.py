"""ARN values found and filled in place: the placeholder recogniser, the slots of a policy, and
filling AWS's own published examples (form and `chime-policy fill` share this engine)."""

import difflib
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.catalog.arn import is_placeholder, placeholders
from editor.core.catalog.catalog import load_catalog
from editor.core.json.read import fix_all, read_json
from editor.core.lint.engine import lint
from editor.core.policy import editing
from editor.core.policy.arnfields import FIELDS
from editor.core.policy.arnslots import field_values, fill_edits, fill_text, find_slots
from editor.core.policy.generate import generate
from editor.core.policy.selection import read_selection
from editor.core.text.findings import apply_edits
from tests.core.aws_examples import examples
from tests.core.policies import USER, policy, statement

VALUES = {
    "region": "us-east-1",
    "account_id": "123456789012",
    "app_instance_id": "4d2f7a10-ffff-4b6c-9a3e-0123456789ab",
    "user_id": "${aws:username}",
    "other:project_id": "a1b2c3d4e5f6",
}


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("region", "region", True),
        ("Region", "region", True),
        ("your-region", "region", True),
        ("${Region}", "region", True),
        ("us-east-1", "region", False),
        ("*", "region", False),
        ("{aws_account_id}", "account", True),
        ("aws_account_id", "account", True),
        ("<ACCOUNT_ID>", "account", True),
        ("[Account-Id]", "account", True),
        ("AWS account ID", "account", True),
        ("123456789012", "account", False),
        ("app_instance_id", "resource", True),
        ("app_instance_user_id", "resource", True),
        ("project_id", "resource", True),
        ("APP_INSTANCE_ID", "resource", True),
        ("{app_instance_id}", "resource", True),
        ("<user-id>", "resource", True),
        ("backend_worker", "resource", False),  # a real user ID in AWS's example
        ("${aws:username}", "resource", False),  # an IAM policy variable, resolved by IAM
        ("${aws:PrincipalTag/team}", "resource", False),
        ("${*}", "resource", False),
        ("4d2f7a10-ffff-4b6c", "resource", False),
        ("*", "resource", False),
    ],
)
def test_placeholders_in_all_their_written_forms(text: str, field: str, expected: bool) -> None:
    assert is_placeholder(text, field) is expected


def test_placeholders_are_found_in_each_field_of_an_arn() -> None:
    value = "arn:aws:chime:region:aws_account_id:app-instance/app_instance_id/user/${aws:username}"
    assert [s.text for s in placeholders(value)] == ["region", "aws_account_id", "app_instance_id"]


def test_the_document_values_are_read_from_every_resource_arn_of_any_statement() -> None:
    other_account = USER.replace("123456789012", "210987654321")
    text = policy(
        {"Sid": "Mine", **statement("chime:Connect", USER)},
        statement("sns:Publish", ["arn:aws:sns:region:123456789012:topic", other_account]),
        statement(
            "sns:Publish",
            "arn:aws:sns:us-east-1:123456789012:topic",
            Condition={"ArnLike": {"aws:SourceArn": USER.replace("123456789012", "999999999999")}},
        ),
    )
    held = field_values(find_slots(read_json(text).root, load_catalog()))
    # A condition's real value is the author's constraint, not a value of the form's.
    assert held["account_id"].values == ("123456789012", "210987654321")
    assert held["region"].values == ("us-east-1",) and held["region"].placeholders == ("region",)
    selection = read_selection(text)
    assert selection.conflicts["account_id"] == ("123456789012", "210987654321")
    assert selection.unfilled == {"region": ("region",)}


def _placeholder_spans(text: str, written: dict[str, str]) -> list[tuple[int, int, str]]:
    """Where the page's placeholders stand in its ARNs, with the field each is for: found by
    the test itself, not by the recogniser under test."""
    spans = []
    for p, field in written.items():
        for m in re.finditer(r"(?<=[:/])" + re.escape(p) + r'(?=[:/"])', text):
            spans.append((m.start(), m.end(), field))
    return sorted(spans)


@pytest.mark.parametrize("example", examples(), ids=lambda e: e.name)
def test_filling_aws_examples_leaves_no_placeholder_and_touches_only_them(example) -> None:
    changes = {field: VALUES[field] for field in set(example.placeholders.values())}
    before = [f for f in lint(example.text).findings if f.code == "resource/placeholder"]
    assert len(before) >= len(changes)
    filled = fill_text(example.text, changes)
    after = [f for f in lint(filled).findings if f.code == "resource/placeholder"]
    assert after == []
    spans = _placeholder_spans(example.text, example.placeholders)
    matcher = difflib.SequenceMatcher(None, example.text, filled, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            assert any(s <= i1 and i2 <= e for s, e, _ in spans), example.text[i1 - 10 : i2 + 10]
    # The oracle: the page's text with each placeholder span replaced by its value.
    expected, pos = [], 0
    for start, end, field in spans:
        expected += [example.text[pos:start], VALUES[field]]
        pos = end
    assert filled == "".join(expected) + example.text[pos:]


# The backend page elides its action list with `...`: no fix makes it read, so the form waits
# (tests/ui/test_in_place.py); `chime-policy fill` fills it all the same (above).
READABLE = [e for e in examples() if e.placeholders and e.name != "call-from-backend"]


@pytest.mark.parametrize("example", READABLE, ids=lambda e: e.name)
def test_the_forms_fields_fill_aws_examples_as_the_cli_does(example) -> None:
    """The form's transition (one field at a time, as typed) on each example that reads."""
    text = fix_all(example.text)  # the page's syntax slips repaired first, as Fix all would
    state = editing.new_state(text)
    assert state.readable
    for field in sorted(set(example.placeholders.values())):
        state = editing.with_field(state, field, VALUES[field])
    assert [f for f in lint(state.text).findings if f.code == "resource/placeholder"] == []
    changes = {field: VALUES[field] for field in set(example.placeholders.values())}
    assert state.text == fill_text(text, changes)


def test_the_backend_example_keeps_its_real_user_id() -> None:
    example = next(e for e in examples() if e.name == "call-from-backend")
    filled = fill_text(example.text, {"region": "eu-central-1", "account_id": "123456789012"})
    assert "/user/backend_worker" in filled and ":eu-central-1:123456789012:" in filled


def test_several_values_one_chosen_is_replaced_elsewhere_nothing() -> None:
    other = USER.replace("123456789012", "210987654321")
    text = policy(statement("chime:Connect", [USER, other]))
    state = editing.new_state(text)
    assert state.held["account_id"].values == ("123456789012", "210987654321")
    one = editing.with_field(state, "account_id", "555555555555", target="210987654321")
    assert "123456789012" in one.text and "210987654321" not in one.text
    assert one.text.count("555555555555") == 1
    every = editing.with_field(state, "account_id", "555555555555")
    assert every.text.count("555555555555") == 2


def test_an_administrators_any_user_is_not_narrowed_by_typing_a_user() -> None:
    text = policy(statement("chime:DeleteAppInstanceUser", USER.replace("user-1", "*")))
    state = editing.with_field(editing.new_state(text), "user_id", "alice")
    assert state.text == text  # user/* means every user; typing one does not change it
    chosen = editing.with_field(editing.new_state(text), "user_id", "alice", target="*")
    assert "/user/alice" in chosen.text


def test_escaped_strings_are_rewritten_whole_and_still_read() -> None:
    text = policy(statement("chime:Connect", "arn:aws:chime:region:123456789012:app-instance/a"))
    text = text.replace("app-instance/a", "app-instance\\/a")
    state = editing.with_field(editing.new_state(text), "region", "us-east-1")
    assert json.loads(state.text)["Statement"][0]["Resource"].startswith("arn:aws:chime:us-east-1:")


POLICIES = [e.text for e in examples() if e.placeholders] + [
    generate(["chime:SendChannelMessage", "chime:Connect", "chime:DescribeChannelFlow"]).to_text()
]


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_filling_a_field_with_its_current_value_changes_nothing(data) -> None:
    text = data.draw(st.sampled_from(POLICIES))
    slots = find_slots(read_json(text).root, load_catalog())
    slot = data.draw(st.sampled_from(slots))  # every policy here has ARNs: always asserted
    assert apply_edits(text, fill_edits(text, slots, slot.field, slot.text, {slot.text})) == text
    held = field_values(slots)[slot.field]
    if len(held.texts) == 1:  # the only text the field holds: the default replaces just it
        assert fill_text(text, {slot.field: slot.text}) == text
    if not slot.placeholder and slot.field in FIELDS and editing.new_state(text).readable:
        state = editing.new_state(text)
        assert editing.with_field(state, slot.field, slot.text, target=slot.text).text == text
