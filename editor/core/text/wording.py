"""Counts said in English: "1 action", "2 actions", "1 over-broad entry"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun that agrees with it (`plural` when adding an s is not the plural)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
