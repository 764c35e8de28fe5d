"""Random policies and requests over the Chime messaging catalog, for the differential and
property tests: small pools of names so that patterns and requests often meet."""

from __future__ import annotations

import random
import re
from typing import Any

from editor.core.access.requestkeys import always_present
from editor.core.catalog.catalog import load_catalog

ACCOUNTS = ["111122223333", "444455556666"]
REGIONS = ["us-east-1", "eu-central-1"]
IDS = {
    "AppInstanceId": ["app-1", "app-2"],
    "AppInstanceUserId": ["bob", "eve"],
    "AppInstanceBotId": ["bot-1"],
    "ChannelId": ["c1", "c2"],
    "ChannelFlowId": ["flow-1"],
    "MediaPipelineId": ["mp-1"],
    "MeetingId": ["m-1"],
    "VoiceConnectorId": ["vc-1"],
    "VoiceConnectorGroupId": ["vcg-1"],
    "VoiceProfileDomainId": ["vpd-1"],
    "VoiceProfileId": ["vp-1"],
}
PRINCIPALS = ["arn:aws:iam::111122223333:user/bob", "arn:aws:iam::111122223333:user/eve"]
# Context keys (global keys) with the values a request may carry and a policy may test.
KEYS: dict[str, list[str]] = {
    "aws:PrincipalTag/team": ["red", "blue", "Red"],
    "aws:SourceIp": ["203.0.113.7", "198.51.100.1"],
    "aws:CurrentTime": ["2020-06-01T00:00:00Z", "2024-01-01T00:00:00Z"],
    "aws:SecureTransport": ["true", "false"],
    "aws:MultiFactorAuthAge": ["100", "5000"],
}


def catalog_actions() -> list[Any]:
    return list(load_catalog().messaging_actions)


def fill(template: str, rng: random.Random, account: str, region: str) -> str:
    out = template.replace("${Partition}", "aws").replace("${Region}", region)
    out = out.replace("${AccountId}", account)
    for name, values in IDS.items():
        out = out.replace("${" + name + "}", rng.choice(values))
    return re.sub(r"\$\{\w+\}", "x1", out)  # the catalog's other resource types


def request_for(rng: random.Random) -> dict[str, Any]:
    catalog = load_catalog()
    action = rng.choice(catalog_actions())
    account, region = ACCOUNTS[0], rng.choice(REGIONS)
    types = sorted(action.arn_types)
    if types:
        template = catalog.resource_type[rng.choice(types)].arn
        resource = fill(template, rng, account, region)
    else:
        resource = "*"
    # Keys every request carries are always there (see requestkeys.py); the others may not be.
    context = {
        k: rng.choice(v) for k, v in KEYS.items() if always_present(k.lower()) or rng.random() < 0.5
    }
    return {
        "action": action.full_name,
        "resource": resource,
        "principal": rng.choice(PRINCIPALS),
        "context": context,
    }


def _action_pattern(rng: random.Random) -> str:
    name = rng.choice(catalog_actions()).name
    kind = rng.random()
    if kind < 0.15:
        return "chime:*"
    if kind < 0.4:
        cut = rng.randrange(1, len(name))
        return f"chime:{name[:cut]}*"
    if kind < 0.5:
        i = rng.randrange(len(name))
        return f"chime:{name[:i]}?{name[i + 1 :]}"
    return f"chime:{name}" if rng.random() < 0.7 else f"CHIME:{name.lower()}"


def _resource_pattern(rng: random.Random) -> str:
    catalog = load_catalog()
    kind = rng.random()
    if kind < 0.12:
        return "*"
    template = rng.choice(catalog.resource_types).arn
    arn = fill(template, rng, rng.choice(ACCOUNTS), rng.choice(REGIONS))
    fields = arn.split(":", 5)
    if kind < 0.3:
        fields[3] = "*"
    elif kind < 0.4:
        fields[4] = "*"
    if rng.random() < 0.4:
        cut = rng.randrange(len(fields[5]) + 1)
        fields[5] = fields[5][:cut] + "*"
    elif rng.random() < 0.2:
        fields[5] = fields[5].replace("/user/bob", "/user/${aws:username}")
    elif rng.random() < 0.1 and "/" in fields[5]:
        # After the resource type: the oracle reads `app-instance/` literally (see
        # test_oracle_deviation_wildcard_in_resource_type).
        i = rng.randrange(fields[5].index("/") + 1, len(fields[5]))
        fields[5] = fields[5][:i] + "?" + fields[5][i + 1 :]
    return ":".join(fields)


OPERATORS = {
    "aws:PrincipalTag/team": [
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringLike",
        "StringNotLike", "StringEqualsIfExists", "StringNotEqualsIfExists",
    ],
    "aws:SourceIp": ["IpAddress", "NotIpAddress", "IpAddressIfExists"],
    "aws:CurrentTime": ["DateGreaterThan", "DateLessThan", "DateEquals", "DateNotEquals"],
    "aws:SecureTransport": ["Bool", "BoolIfExists"],
    "aws:MultiFactorAuthAge": [
        "NumericLessThan", "NumericGreaterThanEquals", "NumericEquals", "NumericNotEquals",
    ],
}  # fmt: skip
POLICY_VALUES = {
    "aws:PrincipalTag/team": ["red", "blue", "r*", "?ed"],
    "aws:SourceIp": ["203.0.113.0/24", "198.51.100.1"],
    "aws:CurrentTime": ["2022-01-01T00:00:00Z", "2020-06-01T00:00:00Z"],
    "aws:SecureTransport": ["true", "false"],
    "aws:MultiFactorAuthAge": ["3600", "100"],
}


def _condition(rng: random.Random) -> dict[str, Any]:
    condition: dict[str, Any] = {}
    for _ in range(rng.randint(1, 2)):
        key = rng.choice(sorted(OPERATORS))
        operator = rng.choice(OPERATORS[key])
        if key == "aws:SourceIp" and rng.random() < 0.3:
            condition["Null"] = {key: rng.choice(["true", "false"])}
            continue
        values = rng.sample(POLICY_VALUES[key], rng.randint(1, 2))
        if not operator.startswith("String") or "Like" not in operator:
            values = [v for v in values if "*" not in v and "?" not in v] or ["red"]
            if key != "aws:PrincipalTag/team":
                values = [v for v in values if v != "red"] or [POLICY_VALUES[key][0]]
        condition.setdefault(operator, {})[key] = values if len(values) > 1 else values[0]
    return condition


def statement(
    rng: random.Random, deny_share: float = 0.3, condition_share: float = 0.3
) -> dict[str, Any]:
    effect = "Deny" if rng.random() < deny_share else "Allow"
    actions = [_action_pattern(rng) for _ in range(rng.randint(1, 3))]
    resources = [_resource_pattern(rng) for _ in range(rng.randint(1, 3))]
    out: dict[str, Any] = {"Effect": effect}
    out["NotAction" if rng.random() < 0.1 else "Action"] = actions
    out["NotResource" if rng.random() < 0.1 else "Resource"] = resources
    if rng.random() < condition_share:
        out["Condition"] = _condition(rng)
    return out


def policy(rng: random.Random, statements: int | None = None, **kw: float) -> dict[str, Any]:
    count = statements if statements is not None else rng.randint(1, 4)
    return {"Version": "2012-10-17", "Statement": [statement(rng, **kw) for _ in range(count)]}
