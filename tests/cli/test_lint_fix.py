"""`chime-policy lint` and `chime-policy fix`, as a user and a CI job would run them."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli.main import main
from tests.conftest import seed_examples
from tests.core.policies import USER, policy, statement

CLEAN = policy(statement("chime:Connect", USER))


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "full-user.json"
    path.write_text(seed_examples()[1], encoding="utf-8")
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_format_is_compiler_style_and_exit_1_on_errors(capsys, broken: Path) -> None:
    code, out, _ = run(capsys, "lint", str(broken))
    assert code == 1
    lines = out.splitlines()
    assert f"{broken}:16:17: warning action/miscased " in lines[0]
    assert lines[1].startswith(f"{broken}:40:32: error json/missing-comma ")


def test_clean_file_exits_0_and_prints_nothing(capsys, tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_text(CLEAN, encoding="utf-8")
    assert run(capsys, "lint", str(path)) == (0, "", "")


def test_min_severity_drops_lower_findings_but_not_the_exit_status(capsys, broken) -> None:
    code, out, _ = run(capsys, "lint", "--min-severity", "error", str(broken))
    assert code == 1
    assert "warning" not in out and "error resource/placeholder" in out


def test_json_format_has_positions_and_fixes(capsys, broken: Path) -> None:
    _code, out, _ = run(capsys, "lint", "--format", "json", str(broken))
    items = json.loads(out)
    comma = next(i for i in items if i["code"] == "json/missing-comma")
    assert comma == {
        "file": str(broken),
        "code": "json/missing-comma",
        "severity": "error",
        "message": comma["message"],
        "line": 40,
        "column": 32,
        "end_line": 40,
        "end_column": 32,
        "fix": {
            "title": "Insert ','",
            "safe": True,
            "edits": [{"line": 40, "column": 32, "end_line": 40, "end_column": 32, "text": ","}],
        },
    }
    placeholder = next(i for i in items if i["code"] == "resource/placeholder")
    assert placeholder["fix"] is None


def test_sarif_is_2_1_0_with_rules_results_and_fixes(capsys, broken: Path) -> None:
    _, out, _ = run(capsys, "lint", "--format", "sarif", str(broken))
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    (run_,) = sarif["runs"]
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    results = run_["results"]
    assert {r["ruleId"] for r in results} == set(rules)
    for result in results:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    miscased = next(r for r in results if r["ruleId"] == "action/miscased")
    replacement = miscased["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == '"chime:ListSubChannels"'


def test_quota_option_changes_the_limit(capsys, tmp_path: Path) -> None:
    big = policy(*[{"Sid": f"S{i}", **statement("chime:Connect", USER)} for i in range(25)])
    path = tmp_path / "big.json"
    path.write_text(big, encoding="utf-8")
    assert run(capsys, "lint", str(path))[0] == 0
    code, out, _ = run(capsys, "lint", "--quota", "user", str(path))
    assert code == 1 and "policy/size-limit" in out and "2,048" in out


def test_directory_lints_every_json_file(capsys, tmp_path: Path, broken: Path) -> None:
    (tmp_path / "ok.json").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a policy", encoding="utf-8")
    code, out, _ = run(capsys, "lint", str(tmp_path))
    assert code == 1
    assert {line.split(":")[0] for line in out.splitlines()} == {str(broken)}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        ("caf\u00e9".encode("latin-1"), "not UTF-8"),
    ],
)
def test_unreadable_files_exit_2_with_a_clear_message(capsys, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "lint", str(path))
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_missing_file_exits_2(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "lint", str(tmp_path / "nope.json"))
    assert code == 2 and "no such file" in err


def test_fix_prints_the_fixed_text_by_default(capsys, broken: Path) -> None:
    code, out, err = run(capsys, "fix", str(broken))
    assert '"chime:ListSubChannels"' in out and '"chime:Connect",' in out
    assert code == 1  # placeholders and the channel-flow gap remain, and are listed
    assert "resource/placeholder" in err
    assert broken.read_text(encoding="utf-8") == seed_examples()[1]  # file untouched


def test_fix_check_and_diff(capsys, broken: Path) -> None:
    code, out, _ = run(capsys, "fix", "--check", str(broken))
    # Its nine placeholders are left, and said to be: not "fixed"
    assert code == 1 and "would be partly fixed, 9 errors left" in out
    code, out, _ = run(capsys, "fix", "--diff", str(broken))
    assert '-                "chime:Listsubchannels",' in out
    assert '+                "chime:ListSubChannels",' in out
    assert '+                "chime:Connect",' in out


def test_fix_in_place_is_atomic_and_keeps_a_backup(capsys, broken: Path) -> None:
    original = broken.read_text(encoding="utf-8")
    run(capsys, "fix", "--in-place", str(broken))
    fixed = broken.read_text(encoding="utf-8")
    assert json.loads(fixed)
    assert (broken.parent / "full-user.json.bak").read_text(encoding="utf-8") == original
    assert [p.name for p in broken.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_fix_keeps_crlf_line_endings(capsys, tmp_path: Path) -> None:
    path = tmp_path / "crlf.json"
    path.write_bytes(
        CLEAN.replace('"chime:Connect"', '"chime:connect"').replace("\n", "\r\n").encode()
    )
    run(capsys, "fix", "--in-place", str(path))
    data = path.read_bytes()
    assert (
        b'"chime:Connect"' in data and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    )


def test_whole_process_stdin_and_exit_codes() -> None:
    exe = [sys.executable, "-m", "editor.cli"]
    result = subprocess.run(
        [*exe, "lint", "-"], input=seed_examples()[3], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stdout.startswith("-:10:29: error resource/placeholder")
    result = subprocess.run(
        [*exe, "lint", "--format", "yaml", "-"], input="{}", capture_output=True, text=True
    )
    assert result.returncode == 2 and "invalid choice" in result.stderr
    result = subprocess.run(
        [*exe, "fix", "--in-place", "-"], input="{}", capture_output=True, text=True
    )
    assert result.returncode == 2 and "standard input" in result.stderr
