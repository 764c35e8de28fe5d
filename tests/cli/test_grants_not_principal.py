"""The IAM User Guide's NotPrincipal bucket policy ("AWS JSON policy elements: NotPrincipal":
Deny s3:* to all principals except user/Bob of 444455556666, with the account listed so it is
not denied itself), plus an Allow of s3:GetObject to that account (the new-user audit's D8).

Before: `grants` said "grants nothing" (`[]` in JSON), as if the Deny took the grant back from
everyone, while check-access said Bob is allowed; and check-access said Mallory, another user
of the account, is allowed, where the page says every principal but Bob is explicitly denied.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.cli.main import main
from tests.cli.test_check_access_cross_account import BUCKET, EVERYTHING

BOB = "arn:aws:iam::444455556666:user/Bob"
MALLORY = "arn:aws:iam::444455556666:user/Mallory"


@pytest.fixture
def bucket_file(tmp_path: Path) -> Path:
    path = tmp_path / "np_doc.json"
    path.write_text(json.dumps(BUCKET, indent=4))
    return path


def test_the_grant_is_listed_with_who_the_deny_spares(capsys, bucket_file) -> None:
    assert main(["grants", str(bucket_file)]) == 0
    out = capsys.readouterr().out
    assert out != "grants nothing\n"
    lines = out.splitlines()
    get = lines.index("    s3:GetObject")
    assert (
        lines[get + 1]
        .strip()
        .startswith("arn:aws:s3:::BUCKETNAME/* [object] to AWS arn:aws:iam::444455556666:root")
    )
    denied = [line for line in lines[get + 1 :] if line.strip().startswith("denied on ")]
    assert any(
        "for anyone but AWS arn:aws:iam::444455556666:root and AWS "
        "arn:aws:iam::444455556666:user/Bob" in line
        for line in denied
    )
    # Only GetObject is granted: the Deny's s3:* grants nothing.
    assert [line.strip() for line in lines if line.startswith("    s")] == ["s3:GetObject"]


def test_the_json_summary_lists_the_grant(capsys, bucket_file) -> None:
    main(["grants", "--format", "json", str(bucket_file)])
    document = json.loads(capsys.readouterr().out)
    assert [g["action"] for g in document] == ["s3:GetObject"]
    assert document[0]["resources"][0]["principals"] == ["AWS arn:aws:iam::444455556666:root"]
    assert document[0]["denied"][0]["principals"] == [
        "anyone but AWS arn:aws:iam::444455556666:root and AWS arn:aws:iam::444455556666:user/Bob"
    ]


@pytest.mark.parametrize(
    ("principal", "code", "decision"), [(BOB, 0, "allowed"), (MALLORY, 1, "explicitDeny")]
)
def test_check_access_spares_bob_only(
    capsys, tmp_path: Path, bucket_file, principal, code, decision
) -> None:
    identity = tmp_path / "allow.json"
    identity.write_text(json.dumps(EVERYTHING))
    args = ["check-access", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::BUCKETNAME/x",
            "--principal", principal, "--resource-policy", str(bucket_file), str(identity),
            "--format", "json"]  # fmt: skip
    assert main(args) == code
    assert json.loads(capsys.readouterr().out)["decision"] == decision
