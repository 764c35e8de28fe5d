"""The tolerant JSON reader: every syntax defect at its place, with a repair where one is sure."""

import json
import re

import pytest

from editor.core.json.nodes import Kind
from editor.core.json.read import fix_all, read_json


def found(text: str) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in read_json(text).findings]


# (text, expected findings as (code, line, column), text after fix_all or None if unrepairable)
CASES = {
    "json/missing-comma": [
        ('["a" "b"]', [("json/missing-comma", 1, 5)], '["a", "b"]'),
        ('{"a": 1\n "b": 2}', [("json/missing-comma", 1, 8)], '{"a": 1,\n "b": 2}'),
        ("[1 2 3]", [("json/missing-comma", 1, 3), ("json/missing-comma", 1, 5)], "[1, 2, 3]"),
        (
            '{"S": [{"A": ["x"\r\n "y"]}]}',
            [("json/missing-comma", 1, 18)],
            '{"S": [{"A": ["x",\r\n "y"]}]}',
        ),
        (
            '["é—ü" "b"]',
            [("json/invalid-char", 1, 4), ("json/missing-comma", 1, 7)],
            '["é-ü", "b"]',
        ),
        ('[{"a":1} {"b":2}]', [("json/missing-comma", 1, 9)], '[{"a":1}, {"b":2}]'),
    ],
    "json/trailing-comma": [
        ("[1, 2,]", [("json/trailing-comma", 1, 6)], "[1, 2]"),
        ('{"a": 1,\n}', [("json/trailing-comma", 1, 8)], '{"a": 1\n}'),
        (
            '{"a": [1,],\r\n "b": {"c": 2,},}',
            [
                ("json/trailing-comma", 1, 9),
                ("json/trailing-comma", 2, 14),
                ("json/trailing-comma", 2, 16),
            ],
            '{"a": [1],\r\n "b": {"c": 2}}',
        ),
    ],
    "json/comment": [
        ('// header\n{"a": 1}', [("json/comment", 1, 1)], '{"a": 1}'),
        ('{"a": 1 /* why */}', [("json/comment", 1, 9)], '{"a": 1 }'),
        ('{\r\n  "a": 1, // note\r\n  "b": 2\r\n}', [("json/comment", 2, 11)], None),
        ('["http://x" // c\n]', [("json/comment", 1, 13)], '["http://x" \n]'),
    ],
    "json/single-quote": [
        ("['a']", [("json/single-quote", 1, 2)], '["a"]'),
        (
            "{'k': 'it\\'s \"x\"'}",
            [("json/single-quote", 1, 2), ("json/single-quote", 1, 7)],
            '{"k": "it\'s \\"x\\""}',
        ),
        (
            "ü\n['a', 'b']",
            [("json/unexpected", 1, 1), ("json/single-quote", 2, 2), ("json/single-quote", 2, 7)],
            None,
        ),
    ],
    "json/smart-quote": [
        ("[“chime:Connect”]", [("json/smart-quote", 1, 2)], '["chime:Connect"]'),
        ("{“a”: ‘b’}", [("json/smart-quote", 1, 2), ("json/smart-quote", 1, 7)], '{"a": "b"}'),
        ('{"a": [\n  “x”,\n  "y"\n]}', [("json/smart-quote", 2, 3)], '{"a": [\n  "x",\n  "y"\n]}'),
    ],
    "json/unquoted-key": [
        ("{a: 1}", [("json/unquoted-key", 1, 2)], '{"a": 1}'),
        (
            '{"S": [{Effect: "Allow"}]}',
            [("json/unquoted-key", 1, 9)],
            '{"S": [{"Effect": "Allow"}]}',
        ),
        (
            "{a: 1, b: 2}",
            [("json/unquoted-key", 1, 2), ("json/unquoted-key", 1, 8)],
            '{"a": 1, "b": 2}',
        ),
    ],
    "json/missing-colon": [
        ('{"a" 1}', [("json/missing-colon", 1, 5)], '{"a": 1}'),
        ('{"a" [1]}', [("json/missing-colon", 1, 5)], '{"a": [1]}'),
        ('{"x": {"a"\r\n "b"}}', [("json/missing-colon", 1, 11)], '{"x": {"a":\r\n "b"}}'),
    ],
    "json/unclosed": [
        ("[1, 2", [("json/unclosed", 1, 1)], "[1, 2]"),
        ('{"a": [1', [("json/unclosed", 1, 1), ("json/unclosed", 1, 7)], '{"a": [1]}'),
        (
            '{"Action": ["a", "b"\n "Effect": "Allow"}',
            [("json/unclosed", 1, 12), ("json/missing-comma", 1, 21)],
            '{"Action": ["a", "b"],\n "Effect": "Allow"}',
        ),
    ],
    "json/mismatched-bracket": [
        ("[1, 2}", [("json/mismatched-bracket", 1, 6)], "[1, 2]"),
        ('{"a": 1]', [("json/mismatched-bracket", 1, 8)], '{"a": 1}'),
        (
            '{"a": [1, 2}',
            [("json/unclosed", 1, 1), ("json/mismatched-bracket", 1, 12)],
            '{"a": [1, 2]}',
        ),
    ],
    "json/duplicate-key": [
        ('{"a": 1, "a": 2}', [("json/duplicate-key", 1, 10)], '{"a": 1, "a": 2}'),
        ('{"S": [{"Effect": "Allow", "Effect": "Deny"}]}', [("json/duplicate-key", 1, 28)], None),
        ('{"a": 1,\r\n "b": 2,\r\n "a": 3}', [("json/duplicate-key", 3, 2)], None),
        (
            '{"a": 1, "a": 2, "b": {"x": 1, "x": 2}}',
            [("json/duplicate-key", 1, 10), ("json/duplicate-key", 1, 32)],
            None,
        ),
    ],
    "json/bom": [
        ('\ufeff{"a": 1}', [("json/bom", 1, 1)], '{"a": 1}'),
        ("\ufeff[1,]", [("json/bom", 1, 1), ("json/trailing-comma", 1, 4)], "[1]"),
        ("\ufeff\r\n[]", [("json/bom", 1, 1)], "\r\n[]"),
    ],
    "json/invalid-char": [
        ('["a—b"]', [("json/invalid-char", 1, 4)], '["a-b"]'),
        ('["x\u200by"]', [("json/invalid-char", 1, 4)], '["xy"]'),
        ('["中"]', [("json/invalid-char", 1, 3)], None),
        (
            '["say “hi”"]',
            [("json/invalid-char", 1, 7), ("json/invalid-char", 1, 10)],
            '["say \\"hi\\""]',
        ),
        ("// ünïcode — in a comment is fine\n[]", [("json/comment", 1, 1)], "[]"),
    ],
    "json/unexpected": [
        ("", [("json/unexpected", 1, 1)], None),
        ("[1] 2", [("json/unexpected", 1, 5)], None),
        ("[tru]", [("json/unexpected", 1, 2)], None),
        ("[01]", [("json/unexpected", 1, 2)], None),
        ('["a\\qb"]', [("json/unexpected", 1, 2)], None),
        ('{"a":1}}', [("json/unexpected", 1, 8)], None),
        ('{"a": }', [("json/unexpected", 1, 7)], None),
        ("[1, =]", [("json/unexpected", 1, 5)], None),
        ('{"Effect": Allow}', [("json/unexpected", 1, 12)], '{"Effect": "Allow"}'),
        (
            '{"Effect":\tDeny, "a": [x]}',
            [("json/unexpected", 1, 12), ("json/unexpected", 1, 24)],
            None,
        ),  # a word among a list's items is not guessed at
        ("[-Infinity, NaN]", [("json/unexpected", 1, 2), ("json/unexpected", 1, 13)], None),
        # Prose pasted before a policy: one finding for the run, not one per word.
        ('Paste this:\n{"a": 1}', [("json/unexpected", 1, 1)], None),
    ],
}


