"""The command line's rough edges found by the audit (A13), through main() on real files."""

from pathlib import Path

import pytest

from editor.cli.main import main
from tests.core.policies import USER, policy, statement
from tests.core.template_examples import SUB_EXPORT, TERRAFORM

CLEAN = policy(statement("chime:Connect", USER))
MISCASED = CLEAN.replace('"chime:Connect"', '"chime:connect"')


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def folder(tmp_path: Path) -> Path:
    files = {
        "a.json": MISCASED,
        "stack.yaml": SUB_EXPORT.replace("chime:Connect", "chime:connect"),
        "infra/main.tf": TERRAFORM,
        "docs/readme.md": "# Notes\n\nNo policy here.\n",
        "k8s.yml": "apiVersion: v1\nkind: Pod\n",
        "script.py": "print('not looked at')\n",
    }
    for relative, text in files.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    return tmp_path


def test_lint_folder_reads_templates_and_terraform_and_says_what_it_skipped(
    capsys, tmp_path
) -> None:
    root = folder(tmp_path)
    code, out, err = run(capsys, "lint", str(root))
    assert code == 0  # a mis-cased action is a warning
    linted = {line.split(":", 1)[0] for line in out.splitlines()}
    assert linted == {str(root / "a.json"), str(root / "stack.yaml"), str(root / "infra/main.tf")}
    assert err == (
        f"chime-policy: {root}: skipped 2 files holding no policy: k8s.yml, docs/readme.md\n"
    )


def test_fix_folder_fixes_the_template_in_place_too(capsys, tmp_path) -> None:
    root = folder(tmp_path)
    code, _, _ = run(capsys, "fix", "--in-place", str(root))
    assert code == 0
    assert (root / "stack.yaml").read_text(encoding="utf-8") == SUB_EXPORT


def test_fill_folder_says_which_files_it_does_not_edit(capsys, tmp_path) -> None:
    root = folder(tmp_path)
    run(capsys, "fill", "--region", "eu-central-1", "--diff", str(root))
    _, _, err = run(capsys, "fill", "--region", "eu-central-1", "--diff", str(root))
    assert f"chime-policy: {root}: skipped 4 files (this command edits *.json only): " in err


def test_fill_on_an_empty_file_says_it_is_empty(capsys, tmp_path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    code, out, err = run(capsys, "fill", "--region", "us-east-1", str(empty))
    assert err == f"{empty} is empty: no ARN to fill, nothing filled\n"
    assert out == ""
    # the same exit as fill's other "nothing filled" cases (a policy with no ARN for it)
    star = tmp_path / "star.json"
    star.write_text(policy(statement("chime:GetMessagingSessionEndpoint", "*")))
    assert code == run(capsys, "fill", "--region", "us-east-1", str(star))[0] == 0


def test_export_refusal_names_the_file_at_each_problem(capsys, tmp_path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    code, out, err = run(capsys, "export", "--to", "terraform", str(empty))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"chime-policy: {empty}: fix these first, or export as a template:",
        f"{empty}:1:1: error json/unexpected the text holds no JSON value",
    ]


def test_a_big_file_is_refused_in_the_commands_words(capsys, tmp_path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (6 * 2**20))
    _, _, err = run(capsys, "lint", str(big))
    assert "(files up to 5 MB are read)" in err
    assert "editor" not in err


@pytest.mark.parametrize("bom", ["utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_called_utf16_not_binary(capsys, tmp_path, bom) -> None:
    path = tmp_path / "utf16.json"
    path.write_bytes("\ufeff".encode(bom) + CLEAN.encode(bom))
    code, _, err = run(capsys, "lint", str(path))
    assert code == 2
    assert err == (
        f"chime-policy: {path} is UTF-16 text (its byte-order mark says so); IAM policies "
        "are UTF-8: save it as UTF-8\n"
    )
