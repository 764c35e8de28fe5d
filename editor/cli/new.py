"""`chime-policy new`: a new policy for a persona or a list of actions. The generator and
pydantic are imported only when the command runs, so that `lint` and `fix` start without them."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from editor.core.policy.arnfields import ARN_FIELDS


def add_parser(commands: Any) -> None:
    new = commands.add_parser("new", help="print a new policy for a persona or a list of actions")
    source = new.add_mutually_exclusive_group(required=True)
    source.add_argument("--persona", help="app-instance-admin, full-user, minimal-user, ...")
    source.add_argument("--actions", help="comma-separated actions, e.g. chime:Connect,...")
    for field in ARN_FIELDS:  # the form's fields, in its order
        if field.flag:
            new.add_argument(field.option, dest=field.name, action="store_true", help=field.hint)
        elif field.fills_arns:
            new.add_argument(field.option, dest=field.name, metavar="VALUE", help=field.hint)
        else:
            new.add_argument(
                field.option,
                dest=field.name,
                metavar="ID,...",
                help=f"{field.hint} (what administrative actions on them may manage)",
            )
    new.add_argument(
        "--layout", choices=("aws-example", "least-privilege"), default="least-privilege"
    )
    new.add_argument("--indent", type=int, choices=(0, 2, 4), default=4, help="0: minified")


def run(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from editor.core.catalog.catalog import load_personas
    from editor.core.policy.arnvalues import ArnValues
    from editor.core.policy.generate import Layout, generate

    if args.persona:
        persona = load_personas().get(args.persona)
        if persona is None:
            ids = ", ".join(p.id for p in load_personas().personas)
            print(f"chime-policy: no persona {args.persona!r}; one of {ids}", file=sys.stderr)
            return 2
        actions = list(persona.actions)
    else:
        actions = [a.strip() for a in args.actions.split(",") if a.strip()]
    given: dict[str, object] = {
        f.name: getattr(args, f.name) for f in ARN_FIELDS if getattr(args, f.name) is not None
    }
    try:
        values = ArnValues(**given)
        document = generate(actions, values, Layout(args.layout))
    except ValidationError as error:
        for problem in error.errors():
            field = ".".join(str(p) for p in problem["loc"]) or "values"
            message = str(problem["msg"]).removeprefix("Value error, ")
            print(f"chime-policy: --{field.replace('_', '-')}: {message}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"chime-policy: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(document.to_text(args.indent or None))
    if not args.indent:
        sys.stdout.write("\n")
    return 0
