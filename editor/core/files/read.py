"""Reading policy text from files and streams, with clear refusals and a size cap.

Only regular files are read: a named pipe would block the reader until some other program
writes to it, and a device such as /dev/zero never ends. The size is capped by counting what
is actually read, never by trusting st_size (a /proc file or a growing file reports less).
Reading uses os only: `chime-policy lint` reads and never writes, and its start-up counts.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

# Far above any IAM policy (the largest quota is 10,240 characters), far below trouble.
MAX_BYTES = 5 * 1024 * 1024
_CHUNK = 1 << 16
# Opening must never wait: O_NONBLOCK returns at once even if a FIFO was swapped in after
# the stat below. It means nothing for regular files.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class PolicyFileError(Exception):
    """A file that cannot be read or written as a policy text; the message is for people."""


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _too_big(name: str) -> PolicyFileError:
    return PolicyFileError(
        f"{name} is larger than {MAX_BYTES // 2**20} MB; policies are at most a few kilobytes"
    )


def decode_policy_bytes(data: bytes, name: str) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16's byte-order mark (UTF-32's too)
        raise PolicyFileError(
            f"{name} is UTF-16 text (its byte-order mark says so); IAM policies are UTF-8: "
            "save it as UTF-8"
        )
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


def read_policy_stream(stream: BinaryIO, name: str = "standard input") -> str:
    """All of `stream` (a pipe, standard input), refused beyond MAX_BYTES."""
    try:
        data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise PolicyFileError(f"{name}: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise _too_big(name)
    return decode_policy_bytes(data, name)


def _read_capped(fd: int, name: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(fd, _CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > MAX_BYTES:
            raise _too_big(name)
        chunks.append(chunk)


def read_policy_file(path: str | os.PathLike[str]) -> str:
    """The file's text with its line endings as they are (CRLF stays CRLF)."""
    name = os.fspath(path)
    try:
        # Refuse before opening: opening some devices has effects of its own.
        info = os.stat(name)
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise PolicyFileError(f"{name} is {kind}, not a policy file")
        if info.st_size > MAX_BYTES:  # refused at once; what is read is counted all the same
            raise PolicyFileError(
                f"{name} is {info.st_size / 2**20:.1f} MB; policies are at most a few kilobytes "
                f"(files up to {MAX_BYTES // 2**20} MB are read)"
            )
        fd = os.open(name, _OPEN_FLAGS)
        try:
            kind = kind_of(os.fstat(fd).st_mode)
            if kind is not None:
                raise PolicyFileError(f"{name} is {kind}, not a policy file")
            data = _read_capped(fd, name)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise PolicyFileError(f"{name}: no such file") from None
    except PermissionError:
        raise PolicyFileError(f"{name}: permission denied") from None
    except OSError as error:
        raise PolicyFileError(f"{name}: {error.strerror or error}") from None
    except ValueError:  # a NUL in the name, or one the file system's encoding cannot hold
        raise PolicyFileError(f"{name!r} cannot be a file name on this system") from None
    return decode_policy_bytes(data, name)
