"""The window's widgets and the controller that drives them (PySide6)."""

from editor.ui.pyside_features import skip_feature_scan

skip_feature_scan()
