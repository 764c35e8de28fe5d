"""The examples of AWS's IAM User Guide page "Policy evaluation logic"
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html),
each as policies + request -> the decision the page states."""

import json

import pytest

from editor.core.access.evaluate import Decision, check

CARLOS = "arn:aws:iam::123456789012:user/carlossalazar"
# Section "Example identity-based and resource-based policy evaluation": Carlos's user policy.
CARLOS_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AllowS3ListRead",
                "Effect": "Allow",
                "Action": [
                    "s3:GetBucketLocation",
                    "s3:GetAccountPublicAccessBlock",
                    "s3:ListAccessPoints",
                    "s3:ListAllMyBuckets",
                ],
                "Resource": "arn:aws:s3:::*",
            },
            {
                "Sid": "AllowS3Self",
                "Effect": "Allow",
                "Action": "s3:*",
                "Resource": ["arn:aws:s3:::carlossalazar/*", "arn:aws:s3:::carlossalazar"],
            },
            {
                "Sid": "DenyS3Logs",
                "Effect": "Deny",
                "Action": "s3:*",
                "Resource": "arn:aws:s3:::*log*",
            },
        ],
    }
)
# The same section's bucket policy on the carlossalazar bucket.
CARLOS_BUCKET = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": CARLOS},
                "Action": "s3:*",
                "Resource": ["arn:aws:s3:::carlossalazar/*", "arn:aws:s3:::carlossalazar"],
            }
        ],
    }
)
# Section "The difference between explicit and implicit denies".
GET_LIST_NO_REPORTS = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AllowGetList",
                "Effect": "Allow",
                "Action": ["iam:Get*", "iam:List*"],
                "Resource": "*",
            },
            {"Sid": "DenyReports", "Effect": "Deny", "Action": "iam:*Report", "Resource": "*"},
        ],
    }
)
ALLOW_ALL_S3 = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
)
ALLOW_ALL = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
)
ALLOW_EC2 = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}],
    }
)


def bucket_policy_for(principal: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": principal},
                    "Action": "s3:GetObject",
                    "Resource": "arn:aws:s3:::shared/*",
                }
            ],
        }
    )


ROLE = "arn:aws:iam::111122223333:role/examplerole"
SESSION = "arn:aws:sts::111122223333:assumed-role/examplerole/examplerolesessionname"
USER = "arn:aws:iam::111122223333:user/exampleuser"
EMPTY = json.dumps({"Version": "2012-10-17", "Statement": []})

