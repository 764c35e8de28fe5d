"""`chime-policy fill` and `edit` keep who is granted and the author's conditions (audit D1,
D2, D6), run through the CLI's main() on files."""

from editor.cli.main import main
from tests.core.policy.test_tick_reversible import COND_SINGLE
from tests.core.policy.test_who_is_granted import CROSS_ACCOUNT, TRUST


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_fill_leaves_a_principals_account_and_says_nothing_was_filled(capsys, tmp_path) -> None:
    path = tmp_path / "bucket-policy.json"
    path.write_text(CROSS_ACCOUNT, encoding="utf-8")
    code, _, err = run(capsys, "fill", "--account-id", "444455556666", "--in-place", str(path))
    assert path.read_text(encoding="utf-8") == CROSS_ACCOUNT
    assert "no ARN holds a value for --account-id: nothing filled" in err
    assert code == 0


def test_fill_leaves_a_trust_policys_conditions_whole(capsys, tmp_path) -> None:
    path = tmp_path / "trust-policy.json"
    path.write_text(TRUST, encoding="utf-8")
    run(capsys, "fill", "--account-id", "999999999999", "--in-place", str(path))
    assert path.read_text(encoding="utf-8") == TRUST


def test_edit_refuses_to_delete_a_conditioned_statement(capsys, tmp_path) -> None:
    path = tmp_path / "cond-single.json"
    path.write_text(COND_SINGLE, encoding="utf-8")
    code, _, err = run(capsys, "edit", "--remove-action", "DeleteChannel", "--in-place", str(path))
    assert code == 1
    assert 'statement "DeleteOnlyWithMfa"' in err and "Condition" in err
    assert path.read_text(encoding="utf-8") == COND_SINGLE
    assert not path.with_name("cond-single.json.bak").exists()


# The shape of AWS's "manage your own credentials" example (IAM User Guide,
# reference_policies_examples_aws_my-sec-creds-self-manage): every ARN's account is `*`.
ANY_ACCOUNT = """{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AllowManageOwnAccessKeys",
            "Effect": "Allow",
            "Action": ["iam:CreateAccessKey", "iam:ListAccessKeys"],
            "Resource": "arn:aws:iam::*:user/${aws:username}"
        }
    ]
}
"""


def test_fill_keeps_an_account_written_as_any_and_says_so(capsys, tmp_path) -> None:
    path = tmp_path / "self-manage.json"
    path.write_text(ANY_ACCOUNT, encoding="utf-8")
    code, out, err = run(capsys, "fill", "--account-id", "123456789012", str(path))
    assert out == ANY_ACCOUNT
    assert err == f"{path}: every ARN holds * (any) for --account-id, which fill keeps\n"
    assert code == 0
