"""What a folder stands for, as each command's --help says and as it does (the audit's m2:
`lint --help` and `fix --help` said "its *.json files" while both read the folder's
templates, and `fix --in-place .` rewrote a CloudFormation template)."""

from pathlib import Path

import pytest

from editor.cli.main import main
from tests.cli.entry_point import chime_policy

TEMPLATE = """\
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: chime:sendchannelmessage
            Resource: arn:aws:chime:region:111122223333:app-instance/a/channel/*
"""
POLICY = (
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": '
    '"chime:ListChannels", "Resource": "arn:aws:chime:region:111122223333:app-instance/a/'
    'user/u"}]}\n'
)


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("lint", []),
        ("fix", ["--in-place"]),
        ("fill", ["--in-place", "--region", "us-east-1"]),
        ("edit", ["--in-place", "--add-action", "chime:DescribeChannel"]),
    ],
)
def test_help_says_what_a_folder_stands_for(
    capsys, tmp_path: Path, command: str, args: list[str]
) -> None:
    (tmp_path / "p.json").write_text(POLICY, encoding="utf-8")
    template = tmp_path / "t.yaml"
    template.write_text(TEMPLATE, encoding="utf-8")
    main([command, *args, str(tmp_path)])
    out, err = capsys.readouterr()
    if command == "lint":
        read = f"{template}:9:21: warning action/miscased" in out
    else:
        read = template.read_text(encoding="utf-8") != TEMPLATE  # rewritten (fix)
        assert read or "skipped 1 file (this command edits *.json only): t.yaml" in err
    shown = chime_policy(command, "--help").stdout
    said = " ".join(shown.split())  # argparse wraps it at 80 columns
    assert ("and its .yaml, .yml, .template, .tf" in said) is read
    assert "a folder stands for its *.json files" in said or "folder (its *.json files" in said
    assert read is (command in ("lint", "fix"))
