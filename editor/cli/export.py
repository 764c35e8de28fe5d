"""`chime-policy export`: a policy file in another format (JSON, CloudFormation, Terraform,
AWS CLI), refused while errors or unfilled placeholders remain unless asked for a template."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from editor.cli.common import UsageError, add_policy_type, policy_type, read_input
from editor.core.export.names import DEFAULT_POLICY_NAME


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
    export.add_argument(
        "--name",
        default=DEFAULT_POLICY_NAME,
        type=_policy_name,
        help="policy name, as IAM allows: letters, digits and + = , . @ _ - (1 to 128)",
    )
    export.add_argument(
        "--sub",
        action="store_true",
        help="CloudFormation: the stack's account and region as ${AWS::AccountId} and "
        "${AWS::Region}; ARNs of other accounts and regions stay as written",
    )
    export.add_argument(
        "--account-id",
        metavar="ID",
        help="with --sub: the stack's account (default: the only one the policy names)",
    )
    export.add_argument(
        "--region",
        help="with --sub: the stack's region (default: the only one the policy names)",
    )
    export.add_argument(
        "--template", action="store_true", help="export even with errors or unfilled placeholders"
    )
    export.add_argument("-o", "--output", help="write to this file (atomically) not stdout")
    add_policy_type(export)  # the kind says what it exports to: a role, a bucket policy, an SCP


def _policy_name(name: str) -> str:
    from editor.core.export.formats import policy_name_problem

    problem = policy_name_problem(name)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"{name!r}: {problem}")
    return name


def run(args: argparse.Namespace) -> int:
    from editor.core.export.formats import ExportRefused, Format, export
    from editor.core.files import write_atomically
    from editor.core.lint.engine import LintOptions

    if (args.account_id or args.region) and not args.sub:
        raise UsageError("--account-id and --region say what --sub replaces; add --sub")
    text = read_input(args.file)
    try:
        out = export(
            text,
            Format(args.to),
            args.name,
            args.template,
            args.sub,
            args.account_id,
            args.region,
            LintOptions(kind=policy_type(args)),
        )
    except ExportRefused as refusal:
        # One line per problem in lint's form (FILE:LINE:COL: ...): an editor jumps to each.
        head = str(refusal).split("\n", 1)[0]
        print(f"chime-policy: {args.file}: {head}", file=sys.stderr)
        for f in refusal.problems:
            print(
                f"{args.file}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}",
                file=sys.stderr,
            )
        return 1
    if args.output:
        write_atomically(args.output, out)  # a WriteError is one line and exit 2, in main
    else:
        sys.stdout.write(out)
    return 0
