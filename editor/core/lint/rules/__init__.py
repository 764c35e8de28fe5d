"""Lint rules, one module per family. Each rule is `(ctx) -> Iterable[Finding]`; this table is
the one place a rule is registered (with NEEDS, when it can find nothing in a policy whose
statements lack some element)."""

from editor.core.lint.context import Rule
from editor.core.lint.rules import (
    actions,
    authorization,
    chime_security,
    condition_advice,
    condition_values,
    conditions,
    dependencies,
    deputies,
    kinds,
    placeholders,
    principals,
    resources,
    security,
    service_arns,
    structure,
    variables,
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
    authorization.authorization,
    service_arns.service_arns,
    conditions.conditions,
    placeholders.condition_values,
    condition_values.condition_values,
    condition_advice.condition_advice,
    deputies.source_accounts,
    variables.variables,
    dependencies.dependent_actions,
    security.not_elements,
    security.role_passing,
    security.escalation,
    security.redundancy,
    chime_security.impersonation,
    chime_security.admin_in_user_policy,
    chime_security.username_in_role_policy,
)

# Not an element: present when the text may hold a policy variable, `${` as written or spelt
# with a JSON escape (`\u0024{`).
VARIABLE_MARK = "${"

# Rules that look only inside one of these statement elements (or at policy variables): the
# engine skips them when no statement has any (most policies have no Condition, no Principal
# and no variable), and saves their cost.
NEEDS: dict[Rule, frozenset[str]] = {
    principals.principals: frozenset({"Principal", "NotPrincipal"}),
    conditions.conditions: frozenset({"Condition"}),
    placeholders.condition_values: frozenset({"Condition"}),
    condition_values.condition_values: frozenset({"Condition"}),
    condition_advice.condition_advice: frozenset({"Condition"}),
    deputies.source_accounts: frozenset({"Condition"}),
    variables.variables: frozenset({VARIABLE_MARK}),
    chime_security.username_in_role_policy: frozenset({VARIABLE_MARK}),
}
