"""The values a policy's ARNs hold, field by field, and filling a field in place.

Every ARN of every statement counts — Resource, NotResource and condition values, whatever the
statement's Sid — and each of its fields is a *slot*: the partition, region and account of any
ARN; the app instance, user, bot, channel and channel-flow IDs of a Chime ARN (by the
catalog's ARN templates). A slot holds a value or a placeholder in one of its written forms
(`region`, `{aws_account_id}`, `<ACCOUNT_ID>`, `app_instance_id` ...). A placeholder no form
field stands for (`project_id` in an Amazon Pinpoint ARN) is a slot of its own, named
`other:` + its text, so that it can be filled too.

Filling replaces the chosen slots' text and nothing else: one edit per slot.

What a policy takes away is never a target nor a source of values. A Deny's ARNs and a
NotResource's exceptions name what is *not* allowed: narrowing a Deny's `channel/*` to the
channel typed would allow every other channel, and a value read from an exception would land
a new grant on exactly what the author carved out. Their slots are *taken*: a fill replaces
only their placeholders (which name nothing, so filling them allows nothing more), and the
form's values and new statements' ARNs come from the Allow statements' `Resource`s alone.

Only the resources a policy is about are retargeted. A Principal or NotPrincipal says who is
granted access, and a Condition what a request must carry (`aws:SourceAccount`,
`aws:SourceArn` ...): their real values are the author's deliberate choice and are neither
shown as the form's values nor replaced; only their placeholders are slots (filled like any
other). So an account typed in the form never regrants a policy to another account, and a
trust policy's SourceAccount and SourceArn are never half-replaced.

A policy from a CloudFormation template holds intrinsic functions. A reference in a `Fn::Sub`
string (`${AWS::Region}`, `${AWS::AccountId}`, `${AppInstanceId}`) is the template's value of
its field, worked out when the stack is made: its slot is *symbolic*, shown as the template's
and never replaced; the literal fields around it are slots like any other. A `Fn::Join` is
read as the `Fn::Sub` it equals, all of its fields the template's (its pieces are not cut
into); `Ref`, `Fn::GetAtt` ... hold no ARN the form could fill without cutting a token.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from editor.core.catalog.arn import (
    SUB_REFERENCE,
    Span,
    is_placeholder,
    placeholders,
    split_arn,
)
from editor.core.catalog.arntypes import resource_ids
from editor.core.catalog.catalog import Catalog
from editor.core.json.nodes import Kind, Member, Node
from editor.core.policy.arnfields import ANY_CHOICE, VARIABLE_FIELD
from editor.core.policy.denials import statement_name
from editor.core.policy.statements import statements
from editor.core.text.findings import TextEdit

OTHER = "other:"  # field name prefix of a placeholder no form field stands for
# Who is granted and what a request must carry: only their placeholders are filled.
_KEPT_ELEMENTS = frozenset({"Principal", "NotPrincipal", "Condition"})
_ARN_FIELDS = (("partition", "partition"), ("region", "region"), ("account_id", "account"))
# Condition keys whose value is an account ID, not an ARN (IAM User Guide, "AWS global
# condition context keys"): a trust policy's `"aws:SourceAccount": "<ACCOUNT_ID>"` beside
# its SourceArn's account is filled with it, or the two would name different accounts.
_ACCOUNT_KEYS = frozenset(
    {"aws:sourceaccount", "aws:principalaccount", "aws:resourceaccount", "aws:sourceowner"}
)


@dataclass(frozen=True, slots=True)
class Slot:
    field: str  # a form field ("region", "user_id") or OTHER + the placeholder's text
    node: Node  # the string node holding the ARN
    span: Span  # where in the string's value
    placeholder: bool
    symbolic: bool = False  # a template's reference (${AWS::Region} in a Fn::Sub): kept
    in_sub: bool = False  # in a Fn::Sub string, where IAM's ${x} is written ${!x}
    # What the slot's ARN takes away, if it does: "Deny" (a Deny statement's) or
    # "NotResource" (an Allow's exception); "" for an ARN the policy grants on.
    taken: str = ""
    statement: str = ""  # its statement as the window names it: 'Sid' or "statement 2"

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def wildcard(self) -> bool:
        return "*" in self.text or "?" in self.text

    @property
    def fillable(self) -> bool:
        """A fill may replace it: not the template's, and not a value of what the policy
        takes away (a placeholder there names nothing: filling it allows nothing more)."""
        return not self.symbolic and (self.placeholder or not self.taken)


# The last tree's slots: reading the ticks and fields of a text and the form's held values
# each ask for the same tree's (the reader's cache gives both the same tree), at every
# analysis while typing: 10 ms of a 50 KB policy's analysis was this, done twice. The entry
# keeps its tree alive, so `is` cannot match a new tree at a recycled address.
_last: tuple[Node, Catalog, tuple[Slot, ...]] | None = None


def find_slots(root: Node | None, catalog: Catalog) -> list[Slot]:
    """Every field of every ARN in the policy's statements, in text order."""
    global _last
    last = _last
    if last is not None and last[0] is root and last[1] is catalog:
        return list(last[2])  # a list of its own: a caller may change it
    found: list[Slot] = []
    for statement in statements(root):
        name = statement_name(statement)
        denies = statement.effect != "Allow"  # a Deny (or no valid Effect: grants nothing)
        for member in statement.node.members:
            if member.value is None:
                continue
            kept = member.key in _KEPT_ELEMENTS
            taken = "Deny" if denies else "NotResource" if member.key == "NotResource" else ""
            for node, in_sub in _strings(member.value):
                slots = _slots_of(node, catalog, in_sub)
                if node.kind is Kind.OBJECT:  # a Fn::Join: every field the template's
                    slots = [replace(s, placeholder=False, symbolic=True) for s in slots]
                if kept:
                    slots = [s for s in slots if s.placeholder]
                found.extend(replace(s, taken=taken, statement=name) for s in slots)
            if kept:
                found.extend(
                    replace(s, taken=taken, statement=name) for s in _bare_accounts(member)
                )
    ordered = sorted(found, key=lambda s: (s.node.start, s.span.start))
    if root is not None:
        _last = (root, catalog, tuple(ordered))
    return ordered


