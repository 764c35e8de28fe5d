"""The `chime-policy` command: parses the arguments and runs the command's module."""

from __future__ import annotations

import argparse
import codecs
import os
import sys
import time
from collections.abc import Sequence
from importlib import import_module
from types import ModuleType
from typing import Any

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


def _columns() -> int:
    """The terminal's width as `shutil.get_terminal_size` works it out: $COLUMNS, else the
    width of the terminal of stdout, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own, given the width its default works out. argparse makes a formatter at
    each `add_argument` (to check the metavar), and the default imports shutil for the width
    (with bz2, lzma, fnmatch): start-up time that a lint never uses."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = _columns() - 2 if width is None else width  # argparse keeps 2 columns free
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """A parser whose help is laid out by `_HelpFormatter`; its commands' parsers too
    (`add_subparsers` makes them of the parser's own class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def command_module(name: str) -> ModuleType:
    return import_module(f"editor.cli.{COMMANDS[name]}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of `only` that one (what it parses is the same)."""
    parser = _Parser(
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
