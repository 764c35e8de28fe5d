"""Runs `chime-policy` as a user does: the installed console script, in a new process, at a
fixed terminal width (argparse wraps its help to $COLUMNS) and in the C locale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# The script `pip install -e .` puts next to the interpreter (scripts/setup.sh does it).
SCRIPT = Path(sys.executable).with_name("chime-policy")


def chime_policy(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COLUMNS="80", LC_ALL="C.UTF-8")
    env.pop("LANGUAGE", None)  # it would outrank LC_ALL for message catalogs
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=60
    )
