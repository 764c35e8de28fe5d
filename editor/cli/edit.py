"""`chime-policy edit`: add or remove actions in place — an added action goes into the
statement whose ARNs fit it (else one new statement), a removed one leaves every Allow
statement that names it; the rest of the text keeps every byte."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from editor.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    add_files,
    add_output_mode,
    expand,
    read_each,
    write_result,
)

if TYPE_CHECKING:
    from editor.core.catalog.catalog import Catalog


def add_parser(commands: Any) -> None:
    edit = commands.add_parser(
        "edit",
        help="add or remove actions in policies, in place",
        description="Add actions to the statement whose ARNs fit them (or one new statement, "
        "with the ARN values the file holds), remove actions from every Allow statement. "
        "Exit 1 when an action cannot be removed (a wildcard or a NotAction grants it) or a "
        "file cannot be edited.",
    )
    add_files(edit)
    edit.add_argument("--add-action", action="append", default=[], metavar="ACTION")
    edit.add_argument("--remove-action", action="append", default=[], metavar="ACTION")
    add_output_mode(edit)


def _names(values: list[str]) -> list[str]:
    from editor.core.catalog.catalog import load_catalog

    catalog = load_catalog()
    names: list[str] = []
    for value in (v.strip() for item in values for v in item.split(",")):
        action = catalog.action(value)
        if action is None:
            raise UsageError(f"{value!r} is not a Chime action (write chime:Name or Name)")
        names.append(action.name)
    return names


def _taken_away(edited: str, added: list[str], catalog: Catalog) -> str | None:
    """Why the edit is refused when a Deny takes an added action away on every resource the
    Allows give it (as `chime-policy grants` decides): the new Allow would grant nothing."""
    from editor.core.access.denied import settled
    from editor.core.json.read import read_json
    from editor.core.policy.denials import denials
    from editor.core.policy.statements import statements

    named = denials(statements(read_json(edited).root), catalog)
    if not named.keys() & set(added):
        return None
    _, denied = settled(edited, named, catalog)
    gone = {n: d for n, d in denied.items() if d.complete and n in added}
    if not gone:
        return None
    names = ", ".join(f"chime:{n}" for n in sorted(gone))
    by = ", ".join(sorted({d.statement for d in gone.values()}))
    return (
        f"{names}: the Deny of {by} takes it away whatever the Allows say "
        "(edit that Deny to grant it)"
    )


def run(args: argparse.Namespace) -> int:
    from editor.core.catalog.catalog import load_catalog
    from editor.core.json.read import read_json
    from editor.core.policy.actionedits import NotEditable, add_actions, remove_actions
    from editor.core.policy.arnvalues import ArnValues, field_error
    from editor.core.policy.generate import Layout
    from editor.core.policy.selection import granted_actions, read_selection

    added, removed = _names(args.add_action), _names(args.remove_action)
    if not added and not removed:
        raise UsageError("edit: name an action (--add-action or --remove-action)")
    if set(added) & set(removed):
        raise UsageError("edit: an action cannot be both added and removed")
    catalog = load_catalog()
    names = expand(args.files, args.exclude)
    if args.in_place and "-" in names:
        raise UsageError("--in-place cannot rewrite standard input")
    status = EXIT_OK
    failed = False  # a file not read or not written: exit 2, after the others
    for name, text in read_each(names):
        if text is None:
            failed = True
            continue
        selection = read_selection(text, catalog)
        found = {k: v for k, v in selection.values.items() if k not in selection.conflicts}
        values = ArnValues(**{k: v for k, v in found.items() if not field_error(k, v)})
        try:
            edited = remove_actions(text, removed, catalog)
            edited = add_actions(edited, added, values, Layout.LEAST_PRIVILEGE, catalog)
        except NotEditable as error:
            print(f"{name}: cannot edit: {error}", file=sys.stderr)
            status = EXIT_FINDINGS
            continue
        refusal = _taken_away(edited, added, catalog)
        if refusal is not None:  # the window refuses the same tick, with the same words
            print(f"{name}: cannot add {refusal}; the file is left as it was", file=sys.stderr)
            status = EXIT_FINDINGS
            continue
        kept = set(removed) & granted_actions(read_json(edited).root, catalog)
        for action in sorted(kept):
            print(
                f"{name}: chime:{action} is still granted by a wildcard or a NotAction",
                file=sys.stderr,
            )
            status = EXIT_FINDINGS
        if not write_result(args, name, text, edited, len(names) > 1, "edited"):
            failed = True
    return EXIT_USAGE if failed else status
