"""The editor's document state and its transitions, free of Qt so they are easy to test.

The state holds the policy text and what the form shows (ticked actions, the raw field texts,
layout, indentation). Each transition returns a new state; the UI puts the pair of states on
its undo stack. The text is the document: ticking an action rewrites it through
`apply_selection`; typing in it makes the ticks and fields follow, when it is readable.

The generator, the selection reader and the field validation import pydantic, which costs
about a third of the window's start-up; they are imported when first needed, which the
window arranges for right after it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from editor.core.catalog.catalog import load_catalog
from editor.core.json.read import read_json
from editor.core.policy.arnfields import ANY_CHOICE, ARN_FIELDS, DEFAULTS, FIELDS, ROLE_FIELDS
from editor.core.policy.layout import Layout, detect_indent
from editor.core.policy.statements import policy_text
from editor.core.text.findings import TextEdit, apply_edits

if TYPE_CHECKING:
    from editor.core.policy.arnslots import FieldValues
    from editor.core.policy.arnvalues import ArnValues
    from editor.core.policy.denials import Denial


class NotReadable(Exception):
    """The text has JSON errors (or is no policy): ticks and fields cannot be written into it
    until fixed. The message, when there is one, says why."""


@dataclass(frozen=True)
class EditorState:
    text: str
    actions: frozenset[str] = frozenset()
    # Raw field texts, as typed. Channels and channel flows default to any (*), as in AWS's
    # examples; the rest start unfilled.
    fields: tuple[tuple[str, str], ...] = tuple(DEFAULTS.items())
    layout: Layout = Layout.LEAST_PRIVILEGE
    indent: int = 4
    # Unticks a tick can take back exactly: (actions removed, text before, text after), the
    # latest last. A tick puts an action where the catalog says it fits, which is not always
    # where the user had it (a statement with a Condition takes no tick): re-ticking what was
    # just unticked gives back the text it was taken from instead.
    unticks: tuple[tuple[frozenset[str], str, str], ...] = ()
    # Actions a Deny statement names, with it: a complete denial is not among `actions`
    # (the boxes show what the text grants), a partial one is, and the box names it.
    denials: tuple[tuple[str, Denial], ...] = ()
    # False while the ticks and fields have not yet followed a typed text (the window reads
    # typed text off its GUI thread and syncs them when the analysis arrives).
    synced: bool = field(default=True, compare=False)

    def field(self, name: str) -> str:
        return dict(self.fields).get(name, "")

    @property
    def field_map(self) -> dict[str, str]:
        return dict(self.fields)

    def errors(self) -> dict[str, str]:
        """Field -> why its text is not valid (shown at the field)."""
        return dict(self._errors)

    @cached_property
    def _errors(self) -> dict[str, str]:
        # Worked out once per state: the form and the generator both ask, on every edit.
        found: dict[str, str] = {}
        custom = [
            (n, raw)
            for n, raw in self.fields
            if (n in FIELDS or n in ROLE_FIELDS) and raw.strip() and DEFAULTS.get(n) != raw
        ]
        if not custom:
            return found
        from editor.core.policy.arnvalues import field_error

        for name, raw in custom:
            message = field_error(name, raw)
            if message:
                found[name] = message
        return found

    def values(self) -> ArnValues:
        """The valid fields only: an invalid one stays a placeholder, never a wrong ARN."""
        from editor.core.policy.arnvalues import ArnValues

        bad = self.errors()
        good = {
            n: v
            for n, v in self.fields
            if (n in FIELDS or n in ROLE_FIELDS) and n not in bad and v.strip()
        }
        return ArnValues(**good)

    @cached_property
    def held(self) -> dict[str, FieldValues]:
        """Field -> the values and placeholders the text's ARNs hold (empty while the text
        does not read)."""
        from editor.core.policy.arnslots import field_values, find_slots

        parsed = read_json(self.text)
        if parsed.has_errors:
            return {}
        return field_values(find_slots(parsed.root, load_catalog()))

    @cached_property
    def left(self) -> dict[str, str]:
        """Field -> the values a Deny or a NotResource holds, which typing leaves, in words
        (`* in the Deny 'NeverDeleteChannels'`)."""
        from editor.core.policy.arnslots import find_slots
        from editor.core.policy.fillreport import left_by_field

        parsed = read_json(self.text)
        if parsed.has_errors:
            return {}
        return left_by_field(find_slots(parsed.root, load_catalog()))

    @property
    def readable(self) -> bool:
        """Ticks and fields can be written into it: JSON that reads, or a blank text (an
        empty file is an empty policy, which the first tick starts)."""
        return not self.text.strip() or not read_json(self.text).has_errors


def empty_policy(indent: int = 4) -> str:
    return policy_text({"Version": "2012-10-17", "Statement": []}, indent)


def new_state(text: str | None = None, sync: bool = True) -> EditorState:
    """A new policy (None), or an opened text: kept as written, its own indentation shown.
    `sync=False` leaves reading it to later (`with_text`): a big file shows at once."""
    if text is None:
        return EditorState(empty_policy())
    indent = detect_indent(text) if text.strip() else 4
    state = EditorState(text, layout=Layout.AS_WRITTEN, indent=indent, synced=False)
    return with_text(state, text) if sync else state


@lru_cache(maxsize=8)  # the form asks at every analysis; the ticks seldom change meanwhile
def needed_fields(actions: frozenset[str]) -> frozenset[str]:
    """The optional fields the ticked actions need (channel, bot, channel flow)."""
    if not actions:
        return frozenset()
    from editor.core.policy.arnvalues import ArnValues
    from editor.core.policy.generate import needed_types

    catalog = load_catalog()
    values = ArnValues()
    types: set[str] = set()
    for name in actions:
        action = catalog.action(name)
        if action is not None:
            types |= needed_types(action, values) | action.required_types
    wanted = {f.name for f in ARN_FIELDS if not f.flag and f.needs in types}
    bot = ArnValues(as_bot=True)
    if any(
        (a := catalog.action(n)) is not None and "app-instance-bot" in needed_types(a, bot)
        for n in actions
    ):
        wanted.add("as_bot")  # a call a bot can make as itself
    return frozenset(wanted)


def _regenerate(state: EditorState) -> EditorState:
    from editor.core.policy.selection import apply_selection

    if not state.readable:
        raise NotReadable
    text = state.text if read_json(state.text).root is not None else empty_policy(state.indent)
    text = apply_selection(text, state.actions, state.values(), state.layout, state.indent)
    return replace(state, text=text)


def with_actions(
    state: EditorState, actions: frozenset[str], parameters: tuple[str, ...] | None = None
) -> EditorState:
    """Ticks and unticks as minimal edits of the text (see `actionedits`): the rest of the
    text keeps every byte. The ticks then follow what the text grants (an action a wildcard
    grants stays ticked: no edit of ours removes it). `parameters`: the policy is in a
    CloudFormation template declaring these, and new ARNs use its references."""
    from editor.core.policy.actionedits import NotEditable, add_actions, remove_actions

    if not state.readable:
        raise NotReadable
    wanted = frozenset(actions)
    added, removed = wanted - state.actions, state.actions - wanted
    denied = {name: d for name, d in state.denials if d.complete and name in added}
    if denied and not removed and added <= denied.keys():
        # The Allow is there already: another copy would change nothing but the text.
        raise _denied_tick(denied)
    wanted -= denied.keys()
    added -= denied.keys()
    if state.unticks and not removed:
        gone, before, after = state.unticks[-1]
        if gone == added and after == state.text:  # re-ticking what was just unticked
            restored = with_text(replace(state, actions=wanted), before)
            return replace(restored, unticks=state.unticks[:-1])
    catalog = load_catalog()
    text = state.text if read_json(state.text).root is not None else empty_policy(state.indent)
    try:
        text = remove_actions(text, removed, catalog)
        text = add_actions(
            text, added, state.values(), state.layout, catalog, state.indent, parameters
        )
    except NotEditable as error:
        raise NotReadable(f"Cannot change the ticks: {error}.") from None
    changed = with_text(replace(state, actions=wanted), text)
    # A Deny on the very ARNs the new Allow names takes it away too: no such edit is made.
    late = {n: d for n, d in changed.denials if d.complete and n in added - changed.actions}
    if late:
        raise _denied_tick(late)
    gone = removed - changed.actions  # not those a wildcard still grants
    if gone and not added:
        memory = (*state.unticks[-(_UNTICKS_KEPT - 1) :], (gone, state.text, text))
        changed = replace(changed, unticks=memory)
    return changed


def _denied_tick(denied: Mapping[str, Denial]) -> NotReadable:
    names = ", ".join(sorted(denied))
    by = ", ".join(sorted({d.statement for d in denied.values()}))
    return NotReadable(
        f"Cannot tick {names}: the Deny of {by} takes it away whatever the Allows say; "
        "edit that Deny in the JSON to grant it."
    )


_UNTICKS_KEPT = 20  # enough for a session's run of unticks; each holds two texts


def with_field(state: EditorState, name: str, raw: str, target: str | None = None) -> EditorState:
    """A field typed: its value replaces, in place, what the text's ARNs hold for it — the
    `target` text only, when given, else every value and placeholder of the field (see
    `default_targets`). Nothing else of the text changes. A value that is not valid changes
    no text (the form says why); an emptied field puts its placeholder back."""
    from editor.core.policy.arnslots import OTHER, default_targets, fill_edits, find_slots

    if name not in FIELDS and name not in ROLE_FIELDS and not name.startswith(OTHER):
        raise KeyError(name)
    changed = replace(state, fields=tuple({**state.field_map, name: raw}.items()))
    if name in changed.errors():
        return changed
    if name in ROLE_FIELDS:
        # Caller and targets decide which ARNs statements get: a new policy is written anew;
        # an opened file's own statements stay (Rewrite as least privilege applies them).
        if state.layout is Layout.AS_WRITTEN or changed.values() == state.values():
            return changed
        return _regenerate(changed)
    value = raw.strip() or (FIELDS[name][1] if name in FIELDS else name.removeprefix(OTHER))
    if not state.text.strip():
        return changed  # an empty policy: the value goes into what is ticked next
    parsed = read_json(state.text)
    if parsed.has_errors:
        raise NotReadable
    slots = find_slots(parsed.root, load_catalog())
    if target is not None and any(s.field == name and s.text == target for s in slots):
        targets = {target}
    else:
        targets = default_targets(slots, name, any_is_a_value=name in ANY_CHOICE)
    edits = fill_edits(state.text, slots, name, value, targets)
    return replace(changed, text=apply_edits(state.text, edits)) if edits else changed


def with_layout(state: EditorState, layout: Layout, indent: int | None = None) -> EditorState:
    """A new statement layout, or indentation; a new indentation reformats the whole text.
    "As written" rewrites nothing."""
    if indent is not None and indent != state.indent and indent >= 0:
        parsed = read_json(state.text)
        if parsed.has_errors and state.text.strip():
            raise NotReadable
        if parsed.root is not None:
            state = replace(state, text=policy_text(parsed.value(), indent))
    changed = replace(state, layout=layout, indent=state.indent if indent is None else indent)
    return changed if layout is Layout.AS_WRITTEN else _regenerate(changed)


def with_raw_text(state: EditorState, text: str) -> EditorState:
    """New text whose ticks and fields are not worked out yet: cheap, for each keystroke;
    `with_text(state, state.text)` syncs it later."""
    return replace(state, text=text, synced=False)


def with_text(state: EditorState, text: str) -> EditorState:
    """New text typed or loaded: the ticks and fields follow when the text is readable."""
    changed = replace(state, text=text, synced=True)
    parsed = read_json(text)
    if parsed.has_errors:
        # The ticks (greyed until the text reads) show what it grants as far as it reads:
        # never the ticks of an earlier text that this one contradicts.
        from editor.core.policy.selection import shown_actions

        actions, denied = shown_actions(parsed.root, load_catalog())
        return replace(changed, actions=actions, denials=tuple(denied.items()))
    from editor.core.policy.selection import read_selection

    selection = read_selection(text)
    # A field the text holds only placeholders for is unfilled, whatever was typed before.
    unfilled = {k: "" for k in selection.unfilled if k not in selection.values}
    # A field with several values keeps what was typed only when it is one of them: an "any
    # (*)" left from before (the channel's default) would show a policy naming two channels
    # as granting every channel, and unticking it would write `*` over both.
    several = {
        k: state.field(k) if state.field(k).strip() in seen else ""
        for k, seen in selection.conflicts.items()
    }
    fields: Mapping[str, str] = {
        **{k: v for k, v in state.field_map.items() if not k.startswith("other:")},
        **unfilled,
        **several,
        **{k: v for k, v in selection.values.items() if k not in selection.conflicts},
    }
    return replace(
        changed,
        actions=selection.actions,
        fields=tuple(fields.items()),
        denials=tuple(selection.denied.items()),
    )


def with_edits(state: EditorState, edits: list[TextEdit]) -> EditorState:
    return with_text(state, apply_edits(state.text, edits))
