"""A tick in a policy of a CloudFormation template writes its new ARNs the way the template
writes them: its own references, CloudFormation's pseudo parameters where it has none, and a
parameter plainly named for an ID. The saved template passes cfn-lint, and our own checks find
no error the tick made."""

from __future__ import annotations

from typing import Any

import pytest

from editor.core.export.containers import find_container, lint_embedded, write_back
from editor.core.lint.engine import LintOptions
from editor.core.policy import editing
from editor.core.text.findings import Severity
from tests.core.template_examples import TEMPLATE
from tests.core.template_ticks import (
    CHAT_DEMO,
    CHAT_USER_POLICY,
    JOINED,
    LONG_JSON,
    LONG_YAML_EMPTY,
    cfn_errors,
    decoded,
    resources_of,
)

SUB = "arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/"
HEAD = "${TriggerChimeAppInstanceLambda.AppInstanceArn}"  # the chat demo's app instance
ANY_PARTITION = "arn:${AWS::Partition}:chime:${AWS::Region}:${AWS::AccountId}:app-instance/"

# (template, file name, policy index, actions ticked, new Resource entries, our errors left)
CASES = [
    pytest.param(
        TEMPLATE,
        "stack.yaml",
        1,
        {"CreateChannel"},
        [{"Fn::Sub": SUB + "${AppInstanceId}/user/${!cognito-identity.amazonaws.com:sub}"}],
        [],
        id="audit-template-own-references",
    ),
    pytest.param(
        CHAT_DEMO,
        "chat.yaml",
        1,
        {"DescribeAppInstanceUser"},
        # Its app instance is `*` and it has no parameter for one: a new grant is not widened
        # to every app instance unasked; the placeholder asks for the ID.
        [{"Fn::Sub": SUB + "{app_instance_id}/user/*"}],
        ["'{app_instance_id}' is a placeholder"],
        id="chime-chat-demo-app-instance-star",
    ),
    pytest.param(
        CHAT_USER_POLICY,
        "chat.yaml",
        1,
        {"DescribeChannel"},
        [
            {"Fn::Sub": HEAD + "/user/${!cognito-identity.amazonaws.com:sub}"},
            {"Fn::Sub": HEAD + "/channel/*"},
        ],
        [],
        id="chime-chat-demo-join-on-the-app-instance-getatt",
    ),
    pytest.param(
        JOINED,
        "chat.yaml",
        0,
        {"DescribeAppInstance"},
        [{"Fn::Sub": "arn:aws:chime:us-east-1:${AWS::AccountId}:app-instance/${AppInstanceId}"}],
        [],
        id="join-pieces-as-the-template-joins-them",
    ),
    pytest.param(
        LONG_JSON,
        "chat.json",
        0,
        {"SendChannelMessage"},
        [
            {"Fn::Sub": ANY_PARTITION + "${AppInstanceId}/user/${AppInstanceUserId}"},
            {"Fn::Sub": ANY_PARTITION + "${AppInstanceId}/channel/*"},
        ],
        [],
        id="json-long-form-partition-and-parameter",
    ),
    pytest.param(
        LONG_YAML_EMPTY,
        "chat.yaml",
        0,
        {"DescribeAppInstance"},
        [{"Fn::Sub": ANY_PARTITION + "${AppInstanceId}"}],
        [],
        id="yaml-long-form-no-chime-arn-yet",
    ),
    pytest.param(
        LONG_YAML_EMPTY.replace("AppInstanceId:\n    Type", "DemoName:\n    Type"),
        "chat.yaml",
        0,
        {"DescribeAppInstance"},
        [{"Fn::Sub": ANY_PARTITION + "{app_instance_id}"}],
        ["'{app_instance_id}' is a placeholder"],
        id="no-parameter-for-the-id-a-placeholder",
    ),
]


def tick(template: str, name: str, index: int, actions: set[str]) -> str:
    """The template saved after ticking `actions` in its policy `index`."""
    container = find_container(template, name)
    assert container is not None
    embedded = container.policies[index]
    state = editing.new_state(embedded.text)
    ticked = editing.with_actions(state, state.actions | actions, embedded.parameters)
    return write_back(template, embedded, ticked.text)


def policy_at(template: dict[str, Any], index: int) -> dict[str, Any]:
    """The `index`th IAM policy document of a template CloudFormation has read."""
    found = []
    for resource in template["Resources"].values():
        props = resource.get("Properties", {})
        for key in ("AssumeRolePolicyDocument", "PolicyDocument"):
            if key in props:
                found.append(props[key])
        found.extend(p["PolicyDocument"] for p in props.get("Policies", []))
    return dict(found[index])


@pytest.mark.parametrize(("template", "name", "index", "actions", "arns", "left"), CASES)
def test_a_tick_writes_the_templates_own_arns(
    template: str, name: str, index: int, actions: set[str], arns: list[Any], left: list[str]
) -> None:
    saved = tick(template, name, index, actions)
    assert cfn_errors(saved) == cfn_errors(template) == []
    before = resources_of(policy_at(decoded(template, name), index))
    after = resources_of(policy_at(decoded(saved, name), index))
    assert after[: len(before)] == before and after[len(before) :] == arns
    again = find_container(saved, name)
    assert again is not None
    errors = [
        f.message
        for e in again.policies
        for f in lint_embedded(saved, e, LintOptions()).findings
        if f.severity is Severity.ERROR
    ]
    assert len(errors) == len(left)
    assert all(m.startswith(expected) for m, expected in zip(errors, left, strict=True))


def test_outside_a_template_a_tick_writes_awss_placeholders() -> None:
    """A plain policy file has no stack to refer to: the form's placeholders, as ever."""
    state = editing.new_state('{"Version": "2012-10-17", "Statement": []}')
    ticked = editing.with_actions(state, frozenset({"DescribeAppInstance"}))
    assert "arn:aws:chime:region:{aws_account_id}:app-instance/{app_instance_id}" in ticked.text
