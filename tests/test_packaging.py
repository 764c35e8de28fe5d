"""A non-editable install must carry the data: the catalog ships inside the wheel."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("chime_policy_editor-*.whl")
    return found


@pytest.mark.slow
def test_wheel_contains_resources_and_entry_points(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    packages = {str(p.relative_to(ROOT)) for p in (ROOT / "editor").rglob("__init__.py")}
    assert packages - set(names) == set(), "packages missing from pyproject's list"
    assert "editor/resources/catalog.json" in names
    assert "editor/resources/personas.json" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "chime-policy = editor.cli.main:main" in text
    assert "chime-policy-editor = editor.app:main" in text


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed on its own (its dependencies come from this environment)."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return target


def run_installed(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PYTHONPATH": str(target),
        "PATH": "/usr/bin:/bin",
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(cwd),
        "XDG_CONFIG_HOME": str(cwd),
    }
    return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_installed_wheel_loads_catalog_outside_the_source_tree(
    installed: Path, tmp_path: Path
) -> None:
    code = (
        "import editor, editor.core.catalog.catalog as c\n"
        "print(editor.__file__)\n"
        "print(len(c.load_catalog().messaging_actions), len(c.load_personas().personas))\n"
    )
    result = run_installed(installed, tmp_path, sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr
    location, counts = result.stdout.splitlines()
    assert location.startswith(str(installed))
    assert counts.split()[1] == "4" and int(counts.split()[0]) >= 76


@pytest.mark.slow
def test_installed_command_line_runs(installed: Path, tmp_path: Path) -> None:
    command = str(installed / "bin" / "chime-policy")
    result = run_installed(installed, tmp_path, command, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage: chime-policy" in result.stdout and "lint" in result.stdout
    policy = tmp_path / "policy.json"
    policy.write_text(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow" '
        '"Action": "chime:Connect", "Resource": "*"}]}\n',
        encoding="utf-8",
    )
    result = run_installed(installed, tmp_path, command, "lint", str(policy))
    assert result.returncode == 1, result.stderr
    assert f"{policy}:1:59: error json/missing-comma" in result.stdout


# Stands in for the user closing the window: the installed GUI script runs unchanged, and
# half a second after its event loop starts (the window has painted by then) it quits.
QUIT_SOON = """
from PySide6.QtWidgets import QApplication

_exec = QApplication.exec


def _exec_then_quit(*args):
    from PySide6.QtCore import QTimer

    app = QApplication.instance()
    shown = [w.windowTitle() for w in app.topLevelWidgets() if w.isVisible()]
    print("shown:", *shown, flush=True)
    QTimer.singleShot(500, app.quit)
    return _exec()


QApplication.exec = staticmethod(_exec_then_quit)
"""


@pytest.mark.slow
def test_installed_window_starts_and_quits(installed: Path, tmp_path: Path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(QUIT_SOON, encoding="utf-8")
    policy = tmp_path / "connect.json"
    policy.write_text(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
        '"Action": "chime:Connect", "Resource": "*"}]}\n',
        encoding="utf-8",
    )
    env_path = f"{installed}:{hook}"
    command = str(installed / "bin" / "chime-policy-editor")
    result = subprocess.run(
        [command, str(policy)],
        cwd=tmp_path,
        env={
            "PYTHONPATH": env_path,
            "PATH": "/usr/bin:/bin",
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "shown: connect.json" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_wheel_carries_the_apache_license_that_pyproject_names(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    metadata = archive.read(next(n for n in archive.namelist() if n.endswith("METADATA")))
    assert b"License-Expression: Apache-2.0" in metadata
    license_text = archive.read(next(n for n in archive.namelist() if n.endswith("/LICENSE")))
    assert license_text == (ROOT / "LICENSE").read_bytes()
    # The whole Apache License 2.0, from its title to the appendix on applying it.
    text = license_text.decode()
    assert text.lstrip().startswith("Apache License\n                           Version 2.0")
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in text
    assert "END OF TERMS AND CONDITIONS" in text and "APPENDIX" in text
    assert text.count("\n") == 202
