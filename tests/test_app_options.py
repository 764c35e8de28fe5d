"""`chime-policy-editor --help` / `--version` answer without a display and without Qt; an
option it does not know is an error with the usage (audit A13)."""

import os
import subprocess
import sys

import pytest

# Run as a user would, with no display at all: Qt would abort (core dump) if it started.
NO_DISPLAY = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
NO_DISPLAY.pop("QT_QPA_PLATFORM", None)


def launch(*args: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\n"
        "from editor.app import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "finally:\n"
        "    print('qt loaded' if 'PySide6' in sys.modules else 'no qt', file=sys.stderr)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=NO_DISPLAY,
        timeout=60,
    )


@pytest.mark.parametrize("option", ["--help", "-h"])
def test_help_prints_usage_and_exits_0(option: str) -> None:
    done = launch(option)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: chime-policy-editor")
    assert "--version" in done.stdout
    assert done.stderr.strip() == "no qt"


def test_version_prints_the_installed_version() -> None:
    from importlib.metadata import version

    done = launch("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"chime-policy-editor {version('chime-policy-editor')}\n"
    assert done.stderr.strip() == "no qt"


@pytest.mark.parametrize("option", ["--bogus", "--verbose=yes", "--version2"])
def test_an_unknown_option_is_a_usage_error(option: str) -> None:
    done = launch(option, "policy.json")
    assert done.returncode == 2
    assert done.stderr.startswith("usage: chime-policy-editor")
    assert option.split("=")[0] in done.stderr
    assert done.stderr.strip().endswith("no qt")


def test_no_display_is_said_in_one_line_not_a_core_dump(tmp_path) -> None:
    """The audit ran `bash scripts/app.sh` over ssh without a display: Qt aborted (exit 134)
    blaming a missing library. Now the entry point says what is missing and how to go on."""
    policy = tmp_path / "p.json"
    policy.write_text("{}", encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from editor.app import main; sys.exit(main())",
            str(policy),
        ],
        capture_output=True,
        text=True,
        env=NO_DISPLAY,
        timeout=60,
    )
    assert done.returncode == 2
    assert "no display to open the window on" in done.stderr
    assert "xvfb-run" in done.stderr and "chime-policy" in done.stderr
    assert "Aborted" not in done.stderr and "core dump" not in done.stderr
