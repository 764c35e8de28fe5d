"""What a lint rule sees: the parsed text, the catalog, the options and the statements.

Kept apart from the engine so that rules import this, and the engine imports the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from editor.core.catalog.catalog import Catalog
from editor.core.json.nodes import Node
from editor.core.json.parsed import ParsedText
from editor.core.lint.quota import Quota
from editor.core.policy.kinds import KindChoice, PolicyKind
from editor.core.policy.statements import StatementView
from editor.core.text.findings import Finding, Fix, Severity, TextEdit

_new = tuple.__new__


class LintOptions(NamedTuple):
    """How to lint: immutable, and made without the dataclasses machinery (a CLI run imports
    this first). `options._replace(template=False)` gives a changed copy."""

    quota: Quota = Quota.MANAGED
    kind: PolicyKind | None = None  # None: detect it from the document
    kind_reason: str = "as chosen"  # why this kind, when given: "from AssumeRolePolicyDocument"
    template: bool = False  # from a template: intrinsic functions are symbolic values


DEFAULT_OPTIONS = LintOptions()


class LintContext:
    """One lint's state, made once per lint: a plain class (a dataclass's generated __init__
    with default factories costs more, on every keystroke's lint)."""

    __slots__ = ("catalog", "kind", "options", "parsed", "shared", "statements")

    def __init__(
        self,
        parsed: ParsedText,
        catalog: Catalog,
        options: LintOptions,
        statements: list[StatementView] | None = None,
        kind: KindChoice | None = None,
    ) -> None:
        self.parsed = parsed
        self.catalog = catalog
        self.options = options
        self.statements: list[StatementView] = [] if statements is None else statements
        self.kind: KindChoice = KindChoice(PolicyKind.IDENTITY, "", True) if kind is None else kind
        # What several rules ask about this policy, worked out by the first that asks.
        self.shared: dict[str, Any] = {}

    @property
    def text(self) -> str:
        return self.parsed.text

    @property
    def root(self) -> Node | None:
        return self.parsed.root

    def finding(
        self,
        code: str,
        severity: Severity,
        message: str,
        start: int,
        end: int,
        fix: Fix | None = None,
    ) -> Finding:
        # make_finding, inlined: a lint of a large policy makes hundreds. The tuple is made by
        # tuple.__new__, without the NamedTuple's Python-level __new__ (every field is given).
        line, column, end_line, end_column = self.parsed.lines.span(start, end)
        return _new(
            Finding, (code, severity, message, start, end, line, column, end_line, end_column, fix)
        )

    def as_kind(self) -> str:
        """Said by findings that hold only for the kind assumed: which one, and why."""
        return f" (checked as {self.kind.describe()})"

    def replace(self, title: str, start: int, end: int, text: str, safe: bool = True) -> Fix:
        return Fix(title, (TextEdit(start, end, text),), safe)


Rule = Callable[[LintContext], Iterable[Finding]]
