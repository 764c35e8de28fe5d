# Scene for tools/screenshot.sh: AWS's "register endpoint" example (two statements with their
# own Sids; https://docs.aws.amazon.com/chime-sdk/latest/dg/register-endpoint.html), opened
# and being filled in the ARN form: region and account typed, the app instance next.
import tempfile
from pathlib import Path

from PySide6.QtTest import QTest

from tests.core.aws_examples import REGISTER_ENDPOINT

path = Path(tempfile.mkdtemp()) / "register-endpoint.json"
path.write_text(REGISTER_ENDPOINT, encoding="utf-8")
window.open_path(str(path))  # noqa: F821
form = window.form  # noqa: F821
QTest.keyClicks(form.region.lineEdit(), "us-east-1")
QTest.keyClicks(form.inputs["account_id"], "123456789012")
form.inputs["app_instance_id"].setFocus()
