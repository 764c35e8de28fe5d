"""`diff` keeps the Conditions of a changed Deny: AWS's "manage your own credentials with MFA"
example (IAM User Guide, reference_policies_examples_aws_my-sec-creds-self-manage) denies with
`BoolIfExists` so that calls with long-term access keys (no aws:MultiFactorAuthPresent) are
denied too; `Bool` lets them through. The new grant holds only where the old Deny's Condition
holds and the new one's does not: the line says so, the reverse change is no new grant, and
the oracle (iam-simulate) confirms which requests changed.
"""

import copy
import json
from pathlib import Path

from editor.cli.main import main
from tests.core.access.oracle import run_oracle

PRINCIPAL = "arn:aws:iam::111122223333:user/alice"
USER = "arn:aws:iam::111122223333:user/alice"
IF_EXISTS = {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
PLAIN = {"Bool": {"aws:MultiFactorAuthPresent": "false"}}
MFA = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AllowManageOwnPasswords",
            "Effect": "Allow",
            "Action": ["iam:ChangePassword", "iam:GetUser", "iam:CreateAccessKey"],
            "Resource": "arn:aws:iam::*:user/${aws:username}",
        },
        {
            "Sid": "DenyAllExceptListedIfNoMFA",
            "Effect": "Deny",
            "NotAction": ["iam:GetUser", "sts:GetSessionToken"],
            "Resource": "*",
            "Condition": IF_EXISTS,
        },
    ],
}


def _with(condition: dict | None = None, not_action: list[str] | None = None) -> dict:
    document = copy.deepcopy(MFA)
    if condition is not None:
        document["Statement"][1]["Condition"] = condition
    if not_action is not None:
        document["Statement"][1]["NotAction"] = not_action
    return document


def _diff(capsys, tmp_path: Path, old: dict, new: dict) -> tuple[int, list[str]]:
    paths = []
    for name, document in (("old.json", old), ("new.json", new)):
        (tmp_path / name).write_text(json.dumps(document, indent=2), encoding="utf-8")
        paths.append(str(tmp_path / name))
    code = main(["diff", *paths])
    return code, capsys.readouterr().out.splitlines()


def _oracle(document: dict, context: dict) -> str:
    case = {"identity": [document], "action": "iam:ChangePassword", "resource": USER}
    return run_oracle([{**case, "principal": PRINCIPAL, "context": context}])[0]


def test_bool_instead_of_boolifexists_is_new_access_only_without_the_key(capsys, tmp_path):
    old, new = MFA, _with(PLAIN)
    # The oracle: only the call without the key (long-term access keys) changed.
    absent, false, true = (
        {},
        {"aws:MultiFactorAuthPresent": "false"},
        {"aws:MultiFactorAuthPresent": "true"},
    )
    assert (_oracle(old, absent), _oracle(new, absent)) == ("explicitDeny", "allowed")
    assert _oracle(old, false) == _oracle(new, false) == "explicitDeny"
    assert _oracle(old, true) == _oracle(new, true) == "allowed"
    code, lines = _diff(capsys, tmp_path, old, new)
    assert code == 1
    ours = [line for line in lines if line.startswith("+ iam:ChangePassword ")]
    assert len(ours) == 1
    when = json.dumps(IF_EXISTS, sort_keys=True)
    unless = json.dumps(PLAIN, sort_keys=True)
    assert f" when {when} unless {unless}" in ours[0]
    assert not any(line.startswith("- ") for line in lines)


def test_the_reverse_change_removes_and_grants_nothing_new(capsys, tmp_path) -> None:
    code, lines = _diff(capsys, tmp_path, _with(PLAIN), MFA)
    assert code == 0
    assert not any(line.startswith("+ ") for line in lines)
    ours = [line for line in lines if line.startswith("- iam:ChangePassword ")]
    assert len(ours) == 1
    assert json.dumps(IF_EXISTS, sort_keys=True) in ours[0]


def test_an_action_taken_out_of_the_deny_is_new_when_its_condition_held(capsys, tmp_path):
    new = _with(not_action=["iam:GetUser", "sts:GetSessionToken", "iam:CreateAccessKey"])
    code, lines = _diff(capsys, tmp_path, MFA, new)
    assert code == 1
    ours = [line for line in lines if line.startswith("+ ")]
    assert len(ours) == 1 and ours[0].startswith("+ iam:CreateAccessKey on ")
    assert f" when {json.dumps(IF_EXISTS, sort_keys=True)}" in ours[0]
