"""IAM's policy size quotas and how IAM counts a policy's size (kept apart from the lint so
that the window can show its size meter without loading the rules)."""

from enum import StrEnum


class Quota(StrEnum):
    """IAM's policy size quotas, in characters without white space."""

    MANAGED = "managed"
    USER = "user"
    GROUP = "group"
    ROLE = "role"

    @property
    def limit(self) -> int:
        return _LIMITS[self]

    @property
    def label(self) -> str:
        return "managed policy" if self is Quota.MANAGED else f"inline {self.value} policies"


_LIMITS = {Quota.MANAGED: 6144, Quota.USER: 2048, Quota.GROUP: 5120, Quota.ROLE: 10240}


def non_whitespace_length(text: str) -> int:
    """The length IAM counts against its quotas: every character but white space."""
    return len(text) - sum(text.count(c) for c in " \t\r\n")