def held_by_kept(root: Node | None, value: str) -> bool:
    """Whether a Principal, NotPrincipal or Condition string holds `value` whole or as one
    of its ARN's fields: the form's value is there, though no resource ARN holds it."""
    for statement in statements(root):
        for member in statement.node.members:
            if member.key in _KEPT_ELEMENTS and member.value is not None:
                for node, _ in _strings(member.value):
                    text = str(node.value)
                    if text == value or value in text.replace("/", ":").split(":"):
                        return True
    return False


def _bare_accounts(member: Member) -> Iterator[Slot]:
    """Account placeholders written as the whole value where an account ID belongs: a
    Condition's account keys, and a Principal's `AWS` (an account ID is a principal)."""
    value = member.value
    if value is None or value.kind is not Kind.OBJECT:
        return
    if member.key == "Condition":
        blocks = [m.value for m in value.members if m.value is not None]
        held = [k.value for b in blocks for k in b.members if k.key.lower() in _ACCOUNT_KEYS]
    else:
        held = [m.value for m in value.members if m.key == "AWS"]
    for node in held:
        if node is None:
            continue
        for item in node.items if node.kind is Kind.ARRAY else [node]:
            text = item.value if item.kind is Kind.STRING else None
            if (
                isinstance(text, str)
                and split_arn(text) is None
                and is_placeholder(text, "account")
            ):
                yield Slot("account_id", item, Span(0, len(text), text), True)


