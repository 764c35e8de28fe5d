# Scene for tools/screenshot.sh: the minimal-user persona saved, then widened in the editor
# (a channel wildcard and DeleteChannel on "*"); Access > Compare with Saved Version.
import json
import tempfile
from pathlib import Path

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
saved = Path(tempfile.mkdtemp()) / "minimal-user.json"
saved.write_text(window.document.state.text, encoding="utf-8")  # noqa: F821
window.files.open_path(str(saved), ask=False)  # noqa: F821
document = json.loads(window.document.state.text)  # noqa: F821
document["Statement"].append(
    {"Sid": "Cleanup", "Effect": "Allow", "Action": ["chime:DeleteChannel"], "Resource": "*"}
)
window.document.replace_all(json.dumps(document, indent=4) + "\n", "Widen")  # noqa: F821
window.access.compare_saved()  # noqa: F821
window.access.compare_dialog.move(300, 250)  # noqa: F821
