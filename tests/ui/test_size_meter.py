"""The size meter's figures are never drawn under its bar: they sit beside it, whole, at every
fill (drawn on the bar, the chunk's edge ran through the first digit from about a quarter of
the quota on). Policies opened from files of growing size, as a user opens them."""

import json
from pathlib import Path

import pytest


def policy(actions: int) -> str:
    statement = {"Effect": "Allow", "Action": ["chime:ListChannels"] * actions, "Resource": "*"}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]}, indent=2)


@pytest.mark.parametrize("actions", [5, 60, 75, 150, 260, 330])  # 3% .. over the quota
def test_the_figures_sit_whole_beside_the_bar(window, qtbot, tmp_path: Path, actions) -> None:
    window.show()
    qtbot.waitExposed(window)
    path = tmp_path / "policy.json"
    path.write_text(policy(actions), encoding="utf-8")
    assert window.open_path(str(path))
    status = window.status
    qtbot.waitUntil(lambda: status.size_text.text().endswith(" / 6,144"))
    size = int(status.size_text.text().split(" / ")[0].replace(",", ""))
    assert size > 0 and status.meter.value() == min(size, 6144)
    assert not status.meter.isTextVisible()  # nothing written under the chunk
    figures, bar = status.size_text.geometry(), status.meter.geometry()
    assert status.size_text.isVisible() and bar.isValid()
    assert not figures.intersects(bar) and figures.right() < bar.left()
    advance = status.size_text.fontMetrics().horizontalAdvance(status.size_text.text())
    assert advance <= status.size_text.contentsRect().width()  # not cut short
    assert ("over the limit" in status.meter.toolTip()) == (size > 6144)
