"""The chat demo's template as AWS stores it, with CRLF line endings (the audit's D3): its
`PolicyDocument: |` policy is checked by every command, counted by --index as the window
lists it, and `diff --index N` names the two policies it compares."""

from pathlib import Path

import pytest

from editor.cli.main import main
from tests.core.template_ticks import JSON_STRINGS

COMPREHEND = "ProcessorLambdaRole › ${DemoName}-ProcessorLambda-ComprehendAccess (AWS::IAM::Role)"
LISTED = [
    "ProcessorLambdaRole › AssumeRolePolicyDocument (AWS::IAM::Role)",
    COMPREHEND,
    "ProcessorLambdaRole › ${DemoName}-ProcessorLambda-ChimeMessagingSDKAccess (AWS::IAM::Role)",
]
APP = "arn:aws:chime:us-east-1:111122223333:app-instance/a"


def crlf(tmp_path: Path, text: str = JSON_STRINGS, name: str = "chat.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


def listed(err: str) -> list[str]:
    """The policies a usage error lists: `1 label; 2 label; ...`."""
    tail = err.split("--index N: ", 1)[1].strip()
    return [item.split(" ", 1)[1] for item in tail.split("; ")]


@pytest.mark.parametrize("command", ["grants", "diff", "check-access"])
def test_every_command_counts_the_block_policy(capsys, tmp_path: Path, command: str) -> None:
    path = str(crlf(tmp_path))
    args = {
        "grants": [path],
        "diff": [path, path],
        "check-access": [
            "--action",
            "chime:ListSubChannels",
            "--resource",
            f"{APP}/channel/c",
            path,
        ],
    }[command]
    assert main([command, *args]) == 2
    assert listed(capsys.readouterr().err) == LISTED


def test_lint_finds_the_defect_inside_the_block_at_its_line(capsys, tmp_path: Path) -> None:
    path = crlf(tmp_path)
    assert main(["lint", str(path)]) == 0  # warnings only
    out = capsys.readouterr().out
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    line = next(n for n, text in enumerate(lines, 1) if '"chime:Listsubchannels"' in text)
    column = lines[line - 1].index('"chime:') + 1
    assert f"{path}:{line}:{column}: warning action/miscased 'chime:Listsubchannels'" in out
    assert f"[{COMPREHEND}]" in out


def test_fix_in_place_keeps_crlf_in_the_block(capsys, tmp_path: Path) -> None:
    path = crlf(tmp_path)
    before = path.read_bytes()
    assert main(["fix", "--in-place", str(path)]) == 0
    after = path.read_bytes()
    assert after == before.replace(b'"chime:Listsubchannels"', b'"chime:ListSubChannels"')


def test_check_access_answers_from_the_block(capsys, tmp_path: Path) -> None:
    path = str(crlf(tmp_path))
    args = ["--index", "2", "--action", "chime:ListSubChannels"]
    args += ["--resource", f"{APP}/channel/c", "--caller", f"{APP}/user/u", path]
    assert main(["check-access", *args]) == 0
    assert "decided by" in capsys.readouterr().out
    # s3:GetObject is in no statement of that policy
    args = ["--index", "2", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k", path]
    assert main(["check-access", *args]) == 1


def test_diff_names_the_two_policies_and_says_when_they_differ(capsys, tmp_path: Path) -> None:
    old = crlf(tmp_path)
    # NEW adds a policy before ComprehendAccess: --index 2 is another policy there.
    extra = (
        "        - PolicyName: Extra\n"
        "          PolicyDocument:\n"
        '            Version: "2012-10-17"\n'
        "            Statement:\n"
        '              - Effect: "Allow"\n'
        '                Action: "chime:*"\n'
        '                Resource: "*"\n'
    )
    marker = "        - PolicyName: !Sub ${DemoName}-ProcessorLambda-ComprehendAccess\n"
    new = crlf(tmp_path, JSON_STRINGS.replace(marker, extra + marker), "new.yaml")
    assert main(["diff", "--index", "2", str(old), str(new)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        f"old: {old} #2: {COMPREHEND}",
        f"new: {new} #2: ProcessorLambdaRole › Extra (AWS::IAM::Role)",
        "note: the two policies have different names: make sure they are the same policy "
        "(--index counts the policies of each file in its order)",
    ]
    assert main(["diff", "--index", "3", str(old), str(new)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        out
        == [
            f"old: {old} #3: {LISTED[2]}",
            f"new: {new} #3: {LISTED[1]}",
            "note: the two policies have different names: make sure they are the same policy "
            "(--index counts the policies of each file in its order)",
        ]
        + out[3:]
    )
    assert main(["diff", "--index", "2", "--format", "json", str(old), str(old)]) == 0
    document = __import__("json").loads(capsys.readouterr().out)
    assert (document["old"], document["new"]) == (COMPREHEND, COMPREHEND)
