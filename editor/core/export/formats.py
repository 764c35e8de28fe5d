"""Export a policy: JSON, CloudFormation (YAML or JSON), Terraform, AWS CLI.

Each takes the policy as JSON text (what the editor holds, the user's own statements
included) and refuses, listing why, while errors or unfilled placeholders remain, unless the
caller asks for a template; and always when the format cannot carry the document as it is.
Every format but JSON writes the resource the policy's kind goes in (targets.py): a trust
policy becomes a role, a bucket policy an S3 bucket policy, an SCP an Organizations policy.
"""

from __future__ import annotations

import json
import re
import shlex
from enum import StrEnum
from typing import Any

from editor.core.export.cloudformation import Stack, cloudformation, stack_of
from editor.core.export.names import DEFAULT_POLICY_NAME
from editor.core.export.targets import NoTarget, Target, target_of
from editor.core.export.terraform import data_source_problems, terraform, terraform_data_source
from editor.core.json.nodes import Node
from editor.core.json.parsed import ParsedText
from editor.core.lint.engine import LintOptions, lint
from editor.core.policy.kinds import PolicyKind
from editor.core.policy.statements import statements
from editor.core.text.findings import Finding, Severity, make_finding

# IAM's pattern for policy names (CreatePolicy's PolicyName): [\w+=,.@-]+, 1 to 128.
_IAM_NAME = re.compile(r"[A-Za-z0-9_+=,.@-]{1,128}")


class Format(StrEnum):
    JSON = "json"
    JSON_MINIFIED = "json-min"
    CLOUDFORMATION_YAML = "cloudformation-yaml"
    CLOUDFORMATION_JSON = "cloudformation-json"
    TERRAFORM = "terraform"
    TERRAFORM_DATA = "terraform-data"
    AWS_CLI = "aws-cli"


class ExportRefused(Exception):
    def __init__(self, problems: list[Finding]) -> None:
        self.problems = problems
        lines = [f"{f.line}:{f.column}: {f.code} {f.message}" for f in problems]
        super().__init__("fix these first, or export as a template:\n" + "\n".join(lines))


class CannotCarry(ExportRefused):
    """The format cannot hold the document as it is; --template does not help."""

    def __init__(self, problems: list[Finding]) -> None:
        super().__init__(problems)
        lines = [f"{f.line}:{f.column}: {f.code} {f.message}" for f in problems]
        Exception.__init__(self, "cannot export this policy as it is:\n" + "\n".join(lines))


def policy_name_problem(name: str) -> str | None:
    """Why IAM would reject `name` as a policy name, or None."""
    if _IAM_NAME.fullmatch(name):
        return None
    if not name or len(name) > 128:
        return f"a policy name is 1 to 128 characters ({len(name)} given)"
    bad = sorted({c for c in name if not _IAM_NAME.fullmatch(c)})
    shown = ", ".join(repr(c) for c in bad[:5])
    return f"a policy name may hold letters, digits and + = , . @ _ - only, not {shown}"


def blocking_problems(text: str) -> list[Finding]:
    """Errors, unfilled placeholders included: what makes an export refuse."""
    return [f for f in lint(text).findings if f.severity is Severity.ERROR]


def _findings(
    parsed: ParsedText, code: str, found: list[tuple[Node, str]], first_line: bool = False
) -> list[Finding]:
    """Errors at their nodes (`first_line`: at the node's opening only, for the document)."""
    return [
        make_finding(
            parsed.lines,
            code,
            Severity.ERROR,
            message,
            node.start,
            node.start + 1 if first_line else node.end,
        )
        for node, message in found
    ]


def export(
    text: str,
    fmt: Format,
    name: str = DEFAULT_POLICY_NAME,
    template: bool = False,
    substitute: bool = False,
    account: str | None = None,
    region: str | None = None,
    options: LintOptions | None = None,
) -> str:
    """The policy in `fmt`, as the resource its kind goes in (the kind `options` gives, else
    the one detected). `substitute` writes the stack's account and region (`account`,
    `region`; by default the only ones the policy names) as CloudFormation's
    ${AWS::AccountId} and ${AWS::Region}. Raises ValueError for a name IAM rejects,
    ExportRefused while errors remain or when the format cannot carry the document."""
    problem = policy_name_problem(name)
    if problem is not None:
        raise ValueError(f"{name!r}: {problem}")
    result = lint(text, options)
    problems = [f for f in result.findings if f.severity is Severity.ERROR]
    if problems and not template:
        raise ExportRefused(problems)
    parsed = result.parsed
    document = parsed.value() if parsed.root is not None else None
    if parsed.root is None or not isinstance(document, dict):
        raise ExportRefused(problems)
    if fmt is Format.JSON:
        return json.dumps(document, indent=4) + "\n"
    if fmt is Format.JSON_MINIFIED:
        return json.dumps(document, separators=(",", ":")) + "\n"
    kind = result.kind.kind if result.kind is not None else PolicyKind.IDENTITY
    try:
        target = target_of(kind, statements(parsed.root), name)
    except NoTarget as no_target:
        root = parsed.root
        found = [(root, f"{no_target} ({result.kind.describe() if result.kind else kind})")]
        raise CannotCarry(_findings(parsed, "export/kind", found, first_line=True)) from None
    if fmt in (Format.CLOUDFORMATION_YAML, Format.CLOUDFORMATION_JSON):
        stack: Stack | None = None
        if substitute:
            stack, ambiguous = stack_of(parsed.root, account, region)
            if ambiguous:
                raise CannotCarry(_findings(parsed, "export/which-stack", ambiguous))
        return cloudformation(document, name, target, fmt is Format.CLOUDFORMATION_YAML, stack)
    if fmt is Format.TERRAFORM:
        return terraform(document, name, target)
    if fmt is Format.TERRAFORM_DATA:
        shape = data_source_problems(parsed.root)
        if shape:
            raise CannotCarry(_findings(parsed, "export/terraform-data", shape))
        return terraform_data_source(document, name, target)
    return aws_cli(document, target)


def aws_cli(document: dict[str, Any], target: Target) -> str:
    """The command that makes `target` with the document, quoted for a POSIX shell."""
    policy = json.dumps(document, separators=(",", ":"))
    words = ["aws", *target.cli, target.cli_document, target.cli_value(policy)]
    return " ".join(shlex.quote(w) for w in words) + "\n"
