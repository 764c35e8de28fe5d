"""Read any text: a value tree and every JSON syntax finding, with repairs.

Strict JSON goes through the fast reader (fast.py); anything else through the tolerant
one (tolerant.py, which reports each defect where a person would fix it).
"""

from __future__ import annotations

from functools import lru_cache

from editor.core.json.fast import read_well_formed
from editor.core.json.parsed import ParsedText, duplicate_key
from editor.core.text import findings as fnd
from editor.core.text.findings import Finding
from editor.core.text.positions import LineIndex


@lru_cache(maxsize=16)
def read_json(text: str) -> ParsedText:
    """Read any text: the value tree (or None) and every syntax finding, in text order.

    Cached: an edit is read by the lint, the selection and the sync check alike; the result
    is never modified after reading.
    """
    well_formed = read_well_formed(text)
    if well_formed is not None:
        root, duplicates = well_formed
        index = LineIndex(text)
        ordered = sorted(duplicates, key=lambda m: m.key_start)
        found = tuple(duplicate_key(index, m) for m in ordered)
        return ParsedText(text, root, found, index)
    return read_tolerantly(text)


def read_tolerantly(text: str) -> ParsedText:
    """The tolerant reader alone (read_json uses it for all but well-formed text)."""
    from editor.core.json import tolerant  # loaded for broken text only: a faster start-up

    return tolerant.read_tolerantly(text)


def json_findings(text: str) -> tuple[Finding, ...]:
    return read_json(text).findings


def fix_all(text: str) -> str:
    """Apply every safe JSON syntax fix; repairable text comes out as strict JSON."""
    return fnd.fix_all(text, json_findings)
