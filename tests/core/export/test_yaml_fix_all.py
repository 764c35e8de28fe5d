"""Fix all in a YAML template writes back only the strings it changed: five mis-cased actions
on five lines are five edits of their scalars, quoted or plain, never the policy rewritten as
a JSON flow mapping.

The new-user audit ran Fix all on the chat demo's AuthLambdaIAMRole policy 3 (aws-samples/
amazon-chime-sdk, apps/chat/src/backend/serverless/template.yaml, five `chime:describe...`
actions in a row) and saved: its YAML block became 16 lines of JSON. cfn-lint's reader (an
oracle we did not write) decodes the saved template to the fixed policy."""

from __future__ import annotations

import difflib
import json

import pytest

from editor.core.export.containers import find_container, write_back
from editor.core.lint.engine import fix_all
from tests.core.template_ticks import decoded

MISCASED = """\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AuthLambdaIAMRole:
    Type: "AWS::IAM::Role"
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: ChimeAccess
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
"""
PLAIN = (
    MISCASED.replace('- "chime:', "- chime:")
    .replace('Meeting"', "Meeting")
    .replace('Channel"', "Channel")
    .replace('Membership"', "Membership")
    .replace('Attendee"', "Attendee")
)
ONE_LINE = MISCASED.replace(
    """                Action:
                  - "chime:describeChannel"
                  - "chime:describeChannelMembership"
                  - "chime:createMeeting"
                  - "chime:createAttendee"
                  - "chime:deleteMeeting"
""",
    """                Action: ["chime:describeChannel", "chime:createMeeting"]
""",
)
RESPELT = {
    "chime:describeChannel": "chime:DescribeChannel",
    "chime:describeChannelMembership": "chime:DescribeChannelMembership",
    "chime:createMeeting": "chime:CreateMeeting",
    "chime:createAttendee": "chime:CreateAttendee",
    "chime:deleteMeeting": "chime:DeleteMeeting",
}


def _policy(template: str) -> dict:
    role = decoded(template, "stack.yaml")["Resources"]["AuthLambdaIAMRole"]
    return dict(role["Properties"]["Policies"][0]["PolicyDocument"])


@pytest.mark.parametrize(
    ("template", "changed_lines"),
    [(MISCASED, 5), (PLAIN, 5), (ONE_LINE, 1)],
    ids=["quoted-items", "plain-items", "flow-list-on-one-line"],
)
def test_fix_all_changes_only_the_respelt_scalars(template: str, changed_lines: int) -> None:
    container = find_container(template, "stack.yaml")
    assert container is not None
    embedded = next(
        e for e in container.policies if "ChimeAccess" in e.label or "policy 1" in e.label
    )
    fixed = fix_all(embedded.text)
    saved = write_back(template, embedded, fixed)
    removed = [
        line
        for line in difflib.ndiff(template.splitlines(), saved.splitlines())
        if line.startswith("- ")
    ]
    assert len(removed) == changed_lines, "\n".join(removed)
    assert len(saved.splitlines()) == len(template.splitlines())
    # cfn-lint's reader sees the fixed policy; the words respelt, nothing else moved.
    assert _policy(saved) == json.loads(fixed)
    expected = json.loads(json.dumps(_policy(template)))
    statement = expected["Statement"][0]
    statement["Action"] = [RESPELT[a] for a in statement["Action"]]
    assert _policy(saved) == expected
