"""Whether a rewrite keeps what a policy allows, by the engine `chime-policy diff` uses.

A layout change (least privilege, AWS's example layout) regenerates the statements it models
from the ticks and the form's values. What it cannot represent — a NotAction Allow that
already grants an action on one channel, an ARN only a Deny names — it would lose or narrow.
So before a rewrite is offered its result is compared with the text: a request the text
allows and the rewrite would not (or a comparison that reached its bound) refuses it. What
the rewrite allows besides is said before its preview: the generator gives an action every
resource type it is authorized against (AWS's full-user example grants AssociateChannelFlow
on channels alone, which lets no call through; the rewrite adds the channel flow).
"""

from __future__ import annotations

from editor.core.access.diff import Change, diff
from editor.core.access.policy import compile_policy

_SHOWN = 3  # changes named in the message; the rest are counted


def _named(changes: tuple[Change, ...]) -> str:
    names = list(dict.fromkeys(f"{c.action} on {c.resource}" for c in changes))
    more = len(names) - _SHOWN
    return ", ".join(names[:_SHOWN]) + (f" and {more} more" if more > 0 else "")


def rewrite_changes(old: str, new: str) -> tuple[str | None, str | None]:
    """(why `new` cannot replace `old`: what it would no longer allow, or a comparison that
    reached its bound; what it would allow besides), each None when there is nothing."""
    result = diff(compile_policy(old, "old", None), compile_policy(new, "new", None))
    lost = []
    if result.removed:
        lost.append(f"it would no longer allow {_named(result.removed)}")
    if not result.exact:
        lost.append("the comparison reached its bound, so it cannot be shown to allow the same")
    added = _named(result.added) if result.added else None
    return "; ".join(lost) or None, added
