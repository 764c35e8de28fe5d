"""`chime-policy grants`: what a policy allows, per service, access level and action."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from editor.cli.check_access import load_policy
from editor.cli.common import EXIT_OK

if TYPE_CHECKING:  # imported when the command runs (see check_access)
    from editor.core.access.grants import ActionGrant, GrantEntry


def add_parser(commands: Any) -> None:
    cmd = commands.add_parser(
        "grants", help="summarize what a policy allows (per service, access level, action)"
    )
    cmd.add_argument("policy", metavar="POLICY", help="policy file or -")
    cmd.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from editor.core.access.grants import grants

    # A policy naming a Principal (a bucket's, a role's trust policy) grants to whom it names.
    summary = grants(load_policy(args.policy, None))
    sys.stdout.write(as_json(summary) if args.format == "json" else as_text(summary))
    return EXIT_OK


def entry_text(entry: GrantEntry, whom: str = "to") -> str:
    types = f" [{', '.join(entry.types)}]" if entry.types else ""
    text = f"{entry.resource}{types}"
    if entry.principals:
        text += f" {whom} " + ", ".join(entry.principals)
    text += f"  (line {entry.statement.line})"
    if entry.condition:
        text += f" when {entry.condition}"
    if entry.mismatch:
        text += "  (none of the action's resource types: grants nothing)"
    if entry.broad:
        text += "  OVER-BROAD: " + "; ".join(entry.broad)
    return text


def as_text(summary: tuple[ActionGrant, ...]) -> str:
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
        lines += [f"      {entry_text(e)}" for e in grant.entries]
        lines += [f"      denied on {entry_text(e, 'for')}" for e in grant.denied]
    return "\n".join(lines) + "\n"


def as_json(summary: tuple[ActionGrant, ...]) -> str:
    def entry(e: GrantEntry) -> dict[str, Any]:
        out = asdict(e)
        out["statement"] = {"line": e.statement.line, "sid": e.statement.sid}
        return out

    document = [
        {
            "service": g.service,
            "accessLevel": g.access_level,
            "action": g.action,
            "via": list(g.via),
            "resources": [entry(e) for e in g.entries],
            "denied": [entry(e) for e in g.denied],
        }
        for g in summary
    ]
    return json.dumps(document, indent=2) + "\n"
