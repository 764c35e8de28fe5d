# ruff: noqa: E501 (a template's !Sub ARNs are one line each, as written)
"""Templates to tick into, and how to check what a tick saved into them with oracles we did
not write (cfn-lint's own reader and rules, json.loads).

Sources: the Amazon Chime SDK chat demo's template (aws-samples/amazon-chime-sdk,
apps/chat/src/backend/serverless/template.yaml: `!Sub "arn:aws:chime:${AWS::Region}:
${AWS::AccountId}:app-instance/*"` in its processor roles' policies, its `DemoName` and
`AppInstanceAdminId` parameters); the AWS CloudFormation User Guide's Fn::Sub and pseudo
parameters pages (`Fn::Sub` long form, `${AWS::Partition}`); the audit's template
(tests/core/template_examples.py)."""

from __future__ import annotations

import json
from typing import Any

from cfnlint.api import ManualArgs
from cfnlint.api import lint as cfn_lint
from cfnlint.decode import cfn_json, cfn_yaml

# The chat demo's presence processor role, as the sample writes it (short form, quoted).
CHAT_DEMO = """\
AWSTemplateFormatVersion: '2010-09-09'
Description: Presence processor role of the Amazon Chime SDK chat demo
Parameters:
  DemoName:
    Type: String
    Default: ChimeSDKMessagingDemo
  AppInstanceAdminId:
    Type: String
    Default: Admin
Resources:
  PresenceProcessorLambdaRole:
    Type: "AWS::IAM::Role"
    Properties:
      Path: "/"
      RoleName: !Sub ${DemoName}-PresenceProcessorLambdaRole
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: !Sub ${DemoName}-PresenceProcessorLambda-ChimeMessagingSDKAccess
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: "Allow"
                Action:
                  - "chime:DescribeChannel"
                  - "chime:UpdateChannel"
                Resource: !Sub "arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/*"
"""

# Long form in JSON, every field the stack's: `${AWS::Partition}` as the User Guide writes
# ARNs that work in any partition; a parameter for the user that no ARN uses yet.
LONG_JSON = """\
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {
    "AppInstanceId": {"Type": "String"},
    "AppInstanceUserId": {"Type": "String"}
  },
  "Resources": {
    "ChatPolicy": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "Instance",
              "Effect": "Allow",
              "Action": ["chime:DescribeAppInstance"],
              "Resource": {"Fn::Sub": "arn:${AWS::Partition}:chime:${AWS::Region}:${AWS::AccountId}:app-instance/${AppInstanceId}"}
            }
          ]
        }
      }
    }
  }
}
"""

# Long form in YAML (`Fn::Sub:` as a key), no ARN yet: nothing to follow but the stack.
LONG_YAML_EMPTY = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  AppInstanceId:
    Type: String
Resources:
  ChatPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: Endpoint
            Effect: Allow
            Action:
              - chime:GetMessagingSessionEndpoint
            Resource: '*'
          - Sid: Logs
            Effect: Allow
            Action:
              - logs:PutLogEvents
            Resource:
              Fn::Sub: arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/chat:*
"""


def decoded(text: str, name: str) -> dict[str, Any]:
    """The template as CloudFormation reads it (cfn-lint's reader: short tags as long form)."""
    if name.endswith(".json"):
        json.loads(text)  # strict JSON, as well as CloudFormation's reading
        return dict(cfn_json.loads(text))
    return dict(cfn_yaml.loads(text, name))


def cfn_errors(text: str) -> list[str]:
    """cfn-lint's errors (E rules) for the template, with their messages."""
    matches = cfn_lint(text, config=ManualArgs(regions=["us-east-1"]))
    return [f"{m.rule.id} {m.message}" for m in matches if m.rule.id.startswith("E")]


def resources_of(document: dict[str, Any]) -> list[Any]:
    """Every Resource entry of a policy document, as CloudFormation reads it."""
    found: list[Any] = []
    for statement in document["Statement"]:
        value = statement.get("Resource", [])
        found.extend(value if isinstance(value, list) else [value])
    return found


# The chat demo's user role policy (CognitoAuthorizedRole › ChimeSDKDemoUserPolicy, its
# action list shortened): `!Join` ARNs on the app instance a custom resource makes.
CHAT_USER_POLICY = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  DemoName:
    Type: String
    Default: ChimeSDKMessagingDemo
Resources:
  UserPool:
    Type: "AWS::Cognito::UserPool"
    Properties:
      UserPoolName: !Sub ${DemoName}-user-pool
  TriggerChimeAppInstanceLambda:
    Type: AWS::CloudFormation::CustomResource
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:make-app-instance
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
                  - "cognito-idp:ListUsers"
                Resource: !Join ['', ['arn:aws:cognito-idp:us-east-1:', !Ref AWS::AccountId, ':userpool/', !Ref UserPool]]
              # what a signed-in user does in the chat
              - Effect: "Allow"
                Action:
                  - "chime:SendChannelMessage"
                  - "chime:ListChannelMessages"
                  - "chime:Connect"
                Resource:
                  - !Join ['', [!GetAtt TriggerChimeAppInstanceLambda.AppInstanceArn, '/user/${cognito-identity.amazonaws.com:sub}']]
                  - !Join ['', [!GetAtt TriggerChimeAppInstanceLambda.AppInstanceArn, '/channel/*']]
"""


# The chat demo's processor role (aws-samples/amazon-chime-sdk, apps/chat/src/backend/
# serverless/template.yaml, ProcessorLambdaRole): its trust policy as one JSON string, a
# policy as a JSON block (`PolicyDocument: |`); a mis-cased Chime action added to the block.
JSON_STRINGS = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  DemoName:
    Type: String
    Default: ChimeSDKMessagingDemo
Resources:
  ProcessorLambdaRole:
    Type: "AWS::IAM::Role"
    Properties:
      Path: "/"
      AssumeRolePolicyDocument: "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"Service\\":\\"lambda.amazonaws.com\\"},\\"Action\\":\\"sts:AssumeRole\\"}]}"
      Policies:
        - PolicyName: !Sub ${DemoName}-ProcessorLambda-ComprehendAccess
          PolicyDocument: |
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "VisualEditor0",
                        "Effect": "Allow",
                        "Action": [
                            "comprehend:DetectSentiment",
                            "chime:Listsubchannels"
                        ],
                        "Resource": "*"
                    }
                ]
            }
        - PolicyName: !Sub ${DemoName}-ProcessorLambda-ChimeMessagingSDKAccess
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: "Allow"
                Action:
                  - "chime:ChannelFlowCallback"
                Resource: !Sub "arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/*"
"""

# ARNs joined from pieces (`Fn::Join`), as the chat demo joins its cognito-idp ARN: the
# account and app instance are the stack's.
JOINED = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  AppInstanceId:
    Type: String
Resources:
  ChatPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action:
              - chime:ListChannelMessages
              - chime:SendChannelMessage
            Resource:
              - !Join ['', ['arn:aws:chime:us-east-1:', !Ref AWS::AccountId, ':app-instance/', !Ref AppInstanceId, '/user/${aws:username}']]
              - !Join ['', ['arn:aws:chime:us-east-1:', !Ref AWS::AccountId, ':app-instance/', !Ref AppInstanceId, '/channel/*']]
"""
