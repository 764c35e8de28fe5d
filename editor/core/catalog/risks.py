"""The action sets the security findings look for (resources/security.json, with its sources):
privilege escalation methods, actions that expose credentials, role passing."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import NamedTuple

from editor.core.catalog.catalog import Provenance, build, read_resource


class EscalationMethod(NamedTuple):
    group: str
    method: str
    actions: tuple[str, ...]


class SecurityData(NamedTuple):
    provenance: Provenance
    privilege_escalation: tuple[EscalationMethod, ...]
    credentials_exposure: tuple[str, ...]
    pass_role: tuple[str, ...]
    service_linked_role: tuple[str, ...]
    admin_persona: str

    @property
    def watched(self) -> tuple[str, ...]:
        """Every action the escalation and exposure findings look for."""
        return tuple(a for m in self.privilege_escalation for a in m.actions) + (
            self.credentials_exposure
        )


@lru_cache(maxsize=1)
def load_security() -> SecurityData:
    return build(SecurityData, json.loads(read_resource("security.json")))
