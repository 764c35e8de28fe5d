"""`chime-policy check-access` with a policy that names a Principal given as POLICY: it is
checked as the resource (or trust) policy it is, the same as with --resource-policy. The
audit's case: a bucket policy granting s3:ListBucket to account 111122223333 said "allowed"
(exit 0) for bob of account 999988887777."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli.main import main

BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket"
BUCKET_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PublicRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": ["s3:GetObject", "s3:GetObjectVersion"],
            "Resource": [f"{BUCKET}/*"],
        },
        {
            "Sid": "AllowCrossAccountList",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": "s3:ListBucket",
            "Resource": BUCKET,
        },
        {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [BUCKET, f"{BUCKET}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        },
    ],
}
TRUST_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "messaging.chime.amazonaws.com"},
            "Action": "sts:AssumeRole",
            "Condition": {
                "StringEquals": {"aws:SourceAccount": "123456789012"},
                "ArnLike": {"aws:SourceArn": "arn:aws:chime:us-east-1:123456789012:app-instance/*"},
            },
        }
    ],
}
BOB = "arn:aws:iam::999988887777:user/bob"
ROLE = "arn:aws:iam::123456789012:role/ChimeMessaging"
TRUST_CONTEXT = [
    "--context", "aws:SourceAccount=123456789012",
    "--context", "aws:SourceArn=arn:aws:chime:us-east-1:123456789012:app-instance/app1",
]  # fmt: skip


def write(tmp_path: Path, name: str, document: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return str(path)


def decision(capsys, *args: str) -> tuple[int, str]:
    code = main(["check-access", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)["decision"]


def test_bucket_policy_as_policy_does_not_allow_a_principal_it_does_not_name(
    capsys, tmp_path
) -> None:
    bucket = write(tmp_path, "bucket-policy.json", BUCKET_POLICY)
    request = ["--action", "s3:ListBucket", "--resource", BUCKET, "--principal", BOB]
    assert decision(capsys, *request, bucket) == (1, "implicitDeny")
    # The same as the policy given as --resource-policy with an empty identity policy.
    empty = write(tmp_path, "empty.json", {"Version": "2012-10-17", "Statement": []})
    assert decision(capsys, *request, "--resource-policy", bucket, empty) == (1, "implicitDeny")


def test_bucket_policy_as_policy_allows_whom_it_names(capsys, tmp_path) -> None:
    bucket = write(tmp_path, "bucket-policy.json", BUCKET_POLICY)
    code, out = decision(
        capsys,
        "--action", "s3:GetObject",
        "--resource", f"{BUCKET}/report.csv",
        "--principal", BOB,
        "--context", "aws:SecureTransport=true",
        bucket,
    )  # fmt: skip
    assert (code, out) == (0, "allowed")


def test_trust_policy_as_policy_or_resource_policy_gives_one_answer(capsys, tmp_path) -> None:
    trust = write(tmp_path, "trust-policy.json", TRUST_POLICY)
    empty = write(tmp_path, "empty.json", {"Version": "2012-10-17", "Statement": []})
    service = ["--principal", "messaging.chime.amazonaws.com", *TRUST_CONTEXT]
    request = ["--action", "sts:AssumeRole", "--resource", ROLE, *service]
    assert decision(capsys, *request, trust) == (0, "allowed")
    assert decision(capsys, *request, "--resource-policy", trust, empty) == (0, "allowed")
    someone = ["--action", "sts:AssumeRole", "--resource", ROLE, "--principal", BOB]
    assert decision(capsys, *someone, *TRUST_CONTEXT, trust) == (1, "implicitDeny")


def test_two_resource_policies_are_a_usage_error(tmp_path) -> None:
    bucket = write(tmp_path, "bucket-policy.json", BUCKET_POLICY)
    trust = write(tmp_path, "trust-policy.json", TRUST_POLICY)
    done = subprocess.run(
        [sys.executable, "-m", "editor.cli", "check-access", "--action", "s3:ListBucket"]
        + ["--resource", BUCKET, "--principal", BOB, bucket, "--resource-policy", trust],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "both name a Principal" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("principal", [None, "arn:aws:iam::111122223333:user/alice"])
def test_text_output_names_the_deciding_resource_statement(capsys, tmp_path, principal) -> None:
    bucket = write(tmp_path, "bucket-policy.json", BUCKET_POLICY)
    args = ["--action", "s3:GetObject", "--resource", f"{BUCKET}/a"]
    args += ["--principal", principal] if principal else []
    code = main(["check-access", *args, "--context", "aws:SecureTransport=true", bucket])
    out = capsys.readouterr().out
    assert code == 0
    assert f"decided by {bucket}:4: Allow statement 'PublicRead'" in out
