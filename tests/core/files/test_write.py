"""Writing policy files the way people keep them: links, modes, owners, backups, crashes."""

import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.files import ReadOnlyError, WriteError, write_atomically
from editor.core.files.temps import STALE_AFTER_S

OLD, NEW = "old text\n", "new text\n"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def umask():
    def set_(value: int) -> None:
        os.umask(value)

    previous = os.umask(0o022)
    yield set_
    os.umask(previous)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path, umask, mask, expected) -> None:
    umask(mask)
    path = tmp_path / "new.json"
    assert write_atomically(path, NEW, backup=True) is None  # nothing to back up
    assert path.read_text() == NEW and mode(path) == expected
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("kept", [0o640, 0o600, 0o664, 0o755])
def test_an_existing_file_and_its_backup_keep_its_mode(tmp_path, umask, kept) -> None:
    umask(0o077)
    path = tmp_path / "p.json"
    path.write_text(OLD)
    path.chmod(kept)
    backup = write_atomically(path, NEW, backup=True)
    assert path.read_text() == NEW and mode(path) == kept
    assert backup == str(tmp_path / "p.json.bak") and mode(Path(backup)) == kept


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_the_owner_and_group_are_kept_where_permitted(tmp_path) -> None:
    path = tmp_path / "p.json"
    path.write_text(OLD)
    os.chown(path, 65534, 65534)
    write_atomically(path, NEW, backup=True)
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (65534, 65534) and path.read_text() == NEW
    backup = (tmp_path / "p.json.bak").stat()
    assert (backup.st_uid, backup.st_gid) == (65534, 65534)


def test_through_a_symbolic_link_the_target_is_written_and_the_link_kept(tmp_path) -> None:
    real = tmp_path / "store" / "policy.json"
    real.parent.mkdir()
    real.write_text(OLD)
    link = tmp_path / "link.json"
    link.symlink_to(Path("store") / "policy.json")
    backup = write_atomically(link, NEW, backup=True)
    assert link.is_symlink() and os.readlink(link) == os.path.join("store", "policy.json")
    assert real.read_text() == NEW
    # The backup sits beside the file it keeps, where the temporary file had to be too.
    assert backup == str(real.parent / "policy.json.bak")
    assert Path(backup).read_text() == OLD
    assert not (tmp_path / "link.json.bak").exists()


def test_a_chain_of_links_and_a_dangling_link(tmp_path) -> None:
    real = tmp_path / "real.json"
    real.write_text(OLD)
    (tmp_path / "one.json").symlink_to("real.json")
    (tmp_path / "two.json").symlink_to("one.json")
    write_atomically(tmp_path / "two.json", NEW)
    assert real.read_text() == NEW and (tmp_path / "two.json").is_symlink()
    (tmp_path / "dangling.json").symlink_to("later.json")
    write_atomically(tmp_path / "dangling.json", NEW)
    assert (tmp_path / "later.json").read_text() == NEW
    assert (tmp_path / "dangling.json").is_symlink()


def test_hard_links_are_not_split(tmp_path) -> None:
    first = tmp_path / "a.json"
    first.write_text(OLD * 3)
    second = tmp_path / "b.json"
    os.link(first, second)
    inode = first.stat().st_ino
    backup = write_atomically(first, NEW, backup=True)
    assert first.stat().st_ino == inode and first.stat().st_nlink == 2
    assert second.read_text() == NEW  # the other name sees the new text: one file
    assert Path(backup).read_text() == OLD * 3 and Path(backup).stat().st_nlink == 1
    assert leftovers(tmp_path) == []


def test_an_existing_backup_is_never_overwritten(tmp_path) -> None:
    path = tmp_path / "p.json"
    path.write_text("first\n")
    (tmp_path / "p.json.bak").write_text("the user's own backup\n")
    assert write_atomically(path, "second\n", backup=True) == str(tmp_path / "p.json.bak.1")
    assert write_atomically(path, "third\n", backup=True) == str(tmp_path / "p.json.bak.2")
    assert (tmp_path / "p.json.bak").read_text() == "the user's own backup\n"
    assert (tmp_path / "p.json.bak.1").read_text() == "first\n"
    assert (tmp_path / "p.json.bak.2").read_text() == "second\n"
    assert path.read_text() == "third\n"


def test_a_folder_or_a_link_named_like_the_backup_is_stepped_over(tmp_path) -> None:
    path = tmp_path / "p.json"
    path.write_text(OLD)
    (tmp_path / "p.json.bak").mkdir()
    (tmp_path / "p.json.bak.1").symlink_to("nowhere")
    assert write_atomically(path, NEW, backup=True) == str(tmp_path / "p.json.bak.2")
    assert (tmp_path / "p.json.bak").is_dir() and (tmp_path / "p.json.bak.1").is_symlink()
    assert (tmp_path / "p.json.bak.2").read_text() == OLD


