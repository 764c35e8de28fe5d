"""Ticks as minimal edits of the user's text.

Ticking an action inserts one string into the Action list of a statement whose resources fit
it (by the catalog's resource types), else appends a statement for it; unticking removes it
from every Allow statement that grants it by name, and a statement left with no action goes.
Everything else — order, formatting, comments, Sids — stays as written. An insertion and the
removal of what it inserted are exact inverses, so tick then untick gives the text back byte
for byte.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from editor.core.catalog.arn import SUB_REFERENCE, split_arn, symbol
from editor.core.catalog.arntypes import arn_types_of, resource_ids
from editor.core.catalog.catalog import CALLER_TYPES, STAR, Action, Catalog
from editor.core.json.nodes import Kind, Node
from editor.core.json.read import read_json
from editor.core.policy.arnvalues import ArnValues
from editor.core.policy.generate import (
    TARGET,
    Layout,
    generate,
    is_generated_sid,
    needed_types,
)
from editor.core.policy.statements import StatementView, removal_ranges, statements
from editor.core.text.findings import TextEdit, apply_edits


class NotEditable(Exception):
    """The text is not a policy whose Statement list can take an edit (the caller says why)."""


def remove_actions(text: str, names: Iterable[str], catalog: Catalog) -> str:
    """`text` without the named catalog actions in any Allow statement's Action."""
    drop = {a.name for n in names if (a := catalog.action(n)) is not None}
    if not drop:
        return text
    root, array = _statement_array(text)
    gone: list[int] = []  # statements left with no action
    edits: list[TextEdit] = []
    views = statements(root)
    for view in views:
        member = view.member("Action")
        if view.effect != "Allow" or member is None or member.value is None:
            continue
        value = member.value
        items = [value] if value.kind is Kind.STRING else value.items
        hits = [i for i, item in enumerate(items) if _name_of(item, catalog) in drop]
        if not hits:
            continue
        if len(hits) == len(items):
            _check_deletable(view, catalog)
            gone.append(view.index)
        else:
            edits.extend(TextEdit(s, e, "") for s, e in removal_ranges(value, hits))
    if gone and array is None:
        raise NotEditable("the only statement would be left with no action")
    if array is not None:
        if len(gone) == len(array.items):
            edits.append(TextEdit(array.start + 1, array.end - 1, ""))  # `[]` again
        else:
            edits.extend(TextEdit(s, e, "") for s, e in removal_ranges(array, gone))
    return apply_edits(text, edits)


# What a statement an untick may delete holds: the Effect, its actions and resources, and a
# Sid the generator wrote. Anything else (the author's Sid, a Condition, a Principal ...) is
# the user's writing, which a tick could not bring back.
_DELETABLE = frozenset({"Effect", "Action", "Resource"})


def _check_deletable(view: StatementView, catalog: Catalog) -> None:
    """Refuse to delete, as the side effect of an untick, a statement the user wrote more
    into than actions and resources: deleting it loses their Sid or Condition for good, and
    a later tick would grant the action again without the condition."""
    own = [k for k in view.elements if k not in _DELETABLE]
    sid = view.values("Sid")
    if sid and is_generated_sid(sid[0], catalog):
        own.remove("Sid")
    if not own:
        return
    names = ", ".join(str(n) for n in view.values("Action")) or "its action"
    label = f'"{sid[0]}"' if sid else f"#{view.index + 1}"
    raise NotEditable(
        f"{names} is all that statement {label} grants, and it has its own "
        f"{' and '.join(own)}: removing it would delete the statement with them. Delete the "
        "statement in the text if that is what you mean"
    )


def add_actions(
    text: str,
    names: Iterable[str],
    values: ArnValues,
    layout: Layout,
    catalog: Catalog,
    indent: int = 4,
    parameters: tuple[str, ...] | None = None,
) -> str:
    """`text` granting the named actions too: each into the best-fitting statement's list,
    the rest in new statements generated together (in `layout`) at the end. `parameters`
    (a CloudFormation template's, else None) has new ARNs written in the template's own
    references where the form leaves a field unfilled (see `templatearns`)."""
    indent = indent if indent > 0 else 4  # for a file with no level to copy
    actions = sorted(
        {a.name: a for n in names if (a := catalog.action(n)) is not None}.values(),
        key=lambda a: a.name,
    )
    rest: list[Action] = []
    for action in actions:
        root, _ = _statement_array(text)
        target = _best_fit(statements(root), action, values, catalog)
        if target is None:
            rest.append(action)
        else:
            text = apply_edits(text, [_insertion(text, target, action.full_name)])
    if rest:
        text = _as_list(text)
        document = generate([a.name for a in rest], values, layout, catalog)
        writing = None
        styles: dict[str, str] = {}
        if parameters is not None:
            from editor.core.policy.templatearns import template_arns

            writing = template_arns(_statement_array(text)[0], catalog, parameters)
        else:
            styles = _placeholder_styles(_statement_array(text)[0], catalog)
        for statement in document.Statement:
            body = statement.as_json()
            body["Action"] = list(statement.Action)  # a list, so later ticks go into it
            if writing is not None:
                arns = [writing.resource(r, catalog) for r in statement.Resource]
                body["Resource"] = arns[0] if len(arns) == 1 else arns
            elif styles:
                texts = [_in_style(r, styles, catalog) for r in statement.Resource]
                body["Resource"] = texts[0] if len(texts) == 1 else texts
            root, array = _statement_array(text)
            assert array is not None  # checked above
            body["Sid"] = _unique_sid(str(body["Sid"]), statements(root))
            text = apply_edits(text, [_append_statement(text, array, body, indent)])
    return text


