# ruff: noqa: E501 (a template's !Sub ARNs are one line each, as written)
"""CloudFormation templates whose policies write ARNs with `!Sub` (audit A2, A3, A8), and a
Terraform policy with a mis-cased action (A12)."""

from tests.core.policies import USER

# The shape of the audit's template: a role and its managed policy, ARNs written with !Sub.
TEMPLATE = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  AppInstanceId:
    Type: String
Resources:
  ChimeUserRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Federated: cognito-identity.amazonaws.com
            Action: sts:AssumeRoleWithWebIdentity
  ChimeUserPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles:
        - !Ref ChimeUserRole
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: Endpoint
            Effect: Allow
            Action: chime:GetMessagingSessionEndpoint
            Resource: '*'
          - Sid: UserChannels
            Effect: Allow
            Action:
              - chime:SendChannelMessage
              - chime:ListChannelMessages
              - chime:Connect
            Resource:
              - !Sub 'arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/${AppInstanceId}/user/${!cognito-identity.amazonaws.com:sub}'
              - !Sub 'arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/${AppInstanceId}/channel/*'
"""
# What `chime-policy export --to cloudformation-yaml --sub` writes: literal IDs beside the
# stack's own account and region.
SUB_EXPORT = """\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ChimeMessagingPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
        - Sid: ChimeUser
          Effect: Allow
          Action:
          - chime:Connect
          Resource: !Sub 'arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/myapp-1234/user/u-1'
"""
# A Terraform `jsonencode` policy: what `fix --in-place` and the window both save into.
TERRAFORM = (
    'resource "aws_iam_policy" "chat" {\n'
    '  name   = "chat"\n'
    "  policy = jsonencode({\n"
    '    Version = "2012-10-17"\n'
    "    Statement = [{\n"
    '      Effect   = "Allow"\n'
    '      Action   = "chime:connect"\n'
    f'      Resource = "{USER}"\n'
    "    }]\n"
    "  })\n"
    "}\n"
)
