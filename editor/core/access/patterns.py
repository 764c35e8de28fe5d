"""Patterns of a statement: action names (case-insensitive) and ARNs (case-sensitive, matched
field by field as IAM documents: a wildcard in the region stays in the region).

A pattern of fewer than six fields (`arn:aws:chime:us-east-1*`) is compared with the ARN cut
into as many fields, its last one taking the rest: what the oracle of our differential test
does too, AWS's pages being silent on it.

Compiled once per policy; a pattern holding policy variables is finished at request time.
A pattern from a template holds the template's values (`${AWS::AccountId}`, symbolic here):
it matches nothing for sure, and its `loose` twin, each such value a `*`, says where it might.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.access.glob import (
    Glob,
    Resolver,
    Token,
    compile_resolved,
    compile_tokens,
    glob,
    has_variables,
    resolve,
    tokenize,
)
from editor.core.catalog.arn import SYMBOL

ARN_FIELDS = 6  # arn:partition:service:region:account:resource (the resource may hold ':')


def split_fields(text: str) -> tuple[str, ...]:
    return tuple(text.split(":", ARN_FIELDS - 1))


def _split_tokens(tokens: tuple[Token, ...]) -> list[tuple[Token, ...]]:
    """Tokens cut at the first five literal colons."""
    fields: list[list[Token]] = [[]]
    for token in tokens:
        if isinstance(token, str) and ":" in token and len(fields) < ARN_FIELDS:
            parts = token.split(":", ARN_FIELDS - len(fields))
            for i, part in enumerate(parts):
                if i:
                    fields.append([])
                if part:
                    fields[-1].append(part)
        else:
            fields[-1].append(token)
    return [tuple(f) for f in fields]


@dataclass(frozen=True, slots=True)
class ArnPattern:
    """A Resource / NotResource entry, or the value of an Arn* condition."""

    text: str
    everything: bool
    fields: tuple[tuple[Token, ...], ...]  # up to six fields
    compiled: tuple[Glob | None, ...]  # per field; None where a policy variable waits
    loose: ArnPattern | None = None  # a template's values as `*`: where it might match

    def matches(self, resource_fields: tuple[str, ...], resource: str, lookup: Resolver) -> bool:
        if self.everything:
            return True
        globs = self.compiled
        count = len(globs)
        if count == 1:
            glob_ = globs[0] or _resolved(self.fields[0], lookup)
            return glob_ is not None and glob_.matches(resource)
        if count != ARN_FIELDS:
            resource_fields = tuple(resource.split(":", count - 1))
        if len(resource_fields) != count:
            return False
        for i in range(count):
            glob_ = globs[i] or _resolved(self.fields[i], lookup)
            if glob_ is None or not glob_.matches(resource_fields[i]):
                return False  # (a variable without a value matches nothing)
        return True


def _resolved(tokens: tuple[Token, ...], lookup: Resolver) -> Glob | None:
    done = resolve(tokens, lookup)
    return None if done is None else compile_resolved(done)


def arn_pattern(text: str, variables: bool) -> ArnPattern:
    tokens = tokenize(text, variables)
    fields = _split_tokens(tokens)
    compiled = tuple(None if has_variables(f) else compile_tokens(f) for f in fields)
    loose = arn_pattern(SYMBOL.sub("*", text), variables) if "${@" in text else None
    return ArnPattern(text, text == "*", tuple(fields), compiled, loose)


@dataclass(frozen=True, slots=True)
class ActionPatterns:
    """The names of an Action / NotAction element: a set for exact names, globs for the rest.
    IAM compares action names without regard to case."""

    exact: frozenset[str]
    globs: tuple[Glob, ...]

    def matches(self, action_lower: str) -> bool:
        if action_lower in self.exact:
            return True
        return any(g.matches(action_lower) for g in self.globs)


def action_patterns(names: list[str]) -> ActionPatterns:
    exact: set[str] = set()
    globs: list[Glob] = []
    for name in names:
        if "*" in name or "?" in name:
            globs.append(glob(name.lower(), fold=True))
        else:
            exact.add(name.lower())
    return ActionPatterns(frozenset(exact), tuple(globs))
