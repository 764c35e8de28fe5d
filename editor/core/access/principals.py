"""Principal and NotPrincipal of resource policies: who a statement speaks of.

An `AWS` entry names an account (`123456789012` or `arn:aws:iam::123456789012:root`: every
principal of that account), a user, a role (its sessions too), or `*` (anyone).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class PrincipalMatch:
    matched: bool
    by_name: bool  # named exactly (a user or a role session ARN): a boundary does not limit it
    # Matched only through its account (`111122223333`, `arn:aws:iam::111122223333:root`): that
    # "delegates authority to the account" (IAM's Principal element page, "AWS account
    # principals"), so the principal's identity policies must allow it too.
    delegated: bool = False


NO_MATCH = PrincipalMatch(False, False)
# Principals a resource policy can name "directly": AWS's evaluation logic page, step 3.
_NAMED = (":user/", ":assumed-role/", ":federated-user/")


@dataclass(frozen=True, slots=True)
class PrincipalMatcher:
    anyone: bool
    entries: frozenset[str]  # "AWS:arn...", "Service:chime.amazonaws.com" ...
    negated: bool  # NotPrincipal

    def match(self, principal: str | None) -> PrincipalMatch:
        if self.negated:
            return PrincipalMatch(not self._spared(principal), False)
        return self._positive(principal)

    def _spared(self, principal: str | None) -> bool:
        """Whether NotPrincipal lists the principal: AWS checks the account, then the user (or
        the role, then its session), and each must be listed ("AWS JSON policy elements:
        NotPrincipal", IAM User Guide): user/Bob without his account is not spared, nor is any
        other user of a listed account."""
        if self.anyone:
            return True
        if principal is None:
            return False
        if any(f"{kind}:{principal}" in self.entries for kind in ("Service", "Federated")):
            return True
        fields = principal.split(":", 5)
        if len(fields) != 6:
            return f"AWS:{principal}" in self.entries
        partition, account = fields[1], fields[4]
        root = f"arn:{partition}:iam::{account}:root"
        if not {f"AWS:{account}", f"AWS:{root}"} & self.entries:
            return False
        if principal == root or f"AWS:{principal}" in self.entries:
            return True
        role = _role_of_session(fields)
        return role is not None and f"AWS:{role}" in self.entries

    def describe(self) -> tuple[str, ...]:
        """Who the statement speaks of, for a person: `Service messaging.chime.amazonaws.com`,
        `AWS arn:aws:iam::111122223333:root`, `anyone (*)`; NotPrincipal says "anyone but"."""
        named: tuple[str, ...] = ("anyone (*)",) if self.anyone else ()
        named += tuple(sorted(e.replace(":", " ", 1) for e in self.entries if e != "AWS:*"))
        return (f"anyone but {' and '.join(named)}",) if self.negated else named

    def _positive(self, principal: str | None) -> PrincipalMatch:
        if self.anyone:
            return PrincipalMatch(True, False)
        if principal is None:
            return NO_MATCH
        if any(f"{kind}:{principal}" in self.entries for kind in ("AWS", "Service", "Federated")):
            return PrincipalMatch(True, any(k in principal for k in _NAMED))
        fields = principal.split(":", 5)
        if len(fields) == 6:
            account = fields[4]
            if f"AWS:{account}" in self.entries or f"AWS:arn:{fields[1]}:iam::{account}:root" in (
                self.entries
            ):
                return PrincipalMatch(True, False, delegated=True)
            role = _role_of_session(fields)
            if role is not None and f"AWS:{role}" in self.entries:
                return PrincipalMatch(True, False)
        return NO_MATCH


def _role_of_session(fields: list[str]) -> str | None:
    """arn:aws:sts::111:assumed-role/Name/session -> arn:aws:iam::111:role/Name."""
    if fields[2] != "sts" or not fields[5].startswith("assumed-role/"):
        return None
    name = fields[5].split("/")[1] if fields[5].count("/") >= 2 else None
    return None if name is None else f"arn:{fields[1]}:iam::{fields[4]}:role/{name}"


def principal_matcher(statement: dict[str, Any]) -> PrincipalMatcher | None:
    negated = "NotPrincipal" in statement
    value = statement.get("NotPrincipal" if negated else "Principal")
    if value == "*":
        return PrincipalMatcher(True, frozenset(), negated)
    if not isinstance(value, dict):
        return None
    entries: set[str] = set()
    anyone = False
    for kind, names in value.items():
        for name in names if isinstance(names, list) else [names]:
            if not isinstance(name, str):
                return None
            if kind == "AWS" and name == "*":
                anyone = True
            entries.add(f"{kind}:{name}")
    return PrincipalMatcher(anyone, frozenset(entries), negated)
