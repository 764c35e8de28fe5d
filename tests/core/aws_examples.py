# ruff: noqa: E501  (the pages' long ARN lines are kept as printed)
"""AWS's published example policies for Chime SDK messaging, verbatim (defects included), as
test data. Each is cited by the page of the Amazon Chime SDK Developer Guide it is printed on
(the guide's sources: the awsdocs/amazon-chime-sdk-developer-guide repository, doc_source/).

The four examples of "Example IAM roles" are the seed page (tests.conftest.seed_examples).
"""

from typing import NamedTuple

from tests.conftest import seed_examples


class Example(NamedTuple):
    name: str
    url: str
    text: str
    # Placeholders the page left for the reader, as written, each with the option of
    # `chime-policy fill` (or the form field) that fills it.
    placeholders: dict[str, str]


# https://docs.aws.amazon.com/chime-sdk/latest/dg/register-endpoint.html
# ("Register a mobile device endpoint as an App Instance user"): two statements with their
# own Sids, one of them for Amazon Pinpoint.
REGISTER_ENDPOINT = """{ 
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PermissionToRegisterEndpoint",
            "Effect": "Allow",
            "Action": "chime:RegisterAppInstanceUserEndpoint",
            "Resource": "arn:aws:chime:region:aws_account_id:app-instance/app_instance_id/user/app_instance_user_id"
        },
        {
            "Sid": "PermissionToGetAppOnPinpoint",
            "Effect": "Allow",
            "Action": "mobiletargeting:GetApp",
            "Resource": "arn:aws:mobiletargeting:region:aws_account_id:apps/project_id"
        }
    ]
}
"""  # noqa: W291 (the page's trailing space after the first brace, kept)

# https://docs.aws.amazon.com/chime-sdk/latest/dg/call-from-backend.html ("Making SDK calls
# from a backend service"): a single Statement object, an elided action list (`...`), and the
# user ID `backend_worker`, a real ID, not a placeholder.
CALL_FROM_BACKEND = """{
    "Version": "2012-10-17",
    "Statement": {
    "Effect": "Allow",
    "Action": [
        "chime:SendChannelMessage",
        "chime:ListChannelMessages",
        "chime:CreateChannelMembership",
        "chime:ListChannelMemberships",
        "chime:DeleteChannelMembership",
        "chime:CreateChannel",
        "chime:ListChannels",
        "chime:DeleteChannel",
        ... 
    ],
    "Resource": [
        "arn:aws:chime:region:aws_account_id:app-instance/app_instance_id/user/backend_worker",
        "arn:aws:chime:region:aws_account_id:app-instance/app_instance_id/channel/*"
    ]
}
"""  # noqa: W291

# https://docs.aws.amazon.com/chime-sdk/latest/dg/define-iam-policy.html ("Defining an IAM
# policy", WebSocket connections): no opening brace, `"Action:` with its closing quote missing.
DEFINE_IAM_POLICY = """"Version": "2012-10-17",
"Statement": [
  {
    "Effect": "Allow",
    "Action: [
      "chime:Connect"
    ],
    "Resource": [
      "arn:aws:chime:region:{aws_account_id}:app-instance/{app_instance_id}/user/{app_instance_user_id}"
    ]
 },
 {
    "Effect": "Allow",
    "Action: [
      "chime:GetMessagingSessionEndpoint"
    ],
    "Resource": [
      "*"
    ]
 }
 ]
}
"""

# The same, with its two defects repaired by hand (an opening brace; the closing quote of
# `"Action"`): our reader cannot guess where a document that does not start with `{` begins.
DEFINE_IAM_POLICY_REPAIRED = "{\n" + DEFINE_IAM_POLICY.replace('"Action: [', '"Action": [')

_IDS = {
    "region": "region",
    "aws_account_id": "account_id",
    "app_instance_id": "app_instance_id",
    "app_instance_user_id": "user_id",
}
_BRACED = {"region": "region", **{f"{{{k}}}": v for k, v in _IDS.items() if k != "region"}}

IAM_ROLES_URL = "https://docs.aws.amazon.com/chime-sdk/latest/dg/iam-roles.html"


def examples() -> list[Example]:
    seed = seed_examples()
    return [
        Example(
            "register-endpoint",
            "https://docs.aws.amazon.com/chime-sdk/latest/dg/register-endpoint.html",
            REGISTER_ENDPOINT,
            {**_IDS, "project_id": "other:project_id"},
        ),
        Example(
            "call-from-backend",
            "https://docs.aws.amazon.com/chime-sdk/latest/dg/call-from-backend.html",
            CALL_FROM_BACKEND,
            {k: v for k, v in _IDS.items() if k != "app_instance_user_id"},
        ),
        Example(
            "define-iam-policy",
            "https://docs.aws.amazon.com/chime-sdk/latest/dg/define-iam-policy.html",
            DEFINE_IAM_POLICY_REPAIRED,
            _BRACED,
        ),
        Example("iam-roles-admin", IAM_ROLES_URL, seed[0], {}),
        Example("iam-roles-full-user", IAM_ROLES_URL, seed[1], _BRACED),
        Example("iam-roles-minimal-user", IAM_ROLES_URL, seed[2], _BRACED),
        Example("iam-roles-websocket", IAM_ROLES_URL, seed[3], _BRACED),
    ]