CASES = [
    # "...he tries to save a file to the carlossalazar-logs bucket ... Carlos is denied access."
    pytest.param(
        dict(
            identity=CARLOS_POLICY,
            action="s3:PutObject",
            resource="arn:aws:s3:::carlossalazar-logs/today.log",
            principal=CARLOS,
            resource_policy=CARLOS_BUCKET,
        ),
        Decision.EXPLICIT_DENY,
        ["DenyS3Logs"],
        id="carlos-logs-bucket-explicit-deny",
    ),
    # "...tries to save the file to the carlossalazar bucket ... AWS allows the request."
    pytest.param(
        dict(
            identity=CARLOS_POLICY,
            action="s3:PutObject",
            resource="arn:aws:s3:::carlossalazar/today.txt",
            principal=CARLOS,
            resource_policy=CARLOS_BUCKET,
        ),
        Decision.ALLOWED,
        [None, "AllowS3Self"],
        id="carlos-own-bucket-allowed-by-both",
    ),
    # "If one of the policy types allows the request and the other doesn't, the request is
    # still allowed": the bucket policy alone.
    pytest.param(
        dict(
            identity=EMPTY,
            action="s3:PutObject",
            resource="arn:aws:s3:::carlossalazar/today.txt",
            principal=CARLOS,
            resource_policy=CARLOS_BUCKET,
        ),
        Decision.ALLOWED,
        [None],
        id="carlos-resource-policy-alone-allows",
    ),
    # "AllowS3ListRead ... allows Carlos to view a list of all of the buckets".
    pytest.param(
        dict(
            identity=CARLOS_POLICY,
            action="s3:ListAllMyBuckets",
            resource="arn:aws:s3:::anybucket",
            principal=CARLOS,
        ),
        Decision.ALLOWED,
        ["AllowS3ListRead"],
        id="carlos-list-all-buckets",
    ),
    # Explicit and implicit denies: "allows read-only access to IAM actions that begin with
    # Get and List".
    pytest.param(
        dict(identity=GET_LIST_NO_REPORTS, action="iam:GetUser", resource="*"),
        Decision.ALLOWED,
        ["AllowGetList"],
        id="iam-get-allowed",
    ),
    # "All other actions in IAM, such as iam:CreatePolicy are implicitly denied."
    pytest.param(
        dict(identity=GET_LIST_NO_REPORTS, action="iam:CreatePolicy", resource="*"),
        Decision.IMPLICIT_DENY,
        [],
        id="iam-create-policy-implicit-deny",
    ),
    # "...explicitly denies ... actions that include the Report suffix, such as
    # iam:GetOrganizationsAccessReport".
    pytest.param(
        dict(identity=GET_LIST_NO_REPORTS, action="iam:GetOrganizationsAccessReport", resource="*"),
        Decision.EXPLICIT_DENY,
        ["DenyReports"],
        id="iam-report-explicit-deny",
    ),
    # "...another policy ... to grant them access to IAM reports, such as
    # iam:GenerateCredentialReport, report-related requests are still denied".
    pytest.param(
        dict(
            identity=[GET_LIST_NO_REPORTS, ALLOW_ALL],
            action="iam:GenerateCredentialReport",
            resource="*",
        ),
        Decision.EXPLICIT_DENY,
        ["DenyReports"],
        id="iam-report-denied-despite-other-allow",
    ),
    # Action names are case-insensitive ("Policy evaluation" uses them as IAM does).
    pytest.param(
        dict(identity=GET_LIST_NO_REPORTS, action="IAM:getuser", resource="*"),
        Decision.ALLOWED,
        ["AllowGetList"],
        id="action-case-insensitive",
    ),
    # "Evaluating identity-based policies with permissions boundaries": the intersection.
    pytest.param(
        dict(identity=ALLOW_ALL, action="ec2:RunInstances", resource="*", boundary=ALLOW_ALL_S3),
        Decision.IMPLICIT_DENY,
        [],
        id="boundary-limits-identity",
    ),
    pytest.param(
        dict(identity=ALLOW_ALL_S3, action="s3:GetObject", resource="*", boundary=ALLOW_ALL),
        Decision.ALLOWED,
        [None, None],
        id="boundary-and-identity-allow",
    ),
    # "Evaluating identity-based policies with Organizations SCPs": an action must be allowed
    # by both the identity-based policy and the SCP.
    pytest.param(
        dict(identity=ALLOW_ALL, action="ec2:RunInstances", resource="*", scp=ALLOW_ALL_S3),
        Decision.IMPLICIT_DENY,
        [],
        id="scp-limits-identity",
    ),
    pytest.param(
        dict(identity=ALLOW_EC2, action="s3:GetObject", resource="*", scp=ALLOW_ALL),
        Decision.IMPLICIT_DENY,
        [],
        id="scp-does-not-grant",
    ),
    # Step 3 "Resource-based policies": an IAM role ARN in the resource policy is limited by
    # an implicit deny in a permissions boundary ...
    pytest.param(
        dict(
            identity=EMPTY,
            action="s3:GetObject",
            resource="arn:aws:s3:::shared/a",
            principal=SESSION,
            resource_policy=bucket_policy_for(ROLE),
            boundary=ALLOW_EC2,
        ),
        Decision.IMPLICIT_DENY,
        [],
        id="role-arn-grant-limited-by-boundary",
    ),
    # ... but a grant to the role session ARN is not.
    pytest.param(
        dict(
            identity=EMPTY,
            action="s3:GetObject",
            resource="arn:aws:s3:::shared/a",
            principal=SESSION,
            resource_policy=bucket_policy_for(SESSION),
            boundary=ALLOW_EC2,
        ),
        Decision.ALLOWED,
        [None],
        id="role-session-grant-not-limited",
    ),
    # "...resource-based policies that grant permissions to an IAM user ARN ... are not
    # limited by an implicit deny in an identity-based policy or permissions boundary."
    pytest.param(
        dict(
            identity=EMPTY,
            action="s3:GetObject",
            resource="arn:aws:s3:::shared/a",
            principal=USER,
            resource_policy=bucket_policy_for(USER),
            boundary=ALLOW_EC2,
        ),
        Decision.ALLOWED,
        [None],
        id="user-grant-not-limited-by-boundary",
    ),
    # A role ARN grant without a boundary: the role's session is allowed.
    pytest.param(
        dict(
            identity=EMPTY,
            action="s3:GetObject",
            resource="arn:aws:s3:::shared/a",
            principal=SESSION,
            resource_policy=bucket_policy_for(ROLE),
        ),
        Decision.ALLOWED,
        [None],
        id="role-arn-grant-allows-session",
    ),
    # A resource policy naming someone else grants nothing to this principal.
    pytest.param(
        dict(
            identity=EMPTY,
            action="s3:GetObject",
            resource="arn:aws:s3:::shared/a",
            principal=USER,
            resource_policy=bucket_policy_for(ROLE),
        ),
        Decision.IMPLICIT_DENY,
        [],
        id="resource-policy-other-principal",
    ),
    # Step 1 "Deny evaluation": a Deny in an SCP wins over every Allow.
    pytest.param(
        dict(
            identity=ALLOW_ALL,
            action="s3:GetObject",
            resource="*",
            scp=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "Action": "*", "Resource": "*"},
                        {"Sid": "NoS3", "Effect": "Deny", "Action": "s3:*", "Resource": "*"},
                    ],
                }
            ),
        ),
        Decision.EXPLICIT_DENY,
        ["NoS3"],
        id="scp-deny-wins",
    ),
]


@pytest.mark.parametrize(("request_", "decision", "sids"), CASES)
def test_policy_evaluation_logic_examples(request_: dict, decision: Decision, sids: list) -> None:
    result = check(**request_)
    assert result.decision is decision, result.reason
    assert sorted(s.sid or "" for s in result.statements) == sorted(s or "" for s in sids)
