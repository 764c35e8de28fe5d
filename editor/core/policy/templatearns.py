"""ARNs a tick writes into a policy of a CloudFormation template, in the template's own terms.

A tick generates ARNs from the form's values, with AWS's placeholders (`region`,
`{aws_account_id}`) where a field is unfilled. Inside a template those fields are usually the
stack's: its ARNs read `!Sub 'arn:${AWS::Partition}:chime:${AWS::Region}:${AWS::AccountId}:
app-instance/${AppInstanceId}'`, and the form shows them read-only. So each field a generated
ARN leaves unfilled is written as the template writes it:

1. the reference the policy already uses for that field (`${AppInstanceId}`), else
2. for the partition, region and account, CloudFormation's pseudo parameter (`${AWS::Region}`),
3. for an ID, `${Param}` when the template declares a parameter plainly named for it
   (`AppInstanceId`, `ChannelId`, `UserId` ...), else
4. the placeholder stays (`{app_instance_id}`): the lint asks for it to be filled.

A field the policy writes literally (`arn:aws:`, `app-instance/myapp-1234`) gets that text
(the form's value when it has one); a wildcard (`app-instance/*`) is never copied into a new
grant, as in a plain policy: the steps above apply instead. An ARN that gets a reference becomes
`{"Fn::Sub": ...}`, with IAM's own variables escaped as `${!aws:username}` so that
CloudFormation leaves them to IAM.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.core.catalog.arn import POLICY_VARIABLE, SUB_REFERENCE, Span
from editor.core.catalog.catalog import Catalog
from editor.core.json.nodes import Kind, Node
from editor.core.policy.arnfields import FIELDS
from editor.core.policy.arnslots import arn_fields, field_values, find_slots, joined_string
from editor.core.policy.statements import statements

PSEUDO_PARAMETERS = {
    "partition": "${AWS::Partition}",
    "region": "${AWS::Region}",
    "account_id": "${AWS::AccountId}",
}


@dataclass(frozen=True)
class TemplateArns:
    """Field -> what a new ARN writes for it when the form leaves it unfilled: a reference
    (`${AWS::Region}`, written as is in a `Fn::Sub`) or the policy's own literal text."""

    references: dict[str, str]
    literals: dict[str, str]
    # The reference the policy writes a whole app instance ARN with, its ARNs reading
    # `${Chat.AppInstanceArn}/user/...` (a Fn::Join or Fn::Sub on a GetAtt or Ref).
    app_instance: str | None = None

    def resource(self, arn: str, catalog: Catalog) -> str | dict[str, str]:
        """`arn` (generated) as the template writes it: a `Fn::Sub` when a field of it is
        the template's, else a string."""
        fields = arn_fields(arn, catalog)
        swaps: list[tuple[Span, str, bool]] = []
        head = next((s for f, s, hole in fields if f == "app_instance_id" and hole), None)
        if self.app_instance is not None and head is not None:  # `arn:...:app-instance/ID`
            swaps.append((Span(0, head.end, arn[: head.end]), self.app_instance, True))
            fields = tuple(f for f in fields if f[1].start >= head.end)
        for field, span, hole in fields:
            if not hole and field != "partition":
                continue  # the form's own value: kept
            if field in self.references:
                swaps.append((span, self.references[field], True))
            elif hole and field in self.literals:
                swaps.append((span, self.literals[field], False))
        parts: list[tuple[str, bool]] = []
        at = 0
        for span, text, reference in sorted(swaps, key=lambda s: s[0].start):
            parts += [(arn[at : span.start], False), (text, reference)]
            at = span.end
        parts.append((arn[at:], False))
        if not any(reference for _, reference in parts):
            return "".join(text for text, _ in parts)
        return {"Fn::Sub": "".join(t if ref else _escaped(t) for t, ref in parts)}


