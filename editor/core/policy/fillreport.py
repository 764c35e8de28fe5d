"""What a fill of one field writes and what it leaves, said in words.

The command line and the form both say it: a fill that leaves a value is not silent about
it. Left are the wildcards of the ARNs the policy grants on (for a field with no "any (*)"
choice: `user/*` means every user, not the one typed) and every value of what the policy
takes away — a Deny's ARNs, a NotResource's exceptions — which a fill never rewrites (see
arnslots: narrowing them would allow the rest).
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.policy.arnslots import Slot

WHY_LEFT_SHORT = "a fill never rewrites what a Deny or a NotResource takes away"
WHY_LEFT = (
    f"{WHY_LEFT_SHORT}: narrowing it would allow the rest; edit it in the JSON if you mean to"
)


@dataclass(frozen=True, slots=True)
class FieldFill:
    field: str
    value: str
    written: tuple[str, ...]  # the distinct texts replaced, in text order
    arns: int  # how many ARN strings change
    wildcards: int  # wildcard values of granted ARNs kept
    left: tuple[Slot, ...]  # values of what the policy takes away, left as they are


def fill_report(slots: list[Slot], field: str, value: str, targets: set[str]) -> FieldFill:
    """What `fill_edits(text, slots, field, value, targets)` writes, and what it leaves."""
    mine = [s for s in slots if s.field == field and not s.symbolic]
    written = [s for s in mine if s.fillable and s.text in targets and s.text != value]
    kept = [s for s in mine if s.fillable and s.text not in targets and s.wildcard]
    left = tuple(s for s in mine if not s.fillable and s.text != value)
    texts = tuple(dict.fromkeys(s.text for s in written))
    arns = len({id(s.node) for s in written})
    return FieldFill(field, value, texts, arns, len(kept), left)


def left_alone(left: tuple[Slot, ...]) -> str:
    """`* in the Deny 'NeverDeleteChannels', secret in the NotResource of statement 1`."""
    places = dict.fromkeys(
        f"{slot.text} in the Deny {slot.statement}"
        if slot.taken == "Deny"
        else f"{slot.text} in the NotResource of {slot.statement}"
        for slot in left
    )
    return ", ".join(places)


def describe(fill: FieldFill, option: str) -> str | None:
    """One line for a fill that left something, else None (what it wrote is the diff)."""
    if not fill.left and not fill.wildcards:
        return None
    if not fill.left and not fill.written:
        return f"every ARN holds * (any) for {option}, which fill keeps"
    parts = [
        f"{option} {fill.value}: wrote it over {', '.join(fill.written)} in {fill.arns} ARN"
        + ("" if fill.arns == 1 else "s")
        if fill.written
        else f"{option} {fill.value}: wrote nothing"
    ]
    if fill.wildcards:
        parts.append(f"kept * (any) where a granted ARN holds it ({fill.wildcards})")
    if fill.left:
        parts.append(f"left alone: {left_alone(fill.left)} ({WHY_LEFT})")
    return "; ".join(parts)


def left_by_field(slots: list[Slot]) -> dict[str, str]:
    """Field -> the values of what the policy takes away that a fill leaves, in words: those
    that differ from what the granted ARNs hold (a Deny on the Allows' own account is no news;
    once an account is typed over the Allows', the Deny's old one is)."""
    granted: dict[str, set[str]] = {}
    for slot in slots:
        if slot.fillable and not slot.placeholder:
            granted.setdefault(slot.field, set()).add(slot.text)
    by_field: dict[str, list[Slot]] = {}
    for slot in slots:
        if not slot.fillable and not slot.symbolic and slot.text not in granted.get(slot.field, ()):
            by_field.setdefault(slot.field, []).append(slot)
    return {field: left_alone(tuple(left)) for field, left in by_field.items()}
