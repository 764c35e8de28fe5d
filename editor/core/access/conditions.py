"""The Condition element: operators (with ...IfExists, ForAllValues:, ForAnyValue:), keys and
values, evaluated against the request context the way AWS documents it.

- Several operators, and several keys under one operator: all must hold (AND).
- Several values for one key: any may match (OR); for a negated operator none may (NOR).
- A key missing from the context: a positive operator is false, a negated one true;
  `...IfExists` is true; `ForAllValues:` is true and `ForAnyValue:` false on a missing key.
- `Null`: "true" holds when the key is missing, "false" when it is present.
- A key every request carries (requestkeys.py) but not given is not missing: its value is
  unknown, so is the clause (None), except `Null`, which holds "false" for it.
- An operator we do not know makes the condition unknown (None), never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from editor.core.access.glob import Resolver, Variable
from editor.core.access.operators import OPERATORS, Operator
from editor.core.access.requestkeys import always_present

Context = Mapping[str, tuple[str, ...]]  # lower-cased key -> its values

SET_ANY, SET_ALL = "ForAnyValue:", "ForAllValues:"


@dataclass(frozen=True, slots=True)
class Clause:
    """One operator with one key and its policy values."""

    operator: str  # as written
    key: str  # lower-cased
    values: tuple[str, ...]
    base: Operator | None  # None: an operator we do not know
    if_exists: bool
    quantifier: str  # "", SET_ANY or SET_ALL
    null: bool  # the Null operator


def policy_value(value: object) -> str:
    """A JSON value as IAM reads it in a condition: true -> "true", 10 -> "10"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_operator(name: str) -> tuple[Operator | None, bool, str, bool]:
    """(base operator, IfExists, set quantifier, is Null) of an operator name."""
    quantifier = ""
    for prefix in (SET_ANY, SET_ALL):
        if name.startswith(prefix):
            quantifier, name = prefix, name[len(prefix) :]
    if name == "Null" and not quantifier:
        return None, False, "", True
    if_exists = name.endswith("IfExists")
    if if_exists:
        name = name[: -len("IfExists")]
    return OPERATORS.get(name), if_exists, quantifier, False


def make_clauses(condition: object) -> tuple[Clause, ...] | None:
    """Clauses of a Condition value; None when its shape is not one IAM accepts."""
    if not isinstance(condition, dict):
        return None
    clauses: list[Clause] = []
    for operator, block in condition.items():
        if not isinstance(block, dict):
            return None
        base, if_exists, quantifier, null = parse_operator(operator)
        for key, raw in block.items():
            items = raw if isinstance(raw, list) else [raw]
            if any(isinstance(v, dict | list) or v is None for v in items):
                return None
            values = tuple(policy_value(v) for v in items)
            clauses.append(Clause(operator, key.lower(), values, base, if_exists, quantifier, null))
    return tuple(clauses)


def lookup_in(context: Context) -> Resolver:
    def lookup(variable: Variable) -> str | None:
        found = context.get(variable.key)
        return found[0] if found is not None and len(found) == 1 else None

    return lookup


def clause_holds(clause: Clause, context: Context) -> bool | None:
    present = context.get(clause.key)
    if present is not None and not present:
        present = None  # an empty set of values is a missing key
    carried = present is None and always_present(clause.key)  # present, value unknown
    if clause.null:
        answers = [v.lower() for v in clause.values]
        if any(a not in ("true", "false") for a in answers):
            return None
        return any((a == "true") == (present is None and not carried) for a in answers)
    base = clause.base
    if base is None or carried:
        return None
    if present is None:
        if clause.if_exists:
            return True
        if clause.quantifier == SET_ALL:
            return True
        if clause.quantifier == SET_ANY:
            return False
        return base.negated
    lookup = lookup_in(context)

    def value_matches(ctx: str) -> bool | None:
        """Whether one context value matches any policy value (None: cannot tell)."""
        unknown = False
        for pol in clause.values:
            result = base.compare(ctx, pol, lookup, base.variables)
            if result:
                return True
            # a template's value (`!Ref AWS::Region`) is the stack's: unknown here
            unknown = unknown or result is None or "${@" in pol
        return None if unknown else False

    results = [value_matches(v) for v in present]
    if base.negated:  # NOR over policy values, per context value
        results = [None if r is None else not r for r in results]
    if clause.quantifier == SET_ALL:
        return _all(results)
    return _any(results)


def _any(results: list[bool | None]) -> bool | None:
    if any(r is True for r in results):
        return True
    return None if any(r is None for r in results) else False


def _all(results: list[bool | None]) -> bool | None:
    if any(r is False for r in results):
        return False
    return None if any(r is None for r in results) else True


def conditions_hold(clauses: tuple[Clause, ...], context: Context) -> bool | None:
    return _all([clause_holds(c, context) for c in clauses])
