"""Selection + ARN values -> policy, in AWS's example layout or least privilege.

Least privilege groups actions by the resource types they are authorized against (catalog
data) and grants each group only those ARNs; an action never lands on an ARN type it cannot
use. The AWS-example layout reproduces the statements of AWS's example policies.

Users and bots play two roles. The *caller* is whoever makes a messaging call (the app
instance user, or a bot when "act as a bot" is chosen): caller-authorized actions get the
caller's own ARN, and a bot's ARN only when the caller is a bot. A *target* is a user or bot an
administrative (identity) action operates on: those get `user/*` / `bot/*`, or the target IDs
given, never the caller's own ARN.
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
TARGET = "target:"  # a user or bot type an action operates on, not the caller's own
_SID_WORD = {
    "app-instance": "AppInstance",
    "app-instance-user": "User",
    "app-instance-bot": "Bot",
    "target:app-instance-user": "Users",
    "target:app-instance-bot": "Bots",
    "channel": "Channel",
    "channel-flow": "ChannelFlow",
}
# APIs whose calls are authorized against the caller's own user (or bot) ARN.
_CALLER_APIS = ("chime-sdk-messaging", "chime")


# The Sids this module writes: "Chime", resource words, and a number when a file already has
# that Sid. Statements with other Sids are the author's own, and the editor keeps them as
# written.
GENERATED_SID = re.compile(
    r"Chime(?:AnyResource|(?:AppInstance|Users|User|Bots|Bot|ChannelFlow|Channel)+)\d*"
)


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


def arns_for(catalog: Catalog, resource_type: str, values: ArnValues) -> list[str]:
    """The ARNs for a resource type in its role: a target type gets `*` or the target IDs."""
    if not resource_type.startswith(TARGET):
        return [arn_for(catalog, resource_type, values)]
    base = resource_type.removeprefix(TARGET)
    field, ids = (
        ("user_id", values.target_user_ids)
        if base == "app-instance-user"
        else ("bot_id", values.target_bot_ids)
    )
    return [
        arn_for(catalog, base, values.model_copy(update={field: target}))
        for target in ids or ("*",)
    ]


def caller_type(values: ArnValues) -> str:
    return "app-instance-bot" if values.as_bot else "app-instance-user"


def acts_as_caller(action: Action) -> bool:
    """Whether the user or bot ARNs an action needs are its caller's (a messaging call),
    rather than the users or bots it operates on (an identity, administrative call)."""
    return action.api in _CALLER_APIS and bool(action.required_types & CALLER_TYPES)


def needed_types(action: Action, values: ArnValues) -> frozenset[str]:
    """The resource types to grant `action` on: what it is authorized against, with the user
    and bot types in their role — the caller's own (plain) or targets (`target:` prefix)."""
    if action.star_only:
        return frozenset()
    types = set(action.required_types)
    if not types:  # all optional (tagging): the messaging resources, bots only if named
        types = set(action.arn_types & set(MESSAGING_TYPES)) or set(action.arn_types)
        if not (values.bot_id or values.target_bot_ids) and len(types) > 1:
            types.discard("app-instance-bot")
    if acts_as_caller(action):
        types -= CALLER_TYPES
        caller = caller_type(values)
        # A call only a user can make (Connect) stays the user's, even for a bot caller.
        types.add(caller if caller in action.arn_types else "app-instance-user")
    else:
        types = {TARGET + t if t in CALLER_TYPES else t for t in types}
    return frozenset(types)


def _order(types: Iterable[str]) -> list[str]:
    rank = {name: i for i, name in enumerate(MESSAGING_TYPES)}
    return sorted(
        types, key=lambda t: (rank.get(t.removeprefix(TARGET), len(rank)), t.startswith(TARGET))
    )


def _sid(types: frozenset[str]) -> str:
    if not types:
        return "ChimeAnyResource"
    return "Chime" + "".join(_SID_WORD.get(t, t.title().replace("-", "")) for t in _order(types))


def is_generated_sid(sid: str, catalog: Catalog) -> bool:
    """Whether `sid` is one `_sid` writes (any resource types, numbered or not): "Chime" and
    resource words, split by a word-break walk over the catalog's words (linear in the Sid
    for a fixed catalog; no pattern built from text)."""
    body = sid.removeprefix("Chime").rstrip("0123456789")
    if not sid.startswith("Chime") or not body:
        return False
    if body == "AnyResource":
        return True
    words = {
        *_SID_WORD.values(),
        *(t.name.title().replace("-", "") for t in catalog.resource_types),
    }
    reached = [True] + [False] * len(body)
    for end in range(1, len(body) + 1):
        reached[end] = any(
            len(w) <= end and reached[end - len(w)] and body.endswith(w, 0, end) for w in words
        )
    return reached[-1]


def _statement(
    catalog: Catalog, actions: Iterable[Action], types: frozenset[str], values: ArnValues
) -> Statement:
    names = tuple(sorted(a.full_name for a in actions))
    ordered = _order(types)
    resources = (
        tuple(a for t in ordered for a in arns_for(catalog, t, values)) if types else (STAR,)
    )
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
