"""`chime-policy fill`: put ARN values into a policy in place — every placeholder or value of
each named field is replaced, and nothing else of the text changes."""

from __future__ import annotations

import argparse
import sys
from typing import Any

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
from editor.core.policy.arnfields import ARN_FIELDS, BY_NAME, FIELDS


def add_parser(commands: Any) -> None:
    fill = commands.add_parser(
        "fill",
        help="fill ARN values (region, account, IDs) into policies in place",
        description="Replace the placeholders (region, {aws_account_id}, <ACCOUNT_ID>, "
        "app_instance_id ...) or the values of each named field in every ARN, leaving the "
        "rest of the text as it is. Exit 1 when placeholders remain.",
    )
    add_files(fill)
    for field in ARN_FIELDS:
        if field.fills_arns:  # callers and targets fill nothing in place
            fill.add_argument(field.option, dest=field.name, metavar="VALUE", help=field.hint)
    fill.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="PLACEHOLDER=VALUE",
        help="fill a placeholder no option names, e.g. --set project_id=abc (repeatable)",
    )
    add_output_mode(fill)


def changes_of(args: argparse.Namespace) -> dict[str, str]:
    """Field -> value from the options, each checked as the form checks it."""
    from editor.core.policy.arnslots import OTHER
    from editor.core.policy.arnvalues import field_error

    changes: dict[str, str] = {}
    for name in FIELDS:
        value = getattr(args, name)
        if value is None:
            continue
        message = field_error(name, value)
        if message or not value.strip():
            raise UsageError(f"{BY_NAME[name].option} {value!r}: {message or 'empty'}")
        changes[name] = value.strip()
    for item in args.set:
        placeholder, sep, value = item.partition("=")
        if not sep or not placeholder or not value:
            raise UsageError(f"--set {item!r}: write PLACEHOLDER=VALUE")
        changes[OTHER + placeholder] = value
    if not changes:
        raise UsageError("fill: name at least one value (--region, --account-id, ... or --set)")
    return changes


def not_filled(text: str, changes: dict[str, str]) -> list[tuple[str, str]]:
    """(field, what was left and why) for the fields of `changes` a fill does not put
    everywhere: no ARN holds the field (a typo, or not a policy: "nothing filled"), a granted
    ARN holds `*` there, which fill keeps (any account in `arn:aws:iam::*:user/...` is the
    author's choice, not a placeholder), or a Deny or a NotResource holds a value there,
    which fill never rewrites (the line names each such statement)."""
    from editor.core.catalog.catalog import load_catalog
    from editor.core.json.read import read_json
    from editor.core.policy.arnfields import ANY_CHOICE
    from editor.core.policy.arnslots import default_targets, find_slots
    from editor.core.policy.fillreport import describe, fill_report

    slots = find_slots(read_json(text).root, load_catalog())
    held = {slot.field for slot in slots}
    found = []
    for field, value in changes.items():
        option = BY_NAME[field].option if field in FIELDS else f"--set {field[6:]}"
        if field not in held:
            found.append((field, f"no ARN holds a value for {option}: nothing filled"))
            continue
        targets = default_targets(slots, field, any_is_a_value=field in ANY_CHOICE)
        line = describe(fill_report(slots, field, value, targets), option)
        if line is not None:
            found.append((field, line))
    return found


def run(args: argparse.Namespace) -> int:
    from editor.core.lint.engine import lint
    from editor.core.policy.arnslots import fill_text

    changes = changes_of(args)
    names = expand(args.files, args.exclude)
    if args.in_place and "-" in names:
        raise UsageError("--in-place cannot rewrite standard input")
    status = EXIT_OK
    failed = False  # a file not read or not written: exit 2, after the others
    for name, text in read_each(names):
        if text is None:
            failed = True
            continue
        if not text.strip():  # said plainly; like every "nothing filled", not a failure
            print(f"{name} is empty: no ARN to fill, nothing filled", file=sys.stderr)
            write_result(args, name, text, text, len(names) > 1, "filled")
            continue
        filled = fill_text(text, changes)
        for _field, why in not_filled(text, changes):
            print(f"{name}: {why}", file=sys.stderr)
        for finding in lint(filled).findings:
            if finding.code.endswith("/placeholder"):  # resource, condition, principal
                print(
                    f"{name}:{finding.line}:{finding.column}: error {finding.code} "
                    f"{finding.message}",
                    file=sys.stderr,
                )
                status = EXIT_FINDINGS
        if not write_result(args, name, text, filled, len(names) > 1, "filled"):
            failed = True
    return EXIT_USAGE if failed else status
