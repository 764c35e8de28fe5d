"""`chime-policy lint` starts with what linting needs: the other commands' modules (and what
they import: pydantic for `new` and `fill`, the access engine for `check-access`, the export
formats) are not loaded, nor their parsers built. The general help still lists them all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.entry_point import SCRIPT

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import json, sys
from editor.cli.main import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def run(*args: str) -> tuple[int, list[str], str]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    last = json.loads(out.stdout.strip().splitlines()[-1])
    return last["code"], last["modules"], out.stdout


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    path = tmp_path / "policy.json"
    path.write_text(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
        '"Action": "chime:Listsubchannels", "Resource": "*"}]}',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "module",
    [
        "editor.cli.fill",
        "editor.cli.new",
        "editor.cli.edit",
        "editor.cli.export",
        "editor.cli.check_access",
        "editor.cli.grants",
        "editor.cli.diff",
        "editor.core.access.evaluate",
        "pydantic",
        "shutil",  # argparse's help formatter imports it for the terminal's width
    ],
)
def test_lint_does_not_load(policy: Path, module: str) -> None:
    code, modules, out = run("lint", str(policy))
    assert code == 0  # a warning only: the mis-cased action is reported, lint did its work
    assert "action/miscased" in out
    assert module not in modules


def test_the_general_help_still_names_every_command(capsys) -> None:
    from editor.cli.main import COMMANDS, main

    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert all(name in shown for name in COMMANDS)


@pytest.mark.parametrize("columns", ["40", "100", "", "junk"])
def test_help_is_laid_out_as_argparse_would(monkeypatch, columns: str) -> None:
    """The help keeps the width argparse's own formatter gives it ($COLUMNS, else the
    terminal, else 80: shutil's terminal size), without importing shutil at each start."""
    import argparse

    from editor.cli.main import build_parser

    monkeypatch.setenv("COLUMNS", columns)
    for parser in (build_parser("lint"), build_parser()):
        commands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        for one in (parser, *commands[0].choices.values()):
            ours = one.format_help()
            one.formatter_class = argparse.HelpFormatter  # argparse's own, as it comes
            assert ours == one.format_help()


# Standard-library modules a lint has no use for, each a few milliseconds of every run:
# dataclasses imports inspect, which imports ast, dis and tokenize (the catalog, the reader's
# nodes, the lint's context and reports are plain classes or named tuples instead); argparse's
# own help formatter imports shutil for the terminal's width; logging is for --verbose,
# difflib for --diff, importlib.metadata for SARIF's tool version, datetime for a Date
# condition's value.
NO_USE = [
    "dataclasses",
    "inspect",
    "ast",
    "dis",
    "tokenize",
    "shutil",
    "tempfile",
    "logging",
    "difflib",
    "importlib.metadata",
    "datetime",
]


# Runs the installed script's own code as its first line would, then lists sys.modules as the
# process ends (`-X importtime` misses what importlib.import_module loads: the commands).
PROBE = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("\\nmodules: " + " ".join(sorted(sys.modules))))
script = sys.argv[1]
sys.argv = sys.argv[1:]
with open(script, encoding="utf-8") as handle:
    code = compile(handle.read(), script, "exec")
exec(code, {"__name__": "__main__", "__file__": script})
"""


def imported_by_the_script(*args: str, cwd: Path) -> set[str]:
    """Every module the installed `chime-policy` has imported when it exits."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return set(out.stderr.rsplit("\nmodules: ", 1)[1].split())


@pytest.fixture(scope="module")
def lint_imports(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """A lint of a policy that names another service than Chime (its catalog is read too)."""
    folder = tmp_path_factory.mktemp("lint")
    (folder / "policy.json").write_text(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
        '"Action": ["chime:SendChannelMessage", "s3:GetObject"], "Resource": "*", '
        '"Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}}]}',
        encoding="utf-8",
    )
    return imported_by_the_script("lint", "policy.json", cwd=folder)


def test_the_import_list_is_read(lint_imports: set[str]) -> None:
    """The list holds what a lint must import: an empty or garbled one would pass anything."""
    must = {"argparse", "json", "editor.cli.lint", "editor.core.lint.rules"}
    assert must | {"editor.core.catalog.services"} <= lint_imports


@pytest.mark.parametrize("module", NO_USE)
def test_a_lint_run_does_not_import(lint_imports: set[str], module: str) -> None:
    assert module not in lint_imports
