"""Export a policy: JSON, CloudFormation (YAML or JSON), Terraform, AWS CLI.

Each takes the policy as JSON text (what the editor holds, the user's own statements
included) and refuses, listing why, while errors or unfilled placeholders remain, unless the
caller asks for a template.
"""

from __future__ import annotations

import json
import re
import shlex
from enum import StrEnum
from typing import Any

from editor.core.catalog.arn import split_arn
from editor.core.lint.engine import lint
from editor.core.text.findings import Finding, Severity

_NAME = re.compile(r"[^A-Za-z0-9]+")


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


def blocking_problems(text: str) -> list[Finding]:
    """Errors, unfilled placeholders included: what makes an export refuse."""
    return [f for f in lint(text).findings if f.severity is Severity.ERROR]


def export(
    text: str,
    fmt: Format,
    name: str = "ChimeMessagingPolicy",
    template: bool = False,
    substitute: bool = False,
) -> str:
    """The policy in `fmt`. `substitute` writes account and region as CloudFormation's
    ${AWS::AccountId} and ${AWS::Region}. Raises ExportRefused while errors remain."""
    problems = blocking_problems(text)
    if problems and not template:
        raise ExportRefused(problems)
    parsed = lint(text).parsed
    document = parsed.value() if parsed.root is not None else None
    if not isinstance(document, dict):
        raise ExportRefused(problems)
    if fmt is Format.JSON:
        return json.dumps(document, indent=4) + "\n"
    if fmt is Format.JSON_MINIFIED:
        return json.dumps(document, separators=(",", ":"))
    if fmt in (Format.CLOUDFORMATION_YAML, Format.CLOUDFORMATION_JSON):
        return cloudformation(document, name, fmt is Format.CLOUDFORMATION_YAML, substitute)
    if fmt is Format.TERRAFORM:
        return terraform(document, name)
    if fmt is Format.TERRAFORM_DATA:
        return terraform_data_source(document, name)
    return aws_cli(document, name)


# -- CloudFormation ----------------------------------------------------------------------


class _Sub(str):
    """A string CloudFormation should pass through Fn::Sub."""


def _substituted(document: Any) -> Any:
    """ARNs with account and region as pseudo parameters, wrapped in Fn::Sub; `${...}` IAM
    policy variables escaped as `${!...}`, which Fn::Sub turns back into `${...}`."""
    if isinstance(document, dict):
        return {k: _substituted(v) for k, v in document.items()}
    if isinstance(document, list):
        return [_substituted(v) for v in document]
    if isinstance(document, str):
        fields = split_arn(document)
        if fields is None:
            return document

        def escaped(text: str) -> str:
            return text.replace("${", "${!")

        region, account = fields.region.text, fields.account.text
        region = "${AWS::Region}" if region and region != "*" else escaped(region)
        account = "${AWS::AccountId}" if account and account != "*" else escaped(account)
        head = escaped(document[: fields.region.start])
        return _Sub(f"{head}{region}:{account}:{escaped(fields.resource.text)}")
    return document


def _logical_id(name: str) -> str:
    words = _NAME.split(name)
    return "".join(w[:1].upper() + w[1:] for w in words if w) or "ChimePolicy"


def cloudformation(document: dict[str, Any], name: str, yaml_out: bool, substitute: bool) -> str:
    body = _substituted(document) if substitute else document
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "IAM managed policy for Amazon Chime SDK messaging",
        "Resources": {
            _logical_id(name): {
                "Type": "AWS::IAM::ManagedPolicy",
                "Properties": {"ManagedPolicyName": name, "PolicyDocument": body},
            }
        },
    }
    if not yaml_out:
        return json.dumps(_long_form(template), indent=2) + "\n"
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def sub(dumper: yaml.SafeDumper, value: _Sub) -> yaml.Node:
        return dumper.represent_scalar("!Sub", str(value))

    Dumper.add_representer(_Sub, sub)
    return str(yaml.dump(template, Dumper=Dumper, sort_keys=False, width=1000))


def _long_form(value: Any) -> Any:
    """JSON templates spell Fn::Sub out."""
    if isinstance(value, _Sub):
        return {"Fn::Sub": str(value)}
    if isinstance(value, dict):
        return {k: _long_form(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_long_form(v) for v in value]
    return value


# -- Terraform ---------------------------------------------------------------------------


def _hcl_string(value: str) -> str:
    # HCL interpolates ${...} and %{...}: IAM policy variables need $${...} to stay literal.
    escaped = json.dumps(value)[1:-1].replace("${", "$${").replace("%{", "%%{")
    return f'"{escaped}"'


def _hcl(value: Any, indent: str = "") -> str:
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        lines = [f"{inner}{_hcl_string(k)} = {_hcl(v, inner)}" for k, v in value.items()]
        return "{\n" + "\n".join(lines) + f"\n{indent}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + _hcl(v, inner) for v in value) + f",\n{indent}]"
    if isinstance(value, str):
        return _hcl_string(value)
    return json.dumps(value)


def _tf_name(name: str) -> str:
    snake = re.sub(r"[^a-z0-9_]+", "_", re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower())
    snake = snake.strip("_") or "chime_policy"
    return snake if snake[0].isalpha() else "p_" + snake


def terraform(document: dict[str, Any], name: str) -> str:
    return (
        f'resource "aws_iam_policy" "{_tf_name(name)}" {{\n'
        f"  name   = {_hcl_string(name)}\n"
        f"  policy = jsonencode({_hcl(document, '  ')})\n"
        "}\n"
    )


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def terraform_data_source(document: dict[str, Any], name: str) -> str:
    """An aws_iam_policy_document data source, statement by statement."""
    blocks = []
    for statement in _as_list(document.get("Statement", [])):
        lines = []
        if "Sid" in statement:
            lines.append(f"    sid       = {_hcl_string(statement['Sid'])}")
        lines.append(f"    effect    = {_hcl_string(statement.get('Effect', 'Allow'))}")
        for key, attribute in (
            ("Action", "actions"),
            ("NotAction", "not_actions"),
            ("Resource", "resources"),
            ("NotResource", "not_resources"),
        ):
            if key in statement:
                items = ", ".join(_hcl_string(v) for v in _as_list(statement[key]))
                lines.append(f"    {attribute:<9} = [{items}]")
        for operator, conditions in statement.get("Condition", {}).items():
            for variable, values in conditions.items():
                items = ", ".join(_hcl_string(str(v)) for v in _as_list(values))
                lines.append(
                    "    condition {\n"
                    f"      test     = {_hcl_string(operator)}\n"
                    f"      variable = {_hcl_string(variable)}\n"
                    f"      values   = [{items}]\n"
                    "    }"
                )
        blocks.append("  statement {\n" + "\n".join(lines) + "\n  }")
    label = _tf_name(name)
    return (
        f'data "aws_iam_policy_document" "{label}" {{\n' + "\n".join(blocks) + "\n}\n\n"
        f'resource "aws_iam_policy" "{label}" {{\n'
        f"  name   = {_hcl_string(name)}\n"
        f"  policy = data.aws_iam_policy_document.{label}.json\n"
        "}\n"
    )


# -- AWS CLI -----------------------------------------------------------------------------


def aws_cli(document: dict[str, Any], name: str) -> str:
    policy = json.dumps(document, separators=(",", ":"))
    return (
        f"aws iam create-policy --policy-name {shlex.quote(name)} "
        f"--policy-document {shlex.quote(policy)}\n"
    )
