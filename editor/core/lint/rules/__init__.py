"""Lint rules, one module per family. Each rule is `(ctx) -> Iterable[Finding]`; this table is
the one place a rule is registered."""

from editor.core.lint.context import Rule
from editor.core.lint.rules import (
    actions,
    condition_values,
    conditions,
    dependencies,
    resources,
    structure,
    variables,
)

RULES: tuple[Rule, ...] = (
    structure.version,
    structure.top_level,
    structure.statement_elements,
    structure.sids,
    structure.size,
    actions.actions,
    resources.resources,
    resources.authorization,
    conditions.conditions,
    condition_values.condition_values,
    variables.variables,
    dependencies.dependent_actions,
)
