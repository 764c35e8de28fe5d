"""Export follows the policy's kind, through `chime-policy export` (every kind x every
format): a trust policy becomes a role, a bucket/queue/topic policy that resource's policy, an
SCP or RCP an Organizations policy; a kind with no target refuses in one line. Each output is
read by a tool we did not write (cfn-lint, python-hcl2, shlex) and opened again by
`chime-policy lint`, which must find no error: the place the export put it gives its kind."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import NamedTuple

import hcl2
import pytest

from editor.cli.main import main
from editor.core.export.containers import find_container
from editor.core.export.formats import Format
from tests.core.export.test_formats import (
    HCL,
    _load_cfn,
    as_lists_of_strings,
    cfn_errors,
    data_source_as_policy,
    hcl_policy,
)
from tests.core.export.test_formats import POLICY as IDENTITY
from tests.core.kind_examples import CLEAN

EXAMPLES = {e.name: e.text for e in CLEAN}
# Amazon SNS Developer Guide, sns-access-policy-use-cases.html ("Allow any AWS resource to
# publish to a topic" / S3 event notifications), with its account and topic filled in.
SNS_TOPIC = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "s3.amazonaws.com"},
                "Action": "sns:Publish",
                "Resource": "arn:aws:sns:us-east-2:111122223333:MyTopic",
                "Condition": {
                    "ArnLike": {"aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-bucket"},
                    "StringEquals": {"aws:SourceAccount": "111122223333"},
                },
            }
        ],
    },
    indent=2,
)


class Case(NamedTuple):
    policy: str
    policy_type: str  # --policy-type ("auto": detected)
    cfn_type: str
    cfn_document: str
    cfn_extra: dict  # the properties that name what it is attached to
    tf_type: str
    tf_document: str
    cli: list[str]  # the command's words before the document
    tf_extra: dict  # the resource's other attributes


CASES = {
    "identity": Case(
        IDENTITY,
        "auto",
        "AWS::IAM::ManagedPolicy",
        "PolicyDocument",
        {"ManagedPolicyName": "ChatUsers"},
        "aws_iam_policy",
        "policy",
        ["aws", "iam", "create-policy", "--policy-name", "ChatUsers", "--policy-document"],
        {"name": "ChatUsers"},
    ),
    "boundary": Case(
        EXAMPLES["boundary-create-user"],
        "boundary",
        "AWS::IAM::ManagedPolicy",
        "PolicyDocument",
        {"ManagedPolicyName": "ChatUsers"},
        "aws_iam_policy",
        "policy",
        ["aws", "iam", "create-policy", "--policy-name", "ChatUsers", "--policy-document"],
        {"name": "ChatUsers"},
    ),
    "trust": Case(
        EXAMPLES["oidc-trust"],
        "auto",
        "AWS::IAM::Role",
        "AssumeRolePolicyDocument",
        {"RoleName": "ChatUsers"},
        "aws_iam_role",
        "assume_role_policy",
        ["aws", "iam", "create-role", "--role-name", "ChatUsers", "--assume-role-policy-document"],
        {"name": "ChatUsers"},
    ),
    "bucket": Case(
        EXAMPLES["s3-canonical-user"],
        "auto",
        "AWS::S3::BucketPolicy",
        "PolicyDocument",
        {"Bucket": "amzn-s3-demo-bucket"},
        "aws_s3_bucket_policy",
        "policy",
        ["aws", "s3api", "put-bucket-policy", "--bucket", "amzn-s3-demo-bucket", "--policy"],
        {"bucket": "amzn-s3-demo-bucket"},
    ),
    "queue": Case(
        EXAMPLES["chime-sqs-queue-filled"],
        "auto",
        "AWS::SQS::QueuePolicy",
        "PolicyDocument",
        {"Queues": ["https://sqs.us-east-1.amazonaws.com/111122223333/queueName"]},
        "aws_sqs_queue_policy",
        "policy",
        [
            "aws",
            "sqs",
            "set-queue-attributes",
            "--queue-url",
            "https://sqs.us-east-1.amazonaws.com/111122223333/queueName",
            "--attributes",
        ],
        {"queue_url": "https://sqs.us-east-1.amazonaws.com/111122223333/queueName"},
    ),
    "topic": Case(
        SNS_TOPIC,
        "auto",
        "AWS::SNS::TopicPolicy",
        "PolicyDocument",
        {"Topics": ["arn:aws:sns:us-east-2:111122223333:MyTopic"]},
        "aws_sns_topic_policy",
        "policy",
        [
            "aws",
            "sns",
            "set-topic-attributes",
            "--topic-arn",
            "arn:aws:sns:us-east-2:111122223333:MyTopic",
            "--attribute-name",
            "Policy",
            "--attribute-value",
        ],
        {"arn": "arn:aws:sns:us-east-2:111122223333:MyTopic"},
    ),
    "scp": Case(
        EXAMPLES["scp-deny-outside-regions"],
        "scp",
        "AWS::Organizations::Policy",
        "Content",
        {"Name": "ChatUsers", "Type": "SERVICE_CONTROL_POLICY"},
        "aws_organizations_policy",
        "content",
        ["aws", "organizations", "create-policy", "--name", "ChatUsers"]
        + ["--type", "SERVICE_CONTROL_POLICY", "--description", "service control policy"]
        + ["--content"],
        {"name": "ChatUsers", "type": "SERVICE_CONTROL_POLICY"},
    ),
    "rcp": Case(
        EXAMPLES["rcp-secure-transport"],
        "rcp",
        "AWS::Organizations::Policy",
        "Content",
        {"Name": "ChatUsers", "Type": "RESOURCE_CONTROL_POLICY"},
        "aws_organizations_policy",
        "content",
        ["aws", "organizations", "create-policy", "--name", "ChatUsers"]
        + ["--type", "RESOURCE_CONTROL_POLICY", "--description", "resource control policy"]
        + ["--content"],
        {"name": "ChatUsers", "type": "RESOURCE_CONTROL_POLICY"},
    ),
}
FORMATS = ["cloudformation-yaml", "cloudformation-json", "terraform", "terraform-data", "aws-cli"]
SUFFIX = {"cloudformation-yaml": ".yaml", "cloudformation-json": ".json", "aws-cli": ".sh"}


def export_cli(tmp_path: Path, policy: str, fmt: str, policy_type: str) -> tuple[int, Path]:
    source = tmp_path / "source.json"
    source.write_text(policy, encoding="utf-8")
    out = tmp_path / f"out{SUFFIX.get(fmt, '.tf')}"
    args = ["export", "--to", fmt, "--name", "ChatUsers", "-o", str(out), str(source)]
    return main([*args, "--policy-type", policy_type]), out


def _statement_lists(document: dict) -> dict:
    """As IAM reads it: one statement or a list alike (the boundary example has one)."""
    statements = document["Statement"]
    statements = statements if isinstance(statements, list) else [statements]
    return as_lists_of_strings({"Version": "2012-10-17", **document, "Statement": statements})


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", list(CASES))
def test_every_kind_exports_to_its_own_resource_in_every_format(
    kind: str, fmt: str, tmp_path: Path, capsys
) -> None:
    case = CASES[kind]
    code, out = export_cli(tmp_path, case.policy, fmt, case.policy_type)
    assert code == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    source = json.loads(case.policy)
    if fmt.startswith("cloudformation"):
        assert cfn_errors(text) == []  # cfn-lint: AWS's resource schemas
        (resource,) = _load_cfn(text, Format(fmt))["Resources"].values()
        assert resource["Type"] == case.cfn_type
        properties = resource["Properties"]
        assert properties.pop(case.cfn_document) == source
        assert properties == case.cfn_extra
    elif fmt == "terraform":
        assert hcl_policy_of(text, case) == source
    elif fmt == "terraform-data":
        parsed = hcl2.loads(text, serialization_options=HCL)
        (resource,) = parsed["resource"][0][case.tf_type].values()
        document = resource.pop(case.tf_document)
        assert document == "${data.aws_iam_policy_document.chat_users.json}"
        assert resource == case.tf_extra
        assert data_source_as_policy(text) == _statement_lists(source)
    else:
        (line,) = text.splitlines()
        words = shlex.split(line)  # what a POSIX shell passes to the aws command
        assert words[:-1] == case.cli
        document = json.loads(words[-1])
        if kind == "queue":  # --attributes '{"Policy": "<the policy as a string>"}'
            document = json.loads(document["Policy"])
        assert document == source
    assert main(["lint", str(out)]) == 0, capsys.readouterr().out  # the script's too


def hcl_policy_of(text: str, case: Case) -> dict:
    """python-hcl2's reading of the resource and its jsonencode(...) document."""
    parsed = hcl2.loads(text, serialization_options=HCL)
    (resource,) = parsed["resource"][0][case.tf_type].values()
    document = resource.pop(case.tf_document)
    assert document.startswith("${jsonencode(")
    assert resource == case.tf_extra
    if case.tf_document == "policy":
        return hcl_policy(text.replace(f'"{case.tf_type}"', '"aws_iam_policy"', 1))
    renamed = text.replace(f'"{case.tf_type}"', '"aws_iam_policy"', 1)
    return hcl_policy(renamed.replace(f"  {case.tf_document} ", "  policy ", 1))


