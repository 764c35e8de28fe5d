"""The `chime-policy` command line: lint, fix, new, export."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from editor.core.files import PolicyFileError, decode_policy_bytes, read_policy_file
from editor.core.lint import report
from editor.core.lint.engine import LintOptions, Quota, fix_all, lint
from editor.core.text.findings import Severity

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chime-policy",
        description="Check, repair and generate IAM policies for Amazon Chime SDK messaging.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    lint_cmd = commands.add_parser("lint", help="report every problem, compiler style")
    lint_cmd.add_argument("files", nargs="+", metavar="FILE", help="file, folder or - (stdin)")
    lint_cmd.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    lint_cmd.add_argument(
        "--min-severity",
        choices=("info", "warning", "error"),
        default="info",
        help="drop findings below this level (default: show all)",
    )
    _add_quota(lint_cmd)

    fix_cmd = commands.add_parser("fix", help="apply every safe fix")
    fix_cmd.add_argument("files", nargs="+", metavar="FILE", help="file, folder or - (stdin)")
    mode = fix_cmd.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if anything would change")
    mode.add_argument("--diff", action="store_true", help="print a unified diff")
    mode.add_argument(
        "--in-place", action="store_true", help="rewrite each file atomically, keeping FILE.bak"
    )
    _add_quota(fix_cmd)

    from editor.cli.new import add_commands

    add_commands(commands)
    return parser


def _add_quota(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--quota",
        choices=[q.value for q in Quota],
        default=Quota.MANAGED.value,
        help="size quota to check against (default: managed, 6,144 characters)",
    )


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


def run_lint(args: argparse.Namespace) -> int:
    options = LintOptions(Quota(args.quota))
    floor = Severity(args.min_severity).rank
    reports = []
    errors = False
    for name in expand(args.files):
        result = lint(read_input(name), options)
        errors = errors or result.has_errors
        kept = tuple(f for f in result.findings if f.severity.rank >= floor)
        reports.append(report.FileReport(name, result.parsed.text, kept))
    render = {"text": report.as_text, "json": report.as_json, "sarif": report.as_sarif}
    sys.stdout.write(render[args.format](reports))
    return EXIT_FINDINGS if errors else EXIT_OK


def run_fix(args: argparse.Namespace) -> int:
    from editor.core.files import write_atomically

    options = LintOptions(Quota(args.quota))
    names = expand(args.files)
    if args.in_place and "-" in names:
        raise UsageError("--in-place cannot rewrite standard input")
    status = EXIT_OK
    for name in names:
        text = read_input(name)
        fixed = fix_all(text, options)
        remaining = [f for f in lint(fixed, options).findings if f.severity is Severity.ERROR]
        for finding in remaining:
            print(
                f"{name}:{finding.line}:{finding.column}: error {finding.code} "
                f"{finding.message} (no safe fix)",
                file=sys.stderr,
            )
        if remaining:
            status = EXIT_FINDINGS
        if args.check:
            if fixed != text:
                print(f"{name}: would be fixed")
                status = EXIT_FINDINGS
        elif args.diff:
            import difflib

            label = "stdin" if name == "-" else name
            sys.stdout.writelines(
                difflib.unified_diff(
                    text.splitlines(keepends=True),
                    fixed.splitlines(keepends=True),
                    f"{label} (before)",
                    f"{label} (fixed)",
                )
            )
        elif args.in_place:
            if fixed != text:
                write_atomically(name, fixed, backup=True)
                print(f"{name}: fixed (original kept as {name}.bak)", file=sys.stderr)
        else:
            if len(names) > 1:
                print(f"==> {name} <==")
            sys.stdout.write(fixed)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    commands = {"lint": run_lint, "fix": run_fix}
    from editor.cli.new import COMMANDS

    commands.update(COMMANDS)
    try:
        return commands[args.command](args)
    except (PolicyFileError, UsageError) as error:
        print(f"chime-policy: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
