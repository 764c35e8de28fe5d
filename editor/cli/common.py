"""What every command shares: exit codes, usage errors, and finding and reading the files
it is given."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from editor.core.files import PolicyFileError, read_policy_file, read_policy_stream
from editor.core.lint.quota import Quota
from editor.core.policy.kinds import PolicyKind

if TYPE_CHECKING:
    from logging import Logger

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
LOG_FORMAT = "chime-policy: %(levelname)s %(name)s: %(message)s"

_log: Logger | None = None  # set by `start_logging` (--verbose)


def start_logging() -> None:
    """--verbose: every logger's DEBUG records to stderr. Without it `logging` is never
    imported (4 ms of every command's start-up) and `debug` does nothing."""
    import logging

    global _log
    logging.basicConfig(level=logging.DEBUG, stream=sys.stderr, format=LOG_FORMAT)
    _log = logging.getLogger("editor.cli")


def debug(message: str, *args: object) -> None:
    if _log is not None:
        _log.debug(message, *args)


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


def add_files(parser: argparse.ArgumentParser, containers: bool = False) -> None:
    """`containers`: the command reads (and `fix --in-place` rewrites) a folder's templates,
    Terraform files, pages and scripts too, as `expand(..., containers=True)` does."""
    holders = ", ".join(HOLDER_SUFFIXES)
    shown = (
        "file, folder or - (stdin); a folder stands for its *.json files, and its "
        f"{holders} files that hold a policy, subfolders included"
        if containers
        else "file, folder (its *.json files, subfolders included) or - (stdin)"
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=shown)
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="in folders, skip files and subfolders whose name or path inside the folder "
        "matches GLOB (repeatable); hidden folders such as .git are always skipped",
    )


def _excluded(relative: str, patterns: Sequence[str]) -> bool:
    # fnmatch compiles each `*` to an atomic group (CPython 3.9+, bpo-40480): no backtracking,
    # and the patterns come from the command line, not from the files we read. Imported here:
    # only folders need it.
    from fnmatch import fnmatchcase

    name = relative.rsplit("/", 1)[-1]
    return any(fnmatchcase(name, p) or fnmatchcase(relative, p) for p in patterns)


# Files that may hold policies (templates, Terraform, doc pages): a folder's are read by the
# commands that read containers, when they hold one.
HOLDER_SUFFIXES = (".yaml", ".yml", ".template", ".tf", ".md", ".markdown", ".html", ".htm", ".sh")


def _walk(folder: str, patterns: Sequence[str]) -> Iterator[str]:
    """The *.json files and the HOLDER_SUFFIXES files under `folder`, sorted, skipping hidden
    and excluded folders. Links to folders are not followed (a link to a parent would never
    end)."""
    for here, folders, files in os.walk(folder):
        inside = os.path.relpath(here, folder).replace(os.sep, "/")
        prefix = "" if inside == "." else inside + "/"
        folders[:] = sorted(
            f for f in folders if not f.startswith(".") and not _excluded(prefix + f, patterns)
        )
        for name in sorted(files):
            wanted = name.endswith(".json") or name.lower().endswith(HOLDER_SUFFIXES)
            if wanted and not _excluded(prefix + name, patterns):
                yield os.path.join(here, name)


def _holds_policy(path: str) -> bool:
    from editor.core.export.containers import find_container

    try:
        container = find_container(read_policy_file(path), path)
    except PolicyFileError:
        return True  # read again by the command, which says why it cannot be
    return container is not None and bool(container.policies)


def expand(
    names: Sequence[str], exclude: Sequence[str] = (), containers: bool = False
) -> list[str]:
    """Files named on the command line; a folder stands for the *.json files in it and in its
    subfolders, and (`containers`: for commands that read them) its templates, Terraform files
    and pages that hold a policy. What a folder held and was not read is said on stderr. A
    folder with nothing to check is a usage error: checking nothing and passing would hide a
    wrong path in a CI job."""
    found: list[str] = []
    for name in names:
        if name != "-" and os.path.isdir(name):
            inside: list[str] = []
            passed: list[str] = []
            for path in _walk(name, exclude):
                if path.endswith(".json") or (containers and _holds_policy(path)):
                    inside.append(path)
                else:
                    passed.append(os.path.relpath(path, name))
            note = ""
            if passed:
                shown = ", ".join(passed[:5]) + (" ..." if len(passed) > 5 else "")
                why = "holding no policy" if containers else "(this command edits *.json only)"
                files = "file" if len(passed) == 1 else "files"
                note = f"skipped {len(passed)} {files} {why}: {shown}"
                if inside:
                    print(f"chime-policy: {name}: {note}", file=sys.stderr)
            if not inside:
                skipped = f" (after --exclude {' '.join(exclude)})" if exclude else ""
                skipped += f"; {note}" if note else ""
                raise UsageError(f"{name}: no *.json file in this folder or below{skipped}")
            debug("%s: a folder, %d *.json files in it and below", name, len(inside))
            found.extend(inside)
        else:
            found.append(name)
    if not found:
        raise UsageError("nothing to check")
    return found


def read_input(name: str) -> str:
    text = read_policy_stream(sys.stdin.buffer) if name == "-" else read_policy_file(name)
    debug("%s: read %d characters", "stdin" if name == "-" else name, len(text))
    return text


def read_each(names: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """(name, text) for each file; text None for one that cannot be read, after printing
    why on one line. One unreadable file does not stop the others from being checked."""
    for name in names:
        try:
            yield name, read_input(name)
        except PolicyFileError as error:
            print(f"chime-policy: {error}", file=sys.stderr)
            yield name, None


def add_output_mode(parser: argparse.ArgumentParser) -> None:
    """--diff / --in-place, as `fix` has them; without either, the new text is printed."""
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff")
    mode.add_argument(
        "--in-place",
        action="store_true",
        help="rewrite each file atomically, keeping the original as FILE.bak (FILE.bak.1, "
        ".2 ... when that name is taken: an existing backup is never overwritten)",
    )


def write_result(
    args: argparse.Namespace, name: str, text: str, new: str, many: bool, verb: str
) -> bool:
    """Print `new`, a diff of `text` to `new`, or rewrite the file in place (atomically, the
    original kept as a backup), as `args` asks. False when the file could not be written
    (said in one line): the caller goes on with its other files and exits 2."""
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
            from editor.core.files import WriteError, write_atomically

            try:
                kept = write_atomically(name, new, backup=True)
            except WriteError as error:
                print(f"chime-policy: {error}", file=sys.stderr)
                return False
            print(f"{name}: {verb} (original kept as {kept})", file=sys.stderr)
        else:
            debug("%s: nothing to change, not rewritten", name)
    else:
        if many:
            print(f"==> {name} <==")
        sys.stdout.write(new)
    return True
