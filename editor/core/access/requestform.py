"""The Access pane's request, worked out from the ARN form: the caller's ARN, the target ARNs
an action is authorized against, and a default IAM principal. Qt-free, so it is tested here.

An unfilled or `*` field gets an example value (a request names one resource, not a pattern);
a policy variable such as `${aws:username}` in the user ID stands for the IAM user's name.
"""

from __future__ import annotations

from collections.abc import Mapping

from editor.core.catalog.catalog import CALLER_TYPES, Action, Catalog
from editor.core.policy.arnfields import FIELDS, VARIABLE_FIELD

EXAMPLES = {
    "Partition": "aws",
    "Region": "us-east-1",
    "AccountId": "123456789012",
    "AppInstanceId": "example-app-instance",
    "AppInstanceUserId": "example-user",
    "AppInstanceBotId": "example-bot",
    "ChannelId": "example-channel",
    "ChannelFlowId": "example-flow",
}


def _value(variable: str, fields: Mapping[str, str], username: str) -> str:
    name = VARIABLE_FIELD.get(variable)
    raw = fields.get(name, "").strip() if name else ""
    placeholder = FIELDS[name][1] if name else None
    if raw.startswith("${"):
        return username  # ${aws:username}: the caller is the IAM user of that name
    if not raw or raw == "*" or raw == placeholder:
        return EXAMPLES.get(variable, f"example-{variable.lower()}")
    return raw


def fill(template: str, fields: Mapping[str, str], username: str = "example-user") -> str:
    out = template
    while "${" in out:
        start = out.index("${")
        end = out.index("}", start)
        out = out[:start] + _value(out[start + 2 : end], fields, username) + out[end + 1 :]
    return out


def target_types(action: Action) -> list[str]:
    """The resource types an action is checked against besides its caller, most useful
    first; `*` for an action without resource-level permissions."""
    if action.star_only:
        return ["*"]
    targets = sorted(action.target_types) or sorted(action.arn_types - CALLER_TYPES)
    return targets or sorted(action.arn_types)


def target_arn(catalog: Catalog, resource_type: str, fields: Mapping[str, str]) -> str:
    if resource_type == "*":
        return "*"
    return fill(catalog.resource_type[resource_type].arn, fields)


def caller_arn(catalog: Catalog, fields: Mapping[str, str], username: str) -> str:
    kind = "app-instance-bot" if fields.get("bot_id", "").strip() else "app-instance-user"
    return fill(catalog.resource_type[kind].arn, fields, username)


def principal_arn(fields: Mapping[str, str], username: str) -> str:
    account = _value("AccountId", fields, username)
    partition = _value("Partition", fields, username)
    return f"arn:{partition}:iam::{account}:user/{username}"
