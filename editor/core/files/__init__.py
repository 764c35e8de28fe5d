"""Policy files as people keep them: reading with clear refusals and a size cap (read.py),
writing atomically with numbered backups, through links, keeping modes and owners
(write.py), and cleaning up after a killed run (temps.py). Imports only the standard library.
"""

from editor.core.files.read import (
    MAX_BYTES,
    PolicyFileError,
    decode_policy_bytes,
    read_policy_file,
    read_policy_stream,
)
from editor.core.files.write import WriteError, write_atomically

__all__ = [
    "MAX_BYTES",
    "PolicyFileError",
    "WriteError",
    "decode_policy_bytes",
    "read_policy_file",
    "read_policy_stream",
    "write_atomically",
]
