"""`chime-policy grants`: what a policy allows, per service, access level and action."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from editor.cli.common import EXIT_OK, read_input
from editor.cli.inside import add_index, compile_picked, pick

if TYPE_CHECKING:  # imported when the command runs (see check_access)
    from collections.abc import Callable

    from editor.core.access.grants import ActionGrant, GrantEntry
    from editor.core.text.findings import Finding


def add_parser(commands: Any) -> None:
    cmd = commands.add_parser(
        "grants", help="summarize what a policy allows (per service, access level, action)"
    )
    cmd.add_argument("policy", metavar="POLICY", help="policy file or -")
    cmd.add_argument("--format", choices=("text", "json"), default="text")
    add_index(cmd)


def run(args: argparse.Namespace) -> int:
    from editor.core.access.grants import grants
    from editor.core.catalog.arn import unmask

    text = read_input(args.policy)  # once: standard input cannot be read twice
    picked = pick(args.policy, text, args.index)  # a template's: the one it holds, or --index
    # A policy naming a Principal (a bucket's, a role's trust policy) grants to whom it names.
    policy = compile_picked(picked, None)
    summary = grants(policy)
    codes = security_codes(picked.findings, summary, picked.file_text)
    render = as_json if args.format == "json" else as_text
    sys.stdout.write(unmask(render(summary, codes)))  # a template's ${AWS::Region} as written
    return EXIT_OK


def security_codes(
    findings: Callable[[], tuple[Finding, ...]],
    summary: tuple[ActionGrant, ...],
    text: str,
) -> dict[tuple[int, str], tuple[str, ...]]:
    """The security findings of the lint inside each granting statement, by (statement start,
    action): a finding on one action name goes with that action only."""
    from editor.core.access.grants import findings_by_action

    if not summary:
        return {}
    found = [(f.code, f.start, f.end) for f in findings() if f.code.startswith("security/")]
    return findings_by_action(text, summary, found)


def _of(
    codes: dict[tuple[int, str], tuple[str, ...]] | None, action: str
) -> dict[int, tuple[str, ...]]:
    return {start: found for (start, name), found in (codes or {}).items() if name == action}


def entry_text(
    entry: GrantEntry, codes: dict[int, tuple[str, ...]] | None = None, whom: str = "to"
) -> str:
    types = f" [{', '.join(entry.types)}]" if entry.types else ""
    text = f"{entry.resource}{types}"
    if entry.principals:
        text += f" {whom} " + ", ".join(entry.principals)
    text += f"  (line {entry.statement.line})"
    if entry.condition:
        text += f" when {entry.condition}"
    if entry.mismatch:
        text += "  (none of the action's resource types: grants nothing)"
    if entry.needs:
        text += f"  (needs {' and '.join(entry.needs)} too)"
    if entry.broad:
        text += "  OVER-BROAD: " + "; ".join(entry.broad)
    linked = (codes or {}).get(entry.statement.start)
    if linked:
        text += "  [" + ", ".join(linked) + "]"
    return text


def as_text(
    summary: tuple[ActionGrant, ...], codes: dict[tuple[int, str], tuple[str, ...]] | None = None
) -> str:
    if not summary:
        return "grants nothing\n"
    lines: list[str] = []
    heading: tuple[str, str] | None = None
    for grant in summary:
        if heading is None or heading[0] != grant.service:
            lines.append(f"{grant.service}")
        if heading != (grant.service, grant.access_level):
            lines.append(f"  {grant.access_level}")
            heading = (grant.service, grant.access_level)
        lines.append(f"    {grant.action}")
        lines += [f"      {entry_text(e, _of(codes, grant.action))}" for e in grant.entries]
        lines += [f"      denied on {entry_text(e, whom='for')}" for e in grant.denied]
    return "\n".join(lines) + "\n"


def as_json(
    summary: tuple[ActionGrant, ...], codes: dict[tuple[int, str], tuple[str, ...]] | None = None
) -> str:
    def entry(e: GrantEntry, action: str) -> dict[str, Any]:
        out = asdict(e)
        out["statement"] = {"line": e.statement.line, "sid": e.statement.sid}
        out["security"] = list((codes or {}).get((e.statement.start, action), ()))
        return out

    document = [
        {
            "service": g.service,
            "accessLevel": g.access_level,
            "action": g.action,
            "via": list(g.via),
            "resources": [entry(e, g.action) for e in g.entries],
            "denied": [entry(e, g.action) for e in g.denied],
        }
        for g in summary
    ]
    return json.dumps(document, indent=2) + "\n"
