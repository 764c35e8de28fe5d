"""Policies inside templates, Terraform files and doc pages: found, checked at the
container's own lines, their kind from their place, and written back in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from cfnlint.api import ManualArgs
from cfnlint.api import lint as cfn_lint

from editor.core.catalog.catalog import load_personas
from editor.core.export.containers import find_container, lint_embedded, write_back
from editor.core.export.formats import Format, export
from editor.core.lint.engine import LintOptions
from editor.core.policy.arnvalues import ArnValues
from editor.core.policy.generate import Layout, generate
from editor.core.policy.kinds import PolicyKind
from editor.core.text.findings import Severity
from tests.core.policies import CLEAN_MULTI_SERVICE

SEED = Path(__file__).parents[3] / "tools" / "sources" / "aws_example_iam_roles.md"
VALUES = ArnValues(
    region="us-east-1",
    account_id="123456789012",
    app_instance_id="app-1",
    user_id="${aws:username}",
)


def _findings(text: str, name: str = "") -> list[tuple[int, str, str]]:
    container = find_container(text, name)
    assert container is not None and container.policies
    return [
        (f.line, f.code, text[f.start : f.end])
        for e in container.policies
        for f in lint_embedded(text, e, LintOptions()).findings
    ]


def _cfn_errors(template: str) -> list[str]:
    matches = cfn_lint(template, config=ManualArgs(regions=["us-east-1"]))
    return [m.rule.id for m in matches if m.rule.id.startswith("E")]


def _personas() -> dict[str, str]:
    out = {}
    for persona in load_personas().personas:
        for layout in Layout:
            out[f"{persona.id}-{layout.value}"] = generate(
                persona.actions, VALUES, layout
            ).to_text()
    out["multi-service"] = CLEAN_MULTI_SERVICE
    return out


EXPORTS = [
    (Format.CLOUDFORMATION_YAML, False),
    (Format.CLOUDFORMATION_YAML, True),
    (Format.CLOUDFORMATION_JSON, False),
    (Format.CLOUDFORMATION_JSON, True),
    (Format.TERRAFORM, False),
    (Format.TERRAFORM_DATA, False),
]


@pytest.mark.parametrize(("fmt", "sub"), EXPORTS, ids=lambda x: str(x))
@pytest.mark.parametrize("name", list(_personas()))
def test_every_export_of_this_app_reopens_without_errors(fmt: Format, sub: bool, name: str) -> None:
    policy = _personas()[name]
    exported = export(policy, fmt, "chat-users", substitute=sub)
    container = find_container(exported, "x.tf" if fmt is Format.TERRAFORM else "x.template")
    assert container is not None and len(container.policies) == 1
    found = lint_embedded(exported, container.policies[0], LintOptions()).findings
    assert [f.message for f in found if f.severity is Severity.ERROR] == []
    # and the same warnings as the policy itself had: nothing lost, nothing invented
    from editor.core.lint.engine import lint

    assert sorted(f.code for f in found if f.severity is Severity.WARNING) == sorted(
        f.code for f in lint(policy).findings if f.severity is Severity.WARNING
    )


STACK = """AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Bucket:
    Type: String
Resources:
  ChatRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: !Join ['.', [lambda, !Ref 'AWS::URLSuffix']]
            Action: sts:AssumeRole
            Resource: '*'
      Policies:
        - PolicyName: chat
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action:
                  - chime:Describeappinstance
                Resource: !Sub 'arn:${AWS::Partition}:chime:${AWS::Region}:${AWS::AccountId}:app-instance/app-1'
              - Effect: Allow
                Action: s3:GetObject
                Resource: !Sub 'arn:aws:s3:::${Bucket}/*'
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: allow chime meetings
            Effect: Allow
            Principal:
              Service: meetings.chime.amazonaws.com
            Action: sqs:SendMessage
            Resource: !GetAtt Queue.Arn
            Condition:
              ArnLike:
                aws:SourceArn: !Sub 'arn:aws:chime:us-esat-1:${AWS::AccountId}:*'
