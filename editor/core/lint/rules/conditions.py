"""Rules on Condition: operators, condition keys, and keys no action of the statement uses."""

from __future__ import annotations

import json
from collections.abc import Iterator

from editor.core.catalog.catalog import Catalog
from editor.core.catalog.lookup import find_action, key_type, resource_keys, service, service_keys
from editor.core.catalog.suggest import closest
from editor.core.json.nodes import OBJECT, Kind, Member, Node
from editor.core.lint.context import LintContext
from editor.core.policy.statements import StatementView
from editor.core.text.findings import Finding, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
_SET_PREFIXES = ("ForAnyValue:", "ForAllValues:")


def conditions(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        member = statement.member("Condition")
        if member is None or member.value is None:
            continue
        if member.value.kind is not OBJECT:
            yield ctx.finding(
                "policy/invalid-type",
                ERROR,
                "Condition must be an object of operators",
                member.value.start,
                member.value.end,
            )
            continue
        for operator in member.value.members:
            yield from _operator(ctx, operator)
            if operator.value is None or operator.value.kind is not OBJECT:
                continue
            keys = operator.value.members
            alone = len(keys) == 1 and len(member.value.members) == 1
            for key in keys:
                yield from _key(ctx, statement, operator.key, key, alone)


def split_operator(name: str) -> tuple[str, str, str]:
    """`ForAnyValue:StringLikeIfExists` -> ("ForAnyValue:", "StringLike", "IfExists")."""
    prefix = next((p for p in _SET_PREFIXES if name.startswith(p)), "")
    base = name[len(prefix) :]
    suffix = "IfExists" if base.endswith("IfExists") and base != "IfExists" else ""
    return prefix, base[: len(base) - len(suffix)], suffix


def _operator(ctx: LintContext, member: Member) -> Iterator[Finding]:
    name = member.key
    prefix, base, suffix = split_operator(name)
    operators = ctx.catalog.condition_operators
    if base in operators:
        return
    guess = closest(base, operators)
    fix = None
    if guess is not None:
        fixed = prefix + guess + suffix
        fix = ctx.replace(
            f"Use {fixed!r}",
            member.key_start,
            member.key_end,
            json.dumps(fixed),
            safe=guess.lower() == base.lower(),
        )
    hint = f"; did you mean {prefix + guess + suffix!r}?" if guess else ""
    yield ctx.finding(
        "condition/unknown-operator",
        ERROR,
        f"{name!r} is not a condition operator{hint}",
        member.key_start,
        member.key_end,
        fix,
    )


def known_key(catalog: Catalog, key: str) -> bool:
    return key_type(catalog, key) is not None


def _key_matches(template: str, key: str) -> bool:
    """`aws:ResourceTag/${TagKey}` matches `aws:ResourceTag/team`."""
    head = template.split("${", 1)[0].lower()
    return key.lower().startswith(head) if "${" in template else key.lower() == head


def _key(
    ctx: LintContext, statement: StatementView, operator: str, member: Member, alone: bool
) -> Iterator[Finding]:
    key = member.key
    prefix = key.split(":", 1)[0].lower() if ":" in key else ""
    catalog = ctx.catalog
    if not prefix:
        yield ctx.finding(
            "condition/unknown-key",
            ERROR,
            f"{key!r} is not a condition key: keys are service:name (aws:username, s3:prefix)",
            member.key_start,
            member.key_end,
        )
        return
    checked = prefix in ("aws", catalog.service.prefix) or (
        prefix in catalog.prefixes and service(prefix) is not None
    )
    if checked and not known_key(catalog, key):
        yield _unknown_key(ctx, member, prefix)
        return
    actions = [find_action(catalog, a) for a in statement.values("Action")]
    if not actions:
        return
    specific = False  # a key some service defines for some of its actions only
    for action in actions:
        if action is None:
            return  # a wildcard or an unknown action: we cannot tell
        keys = list(action.condition_keys)
        for rtype in action.arn_types:
            keys += resource_keys(catalog, action, rtype)
        if any(_key_matches(k, key) for k in keys):
            return
        specific = specific or any(_key_matches(k, key) for k in service_keys(catalog, action))
    if specific or (checked and prefix != "aws"):
        yield ctx.finding(
            "condition/key-not-supported",
            WARNING,
            _unsupported_message(key, operator, member, statement.effect, alone),
            member.key_start,
            member.key_end,
        )


def _unknown_key(ctx: LintContext, member: Member, prefix: str) -> Finding:
    key = member.key
    catalog = ctx.catalog
    if prefix == "aws" or prefix == catalog.service.prefix:
        choices = [k.rstrip("/") for k in catalog.global_condition_keys]
        choices += [k for k in catalog.condition_keys if "${" not in k]
    else:
        other = service(prefix)
        choices = [k for k in other.conditions if "${" not in k] if other else []
    guess = closest(key, choices)
    hint = f"; did you mean {guess!r}?" if guess else ""
    return ctx.finding(
        "condition/unknown-key",
        ERROR,
        f"{key!r} is not a known condition key{hint}",
        member.key_start,
        member.key_end,
    )


def holds_when_absent(operator: str, value: Node | None) -> bool | None:
    """Whether a test with `operator` is true of a request that does not carry its key, as
    AWS's "IAM JSON policy elements: Condition operators" page says: a positive operator is
    false, a negated one ("Not" in its name) true, `...IfExists` and `ForAllValues:` true,
    `ForAnyValue:` false, `Null` true when one of its values is "true". None: cannot tell."""
    prefix, base, suffix = split_operator(operator)
    if base == "Null" and not suffix:
        items = [] if value is None else value.items if value.kind is Kind.ARRAY else [value]
        answers = {str(i.value).lower() for i in items if i.kind in (Kind.STRING, Kind.LITERAL)}
        return "true" in answers if answers <= {"true", "false"} and answers else None
    if suffix or prefix == "ForAllValues:":
        return True
    if prefix == "ForAnyValue:":
        return False
    return "Not" in base


def _unsupported_message(
    key: str, operator: str, member: Member, effect: str | None, alone: bool
) -> str:
    """What a test on a key no request carries does, which depends on its operator: an Allow
    whose test is always true is a grant without the restriction its author meant."""
    lead = f"no action of this statement supports {key!r}, so no request carries it"
    holds = holds_when_absent(operator, member.value)
    if holds is None:
        return lead
    if not holds:
        return f"{lead}: the condition never matches"
    # The conclusion first: it is what a cut-off line in the Problems pane still shows.
    test = 'Null "true"' if operator == "Null" else operator
    why = f"no action of this statement supports it, so no request carries it, and {test} "
    why += "on a missing key is always true"
    verb = {"Allow": "grants", "Deny": "denies"}.get(effect or "") if alone else None
    then = f", so the statement {verb} its actions unconditionally" if verb else ""
    return f"the condition on {key!r} restricts nothing{then}: {why}"
