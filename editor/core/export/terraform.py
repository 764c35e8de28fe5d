"""Terraform: the resource the policy's kind goes in (targets.py: `aws_iam_policy`,
`aws_iam_role`, `aws_s3_bucket_policy`, `aws_organizations_policy` ...) with the document as
`jsonencode(...)`, or from an `aws_iam_policy_document` data source written statement by
statement.

jsonencode carries any document as it is. The data source has one attribute or block per
element (`principals` and `not_principals` blocks for Principal and NotPrincipal), so a
document it cannot carry (a condition operator that maps to a string instead of keys, an
element it has no attribute for) is refused with the reason at its place rather than
exported with a part silently dropped.
"""

from __future__ import annotations

import json
import re
from typing import Any

from editor.core.export.targets import Target
from editor.core.json.nodes import Kind, Node

# Statement element -> data-source attribute.
_LISTS = (
    ("Action", "actions"),
    ("NotAction", "not_actions"),
    ("Resource", "resources"),
    ("NotResource", "not_resources"),
)
_PRINCIPALS = (("Principal", "principals"), ("NotPrincipal", "not_principals"))
_STATEMENT_KEYS = {"Sid", "Effect", "Condition", *(k for k, _ in _LISTS + _PRINCIPALS)}
_TOP_KEYS = {"Version", "Id", "Statement"}
_SCALARS = (Kind.STRING, Kind.NUMBER, Kind.LITERAL)


def _hcl_string(value: str) -> str:
    # HCL interpolates ${...} and %{...}: IAM policy variables need $${...} to stay literal.
    escaped = json.dumps(value)[1:-1].replace("${", "$${").replace("%{", "%%{")
    return f'"{escaped}"'


def _scalar(value: Any) -> str:
    """IAM reads a JSON true or 12 in a condition as the string "true" or "12"; Terraform's
    lists of values are lists of strings."""
    return _hcl_string(value if isinstance(value, str) else json.dumps(value))


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


def tf_name(name: str) -> str:
    snake = re.sub(r"[^a-z0-9_]+", "_", re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower())
    snake = snake.strip("_") or "chime_policy"
    return snake if snake[0].isalpha() else "p_" + snake


def _resource(target: Target, label: str, document: str) -> str:
    """`target`'s resource with its attributes and the document, aligned as `terraform fmt`
    aligns them."""
    pairs = [(k, _hcl_string(v)) for k, v in target.tf_attributes]
    pairs.append((target.tf_document, document))
    width = max(len(k) for k, _ in pairs)
    body = "".join(f"  {k:<{width}} = {v}\n" for k, v in pairs)
    return f'resource "{target.tf_type}" "{label}" {{\n{body}}}\n'


def terraform(document: dict[str, Any], name: str, target: Target) -> str:
    return _resource(target, tf_name(name), f"jsonencode({_hcl(document, '  ')})")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _nodes(node: Node) -> list[Node]:
    return node.items if node.kind is Kind.ARRAY else [node]


def _scalars_or_list(node: Node, what: str) -> list[tuple[Node, str]]:
    bad = [n for n in _nodes(node) if n.kind not in _SCALARS]
    return [(n, f"{what} must be a string or a list of strings") for n in bad[:1]]


def data_source_problems(root: Node) -> list[tuple[Node, str]]:
    """What an aws_iam_policy_document cannot carry, each at its place in the text."""
    found: list[tuple[Node, str]] = []
    if root.kind is not Kind.OBJECT:
        return [(root, "the policy must be a JSON object")]
    for member in root.members:
        if member.value is None:
            continue
        if member.key not in _TOP_KEYS:
            found.append((member.value, f"the data source has no attribute for {member.key!r}"))
        elif member.key != "Statement" and member.value.kind is not Kind.STRING:
            found.append((member.value, f"{member.key} must be a string"))
    statements = root.get("Statement")
    if statements is None or statements.value is None:
        return [*found, (root, "the policy has no Statement")]
    for statement in _nodes(statements.value):
        if statement.kind is not Kind.OBJECT:
            found.append((statement, "a statement must be a JSON object"))
            continue
        if statement.get("Effect") is None:
            found.append((statement, "the statement has no Effect (Terraform would allow it)"))
        for member in statement.members:
            value = member.value
            if value is None:
                continue
            if member.key not in _STATEMENT_KEYS:
                found.append((value, f"the data source has no attribute for {member.key!r}"))
            elif member.key in ("Sid", "Effect") and value.kind is not Kind.STRING:
                found.append((value, f"{member.key} must be a string"))
            elif member.key == "Condition":
                found.extend(_condition_problems(value))
            elif member.key in ("Principal", "NotPrincipal"):
                found.extend(_principal_problems(member.key, value))
            elif member.key != "Sid" and member.key != "Effect":
                found.extend(_scalars_or_list(value, member.key))
    return found


