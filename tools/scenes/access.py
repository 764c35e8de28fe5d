# Scene for tools/screenshot.sh: the full-user persona ticked and filled in, the Access pane
# asking whether the user may send a message to a channel, the deciding statement marked.
from PySide6.QtCore import Qt

model = window.catalog_model  # noqa: F821
row = next(i for i, g in enumerate(model.groups) if g.title == "Full user")
model.setData(model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
for name, value in (
    ("region", "us-east-1"),
    ("account_id", "123456789012"),
    ("app_instance_id", "1b2c3d4e-chat-prod"),
    ("user_id", "${aws:username}"),
):
    window.document.set_field(name, value)  # noqa: F821
window.access.show_tab(0)  # noqa: F821
window.access.pane.fill_from_form()  # noqa: F821
window.access.pane.action.setCurrentText("chime:SendChannelMessage")  # noqa: F821
