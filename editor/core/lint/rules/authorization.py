"""Whether each action, of any service, gets the ARNs the catalog says it is authorized
against: a Resource that covers none of its required resource types is denied by IAM, one
that needs `*` must have it. The values themselves are resources.py's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from editor.core.catalog.arn import SYMBOL, placeholders, split_arn
from editor.core.catalog.arntypes import arn_types_of
from editor.core.catalog.catalog import CALLER_TYPES, Action, Catalog
from editor.core.catalog.lookup import AnyAction, arn_types, find_action
from editor.core.json.nodes import ARRAY, Node
from editor.core.lint.context import LintContext
from editor.core.policy.statements import StatementView
from editor.core.text.findings import Finding, Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def authorization(ctx: LintContext) -> Iterator[Finding]:
    """Each action, of any service, against the ARNs its statement grants it on."""
    catalog = ctx.catalog
    chime = catalog.service.prefix
    for statement in ctx.statements:
        member = statement.member("Resource")
        if member is None or statement.member("NotResource") is not None:
            continue
        values = statement.values("Resource")
        if member.value is not None and len(values) < _count(member.value):
            continue  # a template's symbolic ARN: what it grants is not known here
        star = "*" in values
        # A Deny on any one of the ARNs a call is authorized against denies it: a target it
        # lacks is no gap (the call "will be denied" is what it is for)
        allow = statement.effect != "Deny"  # an Effect not yet written may be an Allow
        unreadable = any(not arn_types_of(catalog, v) and _unreadable(v) for v in values)
        if unreadable:
            continue  # its placeholder or bad ARN is the finding; not one more per action
        covered: dict[str, frozenset[str]] = {}  # service prefix -> types the ARNs may be
        verdicts: dict[str, _Verdict | None] | None = None  # of the catalog's own names
        passing: dict[int, bool] = {}  # kinds of action (_kinds) found without a verdict
        others = statement.value_set("Action").difference(catalog.by_full_name)
        kinds = _kinds(catalog)  # asked once, not per action
        for node in statement.strings("Action"):
            name = str(node.value)
            if name in others:
                action = find_action(catalog, name)
                if action is None:
                    continue
                full_name = action.full_name
                prefix = full_name.split(":", 1)[0]
                if prefix not in covered:
                    covered[prefix] = _covered(catalog, action, values)
                table = _verdicts(ctx, star, covered[prefix])
                verdict = table.get(full_name, _UNSEEN)
                if verdict is _UNSEEN:
                    verdict = table[full_name] = _verdict(action, star, covered[prefix])
            else:
                if verdicts is None:
                    if chime not in covered:
                        covered[chime] = _covered_by_chime(catalog, values)
                    verdicts = _verdicts(ctx, star, covered[chime])
                verdict = verdicts.get(name, _UNSEEN)
                if verdict is _UNSEEN:
                    # Actions of one kind share their verdict but for the name in it: a kind
                    # that passed once passes again without a look at its types.
                    kind = kinds[name]
                    if passing.get(kind):
                        verdict = verdicts[name] = None
                    else:
                        action = catalog.by_full_name[name]
                        verdict = verdicts[name] = _verdict(action, star, covered[chime])
                        passing[kind] = verdict is None
            if verdict is not None and (allow or verdict.code != "resource/missing-target"):
                yield ctx.finding(verdict.code, ERROR, verdict.message, node.start, node.end)
        if star and statement.effect == "Allow":
            yield from _star_scopable(ctx, statement)


def _kinds(catalog: Catalog) -> dict[str, int]:
    """Each Chime action (by full name) to a number for what its verdict depends on but its
    name: the types it acts on and those it requires. Worked out once from the catalog."""
    found = catalog.derived.get("verdict-kinds")
    if found is None:
        numbers: dict[tuple[frozenset[str], frozenset[str]], int] = {}
        found = catalog.derived["verdict-kinds"] = {
            action.full_name: numbers.setdefault(
                (action.arn_types, action.required_types), len(numbers)
            )
            for action in catalog.actions
        }
    assert isinstance(found, dict)
    return found


class _Verdict(NamedTuple):
    code: str
    message: str


_UNSEEN = _Verdict("", "")
_VERDICTS_LIMIT = 64  # (star, types) pairs whose verdicts are kept


def _verdicts(ctx: LintContext, star: bool, covered: frozenset[str]) -> dict[str, _Verdict | None]:
    """The verdicts of Chime actions granted on ARNs of these types: a pure function of the
    three, kept for the session, since most statements of a policy share their ARNs."""
    memo: dict[tuple[bool, frozenset[str]], dict[str, _Verdict | None]]
    memo = ctx.catalog.memo.setdefault("authorization", {})
    key = (star, covered)
    found = memo.get(key)
    if found is None:
        found = memo[key] = {}
        if len(memo) > _VERDICTS_LIMIT:
            del memo[next(iter(memo))]
    return found


def _count(node: Node) -> int:
    return len(node.items) if node.kind is ARRAY else 1


def _covered(catalog: Catalog, action: AnyAction, values: list[str]) -> frozenset[str]:
    types: frozenset[str] = frozenset()
    for value in values:
        if SYMBOL.match(value) is not None:  # `${@App.Arn}/messages`: the stack's, any type
            return action.arn_types
        types |= arn_types(catalog, action, value)
    return types


def _covered_by_chime(catalog: Catalog, values: list[str]) -> frozenset[str]:
    types: frozenset[str] = frozenset()
    for value in values:
        types |= arn_types_of(catalog, value)
    return types


def _unreadable(value: str) -> bool:
    """A resource whose type cannot be told: a placeholder for a whole ARN, or no ARN."""
    return value != "*" and (split_arn(value) is None or bool(placeholders(value)))


def _verdict(action: AnyAction, star: bool, covered: frozenset[str]) -> _Verdict | None:
    name = action.full_name
    if action.star_only:
        if star:
            return None
        return _Verdict(
            "resource/star-required",
            f'{name} takes no resource-level permissions: grant it on "*" '
            "(in a statement of its own)",
        )
    if star:
        return None
    if action.arn_types.isdisjoint(covered):
        return _Verdict(
            "resource/mismatch",
            f"{name} acts on {_names(action.arn_types)} ARNs; no Resource of this statement is one",
        )
    if not isinstance(action, Action):
        return None  # required-type pairs are the Chime messaging rule below
    caller_missing = action.caller_authorized and CALLER_TYPES.isdisjoint(covered)
    if not caller_missing and action.target_types <= covered:
        return None  # the usual verdict, found without building a set
    missing: list[str] = []
    if caller_missing:
        missing.append("the calling app-instance-user or app-instance-bot")
    targets = sorted(action.target_types - covered)
    if targets:
        missing.append(_names(frozenset(targets)))
    return _Verdict(
        "resource/missing-target",
        f"{name} is authorized against {' and '.join(missing)} too, and this statement "
        "has no such ARN: the call will be denied",
    )


def _names(types: frozenset[str]) -> str:
    return " or ".join(sorted(types))


def _star_scopable(ctx: LintContext, statement: StatementView) -> Iterator[Finding]:
    scopable: set[str] = set()
    for name in statement.values("Action"):
        action = ctx.catalog.action(name)
        if action is not None:
            scopable |= action.required_types or action.arn_types
    if not scopable:
        return
    for node in statement.strings("Resource"):
        if node.value == "*":
            yield ctx.finding(
                "resource/star",
                INFO,
                "these actions can be limited to specific ARNs: " + ", ".join(sorted(scopable)),
                node.start,
                node.end,
            )
