"""The window's Export follows the kind the window shows: detected, or chosen in the Kind
combo. One format per kind, each read by a tool we did not write."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import hcl2
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.cli.test_export_kinds import EXAMPLES, _statement_lists
from tests.conftest import seed_examples
from tests.core.export.test_formats import HCL, cfn_errors, data_source_as_policy


def open_policy(window, tmp_path: Path, text: str, name: str = "policy.json") -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert window.open_path(str(path))


def choose_kind(window, label: str) -> None:
    """As a user would: Alt+K, then Down until the kind shows."""
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    for _ in range(window.kind_combo.count()):
        if window.kind_combo.currentText() == label:
            return
        QTest.keyClick(window.kind_combo, Qt.Key.Key_Down)
    raise AssertionError(f"no kind {label!r} in the combo")


def export_to(window, tmp_path: Path, fmt: str, name: str) -> str:
    out = tmp_path / name
    window.dialogs.save_answer = str(out)
    window.export_menu.actions[fmt].trigger()
    assert window.dialogs.asked("error") == []
    return out.read_text(encoding="utf-8")


def test_a_trust_policy_exports_as_a_role(window, tmp_path: Path) -> None:
    open_policy(window, tmp_path, EXAMPLES["oidc-trust"], "trust-oidc.json")
    assert window.kind_combo.currentText() == "Auto: Role trust"
    text = export_to(window, tmp_path, "cloudformation-yaml", "TrustOidc.yaml")
    assert cfn_errors(text) == []  # was two E3510 errors: Principal in a ManagedPolicy
    assert "Type: AWS::IAM::Role" in text and "AssumeRolePolicyDocument:" in text


def test_a_bucket_policy_exports_as_the_buckets_policy_with_principals(window, tmp_path) -> None:
    open_policy(window, tmp_path, EXAMPLES["s3-canonical-user"], "bucket.json")
    text = export_to(window, tmp_path, "terraform-data", "bucket.tf")
    parsed = hcl2.loads(text, serialization_options=HCL)
    (resource,) = parsed["resource"][0]["aws_s3_bucket_policy"].values()
    assert resource["bucket"] == "amzn-s3-demo-bucket"
    expected = _statement_lists(json.loads(EXAMPLES["s3-canonical-user"]))
    assert data_source_as_policy(text) == expected


def test_a_policy_chosen_as_an_scp_exports_as_an_organizations_policy(window, tmp_path) -> None:
    open_policy(window, tmp_path, EXAMPLES["scp-deny-outside-regions"], "scp.json")
    choose_kind(window, "SCP")
    text = export_to(window, tmp_path, "aws-cli", "scp.sh")
    words = shlex.split(text)
    assert words[:5] == ["aws", "organizations", "create-policy", "--name", "Scp"]
    assert words[words.index("--type") + 1] == "SERVICE_CONTROL_POLICY"
    assert json.loads(words[-1]) == json.loads(EXAMPLES["scp-deny-outside-regions"])


def test_a_policy_chosen_as_an_rcp_exports_with_its_type(window, tmp_path) -> None:
    open_policy(window, tmp_path, EXAMPLES["rcp-secure-transport"], "rcp.json")
    choose_kind(window, "RCP")
    text = export_to(window, tmp_path, "cloudformation-json", "rcp.json")
    assert cfn_errors(text) == []
    (resource,) = json.loads(text)["Resources"].values()
    assert resource["Type"] == "AWS::Organizations::Policy"
    assert resource["Properties"]["Type"] == "RESOURCE_CONTROL_POLICY"


def test_a_key_policy_is_refused_with_its_reason(window, tmp_path) -> None:
    open_policy(window, tmp_path, EXAMPLES["chime-kms-key-policy"], "key.json")
    window.dialogs.save_answer = str(tmp_path / "key.tf")
    window.export_menu.actions["terraform"].trigger()
    ((title, text),) = window.dialogs.asked("error")
    assert title == "Not exported"
    assert "a kms resource-based policy is part of its kms resource" in text
    assert "Export it as JSON, or choose its kind in the Kind combo" in text
    assert not (tmp_path / "key.tf").exists()


def test_save_as_suggests_the_personas_name_for_a_new_policy(window, tmp_path, monkeypatch):
    """The audit saw "Minimal-user--new.json" suggested for File > New from Persona >
    Minimal user; the title's "(new)" is not part of the file's name."""
    monkeypatch.chdir(tmp_path)
    file_menu = window.menuBar().actions()[0].menu()
    (personas,) = [a.menu() for a in file_menu.actions() if a.text() == "New from &Persona"]
    (new_minimal,) = [a for a in personas.actions() if a.text() == "Minimal user"]
    new_minimal.trigger()
    assert window.windowTitle().startswith("Minimal user (new)")
    window.save_as_action.trigger()
    ((suggested,),) = window.dialogs.asked("save_path")
    assert Path(suggested).name == "Minimal-user.json"


def test_the_refusal_offers_fix_all_only_when_it_would_help(window, tmp_path) -> None:
    """The audit saw "use Fix all" while Fix all was greyed out: a placeholder is filled in
    the form, an error with no safe fix corrected by hand."""
    seed = seed_examples()[3]  # AWS's WebSocket example: placeholders, nothing Fix all does
    open_policy(window, tmp_path, seed, "seed.json")
    assert not window.problems.fix_all_button.isEnabled()
    window.export_menu.actions["json"].trigger()
    ((_, text),) = window.dialogs.asked("error")
    assert "Fix all" not in text and "Fill in the ARN form" in text
    broken = json.loads(EXAMPLES["oidc-trust"])
    broken["Statement"][0]["Effect"] = "allow"  # Fix all respells it
    open_policy(window, tmp_path, json.dumps(broken, indent=2), "trust.json")
    assert window.problems.fix_all_button.isEnabled()
    window.export_menu.actions["json"].trigger()
    (_, text) = window.dialogs.asked("error")[-1]
    assert "Use Fix all" in text
