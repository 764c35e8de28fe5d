"""Edits of a policy found inside a template or page, made in that file's own text.

The checks and the editor see the policy as JSON (`Embedded.text`); `Pieces` say where each
part of it stands in the file. An edit maps onto the file when it falls on text copied as is
(a JSON template's strings, a quoted YAML scalar, an HCL string), or replaces a whole string
that YAML writes plain (`Action: chime:Describeappinstance`): the new value is written plain
when YAML would read it back as the same string, else double-quoted. Anything else (a key
added, an item removed from a YAML list) does not map, and the caller says so or rewrites the
policy whole.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable

from editor.core.export.embedded import Embedded
from editor.core.json.nodes import to_python
from editor.core.json.read import read_json
from editor.core.text.findings import TextEdit, apply_edits

# A YAML plain scalar that YAML reads back as this very string (no indicator first, no ": "
# or " #" inside, not a boolean, null or number).
_PLAIN = re.compile(r"[A-Za-z0-9_/$.][\w:*./@+=$-]*")
_NOT_STRINGS = re.compile(
    r"(?i:true|false|yes|no|on|off|y|n|null|~)|[-+]?(\.\d+|\d[\d_]*(\.\d*)?)([eE][-+]?\d+)?"
)


def is_plain(text: str) -> bool:
    """Whether YAML reads `text` written plain (unquoted) back as this very string."""
    return _PLAIN.fullmatch(text) is not None and _NOT_STRINGS.fullmatch(text) is None


def map_edit(container: str, embedded: Embedded, edit: TextEdit) -> TextEdit | None:
    """`edit` of the policy's JSON text as an edit of the container, or None."""
    pieces = embedded.pieces
    if embedded.span is None and ("${" in edit.text or "%{" in edit.text):
        return None  # Terraform would read it as an interpolation, not as IAM's variable
    if pieces.literal_at(edit.start, edit.end):
        start, end = pieces.to_source(edit.start), pieces.to_source(edit.end, True)
        if edit.start == edit.end:
            end = start
        return edit._replace(start=start, end=end)
    return _plain_scalar(container, embedded, edit)


def _plain_scalar(container: str, embedded: Embedded, edit: TextEdit) -> TextEdit | None:
    """A whole string written plain in YAML, replaced by another string."""
    old_token = embedded.text[edit.start : edit.end]
    if len(old_token) < 2 or old_token[0] != '"' or edit.text[:1] != '"':
        return None
    try:
        old, new = json.loads(old_token), json.loads(edit.text)
    except ValueError:
        return None
    if not isinstance(old, str) or not isinstance(new, str):
        return None
    start = embedded.pieces.to_source(edit.start + 1)
    end = embedded.pieces.to_source(edit.end - 1, True)
    if container[start:end] != old or not old:
        return None  # not a plain scalar spelt as the policy reads it
    return TextEdit(start, end, new if is_plain(new) else json.dumps(new), edit.rank)


def edit_in_place(
    container: str, embedded: Embedded, edited: str, reread: Callable[[str], Embedded | None]
) -> str | None:
    """The container with the policy changed to `edited` by minimal edits of its own text,
    or None when some change does not map (the caller then rewrites the policy whole).

    The result is checked by reading it again (`reread(text)` gives the policy found at the
    same place, or None): it must hold the very document `edited` holds."""
    before, after = embedded.text, edited
    if not after.endswith("\n"):
        after += "\n"
    edits = []
    for start, end, text in _changes(before, after):
        mapped = map_edit(container, embedded, TextEdit(start, end, text))
        if mapped is None:
            return None
        edits.append(mapped)
    result = apply_edits(container, edits)
    again = reread(result)
    if again is None or not same_document(again.text, after):
        return None
    return result


def _changes(before: str, after: str) -> list[tuple[int, int, str]]:
    """The changed spans of `before`: lines first, then each changed run of lines trimmed to
    the characters that differ (a respelt action is one small edit, not a line). A run that
    replaces as many lines as it had is taken line by line: five actions respelt on five
    lines are five edits inside five strings, not one edit across the YAML between them."""
    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    old_at = [0]
    for line in old_lines:
        old_at.append(old_at[-1] + len(line))
    # The lines both share at each end are left out of the matcher: a tick changes a few
    # lines of a policy whose lines repeat (`"Effect": "Allow",` once per statement), and
    # on those the matcher's search grows faster than the text (0.9 s of a 100 KB save).
    same = 0
    while same < min(len(old_lines), len(new_lines)) and old_lines[same] == new_lines[same]:
        same += 1
    end = 0
    while (
        end < min(len(old_lines), len(new_lines)) - same
        and old_lines[-1 - end] == new_lines[-1 - end]
    ):
        end += 1
    old_middle = old_lines[same : len(old_lines) - end]
    new_middle = new_lines[same : len(new_lines) - end]
    matcher = difflib.SequenceMatcher(None, old_middle, new_middle, autojunk=False)
    changes = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        i1, i2, j1, j2 = i1 + same, i2 + same, j1 + same, j2 + same
        if op == "replace" and i2 - i1 == j2 - j1:
            runs = [(i1 + k, i1 + k + 1, j1 + k, j1 + k + 1) for k in range(i2 - i1)]
        else:
            runs = [(i1, i2, j1, j2)]
        for a1, a2, b1, b2 in runs:
            old, new = "".join(old_lines[a1:a2]), "".join(new_lines[b1:b2])
            if old != new:
                changes.append(_trimmed(old_at[a1], old, new))
    return changes


def _trimmed(at: int, old: str, new: str) -> tuple[int, int, str]:
    """`old` (at offset `at`) replaced by `new`, less the characters both start and end with."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return at + head, at + len(old) - tail, new[head : len(new) - tail]


def same_document(text: str, expected: str) -> bool:
    a, b = read_json(text), read_json(expected)
    if a.has_errors or b.has_errors or a.root is None or b.root is None:
        return False
    return bool(to_python(a.root) == to_python(b.root))
