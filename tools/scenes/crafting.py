# Scene for tools/screenshot.sh: the minimal-user persona ticked and the form filled in.
# Runs inside tools/screenshot_scene.py with `window` (the real MainWindow) and `tick_and_fill`.
model = window.catalog_model  # noqa: F821
row = tick_and_fill(window, "Minimal user")  # noqa: F821
window.catalog_view.tree.expand(window.catalog_view.proxy.mapFromSource(model.index(row, 0)))  # noqa: F821
