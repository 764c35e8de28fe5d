"""`grants`, `diff` and `check-access` read a template the way `lint` does (audit A8): the
policy it holds, or the one `--index` picks among several, with the template's own line
numbers; a `!Sub` account or region is the stack's value, never called invalid JSON (A3)."""

from pathlib import Path

import pytest

from editor.cli.main import main
from tests.core.template_examples import SUB_EXPORT, TEMPLATE

CHANNEL = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c"


@pytest.fixture
def stack(tmp_path: Path) -> Path:
    path = tmp_path / "stack.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    return path


def test_a_template_with_several_policies_names_them(stack, capsys) -> None:
    assert main(["grants", str(stack)]) == 2
    err = capsys.readouterr().err
    assert "holds 2 policies; choose one with --index N" in err
    assert "1 ChimeUserRole › AssumeRolePolicyDocument (AWS::IAM::Role)" in err
    assert "2 ChimeUserPolicy (AWS::IAM::ManagedPolicy)" in err
    assert "not valid JSON" not in err


def test_grants_lists_the_sub_statements_with_the_templates_lines(stack, capsys) -> None:
    assert main(["grants", "--index", "2", str(stack)]) == 0
    out = capsys.readouterr().out
    for action in ("chime:SendChannelMessage", "chime:ListChannelMessages", "chime:Connect"):
        assert action in out
    line = TEMPLATE.splitlines().index("          - Sid: UserChannels") + 1
    assert f"(line {line})" in out
    assert "arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/${AppInstanceId}" in out
    assert "${@" not in out


def test_check_access_on_a_sub_resource_is_unknown_and_says_why(stack, capsys) -> None:
    code = main(
        ["check-access", "--index", "2", str(stack), "--action", "chime:ListChannelMessages"]
        + ["--resource", CHANNEL]
    )
    out = capsys.readouterr().out
    assert code == 3, out
    assert "it names the template's ${AWS::Region}, ${AWS::AccountId}, ${AppInstanceId}" in out
    line = TEMPLATE.splitlines().index("          - Sid: UserChannels") + 1
    assert f"stack.yaml:{line}: Allow statement 'UserChannels'" in out


def test_check_access_outside_what_the_template_can_name_is_denied(stack, capsys) -> None:
    # a channel in another partition: the template names `arn:aws:` only (a channel flow
    # was used before, which ListChannelMessages is not authorized against: a usage error)
    other = "arn:aws-us-gov:chime:us-gov-west-1:123456789012:app-instance/a/channel/c"
    code = main(
        ["check-access", "--index", "2", str(stack), "--action", "chime:ListChannelMessages"]
        + ["--resource", other]
    )
    assert code == 1, capsys.readouterr().out


def test_diff_reads_a_template_holding_one_policy(tmp_path, capsys) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(SUB_EXPORT, encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(
        SUB_EXPORT.replace("- chime:Connect", "- chime:Connect\n          - chime:DeleteChannel"),
        encoding="utf-8",
    )
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        "+ chime:DeleteChannel on arn:aws:chime:${AWS::Region}:${AWS::AccountId}:"
    )
    assert main(["diff", str(old), str(old)]) == 0


def test_an_index_past_the_end_is_a_usage_error(stack, capsys) -> None:
    assert main(["grants", "--index", "3", str(stack)]) == 2
    assert "--index 3, but it holds 2 policies" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("resource", "example"),
    [
        # CloudFormation pseudo parameters are case-sensitive: the example keeps them as
        # written (it showed `${aws::region}:${aws::accountid}`)
        (
            "!Sub arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/*",
            "arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/x",
        ),
        (
            "!Sub arn:${AWS::Partition}:chime:${AWS::Region}:${AWS::AccountId}:app-instance/a/*",
            "arn:${AWS::Partition}:chime:${AWS::Region}:${AWS::AccountId}:app-instance/a/x",
        ),
        # an IAM policy variable as the writer spelt it (its key matches in any case)
        (
            "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/${aws:UserName}-*",
            "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/${aws:UserName}-",
        ),
    ],
)
def test_diff_examples_keep_the_writers_case(tmp_path, capsys, resource, example) -> None:
    template = (
        "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
        "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
        "          - Effect: Allow\n            Action: chime:ListChannels\n"
        f"            Resource: {resource}\n"
    )
    new = tmp_path / "new.yaml"
    new.write_text(template, encoding="utf-8")
    old = tmp_path / "old.yaml"
    old.write_text(template.replace("chime:ListChannels", "chime:Connect"), encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 1
    added = [line for line in capsys.readouterr().out.splitlines() if line.startswith("+ ")]
    assert len(added) == 1
    assert f", e.g. {example}  (line" in added[0]
