"""Reading policy files with clear refusals, and writing them atomically with a backup.

Reading uses os.path only: `chime-policy lint` reads and never writes, and its whole run is
measured against other linters; pathlib and tempfile are imported by the writing functions.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

# Far above any IAM policy (the largest quota is 10,240 characters), far below trouble.
MAX_BYTES = 5 * 1024 * 1024


class PolicyFileError(Exception):
    """A file that cannot be read as a policy text; the message is for people."""


def decode_policy_bytes(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise PolicyFileError(f"{name} is a binary file, not a policy text")
    try:
        # Keep a byte-order mark as U+FEFF: the reader reports it (json/bom) and can remove it.
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PolicyFileError(
            f"{name} is not UTF-8 text (byte {error.start}: 0x{data[error.start]:02x}); "
            "IAM policies are UTF-8"
        ) from None


def read_policy_file(path: str | os.PathLike[str]) -> str:
    """The file's text with its line endings as they are (CRLF stays CRLF)."""
    path = os.fspath(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise PolicyFileError(f"{path} is a folder")
        if info.st_size > MAX_BYTES:
            raise PolicyFileError(
                f"{path} is {info.st_size / 2**20:.1f} MB; policies are at most a few kilobytes "
                f"(this editor opens up to {MAX_BYTES // (1024 * 1024)} MB)"
            )
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise PolicyFileError(f"{path}: no such file") from None
    except PermissionError:
        raise PolicyFileError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise PolicyFileError(f"{path} is a folder") from None
    except OSError as error:
        raise PolicyFileError(f"{path}: {error.strerror or error}") from None
    return decode_policy_bytes(data, path)


def backup_path(path: str | os.PathLike[str]) -> Path:
    from pathlib import Path

    path = Path(path)
    return path.with_name(path.name + ".bak")


def write_atomically(path: str | os.PathLike[str], text: str, backup: bool = False) -> None:
    """Write `text` to `path` so that a crash leaves either the old or the new file, never half.

    With `backup`, the current file is first copied (atomically too) to `path.bak`.
    """
    from pathlib import Path

    path = Path(path)
    if backup and path.exists():
        _replace_with(backup_path(path), path.read_bytes(), like=path)
    _replace_with(path, text.encode("utf-8"), like=path if path.exists() else None)


def _replace_with(path: Path, data: bytes, like: Path | None) -> None:
    import shutil  # imported here: `chime-policy lint` never writes, and starts faster
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if like is not None:
            shutil.copymode(like, tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