"""  # noqa: E501


def test_a_template_with_policies_of_several_kinds_in_one_run() -> None:
    container = find_container(STACK, "stack.yaml")
    assert container is not None and container.format == "cloudformation-yaml"
    assert [(e.label, e.kind) for e in container.policies] == [
        ("ChatRole › AssumeRolePolicyDocument (AWS::IAM::Role)", PolicyKind.TRUST),
        ("ChatRole › chat (AWS::IAM::Role)", PolicyKind.IDENTITY),  # a role's Policies entry
        ("QueuePolicy (AWS::SQS::QueuePolicy)", PolicyKind.RESOURCE),
    ]
    assert _findings(STACK, "stack.yaml") == [
        (16, "policy/element-not-allowed", "Resource"),  # a trust policy has no Resource
        (24, "action/miscased", "chime:Describeappinstance"),
    ]


def test_the_same_template_as_json_gives_the_same_findings_at_its_own_lines() -> None:
    class Loader(yaml.SafeLoader):
        pass

    def tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
        key = "Ref" if suffix == "Ref" else f"Fn::{suffix}"
        if isinstance(node, yaml.ScalarNode):
            value: object = loader.construct_scalar(node)
            if suffix == "GetAtt":
                value = str(value).split(".", 1)
            return {key: value}
        return {key: loader.construct_sequence(node, deep=True)}  # type: ignore[arg-type]

    Loader.add_multi_constructor("!", tag)
    text = json.dumps(yaml.load(STACK, Loader=Loader), indent=2)
    found = _findings(text, "stack.json")
    assert [(code, token) for _, code, token in found] == [
        ("policy/element-not-allowed", '"Resource"'),
        ("action/miscased", '"chime:Describeappinstance"'),
    ]
    lines = text.splitlines()
    assert all(token in lines[line - 1] for line, _, token in found)


def test_a_region_typo_inside_a_sub_is_found_at_its_place() -> None:
    text = STACK.replace("arn:aws:chime:us-esat-1:${AWS::AccountId}:*", "x")
    bad = STACK.replace(
        "Resource: !GetAtt Queue.Arn",
        "Resource: !Sub 'arn:aws:sqs:us-esat-1:${AWS::AccountId}:q'",
    )
    assert ("resource/invalid-region", "us-esat-1") in [(c, t) for _, c, t in _findings(bad)]
    assert "resource/invalid-region" not in [c for _, c, _ in _findings(text)]


def test_the_seed_page_gives_its_four_policies_and_no_prose_errors() -> None:
    page = SEED.read_text(encoding="utf-8")
    container = find_container(page, SEED.name)
    assert container is not None and container.format == "markdown"
    assert len(container.policies) == 4
    found = [f for e in container.policies for f in lint_embedded(page, e, LintOptions()).findings]
    blocks = [e.span for e in container.policies if e.span is not None]
    assert found and all(any(s <= f.start < e for s, e in blocks) for f in found)
    codes = [f.code for f in found]
    assert codes.count("json/missing-comma") == 2 and "action/miscased" in codes


TERRAFORM = """resource "aws_iam_role" "chat" {
  name = "chat"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.${data.aws_partition.current.dns_suffix}" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_sqs_queue_policy" "events" {
  queue_url = aws_sqs_queue.events.id
  policy    = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Service": "meetings.chime.amazonaws.com"},
    "Action": "sqs:SendMesage",
    "Resource": "${aws_sqs_queue.events.arn}"
  }]
}
EOF
}

