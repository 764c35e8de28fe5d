"""Our temporary files: `.FILE.<pid>-<random>.tmp` beside FILE, and cleaning up the ones a
killed process left behind.

The process ID in the name tells a stale file (its writer is gone) from one another run is
writing right now; a file older than an hour is stale whoever wrote it (the ID may have been
reused, or the folder is shared with another machine).
"""

from __future__ import annotations

import os
import re
import time

# Temporary names must stay under the usual 255-byte limit of a file name.
_NAME_BYTES = 160
_OURS = re.compile(r"(\d+)-[0-9a-f]{8}\.tmp")
# Before the process ID was in the name (tempfile.mkstemp's 8 characters): stale when old.
_EARLIER = re.compile(r"[a-z0-9_]{8}\.tmp")
STALE_AFTER_S = 3600.0


def temp_prefix(name: str) -> str:
    """`.NAME.`, the name cut short enough for a temporary name beside it to be valid."""
    while len(os.fsencode(name)) > _NAME_BYTES:
        name = name[: len(name) * 3 // 4]
    return f".{name}."


def new_temp_name(name: str) -> str:
    return f"{temp_prefix(name)}{os.getpid()}-{os.urandom(4).hex()}.tmp"


def _writer_is_gone(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError, OverflowError):
        return False  # alive (another user's), or nothing we can tell
    return False


def remove_stale_temps(folder: str, name: str) -> list[str]:
    """Delete temporary files of ours for `name` in `folder` whose writer is gone; their
    paths. Never raises: cleaning up is a courtesy, not part of the write."""
    prefix = temp_prefix(name)
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        match = _OURS.fullmatch(entry.name, len(prefix))
        earlier = match is None and _EARLIER.fullmatch(entry.name, len(prefix)) is not None
        if match is None and not earlier:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_S
            if old or (match is not None and _writer_is_gone(int(match.group(1)))):
                os.unlink(entry.path)
                removed.append(entry.path)
        except OSError:
            continue
    return removed
