"""What every command shares: exit codes, usage errors, and reading the files it is given."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from editor.core.files import decode_policy_bytes, read_policy_file
from editor.core.lint.quota import Quota
from editor.core.policy.kinds import PolicyKind

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def add_quota(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--quota",
        choices=[q.value for q in Quota],
        default=Quota.MANAGED.value,
        help="size quota to check against (default: managed, 6,144 characters)",
    )


def add_policy_type(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy-type",
        choices=["auto", *(k.value for k in PolicyKind)],
        default="auto",
        help="the kind of policy to check it as: identity, resource(-based), (role) trust, "
        "scp, rcp, (permissions) boundary (default: auto, detected from the document)",
    )


def policy_type(args: argparse.Namespace) -> PolicyKind | None:
    return None if args.policy_type == "auto" else PolicyKind(args.policy_type)


def expand(names: Sequence[str]) -> list[str]:
    """Files named on the command line; a folder stands for the *.json files in it."""
    found: list[str] = []
    for name in names:
        if name != "-" and os.path.isdir(name):
            found.extend(
                sorted(os.path.join(name, f) for f in os.listdir(name) if f.endswith(".json"))
            )
        else:
            found.append(name)
    return found


def read_input(name: str) -> str:
    if name == "-":
        return decode_policy_bytes(sys.stdin.buffer.read(), "standard input")
    return read_policy_file(name)


def add_output_mode(parser: argparse.ArgumentParser) -> None:
    """--diff / --in-place, as `fix` has them; without either, the new text is printed."""
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff")
    mode.add_argument(
        "--in-place", action="store_true", help="rewrite each file atomically, keeping FILE.bak"
    )


def write_result(
    args: argparse.Namespace, name: str, text: str, new: str, many: bool, verb: str
) -> None:
    """Print `new`, a diff of `text` to `new`, or rewrite the file in place (atomically, the
    original kept as a backup), as `args` asks."""
    if args.diff:
        import difflib

        label = "stdin" if name == "-" else name
        sys.stdout.writelines(
            difflib.unified_diff(
                text.splitlines(keepends=True),
                new.splitlines(keepends=True),
                f"{label} (before)",
                f"{label} ({verb})",
            )
        )
    elif args.in_place:
        if name == "-":
            raise UsageError("--in-place cannot rewrite standard input")
        if new != text:
            from editor.core.files import backup_path, write_atomically

            write_atomically(name, new, backup=True)
            print(f"{name}: {verb} (original kept as {backup_path(name)})", file=sys.stderr)
    else:
        if many:
            print(f"==> {name} <==")
        sys.stdout.write(new)
