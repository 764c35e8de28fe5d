"""The garbage collector waits for the window's first paint.

Importing the window's modules and building it make some 40,000 objects that live on, and
free almost none: Python ran about forty young collections over them before the first paint
(4 ms of start-up), finding nothing to free. Until the first paint the young generation's
threshold is raised instead. At the first paint what was built is frozen (gc.freeze), then
the collector's thresholds are put back: left in the young generation, those objects made the
first collections after the paint walk all of them (a 50-70 ms stall under load, against
20 ms before). Frozen, no collection walks them; the analysis worker's first job on a small
text thaws them into the oldest generation (see analysis.py), where a full collection finds
them as it would have found them had they been promoted one collection at a time.

Nothing is lost meanwhile: a collection still runs every HELD_THRESHOLD allocations (in a
process that imports the widgets and never paints a window, tests of one widget, that is all
that changes), and reference counting frees what it always frees.
"""

from __future__ import annotations

import gc

HELD_THRESHOLD = 200_000  # allocations between young collections, until the first paint

_saved: tuple[int, int, int] | None = None


def hold_collections() -> None:
    """Young collections wait (see above) until `release_collections`."""
    global _saved
    if _saved is None:
        _saved = gc.get_threshold()
        gc.set_threshold(HELD_THRESHOLD, _saved[1], _saved[2])


def release_collections() -> None:
    """What start-up built is frozen, and the collector's thresholds are as they were before
    `hold_collections`."""
    global _saved
    if _saved is not None:
        gc.freeze()
        gc.set_threshold(*_saved)
        _saved = None


def held() -> bool:
    return _saved is not None


def warm_up() -> None:
    """On the analysis worker, after the first paint: the first tick then finds the generator
    and pydantic imported. On the GUI thread this import stood the window still 120-170 ms."""
    import editor.core.policy.selection  # noqa: F401  (imports the generator and pydantic)
