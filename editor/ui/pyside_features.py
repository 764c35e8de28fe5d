"""PySide6's `__feature__` options (snake_case, true_property) are switched per module: to
know which modules may switch them, PySide reads the whole source of every module imported
after it and looks for the text "PySide6" in it. The window imports about ninety modules
before its first paint (ours, and the standard library's); reading them cost 10-13 ms of
start-up. This program switches on no feature anywhere, so every module is told what the scan
would have concluded for a module that never switches one: nothing to switch.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def _switches_no_feature(module: ModuleType) -> bool:
    return False


def skip_feature_scan() -> None:
    """Answer PySide's per-module question without reading the module's source. Should a
    later PySide rename its hook, nothing changes but the start-up time."""
    importlib.import_module("PySide6.QtCore")  # it sets up the feature machinery
    try:
        feature = importlib.import_module("PySide6.support.feature")
    except ImportError:
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", _switches_no_feature)  # noqa: B010
