"""Where each kind of policy goes when exported: what AWS attaches it to.

An identity policy (or a permissions boundary) is a managed policy; a role trust policy is a
role's AssumeRolePolicyDocument; an SCP or RCP is an Organizations policy of that type; a
resource-based policy belongs to the one bucket, queue or topic its Resource names. A kind
with no such place in a format (a KMS key policy: the key is the whole resource) gets a
one-line reason instead (`NoTarget`), never a managed policy AWS would reject for its
Principal ("Policy document should not specify a principal").

Resource types and properties: the CloudFormation User Guide's pages for AWS::IAM::Role,
AWS::S3::BucketPolicy, AWS::SQS::QueuePolicy, AWS::SNS::TopicPolicy and
AWS::Organizations::Policy; the AWS CLI reference for each command; the Terraform AWS
provider's pages for each resource.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from editor.core.catalog.arn import split_arn
from editor.core.policy.kinds import PolicyKind
from editor.core.policy.statements import StatementView

ROLE_NAME_LIMIT = 64  # IAM's CreateRole: RoleName is 1 to 64 characters
_ORGANIZATIONS_TYPES = {
    PolicyKind.SCP: "SERVICE_CONTROL_POLICY",
    PolicyKind.RCP: "RESOURCE_CONTROL_POLICY",
}


class NoTarget(ValueError):
    """The policy has no place to go in the export formats: the one-line reason."""


class Target(NamedTuple):
    """What the export writes for one kind: the resource that carries the document."""

    what: str  # "an S3 bucket policy": the template's description
    cfn_type: str
    cfn_properties: dict[str, Any]  # every property but the document
    cfn_document: str  # the property that holds the document
    tf_type: str
    tf_attributes: tuple[tuple[str, str], ...]  # string attributes, in the order written
    tf_document: str  # the attribute that holds the document
    cli: tuple[str, ...]  # the command's words before the document's option
    cli_document: str  # the option that takes the document
    cli_wrap: str = ""  # SQS takes the document as the value of this attribute of a JSON map

    def cli_value(self, policy: str) -> str:
        return json.dumps({self.cli_wrap: policy}) if self.cli_wrap else policy


def target_of(kind: PolicyKind, views: list[StatementView], name: str) -> Target:
    """The resource a policy of `kind` (with these statements) is exported as, named `name`
    where AWS names it (a managed policy, a role, an Organizations policy)."""
    if kind is PolicyKind.TRUST:
        if len(name) > ROLE_NAME_LIMIT:
            raise NoTarget(
                f"a role trust policy is exported as a role, and a role name is 1 to "
                f"{ROLE_NAME_LIMIT} characters ({len(name)} given): give a shorter name"
            )
        return Target(
            "an IAM role with this trust policy",
            "AWS::IAM::Role",
            {"RoleName": name},
            "AssumeRolePolicyDocument",
            "aws_iam_role",
            (("name", name),),
            "assume_role_policy",
            ("iam", "create-role", "--role-name", name),
            "--assume-role-policy-document",
        )
    if kind in _ORGANIZATIONS_TYPES:
        kind_type = _ORGANIZATIONS_TYPES[kind]
        label = kind.label
        return Target(
            f"an Organizations {label}",
            "AWS::Organizations::Policy",
            {"Name": name, "Type": kind_type},
            "Content",
            "aws_organizations_policy",
            (("name", name), ("type", kind_type)),
            "content",
            ("organizations", "create-policy", "--name", name, "--type", kind_type)
            + ("--description", label),
            "--content",
        )
    if kind is PolicyKind.RESOURCE:
        return _resource_target(views)
    what = "a permissions boundary" if kind is PolicyKind.BOUNDARY else "an identity policy"
    return Target(
        f"IAM managed policy ({what})",
        "AWS::IAM::ManagedPolicy",
        {"ManagedPolicyName": name},
        "PolicyDocument",
        "aws_iam_policy",
        (("name", name),),
        "policy",
        ("iam", "create-policy", "--policy-name", name),
        "--policy-document",
    )


def _resource_target(views: list[StatementView]) -> Target:
    """The one bucket, queue or topic a resource-based policy's Resource names."""
    arns = [a for s in views for r in s.values("Resource") if (a := split_arn(r)) is not None]
    services = sorted({a.service.text for a in arns})
    if not services:  # Resource "*" (a key policy, an RCP): the actions' services say whose
        services = sorted({a.split(":")[0].lower() for s in views for a in s.values("Action")})
        if len(services) != 1 or services[0] in ("s3", "sqs", "sns"):
            raise NoTarget(
                "a resource-based policy whose Resource names no ARN: which resource it "
                "belongs to is unknown, so only JSON can carry it; if it is a resource "
                "control policy, choose that kind"
            )
    if len(services) > 1:
        raise NoTarget(
            "a resource-based policy belongs to one resource, and this one names resources "
            f"of {len(services)} services ({', '.join(services)}): only JSON can carry it"
        )
    service = services[0]
    if service == "s3":
        # arn:aws:s3:::bucket and arn:aws:s3:::bucket/key: the bucket is before the "/".
        owners = {a.resource.text.split("/", 1)[0] for a in arns}
        bucket = _one(owners, "bucket")
        return Target(
            "an S3 bucket policy",
            "AWS::S3::BucketPolicy",
            {"Bucket": bucket},
            "PolicyDocument",
            "aws_s3_bucket_policy",
            (("bucket", bucket),),
            "policy",
            ("s3api", "put-bucket-policy", "--bucket", bucket),
            "--policy",
        )
    if service == "sqs":
        queue = _one(
            {
                _queue_url(a.partition.text, a.region.text, a.account.text, a.resource.text)
                for a in arns
            },
            "queue",
        )
        return Target(
            "an SQS queue policy",
            "AWS::SQS::QueuePolicy",
            {"Queues": [queue]},
            "PolicyDocument",
            "aws_sqs_queue_policy",
            (("queue_url", queue),),
            "policy",
            ("sqs", "set-queue-attributes", "--queue-url", queue),
            "--attributes",
            "Policy",
        )
    if service == "sns":
        topic = _one(
            {
                f"arn:{a.partition.text}:sns:{a.region.text}:{a.account.text}:{a.resource.text}"
                for a in arns
            },
            "topic",
        )
        return Target(
            "an SNS topic policy",
            "AWS::SNS::TopicPolicy",
            {"Topics": [topic]},
            "PolicyDocument",
            "aws_sns_topic_policy",
            (("arn", topic),),
            "policy",
            ("sns", "set-topic-attributes", "--topic-arn", topic, "--attribute-name", "Policy"),
            "--attribute-value",
        )
    raise NoTarget(
        f"a {service} resource-based policy is part of its {service} resource, which this "
        "export does not make (bucket, queue and topic policies only): export it as JSON"
    )


def _one(names: set[str], what: str) -> str:
    if len(names) != 1:
        shown = ", ".join(sorted(names)[:3])
        raise NoTarget(
            f"a {what} policy belongs to one {what}, and this one names {len(names)} "
            f"({shown}): only JSON can carry it"
        )
    (found,) = names
    if "*" in found or "?" in found:
        raise NoTarget(f"the {what} name {found!r} holds a wildcard: name the one {what}")
    return found


def _queue_url(partition: str, region: str, account: str, name: str) -> str:
    """SQS's queue URL for a queue ARN (the AWS::SQS::QueuePolicy Queues property)."""
    suffix = "amazonaws.com.cn" if partition == "aws-cn" else "amazonaws.com"
    return f"https://sqs.{region}.{suffix}/{account}/{name}"
