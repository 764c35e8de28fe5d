"""Fix never removes what the user granted, and settles: one case per defect of issue 15's
"Fix must never remove what the user granted" (each case failed before the fix)."""

import json

import pytest

from editor.core.lint.engine import fix_all, lint
from editor.core.text.findings import Severity, TextEdit, apply_edits
from tests.core.policies import CHANNEL, USER, policy, statement

S = statement


def one_statement(actions: str, tail: str = '"Resource": "*"}}') -> str:
    return (
        '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": '
        + actions
        + (", " + tail if not tail.startswith("\n") else tail)
    )


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # Each copy of a duplicated wildcard used to be "already allowed by" the other: both
        # went. The first copy stays.
        (
            one_statement('["chime:List*", "chime:Connect", "chime:List*"]'),
            one_statement('["chime:List*", "chime:Connect"]'),
        ),
        # Three copies: one stays (the removals touch; the second waits for a later round).
        (
            one_statement('["chime:Connect", "chime:Connect", "chime:Connect"]'),
            one_statement('["chime:Connect"]'),
        ),
        # Other letter case: the mis-cased copy is respelt, then removed as an exact copy.
        (
            one_statement('["chime:Connect", "chime:connect"]'),
            one_statement('["chime:Connect"]'),
        ),
    ],
)
def test_duplicates_keep_one_copy(text: str, fixed: str) -> None:
    assert fix_all(text) == fixed


@pytest.mark.parametrize(
    "actions",
    [
        '["chime:List*", "chime:ListChannels"]',
        '["chime:ListChannels", "chime:List*"]',
        '["chime:*", "chime:List*"]',
        '["chime:List**", "chime:List*"]',
    ],
)
def test_an_action_a_wildcard_covers_is_offered_not_applied(actions: str) -> None:
    text = one_statement(actions)
    duplicates = [f for f in lint(text).findings if f.code == "action/duplicate"]
    assert len(duplicates) == 1  # of two wildcards that cover each other, only one
    assert duplicates[0].fix is not None and not duplicates[0].fix.safe
    assert fix_all(text) == text


BROKEN_LISTS = [
    # The Action list misses its "]": a "*" and the next key used to be pulled into it, the
    # "*" covered everything, and fix deleted the actions and the "Resource" key.
    one_statement('["chime:ListChannels", "chime:Connect", "*",', '\n"Resource": "*"}}'),
    one_statement('["chime:ListChannels", "*" "chime:Connect",', '\n"Resource": "*"}}'),
    one_statement('["chime:List*", "chime:ListChannels"', '\n"Resource": "*"}}'),
    one_statement('["chime:ListChannels", "chime:Listchannels" "*"', '\n"Resource": "*"}}'),
]


@pytest.mark.parametrize("text", BROKEN_LISTS)
def test_fix_on_a_broken_list_keeps_every_action_and_key(text: str) -> None:
    fixed = fix_all(text)
    for name in ('"chime:ListChannels"', '"chime:Connect"', '"*"', '"Resource"', '"chime:List*"'):
        if name in text:
            assert name.lower() in fixed.lower()
    json.loads(fixed)


@pytest.mark.parametrize("text", BROKEN_LISTS)
def test_policy_fixes_wait_while_the_statement_around_them_is_broken(text: str) -> None:
    found = lint(text).findings
    assert any(f.code.startswith("json/") and f.severity is Severity.ERROR for f in found)
    for finding in found:
        if finding.fix is not None and not finding.code.startswith("json/"):
            assert not finding.fix.safe, finding


def test_a_broken_statement_does_not_stop_fixes_in_a_clean_one() -> None:
    text = policy(S("chime:connect", USER), S(["chime:ListChannels"], [CHANNEL]))
    text = text.replace('"chime:ListChannels"', '"chime:ListChannels" "chime:Connect"')
    found = {f.code: f for f in lint(text).findings}
    assert found["action/miscased"].fix.safe  # statement 1 reads cleanly
    assert '"chime:Connect"' in fix_all(text).split("ListChannels")[0]


def test_a_misplaced_element_is_not_renamed() -> None:
    """ "Sid" at the top level is misplaced, not a typo of "Id": renaming it would lose it."""
    text = '{"Version": "2012-10-17", "Sid": "A1", "Statement": ' + json.dumps(
        S("chime:Connect", USER)
    )
    text += "}"
    (finding,) = [f for f in lint(text).findings if f.code == "policy/unknown-element"]
    assert finding.fix is not None and not finding.fix.safe
    assert fix_all(text) == text


@pytest.mark.parametrize(
    "text",
    [
        '{"a": "x',  # an unclosed last string: every run used to append another "}"
        '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "chime:Connect',
        '[{"a": "x", "b": ["y", "z',
        '{"a": "x,\n"b": 1}',
        "{\n// note\n",
        '{"a": [1, 2, {"b": "c"',
    ],
)
def test_fix_reaches_a_fixed_point_in_one_run(text: str) -> None:
    once = fix_all(text)
    assert fix_all(once) == once


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ('{"a": "x', '{"Version": "2012-10-17", "a": "x"}'),
        ('[{"a": "x', '[{"a": "x"}]'),
        ('{"a": "x,\n"b": 1}', '{"Version": "2012-10-17", "a": "x",\n"b": 1}'),
    ],
)
def test_an_unclosed_string_is_closed_before_its_brackets(text: str, fixed: str) -> None:
    assert fix_all(text) == fixed


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # Two inserts at one offset used to apply in the wrong order:
        # `{"Version": "2012-10-17"}"Version": "2012-10-17"`.
        ("{\n", '{"Version": "2012-10-17"}\n'),
        ("{", '{"Version": "2012-10-17"}'),
        ("[[[", "[[[]]]"),
        ("[{", "[{}]"),
        ('{"a": [1, 2\n"b": 3}', '{"Version": "2012-10-17", "a": [1, 2],\n"b": 3}'),
    ],
)
def test_inserts_at_one_offset_apply_in_a_defined_order(text: str, fixed: str) -> None:
    assert fix_all(text) == fixed


def test_apply_edits_orders_inserts_at_one_offset_by_rank() -> None:
    edits = [TextEdit(2, 2, ",", 9), TextEdit(2, 2, "]", 2), TextEdit(2, 2, '"', 0)]
    assert apply_edits("[a", edits) == '[a"],'


CRLF_POLICY = policy(S("chime:Connect", USER), version=None).replace("\n", "\r\n")


@pytest.mark.parametrize(
    "text",
    [
        CRLF_POLICY,  # the missing-Version fix used to insert a bare "\n"
        CRLF_POLICY.replace('"Effect": "Allow",', '"Effect": "Allow"'),  # a missing comma
        CRLF_POLICY.replace('"Effect": "Allow",', '"Effect": "Allow", // ours'),
        CRLF_POLICY.replace('"Effect": "Allow",', '"Effect": "Allow" // ours'),
        CRLF_POLICY.replace("{\r\n", "{\r\n    // pasted from the docs\r\n", 1),
        CRLF_POLICY.replace('"chime:Connect"', '"chime:Connect'),
    ],
)
def test_fixes_keep_crlf_line_endings(text: str) -> None:
    fixed = fix_all(text)
    assert fixed != text
    assert fixed.count("\n") == fixed.count("\r\n") == fixed.count("\r")
    assert json.loads(fixed)["Version"] == "2012-10-17"


def test_a_removed_inline_comment_leaves_its_line_ending() -> None:
    text = '{"Version": "2012-10-17", // note\r\n"Statement": []}'
    assert fix_all(text) == '{"Version": "2012-10-17", \r\n"Statement": []}'
