"""Policy variables: `${aws:username}` in Resource and in Condition values.

IAM's syntax (IAM User Guide, "IAM policy elements: Variables and tags"): `${` a request key
`}`, optionally with a default value after a comma and a space in single quotes
(`${aws:PrincipalTag/team, 'none'}`); `${*}`, `${?}` and `${$}` stand for the characters
themselves. Variables exist only in policy language 2012-10-17.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from editor.core.catalog.arn import SYMBOL
from editor.core.catalog.catalog import Catalog
from editor.core.catalog.lookup import key_type
from editor.core.catalog.suggest import closest
from editor.core.json.nodes import ARRAY, OBJECT, STRING, Node
from editor.core.lint.context import LintContext
from editor.core.policy.statements import value_offsets
from editor.core.text.findings import Finding, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
DOC = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html"
_ESCAPES = ("*", "?", "$")


class VariableProblem(NamedTuple):
    code: str
    severity: Severity
    message: str
    start: int  # within the string value
    end: int


def variables(ctx: LintContext) -> Iterator[Finding]:
    root = ctx.root
    assert root is not None
    version = root.get("Version")
    current = (
        version is not None
        and version.value is not None
        and version.value.kind is STRING
        and version.value.value == "2012-10-17"
    )
    for statement in ctx.statements:
        nodes = statement.strings("Resource") + statement.strings("NotResource")
        condition = statement.member("Condition")
        if condition is not None and condition.value is not None:
            nodes += _condition_strings(condition.value)
        for node in nodes:
            text = str(node.value)
            if "${" not in text.replace("${@", ""):
                continue  # none, or only a template's references (`!Sub ${Bucket.Arn}/*`)
            found = variable_problems(ctx.catalog, text)
            for problem in found:
                start, end = value_offsets(ctx.text, node, problem.start, problem.end)
                yield ctx.finding(problem.code, problem.severity, problem.message, start, end)
            # ${Bucket.Arn} in a !Sub is the template's reference, not an IAM variable
            if not current and not found and "${" in SYMBOL.sub("", text):
                yield ctx.finding(
                    "policy/variable-needs-version",
                    ERROR,
                    'policy variables work only with "Version": "2012-10-17"; without it '
                    "IAM compares the text literally",
                    node.start,
                    node.end,
                )


def _condition_strings(condition: Node) -> list[Node]:
    found: list[Node] = []
    if condition.kind is not OBJECT:
        return found
    for operator in condition.members:
        if operator.value is None or operator.value.kind is not OBJECT:
            continue
        for key in operator.value.members:
            value = key.value
            if value is None:
                continue
            items = value.items if value.kind is ARRAY else [value]
            found += [item for item in items if item.kind is STRING]
    return found


def variable_problems(catalog: Catalog, text: str) -> list[VariableProblem]:
    """Every malformed or unknown variable in one string, placed within it."""
    problems: list[VariableProblem] = []
    pos = 0
    while (start := text.find("${", pos)) >= 0:
        close = text.find("}", start + 2)
        following = text.find("${", start + 2)
        if close < 0 or 0 <= following < close:
            problems.append(
                VariableProblem(
                    "policy/invalid-variable",
                    ERROR,
                    "'${' is never closed: add '}' after the variable's name",
                    start,
                    start + 2,
                )
            )
            pos = start + 2
            continue
        problem = _body_problem(catalog, text[start + 2 : close])
        if problem is not None:
            code, severity, message = problem
            problems.append(VariableProblem(code, severity, message, start, close + 1))
        pos = close + 1
    return problems


def _body_problem(catalog: Catalog, body: str) -> tuple[str, Severity, str] | None:
    if not body.strip():
        return "policy/invalid-variable", ERROR, "'${}' names no variable"
    if body in _ESCAPES:
        return None
    name, comma, default = body.partition(",")
    if comma:
        quoted = default.removeprefix(" ")
        if len(quoted) < 2 or quoted[0] != "'" or quoted[-1] != "'" or quoted == default:
            return (
                "policy/invalid-variable",
                ERROR,
                "a default value goes in single quotes after a comma and a space: "
                f"${{{name.strip()}, 'default'}}",
            )
    if name != name.strip() or " " in name:
        return "policy/invalid-variable", ERROR, f"no spaces inside a variable's name: {name!r}"
    if ":" not in name:
        return None  # ${Region}: an unfilled template field, reported as a placeholder
    if name.split(":", 1)[0].lower() == "aws" and key_type(catalog, name) is None:
        choices = [k.rstrip("/") for k in catalog.global_condition_keys]
        guess = closest(name, choices)
        hint = f"; did you mean {guess!r}?" if guess else ""
        return (
            "policy/unknown-variable",
            WARNING,
            f"{name!r} is not a global condition key, so the variable never resolves{hint}",
        )
    return None
