"""What a policy allows, asked one action at a time: which Action entry (or NotAction) of
which Allow statement grants it, and on what. Shared by the security rules."""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.catalog.wildcard import action_matches, has_wildcard
from editor.core.json.nodes import Node
from editor.core.policy.statements import StatementView


@dataclass(frozen=True, slots=True)
class Grant:
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


class Grants:
    """Every Allow statement's actions, ready for `where(name)` questions."""

    def __init__(self, statements: list[StatementView]) -> None:
        self.allows: list[tuple[StatementView, list[Node], bool]] = []
        self.denies: list[StatementView] = []
        for statement in statements:
            if statement.effect == "Allow":
                self.allows.append(
                    (statement, statement.strings("Action"), on_any_resource(statement))
                )
            elif statement.effect == "Deny" and statement.member("Condition") is None:
                self.denies.append(statement)
        self.prefixes = self._prefixes()

    def _prefixes(self) -> set[str] | None:
        """Service prefixes the Allow statements can reach; None when any (`*`, NotAction)."""
        found: set[str] = set()
        for statement, nodes, _ in self.allows:
            if statement.member("NotAction") is not None:
                return None
            for node in nodes:
                prefix = str(node.value).split(":", 1)[0].lower()
                if has_wildcard(prefix):
                    return None
                found.add(prefix)
        return found

    def may_allow(self, name: str) -> bool:
        """A quick no: the policy names no pattern of this action's service."""
        return self.prefixes is None or name.split(":", 1)[0].lower() in self.prefixes

    def where(self, name: str) -> list[Grant]:
        """Every place that allows `name`, unless a Deny without condition takes it away
        on every resource."""
        if not self.may_allow(name) or self._denied_everywhere(name):
            return []
        found: list[Grant] = []
        for statement, nodes, anywhere in self.allows:
            not_action = statement.member("NotAction")
            if not_action is not None:
                if not any(_matches(p, name) for p in statement.values("NotAction")):
                    found.append(
                        Grant(
                            statement,
                            not_action.key_start,
                            not_action.key_end,
                            "NotAction",
                            anywhere,
                        )
                    )
                continue
            for node in nodes:
                if _matches(str(node.value), name):
                    found.append(Grant(statement, node.start, node.end, str(node.value), anywhere))
                    break
        return found

    def _denied_everywhere(self, name: str) -> bool:
        for statement in self.denies:
            if "*" not in statement.values("Resource"):
                continue
            if statement.member("NotAction") is not None:
                if not any(_matches(p, name) for p in statement.values("NotAction")):
                    return True
            elif any(_matches(p, name) for p in statement.values("Action")):
                return True
        return False
