"""Policies a template writes as JSON strings (`PolicyDocument: |`, a quoted JSON string) are
offered, checked at the template's own lines and columns, and saved back as the same kind of
string; `Fn::Join` ARNs are the stack's values, never errors."""

from __future__ import annotations

import json

import pytest

from editor.core.export.containers import find_container, lint_embedded, write_back
from editor.core.lint.engine import LintOptions, fix_all
from editor.core.policy.kinds import PolicyKind
from editor.core.text.findings import Severity
from tests.core.template_ticks import CHAT_USER_POLICY, JOINED, JSON_STRINGS, cfn_errors, decoded

COMPREHEND = "${DemoName}-ProcessorLambda-ComprehendAccess"  # a !Sub PolicyName


def policies(template: str) -> dict[str, object]:
    container = find_container(template, "stack.yaml")
    assert container is not None
    return {e.label: e for e in container.policies}


def test_json_string_policies_are_offered_with_the_kind_of_their_place() -> None:
    found = policies(JSON_STRINGS)
    assert list(found) == [
        "ProcessorLambdaRole › AssumeRolePolicyDocument (AWS::IAM::Role)",
        # named by their !Sub PolicyName as written (the chooser said "policy 1", "policy 2")
        "ProcessorLambdaRole › ${DemoName}-ProcessorLambda-ComprehendAccess (AWS::IAM::Role)",
        "ProcessorLambdaRole › ${DemoName}-ProcessorLambda-ChimeMessagingSDKAccess"
        " (AWS::IAM::Role)",
    ]
    trust = found["ProcessorLambdaRole › AssumeRolePolicyDocument (AWS::IAM::Role)"]
    assert trust.kind is PolicyKind.TRUST  # type: ignore[attr-defined]
    assert json.loads(trust.text)["Statement"][0]["Action"] == "sts:AssumeRole"  # type: ignore[attr-defined]


def test_a_finding_in_a_json_block_is_at_the_templates_line_and_column() -> None:
    container = find_container(JSON_STRINGS, "stack.yaml")
    assert container is not None
    findings = [
        (f.line, f.column, f.code, JSON_STRINGS[f.start : f.end])
        for e in container.policies
        for f in lint_embedded(JSON_STRINGS, e, LintOptions()).findings
        if f.severity is not Severity.INFO
    ]
    line = (
        JSON_STRINGS.splitlines().index('                            "chime:Listsubchannels"') + 1
    )
    assert (line, 29, "action/miscased", '"chime:Listsubchannels"') in findings


def test_fixing_a_json_block_changes_only_that_line() -> None:
    embedded = policies(JSON_STRINGS)[f"ProcessorLambdaRole › {COMPREHEND} (AWS::IAM::Role)"]
    fixed = fix_all(embedded.text, LintOptions())  # type: ignore[attr-defined]
    saved = write_back(JSON_STRINGS, embedded, fixed)  # type: ignore[arg-type]
    assert saved == JSON_STRINGS.replace("chime:Listsubchannels", "chime:ListSubChannels")
    assert cfn_errors(saved) == []


@pytest.mark.parametrize("label", [COMPREHEND, "AssumeRolePolicyDocument"])
def test_a_statement_added_to_a_json_string_policy_is_saved_as_that_string(label: str) -> None:
    embedded = policies(JSON_STRINGS)[f"ProcessorLambdaRole › {label} (AWS::IAM::Role)"]
    document = json.loads(embedded.text)  # type: ignore[attr-defined]
    text = embedded.text  # type: ignore[attr-defined]
    if label == COMPREHEND:
        added: dict[str, object] = {"Effect": "Allow", "Action": "chime:Connect", "Resource": "*"}
    else:
        added = {
            "Effect": "Allow",
            "Principal": {"Service": "messaging.chime.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    last = text.rindex("}", 0, text.rindex("]"))  # the end of the last statement
    edited = text[: last + 1] + ",\n" + json.dumps(added) + text[last + 1 :]
    saved = write_back(JSON_STRINGS, embedded, edited)  # type: ignore[arg-type]
    assert cfn_errors(saved) == []
    role = decoded(saved, "stack.yaml")["Resources"]["ProcessorLambdaRole"]["Properties"]
    string = (
        role["AssumeRolePolicyDocument"]
        if "Assume" in label
        else role["Policies"][0]["PolicyDocument"]
    )
    assert isinstance(string, str)  # still a JSON string, as the template wrote it
    assert json.loads(string)["Statement"] == [*document["Statement"], added]
    # Lines of the template the edit changed: the block's last statement's `}` (now `},`);
    # the one line of the quoted string.
    changed = [line for line in JSON_STRINGS.splitlines() if line not in saved.splitlines()]
    block = "                    }"
    assert changed == ([block] if label == COMPREHEND else [JSON_STRINGS.splitlines()[10]])