def all_cases():
    for code, cases in CASES.items():
        for n, (text, expected, fixed) in enumerate(cases):
            yield pytest.param(text, expected, fixed, id=f"{code}-{n}")


@pytest.mark.parametrize(("text", "expected", "fixed"), list(all_cases()))
def test_findings_and_repair(text: str, expected, fixed) -> None:
    assert found(text) == expected
    if fixed is not None:
        assert fix_all(text) == fixed
        json.loads(fixed)


def test_each_code_has_at_least_three_cases() -> None:
    assert all(len(cases) >= 3 for cases in CASES.values())


def test_end_positions_and_columns_count_characters() -> None:
    (finding,) = read_json('{"é": ["x" "y"]}').findings
    # é is two bytes in UTF-8 but one character: the comma belongs after "x" at column 11.
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 11, 1, 11)
    (finding,) = read_json("[1,\r\n 'ab']").findings
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (2, 2, 2, 6)


# -- the seed: AWS's own example page --------------------------------------------------------


def test_seed_examples_have_exactly_the_three_comma_defects(seed: list[str]) -> None:
    lines = [[(f.code, f.line, f.column) for f in read_json(text).findings] for text in seed]
    assert lines == [
        [("json/missing-comma", 27, 44), ("json/trailing-comma", 34, 44)],
        [("json/missing-comma", 40, 32)],
        [],
        [],
    ]
    admin = seed[0].splitlines()
    assert admin[26].endswith('"chime:ListTagsForResource"')  # line 27: comma belongs after it
    assert admin[33][43] == ","  # line 34, column 44: the trailing comma itself


def test_seed_examples_repair_to_the_intended_policies(seed: list[str]) -> None:
    for text in seed:
        policy = json.loads(fix_all(text))
        actions_in_text = re.findall(r'"(chime:\w+)"', text)
        granted = []
        for statement in policy["Statement"]:
            action = statement["Action"]
            granted += [action] if isinstance(action, str) else action
        assert granted == actions_in_text  # all present, in order


# -- the tree -------------------------------------------------------------------------------


def test_tree_keeps_ranges_of_keys_and_values() -> None:
    text = '{"Action": ["chime:Listsubchannels"]}'
    root = read_json(text).root
    assert root is not None and root.kind is Kind.OBJECT
    member = root.get("Action")
    assert member is not None
    assert text[member.key_start : member.key_end] == '"Action"'
    item = member.value.items[0]
    assert text[item.start : item.end] == '"chime:Listsubchannels"'
    assert item.value == "chime:Listsubchannels"
    assert (root.start, root.end) == (0, len(text))


def test_valid_json_round_trips_and_fix_all_is_a_no_op() -> None:
    text = json.dumps({"a": [1, 2.5, -3e2, True, None, 'é\\n"q"'], "b": {}, "c": []})
    parsed = read_json(text)
    assert parsed.findings == ()
    assert parsed.value() == json.loads(text)
    assert fix_all(text) == text


def test_deep_nesting_is_no_recursion_crash() -> None:
    parsed = read_json("[" * 100_000)
    assert len(parsed.findings) == 100_000
    assert all(f.code == "json/unclosed" for f in parsed.findings)
    closed = "[" * 100_000 + "]" * 100_000
    parsed = read_json(closed)
    assert parsed.findings == ()
    depth, node = 0, parsed.root
    while node is not None and node.items:
        depth, node = depth + 1, node.items[0]
    assert depth == 99_999
    assert fix_all("[" * 2_000) == "[" * 2_000 + "]" * 2_000