@pytest.mark.parametrize("kind", ["bucket", "trust", "rcp"])
def test_the_data_source_carries_principals_read_back_by_our_reader_and_hcl2(
    kind: str, tmp_path: Path
) -> None:
    """Principal and NotPrincipal as `principals` / `not_principals` blocks: python-hcl2 and
    our own Terraform reader both read back the principals json.loads reads in the source."""
    case = CASES[kind]
    code, out = export_cli(tmp_path, case.policy, "terraform-data", case.policy_type)
    assert code == 0
    text = out.read_text(encoding="utf-8")
    source = json.loads(case.policy)
    ours = find_container(text, "out.tf")
    assert ours is not None
    (policy,) = ours.policies
    expected = _statement_lists(source)
    for reading in (data_source_as_policy(text), _statement_lists(json.loads(policy.text))):
        principals = [s.get("Principal") for s in reading["Statement"]]
        assert principals == [s.get("Principal") for s in expected["Statement"]]
    assert any(s.get("Principal") for s in source["Statement"])


NOT_PRINCIPAL = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Deny",
                "NotPrincipal": {"AWS": ["arn:aws:iam::444455556666:root"]},
                "Action": "s3:*",
                "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
            }
        ],
    }
)


def test_not_principal_is_a_not_principals_block(tmp_path: Path) -> None:
    code, out = export_cli(tmp_path, NOT_PRINCIPAL, "terraform-data", "resource")
    assert code == 0
    text = out.read_text(encoding="utf-8")
    parsed = hcl2.loads(text, serialization_options=HCL)
    (source,) = parsed["data"][0]["aws_iam_policy_document"].values()
    (statement,) = source["statement"]
    assert statement["not_principals"] == [
        {"type": "AWS", "identifiers": ["arn:aws:iam::444455556666:root"]}
    ]
    (policy,) = find_container(text, "out.tf").policies
    assert json.loads(policy.text)["Statement"][0]["NotPrincipal"] == {
        "AWS": ["arn:aws:iam::444455556666:root"]
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_key_policy_has_no_target_and_says_why_in_one_line(fmt: str, tmp_path: Path, capsys):
    """A KMS key policy is part of the key (AWS::KMS::Key makes the whole key): no format but
    JSON carries it, and the refusal says so instead of writing a managed policy IAM rejects."""
    code, out = export_cli(tmp_path, EXAMPLES["chime-kms-key-policy"], fmt, "auto")
    assert code == 1 and not out.exists()
    err = capsys.readouterr().err.splitlines()
    assert "cannot export this policy as it is" in err[0]
    (reason,) = err[1:]
    assert ":1:1: error export/kind a kms resource-based policy is part of its kms" in reason
    assert "export it as JSON" in reason
    code, out = export_cli(tmp_path, EXAMPLES["chime-kms-key-policy"], "json", "auto")
    assert code == 0


@pytest.mark.parametrize(
    ("resources", "why"),
    [
        (
            ["arn:aws:s3:::bucket-a/*", "arn:aws:s3:::bucket-b/*"],
            "a bucket policy belongs to one bucket, and this one names 2 (bucket-a, bucket-b)",
        ),
        (
            ["arn:aws:s3:::bucket-a/*", "arn:aws:sqs:us-east-1:111122223333:q"],
            "names resources of 2 services (s3, sqs)",
        ),
    ],
)
def test_a_resource_policy_of_several_resources_is_refused(resources, why, tmp_path, capsys):
    policy = json.loads(EXAMPLES["s3-canonical-user"])
    policy["Statement"][0]["Resource"] = resources
    code, _ = export_cli(tmp_path, json.dumps(policy), "cloudformation-yaml", "auto")
    assert code == 1
    assert why in capsys.readouterr().err


def test_an_rcp_left_to_detection_is_refused_with_the_kind_to_choose(tmp_path, capsys) -> None:
    """Principal "*" on "*" of several services reads as a resource policy of nothing in
    particular: the refusal names the kind that has a place (an RCP)."""
    code, _ = export_cli(tmp_path, EXAMPLES["rcp-secure-transport"], "terraform", "auto")
    assert code == 1
    assert "if it is a resource control policy, choose that kind" in capsys.readouterr().err
    code, _ = export_cli(tmp_path, EXAMPLES["rcp-secure-transport"], "terraform", "rcp")
    assert code == 0


def test_a_role_name_past_64_characters_is_refused(tmp_path: Path, capsys) -> None:
    source = tmp_path / "trust.json"
    source.write_text(EXAMPLES["oidc-trust"], encoding="utf-8")
    name = "R" * 65  # a policy name may be 128, a role name 64 (IAM CreateRole)
    assert main(["export", "--to", "terraform", "--name", name, str(source)]) == 1
    assert "a role name is 1 to 64 characters (65 given)" in capsys.readouterr().err
