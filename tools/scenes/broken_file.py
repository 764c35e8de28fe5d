# Scene for tools/screenshot.sh: AWS's full-user example, opened as pasted, defects and all.
import re
import tempfile
from pathlib import Path

seed = Path("tools/sources/aws_example_iam_roles.md").read_text(encoding="utf-8")
example = re.findall(r"```\n(.*?)```", seed, re.S)[1]
path = Path(tempfile.mkdtemp()) / "chime-user-policy.json"
path.write_text(example, encoding="utf-8")
window.open_path(str(path))  # noqa: F821
window.editor.jump_to(40, 32)  # noqa: F821
