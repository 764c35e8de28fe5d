"""Fix all's guard: a fix that leaves the text reading worse where it edits is dropped.

The checks below offer bad fixes on purpose (the reader no longer does), so the guard itself is
what is tested: the walkthrough's fixes as the reader used to offer them, a fix offered at an
error it does not repair, a fix that makes a new error. `json.loads` judges the outcome.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from editor.core.json.read import json_findings
from editor.core.text.findings import Finding, Fix, Severity, TextEdit, make_finding
from editor.core.text.fixpoint import fix_all, fixed_point
from editor.core.text.positions import LineIndex

WALKTHROUGH = """{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "chime:SendChannelMessage",abc
            "Resource": "*"
        }
    ]
}
"""


def _error(text: str, code: str, start: int, end: int, fix: Fix | None = None) -> Finding:
    return make_finding(LineIndex(text), code, Severity.ERROR, code, start, end, fix)


def old_reader(text: str) -> Sequence[Finding]:
    """The reader as it was for the walkthrough's text: `abc` a key, `"Resource"` its value,
    a fix for each; the text any fix makes is read by today's reader."""
    if text != WALKTHROUGH:
        return json_findings(text)
    abc = text.index("abc")
    colon = text.index(":", text.index('"Resource"'))

    def insert(at: int, what: str) -> Fix:
        return Fix(f"Insert {what!r}", (TextEdit(at, at, what),))

    quote = Fix("Quote the key", (TextEdit(abc, abc + 3, '"abc"'),))
    return [
        _error(text, "json/unquoted-key", abc, abc + 3, quote),
        _error(text, "json/missing-colon", abc + 3, abc + 3, insert(abc + 3, ":")),
        _error(text, "json/missing-comma", colon, colon, insert(colon, ",")),
        _error(text, "json/unexpected", colon, colon + 1),
    ]


def test_the_walkthrough_fixes_of_the_old_reader_are_all_dropped() -> None:
    """They wrote `"abc":` and `"Resource",:`, which read no better; now nothing is written."""
    fixed = fix_all(WALKTHROUGH, old_reader)
    assert '",:' not in fixed and '"abc":' not in fixed
    assert fixed == WALKTHROUGH
    assert fixed_point(WALKTHROUGH, old_reader) == (WALKTHROUGH, 0)  # "Fix all (0)"


def with_comma_before_each_unfixable_error(text: str) -> Sequence[Finding]:
    """The real findings, plus a fix offered at the place of every error that has none: a
    comma inserted before it, which repairs nothing there."""
    found = list(json_findings(text))
    for f in list(found):
        if f.severity is Severity.ERROR and f.fix is None:
            bogus = Fix("Insert ','", (TextEdit(f.start, f.start, ","),))
            found.append(_error(text, "json/missing-comma", f.start, f.start, bogus))
    return found


@pytest.mark.parametrize(
    "text",
    [
        '{"Effect": "Allow" @ "Action": "chime:Connect"}',  # a stray character, no fix
        '{"Action": ["chime:Connect", bad-word], "Effect": "Allow"}',  # no JSON value
        '{"Action": "chime:Connect" "Effect" : : "Allow"}',  # and a fixable missing comma
    ],
)
def test_a_fix_at_an_error_it_does_not_repair_is_dropped(text: str) -> None:
    assert fix_all(text, with_comma_before_each_unfixable_error) == fix_all(text, json_findings)


def breaking_a_quote(text: str) -> Sequence[Finding]:
    """The real findings, plus a fix that deletes the first closing quote: a new error."""
    found = list(json_findings(text))
    quote = text.find('"', text.find('"') + 1)
    if quote > 0:
        bogus = Fix("Tidy", (TextEdit(quote, quote + 1, ""),))
        found.append(_error(text, "json/tidy", quote, quote + 1, bogus))
    return found


def test_a_fix_that_makes_a_new_error_where_it_edits_is_dropped() -> None:
    text = '{"Effect": "Allow", "Action": "chime:Connect",}'  # a trailing comma: repaired
    fixed = fix_all(text, breaking_a_quote)
    assert json.loads(fixed) == {"Effect": "Allow", "Action": "chime:Connect"}


def test_good_fixes_still_apply_beside_a_dropped_one() -> None:
    """A fix far from the unfixable error is kept: the missing comma of the first statement
    is inserted though the second statement's stray `@` cannot be repaired."""
    text = '[{"Effect": "Allow"\n"Action": "chime:Connect"},\n{"Effect": "Allow" @}]'
    fixed = fix_all(text, with_comma_before_each_unfixable_error)
    assert fixed.startswith('[{"Effect": "Allow",\n"Action"')
    assert fixed.endswith('{"Effect": "Allow" @}]')
