"""What an answer took for granted, said only where it could change the answer.

Two things are assumed when the user does not give them: aws:RequestedRegion is the target's
region (requestkeys.assume_region), and a key that is not given is absent. Either is worth a
line only when a statement the request reaches (its action, resource and principal, the
Condition aside) tests the key: such a statement decided the answer, or would have had the key
been given. A region note under an answer no condition on the region could touch is noise;
a bare implicitDeny from a trust policy whose Allow tests aws:SourceAccount hides the one
thing to try next (the IAM User Guide's "Policy evaluation logic": a condition on a key
missing from the request context does not match, so the Allow does not apply).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence

from editor.core.access.evaluate import Decision, PolicySet, Result, reaches
from editor.core.access.policy import CompiledStatement
from editor.core.access.request import Request
from editor.core.access.requestkeys import (
    ABSENT_MEANS,
    ASSUMED_REGION,
    REGION,
    absent_notes,
    always_present,
)

CLI_HOW = "give each with --context KEY=VALUE"
DOCK_HOW = "give each in Context keys, KEY=value"


def worth_saying(
    policies: PolicySet,
    requests: Sequence[Request],
    result: Result,
    assumed: Sequence[str],
    how: str = CLI_HOW,
) -> list[str]:
    """`assumed` (the region note and others) kept where they matter, then the keys taken as
    absent that decided the answer or could have."""
    reached = list(_reached(policies, requests))
    tested = {clause.key for s in reached for clause in s.clauses}
    notes = [n for n in assumed if not n.startswith(ASSUMED_REGION) or REGION in tested]
    weighing = _weighing(reached, result)
    keys = policies.keys_of(result.statements) | {c.key for s in weighing for c in s.clauses}
    context = requests[0].context if requests else {}
    notes += absent_notes(keys, context)
    others = _absent(weighing, policies, result, context)
    if others:
        notes.append(f"taking {' and '.join(others)} as absent (not given): {how}")
    return notes


def _reached(policies: PolicySet, requests: Sequence[Request]) -> Iterator[CompiledStatement]:
    """Every statement that names a request's action and may reach its resource and
    principal, whatever its Condition says."""
    seen: set[int] = set()
    for request in requests:
        for policy in policies.everything:
            for statement in policy.speaking_of(request.action_lower):
                if id(statement) not in seen and reaches(statement, request) is not False:
                    seen.add(id(statement))
                    yield statement


def _weighing(reached: list[CompiledStatement], result: Result) -> list[CompiledStatement]:
    """The reached statements whose Condition could have turned the answer: for an allow,
    the Denies that did not apply; for an implicit deny, the Allows that did not."""
    if result.decision is Decision.ALLOWED:
        return [s for s in reached if not s.allow and s.clauses]
    if result.decision is Decision.IMPLICIT_DENY:
        return [s for s in reached if s.allow and s.clauses]
    return []


def _absent(
    weighing: list[CompiledStatement],
    policies: PolicySet,
    result: Result,
    context: Mapping[str, tuple[str, ...]],
) -> list[str]:
    """The keys, as the policy spells them, that these statements and the deciding ones test
    and the request lacks (keys every request carries are never taken as absent: they make
    the answer unknown; aws:MultiFactorAuthPresent has its own note)."""
    chosen = set(result.statements)
    statements = [s for p in policies.everything for s in p.statements if s.ref in chosen]
    found: dict[str, str] = {}
    for statement in [*statements, *weighing]:
        spelt = _spellings(statement)
        for clause in statement.clauses:
            key = clause.key
            if key in context or always_present(key) or key in ABSENT_MEANS:
                continue
            found.setdefault(key, spelt.get(key, key))
    return list(found.values())


def _spellings(statement: CompiledStatement) -> dict[str, str]:
    """lower-cased key -> the key as the statement's Condition writes it."""
    if statement.condition_text is None:
        return {}
    try:
        block = json.loads(statement.condition_text)
    except ValueError:
        return {}
    if not isinstance(block, dict):
        return {}
    return {
        key.lower(): key
        for clauses in block.values()
        if isinstance(clauses, dict)
        for key in clauses
    }
