"""Typing the account into the form of a trust policy as a guide prints it fills both the
SourceArn's account and the SourceAccount placeholder, and the note under the field says
where the value is, never that it "is not used". The audit saw SourceAccount left as
`<ACCOUNT_ID>` and the note "the value is not used" right after the value went into the
Condition. Whether the filled policy lets the service assume the role is the oracle's to
say (tests/cli/test_fill_trust_account.py)."""

import json
from pathlib import Path

from tests.cli.test_fill_trust_account import GUIDE, trust


def test_the_account_fills_source_account_and_source_arn_alike(window, qtbot, tmp_path: Path):
    path = tmp_path / "trust.json"
    path.write_text(json.dumps(trust(*GUIDE), indent=4), encoding="utf-8")
    assert window.open_path(str(path))
    form = window.form
    qtbot.keyClicks(form.inputs["account_id"], "111122223333")
    condition = json.loads(window.editor.toPlainText())["Statement"][0]["Condition"]
    assert condition["StringEquals"]["aws:SourceAccount"] == "111122223333"
    assert condition["ArnLike"]["aws:SourceArn"].startswith("arn:aws:chime:region:111122223333:")
    note = form.messages["account_id"].note
    assert "not used" not in note
    assert "the policy's Principal or Condition does" in note
    placeholders = [f.message for f in window.document.result.findings if "placeholder" in f.code]
    assert not any("ACCOUNT_ID" in m for m in placeholders)
