"""What a lint rule sees: the parsed text, the catalog, the options and the statements.

Kept apart from the engine so that rules import this, and the engine imports the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from editor.core.catalog.catalog import Catalog
from editor.core.json.nodes import Node
from editor.core.json.parsed import ParsedText
from editor.core.lint.quota import Quota
from editor.core.policy.kinds import KindChoice, PolicyKind
from editor.core.policy.statements import StatementView
from editor.core.text.findings import Finding, Fix, Severity, TextEdit

_new = tuple.__new__


@dataclass(frozen=True, slots=True)
class LintOptions:
    quota: Quota = Quota.MANAGED
    kind: PolicyKind | None = None  # None: detect it from the document
    kind_reason: str = "as chosen"  # why this kind, when given: "from AssumeRolePolicyDocument"
    template: bool = False  # from a template: intrinsic functions are symbolic values


DEFAULT_OPTIONS = LintOptions()


@dataclass(slots=True)
class LintContext:
    parsed: ParsedText
    catalog: Catalog
    options: LintOptions
    statements: list[StatementView] = field(default_factory=list)
    kind: KindChoice = field(default_factory=lambda: KindChoice(PolicyKind.IDENTITY, "", True))
    # What several rules ask about this policy, worked out by the first that asks (grants.py).
    shared: dict[str, Any] = field(default_factory=dict)

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
