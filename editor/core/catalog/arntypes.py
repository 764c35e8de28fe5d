"""ARN patterns of a policy against the catalog's resource types: which types an ARN can
match, and the IDs (app instance, user, channel ...) in its resource part."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from editor.core.catalog.arn import Span
from editor.core.catalog.catalog import Catalog
from editor.core.catalog.wildcard import PatternFields, literal_start


@lru_cache(maxsize=64)
def _resource_regex(template: str) -> re.Pattern[str]:
    resource = template.split(":", 5)[5]
    parts = re.split(r"(\$\{\w+\})", resource)
    return re.compile(
        "".join(f"(?P<{p[2:-1]}>[^/]*)" if p.startswith("${") else re.escape(p) for p in parts)
    )


@lru_cache(maxsize=2048)
def resource_ids(
    templates: tuple[tuple[str, str], ...], resource: Span
) -> tuple[tuple[str, Span], ...]:
    """The IDs in an ARN's resource part, by the first resource type whose form it has:
    `app-instance/a1/user/u1` gives (AppInstanceId, a1), (AppInstanceUserId, u1)."""
    forms = _id_forms(templates)
    if forms is not None:
        return _ids_by_segments(forms, resource)
    for _, template in templates:
        match = _resource_regex(template).fullmatch(resource.text)
        if match is not None:
            return tuple(
                (
                    name,
                    Span(
                        resource.start + match.start(name), resource.start + match.end(name), text
                    ),
                )
                for name, text in match.groupdict().items()
            )
    return ()


# A template's resource part as "/"-separated segments: each literal text, or None for an ID,
# with the IDs' (segment number, name).
_new = tuple.__new__  # a NamedTuple made without its Python-level __new__
_IdForm = tuple[tuple[str | None, ...], tuple[tuple[int, str], ...]]


def _ids_by_segments(
    forms: dict[int, tuple[_IdForm, ...]], resource: Span
) -> tuple[tuple[str, Span], ...]:
    """resource_ids without a regex: an ID is one segment (no "/", maybe empty), so a resource
    has a template's form when it has as many segments and the same literal ones."""
    segments = resource.text.split("/")
    for literals, ids in forms.get(len(segments), ()):
        for segment, literal in zip(segments, literals, strict=True):
            if literal is not None and literal != segment:
                break
        else:
            found = []
            at, done = resource.start, 0
            for i, name in ids:
                for segment in segments[done:i]:
                    at += len(segment) + 1
                text = segments[i]
                found.append((name, _new(Span, (at, at + len(text), text))))
                done = i
            return tuple(found)
    return ()


@lru_cache(maxsize=8)
def _id_forms(templates: tuple[tuple[str, str], ...]) -> dict[int, tuple[_IdForm, ...]] | None:
    """The templates' resource parts by segment count, in catalog order (the first form a
    resource has names its IDs); None unless each segment is literal or one ${...}."""
    by_count: dict[int, list[_IdForm]] = {}
    for _, template in templates:
        forms = template.split(":", 5)
        if len(forms) != 6:
            return None
        literals: list[str | None] = []
        ids: list[tuple[int, str]] = []
        for i, segment in enumerate(forms[5].split("/")):
            if _VARIABLE.fullmatch(segment):
                literals.append(None)
                ids.append((i, segment[2:-1]))
            elif "$" in segment:
                return None
            else:
                literals.append(segment)
        by_count.setdefault(len(literals), []).append((tuple(literals), tuple(ids)))
    return {count: tuple(entries) for count, entries in by_count.items()}


def arn_types_of(catalog: Catalog, value: str) -> frozenset[str]:
    """The Chime resource types an ARN pattern of a policy can match."""
    return _arn_types(catalog.arn_templates, value)