def _principal_problems(key: str, principal: Node) -> list[tuple[Node, str]]:
    if principal.kind is Kind.STRING and principal.value == "*":
        return []
    if principal.kind is not Kind.OBJECT:
        return [(principal, f'{key} must be "*" or map principal types to values')]
    found: list[tuple[Node, str]] = []
    for member in principal.members:
        if member.value is not None:
            found.extend(_scalars_or_list(member.value, f"the {member.key} principals"))
    return found


def _condition_problems(condition: Node) -> list[tuple[Node, str]]:
    if condition.kind is not Kind.OBJECT:
        return [(condition, "Condition must map operators to {key: values} objects")]
    found: list[tuple[Node, str]] = []
    for operator in condition.members:
        keys = operator.value
        if keys is None:
            continue
        if keys.kind is not Kind.OBJECT:
            found.append(
                (keys, f"condition operator {operator.key} must map condition keys to values")
            )
            continue
        for key in keys.members:
            if key.value is not None:
                found.extend(_scalars_or_list(key.value, f"the values of {key.key}"))
    return found


def terraform_data_source(document: dict[str, Any], name: str, target: Target) -> str:
    """An aws_iam_policy_document data source, statement by statement. The document must
    have passed data_source_problems."""
    blocks = []
    for statement in _as_list(document.get("Statement", [])):
        lines = []
        if "Sid" in statement:
            lines.append(f"    sid       = {_hcl_string(statement['Sid'])}")
        lines.append(f"    effect    = {_hcl_string(statement['Effect'])}")
        for key, attribute in _LISTS:
            if key in statement:
                items = ", ".join(_scalar(v) for v in _as_list(statement[key]))
                lines.append(f"    {attribute:<9} = [{items}]")
        for key, block in _PRINCIPALS:
            lines.extend(_principal_blocks(block, statement.get(key)))
        for operator, conditions in statement.get("Condition", {}).items():
            for variable, values in conditions.items():
                items = ", ".join(_scalar(v) for v in _as_list(values))
                lines.append(
                    "    condition {\n"
                    f"      test     = {_hcl_string(operator)}\n"
                    f"      variable = {_hcl_string(variable)}\n"
                    f"      values   = [{items}]\n"
                    "    }"
                )
        blocks.append("  statement {\n" + "\n".join(lines) + "\n  }")
    label = tf_name(name)
    head = []
    if isinstance(document.get("Version"), str):
        head.append(f"  version   = {_hcl_string(document['Version'])}")
    if isinstance(document.get("Id"), str):
        head.append(f"  policy_id = {_hcl_string(document['Id'])}")
    return (
        f'data "aws_iam_policy_document" "{label}" {{\n'
        + "\n".join(head + blocks)
        + "\n}\n\n"
        + _resource(target, label, f"data.aws_iam_policy_document.{label}.json")
    )


def _principal_blocks(block: str, principal: Any) -> list[str]:
    """`principals { type = "AWS" identifiers = [...] }`, one block per principal type;
    `"*"` is type "*" with identifiers ["*"], as the provider writes it back."""
    if principal is None:
        return []
    by_type = {"*": "*"} if principal == "*" else principal
    return [
        f"    {block} {{\n"
        f"      type        = {_hcl_string(kind)}\n"
        f"      identifiers = [{', '.join(_scalar(v) for v in _as_list(values))}]\n"
        "    }"
        for kind, values in by_type.items()
    ]
