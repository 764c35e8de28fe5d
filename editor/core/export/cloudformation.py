"""CloudFormation in YAML or JSON: the resource the policy's kind goes in (targets.py), and
`--sub`.

`--sub` writes the stack's own account and region as ${AWS::AccountId} and ${AWS::Region},
so that one template deploys anywhere. Only ARN fields *equal* to the stack's account or
region are rewritten: an ARN of another account (a cross-account grant) or another region
names that account or region on purpose and stays as written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from editor.core.catalog.arn import ACCOUNT_ID, split_arn
from editor.core.catalog.catalog import load_catalog
from editor.core.export.targets import Target
from editor.core.json.nodes import Kind, Node

_NAME = re.compile(r"[^A-Za-z0-9]+")


class Stack(NamedTuple):
    """The account and region the template is deployed to (None: not named in the policy)."""

    account: str | None
    region: str | None


class _Sub(str):
    """A string CloudFormation should pass through Fn::Sub."""


def _strings(root: Node) -> Iterator[Node]:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.kind is Kind.STRING:
            yield node
        stack.extend(reversed(node.items))
        stack.extend(reversed([m.value for m in node.members if m.value is not None]))


def _written_out(what: str, value: str) -> bool:
    """A real account ID or region code, not a wildcard, variable or placeholder."""
    if what == "account":
        return ACCOUNT_ID.fullmatch(value) is not None
    return load_catalog().partition_of(value) is not None


def stack_of(
    root: Node, account: str | None, region: str | None
) -> tuple[Stack, list[tuple[Node, str]]]:
    """The stack's account and region: as given, or else the only one the policy's ARNs name.
    Several and none given is a problem, placed at the ARN naming the second one."""
    problems: list[tuple[Node, str]] = []
    seen: dict[str, dict[str, Node]] = {"account": {}, "region": {}}
    for node in _strings(root):
        fields = split_arn(node.value)
        if fields is not None:
            for what, text in (("account", fields.account.text), ("region", fields.region.text)):
                if _written_out(what, text):
                    seen[what].setdefault(text, node)
    chosen = {"account": account, "region": region}
    for what, option in (("account", "--account-id"), ("region", "--region")):
        if chosen[what] is None and len(seen[what]) > 1:
            names = list(seen[what])
            problems.append(
                (
                    seen[what][names[1]],
                    f"--sub: the policy names {len(names)} {what}s ({', '.join(names[:4])}); "
                    f"say which is the stack's ({option}, or the {what} field of the form): "
                    f"only that one becomes a parameter",
                )
            )
        elif chosen[what] is None and seen[what]:
            chosen[what] = next(iter(seen[what]))
    return Stack(chosen["account"], chosen["region"]), problems


def _escaped(text: str) -> str:
    # Fn::Sub reads ${...} as its own; IAM policy variables are written ${!...} to stay.
    return text.replace("${", "${!")


def _substituted(value: Any, stack: Stack) -> Any:
    if isinstance(value, dict):
        return {k: _substituted(v, stack) for k, v in value.items()}
    if isinstance(value, list):
        return [_substituted(v, stack) for v in value]
    if not isinstance(value, str):
        return value
    fields = split_arn(value)
    if fields is None:
        return value
    region, account = fields.region.text, fields.account.text
    ours_region = stack.region is not None and region == stack.region
    ours_account = stack.account is not None and account == stack.account
    if not ours_region and not ours_account:
        return value
    head = _escaped(value[: fields.region.start])
    region = "${AWS::Region}" if ours_region else _escaped(region)
    account = "${AWS::AccountId}" if ours_account else _escaped(account)
    return _Sub(f"{head}{region}:{account}:{_escaped(fields.resource.text)}")


def logical_id(name: str) -> str:
    words = _NAME.split(name)
    return "".join(w[:1].upper() + w[1:] for w in words if w) or "ChimePolicy"


def cloudformation(
    document: dict[str, Any], name: str, target: Target, yaml_out: bool, stack: Stack | None
) -> str:
    """The template: `target`'s resource holding the document; with a `stack`, its account
    and region as pseudo parameters."""
    body = _substituted(document, stack) if stack is not None else document
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": target.what[:1].upper() + target.what[1:],
        "Resources": {
            logical_id(name): {
                "Type": target.cfn_type,
                "Properties": {**target.cfn_properties, target.cfn_document: body},
            }
        },
    }
    if not yaml_out:
        return json.dumps(_long_form(template), indent=2) + "\n"
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def sub(dumper: yaml.SafeDumper, value: _Sub) -> yaml.Node:
        return dumper.represent_scalar("!Sub", str(value))

    Dumper.add_representer(_Sub, sub)
    return str(yaml.dump(template, Dumper=Dumper, sort_keys=False, width=1000))


def _long_form(value: Any) -> Any:
    """JSON templates spell Fn::Sub out."""
    if isinstance(value, _Sub):
        return {"Fn::Sub": str(value)}
    if isinstance(value, dict):
        return {k: _long_form(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_long_form(v) for v in value]
    return value
