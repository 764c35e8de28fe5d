"""Policy files as people keep them: reading with clear refusals and a size cap (read.py),
writing atomically with numbered backups, through links, keeping modes and owners
(write.py), and cleaning up after a killed run (temps.py). Imports only the standard library.

The writing half loads when first asked for: `chime-policy lint` reads and never writes, and
its start-up is measured against other linters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from editor.core.files.read import (
    MAX_BYTES,
    PolicyFileError,
    decode_policy_bytes,
    read_policy_file,
    read_policy_stream,
)

if TYPE_CHECKING:
    from editor.core.files.write import ReadOnlyError, WriteError, write_atomically

__all__ = [
    "MAX_BYTES",
    "PolicyFileError",
    "ReadOnlyError",
    "WriteError",
    "decode_policy_bytes",
    "read_policy_file",
    "read_policy_stream",
    "write_atomically",
]


def __getattr__(name: str) -> Any:
    if name in ("ReadOnlyError", "WriteError", "write_atomically"):
        from editor.core.files import write

        return getattr(write, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
