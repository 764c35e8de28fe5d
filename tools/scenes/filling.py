# Scene for tools/screenshot.sh: AWS's "register endpoint" example (two statements with their
# own Sids; https://docs.aws.amazon.com/chime-sdk/latest/dg/register-endpoint.html), opened
# and being filled in the ARN form, typed key by key: region, account and app instance done,
# the user ID and Pinpoint's project_id still unfilled.
import sys
import tempfile
from pathlib import Path

from PySide6.QtTest import QTest

sys.path.insert(0, str(Path.cwd()))  # screenshot.sh runs from the repository root
from tests.core.aws_examples import REGISTER_ENDPOINT

path = Path(tempfile.mkdtemp()) / "register-endpoint.json"
path.write_text(REGISTER_ENDPOINT, encoding="utf-8")
window.open_path(str(path))  # noqa: F821
form = window.form  # noqa: F821
QTest.keyClicks(form.region.lineEdit(), "us-east-1")
QTest.keyClicks(form.inputs["account_id"], "123456789012")
QTest.keyClicks(form.inputs["app_instance_id"], "4d2f7a10-0b1c-4e5f-9a3e-0123456789ab")
form.inputs["user_id"].setFocus()
