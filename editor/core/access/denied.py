"""Which actions an explicit Deny takes away everywhere, as the grants summary decides.

The catalog's boxes, `chime-policy edit` and `chime-policy grants` must give one answer. The
policy stage reads a Deny by its text (`policy.denials`: a Deny's ARN covering the Allows'
ones by prefix), which misses a Deny with NotResource or with wildcards in the region or
account; the grants summary decides exactly (cells.py). So the boxes take the summary's
answer: an action a Deny names and an Allow grants is denied exactly when the summary does
not list it, and otherwise it is granted, limited by that Deny.
"""

from __future__ import annotations

from dataclasses import replace

from editor.core.access.grants import grants
from editor.core.access.policy import compile_policy
from editor.core.catalog.catalog import Catalog, load_catalog
from editor.core.json.read import read_json
from editor.core.policy.denials import Denial
from editor.core.policy.editing import EditorState
from editor.core.policy.selection import granted_actions


def listed_actions(text: str) -> frozenset[str] | None:
    """The full names (lower case) of the actions `chime-policy grants` lists for `text`;
    None for a text the engine does not read (then nothing is settled by it)."""
    policy = compile_policy(text, "policy", None)  # the kind it says, as `grants` reads it
    if policy.problem is not None:
        return None
    return frozenset(g.action.lower() for g in grants(policy))


def settled(
    text: str, denied: dict[str, Denial], catalog: Catalog
) -> tuple[frozenset[str], dict[str, Denial]]:
    """(the actions the text grants, the Deny naming each action a Deny names), the Denies'
    `complete` as the grants summary says for every action an Allow grants."""
    root = read_json(text).root
    granted = granted_actions(root, catalog)
    listed = listed_actions(text) if denied else None
    if listed is None:
        return granted - {n for n, d in denied.items() if d.complete}, denied
    out: dict[str, Denial] = {}
    for name, denial in denied.items():
        action = catalog.action(name)
        if name in granted and action is not None:
            complete = action.full_name.lower() not in listed
            denial = replace(denial, complete=complete)
        out[name] = denial
    return granted - {n for n, d in out.items() if d.complete}, out


def settled_state(state: EditorState) -> EditorState:
    """`state` with its ticks and Denies as the grants summary answers (see `settled`): the
    window's boxes and its refusals of a tick then agree with `chime-policy grants`."""
    if not state.synced or not state.denials:
        return state  # nothing a Deny names, or the text not read yet: nothing to settle
    denied = dict(state.denials)
    actions, settled_denials = settled(state.text, denied, load_catalog())
    if actions == state.actions and settled_denials == denied:
        return state
    return replace(state, actions=actions, denials=tuple(settled_denials.items()))
