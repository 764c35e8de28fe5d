"""Small policy builders for rule tables."""

import json

ACCOUNT = "123456789012"
BASE = f"arn:aws:chime:us-east-1:{ACCOUNT}:app-instance/app-1"
APP = BASE
USER = f"{BASE}/user/user-1"
BOT = f"{BASE}/bot/bot-1"
CHANNEL = f"{BASE}/channel/*"
FLOW = f"{BASE}/channel-flow/flow-1"


def statement(actions, resources, effect="Allow", **extra) -> dict:
    return {"Effect": effect, "Action": actions, "Resource": resources, **extra}


def policy(*statements, version="2012-10-17") -> str:
    document = {"Version": version, "Statement": list(statements)}
    if version is None:
        del document["Version"]
    return json.dumps(document, indent=4)


# A clean multi-statement, multi-service policy: conditions, NotAction, s3, a Deny.
CLEAN_MULTI_SERVICE = policy(
    {"Sid": "Session", **statement("chime:GetMessagingSessionEndpoint", "*")},
    {
        "Sid": "Messaging",
        **statement(
            ["chime:SendChannelMessage", "chime:List*"],
            [USER, CHANNEL],
            Condition={"StringEquals": {"aws:RequestedRegion": "us-east-1"}},
        ),
    },
    {"Sid": "ConnectAsMe", **statement("chime:Connect", f"{BASE}/user/${{aws:username}}")},
    {
        "Sid": "Attachments",
        **statement(
            ["s3:GetObject", "s3:PutObject"],
            "arn:aws:s3:::chat-attachments/${aws:username}/*",
            Condition={"Bool": {"aws:SecureTransport": "true"}},
        ),
    },
    {
        "Sid": "NoDeletes",
        "Effect": "Deny",
        "NotAction": ["chime:Get*", "chime:List*"],
        "Resource": "*",
    },
    {
        "Sid": "TagOwnChannels",
        **statement(
            "chime:TagResource",
            CHANNEL,
            Condition={"StringEquals": {"aws:ResourceTag/team": "blue"}},
        ),
    },
)
