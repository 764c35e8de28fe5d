"""`chime-policy diff OLD NEW`: every grant NEW has that OLD had not, and the reverse.
Exit 1 when NEW grants anything OLD did not (a CI gate for "no new access"), else 0."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from editor.cli.common import EXIT_FINDINGS, EXIT_OK, read_input
from editor.cli.inside import Picked, add_index, compile_picked, pick

if TYPE_CHECKING:  # imported when the command runs (see check_access)
    from editor.core.access.diff import Change, Diff


def add_parser(commands: Any) -> None:
    cmd = commands.add_parser(
        "diff",
        help="what NEW allows that OLD did not (exit 1 if anything), and the reverse",
    )
    cmd.add_argument("old", metavar="OLD", help="the policy as it was")
    cmd.add_argument("new", metavar="NEW", help="the policy as it is now")
    cmd.add_argument("--format", choices=("text", "json"), default="text")
    add_index(cmd)


def run(args: argparse.Namespace) -> int:
    from editor.core.access.diff import diff
    from editor.core.catalog.arn import unmask

    old = pick(args.old, read_input(args.old), args.index)
    new = pick(args.new, read_input(args.new), args.index)
    # A policy naming a Principal is compared as the resource or trust policy it is.
    result = diff(compile_picked(old, None), compile_picked(new, None))
    compared = which(old, new, args.index)
    if args.format == "json":
        rendered = as_json(result, [old.label, new.label] if compared else None)
    else:
        rendered = "".join(f"{line}\n" for line in compared) + as_text(result)
    sys.stdout.write(unmask(rendered))  # a template's ${AWS::Region} as written
    return EXIT_FINDINGS if result.grants_more else EXIT_OK


def which(old: Picked, new: Picked, index: int | None) -> list[str]:
    """The two policies compared, named when picked from files holding several (a template):
    --index N takes the Nth of each, which need not be the same policy."""
    if (old.label is None and new.label is None) or (index is None and old.label == new.label):
        return []  # one policy each, of one name: nothing to mistake
    at = f" #{index}" if index is not None else ""
    lines = [
        f"old: {old.name}{at}: {old.label or 'the file'}",
        f"new: {new.name}{at}: {new.label or 'the file'}",
    ]
    if old.label != new.label:
        lines.append(
            "note: the two policies have different names: make sure they are the same policy "
            "(--index counts the policies of each file in its order)"
        )
    return lines


def change_text(change: Change) -> str:
    # The pattern that names it, when it is not the action itself (action names ignore case).
    same = change.via.lower() == change.action.lower()
    action = change.action if same else f"{change.action} ({change.via})"
    text = f"{action} on {change.resource}"
    if change.example and change.example != change.resource:
        text += f", e.g. {change.example}"
    when = ([change.condition] if change.condition else []) + list(change.when)
    if when:
        text += " when " + " and ".join(when)
    if change.unless:
        text += " unless " + " or ".join(change.unless)
    lines = ", ".join(str(s.line) for s in change.statements)
    return f"{text}  (line {lines})"


def as_text(result: Diff) -> str:
    lines: list[str] = []
    if not result.added and not result.removed:
        lines.append("no change in what the policy allows")
    lines += [f"+ {change_text(c)}" for c in result.added]
    lines += [f"- {change_text(c)}" for c in result.removed]
    if result.skipped:
        where = ", ".join(f"{s.policy}:{s.line}" for s in result.skipped)
        lines.append(f"note: statements IAM would refuse were left out ({where})")
    if not result.exact:
        lines.append("note: a size bound was reached; the lists may be incomplete")
    return "\n".join(lines) + "\n"


def as_json(result: Diff, compared: list[str | None] | None = None) -> str:
    def change(c: Change) -> dict[str, Any]:
        out = asdict(c)
        out["statements"] = [{"file": s.policy, "line": s.line, "sid": s.sid} for s in c.statements]
        return out

    document = {
        "grantsMore": result.grants_more,
        "added": [change(c) for c in result.added],
        "removed": [change(c) for c in result.removed],
        "exact": result.exact,
    }
    if compared is not None:  # the policies' names in their templates (None: the file)
        document["old"], document["new"] = compared
    return json.dumps(document, indent=2) + "\n"
