""" "No new access": every (action, resource, condition) one version of a policy allows and the
other does not.

For each action (universe.py), the statements that speak of it are gathered from both
versions; cells.py splits the resources into every distinguishable case (exactly, with an
example ARN each); each distinct Condition block is a yes/no unknown of its own, and every
combination is tried. A case where NEW allows and OLD does not is a new grant; the reverse, a
removed one. Two different Condition blocks are treated as independent (we do not reason
that `StringEquals x=1` excludes `x=2`): the diff can then list a grant that no request could
use, never miss one.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from editor.core.access.cells import CellResult, cells
from editor.core.access.conditions import Clause
from editor.core.access.grants import grants_nothing
from editor.core.access.policy import CompiledPolicy, CompiledStatement, StatementRef
from editor.core.access.universe import actions_to_check
from editor.core.catalog.catalog import load_catalog
from editor.core.catalog.lookup import AnyAction, find_action

MAX_CONDITIONS = 10  # distinct Condition blocks per action tried in every combination


@dataclass(frozen=True, slots=True)
class Change:
    action: str  # a catalog action, or an example of the actions `via` names
    via: str  # the granting statement's action pattern that names it
    resource: str  # the pattern of the statement that grants it ("not X" for NotResource)
    example: str  # one ARN in the case (empty: a resource that is no ARN)
    condition: str | None  # the granting statement's Condition, as JSON
    # Conditions that must not hold: the other version's Allows', and the Denies of this
    # version that would take the grant back (a changed Deny's Condition)
    unless: tuple[str, ...]
    statements: tuple[StatementRef, ...]
    # Conditions of the other version's Denies that must hold: where the other version denied
    # and this one does not (`BoolIfExists` made `Bool`: the key absent)
    when: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Diff:
    added: tuple[Change, ...]  # NEW allows, OLD did not
    removed: tuple[Change, ...]  # OLD allowed, NEW does not
    exact: bool  # False when a bound was reached (the lists may then miss a case)
    skipped: tuple[StatementRef, ...]  # statements IAM would refuse, left out

    @property
    def grants_more(self) -> bool:
        return bool(self.added)


def _speaks_of(statement: CompiledStatement, action_lower: str) -> bool:
    return statement.actions.matches(action_lower) != statement.not_action


def _resource_label(statement: CompiledStatement, index: int) -> str:
    if statement.not_resource:
        return "not " + ", ".join(statement.resource_texts)
    return statement.resource_texts[index]


class _Side:
    """One version's statements about one action, with their patterns' places."""

    def __init__(self, statements: list[CompiledStatement], offset: int) -> None:
        self.statements = statements
        self.ranges: list[range] = []
        for s in statements:
            self.ranges.append(range(offset, offset + len(s.resource_texts)))
            offset += len(s.resource_texts)
        self.end = offset

    def patterns(self) -> list[str]:
        return [t for s in self.statements for t in s.resource_texts]

    def hits(
        self, matches: frozenset[int], duds: frozenset[int]
    ) -> list[tuple[CompiledStatement, int | None]]:
        """Statements whose resources cover the cell, with the index of the pattern; `duds`,
        the places of Allow patterns that grant the action nothing, cover no cell."""
        out: list[tuple[CompiledStatement, int | None]] = []
        for statement, places in zip(self.statements, self.ranges, strict=True):
            found = next((i - places.start for i in places if i in matches and i not in duds), None)
            if (found is not None) != statement.not_resource:
                out.append((statement, found if found is not None else 0))
        return out


def _allowed(
    hits: list[tuple[CompiledStatement, int | None]], truth: dict[str, bool]
) -> list[tuple[CompiledStatement, int | None]]:
    def holds(s: CompiledStatement) -> bool:
        guard = _guard(s)
        return guard is None or truth[guard]

    if any(not s.allow and holds(s) for s, _ in hits):
        return []
    return [(s, i) for s, i in hits if s.allow and holds(s)]


def diff(old: CompiledPolicy, new: CompiledPolicy) -> Diff:
    """What NEW allows that OLD did not, and the reverse (identity policies)."""
    usable = {
        id(s): s for p in (old, new) for s in p.statements if s.problem is None
    }  # fmt: skip
    skipped = tuple(s.ref for p in (old, new) for s in p.statements if s.problem is not None)
    added: dict[tuple[object, ...], Change] = {}
    removed: dict[tuple[object, ...], Change] = {}
    memo: dict[tuple[bool | int, ...], CellResult] = {}
    exact = True
    catalog = load_catalog()
    for action in actions_to_check([old, new]):
        lower = action.lower()
        olds = [s for s in old.statements if id(s) in usable and _speaks_of(s, lower)]
        news = [s for s in new.statements if id(s) in usable and _speaks_of(s, lower)]
        if not any(s.allow for s in olds + news):
            continue
        old_side = _Side(olds, 0)
        new_side = _Side(news, old_side.end)
        accounts = _arns_have_accounts(action)
        key = (accounts, *(id(s) for s in olds + news))
        if key not in memo:
            memo[key] = cells(old_side.patterns() + new_side.patterns(), accounts=accounts)
        result = memo[key]
        exact = exact and result.exact
        duds = _duds(find_action(catalog, action), old_side, new_side)
        conditions = sorted({g for g in map(_guard, olds + news) if g})
        implied = _implications(olds + news)
        if len(conditions) > MAX_CONDITIONS:
            exact = False
            choices: list[tuple[bool, ...]] = [
                (True,) * len(conditions),
                (False,) * len(conditions),
            ]
        else:
            choices = list(itertools.product((True, False), repeat=len(conditions)))
        for cell in result.cells:
            old_hits, new_hits = (
                old_side.hits(cell.matches, duds),
                new_side.hits(cell.matches, duds),
            )
            if not old_hits and not new_hits:
                continue
            for choice in choices:
                truth = dict(zip(conditions, choice, strict=True))
                if any(truth[a] and not truth[b] for a, b in implied):
                    continue  # no request makes A hold and B not
                old_ok = _allowed(old_hits, truth)
                new_ok = _allowed(new_hits, truth)
                if new_ok and not old_ok:
                    _record(added, action, cell.example, new_ok, new_hits, old_hits, truth)
                elif old_ok and not new_ok:
                    _record(removed, action, cell.example, old_ok, old_hits, new_hits, truth)
    return Diff(tuple(added.values()), tuple(removed.values()), exact, skipped)


def _duds(action: AnyAction | None, *sides: _Side) -> frozenset[int]:
    """The places of Allow patterns of none of the action's resource types (`s3:Get*` on an
    object ARN names s3:GetBucketPolicy, a bucket's action, to no effect): the grants
    summary marks them "grants nothing", and the diff counts no grant from them either."""
    return frozenset(
        place
        for side in sides
        for statement, places in zip(side.statements, side.ranges, strict=True)
        if statement.allow and not statement.not_resource
        for place, pattern in zip(places, statement.resource_texts, strict=True)
        if grants_nothing(action, pattern)
    )


def _arns_have_accounts(action: str) -> bool:
    """Every resource type of the action is named by ARNs with an account (an IAM user, a
    Chime channel; not s3:GetObject, whose object ARN has none): its examples then show one
    (see cells)."""
    from editor.core.catalog.services import service

    prefix, _, name = action.partition(":")
    found = service(prefix)
    known = found.action(name) if found is not None else None
    if found is None or known is None:
        return False
    templates = dict(found.arn_templates)
    fields = [templates.get(kind, "").split(":") for kind in known.arn_types]
    return bool(fields) and all(len(f) > 4 and f[4] for f in fields)


def _record(
    into: dict[tuple[object, ...], Change],
    action: str,
    example: str,
    granted: Sequence[tuple[CompiledStatement, int | None]],
    own_hits: Sequence[tuple[CompiledStatement, int | None]],
    other_hits: Sequence[tuple[CompiledStatement, int | None]],
    truth: dict[str, bool],
) -> None:
    statement, index = granted[0]
    resource = _resource_label(statement, index or 0)
    false = {g for s, _ in other_hits if s.allow and (g := _guard(s)) and not truth[g]}
    false |= {g for s, _ in own_hits if not s.allow and (g := _guard(s)) and not truth[g]}
    when = {g for s, _ in other_hits if not s.allow and (g := _guard(s)) and truth[g]}
    unless, held = tuple(sorted(false)), tuple(sorted(when))
    guard = _guard(statement)
    key = (action, resource, guard, unless, held)
    if key not in into:
        refs = tuple(s.ref for s, _ in granted)
        via = _via(statement, action.lower())
        into[key] = Change(action, via, resource, example, guard, unless, refs, held)


def _implications(statements: Sequence[CompiledStatement]) -> list[tuple[str, str]]:
    """Pairs (A, B) of Conditions where A holding makes B hold: each clause of B is one of A's
    or its `...IfExists` form (an operator that holds on a present key holds IfExists too,
    and IfExists adds only the absent key). Without them, `Bool` made `BoolIfExists` would
    look like a new grant as well as a removed one."""
    clauses = {g: s.clauses for s in statements if (g := _guard(s)) and g == s.condition_text}
    return [
        (a, b)
        for a, mine in clauses.items()
        for b, theirs in clauses.items()
        if a != b and all(any(_implies(x, y) for x in mine) for y in theirs)
    ]


def _implies(a: Clause, b: Clause) -> bool:
    return (
        a.base is not None
        and not a.null
        and (a.key, a.values, a.base, a.quantifier) == (b.key, b.values, b.base, b.quantifier)
        and (b.if_exists or not a.if_exists)
    )


def _guard(statement: CompiledStatement) -> str | None:
    """When the statement applies, as an independent yes/no: its Condition, and in a resource
    or trust policy its Principal (unless anyone), so that a Principal changed from an account
    to `*` is new access."""
    who = statement.principal
    if who is None or (who.anyone and not who.negated):
        return statement.condition_text
    principal = "Principal " + ", ".join(who.describe())
    condition = statement.condition_text
    return principal if condition is None else f"{principal} and {condition}"


def _via(statement: CompiledStatement, action_lower: str) -> str:
    from editor.core.access.grants import _via as via

    return via(statement, action_lower)
