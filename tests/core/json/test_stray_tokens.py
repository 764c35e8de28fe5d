"""A stray token between members or elements is one error at that token; the rest of the
document is read as written (no policy finding follows from it); Fix all either gives text
`json.loads` accepts with every grant the user wrote, or leaves the text as it is.

The first case is the walkthrough's: `abc` after a value, `"Resource": "*"` on the next line.
Read naively, `abc` was a key and `"Resource"` its value, Fix all wrote `"abc":` and
`"Resource",:`, and a false `policy/missing-resource` followed.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from editor.core.json.read import read_json
from editor.core.lint.engine import fix_all, lint
from editor.core.text.findings import Severity

ONE = """{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "chime:SendChannelMessage",
            "Resource": "*"
        }
    ]
}
"""
LIST = """{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "chime:SendChannelMessage",
                "chime:ListChannelMessages"
            ],
            "Resource": "*"
        }
    ]
}
"""
SEND = '"chime:SendChannelMessage",'
LAST = '"chime:ListChannelMessages"'

# (name, clean text, damaged text, code, line, column, the text the finding points at,
#  whether Fix all repairs it). A word inside an Action list is never deleted by Fix all: it
#  may be an action the writer meant (tests/core/lint/test_value_words.py).
CASES = [
    ("bare word after a value, then a newline (the walkthrough)", ONE,
     ONE.replace(SEND, SEND + "abc"), "json/stray", 6, 50, "abc", True),
    ("bare word after a value, no comma", ONE,
     ONE.replace(SEND, SEND[:-1] + " abc"), "json/stray", 6, 50, "abc", True),
    ("bare word before a key", ONE,
     ONE.replace('"Action"', 'abc "Action"'), "json/stray", 6, 13, "abc", True),
    ("bare word alone on a line between members", ONE,
     ONE.replace('            "Action"', '            abc\n            "Action"'),
     "json/stray", 6, 13, "abc", True),
    ("stray ] on a line between members", ONE,
     ONE.replace('"Allow",', '"Allow",\n            ]'), "json/stray", 6, 13, "]", True),
    ("stray } after a comma between members", ONE,
     ONE.replace('"Allow",', '"Allow",}'), "json/stray", 5, 31, "}", True),
    ("stray ] glued after a value", ONE,
     ONE.replace('"Allow",', '"Allow"],'), "json/stray", 5, 30, "]", True),
    ("stray } between two elements", LIST,
     LIST.replace(SEND, SEND + "}"), "json/stray", 7, 44, "}", True),
    ("a number glued after a string", ONE,
     ONE.replace('"Allow",', '"Allow"1,'), "json/stray", 5, 30, "1", True),
    ("abc at the end of a list", LIST,
     LIST.replace(LAST, LAST + " abc"), "json/stray", 8, 45, "abc",False),
    ("abc as the last element of a list: a word in a value's place, no safe fix", LIST,
     LIST.replace(LAST, LAST + ",\n                abc"), "json/unexpected", 9, 17, "abc", False),
    ("a duplicated colon", ONE,
     ONE.replace('"Effect":', '"Effect"::'), "json/stray", 5, 22, ":", True),
    ("no comma, and the next key without its opening quote", ONE,
     ONE.replace('"Allow",\n            "Action"', '"Allow"\n            Action"'),
     "json/missing-quote", 6, 13, 'Action"', True),
    ("inside an Action array: bare word after an element", LIST,
     LIST.replace(SEND, SEND + "abc"), "json/stray", 7, 44, "abc",False),
    ("inside an Action array: bare word, no comma", LIST,
     LIST.replace(SEND, SEND[:-1] + " abc"), "json/stray", 7, 44, "abc",False),
    ("inside an Action array: a number glued after an element", LIST,
     LIST.replace(SEND, SEND[:-1] + "1,"), "json/stray", 7, 43, "1",False),
    ("after an Action array: no comma, and Resource without its opening quote", LIST,
     LIST.replace('],\n            "Resource"', ']\n            Resource"'),
     "json/missing-quote", 10, 13, 'Resource"', True),
]  # fmt: skip


def grants(value: Any) -> set[tuple[str, str, str]]:
    """(effect, action, resource) of every statement, for the strings it holds."""
    found: set[tuple[str, str, str]] = set()
    statements = value.get("Statement", []) if isinstance(value, dict) else []
    for statement in statements if isinstance(statements, list) else [statements]:
        if not isinstance(statement, dict):
            continue
        actions, resources = statement.get("Action", []), statement.get("Resource", [])
        for action in [actions] if isinstance(actions, str) else actions:
            for resource in [resources] if isinstance(resources, str) else resources:
                if isinstance(action, str) and isinstance(resource, str):
                    found.add((str(statement.get("Effect")), action, resource))
    return found


def policy_codes(text: str) -> list[str]:
    return sorted(f.code for f in lint(text).findings if not f.code.startswith("json/"))


@pytest.mark.parametrize(
    ("name", "clean", "text", "code", "line", "column", "at", "fixable"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_one_error_at_the_stray_token_and_the_rest_read(
    name: str,
    clean: str,
    text: str,
    code: str,
    line: int,
    column: int,
    at: str,
    fixable: bool,
) -> None:
    assert text != clean
    errors = [f for f in lint(text).findings if f.severity is Severity.ERROR]
    assert [(f.code, f.line, f.column, text[f.start : f.end]) for f in errors] == [
        (code, line, column, at)
    ]
    # The rest is read as written: the statement's Action and Resource are found, and no
    # policy finding follows (no missing-resource, no unknown element)
    assert grants(read_json(text).value()) == grants(json.loads(clean))
    assert policy_codes(text) == policy_codes(clean)


@pytest.mark.parametrize(
    ("name", "clean", "text", "fixable"),
    [(c[0], c[1], c[2], c[7]) for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_fix_all_gives_json_with_every_grant_or_leaves_the_text(
    name: str, clean: str, text: str, fixable: bool
) -> None:
    fixed = fix_all(text)
    if not fixable:
        assert fixed == text
        return
    assert grants(json.loads(fixed)) >= grants(json.loads(clean))  # json.loads: our oracle
    assert fix_all(fixed) == fixed


def test_the_walkthrough_text_fixes_to_the_policy_without_the_stray_word() -> None:
    text = CASES[0][2]
    assert json.loads(fix_all(text)) == json.loads(ONE)
    assert "policy/missing-resource" not in policy_codes(text)