def _placeholder_styles(root: Node | None, catalog: Catalog) -> dict[str, str]:
    """Field -> the placeholder the policy writes for it (`aws-account-id`), for the fields it
    holds no value of: a new statement writes them the same way, not in a second style."""
    from editor.core.policy.arnslots import field_values, find_slots

    held = field_values(find_slots(root, catalog))
    return {f: h.placeholders[0] for f, h in held.items() if h.placeholders and not h.values}


def _in_style(arn: str, styles: dict[str, str], catalog: Catalog) -> str:
    """A generated ARN with each unfilled field written in the policy's own placeholder."""
    from editor.core.policy.arnslots import arn_fields

    for field, span, hole in sorted(arn_fields(arn, catalog), key=lambda f: -f[1].start):
        if hole and field in styles:
            arn = arn[: span.start] + styles[field] + arn[span.end :]
    return arn


def _as_list(text: str) -> str:
    """`"Statement": {...}` (AWS's MFA example writes one statement so) as a list holding
    that object, so that statements can follow it: the brackets go on lines of their own at
    the object's closing indentation, and no line of the object changes."""
    root, array = _statement_array(text)
    if array is not None:
        return text
    member = root.get("Statement")
    assert member is not None and member.value is not None  # _statement_array checked
    node = member.value
    newline = "\r\n" if "\r\n" in text else "\n"
    closing = _leading(text, node.end - 1)
    if "\n" not in text[node.start : node.end]:  # written on one line: brackets around it
        return apply_edits(
            text, [TextEdit(node.start, node.start, "["), TextEdit(node.end, node.end, "]")]
        )
    return apply_edits(
        text,
        [
            TextEdit(node.start, node.start, "[" + newline + closing),
            TextEdit(node.end, node.end, newline + closing + "]"),
        ],
    )


def _unique_sid(sid: str, views: list[StatementView]) -> str:
    """`sid`, numbered when the policy has it already (a Sid must be unique)."""
    taken = {v for view in views for v in view.values("Sid")}
    number = 2
    unique = sid
    while unique in taken:
        unique, number = f"{sid}{number}", number + 1
    return unique


def _name_of(node: Node, catalog: Catalog) -> str | None:
    if node.kind is not Kind.STRING:
        return None
    action = catalog.action(str(node.value))
    return action.name if action is not None else None


def _statement_array(text: str) -> tuple[Node, Node | None]:
    """The policy's root and its Statement array (None: a single statement object)."""
    parsed = read_json(text)
    root = parsed.root
    if parsed.has_errors or root is None or root.kind is not Kind.OBJECT:
        raise NotEditable("the text does not read as a policy")
    member = root.get("Statement")
    if member is None or member.value is None:
        raise NotEditable("the policy has no Statement")
    value = member.value
    if value.kind is Kind.ARRAY:
        return root, value
    if value.kind is Kind.OBJECT:
        return root, None
    raise NotEditable("Statement is neither a list nor an object")


def _best_fit(
    views: list[StatementView], action: Action, values: ArnValues, catalog: Catalog
) -> StatementView | None:
    """The statement the action belongs in: an Allow with an Action list, no NotAction or
    Condition (a condition is the author's restriction on *those* actions), each of whose
    resources serves a type the action needs in its role (see `needed_types`), together
    serving them all. The fewest resources first, then the first in the text."""
    needed = needed_types(action, values)
    best: tuple[int, int] | None = None
    chosen: StatementView | None = None
    for view in views:
        member = view.member("Action")
        if (
            view.effect != "Allow"
            or member is None
            or member.value is None
            or member.value.kind is not Kind.ARRAY
            or {"NotAction", "Condition", "NotResource"} & view.elements.keys()
        ):
            continue
        texts = _resource_texts(view)
        resources = [t for t in texts if t is not None]
        if not resources or len(resources) != len(texts):
            continue
        if not needed:
            fits = resources == [STAR]
        else:
            served = [{t for t in needed if _serves(catalog, r, t, values)} for r in resources]
            fits = all(served) and set().union(*served) == needed
        if fits and (best is None or (len(resources), view.index) < best):
            best, chosen = (len(resources), view.index), view
    return chosen


def _resource_texts(view: StatementView) -> list[str | None]:
    """The statement's resources as ARN text: a string as it is, a template's `Fn::Sub` with
    each reference as a symbol of its field (`${AWS::Region}` is a region); None for what
    cannot be read as an ARN (`Ref`, `Fn::Join` ...)."""
    member = view.member("Resource")
    value = None if member is None else member.value
    if value is None:
        return []
    texts: list[str | None] = []
    for node in [value] if value.kind is not Kind.ARRAY else value.items:
        if node.kind is Kind.STRING:
            texts.append(str(node.value))
            continue
        body = node.members[0].value if len(node.members) == 1 else None
        sub = node.members[0].key == "Fn::Sub" if node.members else False
        if sub and body is not None and body.kind is Kind.STRING:
            texts.append(SUB_REFERENCE.sub(_as_symbol, str(body.value)))
        else:
            texts.append(None)
    return texts