resource "aws_iam_policy" "chat" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["chime:Connect", "chime:connect"]
        Resource = "arn:aws:chime:us-east-1:${var.account}:app-instance/app-1/user/$${aws:username}"
      },
    ]
  })
}
"""


def test_terraform_jsonencode_and_heredoc_policies() -> None:
    container = find_container(TERRAFORM, "main.tf")
    assert container is not None
    kinds = [(e.label, e.kind) for e in container.policies]
    assert kinds == [
        ("aws_iam_role.chat › assume_role_policy", PolicyKind.TRUST),
        ("aws_sqs_queue_policy.events › policy", PolicyKind.RESOURCE),
        ("aws_iam_policy.chat › policy", PolicyKind.IDENTITY),
    ]  # in the file's order
    found = _findings(TERRAFORM, "main.tf")
    assert (34, "action/duplicate", '"chime:connect"') in found
    assert (34, "action/miscased", '"chime:connect"') in found
    assert [c for _, c, _ in found if c.startswith("policy/") or c.startswith("principal/")] == []
    assert all(e.span is None for e in container.policies)  # read, not written back


def test_a_json_template_policy_is_written_back_in_place() -> None:
    template = export(CLEAN_MULTI_SERVICE, Format.CLOUDFORMATION_JSON, "chat", substitute=True)
    container = find_container(template, "t.json")
    assert container is not None
    embedded = container.policies[0]
    edited = embedded.text.replace('"chime:Connect"', '"chime:DescribeChannel"')
    saved = write_back(template, embedded, edited)
    start, end = embedded.span  # type: ignore[misc]
    assert saved[:start] == template[:start]
    assert saved[start + len(edited.rstrip()) :] == template[end:]
    document = json.loads(saved)["Resources"]["Chat"]["Properties"]["PolicyDocument"]
    assert document["Statement"][2]["Action"] == "chime:DescribeChannel"


def test_a_yaml_template_policy_is_written_back_and_passes_cfn_lint() -> None:
    container = find_container(STACK, "stack.yaml")
    assert container is not None
    embedded = container.policies[1]
    edited = embedded.text.replace("chime:Describeappinstance", "chime:DescribeAppInstance")
    saved = write_back(STACK, embedded, edited)
    assert saved.splitlines()[:17] == STACK.splitlines()[:17]  # the trust policy untouched
    assert _cfn_errors(saved) == _cfn_errors(STACK)  # no new error (the trust Resource stays)
    again = find_container(saved, "stack.yaml")
    assert again is not None
    found = [
        f.code for e in again.policies for f in lint_embedded(saved, e, LintOptions()).findings
    ]
    assert "action/miscased" not in found and "policy/element-not-allowed" in found


def test_a_markdown_code_block_is_written_back_in_place() -> None:
    page = SEED.read_text(encoding="utf-8")
    container = find_container(page, SEED.name)
    assert container is not None
    embedded = container.policies[1]
    edited = embedded.text.replace("chime:Listsubchannels", "chime:ListSubChannels")
    saved = write_back(page, embedded, edited)
    assert saved == page.replace("chime:Listsubchannels", "chime:ListSubChannels", 1)


# A whole plain YAML scalar replaced: written plain when YAML reads it back as the same
# string in any context, else double-quoted (YAML 1.1 reads `yes`, `on`, `12` and `*x`
# otherwise, and `,` `{` `}` end a value inside a flow list).
PLAIN = [
    ("chime:DescribeAppInstance", "chime:DescribeAppInstance"),
    ("arn:aws:s3:::b/*", "arn:aws:s3:::b/*"),
    ("arn:aws:s3:::b/${aws:username}", '"arn:aws:s3:::b/${aws:username}"'),  # { in a [flow]
    ("*", '"*"'),
    ("true", '"true"'),
    ("yes", '"yes"'),
    ("12", '"12"'),
    ("a: b", '"a: b"'),
    ("a #b", '"a #b"'),
]


@pytest.mark.parametrize(("value", "written"), PLAIN)
def test_a_plain_yaml_scalar_is_replaced_as_yaml_reads_it(value: str, written: str) -> None:
    from editor.core.export.in_place import map_edit
    from editor.core.text.findings import TextEdit, apply_edits

    template = YAML_POLICY.replace("VALUE", "chime:Describeappinstance")
    container = find_container(template, "t.yaml")
    assert container is not None
    (embedded,) = container.policies
    token = '"chime:Describeappinstance"'
    at = embedded.text.index(token)
    edit = map_edit(template, embedded, TextEdit(at, at + len(token), json.dumps(value)))
    assert edit is not None
    after = apply_edits(template, [edit])
    assert after == template.replace("chime:Describeappinstance", written)
    assert yaml.safe_load(after.replace("!Sub", ""))["Resources"]["P"]["Properties"][
        "PolicyDocument"
    ]["Statement"][0]["Action"] == [value]


YAML_POLICY = """\
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action:
              - VALUE
            Resource: '*'
"""
