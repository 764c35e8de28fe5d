"""A statement that lost its `}`, a list that lost its `[`, a comma typed twice: one finding at
the place of the slip (not at 1:1 and on every later statement), and Fix all gives back the
intended policy. Oracles: `json.loads` of the fixed text against the intended policy (the IAM
User Guide's MFA self-manage example, tests/core/fix_examples.py), and iam-simulate for what
the fixed policies decide."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from editor.core.lint.engine import fix_all, lint
from tests.core.access.oracle import run_oracle
from tests.core.fix_examples import MFA_SELF_MANAGE, oracle_case, requests, text_of

CLEAN = text_of(MFA_SELF_MANAGE)
COUNT = len(MFA_SELF_MANAGE["Statement"])


def _nth(pattern: str, n: int, make: Callable[[re.Match[str]], str]) -> str:
    m = list(re.finditer(pattern, CLEAN))[n]
    return CLEAN[: m.start()] + make(m) + CLEAN[m.end() :]


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# (name, damaged text, code, the line the finding is on)
CASES: list[tuple[str, str, str, int]] = []
for n in range(COUNT - 1):  # a statement's `}` lost (the last one's is a mismatch of its own)
    text = _nth(r"\n        \},\n", n, lambda m: "\n        ,\n")
    opener = [m.start() for m in re.finditer(r"\n        \{\n", CLEAN)][n] + 9
    CASES.append((f"no closing brace {n}", text, "json/unclosed", _line_of(CLEAN, opener)))
for n, m in enumerate(re.finditer(r'"(Action|NotAction)": \[\n', CLEAN)):
    text = _nth(r'"(Action|NotAction)": \[\n', n, lambda m: f'"{m[1]}":\n')
    CASES.append((f"no opening bracket {n}", text, "json/missing-bracket", _line_of(text, m.end())))
for n, m in enumerate(re.finditer(r'",\n(?= +")', CLEAN)):
    if n % 4:
        continue  # every fourth list comma: enough places
    text = _nth(r'",\n(?= +")', n, lambda m: '",,\n')
    CASES.append((f"comma twice {n}", text, "json/unexpected", _line_of(CLEAN, m.start())))


@pytest.mark.parametrize(("name", "text", "code", "line"), CASES, ids=[c[0] for c in CASES])
def test_one_finding_at_the_slip_and_fix_all_gives_the_policy_back(
    name: str, text: str, code: str, line: int
) -> None:
    assert text != CLEAN
    errors = [f for f in lint(text).findings if f.severity.value == "error"]
    assert [(f.code, f.line) for f in errors] == [(code, line)]
    assert errors[0].fix is not None and errors[0].fix.safe
    assert json.loads(fix_all(text)) == MFA_SELF_MANAGE  # json.loads: not our reader


def test_the_fixed_policies_decide_as_the_intended_one() -> None:
    cases = []
    asked = requests(MFA_SELF_MANAGE)
    for _, text, _, _ in CASES[::3]:
        fixed = json.loads(fix_all(text))
        for request in asked:
            cases += [oracle_case(MFA_SELF_MANAGE, request), oracle_case(fixed, request)]
    decisions = run_oracle(cases)
    assert decisions[1::2] == decisions[::2]


def test_a_closing_brace_missing_and_another_too_is_not_guessed() -> None:
    """Two statements without their `}`: the text has two `{` more than `}`; the first is still
    named at its own line, and Fix all gives the policy back or leaves the text."""
    text = CLEAN.replace("\n        },\n", "\n        ,\n", 2)
    fixed = fix_all(text)
    assert fixed == text or json.loads(fixed) == MFA_SELF_MANAGE
