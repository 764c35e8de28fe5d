"""`--policy-type` on `chime-policy lint` and `fix`: the kind detected, or the one chosen."""

import json
from pathlib import Path

import pytest

from editor.cli.main import main
from tests.core.kind_examples import CHIME_TRUST_AS_PRINTED, CLEAN

SERVICE_TRUST = next(e for e in CLEAN if e.name == "chime-service-role-trust").text


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_trust_policy_is_clean_as_detected(capsys, tmp_path: Path) -> None:
    path = tmp_path / "trust.json"
    path.write_text(SERVICE_TRUST, encoding="utf-8")
    assert run(capsys, "lint", str(path)) == (0, "", "")


def test_choosing_another_kind_checks_it_as_that_kind(capsys, tmp_path: Path) -> None:
    path = tmp_path / "trust.json"
    path.write_text(SERVICE_TRUST, encoding="utf-8")
    code, out, _ = run(capsys, "lint", "--policy-type", "identity", str(path))
    assert code == 1
    assert "error policy/principal-in-identity-policy" in out
    assert "checked as an identity policy, as chosen" in out
    code, out, _ = run(capsys, "lint", "--policy-type", "scp", str(path))
    assert "error policy/element-not-allowed Principal is not allowed in a service control" in out


def test_fix_keeps_the_kind_and_leaves_a_trust_policy_without_resource(
    capsys, tmp_path: Path
) -> None:
    path = tmp_path / "trust.json"
    path.write_text(CHIME_TRUST_AS_PRINTED.text, encoding="utf-8")
    code, out, err = run(capsys, "fix", str(path))
    document = json.loads(out)  # the missing comma is repaired
    statement = document["Statement"][0]
    assert "Resource" not in statement  # nothing added that IAM refuses in a trust policy
    assert statement["Action"] == "sts:AssumeRole"
    assert "principal/placeholder" in err and code == 1


def test_an_unknown_policy_type_is_a_usage_error(capsys, tmp_path: Path) -> None:
    path = tmp_path / "trust.json"
    path.write_text(SERVICE_TRUST, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["lint", "--policy-type", "bucket", str(path)])
    assert exit_info.value.code == 2
