"""`chime-policy new` and `chime-policy export`."""

import json
from pathlib import Path

import pytest
from moto.iam.policy_validation import IAMPolicyDocumentValidator

from editor.cli.main import main
from editor.core.policy.arnvalues import ArnValues
from editor.core.policy.generate import generate
from tests.conftest import seed_examples

VALUES = ArnValues(region="us-east-1", account_id="123456789012", app_instance_id="a", user_id="u")
ARGS = [
    "--account-id",
    "123456789012",
    "--region",
    "us-east-1",
    "--app-instance-id",
    "app-1",
    "--user-id",
    "user-1",
]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_writes_aws_example_with_the_values_filled_in(capsys) -> None:
    code, out, _ = run(capsys, "new", "--persona", "minimal-user", *ARGS, "--layout", "aws-example")
    assert code == 0
    IAMPolicyDocumentValidator(out).validate()  # what AWS would accept
    # The oracle is AWS's own minimal-user example (the seed page), its placeholders filled in
    # by hand with the values given on the command line.
    aws = seed_examples()[2]
    for placeholder, value in (
        ("region", "us-east-1"),
        ("{aws_account_id}", "123456789012"),
        ("{app_instance_id}", "app-1"),
        ("{app_instance_user_id}", "user-1"),
    ):
        aws = aws.replace(f":{placeholder}", f":{value}").replace(f"/{placeholder}", f"/{value}")
    assert statements(out) == statements(aws)


def statements(text: str) -> list[tuple[frozenset[str], frozenset[str], str]]:
    def as_set(value) -> frozenset[str]:
        return frozenset([value] if isinstance(value, str) else value)

    return [
        (as_set(s["Action"]), as_set(s["Resource"]), s["Effect"])
        for s in json.loads(text)["Statement"]
    ]


def test_new_from_actions_minified(capsys) -> None:
    code, out, _ = run(
        capsys, "new", "--actions", "chime:Connect, chime:DescribeChannel", *ARGS, "--indent", "0"
    )
    assert code == 0 and out.count("\n") == 1
    assert {"chime:Connect", "chime:DescribeChannel"} <= set(
        a
        for s in json.loads(out)["Statement"]
        for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
    )


def test_new_reports_invalid_values_per_field(capsys) -> None:
    code, out, err = run(
        capsys, "new", "--persona", "full-user", "--account-id", "12", "--region", "nowhere"
    )
    assert code == 2 and out == ""
    assert "--account-id: an AWS account ID is 12 digits" in err
    assert "--region: not an AWS region code" in err


def test_new_unknown_persona(capsys) -> None:
    code, _, err = run(capsys, "new", "--persona", "superuser")
    assert code == 2 and "minimal-user" in err


def test_export_to_file_and_refusal(capsys, tmp_path: Path) -> None:
    source = tmp_path / "p.json"
    run(capsys, "new", "--persona", "websocket-connect", *ARGS)
    source.write_text(
        generate(
            ["chime:Connect"],
            ArnValues(
                region="us-east-1", account_id="123456789012", app_instance_id="a", user_id="u"
            ),
        ).to_text()
    )
    out_file = tmp_path / "policy.yaml"
    code, out, _ = run(
        capsys, "export", "--to", "cloudformation-yaml", "--sub", str(source), "-o", str(out_file)
    )
    assert code == 0 and out == ""
    assert "AWS::IAM::ManagedPolicy" in out_file.read_text()
    broken = tmp_path / "b.json"
    broken.write_text(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
        '"Action": "chime:Connect", "Resource": "arn:aws:chime:region:'
        '{aws_account_id}:app-instance/x/user/y"}]}'
    )
    code, out, err = run(capsys, "export", "--to", "json", str(broken))
    assert code == 1 and out == "" and "resource/placeholder" in err
    code, out, _ = run(capsys, "export", "--to", "json", "--template", str(broken))
    assert code == 0 and "{aws_account_id}" in out


def _policy_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "p.json"
    path.write_text(text)
    return path


def test_export_refuses_a_name_iam_would_reject(capsys, tmp_path: Path) -> None:
    source = _policy_file(tmp_path, generate(["chime:Connect"], VALUES).to_text())
    with pytest.raises(SystemExit) as usage:  # argparse's usage error
        main(["export", "--to", "aws-cli", "--name", "my policy", str(source)])
    out, err = capsys.readouterr()
    assert usage.value.code == 2 and out == ""
    assert "argument --name: 'my policy': a policy name may hold letters" in err
    code, out, _ = run(capsys, "export", "--to", "aws-cli", "--name", "my-policy", str(source))
    assert code == 0 and "--policy-name my-policy " in out


def test_terraform_data_with_a_string_condition_is_refused_not_a_crash(capsys, tmp_path) -> None:
    text = (
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "chime:Connect",'
        ' "Resource": "*", "Condition": {"StringEquals": "x"}}]}'
    )
    source = _policy_file(tmp_path, text)
    # The lint refuses it first (policy/invalid-type); as a template it reaches the exporter.
    code, out, err = run(capsys, "export", "--to", "terraform-data", str(source))
    assert code == 1 and out == ""
    assert "policy/invalid-type" in err
    code, out, err = run(capsys, "export", "--template", "--to", "terraform-data", str(source))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"chime-policy: {source}: cannot export this policy as it is:",
        f"{source}:1:135: error export/terraform-data condition operator StringEquals must map "
        "condition keys to values",
    ]


def test_sub_takes_the_stacks_account_and_region_from_the_command_line(capsys, tmp_path) -> None:
    own = "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u"
    other = "arn:aws:chime:us-east-1:210987654321:app-instance/a/user/u"
    source = _policy_file(
        tmp_path,
        json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": "chime:Connect", "Resource": [own, other]}
                ],
            }
        ),
    )
    code, _, err = run(capsys, "export", "--to", "cloudformation-yaml", "--sub", str(source))
    assert code == 1 and "--sub: the policy names 2 accounts" in err
    code, out, _ = run(
        capsys,
        "export",
        "--to",
        "cloudformation-yaml",
        "--sub",
        "--account-id",
        "210987654321",
        str(source),
    )
    assert code == 0
    assert "!Sub 'arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/a/user/u'" in out
    assert "- !Sub 'arn:aws:chime:${AWS::Region}:123456789012:app-instance/a/user/u'" in out
    code, _, err = run(capsys, "export", "--to", "json", "--region", "us-east-1", str(source))
    assert code == 2 and "add --sub" in err
