"""A real template: aws-samples/amazon-chime-sdk, apps/chat/src/backend/serverless/
template.yaml (its IAM parts), linted through `chime-policy lint`. Its `!GetAtt`, `!Join` of a
GetAtt and `!Sub ${Bucket.Arn}/*` are values of their field (README: "Intrinsic functions ...
are values of their field, never errors"): an ARN that starts with a resource's Arn is an ARN
of unknown type, whose fields are not checked but whose actions are. (Its two policies written
as JSON strings, `PolicyDocument: |`, are left out here: another test reads those.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.cli.main import main
from editor.core.export.containers import find_container

CHAT_TEMPLATE = """\
AWSTemplateFormatVersion: '2010-09-09'
Transform: "AWS::Serverless-2016-10-31"
Parameters:
  DemoName:
    Type: String
    Default: ChimeSDKMessagingDemo
Resources:
  ProcessorLambdaRole:
    Type: "AWS::IAM::Role"
    Properties:
      Path: "/"
      RoleName: !Sub ${DemoName}-ProcessorLambdaRole
      Policies:
        - PolicyName: !Sub ${DemoName}-ProcessorLambda-ChimeMessagingSDKAccess
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: "Allow"
                Action:
                  - "chime:ChannelFlowCallback"
                Resource: !Sub "arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/*"
  CognitoAuthorizedRole:
    Type: "AWS::IAM::Role"
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: "Allow"
            Principal:
              Federated: "cognito-identity.amazonaws.com"
            Action:
              - "sts:AssumeRoleWithWebIdentity"
            Condition:
              StringEquals:
                "cognito-identity.amazonaws.com:aud": !Ref IdentityPool
              "ForAnyValue:StringLike":
                "cognito-identity.amazonaws.com:amr": authenticated
      Policies:
        - PolicyName: !Sub ${DemoName}-ChimeSDKDemoUserPolicy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: "Allow"
                Action:
                  - "chime:GetMessagingSessionEndpoint"
                Resource: "*"
              - Effect: "Allow"
                Action:
                  - "chime:SendChannelMessage"
                  - "chime:ListChannelMessages"
                  - "chime:CreateChannel"
                  - "chime:Connect"
                  - "chime:AssociateChannelFlow"
                  - "chime:ListChannelFlows"
                Resource:
                  - !Join ['', [!GetAtt TriggerChimeAppInstanceLambda.AppInstanceArn, '/user/${cognito-identity.amazonaws.com:sub}']]
                  - !Join ['', [!GetAtt TriggerChimeAppInstanceLambda.AppInstanceArn, '/channel/*']]
                  - !Join ['', [!GetAtt TriggerChimeAppInstanceLambda.AppInstanceArn, '/channel-flow/*']]
  AuthLambdaIAMRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: 2012-10-17
        Statement:
          - Action:
              - sts:AssumeRole
            Effect: Allow
            Principal:
              Service:
                - lambda.amazonaws.com
      Policies:
        - PolicyName: !Sub ${DemoName}-MeetingLambdaChimePolicy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: "Allow"
                Action:
                  - "chime:describeChannel"
                  - "chime:describeChannelMembership"
                  - "chime:createMeeting"
                  - "chime:createAttendee"
                  - "chime:deleteMeeting"
                Resource: "*"
  AuthLambdaUserRole:
    Type: "AWS::IAM::Role"
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: "Allow"
            Principal:
              AWS: !GetAtt AuthLambdaIAMRole.Arn
            Action:
              - "sts:AssumeRole"
              - "sts:TagSession"
      Policies:
        - PolicyName: !Sub ${DemoName}-AttachmentsS3PermissionPolicy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: "Allow"
                Action:
                  - "s3:GetObject"
                  - "s3:PutObject"
                  - "s3:DeleteObject"
                Resource: !Join ['', ['arn:aws:s3:::', !GetAtt TriggerChimeAppInstanceLambda.AppInstanceArn, '/protected/${aws:PrincipalTag/UserUUID}/*']]
  s3BucketForAssetsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref s3BucketForAssets
      PolicyDocument:
        Statement:
          - Action:
              - 's3:GetObject'
            Effect: 'Allow'
            Principal:
              CanonicalUser:
                Fn::GetAtt:
                  [CloudFrontDistributionAccessIdentity, S3CanonicalUserId]
            Resource: !Sub ${s3BucketForAssets.Arn}/*
          - Action: 's3:*'
            Resource: !Sub ${s3BucketForAssets.Arn}/*
            Effect: Deny
            Condition:
              Bool:
                'aws:SecureTransport': false
            Principal: '*'
          - Action: 's3:*'
            Resource: !Sub ${s3BucketForAssets.Arn}/*
            Effect: Deny
            Condition:
              Bool:
                'aws:SecureTransport': false
            Principal: '*'
"""  # noqa: E501 (as the template writes it)
FALSE_FINDINGS = (
    "resource/invalid-arn",
    "principal/invalid-type",
    "policy/variable-needs-version",
    "resource/mismatch",
)


def lint_codes(tmp_path: Path, text: str, capsys) -> tuple[int, list[tuple[int, str]]]:
    path = tmp_path / "template.yaml"
    path.write_text(text, encoding="utf-8")
    status = main(["lint", str(path)])
    rows = [line.split(":", 3) for line in capsys.readouterr().out.splitlines()]
    return status, [(int(r[1]), r[3].split()[1]) for r in rows]


def test_the_chat_template_gets_only_its_true_findings(tmp_path: Path, capsys) -> None:
    status, found = lint_codes(tmp_path, CHAT_TEMPLATE, capsys)
    assert not [f for f in found if f[1] in FALSE_FINDINGS]
    # what is true of it: five mis-cased Chime actions and the bucket policy's missing Version
    assert sorted(
        code for _, code in found if code in ("action/miscased", "policy/missing-version")
    ) == (["action/miscased"] * 5 + ["policy/missing-version"])
    assert status == 0  # warnings only


def test_the_policy_list_names_a_sub_policy_name_as_written() -> None:
    container = find_container(CHAT_TEMPLATE, "template.yaml")
    assert container is not None
    labels = [p.label for p in container.policies]
    # the chooser named it "policy 1"; as written, the stack's name a reference of its own
    assert "AuthLambdaUserRole › ${DemoName}-AttachmentsS3PermissionPolicy (AWS::IAM::Role)" in (
        labels
    )
    assert not any("None" in label for label in labels)


def _role(statement: str) -> str:
    return (
        "Resources:\n  R:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
        "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n" + statement
    )


def _bucket(statement: str, version: str = "") -> str:
    return (
        "Resources:\n  B:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n"
        "      Bucket: !Ref Bucket\n      PolicyDocument:\n"
        + version
        + "        Statement:\n"
        + statement
    )


GETATT_JOIN = """\
          - Effect: Allow
            Action: chime:SendChannelMessage
            Resource: !Join ['', [!GetAtt App.AppInstanceArn, '/channel/*']]
"""
SUB_ARN = """\
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub ${Bucket.Arn}/*
"""
GETATT_PRINCIPAL = """\
          - Effect: Allow
            Principal:
              AWS: !GetAtt Role.Arn
            Action: s3:GetObject
            Resource: arn:aws:s3:::b/*
"""
CANONICAL_GETATT = """\
          - Effect: Allow
            Principal:
              CanonicalUser:
                Fn::GetAtt: [Identity, S3CanonicalUserId]
            Action: s3:GetObject
            Resource: arn:aws:s3:::b/*
"""


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (_role(GETATT_JOIN), "resource/invalid-arn"),
        (_role(GETATT_JOIN), "resource/mismatch"),
        (_bucket(SUB_ARN, "        Version: '2012-10-17'\n"), "resource/invalid-arn"),
        (_bucket(SUB_ARN, "        Version: '2012-10-17'\n"), "resource/mismatch"),
        (_bucket(SUB_ARN), "policy/variable-needs-version"),  # ${Bucket.Arn} is no variable
        (_bucket(GETATT_PRINCIPAL, "        Version: '2012-10-17'\n"), "principal/invalid-type"),
        (_bucket(CANONICAL_GETATT, "        Version: '2012-10-17'\n"), "principal/invalid-type"),
    ],
)
def test_symbolic_values_are_values_of_their_field(text, absent, tmp_path, capsys) -> None:
    _, found = lint_codes(tmp_path, text, capsys)
    assert absent not in [code for _, code in found]


@pytest.mark.parametrize(
    ("statement", "code"),
    [
        # the action checks stay: an ARN of unknown type does not excuse a misspelt action
        (
            GETATT_JOIN.replace("chime:SendChannelMessage", "chime:SendChanelMessage"),
            "action/unknown",
        ),
        # an IAM variable beside the reference (escaped, as !Sub wants) still needs the Version
        (SUB_ARN.replace("/*", "/${!aws:username}/*"), "policy/variable-needs-version"),
    ],
)
def test_what_is_ours_to_judge_is_still_judged(statement, code, tmp_path, capsys) -> None:
    text = _bucket(statement) if "Principal" in statement else _role(statement)
    _, found = lint_codes(tmp_path, text, capsys)
    assert code in [c for _, c in found]
