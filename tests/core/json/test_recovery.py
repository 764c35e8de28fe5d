"""Fragments pasted from docs: reported once, and the rest of the document still read and
checked (its placeholders and mis-cased actions found); Fix all gives strict JSON."""

import json

import pytest

from editor.core.lint.engine import fix_all, lint

BODY = """    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "chime:Connect",
                "chime:Listsubchannels"
            ],
            "Resource": "arn:aws:chime:region:{aws_account_id}:app-instance/x/user/y"
        }
    ]
}
"""
WHOLE = "{\n" + BODY

CASES = [
    ("members without their opening brace", BODY, "json/missing-brace", '"Version"'),
    ("a key missing its closing quote", WHOLE.replace('"Action":', '"Action:'),
     "json/missing-quote", '"Action'),
    ("a value missing between : and ,", WHOLE.replace('"Allow"', ""), "json/unexpected", ","),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "code", "at"), CASES, ids=[c[0] for c in CASES])
def test_reported_once_and_the_rest_still_checked(name: str, text: str, code: str, at: str) -> None:
    found = lint(text).findings
    syntax = [f for f in found if f.code.startswith("json/")]
    assert [(f.code, text[f.start : f.end]) for f in syntax] == [(code, at)]
    rest = sorted(f.code for f in found if not f.code.startswith("json/"))
    assert rest == sorted(f.code for f in lint(WHOLE).findings)  # the same as when whole


@pytest.mark.parametrize(("name", "text"), [(c[0], c[1]) for c in CASES[:2]])
def test_fix_all_repairs_them_to_strict_json(name: str, text: str) -> None:
    document = json.loads(fix_all(text))
    assert document["Statement"][0]["Action"] == ["chime:Connect", "chime:ListSubChannels"]
