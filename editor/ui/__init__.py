"""The window's widgets and the controller that drives them (PySide6)."""

from editor.ui.pyside_features import skip_feature_scan

skip_feature_scan()  # first: PySide would read the source of each module imported after it

from editor.ui.first_paint import hold_collections  # noqa: E402

hold_collections()  # until the window's first paint: see first_paint.py