def _strings(node: Node) -> Iterator[tuple[Node, bool]]:
    """The string values under `node` (keys are not values: they hold no ARN), each with
    whether it is the string of a `Fn::Sub`. Other intrinsic functions are skipped."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.kind is Kind.STRING:
            yield current, False
        elif current.kind is Kind.ARRAY:
            stack.extend(reversed(current.items))
        elif current.kind is Kind.OBJECT:
            function = _intrinsic(current)
            if function == "Fn::Sub":
                body = current.members[0].value
                if body is not None and body.kind is Kind.ARRAY and body.items:
                    body = body.items[0]  # [string, {variables}]: the variables are the template's
                if body is not None and body.kind is Kind.STRING:
                    yield body, True
            elif function == "Fn::Join":
                joined = joined_string(current)
                if joined is not None:  # the join node itself, holding the string it makes
                    yield Node(Kind.OBJECT, current.start, current.end, joined), True
            elif function is None:
                stack.extend(reversed([m.value for m in current.members if m.value is not None]))


def joined_string(node: Node) -> str | None:
    """The string a `Fn::Join` of strings and references makes, as a `Fn::Sub` would write it
    (`${AWS::AccountId}`, `${Queue.Arn}`); None for anything else joined."""
    value = node.members[0].value
    if value is None or value.kind is not Kind.ARRAY or len(value.items) != 2:
        return None
    glue, items = value.items
    if glue.kind is not Kind.STRING or items.kind is not Kind.ARRAY:
        return None
    parts: list[str] = []
    for item in items.items:
        function = _intrinsic(item) if item.kind is Kind.OBJECT else None
        target = item.members[0].value if function else None
        if item.kind is Kind.STRING:
            parts.append(str(item.value).replace("${", "${!"))
        elif function == "Ref" and target is not None and target.kind is Kind.STRING:
            parts.append("${" + str(target.value) + "}")
        elif function == "Fn::GetAtt" and target is not None and target.kind is Kind.ARRAY:
            parts.append("${" + ".".join(str(i.value) for i in target.items) + "}")
        else:
            return None
    return str(glue.value).join(parts)


def _intrinsic(node: Node) -> str | None:
    """`Ref`, `Fn::Sub` ... when `node` is a CloudFormation intrinsic function."""
    if len(node.members) != 1:
        return None
    key = node.members[0].key
    return key if key == "Ref" or key.startswith("Fn::") else None


def _slots_of(node: Node, catalog: Catalog, in_sub: bool = False) -> list[Slot]:
    value = str(node.value)
    service, templates = catalog.service.prefix, catalog.arn_templates
    if not in_sub:
        return [
            Slot(f, node, span, hole) for f, span, hole in _slot_specs(value, service, templates)
        ]
    return [
        Slot(f, node, span, hole, symbolic, True)
        for f, span, hole, symbolic in _sub_slot_specs(value, service, templates)
    ]


@lru_cache(maxsize=1024)
def _sub_slot_specs(
    value: str, service: str, templates: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, Span, bool, bool], ...]:
    """(field, span, is a placeholder, is the template's) for each field of a `Fn::Sub`
    string: its references are masked (same length, no `:` or `/`) so that the ARN splits
    where the template's ARN will, then each field touching a reference is the template's."""
    refs = [(m.start(), m.end(), m.group(1) == "!") for m in SUB_REFERENCE.finditer(value)]
    masked, pos = [], 0
    for start, end, _ in refs:
        masked += [value[pos:start], "\x00" * (end - start)]
        pos = end
    masked.append(value[pos:])
    specs = []
    for field, span, hole in _slot_specs("".join(masked), service, templates):
        touching = [escape for start, end, escape in refs if start < span.end and span.start < end]
        symbolic = not all(touching)  # an escape (${!aws:username}) is IAM's, literal text
        text = value[span.start : span.end]
        if touching and not symbolic:  # shown and compared as IAM reads it: ${aws:username}
            text = text.replace("${!", "${")
        specs.append((field, Span(span.start, span.end, text), hole and not touching, symbolic))
    return tuple(specs)


def arn_fields(value: str, catalog: Catalog) -> tuple[tuple[str, Span, bool], ...]:
    """(field, span, is a placeholder) for each field of one ARN string; () for no ARN."""
    return _slot_specs(value, catalog.service.prefix, catalog.arn_templates)


@lru_cache(maxsize=4096)  # bounded: the live preview asks for the same ARNs on every edit
def _slot_specs(
    value: str, service: str, templates: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, Span, bool], ...]:
    """(field, span, is a placeholder) for each field of one ARN string; () for no ARN."""
    fields = split_arn(value)
    if fields is None:
        return ()
    unfilled = placeholders(value)
    specs: list[tuple[str, Span, bool]] = []
    for name, kind in _ARN_FIELDS:
        span = getattr(fields, kind)
        if span.text:
            specs.append((name, span, is_placeholder(span.text, kind)))
    if fields.service.text == service:  # the service whose templates name the ID fields
        for variable, span in _ids(templates, fields.resource):
            field = VARIABLE_FIELD.get(variable)
            if field is not None and span.text:
                specs.append((field, span, _overlaps(span, unfilled)))
    # Placeholders in the resource part that no form field took: `apps/project_id`.
    for span in unfilled:
        if span.start >= fields.resource.start and not any(
            s.start < span.end and span.start < s.end for _, s, _ in specs
        ):
            specs.append((OTHER + span.text, span, True))
    return tuple(sorted(specs, key=lambda s: s[1].start))


def _ids(templates: tuple[tuple[str, str], ...], resource: Span) -> tuple[tuple[str, Span], ...]:
    """The IDs of the resource part; for `app-instance/app-1234/*` (everything under an app
    instance), those of `app-instance/app-1234`: the form shows the app instance it holds."""
    found = resource_ids(templates, resource)
    if found or not resource.text.endswith("/*"):
        return found
    return resource_ids(templates, Span(resource.start, resource.end - 2, resource.text[:-2]))


def _overlaps(span: Span, spans: tuple[Span, ...]) -> bool:
    return any(s.start < span.end and span.start < s.end for s in spans)


@dataclass(frozen=True, slots=True)
class FieldValues:
    """What the document holds for one field: its distinct texts in order of appearance."""

    values: tuple[str, ...]  # filled values (wildcards included), distinct
    placeholders: tuple[str, ...]  # placeholder texts, distinct
    symbols: tuple[str, ...] = ()  # the template's references (${AWS::Region}): never replaced

    @property
    def texts(self) -> tuple[str, ...]:
        return self.values + self.placeholders


def field_values(slots: list[Slot]) -> dict[str, FieldValues]:
    """What the policy's ARNs hold, field by field: values only from the ARNs it grants on
    (a Deny's or a NotResource's name what it takes away), placeholders from every ARN."""
    seen: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for slot in slots:
        if slot.taken and not slot.placeholder:
            continue
        values, holes, symbols = seen.setdefault(slot.field, ([], [], []))
        bucket = symbols if slot.symbolic else holes if slot.placeholder else values
        if slot.text not in bucket:
            bucket.append(slot.text)
    return {name: FieldValues(tuple(v), tuple(h), tuple(s)) for name, (v, h, s) in seen.items()}


def default_targets(slots: list[Slot], field: str, any_is_a_value: bool = False) -> set[str]:
    """The texts a new value for `field` replaces unless the user picks: every value and
    placeholder, but not a wildcard (`user/*` in an administrator's policy means every user,
    not the one being typed) unless the field has an "any (*)" choice of its own."""
    texts = {s.text for s in slots if s.field == field and s.fillable}
    return texts if any_is_a_value else {t for t in texts if "*" not in t and "?" not in t}


def fill_edits(
    text: str, slots: list[Slot], field: str, raw_value: str, targets: set[str] | None = None
) -> list[TextEdit]:
    """The edits that put `raw_value` into every slot of `field` whose text is in `targets`
    (default: `default_targets`). A string written with escapes is rewritten whole."""
    chosen = default_targets(slots, field) if targets is None else targets
    by_node: dict[int, list[Slot]] = {}
    for slot in slots:
        wanted = slot.field == field and slot.text in chosen and slot.fillable
        if wanted and slot.text != raw_value:
            by_node.setdefault(id(slot.node), []).append(slot)
    edits: list[TextEdit] = []
    for group in by_node.values():
        node = group[0].node
        value = _sub_escaped(raw_value) if group[0].in_sub else raw_value
        encoded = json.dumps(value, ensure_ascii=False)[1:-1]
        raw = text[node.start + 1 : node.end - 1]
        if raw == node.value and text[node.start] == '"':
            edits.extend(
                TextEdit(node.start + 1 + s.span.start, node.start + 1 + s.span.end, encoded)
                for s in group
            )
        else:  # escapes or single quotes: write the string anew
            new = str(node.value)
            for s in sorted(group, key=lambda s: s.span.start, reverse=True):
                new = new[: s.span.start] + value + new[s.span.end :]
            edits.append(TextEdit(node.start, node.end, json.dumps(new, ensure_ascii=False)))
    return sorted(edits, key=lambda e: e.start)


def _sub_escaped(value: str) -> str:
    """`value` as a `Fn::Sub` string writes it: IAM's `${aws:username}` as `${!aws:username}`,
    so that CloudFormation leaves it for IAM instead of reading it as a reference."""
    return value.replace("${", "${!").replace("${!!", "${!")


def fill_text(text: str, changes: dict[str, str], catalog: Catalog | None = None) -> str:
    """`text` with each field of `changes` filled in place (default targets). The string
    tokens the reader found are exact even in text with syntax errors elsewhere, so this
    works on any text; values are not validated here (the form and the CLI do that)."""
    from editor.core.catalog.catalog import load_catalog
    from editor.core.json.read import read_json
    from editor.core.text.findings import apply_edits

    catalog = catalog or load_catalog()
    slots = find_slots(read_json(text).root, catalog)
    edits: list[TextEdit] = []
    for name, value in changes.items():
        targets = default_targets(slots, name, any_is_a_value=name in ANY_CHOICE)
        edits.extend(fill_edits(text, slots, name, value, targets))
    return apply_edits(text, edits)
