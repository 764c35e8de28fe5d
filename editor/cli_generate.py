"""`chime-policy new` and `chime-policy export` (filled in with the generator)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def add_commands(commands: Any) -> None:
    del commands
