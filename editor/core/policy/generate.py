"""Selection + ARN values -> policy, in AWS's example layout or least privilege.

Least privilege groups actions by the resource types they are authorized against (catalog
data) and grants each group only those ARNs; an action never lands on an ARN type it cannot
use. The AWS-example layout reproduces the statements of AWS's example policies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from editor.core.catalog.catalog import CALLER_TYPES, STAR, Action, Catalog, Persona, load_catalog
from editor.core.catalog.catalog import load_personas as _load_personas
from editor.core.policy.arnvalues import ArnValues
from editor.core.policy.layout import Layout as Layout  # re-exported: callers name it from here
from editor.core.policy.statements import policy_text

# Types a messaging action is granted on when the catalog marks none as required.
MESSAGING_TYPES = (
    "app-instance",
    "app-instance-user",
    "app-instance-bot",
    "channel",
    "channel-flow",
)
_SID_WORD = {
    "app-instance": "AppInstance",
    "app-instance-user": "User",
    "app-instance-bot": "Bot",
    "channel": "Channel",
    "channel-flow": "ChannelFlow",
}


# The Sids this module writes: "Chime" and resource words. Statements with other Sids are the
# author's own, and the editor keeps them as written.
GENERATED_SID = re.compile(r"Chime(?:AnyResource|(?:AppInstance|User|Bot|ChannelFlow|Channel)+)")


class Statement(BaseModel):
    model_config = ConfigDict(frozen=True)

    Sid: str | None = None
    Effect: Literal["Allow", "Deny"] = "Allow"
    Action: tuple[str, ...]
    Resource: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        """IAM's JSON shape: a lone action or resource is a plain string, as in AWS's examples."""
        out: dict[str, object] = {}
        if self.Sid:
            out["Sid"] = self.Sid
        out["Effect"] = self.Effect
        out["Action"] = self.Action[0] if len(self.Action) == 1 else list(self.Action)
        out["Resource"] = self.Resource[0] if len(self.Resource) == 1 else list(self.Resource)
        return out


class PolicyDocument(BaseModel):
    model_config = ConfigDict(frozen=True)

    Version: Literal["2012-10-17", "2008-10-17"] = "2012-10-17"
    Statement: tuple[Statement, ...]

    def as_json(self) -> dict[str, object]:
        return {"Version": self.Version, "Statement": [s.as_json() for s in self.Statement]}

    def to_text(self, indent: int | None = 4) -> str:
        """Stable text: 4-space indent like AWS's examples; None or 0 for minified."""
        return policy_text(self.as_json(), indent)


def arn_for(catalog: Catalog, resource_type: str, values: ArnValues) -> str:
    template = catalog.resource_type[resource_type].arn
    for variable in catalog.resource_type[resource_type].variables:
        template = template.replace("${" + variable + "}", values.variable(variable))
    return template


def needed_types(action: Action, values: ArnValues) -> frozenset[str]:
    """The resource types to grant `action` on: what it is authorized against.

    The caller is the app-instance user; the bot too when a bot ID is given.
    """
    if action.star_only:
        return frozenset()
    types = set(action.required_types)
    if not types:  # all optional (tagging): the messaging resources, bots only if named
        types = set(action.arn_types & set(MESSAGING_TYPES)) or set(action.arn_types)
        if values.bot_id is None and len(types) > 1:
            types.discard("app-instance-bot")
    if action.caller_authorized:
        types -= CALLER_TYPES
        types.add("app-instance-user")
        if values.bot_id is not None:
            types.add("app-instance-bot")
    return frozenset(types)


def _order(types: Iterable[str]) -> list[str]:
    rank = {name: i for i, name in enumerate(MESSAGING_TYPES)}
    return sorted(types, key=lambda t: (rank.get(t, len(rank)), t))


def _sid(types: frozenset[str]) -> str:
    if not types:
        return "ChimeAnyResource"
    return "Chime" + "".join(_SID_WORD.get(t, t.title().replace("-", "")) for t in _order(types))


def _statement(
    catalog: Catalog, actions: Iterable[Action], types: frozenset[str], values: ArnValues
) -> Statement:
    names = tuple(sorted(a.full_name for a in actions))
    resources = tuple(arn_for(catalog, t, values) for t in _order(types)) if types else (STAR,)
    return Statement(Sid=_sid(types), Action=names, Resource=resources)


def least_privilege(catalog: Catalog, actions: list[Action], values: ArnValues) -> PolicyDocument:
    groups: dict[frozenset[str], list[Action]] = {}
    for action in actions:
        groups.setdefault(needed_types(action, values), []).append(action)
    ordered = sorted(groups.items(), key=lambda kv: (len(kv[0]), _order(kv[0])))
    return PolicyDocument(
        Statement=tuple(_statement(catalog, acts, types, values) for types, acts in ordered)
    )


def aws_example(
    catalog: Catalog, actions: list[Action], values: ArnValues, personas: Iterable[Persona]
) -> PolicyDocument:
    """The layout of AWS's examples: the matching persona's statements when the selection is
    exactly a persona; else `*` for actions without resource-level permissions and one
    statement for the rest on every ARN they need. Either way each statement also gets any ARN
    type its actions require that the example forgot (channel-flow for AssociateChannelFlow).
    """
    names = {a.name for a in actions}
    persona = next((p for p in personas if set(p.actions) == names), None)
    if persona is not None:
        layout = [
            ([catalog.by_full_name[f"chime:{n}"] for n in s.actions], s.resources)
            for s in persona.statements
        ]
    else:
        star = [a for a in actions if a.star_only]
        rest = [a for a in actions if not a.star_only]
        layout = [(group, ()) for group in (star, rest) if group]
    statements = []
    for group, templates in layout:
        if templates == (STAR,) or all(a.star_only for a in group):
            types: frozenset[str] = frozenset()
        else:
            types = frozenset().union(*(needed_types(a, values) for a in group))
        statements.append(_statement(catalog, group, types, values))
    return PolicyDocument(Statement=tuple(statements))


def generate(
    action_names: Iterable[str],
    values: ArnValues | None = None,
    layout: Layout = Layout.LEAST_PRIVILEGE,
    catalog: Catalog | None = None,
) -> PolicyDocument:
    """The policy granting `action_names` (catalog names, any case, with or without `chime:`)."""
    catalog = catalog or load_catalog()
    values = values or ArnValues()
    actions: list[Action] = []
    seen: set[str] = set()
    for name in action_names:
        action = catalog.action(name)
        if action is None:
            raise ValueError(f"{name!r} is not a Chime action")
        if action.name not in seen:
            seen.add(action.name)
            actions.append(action)
    if not actions:
        return PolicyDocument(Statement=())
    if layout is Layout.AWS_EXAMPLE:
        return aws_example(catalog, actions, values, _load_personas().personas)
    return least_privilege(catalog, actions, values)
