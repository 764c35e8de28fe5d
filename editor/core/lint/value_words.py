"""A stray word inside a value that grants or limits access is never deleted by Fix all.

The JSON reader calls a bare word between the elements of a list "stray" and offers to delete it:
harmless between members, but in a Deny's Action list, `"chime:DeleteChannel"` + newline +
`DeleteChannelMessage` is an action the writer meant to deny, and deleting it allows it. Inside
an Action, NotAction, Resource, NotResource, Principal, NotPrincipal or Condition value the
deletion is only offered; when the word names an action (with its `service:` prefix, or without
it where every other entry of the list has one same prefix), the safe fix quotes it and adds the
missing comma.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from editor.core.catalog.catalog import Catalog
from editor.core.catalog.lookup import find_action
from editor.core.json.nodes import ARRAY, STRING, Node
from editor.core.json.tokenkinds import COMMA_RANK
from editor.core.policy.statements import StatementView
from editor.core.text.findings import Finding, Fix, TextEdit

GUARDED = ("Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal")
GUARDED_ALL = (*GUARDED, "Condition")
_ACTION_SHAPE = re.compile(r"[a-z0-9-]+:[A-Za-z0-9*?]+", re.IGNORECASE)
_PREFIX_BEFORE = re.compile(r"(?<![A-Za-z0-9-])([a-z0-9-]+):\Z", re.IGNORECASE)


def guard_value_words(
    found: list[Finding], text: str, views: Sequence[StatementView], catalog: Catalog
) -> list[Finding]:
    """`found` with the deletion of a word inside a guarded value made unsafe, or replaced by
    quoting it when it names an action."""
    if not any(f.code == "json/stray" for f in found):
        return found
    values = [
        (name, member.value)
        for view in views
        for name in GUARDED_ALL
        if (member := view.member(name)) is not None and member.value is not None
    ]
    guarded = []
    taken: set[int] = set()  # offsets of quotes a quoting fix takes in
    for finding in found:
        fix = finding.fix
        word = text[finding.start : finding.end]
        if finding.code != "json/stray" or fix is None or not fix.safe or not word[:1].isalnum():
            guarded.append(finding)
            continue
        inside = next(((n, v) for n, v in values if v.start <= finding.start < v.end), None)
        if inside is None:
            guarded.append(finding)
            continue
        name, value = inside
        quoted = None
        if name in ("Action", "NotAction") and value.kind is ARRAY:
            quoted = _quoted_action(text, value, finding, catalog)
        if quoted is not None:
            guarded.append(quoted)
            if text.startswith('"', finding.end):  # its closing quote, taken into the fix
                taken.add(finding.end)
        else:
            guarded.append(
                finding._replace(
                    message=f"{finding.message}; it sits in {name}, so it is not deleted for "
                    "you: quote it or delete it",
                    fix=fix._replace(safe=False),
                )
            )
    # A quote taken into a quoted action is no string left open: its own fix would add one
    return [
        f._replace(fix=None) if f.code == "json/unexpected" and f.start in taken else f
        for f in guarded
    ]


def _quoted_action(text: str, array: Node, finding: Finding, catalog: Catalog) -> Finding | None:
    """The finding with a fix that quotes the word (prefixed as the list's other entries are,
    when it has no prefix of its own) and adds the missing commas; None unless the result
    names an action."""
    start, word = finding.start, text[finding.start : finding.end]
    strings = [str(item.value) for item in array.items if item.kind is STRING]
    if not all(_ACTION_SHAPE.fullmatch(s) for s in strings):
        return None  # `"chime:A, "chime:B"`: a quote slipped, the list is not read as written
    prefix = _PREFIX_BEFORE.search(text[max(0, start - 64) : start])
    if prefix is not None:  # `chime:DeleteChannelMessage` bare: read as `chime`, `:` and this
        name, start = prefix[1] + ":" + word, start - len(prefix[0])
    else:
        prefixes = {s.partition(":")[0] for s in strings}
        if len(prefixes) != 1 or not all(":" in s for s in strings):
            return None  # no prefix to give it, or more than one
        name = f"{prefixes.pop()}:{word}"
    if find_action(catalog, name) is None:
        return None
    edits = []
    before = [item for item in array.items if item.end <= start]
    if before and "," not in text[before[-1].end : start]:
        edits.append(TextEdit(before[-1].end, before[-1].end, ",", COMMA_RANK))
    end = finding.end
    if text.startswith('"', end):
        end += 1  # `chime:DeleteChannel",`: the string's own closing quote, its opening one lost
    after = [item for item in array.items if item.start >= end]
    edits.append(TextEdit(start, end, json.dumps(name)))
    if after and "," not in text[end : after[0].start]:
        edits.append(TextEdit(end, end, ",", COMMA_RANK))
    return finding._replace(
        message=f"{word!r} names the action {name}: its quotes and the comma before it are missing",
        fix=Fix(f"Quote it as {json.dumps(name)}", tuple(edits)),
    )
