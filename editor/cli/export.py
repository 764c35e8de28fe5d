"""`chime-policy export`: a policy file in another format (JSON, CloudFormation, Terraform,
AWS CLI), refused while errors or unfilled placeholders remain unless asked for a template."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from editor.cli.common import read_input


def add_parser(commands: Any) -> None:
    export = commands.add_parser("export", help="export a policy file to another format")
    export.add_argument("file", metavar="FILE", help="policy JSON, or - for stdin")
    export.add_argument(
        "--to",
        required=True,
        choices=(
            "json",
            "json-min",
            "cloudformation-yaml",
            "cloudformation-json",
            "terraform",
            "terraform-data",
            "aws-cli",
        ),
    )
    export.add_argument("--name", default="ChimeMessagingPolicy", help="policy name")
    export.add_argument(
        "--sub",
        action="store_true",
        help="CloudFormation: account and region as ${AWS::AccountId}, ${AWS::Region}",
    )
    export.add_argument(
        "--template", action="store_true", help="export even with errors or unfilled placeholders"
    )
    export.add_argument("-o", "--output", help="write to this file (atomically) not stdout")


def run(args: argparse.Namespace) -> int:
    from editor.core.export.formats import ExportRefused, Format, export
    from editor.core.files import write_atomically

    text = read_input(args.file)
    try:
        out = export(text, Format(args.to), args.name, args.template, args.sub)
    except ExportRefused as refusal:
        print(f"chime-policy: {args.file}: {refusal}", file=sys.stderr)
        return 1
    if args.output:
        write_atomically(args.output, out)
    else:
        sys.stdout.write(out)
    return 0
