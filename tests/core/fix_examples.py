"""Intended policies for the fix-safety tests, and the requests that show what they grant.

MFA_SELF_MANAGE is the IAM User Guide's "AWS: Allows MFA-authenticated IAM users to manage their
own credentials on the My Security Credentials page" (awsdocs/iam-user-guide,
doc_source/reference_policies_examples_aws_my-sec-creds-self-manage.md), with the statements on
signing certificates, SSH keys and Git credentials left out (they repeat the access-key one) and
one Chime messaging statement added. DENY_FIRST puts a Deny with a Condition before an Allow:
merging the two would move the Deny's Condition onto the Allow.
"""

from __future__ import annotations

import json
from typing import Any

OWN_USER = "arn:aws:iam::*:user/${aws:username}"
APP = "arn:aws:chime:us-east-1:111122223333:app-instance/app1"

MFA_SELF_MANAGE: dict[str, Any] = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AllowViewAccountInfo",
            "Effect": "Allow",
            "Action": [
                "iam:GetAccountPasswordPolicy",
                "iam:GetAccountSummary",
                "iam:ListVirtualMFADevices",
            ],
            "Resource": "*",
        },
        {
            "Sid": "AllowManageOwnPasswords",
            "Effect": "Allow",
            "Action": ["iam:ChangePassword", "iam:GetUser"],
            "Resource": OWN_USER,
        },
        {
            "Sid": "AllowManageOwnAccessKeys",
            "Effect": "Allow",
            "Action": [
                "iam:CreateAccessKey",
                "iam:DeleteAccessKey",
                "iam:ListAccessKeys",
                "iam:UpdateAccessKey",
            ],
            "Resource": OWN_USER,
        },
        {
            "Sid": "ChimeUser",
            "Effect": "Allow",
            "Action": ["chime:SendChannelMessage", "chime:ListChannelMessages"],
            "Resource": [f"{APP}/user/${{aws:username}}", f"{APP}/channel/*"],
        },
        {
            "Sid": "AllowManageOwnVirtualMFADevice",
            "Effect": "Allow",
            "Action": ["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"],
            "Resource": "arn:aws:iam::*:mfa/${aws:username}",
        },
        {
            "Sid": "AllowManageOwnUserMFA",
            "Effect": "Allow",
            "Action": [
                "iam:DeactivateMFADevice",
                "iam:EnableMFADevice",
                "iam:ListMFADevices",
                "iam:ResyncMFADevice",
            ],
            "Resource": OWN_USER,
        },
        {
            "Sid": "DenyAllExceptListedIfNoMFA",
            "Effect": "Deny",
            "NotAction": [
                "iam:CreateVirtualMFADevice",
                "iam:EnableMFADevice",
                "iam:GetUser",
                "iam:ListMFADevices",
                "iam:ListVirtualMFADevices",
                "iam:ResyncMFADevice",
                "sts:GetSessionToken",
            ],
            "Resource": "*",
            "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}},
        },
    ],
}

DENY_FIRST: dict[str, Any] = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "DenyDeletesWithoutMFA",
            "Effect": "Deny",
            "Action": ["chime:DeleteChannel", "chime:DeleteChannelMessage"],
            "Resource": "*",
            "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}},
        },
        {
            "Sid": "AllowChannelWork",
            "Effect": "Allow",
            "Action": ["chime:SendChannelMessage", "chime:DeleteChannelMessage"],
            "Resource": f"{APP}/*",
        },
    ],
}

SAMPLES = {"chime:*": "chime:SendChannelMessage"}
USER_NAME = "alice"
PRINCIPAL = f"arn:aws:iam::111122223333:user/{USER_NAME}"


def resource_for(pattern: str, action: str) -> str:
    """A concrete ARN the pattern matches, for the request's principal. "*" stays "*" for
    IAM's and STS's actions (the oracle wants it for actions without a resource type); a Chime
    action gets a channel (the oracle would match a request for "*" against any pattern)."""
    chime = action.startswith("chime:")
    if pattern in (f"{APP}/*", f"{APP}/channel/*") or (pattern == "*" and chime):
        return f"{APP}/channel/c1"
    return pattern.replace("${aws:username}", USER_NAME).replace("::*:", "::111122223333:")


def requests(policy: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(action, resource, MFA present) for every action the policy names in an Action or
    NotAction, on a resource of its statement, with and without MFA: what the intended policy
    allows or denies, and what a fix must keep allowed or denied."""
    found: list[tuple[str, str, bool]] = []
    for statement in policy["Statement"]:
        names = statement.get("Action", statement.get("NotAction"))
        resources = statement["Resource"]
        pattern = resources if isinstance(resources, str) else resources[-1]
        for written in [names] if isinstance(names, str) else names:
            name = SAMPLES.get(written, written)  # one action a wildcard covers
            resource = resource_for(pattern, name)
            for mfa in (True, False):
                if (name, resource, mfa) not in found:
                    found.append((name, resource, mfa))
    return found


def oracle_case(policy: dict[str, Any], request: tuple[str, str, bool]) -> dict[str, Any]:
    """The request in tests/core/access/oracle.py's terms (iam-simulate, not our evaluator)."""
    action, resource, mfa = request
    return {
        "identity": [policy],
        "action": action,
        "resource": resource,
        "principal": PRINCIPAL,
        "context": {"aws:MultiFactorAuthPresent": ["true" if mfa else "false"]},
    }


def text_of(policy: dict[str, Any], indent: int | None = 4) -> str:
    return json.dumps(policy, indent=indent) + "\n"
