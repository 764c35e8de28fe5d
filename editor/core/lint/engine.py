"""Lint a policy text: JSON syntax findings plus every policy rule, in text order."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter

from editor.core.catalog.catalog import Catalog, load_catalog
from editor.core.json.nodes import OBJECT
from editor.core.json.parsed import ParsedText
from editor.core.json.read import read_json
from editor.core.lint.causes import one_cause
from editor.core.lint.context import DEFAULT_OPTIONS, LintContext
from editor.core.lint.context import LintOptions as LintOptions  # re-exported
from editor.core.lint.quota import Quota as Quota  # re-exported: callers name it from here
from editor.core.lint.quota import non_whitespace_length as non_whitespace_length
from editor.core.lint.value_words import guard_value_words
from editor.core.policy.kinds import KindChoice, choose_kind
from editor.core.policy.statements import StatementView, statements
from editor.core.text import findings as fnd
from editor.core.text import fixpoint
from editor.core.text.findings import Finding, Severity

_TEXT_ORDER = attrgetter("start", "end", "code")  # findings in text order; C, no lambda


class LintResult:
    """A text's findings, with what they were found on. Made once per lint: a plain class,
    not a frozen dataclass (whose __init__ sets each field through object.__setattr__)."""

    __slots__ = ("findings", "kind", "parsed")

    def __init__(
        self, parsed: ParsedText, findings: tuple[Finding, ...], kind: KindChoice | None = None
    ) -> None:
        self.parsed = parsed
        self.findings = findings
        self.kind = kind  # the kind the checks assumed (None: not a policy object)

    def __repr__(self) -> str:
        return f"LintResult({len(self.findings)} findings, kind={self.kind!r})"

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
    # The rules load on the first lint (a start-up that lints nothing does without them); a
    # plain import, which costs no Python-level call once loaded (`from` a package does).
    import editor.core.lint.rules as rules

    parsed = read_json(text)
    found = list(parsed.findings)
    options = options or DEFAULT_OPTIONS
    if options.template and parsed.root is not None and parsed.root.kind is OBJECT:
        from editor.core.lint.template import has_intrinsics

        if has_intrinsics(parsed.root):
            return _lint_with_intrinsics(parsed, options, catalog)
    kind = None
    if parsed.root is not None and parsed.root.kind is OBJECT:
        catalog = catalog or load_catalog()
        views = statements(parsed.root)
        prefix = catalog.service.prefix
        kind = choose_kind(parsed.root, options.kind, options.kind_reason, prefix, views)
        ctx = LintContext(parsed, catalog, options, views, kind)
        if parsed.findings:  # a word a repair would delete from a value that grants access
            found = guard_value_words(found, text, views, catalog)
        policy_found: list[Finding] = []
        for rule in rules.runnable(ctx):  # those that can find something in this policy
            policy_found.extend(rule(ctx))
        policy_found = one_cause(parsed.findings, policy_found)
        found.extend(_trusted_only_where_read_cleanly(parsed, ctx.statements, policy_found))
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
    found.sort(key=_TEXT_ORDER)
    return LintResult(parsed, tuple(found), kind)


def _trusted_only_where_read_cleanly(
    parsed: ParsedText, views: list[StatementView], found: list[Finding]
) -> list[Finding]:
    """Policy rules work on the tree the reader recovered. Where the text around a fix holds a
    syntax error, that tree is a guess (a `"*"` pulled into an unclosed Action list, a key read
    into the wrong statement), so its fixes are offered but not applied by fix_all. "Around" is
    the statement the fix edits, or the whole document for a fix outside every statement.
    fix_all repairs the JSON first, so these fixes apply in a later round where the repair
    leaves the statement readable.
    """
    errors: list[int] = []
    for f in parsed.findings:
        if f.severity is Severity.ERROR:
            errors += (f.start, f.end)
            if f.fix is not None:  # an unclosed bracket is reported at its opener
                errors += (edit.start for edit in f.fix.edits)
    if not errors:
        return found  # most texts: every fix stands
    errors.sort()
    spans = sorted((v.node.start, v.node.end) for v in views)
    starts = [start for start, _ in spans]
    trusted: list[Finding] = []
    for finding in found:
        fix = finding.fix
        if fix is None or not fix.safe or _clean(fix, spans, starts, errors):
            trusted.append(finding)
        else:
            trusted.append(finding._replace(fix=fix._replace(safe=False)))
    return trusted


def _clean(
    fix: fnd.Fix, spans: list[tuple[int, int]], starts: list[int], errors: list[int]
) -> bool:
    for edit in fix.edits:
        i = bisect_right(starts, edit.start) - 1
        if i < 0 or not (spans[i][0] <= edit.start and edit.end <= spans[i][1]):
            return False  # outside every statement: any error in the document counts
        start, end = spans[i]
        j = bisect_left(errors, start)
        if j < len(errors) and errors[j] <= end:
            return False
    return True


def _lint_with_intrinsics(
    parsed: ParsedText, options: LintOptions, catalog: Catalog | None
) -> LintResult:
    """Lint the policy written with its intrinsic functions as symbolic strings; findings
    (and the fixes that fall on text copied as is) are mapped back to the user's text."""
    from editor.core.lint.template import unmask, written

    assert parsed.root is not None
    masked, pieces = written(parsed.root, parsed.text)
    inner = lint(masked, options._replace(template=False), catalog)
    found = list(parsed.findings)
    for f in inner.findings:
        if f.code.startswith("json/"):
            continue  # the written text is strict JSON: its syntax is the user's, read above
        fix = f.fix
        if fix is not None:
            edits = [e for e in fix.edits if pieces.literal_at(e.start, e.end)]
            moved = tuple(
                e._replace(start=pieces.to_source(e.start), end=pieces.to_source(e.end, True))
                for e in edits
            )
            fix = fix._replace(edits=moved) if len(edits) == len(fix.edits) else None
        start, end = pieces.to_source(f.start), pieces.to_source(f.end, end=True)
        message = unmask(f.message)  # the template's own ${AWS::AccountId}, not our encoding
        found.append(fnd.make_finding(parsed.lines, f.code, f.severity, message, start, end, fix))
    found.sort(key=lambda f: (f.start, f.end, f.code))
    return LintResult(parsed, tuple(found), inner.kind)


def fix_all(text: str, options: LintOptions | None = None) -> str:
    """Apply every safe fix, JSON and policy alike."""
    return fixpoint.fix_all(text, lambda t: lint(t, options).findings)


def fix_all_counted(text: str, options: LintOptions | None = None) -> tuple[str, int]:
    """`fix_all`'s text and the number of problems it fixed (see `fixpoint.fixed_point`)."""
    return fixpoint.fixed_point(text, lambda t: lint(t, options).findings)


def fix_all_changes(result: LintResult, options: LintOptions | None = None) -> int:
    """How many problems `fix_all` fixes in the text `result` is the lint of."""
    text, findings = result.parsed.text, result.findings
    return fixpoint.fixed_point(text, lambda t: lint(t, options).findings, first=findings)[1]
