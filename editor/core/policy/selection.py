"""Policy -> selection: what a policy grants, in the form's terms, and writing a new selection
back into the policy's text without touching what the form does not model."""

from __future__ import annotations

from dataclasses import dataclass, field

from editor.core.catalog.catalog import Catalog, Persona, load_catalog, load_personas
from editor.core.catalog.wildcard import action_matches, has_wildcard
from editor.core.json.nodes import Kind, Node
from editor.core.json.read import read_json
from editor.core.policy.arnslots import OTHER, field_values, find_slots
from editor.core.policy.arnvalues import ArnValues
from editor.core.policy.denials import Denial, denials
from editor.core.policy.generate import GENERATED_SID, generate
from editor.core.policy.layout import Layout
from editor.core.policy.statements import StatementView, removal_ranges, statements
from editor.core.text.findings import TextEdit, apply_edits

_MODELED_KEYS = {"Sid", "Effect", "Action", "Resource"}


@dataclass(frozen=True, slots=True)
class PersonaMatch:
    persona: Persona
    granted: int  # how many of the persona's actions the policy grants
    exact: bool  # the policy grants exactly the persona's actions

    @property
    def share(self) -> float:
        return self.granted / len(self.persona.actions)


@dataclass(frozen=True, slots=True)
class Selection:
    actions: frozenset[str]  # catalog action names ("SendChannelMessage")
    values: dict[str, str] = field(default_factory=dict)  # form field -> value found
    conflicts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field -> values
    personas: tuple[PersonaMatch, ...] = ()  # best first
    # field -> the placeholders the document holds for it (`other:project_id` for one no
    # form field stands for): shown as unfilled, never as values.
    unfilled: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # action -> the Deny statement that takes it away (complete: not among `actions`)
    denied: dict[str, Denial] = field(default_factory=dict)


def is_modeled(statement: StatementView, catalog: Catalog) -> bool:
    """Whether the form can regenerate this statement without losing anything: an Allow of
    catalog actions (no wildcards) on Resources, with no Condition or other elements."""
    node = statement.node
    if {m.key for m in node.members} - _MODELED_KEYS or statement.effect != "Allow":
        return False
    sid = statement.values("Sid")
    if sid and not GENERATED_SID.fullmatch(sid[0]):
        return False  # a statement the author named is theirs: keep it as written
    if statement.member("Action") is None or statement.member("Resource") is None:
        return False
    names = statement.values("Action")
    return bool(names) and all(not has_wildcard(n) and catalog.action(n) is not None for n in names)


def granted_actions(root: Node | None, catalog: Catalog) -> frozenset[str]:
    """Catalog actions granted by Allow statements' Action lists (wildcards expanded), and
    by their NotAction (every action but those it names)."""
    return _granted_by(statements(root), catalog)


def shown_actions(root: Node | None, catalog: Catalog) -> tuple[frozenset[str], dict[str, Denial]]:
    """(the actions the text grants, an explicit Deny's complete denials taken away; the
    actions a Deny names, with it): what the catalog's boxes show."""
    views = statements(root)
    denied = denials(views, catalog)
    complete = {name for name, denial in denied.items() if denial.complete}
    return _granted_by(views, catalog) - complete, denied


def _granted_by(views: list[StatementView], catalog: Catalog) -> frozenset[str]:
    granted: set[str] = set()
    for statement in views:
        if statement.effect != "Allow":
            continue
        if statement.member("NotAction") is not None:  # every action but those it names
            excluded = statement.values("NotAction")
            granted.update(
                a.name
                for a in catalog.actions
                if not any(action_matches(n, a.full_name) for n in excluded)
            )
        for name in statement.values("Action"):
            if has_wildcard(name):
                granted.update(a.name for a in catalog.actions if action_matches(name, a.full_name))
            elif (action := catalog.action(name)) is not None:
                granted.add(action.name)
    return frozenset(granted)


def _arn_values(
    root: Node | None, catalog: Catalog
) -> tuple[dict[str, list[str]], dict[str, tuple[str, ...]]]:
    """(field -> the filled values found, field -> the placeholders found), read from every
    ARN of every statement. Wildcards are not values to show: "any" is the form's own box."""
    found: dict[str, list[str]] = {}
    unfilled: dict[str, tuple[str, ...]] = {}
    for name, held in field_values(find_slots(root, catalog)).items():
        values = [v for v in held.values if not has_wildcard(v)]
        if values and not name.startswith(OTHER):
            found[name] = values
        if held.placeholders:
            unfilled[name] = held.placeholders
    return found, unfilled


