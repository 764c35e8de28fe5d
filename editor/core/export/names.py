"""The name an export gives a policy: one default, and names made from file names, for the
window and the command line alike."""

from __future__ import annotations

# When nothing names the policy (the CLI's --name, the window's untitled policy).
DEFAULT_POLICY_NAME = "ChimeMessagingPolicy"


def policy_name_from(stem: str) -> str:
    """A policy name from a file name: its words run together, each capitalised, their own
    capitals kept (full-user -> FullUser, ChimeMessagingPolicy -> itself); the default name
    when the file name has no letter or digit."""
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in stem).split()
    return "".join(w[0].upper() + w[1:] for w in words) or DEFAULT_POLICY_NAME
