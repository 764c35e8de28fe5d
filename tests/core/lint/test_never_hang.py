"""Never hang, never raise: one case per defect of issue 15's "Never hang" that is the
engine's. Time itself is measured by benchmarks/growth.py (flat time per KB), never asserted
here; these inputs are sized so that the old code would not have finished in any test run
(a 40-star pattern against a backtracking regex is years of work), and each checks the answer.
"""

import json

import pytest

from editor.core.catalog.catalog import load_catalog
from editor.core.catalog.wildcard import action_matches, pattern_meets_template, wildcard_match
from editor.core.json.read import read_json
from editor.core.lint.engine import fix_all, lint
from editor.core.lint.rules import resources
from tests.core.policies import BASE, USER, policy, statement

STARS = "*" * 40


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("a*b", "ab", True),
        ("a*b", "axxb", True),
        ("a*b", "axxbx", False),
        ("*", "", True),
        ("?", "", False),
        ("a?c", "abc", True),
        ("a?c", "ac", False),
        ("*a?c*", "xxabcxx", True),
        ("*a?c", "xxabcxabd", False),
        ("a*b*c", "abbbc", True),
        ("a*b*c", "acb", False),
        ("**", "x", True),
        ("a*", "a", True),
        ("*?*?*", "x", False),
        ("*?*?*", "xy", True),
        (f"chime:{STARS}x", "chime:" + "y" * 60, False),
        (f"chime:{STARS}x", "chime:" + "y" * 60 + "x", True),
        ("a" + "*a" * 30 + "b", "a" * 80, False),  # exponential for a backtracking regex
    ],
)
def test_wildcard_match(pattern: str, text: str, matches: bool) -> None:
    assert wildcard_match(pattern, text) is matches


def test_a_pattern_of_many_stars_is_linted() -> None:
    """`"Action":"chime:*******x"` hung lint: 7 stars 89 s, each more star many times that."""
    text = policy(statement(f"chime:{STARS}x", USER))
    (finding,) = [f for f in lint(text).findings if f.code.startswith("action/wildcard")]
    assert finding.code == "action/wildcard-matches-nothing"
    assert action_matches(f"chime:{STARS}Channel", "chime:ListChannel") is True


def test_an_arn_field_of_many_stars_is_matched_field_by_field() -> None:
    channel = load_catalog().resource_type["channel"].arn
    assert pattern_meets_template(f"arn:aws:chime:{STARS}x:*:app-instance/a/channel/c", channel)
    assert not pattern_meets_template(f"arn:aws:chime:*:{STARS}/:app-instance/a/c", channel)
    assert pattern_meets_template(f"{BASE}/{STARS}", channel)


def test_a_number_of_more_than_4300_digits_is_a_finding_not_a_value_error() -> None:
    for text in ("7" * 5000, '{"Id": ' + "7" * 5000 + "}", "[" + "7" * 5000 + ","):
        parsed = read_json(text)  # used to raise ValueError
        assert any("5,000 digits" in f.message for f in parsed.findings)
    assert read_json("7" * 5000 + ".5").root.value == float("inf")


def test_deep_nesting_and_long_runs_are_read_and_fixed() -> None:
    assert fix_all("[" * 20_000) == "[" * 20_000 + "]" * 20_000
    stray = "@" * 20_000 + '{"Version": "2012-10-17"}'  # merged into one finding per run
    found = [f for f in lint(stray).findings if f.code == "json/unexpected"]
    assert [(f.start, f.end, f.message) for f in found] == [
        (0, 20_000, "unexpected text " + repr("@" * 39 + "…"))
    ]
    quotes = '{"Version": "2012-10-17", "Sid": ' + "\u201ex" * 20_000 + "}"
    assert len([f for f in lint(quotes).findings if f.code == "json/invalid-char"]) == 20_000


def test_em_dashes_in_strings_get_their_ascii_fix() -> None:
    names = [f"arn:aws:s3:::bucket\u2014{i}" for i in range(5_000)]
    text = json.dumps({"Statement": statement("s3:GetObject", names)}, ensure_ascii=False)
    fixed = fix_all(text)
    assert "\u2014" not in fixed
    assert json.loads(fixed)["Statement"]["Resource"][4_999] == "arn:aws:s3:::bucket-4999"


def test_the_resource_memo_is_bounded() -> None:
    """200k distinct ARNs grew the memo by 202 MB."""
    arns = [f"{USER}-{i}" for i in range(resources.MEMO_LIMIT + 500)]
    lint(policy(statement("chime:Connect", arns)))
    memo = load_catalog().memo["resources"]
    assert len(memo) <= resources.MEMO_LIMIT
    assert (arns[-1], True) in memo  # the newest are kept
