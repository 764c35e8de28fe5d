"""Property tests: the reader never raises, and its repairs give strict JSON."""

import json
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.json.nodes import Kind
from editor.core.json.read import fix_all, read_json, read_tolerantly
from editor.core.text.findings import Severity, TextEdit, apply_edits

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


# Strings IAM accepts (U+0020-U+00FF): a character outside is an error no fix can repair.
iam_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=8)
iam_values = st.recursive(
    st.none() | st.booleans() | st.integers() | iam_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(iam_text, children, max_size=4)
    ),
    max_leaves=20,
)
_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")


def known_defects(text: str) -> list[TextEdit]:
    """Every defect with one plausible repair that can be put into valid JSON `text`, each as
    an edit: a comma dropped or added before a closer, the last closer dropped, a comment,
    typographic or single quotes, an unquoted key, a byte-order mark."""
    root = read_json(text).root
    assert root is not None
    defects = [TextEdit(0, 0, "\ufeff")]
    if root.kind in (Kind.ARRAY, Kind.OBJECT):
        defects.append(TextEdit(root.end - 1, root.end, ""))
    stack = [root]
    while stack:
        node = stack.pop()
        children = node.items or [m.value for m in node.members if m.value is not None]
        stack.extend(children)
        if children:
            defects.append(TextEdit(node.end - 1, node.end - 1, ","))  # a trailing comma
            defects.append(TextEdit(node.start + 1, node.start + 1, "\n// note\n"))
        for before in children[:-1]:
            comma = text.index(",", before.end)
            defects.append(TextEdit(comma, comma + 1, ""))  # a missing comma
        for member in node.members:
            if _IDENTIFIER.fullmatch(member.key):
                defects.append(TextEdit(member.key_start, member.key_end, member.key))
        if node.kind is Kind.STRING and "\\" not in text[node.start : node.end]:
            inner = text[node.start + 1 : node.end - 1]
            defects.append(TextEdit(node.start, node.end, f"\u201c{inner}\u201d"))
            if "'" not in inner:
                defects.append(TextEdit(node.start, node.end, f"'{inner}'"))
    return defects


@st.composite
def repairable_json(draw: st.DrawFn) -> tuple[object, str]:
    """A valid value, and its text with one to four known defects put in."""
    value = draw(iam_values.filter(lambda v: isinstance(v, (list, dict)) and v))
    text = json.dumps(value, indent=draw(st.sampled_from([None, 2, 4])), ensure_ascii=False)
    defects = draw(st.lists(st.sampled_from(known_defects(text)), min_size=1, max_size=4))
    chosen: list[TextEdit] = []
    for edit in defects:
        if all(
            edit.start != other.start and (edit.end <= other.start or other.end <= edit.start)
            for other in chosen
        ):
            chosen.append(edit)  # disjoint ones only, as damage happens in different places
    return value, apply_edits(text, chosen)


@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "400")),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(repairable_json())
def test_fix_all_repairs_known_defects_to_the_original_value(case: tuple[object, str]) -> None:
    """Every example reaches the assertion: the damage is of kinds with one plausible repair,
    so the reader must offer a safe fix for each error, and fixing restores the value."""
    value, text = case
    found = read_json(text).findings
    assert found  # every defect is reported (a byte-order mark as a warning)
    errors = [f for f in found if f.severity is Severity.ERROR]
    assert all(f.fix is not None and f.fix.safe for f in errors), errors
    assert json.loads(fix_all(text)) == value


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