def test_a_relative_name_gives_a_relative_backup(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("p.json").write_text(OLD)
    assert write_atomically("p.json", NEW, backup=True) == "p.json.bak"


def test_a_long_name_still_gets_a_temporary_file_beside_it(tmp_path) -> None:
    path = tmp_path / ("p" * 240 + ".json")
    path.write_text(OLD)
    write_atomically(path, NEW)
    assert path.read_text() == NEW and leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing" / "p.json", "the folder .*missing does not exist"),
        (lambda d: (d / "f.json").mkdir() or d / "f.json", "it is a folder"),
        (lambda d: os.mkfifo(d / "q.json") or d / "q.json", r"it is a named pipe \(FIFO\)"),
        (lambda d: (d / "file").write_text("") or d / "file" / "p.json", "not a folder"),
        (lambda d: d / "nul\0.json", "not a valid file name"),
        (lambda d: d / "\ud800.json", "not a valid file name"),
    ],
)
def test_write_errors_are_one_line_for_people(tmp_path, make, message) -> None:
    with pytest.raises(WriteError, match=message) as raised:
        write_atomically(make(tmp_path), NEW)
    assert "\n" not in str(raised.value)


CHILD = """
import os, sys
from editor.core.files import write_atomically
path, text, crash = sys.argv[1], sys.argv[2], sys.argv[3]
if crash == "rename":  # killed after the new text is on disk, before it takes the name
    os.replace = lambda *args: os.kill(os.getpid(), 9)
try:
    write_atomically(path, text, backup=sys.argv[4] == "backup")
except Exception as error:
    print(type(error).__name__, error)
"""


def _child(*args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def small_files() -> None:
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails with EFBIG instead
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=small_files,
    )


def test_a_killed_write_leaves_the_old_file_and_the_next_write_cleans_up(tmp_path) -> None:
    path = tmp_path / "p.json"
    path.write_text(OLD)
    killed = _child(str(path), NEW, "rename", "no")
    assert killed.returncode == -signal.SIGKILL
    assert path.read_text() == OLD  # the atomic write held
    (stale,) = leftovers(tmp_path)
    assert stale.startswith(".p.json.") and (tmp_path / stale).read_text() == NEW
    # Not ours: other dot files and another file's temporary files stay.
    (tmp_path / ".p.json.notes.tmp").write_text("keep")
    (tmp_path / ".other.json.99999999-0123abcd.tmp").write_text("keep")  # no such process
    write_atomically(path, NEW)
    assert leftovers(tmp_path) == [".other.json.99999999-0123abcd.tmp", ".p.json.notes.tmp"]


def test_a_live_writers_temporary_file_stays_until_it_is_old(tmp_path) -> None:
    path = tmp_path / "p.json"
    path.write_text(OLD)
    # Process 1 is alive: its file may be a write in progress, unless it is an hour old.
    fresh = tmp_path / ".p.json.1-00000000.tmp"
    old = tmp_path / ".p.json.1-11111111.tmp"
    fresh.write_text("")
    old.write_text("")
    hour_ago = old.stat().st_mtime - STALE_AFTER_S - 60
    os.utime(old, (hour_ago, hour_ago))
    # Named as tempfile.mkstemp named them before the process ID was in the name.
    earlier_fresh = tmp_path / ".p.json.k2_x9abc.tmp"
    earlier_old = tmp_path / ".p.json.q7w3e9rt.tmp"
    earlier_fresh.write_text("")
    earlier_old.write_text("")
    os.utime(earlier_old, (hour_ago, hour_ago))
    write_atomically(path, NEW)
    assert fresh.exists() and not old.exists()
    assert earlier_fresh.exists() and not earlier_old.exists()


def test_a_write_that_fails_half_way_changes_nothing(tmp_path) -> None:
    path = tmp_path / "p.json"
    path.write_text(OLD)
    failed = _child(str(path), "x" * 20000, "none", "no", limit=8192)
    assert failed.stdout.startswith("WriteError cannot write ")
    assert "larger than this system allows; nothing was changed" in failed.stdout
    assert path.read_text() == OLD and leftovers(tmp_path) == []


def test_a_hard_linked_file_gets_its_old_bytes_back_when_writing_fails(tmp_path) -> None:
    path = tmp_path / "p.json"
    path.write_text(OLD)
    os.link(path, tmp_path / "q.json")
    failed = _child(str(path), "x" * 20000, "none", "no", limit=8192)
    assert failed.stdout.startswith("WriteError ")
    assert path.read_text() == OLD and (tmp_path / "q.json").read_text() == OLD
    assert path.stat().st_nlink == 2


@pytest.mark.parametrize("read_only", [0o444, 0o400, 0o555])
def test_a_read_only_file_is_written_only_when_asked_and_stays_read_only(
    tmp_path, read_only
) -> None:
    """No write bit is the owner's way of saying "keep this as it is": refused (root too,
    whom the permission would not stop), and written over only with `over_read_only`."""
    path = tmp_path / "p.json"
    path.write_text(OLD)
    path.chmod(read_only)
    with pytest.raises(ReadOnlyError, match="read-only; nothing was changed"):
        write_atomically(path, NEW, backup=True)
    assert path.read_text() == OLD and leftovers(tmp_path) == []
    assert sorted(os.listdir(tmp_path)) == ["p.json"]  # no backup made either
    backup = write_atomically(path, NEW, backup=True, over_read_only=True)
    assert path.read_text() == NEW and mode(path) == read_only
    assert backup is not None and Path(backup).read_text() == OLD
