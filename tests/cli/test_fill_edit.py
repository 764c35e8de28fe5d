"""`chime-policy fill` (and `edit`) as a user and a CI job run them: in place with a backup,
as a diff, exit codes as `fix`."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli.main import main
from tests.core.aws_examples import REGISTER_ENDPOINT, examples
from tests.core.policies import CHANNEL, CLEAN_MULTI_SERVICE, USER, policy, statement

FILL = [
    "--region",
    "us-east-1",
    "--account-id",
    "123456789012",
    "--app-instance-id",
    "app-1",
    "--user-id",
    "${aws:username}",
]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "register-endpoint.json"
    path.write_bytes(REGISTER_ENDPOINT.encode())
    return path


def test_fill_in_place_keeps_a_backup_and_leaves_no_placeholder(capsys, register) -> None:
    code, out, err = run(
        capsys, "fill", *FILL, "--set", "project_id=p1", "--in-place", str(register)
    )
    assert (code, out) == (0, "")
    assert "filled (original kept as" in err
    assert Path(f"{register}.bak").read_text() == REGISTER_ENDPOINT
    assert run(capsys, "lint", str(register))[1].count("resource/placeholder") == 0
    text = register.read_text()
    assert '"Sid": "PermissionToRegisterEndpoint"' in text and "/user/${aws:username}" in text
    assert "apps/p1" in text


def test_fill_exits_1_naming_the_placeholders_left(capsys, register) -> None:
    code, out, err = run(capsys, "fill", *FILL, str(register))
    assert code == 1
    assert out.startswith("{ \n")  # printed, the page's own first line kept
    assert "error resource/placeholder 'project_id'" in err and err.count("\n") == 1


def test_fill_diff_shows_only_the_arn_lines(capsys, register) -> None:
    _, out, _ = run(capsys, "fill", "--region", "eu-central-1", "--diff", str(register))
    changed = [
        line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert len(changed) == 4 and all("arn:aws:" in line for line in changed)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--region", "moon-1", "not an AWS region code"),
        ("--account-id", "12345", "12 digits"),
        ("--user-id=-bad-", None, "characters"),
        ("--set", "project_id", "PLACEHOLDER=VALUE"),
    ],
)
def test_fill_refuses_values_that_are_not_valid(capsys, register, option, value, message):
    given = [option] if value is None else [option, value]
    code, out, err = run(capsys, "fill", *given, "--in-place", str(register))
    assert code == 2 and out == "" and message in err
    assert register.read_text() == REGISTER_ENDPOINT
    assert not Path(f"{register}.bak").exists()


def test_fill_reads_a_fragment_pasted_from_a_page(capsys, tmp_path) -> None:
    """No opening brace and `"Action: [`: the reader recovers both (issue 11), so the ARNs
    after them are found and filled."""
    verbatim = next(e for e in examples() if e.name == "define-iam-policy")
    path = tmp_path / "ws.json"
    path.write_text(verbatim.text.removeprefix("{\n").replace('"Action":', '"Action:'))
    _, out, err = run(capsys, "fill", "--region", "us-east-1", str(path))
    assert "arn:aws:chime:us-east-1:{aws_account_id}:" in out
    assert "no ARN holds a value" not in err


def test_fill_says_when_no_arn_holds_the_value(capsys, tmp_path) -> None:
    path = tmp_path / "star.json"
    path.write_text(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
        '"Action": "chime:GetMessagingSessionEndpoint", "Resource": "*"}]}'
    )
    _, _, err = run(capsys, "fill", "--region", "us-east-1", str(path))
    assert "no ARN holds a value for --region: nothing filled" in err


def test_fill_crlf_file_keeps_crlf(capsys, register) -> None:
    register.write_bytes(REGISTER_ENDPOINT.replace("\n", "\r\n").encode())
    run(capsys, "fill", "--region", "us-east-1", "--in-place", str(register))
    data = register.read_bytes()
    assert data.count(b"\r\n") == REGISTER_ENDPOINT.count("\n") and b":us-east-1:" in data


def test_fill_runs_as_a_command(register) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "editor.cli", "fill", "--region", "us-east-1", str(register)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and ":us-east-1:aws_account_id:" in done.stdout


def test_edit_adds_into_the_fitting_statement_and_removes_in_place(capsys, tmp_path) -> None:
    text = policy(
        {"Sid": "Chat", **statement(["chime:SendChannelMessage"], [USER, CHANNEL])},
        {"Sid": "Me", **statement(["chime:Connect", "chime:DescribeChannel"], [USER, CHANNEL])},
    )
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(
        capsys,
        "edit",
        "--add-action",
        "chime:ListChannelMessages",
        "--remove-action",
        "Connect",
        "--in-place",
        str(path),
    )
    assert (code, out) == (0, "") and "edited (original kept as" in err
    document = json.loads(path.read_text())
    assert document["Statement"][0]["Action"] == [
        "chime:ListChannelMessages",
        "chime:SendChannelMessage",
    ]
    assert document["Statement"][1]["Action"] == ["chime:DescribeChannel"]
    assert Path(f"{path}.bak").read_text() == text


def test_edit_then_the_reverse_edit_gives_the_file_back(capsys, register) -> None:
    run(capsys, "edit", "--add-action", "Connect,ListChannels", "--in-place", str(register))
    assert "chime:ListChannels" in register.read_text()
    run(capsys, "edit", "--remove-action", "Connect,ListChannels", "--in-place", str(register))
    assert register.read_text() == REGISTER_ENDPOINT


def test_edit_exit_codes(capsys, tmp_path) -> None:
    path = tmp_path / "wild.json"
    path.write_text(CLEAN_MULTI_SERVICE, encoding="utf-8")
    code, _, err = run(capsys, "edit", "--remove-action", "ListChannels", str(path))
    assert code == 1 and "chime:ListChannels is still granted by a wildcard" in err
    code, out, err = run(capsys, "edit", "--add-action", "chime:SendChanelMessage", str(path))
    assert (code, out) == (2, "") and "not a Chime action" in err
    code, _, err = run(capsys, "edit", str(path))
    assert code == 2 and "name an action" in err


def test_new_takes_caller_and_targets(capsys) -> None:
    code, out, _ = run(
        capsys,
        "new",
        "--actions",
        "chime:SendChannelMessage,chime:DeleteAppInstanceUser",
        "--bot-id",
        "bot-1",
        "--as-bot",
        "--target-user-ids",
        "alice,bob",
    )
    arns = [r for s in json.loads(out)["Statement"] for r in s["Resource"]]
    assert code == 0
    assert any(a.endswith("/bot/bot-1") for a in arns)
    assert [a.rsplit("/", 1)[1] for a in arns if "/user/" in a] == ["alice", "bob"]


@pytest.mark.parametrize(
    "command", [["fill", "--region", "us-east-1"], ["edit", "--add-action", "Connect"]]
)
def test_in_place_refuses_standard_input_before_anything(capsys, monkeypatch, command) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REGISTER_ENDPOINT.encode())))
    code, out, err = run(capsys, *command, "--in-place", "-")
    assert (code, out) == (2, "")
    assert err.strip() == "chime-policy: --in-place cannot rewrite standard input"


def test_fill_and_edit_walk_folders_like_lint_and_fix(capsys, tmp_path: Path) -> None:
    """Folders are searched below, --exclude skips, and one unreadable file is named (exit 2)
    while the others are still written."""
    (tmp_path / "team" / "old").mkdir(parents=True)
    for where in ("team", "team/old"):
        (tmp_path / where / "user.json").write_text(REGISTER_ENDPOINT, encoding="utf-8")
    (tmp_path / "team" / "broken.json").write_bytes(b"\xff\xfe\x00binary")
    folder = str(tmp_path / "team")

    code, _, err = run(
        capsys, "fill", "--region", "us-east-1", "--in-place", "--exclude", "old", folder
    )
    assert code == 2 and "broken.json" in err
    assert "us-east-1" in (tmp_path / "team" / "user.json").read_text(encoding="utf-8")
    assert (tmp_path / "team" / "old" / "user.json").read_text(
        encoding="utf-8"
    ) == REGISTER_ENDPOINT

    code, _, err = run(
        capsys,
        "edit",
        "--add-action",
        "chime:ListChannels",
        "--in-place",
        "--exclude",
        "old",
        folder,
    )
    assert code == 2 and "broken.json" in err
    assert "chime:ListChannels" in (tmp_path / "team" / "user.json").read_text(encoding="utf-8")
    assert (tmp_path / "team" / "old" / "user.json").read_text(
        encoding="utf-8"
    ) == REGISTER_ENDPOINT


def test_remove_action_granted_by_not_action_says_so_and_exits_1(capsys, tmp_path) -> None:
    """Before, the file was left as it was and the exit was 0: the grant silently stayed."""
    import json as json_

    from editor.cli.main import main

    path = tmp_path / "not-action.json"
    statement_ = {"Effect": "Allow", "NotAction": "chime:DeleteChannel", "Resource": "*"}
    text = json_.dumps({"Version": "2012-10-17", "Statement": [statement_]}, indent=2)
    path.write_text(text, encoding="utf-8")
    code = main(["edit", "--remove-action", "SendChannelMessage", "--in-place", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "chime:SendChannelMessage is still granted by a wildcard or a NotAction" in err
    assert json_.loads(path.read_text(encoding="utf-8")) == json_.loads(text)
