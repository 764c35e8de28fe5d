"""Policies opened from a template or a doc page: checked as the kind their place gives,
edited, and saved back into their place in the file (with a backup of the file)."""

import difflib
import json
from pathlib import Path

import yaml
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor.core.lint.engine import fix_all
from tests.core.export.test_containers import SEED, STACK


def codes(window) -> list[str]:
    return [f.code for f in window.problems.model.findings]


class _CfnLoader(yaml.SafeLoader):
    pass


_CfnLoader.add_multi_constructor("!", lambda loader, suffix, node: f"!{suffix}")


def test_a_trust_policy_from_a_template_is_checked_as_one(window, tmp_path: Path) -> None:
    path = tmp_path / "stack.yaml"
    path.write_text(STACK, encoding="utf-8")
    window.dialogs.choice = 0
    assert window.open_path(str(path))
    ((_, _, items),) = window.dialogs.asked("choose")
    assert items[0] == "ChatRole › AssumeRolePolicyDocument (AWS::IAM::Role)"
    assert window.kind_combo.currentText() == "Auto: Role trust"
    assert codes(window) == ["policy/element-not-allowed"]
    assert "from AssumeRolePolicyDocument" in window.problems.model.findings[0].message


def test_fix_all_and_save_write_the_policy_back_into_the_template(window, tmp_path) -> None:
    path = tmp_path / "stack.yaml"
    path.write_text(STACK, encoding="utf-8")
    window.dialogs.choice = 1  # ChatRole's inline policy, with a mis-cased action
    assert window.open_path(str(path))
    assert codes(window) == ["action/miscased"]  # its !Sub ARN is a value, not an error
    QTest.mouseClick(window.problems.fix_all_button, Qt.MouseButton.LeftButton)
    assert codes(window) == []
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = path.read_text(encoding="utf-8")
    assert (tmp_path / "stack.yaml.bak").read_text(encoding="utf-8") == STACK
    # a minimal edit of the template's own YAML: the one scalar, nothing else
    assert saved == STACK.replace("chime:Describeappinstance", "chime:DescribeAppInstance")
    template = yaml.load(saved, Loader=_CfnLoader)
    inline = template["Resources"]["ChatRole"]["Properties"]["Policies"][0]["PolicyDocument"]
    assert inline["Statement"][0]["Action"] == ["chime:DescribeAppInstance"]
    assert not window.isWindowModified()


def test_a_doc_page_block_is_fixed_and_saved_in_place(window, tmp_path: Path) -> None:
    page = SEED.read_text(encoding="utf-8")
    path = tmp_path / "page.md"
    path.write_text(page, encoding="utf-8")
    window.dialogs.choice = 1
    assert window.open_path(str(path))
    ((_, _, items),) = window.dialogs.asked("choose")
    assert len(items) == 4
    before = window.document.state.text
    QTest.mouseClick(window.problems.fix_all_button, Qt.MouseButton.LeftButton)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.read_text(encoding="utf-8") == page.replace(before, fix_all(before), 1)


