"""A policy compiled for evaluation: each statement's effect, action and resource patterns,
principals and condition clauses, with where it stands in the file (for "decided by")."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from editor.core.access.conditions import Clause, make_clauses
from editor.core.access.patterns import ActionPatterns, ArnPattern, action_patterns, arn_pattern
from editor.core.access.principals import PrincipalMatcher, principal_matcher
from editor.core.json.nodes import to_python
from editor.core.json.read import read_json
from editor.core.policy.statements import statements


class PolicyKind(StrEnum):
    IDENTITY = "identity"
    BOUNDARY = "permissions boundary"
    SCP = "service control policy"
    RCP = "resource control policy"
    RESOURCE = "resource policy"


@dataclass(frozen=True, slots=True)
class StatementRef:
    """Where a statement is, for a person: the policy's name, its 0-based index, its Sid."""

    policy: str
    index: int
    sid: str | None
    effect: str
    line: int
    start: int  # offsets of the statement's object in the policy text
    end: int

    def label(self) -> str:
        name = f"{self.sid!r}" if self.sid else f"#{self.index + 1}"
        return f"{self.policy}:{self.line}: {self.effect} statement {name}"


@dataclass(frozen=True, slots=True)
class CompiledStatement:
    ref: StatementRef
    allow: bool
    problem: str | None  # why IAM would refuse the statement; it then decides "unknown"
    actions: ActionPatterns
    not_action: bool
    resources: tuple[ArnPattern, ...]
    not_resource: bool
    principal: PrincipalMatcher | None  # resource policies only
    clauses: tuple[Clause, ...]
    action_texts: tuple[str, ...]  # as written, for summaries and comparisons
    resource_texts: tuple[str, ...]
    condition_text: str | None  # the Condition as canonical JSON, None without one
    service_wide: str | None  # "*" or "service:*" when the statement names one


@dataclass(frozen=True, slots=True)
class CompiledPolicy:
    name: str
    kind: PolicyKind
    statements: tuple[CompiledStatement, ...]
    problem: str | None  # the text is no policy at all (JSON errors, no Statement ...)
    # action (lower-case) -> the statements whose Action / NotAction names it, filled as asked
    index: dict[str, tuple[CompiledStatement, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def speaking_of(self, action_lower: str) -> tuple[CompiledStatement, ...]:
        found = self.index.get(action_lower)
        if found is None:
            found = tuple(
                s for s in self.statements if s.actions.matches(action_lower) != s.not_action
            )
            if len(self.index) < 4096:  # bounded: action names come from requests
                self.index[action_lower] = found
        return found


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def names_principal(data: dict[str, Any]) -> bool:
    return "Principal" in data or "NotPrincipal" in data


def compile_policy(
    text: str, name: str, kind: PolicyKind | None = PolicyKind.IDENTITY
) -> CompiledPolicy:
    """`kind=None`: the kind the document says. A statement naming a Principal makes it a
    resource policy (a role's trust policy is one: the role is its resource), whose Principal
    must match the request's; read as an identity policy, its grant would go to anyone."""
    parsed = read_json(text)
    if parsed.has_errors or parsed.root is None:
        return CompiledPolicy(name, kind or PolicyKind.IDENTITY, (), "the policy is not valid JSON")
    root = parsed.value()
    if not isinstance(root, dict) or "Statement" not in root:
        return CompiledPolicy(name, kind or PolicyKind.IDENTITY, (), "the policy has no Statement")
    variables = root.get("Version") == "2012-10-17"  # older versions read ${...} as text
    views = [(view, to_python(view.node)) for view in statements(parsed.root)]
    if kind is None:
        with_principal = any(isinstance(d, dict) and names_principal(d) for _, d in views)
        kind = PolicyKind.RESOURCE if with_principal else PolicyKind.IDENTITY
    compiled = []
    for view, data in views:
        line = parsed.lines.position(view.node.start)[0]
        compiled.append(_statement(data, view.index, line, view.node, name, kind, variables))
    return CompiledPolicy(name, kind, tuple(compiled), None)


def relocated(policy: CompiledPolicy, text: str, to_text: Callable[[int], int]) -> CompiledPolicy:
    """`policy`, compiled from another writing of `text` (a template's policy with its
    intrinsic functions as symbolic strings), with each statement's place in `text`."""
    from editor.core.text.positions import LineIndex

    lines = LineIndex(text)
    moved = []
    for statement in policy.statements:
        ref = statement.ref
        start, end = to_text(ref.start), to_text(ref.end)
        place = replace(ref, start=start, end=end, line=lines.position(start)[0])
        moved.append(replace(statement, ref=place))
    return replace(policy, statements=tuple(moved), index={})


def _statement(
    data: dict[str, Any],
    index: int,
    line: int,
    node: Any,
    name: str,
    kind: PolicyKind,
    variables: bool,
) -> CompiledStatement:
    effect = data.get("Effect")
    sid = data.get("Sid") if isinstance(data.get("Sid"), str) else None
    ref = StatementRef(name, index, sid, str(effect), line, node.start, node.end)
    problem = None
    if effect not in ("Allow", "Deny"):
        problem = f"Effect must be Allow or Deny, not {effect!r}"
    not_action = "NotAction" in data
    names = _strings(data.get("NotAction" if not_action else "Action"))
    if ("Action" in data) == not_action or names is None:
        problem = problem or "a statement needs exactly one of Action or NotAction, of strings"
        names = []
    not_resource = "NotResource" in data
    arns = _strings(data.get("NotResource" if not_resource else "Resource"))
    if "Resource" in data and not_resource:
        problem = problem or "a statement takes Resource or NotResource, not both"
    if arns is None:
        if kind is PolicyKind.RESOURCE and "Resource" not in data and not not_resource:
            arns = ["*"]  # some resource policies (KMS, ECR) imply the resource itself
        else:
            problem = problem or "a statement needs Resource or NotResource, of strings"
            arns = []
    principal = None
    if kind is PolicyKind.RESOURCE:
        principal = principal_matcher(data)
        if principal is None:
            problem = problem or "a resource policy statement needs Principal or NotPrincipal"
    clauses: tuple[Clause, ...] = ()
    if "Condition" in data:
        made = make_clauses(data["Condition"])
        if made is None:
            problem = problem or "the Condition is not an object of operators"
        else:
            clauses = made
    return CompiledStatement(
        ref,
        effect == "Allow",
        problem,
        action_patterns(names),
        not_action,
        tuple(arn_pattern(a, variables) for a in arns),
        not_resource,
        principal,
        clauses,
        tuple(names),
        tuple(arns),
        json.dumps(data["Condition"], sort_keys=True) if clauses else None,
        next((n for n in names if n == "*" or n.endswith(":*")), None),
    )
