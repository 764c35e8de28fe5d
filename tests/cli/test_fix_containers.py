"""`chime-policy fix` on files that hold policies: it repairs the policies inside, where their
text stands in the file as is, and never rewrites the template or page around them as if it
were a policy (a found defect: fix inserted "Version" at a template's top level)."""

import json
from pathlib import Path

import pytest

from editor.cli.main import main
from tests.conftest import SEED

TEMPLATE = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Resources": {
        "UserPolicy": {
            "Type": "AWS::IAM::ManagedPolicy",
            "Properties": {
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": ["chime:GetMessagingSessionEndpoint"],
                            "Resource": "*",
                        }
                    ],
                }
            },
        }
    },
}

YAML_TEMPLATE = """\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  UserPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: chime:GetMessagingSessionEndpoint
            Resource: '*'
"""


def test_a_json_template_keeps_its_shape_and_its_policy_is_repaired(tmp_path: Path) -> None:
    text = json.dumps(TEMPLATE, indent=2)
    # Break the embedded policy: drop the comma between the Action list and Resource.
    broken = text.replace('],\n              "Resource"', ']\n              "Resource"')
    assert broken != text
    path = tmp_path / "stack.json"
    path.write_text(broken, encoding="utf-8")

    assert main(["fix", "--in-place", str(path)]) == 0
    assert json.loads(path.read_text(encoding="utf-8")) == TEMPLATE
    assert (tmp_path / "stack.json.bak").read_text(encoding="utf-8") == broken


def test_a_clean_json_template_is_left_alone(tmp_path: Path, capsys) -> None:
    path = tmp_path / "stack.json"
    path.write_text(json.dumps(TEMPLATE, indent=2), encoding="utf-8")
    assert main(["fix", "--diff", str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_a_yaml_template_is_never_rewritten_as_json(tmp_path: Path) -> None:
    path = tmp_path / "stack.yaml"
    path.write_text(YAML_TEMPLATE, encoding="utf-8")
    main(["fix", "--in-place", str(path)])
    assert path.read_text(encoding="utf-8") == YAML_TEMPLATE
    assert not (tmp_path / "stack.yaml.bak").exists()


def test_the_seed_page_gets_its_code_blocks_repaired_and_its_prose_kept(
    tmp_path: Path, capsys
) -> None:
    page = SEED.read_text(encoding="utf-8")
    path = tmp_path / "iam-roles.md"
    path.write_text(page, encoding="utf-8")
    main(["fix", "--in-place", str(path)])
    fixed = path.read_text(encoding="utf-8")
    before, after = page.split("```"), fixed.split("```")
    assert before[0::2] == after[0::2]  # the prose between code blocks, byte for byte
    for block in after[1::2]:
        json.loads(block)  # every example is strict JSON now
    assert '"chime:ListTagsForResource",' in after[1]  # AWS's missing commas
    assert '"chime:Connect",' in after[3]


# Hypothesis found these: a string left open around an escape JSON does not allow. fix closes
# the string, cannot repair the escape, and must say so (exit 1) rather than pass the text off
# as fixed.
@pytest.mark.parametrize("text", ['"\\{', '"\n{', '{"Version": "2012-10-17", "a": "\\q'])
def test_fix_names_what_it_could_not_repair(tmp_path: Path, capsys, text: str) -> None:
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    assert main(["fix", str(path)]) == 1
    assert "(no safe fix)" in capsys.readouterr().err


# -- fixes inside a YAML template: minimal edits of the template's own text ---------------

YAML_CASES = [
    # (the line as written, the line after fix): a plain scalar stays plain, a quoted one is
    # written double-quoted (JSON's quoting, which YAML reads the same)
    ("              - chime:connect", "              - chime:Connect"),
    ("              - 'chime:connect'", '              - "chime:Connect"'),
    ('              - "chime:connect"', '              - "chime:Connect"'),
    ("            Sid: Bad Sid", "            Sid: BadSid"),
    ("          - Effect: allow", "          - Effect: Allow"),
]
YAML_WITH = """\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  UserPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Sid: Connect
            Action:
              - chime:GetMessagingSessionEndpoint
            Resource: '*'
"""


@pytest.mark.parametrize(("written", "fixed"), YAML_CASES)
def test_fix_edits_a_yaml_template_in_place(tmp_path: Path, written: str, fixed: str) -> None:
    from tests.core.export.test_containers import _cfn_errors

    line = {
        "Sid": "            Sid: Connect",
        "Effect": "          - Effect: Allow",
    }.get(written.strip(" -").split(":")[0], "              - chime:GetMessagingSessionEndpoint")
    text = YAML_WITH.replace(line, written)
    if "chime:connect" in written:  # an action the statement can take on "*"
        text = text.replace(
            "Resource: '*'", "Resource: arn:aws:chime:us-east-1:111122223333:app-instance/a/user/u"
        )
    assert text != YAML_WITH
    path = tmp_path / "stack.yaml"
    path.write_text(text, encoding="utf-8")
    main(["fix", "--in-place", str(path)])
    after = path.read_text(encoding="utf-8")
    assert after == text.replace(written, fixed)  # that line, and nothing else
    assert (tmp_path / "stack.yaml.bak").read_text(encoding="utf-8") == text
    assert _cfn_errors(after) == []


def test_a_yaml_fix_that_cannot_be_made_in_place_says_so(tmp_path: Path, capsys) -> None:
    """Removing a duplicate from a YAML flow list is no edit of one value: fix leaves it, and
    both lint and fix say where it can be made."""
    text = YAML_WITH.replace(
        "Action:\n              - chime:GetMessagingSessionEndpoint",
        "Action: [chime:GetMessagingSessionEndpoint, chime:GetMessagingSessionEndpoint]",
    )
    path = tmp_path / "stack.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["fix", "--in-place", str(path)]) == 0  # a warning: no error left
    assert path.read_text(encoding="utf-8") == text
    err = capsys.readouterr().err
    assert "stack.yaml:11:57: warning action/duplicate" in err
    assert "its fix cannot be made in this file's own text: open the policy in the window" in err


def test_fix_respells_an_action_inside_terraform_in_place(tmp_path: Path) -> None:
    import hcl2

    text = """resource "aws_iam_policy" "chat" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["chime:connect"]
      Resource = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1/user/${var.user}"
    }]
  })
}
"""
    path = tmp_path / "main.tf"
    path.write_text(text, encoding="utf-8")
    assert main(["fix", "--in-place", str(path)]) == 0
    after = path.read_text(encoding="utf-8")
    assert after == text.replace('"chime:connect"', '"chime:Connect"')
    assert hcl2.loads(after)["resource"]  # still HCL, as Terraform's own parser reads it
