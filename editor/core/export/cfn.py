"""Policy documents inside a CloudFormation template, so that opening one offers a choice."""

from __future__ import annotations

import json
from typing import Any


def _load(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        import yaml
    except ImportError:  # pragma: no cover - PyYAML is a dependency
        return None

    class Loader(yaml.SafeLoader):
        """Reads CloudFormation's short tags (!Sub, !Ref ...) as plain values."""

    def any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return {f"Fn::{suffix}": loader.construct_scalar(node)}
        if isinstance(node, yaml.SequenceNode):
            return {f"Fn::{suffix}": loader.construct_sequence(node, deep=True)}
        return {f"Fn::{suffix}": loader.construct_mapping(node, deep=True)}  # type: ignore[arg-type]

    Loader.add_multi_constructor("!", any_tag)
    try:
        return yaml.load(text, Loader=Loader)
    except yaml.YAMLError:
        return None


def policy_documents(text: str) -> list[tuple[str, str]] | None:
    """(label, policy JSON) for each IAM policy document of a template; None if `text` is no
    CloudFormation template. Trust policies (AssumeRolePolicyDocument) are left out."""
    data = _load(text)
    if not isinstance(data, dict) or not isinstance(data.get("Resources"), dict):
        return None
    found: list[tuple[str, str]] = []
    for logical_id, resource in data["Resources"].items():
        if not isinstance(resource, dict):
            continue
        kind = resource.get("Type", "?")
        properties = resource.get("Properties") or {}
        if not isinstance(properties, dict):
            continue
        if isinstance(properties.get("PolicyDocument"), dict):
            found.append((f"{logical_id} ({kind})", properties["PolicyDocument"]))
        for n, policy in enumerate(properties.get("Policies") or []):
            if isinstance(policy, dict) and isinstance(policy.get("PolicyDocument"), dict):
                name = policy.get("PolicyName", f"policy {n + 1}")
                found.append((f"{logical_id} › {name} ({kind})", policy["PolicyDocument"]))
    return [(label, json.dumps(doc, indent=4) + "\n") for label, doc in found]
