"""Lint rules, one module per family. Each rule is `(ctx) -> Iterable[Finding]`; this table is
the one place a rule is registered (with NEEDS, when it can find nothing in a policy that
lacks some feature: present.py)."""

from collections.abc import Iterator

from editor.core.lint.context import LintContext, Rule
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
    present,
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

VARIABLE_MARK = present.VARIABLE_MARK

# Rules that can find something only in a policy with one of these features (present.py):
# the engine skips the others, and saves their cost. Most policies have no Condition, no
# Principal, no variable, no other service, one statement: a few rules do all the work.
_CONDITION = frozenset({"Condition"})
NEEDS: dict[Rule, frozenset[str]] = {
    principals.principals: frozenset({"Principal", "NotPrincipal"}),
    structure.sids: frozenset({"Sid"}),
    service_arns.service_arns: frozenset({present.OTHER_ARN}),
    conditions.conditions: _CONDITION,
    placeholders.condition_values: _CONDITION,
    condition_values.condition_values: _CONDITION,
    condition_advice.condition_advice: _CONDITION,
    deputies.source_accounts: _CONDITION,
    variables.variables: frozenset({VARIABLE_MARK}),
    dependencies.dependent_actions: frozenset({present.OTHER_ACTION, present.DEPENDENT_ACTION}),
    security.not_elements: frozenset({"NotAction", "NotResource"}),
    # Grants of Chime names alone reach none of the services the security data names.
    security.role_passing: frozenset({present.OTHER_ACTION, "NotAction"}),
    security.escalation: frozenset({present.OTHER_ACTION, "NotAction"}),
    security.redundancy: frozenset({present.SEVERAL}),
    chime_security.impersonation: frozenset({present.WILD_RESOURCE}),
    chime_security.admin_in_user_policy: frozenset({present.OTHER_ACTION, present.ADMIN_ACTION}),
    chime_security.username_in_role_policy: frozenset({VARIABLE_MARK}),
}


def features(ctx: LintContext) -> set[str]:
    """What the policy of `ctx` holds of what NEEDS asks (present.py)."""
    admin, _ = chime_security.persona_sets(ctx)
    return present.present(ctx, admin, dependencies.with_dependents(ctx.catalog))


def runnable(ctx: LintContext) -> Iterator[Rule]:
    """The rules of RULES, in order, that can find something in the policy of `ctx`: those
    without NEEDS and those that need a feature it has. Worked out from the few features
    present, not rule by rule, and filtered in C: a rule skipped costs nothing."""
    plan = _plan()
    allowed = set(plan.always)
    for feature in features(ctx):
        rules = plan.by_feature.get(feature)
        if rules is not None:
            allowed.update(rules)
    return filter(allowed.__contains__, RULES)


class _Plan:
    """NEEDS turned around, for the RULES and NEEDS it was made from (a benchmark may swap
    RULES for a subset): the rules that always run, and those each feature lets run."""

    def __init__(self, rules: tuple[Rule, ...], needs: dict[Rule, frozenset[str]]) -> None:
        self.rules, self.needs = rules, needs
        self.always = frozenset(rule for rule in rules if rule not in needs)
        self.by_feature: dict[str, list[Rule]] = {}
        for rule, features in needs.items():
            for feature in features:
                self.by_feature.setdefault(feature, []).append(rule)


_PLANS: list[_Plan] = []


def _plan() -> _Plan:
    if not _PLANS or _PLANS[0].rules is not RULES or _PLANS[0].needs is not NEEDS:
        _PLANS[:] = [_Plan(RULES, NEEDS)]
    return _PLANS[0]
