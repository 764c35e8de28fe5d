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
