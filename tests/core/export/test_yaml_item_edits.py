# ruff: noqa: E501 (a template's !Sub ARNs are one line each, as written)
"""Ticks and unticks in a YAML template are edits of its own lines: an untick deletes exactly
the lines of the list item or statement it removes, a tick inserts lines written as the
template writes its own (quotes, `!Sub`, indentation); comments, tags and everything else stay
byte for byte. Checked by cfn-lint's reader and rules, and our checks."""

from __future__ import annotations

import pytest

from editor.core.export.containers import find_container, lint_embedded, write_back
from editor.core.lint.engine import LintOptions
from editor.core.policy import editing
from editor.core.text.findings import Severity
from tests.core.template_examples import TEMPLATE
from tests.core.template_ticks import CHAT_DEMO, CHAT_USER_POLICY, cfn_errors, decoded

COMMENTED = TEMPLATE.replace("Resources:\n", "Resources:\n  # the stack's chat roles\n")


def change(template: str, index: int, tick: set[str], untick: set[str]) -> str:
    container = find_container(template, "stack.yaml")
    assert container is not None
    embedded = container.policies[index]
    state = editing.new_state(embedded.text)
    wanted = (state.actions | tick) - untick
    changed = editing.with_actions(state, wanted, embedded.parameters)
    return write_back(template, embedded, changed.text)


def without(template: str, first: str, count: int) -> str:
    """The template without `count` lines from the one that reads `first`."""
    lines = template.splitlines(keepends=True)
    at = lines.index(first + "\n")
    return "".join(lines[:at] + lines[at + count :])


# (template, policy index, action unticked, first removed line, lines removed)
UNTICKS = [
    pytest.param(
        COMMENTED,
        1,
        "ListChannelMessages",
        "              - chime:ListChannelMessages",
        1,
        id="plain-action",
    ),
    pytest.param(
        CHAT_DEMO,
        1,
        "DescribeChannel",
        '                  - "chime:DescribeChannel"',
        1,
        id="quoted-action",
    ),
    pytest.param(
        CHAT_USER_POLICY,
        1,
        "Connect",
        '                  - "chime:Connect"',
        1,
        id="last-action-before-resources",
    ),
    pytest.param(
        CHAT_USER_POLICY,
        1,
        "GetMessagingSessionEndpoint",
        '              - Effect: "Allow"',
        4,
        id="whole-statement",
    ),
]


@pytest.mark.parametrize(("template", "index", "action", "first", "count"), UNTICKS)
def test_an_untick_deletes_exactly_the_lines_of_what_it_removes(
    template: str, index: int, action: str, first: str, count: int
) -> None:
    saved = change(template, index, set(), {action})
    assert saved == without(template, first, count)
    assert cfn_errors(saved) == []
    assert f"chime:{action}" not in str(decoded(saved, "stack.yaml")["Resources"])


TICKS = [
    pytest.param(
        COMMENTED,
        1,
        "CreateChannel",
        "          - Sid: ChimeUser\n"
        "            Effect: Allow\n"
        "            Action:\n"
        "              - chime:CreateChannel\n"
        "            Resource: !Sub 'arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/${AppInstanceId}/user/${!cognito-identity.amazonaws.com:sub}'\n",
        id="plain-and-single-quoted-sub",
    ),
    pytest.param(
        CHAT_DEMO,
        1,
        "DescribeAppInstanceUser",
        '              - Sid: "ChimeUsers"\n'
        '                Effect: "Allow"\n'
        "                Action:\n"
        '                  - "chime:DescribeAppInstanceUser"\n'
        '                Resource: !Sub "arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/{app_instance_id}/user/*"\n',
        id="double-quoted-like-the-chat-demo",
    ),
]


@pytest.mark.parametrize(("template", "index", "action", "added"), TICKS)
def test_a_tick_inserts_lines_written_as_the_template_writes(
    template: str, index: int, action: str, added: str
) -> None:
    saved = change(template, index, {action}, set())
    assert saved == template + added  # the policy is the file's last: appended at its end
    assert cfn_errors(saved) == []
    again = find_container(saved, "stack.yaml")
    assert again is not None
    errors = [
        f.message
        for e in again.policies
        for f in lint_embedded(saved, e, LintOptions()).findings
        if f.severity is Severity.ERROR
    ]
    # none the tick made, but the placeholder it leaves to be filled (no precedent for it)
    assert errors == [e for e in errors if "'{app_instance_id}' is a placeholder" in e]
    assert len(errors) == added.count("{app_instance_id}")
    assert change(saved, index, set(), {action}) == template  # and the untick takes it away


def test_an_action_ticked_into_a_statement_goes_in_as_a_line_of_its_list() -> None:
    """DescribeChannel needs the caller's user and a channel: the statement whose `!Sub` ARNs
    are those takes it, as one more line of its list (the list is not sorted: at its end)."""
    saved = change(COMMENTED, 1, {"DescribeChannel"}, set())
    line = "              - chime:Connect\n"
    assert saved == COMMENTED.replace(line, line + "              - chime:DescribeChannel\n")
    assert cfn_errors(saved) == []
    assert change(saved, 1, set(), {"DescribeChannel"}) == COMMENTED


# The chat demo's channel-flow template writes a comment above each resource, after a blank
# line (aws-samples/amazon-chime-sdk, apps/chat/src/backend/serverless/
# channelFlowBlogTemplate.yaml: "# Assigns the roles to the Identity Pool").
FOLLOWED = CHAT_DEMO + (
    '\n  # Assigns the roles to the Identity Pool\n  DemoQueue:\n    Type: "AWS::SQS::Queue"\n'
)


def test_a_tick_goes_above_the_blank_line_and_comment_of_the_next_resource() -> None:
    """The final walkthrough's tick landed under the next resource's comment: valid YAML, but
    the comment then read as the new statement's."""
    saved = change(FOLLOWED, 1, {"DescribeAppInstanceUser"}, set())
    comment = "\n  # Assigns the roles to the Identity Pool\n  DemoQueue:\n"
    assert comment in saved
    head, _, _ = saved.partition(comment)
    assert head.endswith('/user/*"\n')  # the new statement's last line, then the blank line
    assert cfn_errors(saved) == []
    assert change(saved, 1, set(), {"DescribeAppInstanceUser"}) == FOLLOWED


def test_an_untick_of_the_last_item_keeps_the_next_resources_comment() -> None:
    saved = change(FOLLOWED, 1, set(), {"UpdateChannel"})
    assert saved == FOLLOWED.replace('                  - "chime:UpdateChannel"\n', "")
