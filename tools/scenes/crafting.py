# Scene for tools/screenshot.sh: the minimal-user persona ticked and the form filled in.
# Runs inside tools/screenshot_scene.py with `window` bound to the real MainWindow.
from PySide6.QtCore import Qt

model = window.catalog_model  # noqa: F821
row = next(i for i, g in enumerate(model.groups) if g.title == "Minimal user")
model.setData(model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
for name, value in (
    ("region", "us-east-1"),
    ("account_id", "123456789012"),
    ("app_instance_id", "1b2c3d4e-chat-prod"),
    ("user_id", "${aws:username}"),
):
    window.document.set_field(name, value)  # noqa: F821
window.catalog_view.tree.expand(window.catalog_view.proxy.mapFromSource(model.index(row, 0)))  # noqa: F821
