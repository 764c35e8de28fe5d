"""The command line on files as people keep them: pipes and devices, folders of folders,
write errors, backups and links. Real files, the real CLI (main() or a whole process)."""

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli.main import main
from editor.core.files import MAX_BYTES
from tests.core.policies import USER, policy, statement

CLEAN = policy(statement("chime:Connect", USER))
MISCASED = CLEAN.replace('"chime:Connect"', '"chime:connect"')  # fix has work to do
CLI = [sys.executable, "-m", "editor.cli"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def process(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    """The CLI in its own process, with a deadline: a hang fails the test instead of it."""
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=60, **kwargs)


def one_clear_line(err: str) -> str:
    assert "Traceback" not in err
    (line,) = err.splitlines()
    assert line.startswith("chime-policy: ")
    return line


# -- what is not a file ------------------------------------------------------------------


@pytest.mark.parametrize("command", [["lint"], ["fix"], ["export", "--to", "json"]])
def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "policy.json"
    os.mkfifo(fifo)
    result = process(*command, str(fifo))
    assert result.returncode == 2 and result.stdout in ("", "[]")
    assert one_clear_line(result.stderr).endswith("is a named pipe (FIFO), not a policy file")


@pytest.mark.parametrize("command", [["lint"], ["export", "--to", "json"]])
def test_dev_zero_is_refused_not_read_forever(command: list[str]) -> None:
    result = process(*command, "/dev/zero")
    assert result.returncode == 2
    assert one_clear_line(result.stderr) == "chime-policy: /dev/zero is a device, not a policy file"


def test_standard_input_has_a_size_cap() -> None:
    result = process("lint", "-", input=" " * (MAX_BYTES + 1))
    assert result.returncode == 2
    assert "standard input is larger than 5 MB" in one_clear_line(result.stderr)


# -- folders -----------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """policies/ with policies two levels down, a hidden folder and things to exclude."""
    root = tmp_path / "policies"
    for relative, text in {
        "top.json": CLEAN,
        "team/a/deep.json": MISCASED,
        "team/b/notes.txt": "not a policy",
        ".git/objects/x.json": "{broken",
        "vendor/third.json": MISCASED,
        "team/a/deep.generated.json": MISCASED,
    }.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def linted(out: str) -> set[str]:
    return {line.split(":")[0] for line in out.splitlines()}


def test_lint_folder_recurses_into_subfolders_skipping_hidden_ones(capsys, tree: Path) -> None:
    code, out, _ = run(capsys, "lint", "--min-severity", "warning", str(tree))
    assert code == 0  # miscased actions are warnings
    assert linted(out) == {
        str(tree / "team/a/deep.json"),
        str(tree / "team/a/deep.generated.json"),
        str(tree / "vendor/third.json"),
    }


def test_exclude_by_name_and_by_path_is_repeatable(capsys, tree: Path) -> None:
    code, out, _ = run(
        capsys,
        "lint",
        "--min-severity",
        "warning",
        "--exclude",
        "vendor",
        "--exclude",
        "*.generated.json",
        str(tree),
    )
    assert code == 0 and linted(out) == {str(tree / "team/a/deep.json")}
    _, out, _ = run(capsys, "lint", "--exclude", "team/a/*", "--min-severity", "warning", str(tree))
    assert linted(out) == {str(tree / "vendor/third.json")}


def test_fix_in_place_recurses_too(capsys, tree: Path) -> None:
    code, _, err = run(capsys, "fix", "--in-place", "--exclude", "vendor", str(tree))
    assert code == 0
    deep = tree / "team/a/deep.json"
    assert '"chime:Connect"' in deep.read_text()
    assert f"{deep}: fixed (original kept as {deep}.bak)" in err.splitlines()
    assert (tree / "vendor/third.json").read_text() == MISCASED  # excluded: untouched


@pytest.mark.parametrize(
    ("files", "exclude", "message"),
    [
        ({}, [], "no *.json file in this folder or below"),
        ({"notes.txt": "x", "sub/readme.md": "y"}, [], "no *.json file in this folder or below"),
        ({".hidden/p.json": CLEAN}, [], "no *.json file"),
        ({"p.json": CLEAN}, ["*.json"], "(after --exclude *.json)"),
    ],
)
@pytest.mark.parametrize("command", ["lint", "fix"])
def test_nothing_to_check_is_exit_2_not_a_pass(
    capsys, tmp_path, files, exclude, message, command
) -> None:
    for relative, text in files.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text)
    args = [command, *(a for g in exclude for a in ("--exclude", g)), str(tmp_path)]
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert message in one_clear_line(err)


