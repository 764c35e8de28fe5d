# Scene for tools/screenshot.sh: the minimal-user persona saved, then widened in the editor
# (a channel wildcard and DeleteChannel on "*"); Access > Compare with Saved Version.
import json
import tempfile
from pathlib import Path

tick_and_fill(window, "Minimal user")  # noqa: F821
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
