"""Property tests: the reader never raises, and its repairs give strict JSON."""

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.json.nodes import Kind
from editor.core.json.read import fix_all, read_json, read_tolerantly
from editor.core.text.findings import Severity

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=20,
)
# Text made of what broken policies are made of: JSON punctuation, quotes of every kind,
# comment markers, words, digits and line breaks.
policy_alphabet = st.sampled_from(
    list("{}[]:,\"'“”‘’/*\\ \n\r\t") + ["true", "null", "chime:Connect", "Action", "1", "-", "é"]
)
jsonish_text = st.lists(policy_alphabet, max_size=60).map("".join)


@st.composite
def damaged_json(draw: st.DrawFn) -> str:
    """Valid JSON with a few characters deleted, duplicated or inserted."""
    text = json.dumps(draw(json_values), indent=draw(st.sampled_from([None, 2, 4])))
    for _ in range(draw(st.integers(1, 3))):
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["delete", "insert"]))
        if op == "delete" and text:
            pos = min(pos, len(text) - 1)
            text = text[:pos] + text[pos + 1 :]
        else:
            text = text[:pos] + draw(st.sampled_from(list(",:[]{}\"' ") + ["//x\n"])) + text[pos:]
    return text


def repairable(text: str) -> bool:
    return all(f.fix is not None for f in read_json(text).findings if f.severity is Severity.ERROR)


@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "400")),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.text() | jsonish_text | damaged_json())
def test_reader_never_raises_and_positions_are_in_range(text: str) -> None:
    parsed = read_json(text)
    for finding in parsed.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.line >= 1 and finding.column >= 1


@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "400")),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(jsonish_text | damaged_json())
def test_fix_all_of_repairable_text_is_strict_json(text: str) -> None:
    if repairable(text):
        json.loads(fix_all(text))


@given(json_values, st.sampled_from([None, 1, 4]))
def test_valid_json_round_trips(value: object, indent: int | None) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    parsed = read_json(text)
    assert [
        f for f in parsed.findings if f.severity is Severity.ERROR and f.code != "json/invalid-char"
    ] == []
    assert parsed.value() == json.loads(text)
    assert (
        fix_all(text) == text
        or not repairable(text)
        or any(f.code == "json/invalid-char" for f in parsed.findings)
    )


def shape(node):
    """A node as nested tuples of everything a rule can see: kinds, ranges, values, keys."""
    if node is None:
        return None
    return (
        node.kind,
        node.start,
        node.end,
        node.value if node.kind not in (Kind.ARRAY, Kind.OBJECT) else None,
        tuple(shape(i) for i in node.items),
        tuple((m.key, m.key_start, m.key_end, shape(m.value)) for m in node.members),
    )


@given(json_values, st.sampled_from([None, 1, 4]), st.booleans())
def test_fast_path_builds_the_same_tree_as_the_tolerant_reader(value, indent, crlf) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=bool(indent))
    if crlf:
        text = text.replace("\n", "\r\n")
    fast, slow = read_json(text), read_tolerantly(text)
    assert shape(fast.root) == shape(slow.root)
    assert fast.findings == slow.findings
