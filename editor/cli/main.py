"""The `chime-policy` command: parses the arguments and runs the command's module."""

from __future__ import annotations

import argparse
import codecs
import sys
import time
from collections.abc import Sequence
from importlib import import_module
from types import ModuleType

from editor.cli.common import EXIT_OK, EXIT_USAGE, UsageError, debug, start_logging
from editor.core.files import PolicyFileError

# Command -> its module under editor.cli (each has add_parser and run). A command's module
# is imported only when that command runs (or for the list of commands, `--help`): `lint`
# need not import what `fill` or `new` do, nor build their parsers.
COMMANDS = {
    "lint": "lint",
    "fix": "fix",
    "fill": "fill",
    "edit": "edit",
    "new": "new",
    "export": "export",
    "check-access": "check_access",
    "grants": "grants",
    "diff": "diff",
}


def command_module(name: str) -> ModuleType:
    return import_module(f"editor.cli.{COMMANDS[name]}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of `only` that one (what it parses is the same)."""
    parser = argparse.ArgumentParser(
        prog="chime-policy",
        description="Check, repair and generate IAM policies for Amazon Chime SDK messaging.",
    )
    verbose_help = "log what the command does (files read, time taken) to stderr"
    parser.add_argument("-v", "--verbose", action="store_true", help=verbose_help)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in [only] if only else COMMANDS:
        command_module(name).add_parser(commands)
    for command in commands.choices.values():
        # After the command's name too; SUPPRESS keeps a --verbose given before it.
        command.add_argument(
            "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=verbose_help
        )
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The command the arguments name, unless the general help is asked for before it."""
    for arg in argv:
        if arg in ("-h", "--help"):
            return None
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def _names_as_bytes(error: UnicodeError) -> tuple[bytes, int]:
    """Output error handler: a file name that is not valid UTF-8 (Python holds its bytes as
    surrogates) is written back as those bytes, as `ls` does; anything else the terminal
    cannot show is written as a backslash escape."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = bytearray()
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(code - 0xDC00)
        else:
            out += char.encode("ascii", "backslashreplace")
    return bytes(out), error.end


codecs.register_error("chime-policy-names", _names_as_bytes)


def _tolerant_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="chime-policy-names")


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_named(arguments))
    args = parser.parse_args(arguments)
    if args.verbose:
        start_logging()
    started = time.perf_counter()
    try:
        code: int = command_module(args.command).run(args)
        debug(
            "%s: exit %d after %.1f ms", args.command, code, 1000 * (time.perf_counter() - started)
        )
        return code
    except (PolicyFileError, UsageError) as error:
        print(f"chime-policy: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
