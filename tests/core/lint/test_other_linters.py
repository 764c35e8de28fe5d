"""Resource and trust policies that other linters' test suites hold as clean, and the broken
policies of IAM Access Analyzer's policy check reference, per kind of policy.

Each case names where it comes from. The clean ones must get no finding of warning or error
from us, with the kind their place or their Principal gives; the broken ones the error (or
warning) Access Analyzer's page says they are, at the element the page names.
"""

from __future__ import annotations

import json
from typing import NamedTuple

import pytest

from editor.core.export.containers import find_container, lint_embedded
from editor.core.lint.engine import LintOptions, lint
from editor.core.policy.kinds import PolicyKind
from editor.core.text.findings import Severity

PARLIAMENT = "github.com/duo-labs/parliament tests/unit/test_principals.py"
CFN_LINT_QUEUE = "github.com/aws-cloudformation/cfn-lint test/fixtures/templates/good/resources/sqs/queue_policy.yaml"  # noqa: E501
VALIDATOR_INPUT = "github.com/awslabs/aws-cloudformation-iam-policy-validator cfn_policy_validator/tests/validation_tests/test_files/test_input.json"  # noqa: E501
VALIDATOR_KMS = (
    "github.com/awslabs/aws-cloudformation-iam-policy-validator test_files/kms_resource.yml"
)
VALIDATOR_TEMPLATE = (
    "github.com/awslabs/aws-cloudformation-iam-policy-validator test_files/test_file_2.yml"
)
CHECKS = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"
)


class Clean(NamedTuple):
    name: str
    source: str
    kind: str
    text: str  # a policy, or a template
    label: str = ""  # the policy's label inside the template


def _policy(*statements: dict[str, object]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)}, indent=2)


S3_GET = {"Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::examplebucket/*"]}

# The cfn-lint fixture, as its two queue policies are written there.
QUEUE_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  QueueA:
    Type: AWS::SQS::Queue
  QueueB:
    Type: AWS::SQS::Queue
  PolicyA:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - !Ref QueueA
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"
            Action: sqs:SendMessage
            Resource: !GetAtt QueueA.Arn
  PolicyB:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - !Ref QueueB
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"
            Action: sqs:SendMessage
            Resource:
              - !GetAtt QueueB.Arn
          - Effect: Allow
            Principal:
              Service: sns.amazonaws.com
            Action: sqs:SendMessage
            Resource: "*"
"""

# cfn-policy-validator's KMS test template: AWS's default key policy and two key users.
KMS_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  MyKey:
    Type: AWS::KMS::Key
    Properties:
      Description: An example symmetric CMK
      EnableKeyRotation: true
      PendingWindowInDays: 20
      KeyPolicy:
        Version: '2012-10-17'
        Id: key-default-1
        Statement:
          - Sid: Enable IAM User Permissions
            Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:root
            Action: kms:*
            Resource: '*'
          - Sid: Allow administration of the key
            Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:user/Alice
            Action:
              - kms:Create*
              - kms:Describe*
              - kms:Enable*
              - kms:List*
              - kms:Put*
              - kms:Update*
              - kms:Revoke*
              - kms:Disable*
              - kms:Get*
              - kms:Delete*
              - kms:ScheduleKeyDeletion
              - kms:CancelKeyDeletion
            Resource: '*'
          - Sid: Allow use of the key
            Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:user/Bob
            Action:
              - kms:DescribeKey
              - kms:Encrypt
              - kms:Decrypt
              - kms:ReEncrypt*
              - kms:GenerateDataKey
              - kms:GenerateDataKeyWithoutPlaintext
            Resource: '*'
"""

