"""A statement that lost its opening `{` is repaired by inserting that `{`, never by deleting the
`}` before it: deleting it ran two statements into one object where the last key wins (grants
lost, or a Deny's Condition moved onto an Allow). And a statement or policy holding an element
twice is an error, as IAM refuses it ("Troubleshoot IAM policies", "More than one Statement
element" and "More than one Effect, Action, or Resource element",
https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_policies.html).

The oracles are not our code: `json.loads` of the fixed text against the intended policy, and
@cloud-copilot/iam-simulate (tests/core/access/oracle.py) for what the fixed policy grants.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from editor.core.lint.engine import fix_all, lint
from editor.core.text.findings import Severity
from tests.core.access.oracle import run_oracle
from tests.core.fix_examples import DENY_FIRST, MFA_SELF_MANAGE, oracle_case, requests, text_of


def _without_opening_brace(text: str, n: int, layout: str) -> str:
    """`text` with the `{` of its (n+1)-th statement deleted, as a user's slip leaves it:
    `blank`: its line left holding the indent; `line`: the whole line gone; `inline`: one-line
    JSON, the `{` after `}, ` gone."""
    pattern = r"\},\n( *)\{\n" if layout != "inline" else r"\}, \{"
    m = list(re.finditer(pattern, text))[n]
    kept = {"blank": "},\n" + m[1] if layout == "blank" else "},\n", "inline": "}, "}
    replaced = kept["inline" if layout == "inline" else "blank"]
    if layout == "line":
        replaced = "},\n"
    else:
        replaced += "\n" if layout == "blank" else ""
    return text[: m.start()] + replaced + text[m.end() :]


CASES = [
    (name, policy, n, layout)
    for name, policy in (("mfa", MFA_SELF_MANAGE), ("deny-first", DENY_FIRST))
    for n in range(len(policy["Statement"]) - 1)
    for layout in ("blank", "line", "inline")
]


def _text(policy: dict[str, Any], layout: str) -> str:
    return text_of(policy, None if layout == "inline" else 4)


@pytest.mark.parametrize(
    ("name", "policy", "n", "layout"), CASES, ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in CASES]
)
def test_a_missing_opening_brace_is_named_and_inserted(
    name: str, policy: dict[str, Any], n: int, layout: str
) -> None:
    clean = _text(policy, layout)
    text = _without_opening_brace(clean, n, layout)
    assert text.count("{") == clean.count("{") - 1
    errors = [f for f in lint(text).findings if f.severity is Severity.ERROR]
    assert [f.code for f in errors if f.code.startswith("json/")] == ["json/missing-brace"]
    brace = next(f for f in errors if f.code == "json/missing-brace")
    # Named where the members start again: the first key of the statement that lost its `{`
    sid = policy["Statement"][n + 1]["Sid"]
    assert text[brace.start : brace.end] == '"Sid"'
    assert text[brace.end :].lstrip(": ").startswith(json.dumps(sid))
    fixed = fix_all(text)
    assert json.loads(fixed) == policy  # two statements stay two, every key as written
    if layout == "blank":
        assert fixed == clean  # the `{` goes back on the line it was deleted from


def test_fix_keeps_what_the_intended_policy_allows_and_denies() -> None:
    """Every (action, resource, MFA) the intended policies name: the iam-simulate oracle's
    decision on the fixed text is its decision on the intended policy."""
    cases = []
    for _, policy, n, layout in CASES:
        fixed = json.loads(fix_all(_without_opening_brace(_text(policy, layout), n, layout)))
        for request in requests(policy):
            cases += [oracle_case(policy, request), oracle_case(fixed, request)]
    decisions = run_oracle(cases)
    intended, after = decisions[::2], decisions[1::2]
    assert after == intended
    assert {"allowed", "explicitDeny", "implicitDeny"} <= set(intended)  # all three checked


UNDECIDABLE = [
    # A `{` missing and a `}` missing too: the braces balance, nothing says where either goes.
    text_of(DENY_FIRST).replace("},\n        {\n", "},\n", 1).replace("}\n    ]", "\n    ]"),
    # A `}` that closes a statement, with a comma and a key after it, but no `{` missing: the
    # text has no `}` to spare.
    text_of(DENY_FIRST).replace('"*",\n', '"*"},\n', 1),
]


@pytest.mark.parametrize("text", UNDECIDABLE)
def test_no_closing_brace_of_a_filled_object_is_deleted_by_fix_all(text: str) -> None:
    fixed = fix_all(text)
    try:
        value = json.loads(fixed)
    except ValueError:
        return  # left unrepaired: the user decides
    # Repaired: no statement swallowed another (each Sid still there, with its own Effect)
    sids = {s["Sid"]: s["Effect"] for s in DENY_FIRST["Statement"]}
    assert {s.get("Sid"): s.get("Effect") for s in value["Statement"]} == sids


DUPLICATES = [
    ('{"Version": "2012-10-17", "Statement": [], "Statement": []}', "Statement"),
    ('{"Version": "2012-10-17", "Version": "2012-10-17", "Statement": []}', "Version"),
    *(
        (
            '{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", '
            '"Action": "chime:Connect", "Resource": "*", "Principal": "*", '
            f'"Condition": {{}}, "{key}": {json.dumps(value)}}}]}}',
            key,
        )
        for key, value in (
            ("Sid", "B"),
            ("Effect", "Deny"),
            ("Action", "chime:DeleteChannel"),
            ("Resource", "*"),
            ("Principal", "*"),
            ("Condition", {}),
        )
    ),
    (
        '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotAction": "chime:Connect",'
        ' "NotAction": "chime:*", "NotResource": "*", "NotResource": "*"}}',
        "NotAction",
    ),
]


@pytest.mark.parametrize(("text", "key"), DUPLICATES, ids=[d[1] for d in DUPLICATES])
def test_an_element_twice_is_an_error(text: str, key: str) -> None:
    found = [f for f in lint(text).findings if f.code == "json/duplicate-key"]
    assert found and all(f.severity is Severity.ERROR for f in found)
    assert text[found[0].start : found[0].end] == json.dumps(key)
    assert fix_all(text) == text  # no fix decides which one was meant


def test_a_key_twice_elsewhere_stays_a_warning() -> None:
    text = (
        '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", '
        '"Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "a", "s3:prefix": "b"}}}}'
    )
    found = [f for f in lint(text).findings if f.code == "json/duplicate-key"]
    assert [f.severity for f in found] == [Severity.WARNING]