@lru_cache(maxsize=2048)
def _arn_types(templates: tuple[tuple[str, str], ...], value: str) -> frozenset[str]:
    service = value.split(":", 3)[2:3]
    # An ARN of another service (s3, sns ...) meets none of them: say so at once.
    if service:
        name = service[0]
        if not ("*" in name or "?" in name or "$" in name) and name not in _services(templates):
            return frozenset()
    if value == "*":
        return frozenset(name for name, _ in templates)
    if not ("*" in value or "?" in value or "$" in value):
        # The usual ARN, no wildcard or variable anywhere: matched segment by segment, its
        # first five fields compared as strings, with no PatternFields to build.
        fields = value.split(":", 5)
        index = _segment_index(templates)
        if index is not None and len(fields) == 6:
            return _plain_types(index, fields)
    pattern = PatternFields(value)
    fields = pattern.fields
    index = _segment_index(templates)
    if index is not None and len(fields) == 6:
        resource = fields[5]
        head = literal_start(resource)
        if head == resource:
            return _literal_types(index, pattern, resource.split("/"))
        if len(head) == len(resource) - 1 and resource[-1] == "*":
            return _prefix_types(index, pattern, head.split("/"))
    return frozenset(name for name, arn in _candidates(templates, fields) if pattern.meets(arn))


# A template whose resource part is "/"-separated segments, each literal or one ${...}:
# (name, its first five fields, its segments with None for each ${...}).
_Shaped = tuple[str, tuple[str, ...], tuple[str | None, ...]]
_VARIABLE = re.compile(r"\$\{\w+\}")


# For resources of one segment count: which segments are literal (an itemgetter of them)
# and the templates by those segments' text.
_Skeletons = tuple[tuple[Callable[[list[str]], object], dict[object, tuple[_Shaped, ...]]], ...]


class _SegmentIndex(NamedTuple):
    by_first: dict[str, tuple[_Shaped, ...]]  # by the literal first segment
    shaped: tuple[_Shaped, ...]  # all of them
    by_length: dict[int, _Skeletons]  # by segment count, then by the literal segments


def _literal_types(
    index: _SegmentIndex, pattern: PatternFields, segments: list[str]
) -> frozenset[str]:
    """The usual ARN, whose resource part holds no wildcard or variable: it has a template's
    form when it has the template's segments, each ${...} one non-empty segment."""
    found: list[str] = []
    if "" not in segments:  # no ID is empty: one look-up by the literal segments settles it
        for literal, table in index.by_length.get(len(segments), ()):
            for name, heads, _ in table.get(literal(segments), ()):
                if pattern.head_meets(heads):
                    found.append(name)
        return frozenset(found)
    for name, heads, forms in index.by_first.get(segments[0], ()):
        if len(forms) != len(segments):
            continue
        for segment, form in zip(segments, forms, strict=True):
            if (form is None and not segment) or (form is not None and form != segment):
                break
        else:
            if pattern.head_meets(heads):
                found.append(name)
    return frozenset(found)


def _plain_types(index: _SegmentIndex, fields: list[str]) -> frozenset[str]:
    """_literal_types of an ARN without any wildcard or variable: a template's ${...} head
    field takes any non-empty field without "/", a literal one only itself."""
    segments = fields[5].split("/")
    if "" in segments:
        return _literal_types(index, PatternFields(":".join(fields)), segments)
    found: list[str] = []
    heads_ok: dict[tuple[str, ...], bool] = {}
    for literal, table in index.by_length.get(len(segments), ()):
        for name, heads, _ in table.get(literal(segments), ()):
            ok = heads_ok.get(heads)
            if ok is None:
                ok = heads_ok[heads] = _plain_head_meets(fields, heads)
            if ok:
                found.append(name)
    return frozenset(found)


def _plain_head_meets(fields: list[str], forms: tuple[str, ...]) -> bool:
    """PatternFields.head_meets of a pattern without wildcard or variable."""
    for field, form in zip(fields[:5], forms, strict=True):
        if form.startswith("${"):
            if not field or "/" in field:
                return False
        elif field != form:
            return False
    return True