def _as_symbol(match: re.Match[str]) -> str:
    """A `Fn::Sub` reference as a symbol; an escape `${!x}` as IAM's `${x}`."""
    return "${" + match.group(2) + "}" if match.group(1) else symbol(match.group(2))


def _serves(catalog: Catalog, resource: str, needed: str, values: ArnValues) -> bool:
    """Whether an ARN of the policy is what a needed type in its role asks for: its type,
    and for a user or bot, the caller's own ID (no wildcard) or a target's (`*`, or one of
    the target IDs)."""
    base = needed.removeprefix(TARGET)
    if resource == STAR or base not in arn_types_of(catalog, resource):
        return False
    if base not in CALLER_TYPES:
        return True
    fields = split_arn(resource)
    ids = dict(resource_ids(catalog.arn_templates, fields.resource)) if fields else {}
    variable = "AppInstanceUserId" if base == "app-instance-user" else "AppInstanceBotId"
    span = ids.get(variable)
    if span is None:
        return False
    wildcard = "*" in span.text or "?" in span.text
    if not needed.startswith(TARGET):
        return not wildcard
    targets = values.target_user_ids if base == "app-instance-user" else values.target_bot_ids
    return span.text in targets if targets else wildcard


def _insertion(text: str, view: StatementView, full_name: str) -> TextEdit:
    """Insert `"full_name"` into the statement's Action list: at its sorted place when the
    list is sorted, else at the end, separated as the list's own items are."""
    member = view.member("Action")
    assert member is not None and member.value is not None
    array = member.value
    items = array.items
    token = json.dumps(full_name)
    if not items:
        return TextEdit(array.start + 1, array.end - 1, token)
    names = [str(i.value).lower() if i.kind is Kind.STRING else "" for i in items]
    position = len(items)
    if names == sorted(names):
        position = next((i for i, n in enumerate(names) if n > full_name.lower()), len(items))
    if len(items) > 1:
        at = min(max(position, 1), len(items) - 1)  # a pair of neighbours shows the style
        separator = text[items[at - 1].end : items[at].start]
    else:
        line = _line_indent(text, items[0].start)
        multiline = "\n" in text[array.start : items[0].start]
        newline = "\r\n" if "\r\n" in text else "\n"
        separator = "," + newline + line if multiline else ", "
    if position < len(items):
        return TextEdit(items[position].start, items[position].start, token + separator)
    return TextEdit(items[-1].end, items[-1].end, separator + token)


def _append_statement(text: str, array: Node, body: dict[str, object], indent: int) -> TextEdit:
    """A new last statement, written in the file's own indentation and line endings."""
    newline = "\r\n" if "\r\n" in text else "\n"
    items = array.items
    if items:
        item_indent = _line_indent(text, items[0].start)
        minified = "\n" not in text[array.start : items[0].start]
    else:
        closing = _leading(text, array.start)
        minified = "\n" not in text.strip()
        item_indent = closing + " " * (indent or 4)
    unit = _indent_unit(text, items, item_indent, indent)
    if minified:
        rendered = json.dumps(body, separators=(",", ":"))
    else:
        lines = json.dumps(body, indent=len(unit)).splitlines()
        rendered = newline.join([lines[0], *(item_indent + line for line in lines[1:])])
    if len(items) > 1:
        separator = text[items[-2].end : items[-1].start]
        return TextEdit(items[-1].end, items[-1].end, separator + rendered)
    if items:
        separator = "," if minified else "," + newline + item_indent
        return TextEdit(items[-1].end, items[-1].end, separator + rendered)
    if minified:
        return TextEdit(array.start + 1, array.end - 1, rendered)
    closing = _leading(text, array.start)
    inner = newline + item_indent + rendered + newline + closing
    return TextEdit(array.start + 1, array.end - 1, inner)


def _indent_unit(text: str, items: list[Node], item_indent: str, indent: int) -> str:
    """One level of the file's indentation: from a statement's first member, else `indent`."""
    for item in items:
        if item.kind is Kind.OBJECT and item.members:
            member_indent = _line_indent(text, item.members[0].key_start)
            if member_indent.startswith(item_indent) and len(member_indent) > len(item_indent):
                return member_indent[len(item_indent) :]
    return " " * (indent or 4)


def _line_indent(text: str, offset: int) -> str:
    line_start = text.rfind("\n", 0, offset) + 1
    prefix = text[line_start:offset]
    return prefix if not prefix.strip() else ""


def _leading(text: str, offset: int) -> str:
    """The white space that starts the line `offset` is on."""
    line_start = text.rfind("\n", 0, offset) + 1
    line = text[line_start:offset]
    return line[: len(line) - len(line.lstrip(" \t"))]
