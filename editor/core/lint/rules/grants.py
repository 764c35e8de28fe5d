"""What a policy allows, asked one action at a time: which Action entry (or NotAction) of
which Allow statement grants it, and on what. Shared by the security rules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from editor.core.catalog.risks import load_security
from editor.core.catalog.wildcard import action_matches, has_wildcard
from editor.core.json.nodes import Node
from editor.core.lint.context import LintContext
from editor.core.policy.statements import StatementView


class Grant(NamedTuple):
    """Where an action is allowed: an Action entry's string, or a NotAction key."""

    statement: StatementView
    start: int
    end: int
    text: str  # the pattern that allows it, or "NotAction"
    on_any_resource: bool  # Resource "*" or NotResource

    @property
    def via_not_action(self) -> bool:
        return self.text == "NotAction"


def on_any_resource(statement: StatementView) -> bool:
    return "*" in statement.values("Resource") or statement.member("NotResource") is not None


def _matches(pattern: str, name: str) -> bool:
    if has_wildcard(pattern):
        return action_matches(pattern, name)
    return pattern.lower() == name.lower()


def grants_of(ctx: LintContext) -> Grants:
    """The Grants of this lint, made once for all the rules that ask."""
    found = ctx.shared.get("grants")
    if found is None:
        catalog = ctx.catalog
        found = ctx.shared["grants"] = Grants(
            ctx.statements, catalog.by_full_name, catalog.service.prefix, _asked(ctx)
        )
    assert isinstance(found, Grants)
    return found


def _asked(ctx: LintContext) -> frozenset[str]:
    """The actions the security rules ask about (lower case): only these are indexed."""
    found = ctx.catalog.derived.get("asked-grants")
    if found is None:
        data = load_security()
        names = data.watched + data.pass_role + data.service_linked_role
        found = ctx.catalog.derived["asked-grants"] = frozenset(n.lower() for n in names)
    assert isinstance(found, frozenset)
    return found


def allowed_names(ctx: LintContext) -> tuple[frozenset[str], frozenset[str]]:
    """(every Action entry of the Allow statements, those of them the catalog does not spell
    exactly): rules that look for a few actions ask the whole policy at once with these."""
    found = ctx.shared.get("allowed-names")
    if found is None:
        names = frozenset().union(
            *(s.value_set("Action") for s in ctx.statements if s.effect == "Allow")
        )
        found = ctx.shared["allowed-names"] = (names, names.difference(ctx.catalog.by_full_name))
    assert isinstance(found, tuple)
    return found


class Grants:
    """Every Allow statement's actions, ready for `where(name)` questions."""

    def __init__(
        self,
        statements: list[StatementView],
        known: Mapping[str, object],
        prefix: str,
        asked: frozenset[str] | None = None,
    ) -> None:
        """`asked`: the names (lower case) questions will be about, if known: the index then
        holds only those and the wildcards; a question about another name widens it."""
        self.statements = statements
        self.asked = asked
        self.prefixes = self._prefixes(known, prefix)
        self._allows: list[tuple[StatementView, list[Node], bool]] | None = None
        self._denies: list[StatementView] = []

    def _prefixes(self, known: Mapping[str, object], prefix: str) -> set[str] | None:
        """Service prefixes the Allow statements can reach; None when any (`*`, NotAction).
        `known` holds the names of one service (`prefix`) as its catalog spells them: a
        statement of only those is settled by one set operation, not name by name."""
        found: set[str] = set()
        for statement in self.statements:
            if statement.effect != "Allow":
                continue
            if statement.member("NotAction") is not None:
                return None
            names = statement.value_set("Action")
            others = names.difference(known)
            if len(others) < len(names):
                found.add(prefix)
            for name in others:
                prefix = name.split(":", 1)[0].lower()
                if has_wildcard(prefix):
                    return None
                found.add(prefix)
        return found

    def _index(self) -> None:
        """Made when a question gets past `may_allow`, which most Chime policies' questions do
        not: each Allow's exact names in a table, its wildcards and NotActions apart, so that
        a question costs a look-up plus the wildcards, not a walk over every name."""
        self._allows = []
        self._denies = []
        self._exact: dict[str, list[Grant]] = {}
        self._patterns: list[tuple[str, Grant]] = []  # wildcards, and NotAction lists ("")
        for statement in self.statements:
            if statement.effect == "Deny" and statement.member("Condition") is None:
                self._denies.append(statement)
            if statement.effect != "Allow":
                continue
            anywhere = on_any_resource(statement)
            nodes = statement.strings("Action")
            self._allows.append((statement, nodes, anywhere))
            not_action = statement.member("NotAction")
            if not_action is not None:
                grant = Grant(
                    statement, not_action.key_start, not_action.key_end, "NotAction", anywhere
                )
                self._patterns.append(("", grant))
                continue
            values = statement.values("Action")
            joined = "\n".join(values)
            wild = has_wildcard(joined)
            if "\n" in "".join(values):
                lowered = [v.lower() for v in values]
            else:  # one call lower-cases the whole list
                lowered = joined.lower().split("\n")
            hits = lowered if self.asked is None else self.asked.intersection(lowered)
            if not hits and not wild:
                continue  # the usual statement: nothing the questions are about
            for node, text, low in zip(nodes, values, lowered, strict=True):
                if has_wildcard(text):
                    self._patterns.append(
                        (text, Grant(statement, node.start, node.end, text, anywhere))
                    )
                elif low in hits:
                    grant = Grant(statement, node.start, node.end, text, anywhere)
                    self._exact.setdefault(low, []).append(grant)

    def may_allow_any(self, names: Iterable[str]) -> bool:
        """A quick no for a whole set of actions."""
        return self.prefixes is None or any(self.may_allow(n) for n in names)

    def may_allow(self, name: str) -> bool:
        """A quick no: the policy names no pattern of this action's service."""
        return self.prefixes is None or name.split(":", 1)[0].lower() in self.prefixes

    def where(self, name: str) -> list[Grant]:
        """Every place that allows `name` (the first in each statement), unless a Deny
        without condition takes it away on every resource."""
        if not self.may_allow(name):
            return []
        if self.asked is not None and name.lower() not in self.asked:
            self.asked, self._allows = None, None  # a question not foreseen: index every name
        if self._allows is None:
            self._index()
        if self._denied_everywhere(name):
            return []
        found = list(self._exact.get(name.lower(), ()))
        for pattern, grant in self._patterns:
            if pattern:
                hit = action_matches(pattern, name)
            else:  # NotAction: allowed unless listed
                hit = not any(_matches(p, name) for p in grant.statement.values("NotAction"))
            if hit:
                found.append(grant)
        found.sort(key=lambda g: g.start)
        first: dict[int, Grant] = {}  # one place per statement, the first
        for grant in found:
            first.setdefault(grant.statement.index, grant)
        return list(first.values())

    def _denied_everywhere(self, name: str) -> bool:
        for statement in self._denies:
            if "*" not in statement.values("Resource"):
                continue
            if statement.member("NotAction") is not None:
                if not any(_matches(p, name) for p in statement.values("NotAction")):
                    return True
            elif any(_matches(p, name) for p in statement.values("Action")):
                return True
        return False
