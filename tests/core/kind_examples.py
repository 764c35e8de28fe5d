"""Policies of every kind as AWS's documentation prints them, each citing its page.

CLEAN: examples with their values filled in, as AWS shows them; the checks must find nothing
of warning or error on them. BROKEN: examples as pasted from the page, with the defects the
page has (placeholders, a missing comma); the tests name what each must get.
"""

from __future__ import annotations

from typing import NamedTuple

IAM_GUIDE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
CHIME_GUIDE = "https://docs.aws.amazon.com/chime-sdk/latest/dg/"
ORGS_GUIDE = "https://docs.aws.amazon.com/organizations/latest/userguide/"


class Example(NamedTuple):
    name: str
    kind: str  # the kind the document shows (what detection must find)
    source: str
    text: str


CLEAN: list[Example] = [
    Example(
        "oidc-trust",
        "trust",
        IAM_GUIDE + "id_roles_create_for-idp_oidc.html",
        """{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "Federated": "arn:aws:iam::012345678910:oidc-provider/token.actions.githubusercontent.com"
      },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:sub": "repo:GitHubOrg/GitHubRepo:ref:refs/heads/GitHubBranch"
        }
      }
    }
  ]
}
""",  # noqa: E501 (as AWS prints it)
    ),
    Example(
        "chime-service-role-trust",
        "trust",
        CHIME_GUIDE + "create-service-role.html",
        """{
       "Version": "2012-10-17",
       "Statement": [
           {
               "Effect": "Allow",
               "Principal": {
                   "Service": "messaging.chime.amazonaws.com"
                },
                "Action": "sts:AssumeRole"
            }
       ]
   }
""",
    ),
    Example(
        "cross-account-trust",
        "trust",
        IAM_GUIDE + "reference_policies_elements_principal.html",
        """{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": ["arn:aws:iam::123456789012:root", "999999999999"]
      },
      "Action": ["sts:AssumeRole", "sts:TagSession"]
    }
  ]
}
""",
    ),
    Example(
        "s3-deny-all-but-one",
        "resource",
        IAM_GUIDE + "reference_policies_elements_principal.html",
        """{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "UsePrincipalArnInsteadOfNotPrincipalWithDeny",
      "Effect": "Deny",
      "Action": "s3:*",
      "Principal": "*",
      "Resource": [
        "arn:aws:s3:::BUCKETNAME/*",
        "arn:aws:s3:::BUCKETNAME"
      ],
      "Condition": {
        "ArnNotEquals": {
          "aws:PrincipalArn": "arn:aws:iam::444455556666:user/user-name"
        }
      }
    }
  ]
}
""",
    ),
    Example(
        "s3-canonical-user",
        "resource",
        IAM_GUIDE + "reference_policies_elements_principal.html",
        """{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": ["arn:aws:iam::123456789012:root", "999999999999"],
        "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
      },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"
    }
  ]
}
""",
    ),
    Example(
        "chime-media-capture-bucket-filled",
        "resource",
        CHIME_GUIDE + "create-s3-bucket.html",
        """{
    "Version": "2012-10-17",
    "Id": "AWSChimeMediaCaptureBucketPolicy",
    "Statement": [
        {
            "Sid": "AWSChimeMediaCaptureBucketPolicy",
            "Effect": "Allow",
            "Principal": {
                "Service": "mediapipelines.chime.amazonaws.com"
            },
            "Action": [ "s3:PutObject", "s3:PutObjectAcl" ],
            "Resource": "arn:aws:s3:::capture-bucket/*",
            "Condition": {
                "StringEquals": {
                    "aws:SourceAccount": "111122223333"
                },
                "ArnLike": {
                    "aws:SourceArn": "arn:aws:chime:*:111122223333:*"
                }
            }
        }
    ]
}
""",
    ),
    Example(
        "chime-sqs-queue-filled",
        "resource",
        CHIME_GUIDE + "mtgs-sdk-notifications.html",
        """{
    "Version": "2012-10-17",
    "Id": "example-ID",
    "Statement": [
        {
            "Sid": "example-statement-ID",
            "Effect": "Allow",
            "Principal": {
                "Service": "meetings.chime.amazonaws.com"
            },
            "Action": [
                "sqs:SendMessage",
                "sqs:GetQueueUrl"
            ],
            "Resource": "arn:aws:sqs:us-east-1:111122223333:queueName",
            "Condition": {
                "ArnLike": {
                    "aws:SourceArn": "arn:aws:chime::111122223333:*"
                },
                "StringEquals": {
                    "aws:SourceAccount": "111122223333"
                }
            }
        }
    ]
}
""",
    ),
    Example(
        "chime-kms-key-policy",
        "resource",
        CHIME_GUIDE + "mtgs-sdk-notifications.html",
        """{
    "Version": "2012-10-17",
    "Id": "example-ID",
    "Statement": [
        {
            "Sid": "example-statement-ID",
            "Effect": "Allow",
            "Principal": {
                "Service": "chime.amazonaws.com"
            },
            "Action": [
                "kms:GenerateDataKey",
                "kms:Decrypt"
            ],
            "Resource": "*"
        }
    ]
}
""",
    ),
    Example(
        "rcp-full-access",
        "rcp",
        ORGS_GUIDE + "orgs_manage_policies_rcps_examples.html",
        """{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "*",
      "Resource": "*"
    }
  ]
}
""",
    ),
    Example(
        "rcp-secure-transport",
        "rcp",
        ORGS_GUIDE + "orgs_manage_policies_rcps_examples.html",
        """{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EnforceSecureTransport",
      "Effect": "Deny",
      "Principal": "*",
      "Action": ["sts:*", "s3:*", "sqs:*", "secretsmanager:*", "kms:*"],
      "Resource": "*",
      "Condition": {
        "BoolIfExists": {
          "aws:SecureTransport": "false"
        }
      }
    }
  ]
}
""",
    ),
    Example(
        "scp-deny-leave-organization",
        "scp",
        ORGS_GUIDE + "orgs_manage_policies_scps_examples_general.html",
        """{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny",
      "Action": "organizations:LeaveOrganization",
      "Resource": "*"
    }
  ]
}
""",
    ),
    Example(
        "scp-deny-outside-regions",
        "scp",
        ORGS_GUIDE + "orgs_manage_policies_scps_examples_general.html",
        """{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyAllOutsideEU",
      "Effect": "Deny",
      "NotAction": ["iam:*", "organizations:*", "route53:*", "support:*"],
      "Resource": "*",
      "Condition": {
        "StringNotEquals": {
          "aws:RequestedRegion": ["eu-central-1", "eu-west-1"]
        },
        "ArnNotLike": {
          "aws:PrincipalARN": ["arn:aws:iam::*:role/Role1AllowedToBypassThisSCP"]
        }
      }
    }
  ]
}
""",
    ),
    Example(
        "boundary-create-user",
        "boundary",
        IAM_GUIDE + "access_policies_boundaries.html",
        """{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": "iam:CreateUser",
    "Resource": "*"
  }
}
""",
    ),
]

