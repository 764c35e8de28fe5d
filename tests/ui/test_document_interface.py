"""The document's history and analysis are its own: no other module of the app reaches into
its undo stack or throttle, or into a private attribute of it."""

import re
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "editor"
# `document._x`, `doc._x`, `self.document._x`: a private part of the document, used outside it.
PRIVATE = re.compile(r"\b(?:document|doc)\._[a-z]\w*|\bundo_stack\b|\bQUndoStack\b")
SOURCES = sorted(p for p in UI.rglob("*.py") if p.name != "document.py")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(UI)))
def test_no_module_reaches_into_the_document(path: Path) -> None:
    found = [
        f"{path.name}:{n}: {line.strip()}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if PRIVATE.search(line)
    ]
    assert not found, "use the Document's methods instead:\n" + "\n".join(found)


def test_the_pattern_catches_what_it_is_for() -> None:
    for line in (
        "self.document._undo_stack.setClean()",
        "doc._throttle.hold()",
        "stack = self.document.undo_stack",
    ):
        assert PRIVATE.search(line), line
    assert not PRIVATE.search("self.document.mark_saved()")
