"""`chime-policy grants` and `diff` on the audit's files: a trust policy says who may assume
the role, a Deny is not called over-broad, access levels of other services come from the
catalog, and diff's example ARN has an ID."""

import json
from pathlib import Path

from editor.cli.main import main
from tests.cli.test_check_access_principal import BUCKET_POLICY, TRUST_POLICY

CHANNELS = "arn:aws:chime:us-east-1:123456789012:app-instance/app1/channel/*"


def write(tmp_path: Path, name: str, document: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return str(path)


def test_grants_of_a_trust_policy_names_who_may_assume_the_role(capsys, tmp_path) -> None:
    assert main(["grants", write(tmp_path, "trust.json", TRUST_POLICY)]) == 0
    out = capsys.readouterr().out
    assert out != "grants nothing\n"
    assert out.splitlines()[:3] == ["sts", "  Write", "    sts:AssumeRole"]
    assert "the policy's own resource [role] to Service messaging.chime.amazonaws.com" in out


def test_grants_of_a_bucket_policy_marks_only_allows(capsys, tmp_path) -> None:
    assert main(["grants", write(tmp_path, "bucket.json", BUCKET_POLICY)]) == 0
    lines = capsys.readouterr().out.splitlines()
    denied = [line for line in lines if line.strip().startswith("denied on ")]
    assert denied and not any("OVER-BROAD" in line for line in denied)
    assert "    s3:ListBucket" in lines and "  List" in lines
    assert sum("OVER-BROAD: to anyone" in line for line in lines) == 2


def test_diff_names_the_action_once_and_gives_an_arn_with_an_id(capsys, tmp_path) -> None:
    empty = write(tmp_path, "empty.json", {"Version": "2012-10-17", "Statement": []})
    statement = {
        "Effect": "Allow",
        "Action": ["mobiletargeting:GetApp", "chime:SendChannelMessage"],
        "Resource": [CHANNELS, "arn:aws:mobiletargeting:us-east-1:123456789012:apps/p1"],
    }
    new = write(tmp_path, "new.json", {"Version": "2012-10-17", "Statement": [statement]})
    assert main(["diff", empty, new]) == 1
    out = capsys.readouterr().out
    assert "+ mobiletargeting:GetApp on " in out
    assert "getapp" not in out
    assert f"e.g. {CHANNELS[:-1]}x" in out


def test_diff_does_not_repeat_an_action_written_in_other_case(capsys, tmp_path) -> None:
    empty = write(tmp_path, "empty.json", {"Version": "2012-10-17", "Statement": []})
    statement = {
        "Effect": "Allow",
        "Action": "mobiletargeting:getapp",
        "Resource": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/p1",
    }
    new = write(tmp_path, "new.json", {"Version": "2012-10-17", "Statement": [statement]})
    assert main(["diff", empty, new]) == 1
    out = capsys.readouterr().out
    assert out.startswith("+ mobiletargeting:GetApp on arn:aws:mobiletargeting:")
    # A wildcard is still named: it is what grants the action.
    statement["Action"] = "mobiletargeting:Get*"
    wild = write(tmp_path, "wild.json", {"Version": "2012-10-17", "Statement": [statement]})
    assert main(["diff", empty, wild]) == 1
    assert "+ mobiletargeting:GetApp (mobiletargeting:Get*) on " in capsys.readouterr().out


def test_diff_of_a_bucket_policy_sees_a_principal_opened_to_anyone(capsys, tmp_path) -> None:
    old = write(tmp_path, "old.json", BUCKET_POLICY)
    opened = json.loads(json.dumps(BUCKET_POLICY))
    opened["Statement"][1]["Principal"] = "*"
    new = write(tmp_path, "new.json", opened)
    assert main(["diff", old, old]) == 0
    assert capsys.readouterr().out == "no change in what the policy allows\n"
    assert main(["diff", old, new]) == 1
    out = capsys.readouterr().out
    assert "+ s3:ListBucket on the policy's own resource" not in out  # its Resource is written
    assert out.startswith("+ s3:ListBucket on arn:aws:s3:::amzn-s3-demo-bucket")
    # And back: the grant to anyone goes, unless the caller is of the account still named.
    assert main(["diff", new, old]) == 0
    out = capsys.readouterr().out
    assert out.startswith("- s3:ListBucket on arn:aws:s3:::amzn-s3-demo-bucket unless Principal")
    assert "unless Principal AWS arn:aws:iam::111122223333:root" in out
    assert "+ " not in out


def test_diff_of_a_trust_policy_sees_who_may_assume_the_role(capsys, tmp_path) -> None:
    old = write(tmp_path, "old.json", TRUST_POLICY)
    other = json.loads(json.dumps(TRUST_POLICY))
    other["Statement"][0]["Principal"] = {"AWS": "arn:aws:iam::999988887777:root"}
    new = write(tmp_path, "new.json", other)
    assert main(["diff", old, new]) == 1
    out = capsys.readouterr().out
    assert "+ sts:AssumeRole" in out and "Principal AWS arn:aws:iam::999988887777:root" in out
    assert "- sts:AssumeRole" in out and "Principal Service messaging.chime.amazonaws.com" in out
