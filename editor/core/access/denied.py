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

from editor.core.access.grants import usable
from editor.core.access.policy import compile_policy
from editor.core.catalog.catalog import Catalog, load_catalog
from editor.core.json.read import read_json
from editor.core.policy.denials import Denial
from editor.core.policy.editing import EditorState
from editor.core.policy.selection import granted_actions


def settled(
    text: str, denied: dict[str, Denial], catalog: Catalog
) -> tuple[frozenset[str], dict[str, Denial]]:
    """(the actions the text grants, the Deny naming each action a Deny names), the Denies'
    `complete` as the grants summary says for every action an Allow grants."""
    root = read_json(text).root
    granted = granted_actions(root, catalog)
    policy = compile_policy(text, "policy", None) if denied else None  # as `grants` reads it
    if policy is None or policy.problem is not None:
        return granted - {n for n, d in denied.items() if d.complete}, denied
    out: dict[str, Denial] = {}
    for name, denial in denied.items():
        action = catalog.action(name)
        if name in granted and action is not None:  # only what a Deny names is asked
            denial = replace(denial, complete=not usable(policy, action.full_name))
        out[name] = denial
    return granted - {n for n, d in out.items() if d.complete}, out


# The last answer: the window sets the same text's state more than once (an analysis adopts
# it, an undo brings it back); the engine's answer took 0.2 s for a 100 KB policy.
_last: (
    tuple[tuple[str, tuple[tuple[str, Denial], ...]], tuple[frozenset[str], dict[str, Denial]]]
    | None
) = None


def settled_state(state: EditorState) -> EditorState:
    """`state` with its ticks and Denies as the grants summary answers (see `settled`): the
    window's boxes and its refusals of a tick then agree with `chime-policy grants`."""
    if not state.synced or not state.denials:
        return state  # nothing a Deny names, or the text not read yet: nothing to settle
    global _last
    denied = dict(state.denials)
    last = _last  # read once: the analysis thread and the GUI thread both come here
    if last is not None and last[0] == (state.text, state.denials):
        actions, settled_denials = last[1]  # the same text again: an undo, a re-set
    else:
        actions, settled_denials = settled(state.text, denied, load_catalog())
        _last = ((state.text, state.denials), (actions, settled_denials))
    if actions == state.actions and settled_denials == denied:
        return state
    return replace(state, actions=actions, denials=tuple(settled_denials.items()))
