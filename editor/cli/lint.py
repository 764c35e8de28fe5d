"""`chime-policy lint`: every problem of each file, compiler style, JSON or SARIF."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from editor.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    add_files,
    add_policy_type,
    add_quota,
    expand,
    policy_type,
    read_each,
)
from editor.core.lint import report
from editor.core.lint.engine import LintOptions, Quota, lint
from editor.core.text.findings import Finding, Severity


def add_parser(commands: Any) -> None:
    lint_cmd = commands.add_parser("lint", help="report every problem, compiler style")
    add_files(lint_cmd, containers=True)  # as run() expands them
    lint_cmd.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    lint_cmd.add_argument(
        "--min-severity",
        choices=("info", "warning", "error"),
        default="info",
        help="drop findings below this level (default: show all)",
    )
    add_quota(lint_cmd)
    add_policy_type(lint_cmd)


def run(args: argparse.Namespace) -> int:
    options = LintOptions(Quota(args.quota), policy_type(args))
    floor = Severity(args.min_severity).rank
    reports = []
    errors = unreadable = False
    for name, text in read_each(expand(args.files, args.exclude, containers=True)):
        if text is None:
            unreadable = True
            continue
        findings = container_findings(text, name, options)
        if findings is None:
            findings = lint(text, options).findings
        errors = errors or any(f.severity is Severity.ERROR for f in findings)
        kept = tuple(f for f in findings if f.severity.rank >= floor)
        reports.append(report.FileReport(name, text, kept))
    render = {"text": report.as_text, "json": report.as_json, "sarif": report.as_sarif}
    sys.stdout.write(render[args.format](reports))
    if unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if errors else EXIT_OK


def container_findings(text: str, name: str, options: LintOptions) -> tuple[Finding, ...] | None:
    """The findings of every policy in a template, Terraform file or doc page, at the file's
    own lines; None when the file is a policy (or holds none)."""
    from editor.core.export.sniff import looks_like_policy

    if looks_like_policy(text):
        return None
    from editor.core.export.containers import find_container, lint_embedded

    container = find_container(text, name)
    if container is None or not container.policies:
        return None
    found: list[Finding] = []
    for embedded in container.policies:
        found.extend(lint_embedded(text, embedded, options).findings)
    return tuple(sorted(found, key=lambda f: (f.start, f.end, f.code)))
