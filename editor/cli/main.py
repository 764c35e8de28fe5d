"""The `chime-policy` command: parses the arguments and runs the command's module."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from editor.cli import check_access, edit, export, fill, fix, lint, new
from editor.cli.common import EXIT_OK, EXIT_USAGE, UsageError
from editor.core.files import PolicyFileError

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "lint": lint.run,
    "fix": fix.run,
    "fill": fill.run,
    "edit": edit.run,
    "new": new.run,
    "export": export.run,
    "check-access": check_access.run,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chime-policy",
        description="Check, repair and generate IAM policies for Amazon Chime SDK messaging.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (lint, fix, fill, edit, new, export, check_access):
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return COMMANDS[args.command](args)
    except (PolicyFileError, UsageError) as error:
        print(f"chime-policy: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
