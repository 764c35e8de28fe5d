"""The editor's state transitions, without Qt: what the window's undo steps are made of."""

import json

import pytest

from editor.core.policy import editing
from editor.core.policy.editing import NotReadable
from editor.core.policy.generate import Layout


def granted(text: str) -> set[str]:
    actions: set[str] = set()
    for statement in json.loads(text)["Statement"]:
        value = statement["Action"]
        actions.update([value] if isinstance(value, str) else value)
    return actions


def test_new_state_is_an_empty_policy() -> None:
    state = editing.new_state()
    assert json.loads(state.text) == {"Version": "2012-10-17", "Statement": []}
    assert state.actions == frozenset() and state.field("partition") == "aws"


def test_ticking_writes_the_actions_and_unticking_removes_them() -> None:
    state = editing.with_actions(editing.new_state(), frozenset({"Connect", "DescribeChannel"}))
    assert granted(state.text) == {"chime:Connect", "chime:DescribeChannel"}
    state = editing.with_actions(state, frozenset({"Connect"}))
    assert granted(state.text) == {"chime:Connect"}


@pytest.mark.parametrize(
    ("name", "raw", "in_text", "error"),
    [
        ("account_id", "123456789012", ":123456789012:", None),
        ("account_id", "12345", "{aws_account_id}", "12 digits"),
        ("region", "eu-central-1", ":eu-central-1:", None),
        ("region", "moon-1", ":region:", "region code"),
        ("user_id", "${aws:username}", "/user/${aws:username}", None),
    ],
)
def test_fields_fill_arns_only_when_valid(name, raw, in_text, error) -> None:
    state = editing.with_actions(editing.new_state(), frozenset({"Connect"}))
    state = editing.with_field(state, name, raw)
    assert in_text in state.text
    assert (
        state.errors().get(name, None) is None if error is None else error in state.errors()[name]
    )


def test_typed_text_moves_ticks_and_fields() -> None:
    text = editing.with_field(
        editing.with_actions(editing.new_state(), frozenset({"Connect"})),
        "account_id",
        "123456789012",
    ).text
    state = editing.with_text(editing.new_state(), text.replace("Connect", "DescribeChannel"))
    assert state.actions == {"DescribeChannel"}
    assert state.field("account_id") == "123456789012"


def test_broken_text_keeps_ticks_and_refuses_to_regenerate() -> None:
    state = editing.with_actions(editing.new_state(), frozenset({"Connect"}))
    broken = editing.with_text(state, state.text.replace('",', '"', 1))
    assert not broken.readable and broken.actions == {"Connect"}
    with pytest.raises(NotReadable):
        editing.with_actions(broken, frozenset())


def test_layout_and_indent() -> None:
    state = editing.with_actions(editing.new_state(), frozenset({"Connect", "SendChannelMessage"}))
    example = editing.with_layout(state, Layout.AWS_EXAMPLE)
    assert len(json.loads(example.text)["Statement"]) == 1
    minified = editing.with_layout(example, Layout.AWS_EXAMPLE, 0)
    assert "\n" not in minified.text.strip()
    assert granted(minified.text) == granted(example.text)


def test_needed_fields_follow_the_actions() -> None:
    assert editing.needed_fields(frozenset()) == set()
    assert editing.needed_fields(frozenset({"Connect"})) == set()  # the user's own ARN only
    assert editing.needed_fields(frozenset({"SendChannelMessage"})) == {
        "as_bot",  # a bot may send as itself
        "bot_id",
        "channel_id",
    }
    assert editing.needed_fields(frozenset({"AssociateChannelFlow"})) == {
        "as_bot",
        "bot_id",
        "channel_id",
        "channel_flow_id",
    }
    assert editing.needed_fields(frozenset({"DeleteAppInstanceUser"})) == {"target_user_ids"}


def test_caller_and_targets_rewrite_a_new_policy_but_not_an_opened_file() -> None:
    state = editing.with_actions(editing.new_state(), frozenset({"SendChannelMessage"}))
    state = editing.with_field(state, "bot_id", "bot-1")
    assert "/bot/" not in state.text  # a user calls: no bot ARN
    as_bot = editing.with_field(state, "as_bot", "yes")
    assert "/bot/bot-1" in as_bot.text and "/user/" not in as_bot.text
    opened = editing.new_state(state.text)
    assert editing.with_field(opened, "as_bot", "yes").text == state.text