def read_selection(text: str, catalog: Catalog | None = None) -> Selection:
    catalog = catalog or load_catalog()
    root = read_json(text).root
    actions, denied = shown_actions(root, catalog)
    found, unfilled = _arn_values(root, catalog)
    values = {name: seen[0] for name, seen in found.items()}
    conflicts = {name: tuple(seen) for name, seen in found.items() if len(seen) > 1}
    matches = []
    for persona in load_personas().personas:
        granted = len(set(persona.actions) & actions)
        if granted:
            matches.append(PersonaMatch(persona, granted, set(persona.actions) == actions))
    matches.sort(key=lambda m: (not m.exact, -m.share, m.persona.id))
    return Selection(actions, values, conflicts, tuple(matches), unfilled, denied)


def apply_selection(
    text: str,
    actions: frozenset[str],
    values: ArnValues,
    layout: Layout,
    indent: int = 4,
    catalog: Catalog | None = None,
) -> str:
    """`text` with its modeled statements replaced by the policy for `actions`.

    Every other statement (other services, conditions, NotAction, Deny, unknown elements) keeps
    its text exactly; the generated statements take the place of the first modeled one. Text
    with JSON errors, or that is no policy object, is returned unchanged (the caller says why).
    """
    catalog = catalog or load_catalog()
    parsed = read_json(text)
    root = parsed.root
    if parsed.has_errors or root is None or root.kind is not Kind.OBJECT:
        return text
    member = root.get("Statement")
    if member is None or member.value is None or member.value.kind is not Kind.ARRAY:
        return text
    array = member.value
    every = statements(root)
    # What a Deny takes away is no tick, and no reason to rewrite the Allow naming it.
    denied = {name for name, denial in denials(every, catalog).items() if denial.complete}
    actions = actions | (denied & _granted_by(every, catalog))
    views = {id(v.node): v for v in every}
    modeled = {key for key, view in views.items() if is_modeled(view, catalog)}
    kept = [view for key, view in views.items() if key not in modeled]
    # What the kept statements grant already (a wildcard, say) needs no statement of ours.
    needed = actions - _granted_by(kept, catalog)
    generated = [s.as_json() for s in generate(sorted(needed), values, layout, catalog).Statement]
    closing, item_indent, unit = _indentation(text, member.key_start, array, indent)
    ours = [_render(s, item_indent, unit) for s in generated]
    pieces: list[str] = []
    for item in array.items:
        view = views.get(id(item))
        if id(item) in modeled:
            pieces.extend(ours)  # at the place of the first modeled statement
            ours = []
        elif view is not None and view.effect == "Allow":
            pieces.append(_without_unselected(text, view, actions, catalog))
        else:
            pieces.append(text[item.start : item.end])
    pieces.extend(ours)
    if not unit and "\n" not in text.strip():
        body = ",".join(pieces)  # minified stays minified
    else:
        newline = "\r\n" if "\r\n" in text else "\n"
        pieces = [p.replace("\n", newline) for p in pieces] if newline != "\n" else pieces
        body = newline + ("," + newline).join(item_indent + p for p in pieces) + newline + closing
    return apply_edits(text, [TextEdit(array.start + 1, array.end - 1, body if pieces else "")])


def _indentation(text: str, key_start: int, array: Node, indent: int) -> tuple[str, str, str]:
    """(indent of the Statement key, indent of its items, one level), following the file's own
    indentation where it has items, else `indent` spaces a level."""
    closing = _indent_of(text, key_start)
    unit = " " * indent if indent else ""
    if not array.items:
        return closing, closing + unit, unit
    item_indent = _indent_of(text, array.items[0].start)
    if item_indent.startswith(closing) and len(item_indent) > len(closing):
        unit = item_indent[len(closing) :]
    return closing, item_indent, unit


def _without_unselected(
    text: str, statement: StatementView, actions: frozenset[str], catalog: Catalog
) -> str:
    """A kept statement's text, less the catalog actions the user unticked. A statement's last
    action stays (removing it would leave an invalid statement); so do wildcards."""
    node = statement.node
    member = statement.member("Action")
    if member is None or member.value is None or member.value.kind is not Kind.ARRAY:
        return text[node.start : node.end]
    items = member.value.items
    drop = [
        i
        for i, item in enumerate(items)
        if item.kind is Kind.STRING
        and (action := catalog.action(str(item.value))) is not None
        and action.name not in actions
    ]
    if len(drop) == len(items):
        drop = drop[1:]
    edits = [
        TextEdit(start - node.start, end - node.start, "")
        for start, end in removal_ranges(member.value, drop)
    ]
    return apply_edits(text[node.start : node.end], edits)


def _indent_of(text: str, offset: int) -> str:
    line_start = text.rfind("\n", 0, offset) + 1
    prefix = text[line_start:offset]
    return prefix if not prefix.strip() else ""


def _render(statement: dict[str, object], item_indent: str, unit: str) -> str:
    import json

    if not unit:
        return json.dumps(statement, separators=(",", ":"))
    lines = json.dumps(statement, indent=len(unit)).splitlines()
    return "\n".join([lines[0], *(item_indent + line for line in lines[1:])])
