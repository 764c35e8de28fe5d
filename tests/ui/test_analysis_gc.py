"""The analysis of a big policy keeps the cyclic garbage collector out of the way (analysis.py:
a full collection over a 3 MB policy's trees held the GIL for 100-600 ms, freezing the
window). That is safe only because an analysis leaves no cyclic garbage: frozen objects are
still freed by refcounting, but a cycle among them would never be. These tests hold both."""

from __future__ import annotations

import gc
import json

import pytest

from editor.core.lint.engine import LintOptions
from editor.core.policy import editing
from editor.ui.analysis import QUIET_GC_CHARS, Analyzer, Job, analyze


def policy(statements: int, broken: bool = False) -> str:
    statement = {
        "Sid": "Send",
        "Effect": "Allow",
        "Action": ["chime:SendChannelMessage", "chime:Listsubchannels"],
        "Resource": "arn:aws:chime:region:{aws_account_id}:app-instance/a/user/*",
    }
    text = json.dumps({"Version": "2012-10-17", "Statement": [statement] * statements}, indent=4)
    return text.replace("},\n", "}\n", 1) if broken else text  # a missing comma


@pytest.mark.parametrize("broken", [False, True], ids=["valid", "missing comma"])
def test_an_analysis_leaves_no_cyclic_garbage(broken: bool) -> None:
    text = policy(300, broken)
    analyze(Job(1, editing.new_state(text, sync=False), LintOptions()))  # lazy imports, caches
    gc.collect()
    before = gc.isenabled()
    gc.disable()
    try:
        analysis = analyze(Job(2, editing.new_state(text + " ", sync=False), LintOptions()))
        assert analysis is not None and analysis.result.findings
        del analysis
        assert gc.collect() == 0
    finally:
        if before:
            gc.enable()


def test_a_big_text_is_analysed_with_the_collector_held_back(qtbot) -> None:
    text = policy(2_000)
    assert len(text) > QUIET_GC_CHARS
    analyzer = Analyzer()
    gc.unfreeze()
    try:
        with qtbot.waitSignal(analyzer.done, timeout=30000) as done:
            analyzer.version = 1
            analyzer.submit(Job(1, editing.new_state(text, sync=False), LintOptions()))
        assert done.args[0].result.findings
        assert gc.isenabled()  # on again afterwards
        assert gc.get_freeze_count() > 0  # what the job built is out of the collector's walks
        small = policy(3)
        with qtbot.waitSignal(analyzer.done, timeout=30000):
            analyzer.version = 2
            analyzer.submit(Job(2, editing.new_state(small, sync=False), LintOptions()))
        assert gc.get_freeze_count() == 0  # a small text: the collector as Python runs it
    finally:
        analyzer.shutdown()
        gc.unfreeze()


def test_typing_in_a_big_policy_keeps_no_text_per_keystroke(qtbot) -> None:
    """The undo history merges keystrokes into one step; the commands Qt merged away (and
    PySide keeps alive) once held two whole texts each: 1 MB per key in a 1 MB policy."""
    import tracemalloc

    from editor.ui.document import Document

    document = Document()
    text = policy(4_000)
    assert len(text) > 1_000_000
    document.reset(editing.new_state(text, sync=False))
    middle = len(text) // 2
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(30):
            text = text[:middle] + "x" + text[middle:]
            document.set_text(text)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert document.undo_steps() == 1
    assert grown < 5 * len(text)  # the current text and the step's two: not thirty
