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
    ("a key missing its closing quote before a string", WHOLE.replace('"Effect":', '"Effect:'),
     "json/missing-quote", '"Effect'),
    ("the same before a list's first string", WHOLE.replace(
        '"Action": [\n                "chime:Connect"', '"Action: ["chime:Connect"'),
     "json/missing-quote", '"Action'),
    ("the same on the Resource line", WHOLE.replace('"Resource":', '"Resource:'),
     "json/missing-quote", '"Resource'),
    ("a value missing between : and ,", WHOLE.replace('"Allow"', ""), "json/unexpected", ","),
]  # fmt: skip
# Each case but the last, fixed: its text is strict JSON holding the whole policy.
REPAIRABLE = CASES[:-1]


@pytest.mark.parametrize(("name", "text", "code", "at"), CASES, ids=[c[0] for c in CASES])
def test_reported_once_and_the_rest_still_checked(name: str, text: str, code: str, at: str) -> None:
    found = lint(text).findings
    syntax = [f for f in found if f.code.startswith("json/")]
    assert [(f.code, text[f.start : f.end]) for f in syntax] == [(code, at)]
    rest = sorted(f.code for f in found if not f.code.startswith("json/"))
    assert rest == sorted(f.code for f in lint(WHOLE).findings)  # the same as when whole


@pytest.mark.parametrize(("name", "text"), [(c[0], c[1]) for c in REPAIRABLE])
def test_fix_all_repairs_them_to_strict_json(name: str, text: str) -> None:
    """The grants are AWS's example's (json.loads of the whole text), the action respelt."""
    document = json.loads(fix_all(text))
    statement = document["Statement"][0]
    assert statement["Action"] == ["chime:Connect", "chime:ListSubChannels"]
    assert statement["Effect"] == "Allow"
    assert statement["Resource"] == json.loads(WHOLE)["Statement"][0]["Resource"]
