"""Lint rules, one module per family. Each rule is `(ctx) -> Iterable[Finding]`; this table is
the one place a rule is registered."""

from editor.core.lint.context import Rule
from editor.core.lint.rules import (
    actions,
    conditions,
    kinds,
    placeholders,
    principals,
    resources,
    structure,
)

RULES: tuple[Rule, ...] = (
    structure.version,
    structure.top_level,
    structure.statement_elements,
    kinds.elements,
    kinds.trust_actions,
    principals.principals,
    structure.sids,
    structure.size,
    actions.actions,
    resources.resources,
    resources.authorization,
    conditions.conditions,
    placeholders.condition_values,
)