# The resource and trust policies of cfn-policy-validator's main test template, as written
# there (its `Version: 2012-10-17` unquoted, which YAML reads as a date: IAM's version still).
VALIDATOR_STACK = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ArtifactBucket:
    Type: AWS::S3::Bucket
  MySecret:
    Type: 'AWS::SecretsManager::Secret'
  ArtifactBucketAccessPoint:
    Type: AWS::S3::AccessPoint
    Properties:
      Bucket: !Ref ArtifactBucket
      Name: MyAccessPoint
      Policy:
        Version: '2012-10-17'
        Statement:
          - Action:
              - 's3:GetObject'
            Effect: Allow
            Resource: !Sub 'arn:aws:s3:${AWS::Region}:${AWS::AccountId}:accesspoint/MyAccessPoint/object/*'
            Principal:
              AWS:
                - "arn:aws:iam::111222333444:role/MyOtherRole"
                - "arn:aws:iam::123456789123:role/MyOtherRole"
  CodePipelineServiceRole:
    Type: AWS::IAM::Role
    Properties:
      Path: /
      AssumeRolePolicyDocument:
        Version: 2012-10-17
        Statement:
          - Effect: Allow
            Principal:
              Service: !Join
                - ''
                - - 'codepipeline.'
                  - !Ref AWS::URLSuffix
            Action: sts:AssumeRole
  CodeBuildServiceRole:
    Type: AWS::IAM::Role
    Properties:
      Path: /
      AssumeRolePolicyDocument:
        Version: 2012-10-17
        Statement:
          - Effect: Allow
            Principal:
              Service: codebuild.amazonaws.com
            Action: sts:AssumeRole
  MySecretResourcePolicy:
    Type: 'AWS::SecretsManager::ResourcePolicy'
    Properties:
      SecretId: !Ref MySecret
      ResourcePolicy:
        Version: 2012-10-17
        Statement:
          - Resource: '*'
            Action: 'secretsmanager:DeleteSecret'
            Effect: Deny
            Principal:
              AWS: !Sub
                    - 'arn:aws:iam::${AccountId}:root'
                    - { AccountId: !Ref "AWS::AccountId" }
"""  # noqa: E501

CLEAN = [
    Clean("s3-two-account-roots", PARLIAMENT, "resource", _policy({
        "Effect": "Allow", **S3_GET, "Principal": {"AWS": [
            "arn:aws:iam::000000000000:root", "arn:aws:iam::111111111111:root"]}})),
    Clean("s3-account-id", PARLIAMENT, "resource", _policy(
        {"Effect": "Allow", "Principal": {"AWS": "000000000000"}, **S3_GET})),
    Clean("s3-user-arn", PARLIAMENT, "resource", _policy(
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:user/alice"},
         **S3_GET})),
    Clean("s3-federated-cognito", PARLIAMENT, "resource", _policy(
        {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
         **S3_GET})),
    Clean("codebuild-trust", VALIDATOR_INPUT, "trust", json.dumps({
        "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow",
                       "Principal": {"Service": "codebuild.amazonaws.com"}}],
        "Version": "2012-10-17"}, indent=4)),
    Clean("sqs-own-account", CFN_LINT_QUEUE, "resource", QUEUE_TEMPLATE,
          "PolicyA (AWS::SQS::QueuePolicy)"),
    Clean("sqs-account-and-sns", CFN_LINT_QUEUE, "resource", QUEUE_TEMPLATE,
          "PolicyB (AWS::SQS::QueuePolicy)"),
    Clean("kms-default-key-policy", VALIDATOR_KMS, "resource", KMS_TEMPLATE,
          "MyKey › KeyPolicy (AWS::KMS::Key)"),
    Clean("s3-access-point", VALIDATOR_TEMPLATE, "resource", VALIDATOR_STACK,
          "ArtifactBucketAccessPoint › Policy (AWS::S3::AccessPoint)"),
    Clean("codepipeline-trust-join", VALIDATOR_TEMPLATE, "trust", VALIDATOR_STACK,
          "CodePipelineServiceRole › AssumeRolePolicyDocument (AWS::IAM::Role)"),
    Clean("codebuild-trust-template", VALIDATOR_TEMPLATE, "trust", VALIDATOR_STACK,
          "CodeBuildServiceRole › AssumeRolePolicyDocument (AWS::IAM::Role)"),
    Clean("secret-deny-delete", VALIDATOR_TEMPLATE, "resource", VALIDATOR_STACK,
          "MySecretResourcePolicy › ResourcePolicy (AWS::SecretsManager::ResourcePolicy)"),
]  # fmt: skip


@pytest.mark.parametrize("case", CLEAN, ids=[c.name for c in CLEAN])
def test_other_linters_clean_policies_get_no_warning_or_error(case: Clean) -> None:
    if case.label:  # inside a template: found there, its kind from its place
        container = find_container(case.text, "template.yaml")
        assert container is not None
        (embedded,) = [e for e in container.policies if e.label == case.label]
        result = lint_embedded(case.text, embedded, LintOptions())
    else:
        result = lint(case.text)
    loud = [f"{f.line}:{f.column} {f.code} {f.message}" for f in result.findings
            if f.severity is not Severity.INFO]  # fmt: skip
    assert loud == []
    assert result.kind is not None and result.kind.kind is PolicyKind(case.kind)


def test_a_public_bucket_policy_is_warned_about_though_parliament_passes_it() -> None:
    """Parliament's first clean case grants `s3:GetObject` to `"*"` with no Condition: a
    public bucket. Kept as our one deliberate difference: principal/public warns of it."""
    text = _policy({"Sid": "AddPerm", "Effect": "Allow", "Principal": "*", **S3_GET})
    assert [f.code for f in lint(text).findings] == ["principal/public"]


def test_there_are_twelve_or_more_from_other_linters() -> None:
    """The issue's count: twelve clean resource and trust policies, from other suites."""
    assert len(CLEAN) >= 12
    assert {c.kind for c in CLEAN} == {"resource", "trust"}


