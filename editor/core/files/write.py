"""Writing a policy file so that nothing the user had is lost.

- A crash leaves the old file or the new one, never half of one: the new text goes to a
  temporary file beside the target, is flushed to disk, and is renamed over the target.
- Through a symbolic link the target is rewritten and the link stays a link.
- A file with several hard links, or whose owner we could not give back (not root, someone
  else's file), is rewritten in place instead, as editors such as vim do: renaming would split
  the links or hand the file to us. Atomicity and keeping the same inode cannot both be had on
  POSIX, so the original is made safe first (the backup, flushed to disk, when one is asked
  for) and, if writing fails half way, the old bytes are written back.
- An existing file keeps its mode, and its owner and group where we are allowed to set them;
  a new file gets the mode the umask gives (the kernel applies it: we create with 0666).
- Backups never overwrite anything: FILE.bak, or FILE.bak.1, FILE.bak.2 ... when taken.
- Temporary files a killed run left behind are removed on the next write of the same file.
- Failures raise WriteError with one line for people; the target is unchanged.
"""

from __future__ import annotations

import contextlib
import errno
import os

from editor.core.files.read import PolicyFileError, kind_of
from editor.core.files.temps import new_temp_name, remove_stale_temps

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
MAX_BACKUPS = 1000
# os.link fails with these where a file system has no hard links (FAT, some network shares).
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS}
_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EFBIG: "the file is larger than this system allows",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ELOOP: "too many levels of symbolic links",
}


class WriteError(PolicyFileError):
    """A file that could not be written; the message is one line for people."""


class ReadOnlyError(WriteError):
    """The file is read-only (no write permission): a sign its owner wants it kept as it is,
    so it is rewritten only when asked to (`over_read_only`), never silently — not even by
    root, whom the permission would not stop."""


def write_atomically(
    path: str | os.PathLike[str], text: str, backup: bool = False, over_read_only: bool = False
) -> str | None:
    """Write `text` (UTF-8) to `path` as described above; the backup's path if one was made.

    With `backup`, the current file is first kept as FILE.bak (or the first free FILE.bak.N).
    A read-only file raises ReadOnlyError unless `over_read_only`; it stays read-only.
    """
    name = os.fspath(path)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise WriteError(
            f"cannot write {name}: character {error.start + 1} of the text is not valid Unicode"
        ) from None
    try:
        target = os.path.realpath(name)  # through symbolic links, to the file they name
        folder = os.path.dirname(target)
        try:
            existing: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            existing = None
        if existing is not None and (kind := kind_of(existing.st_mode)) is not None:
            raise WriteError(f"cannot write {name}: it is {kind}")
        if existing is not None and not over_read_only and _read_only(existing, target):
            raise ReadOnlyError(f"cannot write {name}: the file is read-only; nothing was changed")
        if not os.path.isdir(folder):
            raise WriteError(f"cannot write {name}: the folder {folder} does not exist")
        remove_stale_temps(folder, os.path.basename(target))
        kept = _make_backup(target, existing) if backup and existing is not None else None
        if existing is not None and _rewrite_in_place(existing):
            _overwrite(target, data)
        else:
            _replace(target, data, existing)
        return None if kept is None else _as_given(kept, name)
    except OSError as error:
        raise WriteError(_explain(error, name)) from None
    except ValueError:  # a NUL in the name, or a name the file system's encoding cannot hold
        raise WriteError(f"cannot write {name!r}: not a valid file name on this system") from None


def _as_given(kept: str, name: str) -> str:
    """The backup's path as the user wrote the file's (relative stays relative), unless the
    file was reached through a link and the backup is beside its target."""
    given_folder = os.path.dirname(name)
    if os.path.realpath(given_folder or ".") == os.path.dirname(kept):
        return os.path.join(given_folder, os.path.basename(kept))
    return kept


