"""`chime-policy fix`: apply every safe fix, to standard output, as a diff, or in place."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from editor.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    add_files,
    add_policy_type,
    add_quota,
    expand,
    policy_type,
    read_each,
    write_result,
)
from editor.cli.lint import container_findings
from editor.core.export.sniff import NOT_IN_PLACE
from editor.core.lint.engine import LintOptions, Quota, lint
from editor.core.text import fixpoint
from editor.core.text.findings import Finding, Severity
from editor.core.text.wording import counted


def add_parser(commands: Any) -> None:
    fix_cmd = commands.add_parser("fix", help="apply every safe fix")
    add_files(fix_cmd, containers=True)  # as run() expands them
    mode = fix_cmd.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if anything would change")
    mode.add_argument("--diff", action="store_true", help="print a unified diff")
    mode.add_argument(
        "--in-place",
        action="store_true",
        help="rewrite each file atomically, keeping the original as FILE.bak (FILE.bak.1, "
        ".2 ... when that name is taken: an existing backup is never overwritten)",
    )
    add_quota(fix_cmd)
    add_policy_type(fix_cmd)


def run(args: argparse.Namespace) -> int:
    options = LintOptions(Quota(args.quota), policy_type(args))
    names = expand(args.files, args.exclude, containers=True)
    if args.in_place and "-" in names:
        raise UsageError("--in-place cannot rewrite standard input")
    status = EXIT_OK
    failed = False
    for name, text in read_each(names):
        if text is None:
            failed = True
            continue
        check = _checker(text, name, options)
        fixed = fixpoint.fix_all(text, check)
        left = check(fixed)
        remaining = [f for f in left if f.severity is Severity.ERROR]
        for finding in left:
            # every error, and what a safe fix would repair but not in this file's text
            if finding.severity is Severity.ERROR or NOT_IN_PLACE in finding.message:
                why = "" if NOT_IN_PLACE in finding.message else " (no safe fix)"
                print(
                    f"{name}:{finding.line}:{finding.column}: {finding.severity.value} "
                    f"{finding.code} {finding.message}{why}",
                    file=sys.stderr,
                )
        verb = "fixed"
        if remaining:
            status = EXIT_FINDINGS
            unreadable = sum(1 for f in remaining if f.code.startswith("json/"))
            if unreadable and fixed != text:
                # Still not JSON: the safe fixes alone do not repair it, and a half-repaired
                # file is no better than the one the user has. Nothing is written.
                print(
                    f"{name}: not fixed: {counted(unreadable, 'syntax error')} no safe fix "
                    "repairs (above) would be left; the text is kept as it is",
                    file=sys.stderr,
                )
                fixed = text
            else:
                verb = f"partly fixed, {counted(len(remaining), 'error')} left (above)"
        if args.check:
            if fixed != text:
                print(f"{name}: would be {verb}")
                status = EXIT_FINDINGS
        elif not write_result(args, name, text, fixed, len(names) > 1, verb):
            failed = True
    return EXIT_USAGE if failed else status


def _checker(text: str, name: str, options: LintOptions) -> Callable[[str], Sequence[Finding]]:
    """What fix repairs: the policies inside a template or doc page (only where their text
    stands in the file as is, so a template's own lines are never rewritten as JSON), or the
    file itself when it is a policy."""
    if container_findings(text, name, options) is not None:
        return lambda t: container_findings(t, name, options) or ()
    return lambda t: lint(t, options).findings