# As printed on the page: the trust relationship misses a comma after Principal, and the
# account is a word to replace (Chime SDK DG, "Authenticating end-user client applications").
CHIME_TRUST_AS_PRINTED = Example(
    "chime-client-apps-trust",
    "trust",
    CHIME_GUIDE + "auth-client-apps.html",
    """{
    "Version": "2012-10-17",
    "Statement": [
         {
            "Effect": "Allow",
            "Principal": {
               "AWS":"arn:aws:iam::my_aws_account_id:role/ChimeMessagingSampleAppServerRole"
            }
            "Action": "sts:AssumeRole"
        }
    ]
}
""",
)

# As printed: Bucket_Name and Account_Id are left for the reader to fill.
CHIME_BUCKET_AS_PRINTED = Example(
    "chime-media-capture-bucket",
    "resource",
    CHIME_GUIDE + "create-s3-bucket.html",
    """{
    "Version": "2012-10-17",
    "Id": "AWSChimeMediaCaptureBucketPolicy",
    "Statement": [
        {
            "Sid": "AWSChimeMediaCaptureBucketPolicy",
            "Effect": "Allow",
            "Principal": {
                "Service": "mediapipelines.chime.amazonaws.com"
            },
            "Action": [ "s3:PutObject", "s3:PutObjectAcl" ],
            "Resource": "arn:aws:s3:::Bucket_Name/*",
            "Condition": {
                "StringEquals": {
                    "aws:SourceAccount": "Account_Id"
                },
                "ArnLike": {
                    "aws:SourceArn": "arn:aws:chime:*:Account_Id:*"
                }
            }
        }
    ]
}
""",
)

# As printed: ">partition<" for the partition of the source ARN.
CHIME_QUEUE_AS_PRINTED = Example(
    "chime-sqs-queue",
    "resource",
    CHIME_GUIDE + "mtgs-sdk-notifications.html",
    """{
    "Version": "2008-10-17",
   "Id": "example-ID",
    "Statement": [
        {
            "Sid": "example-statement-ID",
            "Effect": "Allow",
            "Principal": {
                "Service": "meetings.chime.amazonaws.com"
            },
                "Action": [
                    "sqs:SendMessage",
                    "sqs:GetQueueUrl"
                ],
               "Resource": "arn:aws:sqs:us-east-1:111122223333:queueName",
               "Condition": {
                   "ArnLike": {
                       "aws:SourceArn": "arn:>partition<:chime::111122223333:*"
               },
               "StringEquals": {
                   "aws:SourceAccount": "111122223333"
               }
            }
        }
   ]
}
""",
)
