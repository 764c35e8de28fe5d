"""The window and the CLI list the same policies of a CRLF template, in the same order (the
audit's D3: the window listed the chat demo's `PolicyDocument: |` policy, the CLI did not,
and `--index N` meant another policy than the window's Nth)."""

from pathlib import Path

from editor.cli.main import main
from tests.cli.test_crlf_template import COMPREHEND, crlf, listed


def test_window_and_cli_list_the_same_policies(window, capsys, tmp_path: Path) -> None:
    path = crlf(tmp_path)
    window.dialogs.choice = 1
    assert window.open_path(str(path))
    shown = [args for kind, args in window.dialogs.calls if kind == "choose"][-1][2]
    assert main(["grants", str(path)]) == 2
    assert listed(capsys.readouterr().err) == list(shown)
    # the window's second is the CLI's --index 2
    assert shown[1] == COMPREHEND
    assert '"chime:Listsubchannels"' in window.editor.toPlainText()
    assert main(["grants", "--index", "2", str(path)]) == 0
    assert "chime:ListSubChannels" in capsys.readouterr().out