def _prefix_types(
    index: _SegmentIndex, pattern: PatternFields, segments: list[str]
) -> frozenset[str]:
    """An ARN whose resource part is a literal start and one `*` (`app-instance/a1/channel/*`):
    it meets a template when some resource of the template's form starts with that text. The
    start's whole segments must be the template's (an ${...} any non-empty one); its last,
    partial segment must begin a literal segment, or fall in an ${...}."""
    last = len(segments) - 1
    if last == 0:
        candidates: tuple[_Shaped, ...] = index.shaped
    else:
        candidates = index.by_first.get(segments[0], ())
    found: list[str] = []
    for name, heads, forms in candidates:
        if last >= len(forms):
            continue  # more segments than the template has: an ID holds no "/"
        for segment, form in zip(segments[:last], forms, strict=False):
            if (form is None and not segment) or (form is not None and form != segment):
                break
        else:
            form = forms[last]
            if (form is None or form.startswith(segments[last])) and pattern.head_meets(heads):
                found.append(name)
    return frozenset(found)


@lru_cache(maxsize=8)
def _segment_index(templates: tuple[tuple[str, str], ...]) -> _SegmentIndex | None:
    """The catalog's templates by the literal first segment of their resource part; None
    unless every template has six fields and a resource part of that shape (the general
    matcher then decides)."""
    by_first: dict[str, list[_Shaped]] = {}
    shaped: list[_Shaped] = []
    for name, arn in templates:
        forms = arn.split(":", 5)
        if len(forms) != 6:
            return None
        segments: list[str | None] = []
        for segment in forms[5].split("/"):
            if _VARIABLE.fullmatch(segment):
                segments.append(None)
            elif "$" in segment or "*" in segment or "?" in segment:
                return None
            else:
                segments.append(segment)
        first = segments[0]
        if first is None:
            return None
        entry = (name, tuple(forms[:5]), tuple(segments))
        by_first.setdefault(first, []).append(entry)
        shaped.append(entry)
    return _SegmentIndex(
        {k: tuple(v) for k, v in by_first.items()}, tuple(shaped), _skeletons(shaped)
    )


def _skeletons(shaped: list[_Shaped]) -> dict[int, _Skeletons]:
    """The templates by segment count, then by where their literal segments are, then by
    those segments' text (an itemgetter gives the same key for a resource's segments)."""
    tables: dict[int, dict[tuple[int, ...], dict[object, list[_Shaped]]]] = {}
    for entry in shaped:
        forms = entry[2]
        where = tuple(i for i, form in enumerate(forms) if form is not None)
        key = itemgetter(*where)(forms)
        by_where = tables.setdefault(len(forms), {}).setdefault(where, {})
        by_where.setdefault(key, []).append(entry)
    return {
        count: tuple(
            (itemgetter(*where), {k: tuple(v) for k, v in table.items()})
            for where, table in by_where.items()
        )
        for count, by_where in tables.items()
    }


def _candidates(
    templates: tuple[tuple[str, str], ...], fields: list[str]
) -> Iterator[tuple[str, str]]:
    """The templates an ARN pattern (split in its six fields) may meet: those whose resource
    part starts as the pattern's does (`app-instance/` vs `meeting/`), a whole group refused
    by one comparison; `meets` then decides each."""
    groups, unsplit = _resource_groups(templates)
    if len(fields) != 6:
        yield from templates
        return
    head = literal_start(fields[5])
    for form_head, members in groups:
        if head.startswith(form_head) or form_head.startswith(head):
            yield from members
    yield from unsplit


@lru_cache(maxsize=8)
def _resource_groups(
    templates: tuple[tuple[str, str], ...],
) -> tuple[tuple[tuple[str, tuple[tuple[str, str], ...]], ...], tuple[tuple[str, str], ...]]:
    """The catalog's templates grouped by the literal start of their resource part (before
    its first ${...}), in catalog order within a group; and those that have not six fields."""
    groups: dict[str, list[tuple[str, str]]] = {}
    unsplit: list[tuple[str, str]] = []
    for name, arn in templates:
        forms = arn.split(":", 5)
        if len(forms) != 6:
            unsplit.append((name, arn))
        else:
            groups.setdefault(forms[5].split("${", 1)[0], []).append((name, arn))
    return tuple((head, tuple(members)) for head, members in groups.items()), tuple(unsplit)


@lru_cache(maxsize=8)
def _services(templates: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return frozenset(arn.split(":", 3)[2] for _, arn in templates)