def test_an_unreadable_file_is_reported_and_the_others_still_checked(capsys, tmp_path) -> None:
    (tmp_path / "good.json").write_text(MISCASED)
    os.mkfifo(tmp_path / "pipe.json")
    code, out, err = run(capsys, "lint", str(tmp_path))
    assert code == 2
    assert linted(out) == {str(tmp_path / "good.json")}
    assert "pipe.json is a named pipe" in one_clear_line(err)


# -- write errors ------------------------------------------------------------------------


@functools.cache
def can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0


def in_read_only(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI with `folder` read-only: by its mode for a user; root ignores modes, so for
    root the folder is bind-mounted read-only in a mount namespace of its own."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return process(*args)
        finally:
            folder.chmod(0o755)
    if not can_mount():
        pytest.skip("root without mount namespaces: nothing makes a folder read-only for it")
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, str(folder), *CLI, *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_fix_in_place_in_a_read_only_folder(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(MISCASED)
    result = in_read_only(tmp_path, "fix", "--in-place", str(path))
    assert result.returncode == 2
    line = one_clear_line(result.stderr)
    assert line.startswith(f"chime-policy: cannot write {path}: ")
    assert ("read-only" in line or "permission denied" in line) and "nothing was changed" in line
    assert path.read_text() == MISCASED and sorted(os.listdir(tmp_path)) == ["p.json"]


def test_fix_in_place_leaves_a_read_only_file_as_it_is(tmp_path: Path, capsys) -> None:
    path = tmp_path / "p.json"
    path.write_text(MISCASED)
    path.chmod(0o444)
    code, _, err = run(capsys, "fix", "--in-place", str(path))
    assert code == 2
    assert one_clear_line(err) == (
        f"chime-policy: cannot write {path}: the file is read-only; nothing was changed"
    )
    assert path.read_text() == MISCASED and sorted(os.listdir(tmp_path)) == ["p.json"]


def test_export_into_a_read_only_folder(tmp_path: Path) -> None:
    source = tmp_path / "p.json"
    source.write_text(CLEAN)
    out = tmp_path / "out"
    out.mkdir()
    result = in_read_only(out, "export", "--to", "json", "-o", str(out / "p.json"), str(source))
    assert result.returncode == 2
    assert one_clear_line(result.stderr).startswith(f"chime-policy: cannot write {out}/p.json: ")
    assert os.listdir(out) == []


def test_fix_in_place_on_a_full_disk(tmp_path: Path) -> None:
    if not can_mount():
        pytest.skip("needs root and mount namespaces to make a small disk")
    disk = tmp_path / "disk"
    disk.mkdir()
    (tmp_path / "p.json").write_text(MISCASED)
    # A 64 KB disk holding the policy, then filled; the CLI runs; then we look at the file.
    script = (
        'mount -t tmpfs -o size=64k none "$0" && cp "$0/../p.json" "$0/p.json" && '
        '(dd if=/dev/zero of="$0/filler" bs=1k 2>/dev/null; true) && "$@"; '
        'echo "exit $?"; cat "$0/p.json"; ls -a "$0" >&2'
    )
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, str(disk), *CLI, "fix", "--in-place"]
        + [str(disk / "p.json")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    status, text = result.stdout.split("\n", 1)
    assert status == "exit 2"
    assert text == MISCASED  # unchanged
    message, listing = result.stderr.split("\n", 1)
    assert message == (
        f"chime-policy: cannot write {disk}/p.json: the disk is full; nothing was changed"
    )
    assert sorted(listing.split()) == [".", "..", "filler", "p.json"]  # no temporary left


def test_export_into_a_missing_folder(capsys, tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text(CLEAN)
    target = tmp_path / "nowhere" / "out.json"
    code, out, err = run(
        capsys, "export", "--to", "json", "-o", str(target), str(tmp_path / "p.json")
    )
    assert code == 2 and out == ""
    assert one_clear_line(err) == (
        f"chime-policy: cannot write {target}: the folder {target.parent} does not exist"
    )


@pytest.mark.parametrize("name", ["\ud800.json", "nul\0.json"])
def test_a_name_that_cannot_be_encoded(capsys, tmp_path: Path, name: str) -> None:
    (tmp_path / "p.json").write_text(CLEAN)
    code, _, err = run(
        capsys, "export", "--to", "json", "-o", str(tmp_path / name), str(tmp_path / "p.json")
    )
    assert code == 2 and "not a valid file name on this system" in one_clear_line(err)
    assert os.listdir(tmp_path) == ["p.json"]


def test_a_file_name_that_is_not_utf8_is_printed_as_its_bytes(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(folder + b"/\xff.json", "wb") as handle:
        handle.write(MISCASED.encode())
    # A terminal that refuses what it cannot encode, as on a desktop with a UTF-8 locale.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    result = subprocess.run(
        [*CLI, "lint", os.fsdecode(folder + b"/\xff.json")], capture_output=True, env=env
    )
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert result.stdout.startswith(folder + b"/\xff.json:6:23: warning action/miscased")
    fixed = subprocess.run(
        [*CLI, "fix", "--in-place", os.fsdecode(folder + b"/\xff.json")],
        capture_output=True,
        env=env,
    )
    assert fixed.returncode == 0
    assert (
        fixed.stderr
        == folder + b"/\xff.json: fixed (original kept as " + folder + b"/\xff.json.bak)\n"
    )


# -- backups and links -------------------------------------------------------------------


def test_fix_never_overwrites_a_backup_it_did_not_make(capsys, tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(MISCASED)
    (tmp_path / "p.json.bak").write_text("the user's own backup")
    code, _, err = run(capsys, "fix", "--in-place", str(path))
    assert code == 0
    assert err == f"{path}: fixed (original kept as {path}.bak.1)\n"
    assert (tmp_path / "p.json.bak").read_text() == "the user's own backup"
    assert (tmp_path / "p.json.bak.1").read_text() == MISCASED
    # Broken again by hand, fixed again: the first backup stays, the next number is used.
    path.write_text(MISCASED.replace("2012-10-17", "2012-10-17").replace("Allow", "allow"))
    run(capsys, "fix", "--in-place", str(path))
    assert (tmp_path / "p.json.bak.1").read_text() == MISCASED
    assert (tmp_path / "p.json.bak.2").exists()


def test_a_backup_name_taken_by_a_folder_is_stepped_over(capsys, tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(MISCASED)
    (tmp_path / "p.json.bak").mkdir()
    code, _, err = run(capsys, "fix", "--in-place", str(path))
    assert code == 0 and "Traceback" not in err
    assert (tmp_path / "p.json.bak.1").read_text() == MISCASED
    assert json.loads(path.read_text())


def test_fix_in_place_through_a_symlink_fixes_the_target_and_keeps_the_link(
    capsys, tmp_path
) -> None:
    real = tmp_path / "shared" / "p.json"
    real.parent.mkdir()
    real.write_text(MISCASED)
    link = tmp_path / "p.json"
    link.symlink_to(real)
    code, _, err = run(capsys, "fix", "--in-place", str(link))
    assert code == 0 and link.is_symlink() and link.resolve() == real
    assert '"chime:Connect"' in real.read_text()
    assert err == f"{link}: fixed (original kept as {real}.bak)\n"


def test_fix_in_place_keeps_hard_links_and_mode(capsys, tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(MISCASED)
    path.chmod(0o640)
    os.link(path, tmp_path / "alias.json")
    run(capsys, "fix", "--in-place", str(path))
    assert (tmp_path / "alias.json").read_text() == path.read_text() != MISCASED
    assert path.stat().st_nlink == 2 and path.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640)])
def test_export_makes_its_file_with_the_umasks_mode(capsys, tmp_path, mask, expected) -> None:
    (tmp_path / "p.json").write_text(CLEAN)
    previous = os.umask(mask)
    try:
        code, _, _ = run(
            capsys,
            "export",
            "--to",
            "terraform",
            "-o",
            str(tmp_path / "p.tf"),
            str(tmp_path / "p.json"),
        )
    finally:
        os.umask(previous)
    assert code == 0 and (tmp_path / "p.tf").stat().st_mode & 0o777 == expected
