"""Lint a policy text: JSON syntax findings plus every policy rule, in text order."""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.catalog.catalog import Catalog, load_catalog
from editor.core.json.nodes import Kind
from editor.core.json.parsed import ParsedText
from editor.core.json.read import read_json
from editor.core.lint.context import DEFAULT_OPTIONS, LintContext
from editor.core.lint.context import LintOptions as LintOptions  # re-exported
from editor.core.lint.quota import Quota as Quota  # re-exported: callers name it from here
from editor.core.lint.quota import non_whitespace_length as non_whitespace_length
from editor.core.policy.kinds import KindChoice, choose_kind
from editor.core.policy.statements import statements
from editor.core.text import findings as fnd
from editor.core.text.findings import Finding, Severity


@dataclass(frozen=True, slots=True)
class LintResult:
    parsed: ParsedText
    findings: tuple[Finding, ...]
    kind: KindChoice | None = None  # the kind the checks assumed (None: not a policy object)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0


def lint(
    text: str, options: LintOptions | None = None, catalog: Catalog | None = None
) -> LintResult:
    """Every finding for `text`. Policy rules run on whatever tree the JSON reader recovered,
    so a file with a missing comma still gets its mis-cased actions and placeholders reported.
    """
    from editor.core.lint.rules import RULES

    parsed = read_json(text)
    found = list(parsed.findings)
    options = options or DEFAULT_OPTIONS
    kind = None
    if parsed.root is not None and parsed.root.kind is Kind.OBJECT:
        catalog = catalog or load_catalog()
        kind = choose_kind(parsed.root, options.kind, options.kind_reason, catalog.service.prefix)
        ctx = LintContext(parsed, catalog, options, statements(parsed.root), kind)
        for rule in RULES:
            found.extend(rule(ctx))
    elif parsed.root is not None:
        found.append(
            fnd.make_finding(
                parsed.lines,
                "policy/not-an-object",
                Severity.ERROR,
                "a policy is a JSON object with Version and Statement",
                parsed.root.start,
                parsed.root.end,
            )
        )
    found.sort(key=lambda f: (f.start, f.end, f.code))
    return LintResult(parsed, tuple(found), kind)


def fix_all(text: str, options: LintOptions | None = None) -> str:
    """Apply every safe fix, JSON and policy alike."""
    return fnd.fix_all(text, lambda t: lint(t, options).findings)
