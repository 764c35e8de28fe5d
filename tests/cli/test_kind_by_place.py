"""A policy's place in a template wins over the "has a Principal" guess (README: "its kind
follows its place"): an IAM identity resource's document with a Principal is an identity
policy with a forbidden Principal, an error; the same document under a bucket policy is a
resource-based policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.cli.main import main

DOCUMENT = """\
        Version: '2012-10-17'
        Statement:
        - Effect: Allow
          Principal: '*'
          Action: s3:GetObject
          Resource: arn:aws:s3:::amzn-s3-demo-bucket/*
"""


def template(rtype: str, properties: str, document: str = DOCUMENT) -> str:
    return f"Resources:\n  P:\n    Type: {rtype}\n    Properties:\n{properties}{document}"


ROLE_POLICIES = """\
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
        - Effect: Allow
          Principal: {Service: lambda.amazonaws.com}
          Action: sts:AssumeRole
      Policies:
      - PolicyName: read
        PolicyDocument:
"""
ROLE_DOCUMENT = "".join("    " + line + "\n" for line in DOCUMENT.splitlines())


@pytest.mark.parametrize(
    ("text", "name", "code", "kind"),
    [
        (
            template("AWS::IAM::ManagedPolicy", "      PolicyDocument:\n"),
            "mp.yaml",
            "error policy/principal-in-identity-policy",
            "from PolicyDocument of AWS::IAM::ManagedPolicy",
        ),
        (
            template("AWS::IAM::Policy", "      PolicyName: p\n      PolicyDocument:\n"),
            "inline.yaml",
            "error policy/principal-in-identity-policy",
            "from PolicyDocument of AWS::IAM::Policy",
        ),
        (
            template("AWS::IAM::Role", ROLE_POLICIES, ROLE_DOCUMENT),
            "role.yaml",
            "error policy/principal-in-identity-policy",
            "from Policies of AWS::IAM::Role",
        ),
        (
            'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n'
            '    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = "*",\n'
            '      Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }]\n  })\n}\n',
            "main.tf",
            "error policy/principal-in-identity-policy",
            "from policy of aws_iam_policy",
        ),
        (
            template("AWS::S3::BucketPolicy", "      Bucket: b\n      PolicyDocument:\n"),
            "bucket.yaml",
            "warning principal/public",  # the place says resource policy: no identity error
            "from PolicyDocument of AWS::S3::BucketPolicy",
        ),
    ],
)
def test_the_place_gives_the_kind(text, name, code, kind, tmp_path: Path, capsys) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    status = main(["lint", str(path)])
    out = capsys.readouterr().out
    assert code in out and kind in out, out
    assert status == (1 if code.startswith("error") else 0)
