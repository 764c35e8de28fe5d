"""scripts/setup.sh installs once, again only when pyproject.toml changes, and the editor then
starts with the network unplugged."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Stands in for .venv/bin/python: records how pip was called, fails when told to.
FAKE_VENV_PYTHON = """#!/bin/sh
echo "$*" >> "$(dirname "$0")/../calls"
[ ! -e "$(dirname "$0")/../fail" ]
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the set-up script and pyproject.toml, with a .venv whose pip is a recorder."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "setup.sh", tmp_path / "scripts" / "setup.sh")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_VENV_PYTHON)
    python.chmod(0o755)
    return tmp_path


def setup(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(project / "scripts" / "setup.sh")],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )


def pip_calls(project: Path) -> list[str]:
    calls = project / ".venv" / "calls"
    return calls.read_text().splitlines() if calls.exists() else []


def test_installs_once_and_again_only_when_pyproject_changes(project: Path) -> None:
    first = setup(project)
    assert first.returncode == 0, first.stderr
    steps = [line for line in first.stdout.splitlines() if line.startswith("setup [")]
    assert [s[: len("setup [1/5]")] for s in steps] == [f"setup [{n}/5]" for n in range(1, 6)]
    assert pip_calls(project) == [
        "-m pip install --disable-pip-version-check --only-binary PyYAML -e .[test]"
    ]
    again = setup(project)
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    assert len(pip_calls(project)) == 1  # nothing installed, nothing downloaded
    with (project / "pyproject.toml").open("a") as handle:
        handle.write("\n# a new dependency would go here\n")
    assert setup(project).returncode == 0
    assert len(pip_calls(project)) == 2
    assert setup(project).stdout == ""


def test_a_failed_install_is_not_stamped_and_is_tried_again(project: Path) -> None:
    (project / ".venv" / "fail").touch()
    failed = setup(project)
    assert failed.returncode == 1 and "installing the project failed" in failed.stderr
    (project / ".venv" / "fail").unlink()
    assert setup(project).returncode == 0
    assert len(pip_calls(project)) == 2


def test_a_python_older_than_3_11_is_named_and_apt_asked_for(project: Path) -> None:
    """PATH holds a python3 that is too old (and no apt-get): set-up says what to install."""
    bin_ = project / "bin"
    bin_.mkdir()
    for tool in ("bash", "cat", "sha256sum", "cut", "id", "dirname", "sh"):
        (bin_ / tool).symlink_to(shutil.which(tool) or f"/bin/{tool}")
    old = bin_ / "python3"
    old.write_text('#!/bin/sh\n[ "$1" = --version ] && echo "Python 3.10.12"\nexit 1\n')
    old.chmod(0o755)
    result = setup(project, PATH=str(bin_))
    assert result.returncode == 1
    assert "not a Debian system; install the equivalents of: python3 python3-venv" in (
        result.stderr
    )
    assert pip_calls(project) == []


def _can_unplug_the_network() -> bool:
    unshare = shutil.which("unshare")
    return unshare is not None and subprocess.run([unshare, "-n", "true"]).returncode == 0


# Loaded by the editor's Python through PYTHONPATH: once the event loop runs, print the
# visible windows' titles and quit. The product is not changed for the test.
REPORT_AND_QUIT = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

_exec = QApplication.exec


def _exec_then_report(*args):
    def report():
        titles = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
        print("shown:", *titles, flush=True)
        QApplication.quit()

    QTimer.singleShot(0, report)
    return _exec()


QApplication.exec = _exec_then_report
"""


@pytest.mark.slow
@pytest.mark.skipif(not _can_unplug_the_network(), reason="unshare -n needs root")
def test_the_second_launch_starts_the_window_with_the_network_unplugged(tmp_path) -> None:
    subprocess.run(["bash", str(ROOT / "scripts" / "setup.sh")], check=True, timeout=600)
    offline = ["unshare", "-n"]
    again = subprocess.run(
        [*offline, "bash", str(ROOT / "scripts" / "setup.sh")], capture_output=True, text=True
    )
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    (tmp_path / "hook" / "sitecustomize.py").parent.mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(REPORT_AND_QUIT)
    (tmp_path / "policy.json").write_text('{"Version": "2012-10-17", "Statement": []}\n')
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "hook"), "QT_QPA_PLATFORM": "offscreen"}
    launched = subprocess.run(
        [*offline, "bash", str(ROOT / "scripts" / "app.sh"), str(tmp_path / "policy.json")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert launched.returncode == 0, launched.stderr
    assert launched.stdout == "shown: policy.json[*] — Chime policy editor\n"