# (section of Access Analyzer's policy check reference, kind checked as, statement, code
# we give, the text it points at)
S3 = {"Action": "s3:GetObject", "Resource": "arn:aws:s3:::examplebucket/*"}
ASSUME = {"Action": "sts:AssumeRole"}
SAML = "arn:aws:iam::123456789012:saml-provider/ADFS"
OIDC = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
BROKEN = [
    ("error-missing-principal", "resource", {"Effect": "Allow", **S3},
     "policy/missing-principal", "{"),
    ("error-invalid-principal-format", "resource",
     {"Effect": "Allow", "Principal": "123456789012", **S3},
     "principal/invalid-type", '"123456789012"'),
    ("error-unsupported-wildcard-in-principal", "resource",
     {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/*"}, **S3},
     "principal/invalid-arn", '"arn:aws:iam::123456789012:user/*"'),
    ("error-unsupported-principal", "identity",
     {"Effect": "Allow", "Principal": {"AWS": "123456789012"}, **S3},
     "policy/principal-in-identity-policy", '"Principal"'),
    ("error-scp-syntax-error-principal", "scp",
     {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"},
      "Action": "s3:*", "Resource": "*"},
     "policy/element-not-allowed", '"NotPrincipal"'),
    ("error-role-trust-policy-syntax-error-notprincipal", "trust",
     {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}, **ASSUME},
     "policy/element-not-allowed", '"NotPrincipal"'),
    ("error-role-trust-policy-syntax-error-resource", "trust",
     {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, **ASSUME,
      "Resource": "*"},
     "policy/element-not-allowed", '"Resource"'),
    ("error-invalid-federated-principal-syntax-in-role-trust-policy", "trust",
     {"Effect": "Allow", "Principal": {"Federated": "not a provider"},
      "Action": "sts:AssumeRoleWithWebIdentity"},
     "principal/invalid-arn", '"not a provider"'),
    ("error-mismatched-action-for-principal", "trust",
     {"Effect": "Allow", "Principal": {"Federated": SAML},
      "Action": "sts:AssumeRoleWithWebIdentity"},
     "trust/mismatched-action", '"sts:AssumeRoleWithWebIdentity"'),
    ("error-mismatched-action-for-principal", "trust",
     {"Effect": "Allow", "Principal": {"Federated": OIDC}, "Action": "sts:AssumeRoleWithSAML"},
     "trust/mismatched-action", '"sts:AssumeRoleWithSAML"'),
    # Access Analyzer calls this an error; IAM accepts it, so we warn (with or without a
    # Condition it opens the role to anyone who meets it)
    ("error-role-trust-policy-unsupported-wildcard-in-principal", "trust",
     {"Effect": "Allow", "Principal": "*", **ASSUME}, "principal/public", '"*"'),
    ("error-rcp-principal", "rcp",
     {"Effect": "Deny", "Principal": {"AWS": "123456789012"}, "Action": "s3:*",
      "Resource": "*"},
     "policy/principal-not-star", '{"AWS": "123456789012"}'),
]  # fmt: skip


@pytest.mark.parametrize(("section", "kind", "statement", "code", "at"), BROKEN)
def test_access_analyzers_broken_examples_per_kind(
    section: str, kind: str, statement: dict[str, object], code: str, at: str
) -> None:
    """`section` is the anchor on Access Analyzer's page: CHECKS + '#access-analyzer-
    reference-policy-checks-' + section."""
    text = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    found = lint(text, LintOptions(kind=PolicyKind(kind))).findings
    loud = [(f.code, text[f.start : f.end]) for f in found if f.severity is not Severity.INFO]
    assert loud == [(code, at)]  # that finding, and no other


def test_trust_policy_findings_for_a_mismatched_call_name_the_right_call() -> None:
    text = _policy({"Effect": "Allow", "Principal": {"Federated": SAML},
                    "Action": "sts:AssumeRoleWithWebIdentity"})  # fmt: skip
    (finding,) = [f for f in lint(text).findings if f.code == "trust/mismatched-action"]
    assert "a SAML provider" in finding.message
    assert "sts:AssumeRoleWithSAML" in finding.message
    # both providers named: each call has one it fits
    calls = ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"]
    both = _policy({"Effect": "Allow", "Principal": {"Federated": [SAML, OIDC]}, "Action": calls})
    assert "trust/mismatched-action" not in [f.code for f in lint(both).findings]
