"""`chime-policy edit --add-action` refuses an action a Deny takes away everywhere, as the
window refuses the tick (audit: exit 0 and a new Allow the Deny overrides, no word). The
answer is `chime-policy grants`'s: a Deny with NotResource, or with wildcards in the region
and account, takes the action away too. The access oracle (iam-simulate) confirms each
case: the action is denied (refused) or allowed somewhere (added)."""

import json
from pathlib import Path

import pytest

from editor.cli.main import main
from tests.core.access.oracle import run_oracle

APP = "arn:aws:chime:us-east-1:111122223333:app-instance/app1"
PRINCIPAL = "arn:aws:iam::111122223333:user/alice"
SEND = {"Effect": "Allow", "Action": ["chime:SendChannelMessage"], "Resource": f"{APP}/*"}


def _deny(**body) -> dict:
    return {"Sid": "NoDeletes", "Effect": "Deny", "Action": ["chime:DeleteChannel"], **body}


# (id, the Deny, refused)
CASES = [
    ("deny-on-star", _deny(Resource="*"), True),  # the audit's ed.json
    ("deny-notresource", _deny(NotResource="arn:aws:s3:::bucket"), True),
    ("deny-any-region-and-account", _deny(Resource="arn:aws:chime:*:*:app-instance/*"), True),
    ("deny-on-one-channel", _deny(Resource=f"{APP}/channel/c1"), False),
]


@pytest.mark.parametrize(("deny", "refused"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_an_added_action_a_deny_takes_away_is_refused(deny, refused, tmp_path: Path, capsys):
    path = tmp_path / "ed.json"
    text = json.dumps({"Version": "2012-10-17", "Statement": [SEND, deny]}, indent=4)
    path.write_text(text, encoding="utf-8")
    code = main(["edit", "--add-action", "chime:DeleteChannel", "--in-place", str(path)])
    err = capsys.readouterr().err
    if refused:
        assert code == 1
        assert path.read_text(encoding="utf-8") == text
        assert not Path(f"{path}.bak").exists()
        assert (
            "cannot add chime:DeleteChannel: the Deny of 'NoDeletes' takes it away whatever "
            "the Allows say (edit that Deny to grant it); the file is left as it was"
        ) in err
    else:
        assert code == 0
        assert "DeleteChannel" in path.read_text(encoding="utf-8")
    # The oracle on the same policy granting DeleteChannel under the app instance.
    granting = {"Effect": "Allow", "Action": "chime:DeleteChannel", "Resource": f"{APP}/*"}
    document = {"Version": "2012-10-17", "Statement": [granting, deny]}
    probes = [f"{APP}/channel/c1", f"{APP}/channel/c2"]
    answers = run_oracle(
        [
            {
                "identity": [document],
                "action": "chime:DeleteChannel",
                "resource": r,
                "principal": PRINCIPAL,
                "context": {},
            }
            for r in probes
        ]
    )
    assert ("allowed" not in answers) == refused


@pytest.mark.parametrize(
    ("region", "account", "app"),
    [
        ("aws-region", "aws-account-id", "app-instance-id"),  # AWS's dashed style
        ("<REGION>", "<ACCOUNT_ID>", "<APP_INSTANCE_ID>"),
        ("region", "{aws_account_id}", "{app_instance_id}"),  # the generator's own
    ],
)
def test_an_added_statement_writes_the_files_placeholders(region, account, app, tmp_path, capsys):
    # Audit D5's side note: the new statement mixed `region` and `{aws_account_id}` into a
    # file written with `aws-account-id`.
    arn = f"arn:aws:chime:{region}:{account}:app-instance/{app}/user/u1"
    document = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["chime:ListChannels"], "Resource": arn}],
    }
    path = tmp_path / "style.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["edit", "--add-action", "chime:DeleteChannel", str(path)]) == 0
    added = json.loads(capsys.readouterr().out)["Statement"][1]["Resource"]
    assert f"arn:aws:chime:{region}:{account}:app-instance/{app}/channel/*" in added
