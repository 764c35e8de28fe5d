"""Read any text: a value tree and every JSON syntax finding, with repairs.

Strict JSON goes through the fast reader (fast.py); anything else through the tolerant
one (tolerant.py, which reports each defect where a person would fix it).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from editor.core.json.fast import read_well_formed
from editor.core.json.parsed import ParsedText, duplicate_key
from editor.core.text import fixpoint
from editor.core.text.findings import Finding
from editor.core.text.positions import LineIndex

# The texts read last, for the lint, the selection and the sync check of one edit alike. A
# tree takes about four times its text in memory: the cache is bounded by the characters of
# its texts as well as by their number, so that a few 1 MB policies do not hold 60 MB.
CACHE_TEXTS = 16
CACHE_CHARS = 2_000_000


class CachedReader:
    """`read_json`: reads through a cache of the texts read last, least recently used first
    out, bounded by count and total characters. The newest entry always stays: a text over
    the bound is still read once per edit, not once per caller."""

    def __init__(self, texts: int, chars: int) -> None:
        self.texts, self.chars = texts, chars
        self._entries: OrderedDict[str, ParsedText] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()  # the editor reads on its worker and GUI threads

    def __call__(self, text: str) -> ParsedText:
        """Read any text: the value tree (or None) and every syntax finding, in text order.
        The result is shared, and never modified after reading."""
        with self._lock:
            found = self._entries.get(text)
            if found is not None:
                self._entries.move_to_end(text)
                return found
        found = _read(text)  # outside the lock: the other thread need not wait for it
        with self._lock:
            if text not in self._entries:
                self._entries[text] = found
                self._size += len(text)
                while len(self._entries) > 1 and (
                    len(self._entries) > self.texts or self._size > self.chars
                ):
                    old, _ = self._entries.popitem(last=False)
                    self._size -= len(old)
        return found

    def held(self) -> tuple[int, int]:
        """(texts, characters) in the cache now."""
        with self._lock:
            return len(self._entries), self._size

    def cache_clear(self) -> None:  # named as functools' caches name it (benchmarks)
        with self._lock:
            self._entries.clear()
            self._size = 0


read_json = CachedReader(CACHE_TEXTS, CACHE_CHARS)


def _read(text: str) -> ParsedText:
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
    return fixpoint.fix_all(text, json_findings)