@pytest.mark.parametrize("template", [JOINED, CHAT_USER_POLICY], ids=["joined", "chat-demo-getatt"])
def test_join_arns_are_the_stacks_values_never_errors(template: str) -> None:
    container = find_container(template, "stack.yaml")
    assert container is not None
    errors = [
        f.message
        for e in container.policies
        for f in lint_embedded(template, e, LintOptions()).findings
        if f.severity is Severity.ERROR
    ]
    assert errors == []


# Pieces of the Chime SDK samples' templates (aws-samples/amazon-chime-sdk: apps/chat/src/
# backend/serverless/template.yaml and apps/moderated-chat-and-sentiment-analysis/backend/
# template.yaml) where a template's value was read as an error.
_ROLE = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
SAMPLE_PIECES = [
    pytest.param(
        _ROLE + "  AuthLambdaUserRole:\n"
        '    Type: "AWS::IAM::Role"\n'
        "    Properties:\n"
        "      AssumeRolePolicyDocument:\n"
        '        Version: "2012-10-17"\n'
        "        Statement:\n"
        '          - Effect: "Allow"\n'
        "            Principal:\n"
        "              AWS: !GetAtt AuthLambdaIAMRole.Arn\n"
        "            Action:\n"
        '              - "sts:AssumeRole"\n',
        1,
        id="principal-getatt",
    ),
    pytest.param(
        _ROLE + "  s3BucketForAssetsPolicy:\n"
        "    Type: 'AWS::S3::BucketPolicy'\n"
        "    Properties:\n"
        "      Bucket: !Ref s3BucketForAssets\n"
        "      PolicyDocument:\n"
        "        Statement:\n"
        "          - Action: 's3:*'\n"
        "            Resource: !Sub ${s3BucketForAssets.Arn}/*\n"
        "            Effect: Deny\n"
        "            Principal: '*'\n"
        "            Condition:\n"
        "              Bool:\n"
        "                'aws:SecureTransport': false\n",
        1,
        id="sub-reference-is-no-iam-variable",
    ),
    pytest.param(
        _ROLE + "  PushNotificationPolicy:\n"
        '    Type: "AWS::IAM::Policy"\n'
        "    Properties:\n"
        "      PolicyName: push\n"
        "      PolicyDocument:\n"
        '        Version: "2012-10-17"\n'
        "        Statement:\n"
        '          - Effect: "Allow"\n'
        "            Action:\n"
        '              - "mobiletargeting:SendMessages"\n'
        "            Resource:\n"
        "              - !Join ['', [!GetAtt PinpointApplication.Arn, '/messages']]\n",
        1,
        id="join-on-another-services-getatt",
    ),
    pytest.param(
        _ROLE + "  AuthLambdaUserRole:\n"
        '    Type: "AWS::IAM::Role"\n'
        "    Properties:\n"
        '      AssumeRolePolicyDocument: !Sub "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":'
        '[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"AWS\\":\\"arn:aws:iam::${AWS::AccountId}:root\\"},'
        '\\"Action\\":\\"sts:AssumeRole\\"}]}"\n',
        0,
        id="sub-of-a-json-string-not-offered",
    ),
]


@pytest.mark.parametrize(("template", "offered"), SAMPLE_PIECES)
def test_a_templates_values_in_the_samples_are_never_errors(template: str, offered: int) -> None:
    container = find_container(template, "stack.yaml")
    assert container is not None and len(container.policies) == offered
    errors = [
        (f.code, f.message)
        for e in container.policies
        for f in lint_embedded(template, e, LintOptions()).findings
        if f.severity is Severity.ERROR
    ]
    assert errors == []  # (pieces: the resources they refer to are elsewhere in the samples)
