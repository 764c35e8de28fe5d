"""`chime-policy lint` on templates, Terraform files and doc pages: each policy inside, at
the file's own lines, in one run."""

from pathlib import Path

from editor.cli.main import main
from tests.core.export.test_containers import SEED, STACK, TERRAFORM


def run(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    out, _ = capsys.readouterr()
    return code, out.splitlines()


def test_a_template_with_several_kinds_is_linted_at_its_own_lines(capsys, tmp_path: Path) -> None:
    path = tmp_path / "stack.yaml"
    path.write_text(STACK, encoding="utf-8")
    code, lines = run(capsys, "lint", str(path))
    assert code == 1
    assert lines == [
        f"{path}:16:13: error policy/element-not-allowed Resource is not allowed in a role "
        "trust policy: the resource is the role itself (IAM rejects the policy) (checked as a "
        "role trust policy, from AssumeRolePolicyDocument of AWS::IAM::Role) "
        "[ChatRole › AssumeRolePolicyDocument (AWS::IAM::Role)]",
        f"{path}:24:21: warning action/miscased 'chime:Describeappinstance' works (IAM ignores "
        "case) but the action is spelt 'chime:DescribeAppInstance' [ChatRole › chat "
        "(AWS::IAM::Role)]",
    ]


def test_the_seed_page_lints_its_code_blocks_not_its_prose(capsys) -> None:
    code, lines = run(capsys, "lint", "--min-severity", "warning", str(SEED))
    assert code == 1
    assert lines and all("[code block " in line for line in lines)
    assert sum("json/missing-comma" in line for line in lines) == 2


def test_a_terraform_file(capsys, tmp_path: Path) -> None:
    path = tmp_path / "main.tf"
    path.write_text(TERRAFORM, encoding="utf-8")
    code, lines = run(capsys, "lint", str(path))
    assert code == 1
    assert f"{path}:21:15: error action/unknown 'sqs:SendMesage'" in lines[0]  # in the heredoc
    assert any(f"{path}:34:" in line and "action/miscased" in line for line in lines)
    assert not any("principal/" in line or "resource/" in line for line in lines)