def test_save_as_for_a_policy_from_a_template_starts_in_the_templates_folder(
    window, tmp_path, monkeypatch
) -> None:
    """Audit D12: not in the folder the app was started from."""
    folder = tmp_path / "stacks"
    folder.mkdir()
    path = folder / "stack.yaml"
    path.write_text(STACK, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    window.dialogs.choice = 1
    assert window.open_path(str(path))
    window.dialogs.save_answer = None  # the user looks at the dialog, then cancels
    window.save_as_action.trigger()
    ((suggested,),) = [args for name, args in window.dialogs.calls if name == "save_path"]
    assert Path(suggested).parent == folder.resolve()
    assert Path(suggested).suffix == ".json"


def test_every_export_format_opens_in_the_window_with_zero_errors(window, tmp_path) -> None:
    """The window's open path, on each file `chime-policy export` writes (the same files the
    command line reopens in tests/cli/test_reopen_exports.py)."""
    from editor.core.text.findings import Severity
    from tests.cli.test_reopen_exports import FORMATS, POLICIES, exported
    from tests.core.export.test_formats import as_lists_of_strings

    policy = POLICIES["multi-service"]
    for fmt, sub, name in FORMATS:
        path = exported(tmp_path, policy, fmt, sub, name)
        assert window.open_path(str(path)), name
        errors = [f for f in window.problems.model.findings if f.severity is Severity.ERROR]
        assert errors == [], name
        assert window.status.counts.text().startswith("● 0 errors"), name
        # what the window shows is the policy that was exported, whatever the wrapping
        # (its actions; a --sub export shows its account as the stack's, symbolically)
        shown = as_lists_of_strings(json.loads(window.editor.toPlainText()))
        expected = as_lists_of_strings(json.loads(policy))
        assert [s.get("Action") for s in shown["Statement"]] == [
            s.get("Action") for s in expected["Statement"]
        ], name


def test_a_tick_in_a_yaml_template_is_saved_as_lines_of_its_yaml(window, tmp_path) -> None:
    """A tick adds a statement: Save inserts its lines, in the template's own YAML (`!Sub`
    where it writes `!Sub`), the rest of the template untouched."""
    from tests.core.template_ticks import decoded
    from tests.ui.test_crafting import action_index

    path = tmp_path / "stack.yaml"
    path.write_text(STACK, encoding="utf-8")
    window.dialogs.choice = 1
    assert window.open_path(str(path))
    index = action_index(window, "Full user", "ListChannels")
    window.catalog_model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = path.read_text(encoding="utf-8")
    assert saved.splitlines()[:19] == STACK.splitlines()[:19]  # the trust policy untouched
    changes = [
        line[0] + line[2:].strip()
        for line in difflib.ndiff(STACK.splitlines(), saved.splitlines())
        if line[0] in "+-?"
    ]
    assert changes[:3] == ["+- Sid: ChimeUser", "+Effect: Allow", "+Action:"]
    assert "+- chime:ListChannels" in changes and all(c[0] == "+" for c in changes)
    template = decoded(saved, "stack.yaml")  # cfn-lint's reader: !Sub as Fn::Sub
    inline = template["Resources"]["ChatRole"]["Properties"]["Policies"][0]["PolicyDocument"]
    assert inline == json.loads(window.editor.toPlainText())  # the policy as the window has it


def test_saving_an_unchanged_page_or_file_writes_nothing(window, tmp_path: Path) -> None:
    """Ctrl+S on what the file already holds rewrites nothing and leaves no backup behind
    (a new user's audit found a `page.md.bak` after saving a page they had not touched)."""
    page = tmp_path / "page.md"
    page.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    window.dialogs.choice = 1
    assert window.open_path(str(page))
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    plain = tmp_path / "p.json"
    plain.write_text('{"Version": "2012-10-17", "Statement": []}\n', encoding="utf-8")
    assert window.open_path(str(plain))
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json", "page.md"]
    assert window.status.currentMessage() == "p.json already holds this text: nothing to write."
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    QTest.keyClicks(window.editor, " ")  # a real change is written, with its backup
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json", "p.json.bak", "page.md"]


def test_the_chooser_names_a_sub_named_policy_as_the_template_writes_it(window, tmp_path):
    """The chooser listed aws-samples' chat demo's inline policies as "policy 1": their
    PolicyName is a `!Sub` of the stack's name."""
    from tests.cli.test_chat_template import CHAT_TEMPLATE

    path = tmp_path / "template.yaml"
    path.write_text(CHAT_TEMPLATE, encoding="utf-8")
    window.dialogs.choice = 2
    assert window.open_path(str(path))
    ((_, _, items),) = window.dialogs.asked("choose")
    assert items[2] == "CognitoAuthorizedRole › ${DemoName}-ChimeSDKDemoUserPolicy (AWS::IAM::Role)"
    assert not any("› policy " in item for item in items)
