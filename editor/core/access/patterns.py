"""Patterns of a statement: action names (case-insensitive) and ARNs (case-sensitive, matched
field by field as IAM documents: a wildcard in the region stays in the region).

A pattern of fewer than six fields (`arn:aws:chime:us-east-1*`) is compared with the ARN cut
into as many fields, its last one taking the rest: what the oracle of our differential test
does too, AWS's pages being silent on it.

Compiled once per policy; a pattern holding policy variables is finished at request time.
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
    compiled: tuple[Glob, ...] | None  # when it holds no policy variables

    def matches(self, resource_fields: tuple[str, ...], resource: str, lookup: Resolver) -> bool:
        if self.everything:
            return True
        globs = self.compiled
        if globs is None:
            resolved = []
            for field in self.fields:
                tokens = resolve(field, lookup)
                if tokens is None:
                    return False  # a variable without a value: IAM matches nothing
                resolved.append(compile_resolved(tokens))
            globs = tuple(resolved)
        if len(globs) == 1:
            return globs[0].matches(resource)
        if len(globs) != ARN_FIELDS:
            resource_fields = tuple(resource.split(":", len(globs) - 1))
        if len(resource_fields) != len(globs):
            return False
        return all(g.matches(f) for g, f in zip(globs, resource_fields, strict=True))


def arn_pattern(text: str, variables: bool) -> ArnPattern:
    tokens = tokenize(text, variables)
    fields = _split_tokens(tokens)
    compiled = None if has_variables(tokens) else tuple(compile_tokens(f) for f in fields)
    return ArnPattern(text, text == "*", tuple(fields), compiled)


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
