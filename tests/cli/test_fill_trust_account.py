"""`chime-policy fill --account-id` on a trust policy as a guide prints it: the account of
`aws:SourceArn` AND the `aws:SourceAccount` placeholder are filled with the same account. Before,
only the ARN's was: `<ACCOUNT_ID>` stayed in SourceAccount, fill said "filled" with exit 0,
and the role could never be assumed. And fill exits 1 while any placeholder is left, a
Condition's or a Principal's included (`fill --help`: "Exit 1 when placeholders remain").

The oracle (iam-simulate) decides that the filled trust policy lets Chime's messaging service
assume the role for that account's app instance, and that the policy as it was did not.
"""

import json
from pathlib import Path

import pytest

from editor.cli.main import main
from tests.core.access.oracle import run_oracle

SERVICE = "messaging.chime.amazonaws.com"
ROLE = "arn:aws:iam::111122223333:role/ChimeMessagingRole"


def trust(account: str, arn: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": SERVICE},
                "Action": "sts:AssumeRole",
                "Condition": {
                    "StringEquals": {"aws:SourceAccount": account},
                    "ArnLike": {"aws:SourceArn": arn},
                },
            }
        ],
    }


GUIDE = ("<ACCOUNT_ID>", "arn:aws:chime:region:<ACCOUNT_ID>:app-instance/<APP_INSTANCE_ID>")
BRACED = ("{aws_account_id}", "arn:aws:chime:region:{aws_account_id}:app-instance/app_instance_id")
FILLED = trust("111122223333", "arn:aws:chime:us-east-1:111122223333:app-instance/abc")
FILL = ["--account-id", "111122223333", "--region", "us-east-1", "--app-instance-id", "abc"]


def _assume(document: dict) -> dict:
    return {
        "identity": [],
        "resource_policy": document,
        "action": "sts:AssumeRole",
        "resource": ROLE,
        "principal": SERVICE,
        "context": {
            "aws:SourceAccount": "111122223333",
            "aws:SourceArn": "arn:aws:chime:us-east-1:111122223333:app-instance/abc",
        },
    }


@pytest.mark.parametrize("written", [GUIDE, BRACED], ids=["angle", "braced"])
def test_fill_fills_source_account_with_the_source_arns_account(capsys, tmp_path, written):
    path = tmp_path / "trust.json"
    path.write_text(json.dumps(trust(*written), indent=4), encoding="utf-8")
    assert main(["fill", "--in-place", *FILL, str(path)]) == 0
    capsys.readouterr()
    filled = json.loads(path.read_text(encoding="utf-8"))
    assert filled == FILLED
    assert main(["lint", str(path)]) == 0  # no placeholder left for lint to find
    # The oracle: the service can assume the role now; with the half-filled policy fill
    # wrote before (SourceAccount still a placeholder), it could not.
    half = trust(written[0], FILLED["Statement"][0]["Condition"]["ArnLike"]["aws:SourceArn"])
    assert run_oracle([_assume(filled), _assume(half)]) == ["allowed", "implicitDeny"]


def test_fill_exits_1_while_a_conditions_placeholder_is_left(capsys, tmp_path: Path) -> None:
    path = tmp_path / "trust.json"
    path.write_text(json.dumps(trust(*GUIDE), indent=4), encoding="utf-8")
    assert main(["fill", "--in-place", "--account-id", "111122223333", str(path)]) == 1
    err = capsys.readouterr().err
    assert "condition/placeholder 'region'" in err
    assert "'<APP_INSTANCE_ID>'" in err
    text = path.read_text(encoding="utf-8")
    assert '"aws:SourceAccount": "111122223333"' in text  # filled all the same
    assert ":111122223333:app-instance/<APP_INSTANCE_ID>" in text


def test_a_real_source_account_is_kept_as_written(capsys, tmp_path: Path) -> None:
    # Only placeholders are filled: an account the author wrote is never retargeted.
    document = trust("444455556666", "arn:aws:chime:region:444455556666:app-instance/abc")
    path = tmp_path / "trust.json"
    path.write_text(json.dumps(document, indent=4), encoding="utf-8")
    main(["fill", "--in-place", "--account-id", "111122223333", "--region", "us-east-1", str(path)])
    filled = json.loads(path.read_text(encoding="utf-8"))
    condition = filled["Statement"][0]["Condition"]
    assert condition["StringEquals"]["aws:SourceAccount"] == "444455556666"
    assert condition["ArnLike"]["aws:SourceArn"].startswith("arn:aws:chime:us-east-1:444455556666:")
