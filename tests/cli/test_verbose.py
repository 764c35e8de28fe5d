"""`chime-policy --verbose`: what the command does, logged to stderr; without it, no log and
no `logging` import (start-up time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, seed_examples


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "connect.json").write_text(seed_examples()[3], encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("where", ["before the command", "after it"])
def test_verbose_logs_files_read_and_time_taken(folder: Path, where: str) -> None:
    args = ["--verbose", "lint", str(folder)]
    if where == "after it":
        args = ["lint", str(folder), "-v"]
    result = run(*args)
    assert result.returncode == 1, result.stderr  # the example's placeholders
    size = len((folder / "connect.json").read_text(encoding="utf-8"))
    lines = result.stderr.splitlines()
    assert f"chime-policy: DEBUG editor.cli: {folder}: a folder, 1 *.json files" in lines[0]
    assert f"DEBUG editor.cli: {folder / 'connect.json'}: read {size} characters" in lines[1]
    assert "DEBUG editor.cli: lint: exit 1 after " in lines[2]
    assert "resource/placeholder" in result.stdout  # the report itself is unchanged


def test_without_verbose_nothing_is_logged_and_logging_is_not_imported(folder: Path) -> None:
    code = (
        "import sys\n"
        "from editor.cli.main import main\n"
        f"code = main(['lint', {str(folder)!r}])\n"
        "print('logging imported' if 'logging' in sys.modules else 'no logging', file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stderr.strip() == "no logging"