def _escaped(literal: str) -> str:
    """Literal text of a `Fn::Sub`: IAM's `${aws:username}` written `${!aws:username}`."""
    return literal.replace("${", "${!")


def template_arns(root: Node | None, catalog: Catalog, parameters: tuple[str, ...]) -> TemplateArns:
    """How new ARNs are written in the policy `root` of a template declaring `parameters`."""
    held = field_values(find_slots(root, catalog))
    by_name = {_plain(p): p for p in parameters}
    references: dict[str, str] = {}
    literals: dict[str, str] = {}
    app_instance, ids = _app_instance_heads(root)
    for field, (variable, _placeholder) in FIELDS.items():
        seen = held.get(field)
        whole = [s for s in seen.symbols if _is_reference(s)] if seen else []
        # a literal piece of a Fn::Join (`us-east-1`): the template's, written as it is
        symbols = seen.symbols if seen else ()
        pieces = [s for s in symbols if "${" not in s or POLICY_VARIABLE.fullmatch(s)]
        texts = list(seen.values) + pieces if seen else []
        texts += [ids[field]] if field in ids else []
        # Written literally: the same text, but never a wildcard (`app-instance/*`): a tick
        # widening a new grant to every app instance would be a choice nobody made, and a
        # plain policy's tick writes the placeholder there too.
        exact = [v for v in texts if "*" not in v and "?" not in v]
        if whole:
            references[field] = whole[0]
        elif exact:
            literals[field] = exact[0]
        elif field in PSEUDO_PARAMETERS:
            references[field] = PSEUDO_PARAMETERS[field]
        else:
            parameter = by_name.get(_plain(variable)) or by_name.get(_plain(field))
            if parameter is not None:
                references[field] = "${" + parameter + "}"
    return TemplateArns(references, literals, app_instance)


# `${Chat.AppInstanceArn}/user/ID`: a reference that is a whole app instance ARN, then a path
# (the chat demo joins `!GetAtt TriggerChimeAppInstanceLambda.AppInstanceArn` and `/user/...`).
_HEAD = re.compile(r"(\$\{[^!}][^}]*\})/(user|bot|channel|channel-flow)/([^/]*)$")
_ID_FIELDS = {"user": "user_id", "bot": "bot_id"}


def _app_instance_heads(root: Node | None) -> tuple[str | None, dict[str, str]]:
    """The reference the policy's ARNs start with for their app instance, if any, and the
    user or bot IDs written after it (as IAM reads them)."""
    head: str | None = None
    ids: dict[str, str] = {}
    for view in statements(root):
        member = view.member("Resource")
        value = member.value if member is not None else None
        nodes = [] if value is None else value.items if value.kind is Kind.ARRAY else [value]
        for node in nodes:
            match = _HEAD.match(_template_string(node) or "")
            if match is None:
                continue
            head = head or match.group(1)
            field = _ID_FIELDS.get(match.group(2))
            if field is not None and field not in ids:
                ids[field] = match.group(3).replace("${!", "${")
    return head, ids


def _template_string(node: Node) -> str | None:
    """The string a `Fn::Sub` or `Fn::Join` resource makes, references as `${X}`."""
    if node.kind is not Kind.OBJECT or len(node.members) != 1:
        return None
    function, body = node.members[0].key, node.members[0].value
    if function == "Fn::Sub" and body is not None and body.kind is Kind.STRING:
        return str(body.value)
    return joined_string(node) if function == "Fn::Join" else None


def _is_reference(text: str) -> bool:
    """`${AppInstanceId}`, `${AWS::Region}`: not an escape, nor IAM's `${aws:username}`."""
    match = SUB_REFERENCE.fullmatch(text)
    return match is not None and not match.group(1) and not POLICY_VARIABLE.fullmatch(text)


def _plain(name: str) -> str:
    """A name compared the way a person reads it: `AppInstanceId`, `app_instance_id`."""
    return "".join(c for c in name.lower() if c.isalnum())