def _explain(error: OSError, name: str) -> str:
    reason = _REASONS.get(error.errno or 0, error.strerror or str(error))
    where = error.filename
    if isinstance(where, str) and where.endswith(".tmp"):
        reason += f" (creating a file in {os.path.dirname(where) or '.'})"
    elif isinstance(where, str) and os.path.basename(where) != os.path.basename(name):
        reason += f" ({where})"
    return f"cannot write {name}: {reason}; nothing was changed"


def _read_only(existing: os.stat_result, target: str) -> bool:
    """No write bit at all (root included), or none that lets us write it."""
    return not existing.st_mode & 0o222 or not os.access(target, os.W_OK)


def _rewrite_in_place(existing: os.stat_result) -> bool:
    """Renaming a new file over this one would split hard links or change its owner."""
    if existing.st_nlink > 1:
        return True
    if not hasattr(os, "geteuid") or os.geteuid() == 0:
        return False
    if existing.st_uid != os.geteuid():
        return True
    return existing.st_gid != os.getegid() and existing.st_gid not in os.getgroups()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_new(path: str, data: bytes, like: os.stat_result | None) -> None:
    """Create `path` (never an existing one) holding `data`, flushed to disk. Like `like`
    in mode and owner; else 0666 less the umask."""
    fd = os.open(path, _CREATE, 0o600 if like is not None else 0o666)
    try:
        _write_all(fd, data)
        if like is not None:
            if (like.st_uid, like.st_gid) != _owner(fd):
                # Not ours to give away: _rewrite_in_place keeps such files from coming here.
                with contextlib.suppress(PermissionError):
                    os.fchown(fd, like.st_uid, like.st_gid)
            os.fchmod(fd, like.st_mode & 0o7777)  # after chown, which clears set-ID bits
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(path)
        raise
    os.close(fd)


def _owner(fd: int) -> tuple[int, int]:
    info = os.fstat(fd)
    return info.st_uid, info.st_gid


def _sync_folder(folder: str) -> None:
    """Make a rename durable; some systems cannot open a folder, which is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _replace(target: str, data: bytes, existing: os.stat_result | None) -> None:
    folder = os.path.dirname(target)
    temp = os.path.join(folder, new_temp_name(os.path.basename(target)))
    _write_new(temp, data, existing)
    try:
        os.replace(temp, target)
    except BaseException:
        os.unlink(temp)
        raise
    _sync_folder(folder)


def _overwrite(target: str, data: bytes) -> None:
    """Rewrite the file's own bytes (same inode); on failure put the old bytes back."""
    with open(target, "rb") as handle:
        old = handle.read()
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        try:
            _write_all(fd, data)
            os.ftruncate(fd, len(data))
            os.fsync(fd)
        except OSError:
            # The old bytes fit in the blocks the file already had.
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                _write_all(fd, old)
                os.ftruncate(fd, len(old))
                os.fsync(fd)
            except OSError:
                pass
            raise
    finally:
        os.close(fd)


def backup_names(target: str) -> list[str]:
    return [f"{target}.bak"] + [f"{target}.bak.{n}" for n in range(1, MAX_BACKUPS)]


def _make_backup(target: str, existing: os.stat_result) -> str:
    """Copy the file to the first free FILE.bak[.N], never replacing anything there."""
    with open(target, "rb") as handle:
        original = handle.read()
    folder = os.path.dirname(target)
    temp = os.path.join(folder, new_temp_name(os.path.basename(target)))
    _write_new(temp, original, existing)
    try:
        for candidate in backup_names(target):
            try:
                os.link(temp, candidate)  # fails if the name is taken: no check-then-write race
            except FileExistsError:
                continue
            except OSError as error:
                if error.errno not in _NO_LINKS:
                    raise
                try:
                    _write_new(candidate, original, existing)
                except FileExistsError:
                    continue
            _sync_folder(folder)
            return candidate
    finally:
        os.unlink(temp)
    raise WriteError(
        f"cannot back up {target}: {MAX_BACKUPS} backups are already there; remove some"
    )
