"""Rules on Resource: placeholders and ARN fields, each value on its own. Whether each action
gets the ARNs it is authorized against is authorization.py's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from editor.core.catalog.arn import ACCOUNT_ID, SYMBOL, ArnFields, Span, placeholders, split_arn
from editor.core.catalog.arntypes import arn_types_of, resource_ids
from editor.core.catalog.catalog import Catalog
from editor.core.json.nodes import ARRAY, Member, Node
from editor.core.lint.context import LintContext
from editor.core.policy.statements import remove_item_range
from editor.core.text.findings import Finding, Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
MEMO_LIMIT = 4096  # resource strings whose problems are remembered
_new = tuple.__new__  # a NamedTuple made without its Python-level __new__


def _free(span: Span, taken: tuple[Span, ...]) -> bool:
    """A field worth validating: not a placeholder, wildcard or policy variable."""
    for t in taken:
        if t.start < span.end and span.start < t.end:
            return False
    text = span.text
    return not ("*" in text or "?" in text or "${" in text)


def _duplicates(
    ctx: LintContext, member: Member | None, element: str, nodes: list[Node]
) -> Iterator[Finding]:
    """An ARN listed twice in one list grants nothing more: often the trace of a value that
    replaced two others (two channels both become `channel/*`). Fix all removes the later
    copy; the first stays, so nothing granted is lost."""
    array = member.value if member is not None else None
    if array is None or array.kind is not ARRAY:
        return
    position = {id(item): i for i, item in enumerate(array.items)}
    seen: set[str] = set()
    for node in nodes:
        value = str(node.value)
        if value not in seen:
            seen.add(value)
            continue
        start, end = remove_item_range(array, position[id(node)])
        fix = ctx.replace("Remove the duplicate", start, end, "", True)
        yield ctx.finding(
            "resource/duplicate",
            WARNING,
            f"{value!r} is listed twice in this {element}: the copy grants nothing more",
            node.start,
            node.end,
            fix,
        )


class Problem(NamedTuple):
    """A finding about one resource string, placed within the string (None: the whole token)."""

    code: str
    severity: Severity
    message: str
    span: tuple[int, int] | None


def resources(ctx: LintContext) -> Iterator[Finding]:
    chime = ctx.catalog.service.prefix
    known = ctx.catalog.by_full_name
    for statement in ctx.statements:
        names = statement.value_set("Action")
        others = names.difference(known)  # most statements: none, the Chime names settle it
        prefixes = {a.split(":", 1)[0].lower() for a in others if ":" in a}
        if len(others) < len(names):
            prefixes.add(chime)
        only_chime = prefixes == {chime}
        for element in ("Resource", "NotResource"):
            nodes = statement.strings(element)
            if len(statement.value_set(element)) < len(nodes):  # a value listed twice
                yield from _duplicates(ctx, statement.member(element), element, nodes)
            for node in nodes:
                value = str(node.value)
                if value == "*":
                    continue
                problems = value_problems(ctx.catalog, value, only_chime)
                if not problems:
                    continue
                # value_offsets, asked once per string rather than once per problem
                inner = node.start + 1
                written = ctx.text[inner : node.end - 1] == value
                for problem in problems:
                    if problem.span is None or not written:
                        start, end = node.start, node.end
                    else:
                        start, end = inner + problem.span[0], inner + problem.span[1]
                    yield ctx.finding(problem.code, problem.severity, problem.message, start, end)


def value_problems(catalog: Catalog, value: str, only_chime: bool) -> tuple[Problem, ...]:
    """Every problem of one resource string: a pure function of the string, so it is worked
    out once (the live preview re-checks the same ARNs on every keystroke). The memo keeps the
    MEMO_LIMIT newest strings: a file of 200,000 distinct ARNs must not grow it without end."""
    memo: dict[tuple[str, bool], tuple[Problem, ...]] = catalog.memo.setdefault("resources", {})
    key = (value, only_chime)
    found = memo.get(key)
    if found is None:
        found = memo[key] = tuple(_problems(catalog, value, only_chime))
        if len(memo) > MEMO_LIMIT:
            del memo[next(iter(memo))]  # the oldest: dicts keep insertion order
    return found


def _problems(catalog: Catalog, value: str, only_chime: bool) -> list[Problem]:
    # Built as a list, with no generator per step: an ARN never seen before (a cold lint, a
    # pasted policy) pays for each call here.
    found = placeholders(value)
    fields = split_arn(value)
    problems = [
        _new(
            Problem,
            (
                "resource/placeholder",
                ERROR,
                f"{span.text!r} is a placeholder: fill in {_field_hint(fields, span)}",
                (span.start, span.end),
            ),
        )
        for span in found
    ]
    if fields is None:
        # Not an ARN; but `${X.Arn}/channel/*` (a Fn::Join on a ref) is: the stack makes its head.
        if SYMBOL.match(value) is None:
            problems.append(
                Problem(
                    "resource/invalid-arn",
                    ERROR,
                    f"{value!r} is not an ARN (arn:partition:service:region:account:resource) "
                    "or '*'",
                    None,
                )
            )
        return problems
    # Most ARNs name a known partition and region: their checks are not even started.
    if fields.partition.text not in _partition_names(catalog):
        problems.extend(_partition(catalog, fields, found))
    region = fields.region.text
    if region and region not in catalog.known_regions:
        problems.extend(_region(catalog, fields, found))
    service = fields.service
    if service.text == catalog.service.prefix:
        problems.extend(_chime_fields(catalog, value, fields, found))
    elif only_chime and service.text != "*":
        problems.append(
            Problem(
                "resource/wrong-service",
                ERROR,
                f"an ARN of service {service.text!r} in a statement of Chime actions: it "
                "matches nothing they act on",
                (service.start, service.end),
            )
        )
    return problems


def _field_hint(fields: ArnFields | None, span: Span) -> str:
    # Past the account: in the resource part, the usual place of a placeholder (one test).
    if fields is not None and span.start <= fields.account.end:
        if fields.partition.start <= span.start < fields.partition.end:
            return "the partition (aws, aws-cn, aws-us-gov)"
        if fields.region.start <= span.start <= fields.region.end:
            return "the region, e.g. us-east-1"
        if fields.account.start <= span.start <= fields.account.end:
            return "the 12-digit AWS account ID"
    return "the ID, or * for any (IAM variables such as ${aws:username} work too)"


def _at_least_one(span: Span) -> tuple[int, int]:
    """The span, widened to one character when the field is empty (something to underline)."""
    return span.start, max(span.end, span.start + 1)


def _partition(catalog: Catalog, fields: ArnFields, taken: tuple[Span, ...]) -> Iterator[Problem]:
    partition = fields.partition
    names = _partition_names(catalog)
    if partition.text not in names and _free(partition, taken):
        yield Problem(
            "resource/invalid-partition",
            ERROR,
            f"{partition.text!r} is not an AWS partition ({', '.join(names[:3])}, ...)",
            (partition.start, partition.end),
        )


def _partition_names(catalog: Catalog) -> tuple[str, ...]:
    """aws, aws-cn, aws-us-gov ...: from the catalog alone, listed once."""
    names = catalog.derived.get("partition-names")
    if names is None:
        names = catalog.derived["partition-names"] = tuple(
            p.name for p in catalog.regions.partitions
        )
    assert isinstance(names, tuple)
    return names


def _region(catalog: Catalog, fields: ArnFields, taken: tuple[Span, ...]) -> Iterator[Problem]:
    """A region that no partition has (botocore's lists): `us-east-9`, `us-esat-1`, `us-east`."""
    region = fields.region
    if not region.text or not _free(region, taken) or region.text in catalog.known_regions:
        return
    near = _near_regions(region.text, sorted(catalog.known_regions))
    hint = f"; did you mean {' or '.join(near)}?" if near else ""
    yield Problem(
        "resource/invalid-region",
        ERROR,
        f"{region.text!r} is not an AWS region{hint}",
        _at_least_one(region),
    )


def _near_regions(text: str, known: list[str]) -> list[str]:
    """The regions meant: swapped letters (us-esat-1), else the same name with another
    number (us-east-9: us-east-1 or us-east-2), else the nearest two by spelling."""
    swapped = [r for r in known if sorted(r) == sorted(text)]
    if swapped:
        return swapped
    stem = text.rsplit("-", 1)[0] + "-"
    numbered = [r for r in known if r.startswith(stem) and r[len(stem) :].isdigit()]
    if numbered:
        return numbered
    import difflib  # only a misspelt region gets here

    return difflib.get_close_matches(text, known, 2, 0.7)


def _chime_fields(
    catalog: Catalog, value: str, fields: ArnFields, taken: tuple[Span, ...]
) -> list[Problem]:
    problems: list[Problem] = []
    region = fields.region
    if _free(region, taken):
        if not region.text:
            problems.append(
                Problem(
                    "resource/invalid-region",
                    ERROR,
                    "Chime ARNs need a region",
                    _at_least_one(region),
                )
            )
        elif region.text in catalog.known_regions and region.text not in catalog.regions.messaging:
            problems.append(
                Problem(
                    "resource/region-unsupported",
                    WARNING,
                    f"Chime SDK messaging is not offered in {region.text}; it is in "
                    + ", ".join(catalog.regions.messaging),
                    (region.start, region.end),
                )
            )
    account = fields.account
    if _free(account, taken) and not ACCOUNT_ID.fullmatch(account.text):
        problems.append(
            Problem(
                "resource/invalid-account",
                ERROR,
                f"{account.text!r} is not a 12-digit AWS account ID",
                _at_least_one(account),
            )
        )
    problems.extend(_resource_part(catalog, value, fields, taken))
    return problems


def _resource_part(
    catalog: Catalog, value: str, fields: ArnFields, taken: tuple[Span, ...]
) -> list[Problem]:
    if not arn_types_of(catalog, value):
        return [
            Problem(
                "resource/invalid-arn",
                ERROR,
                f"{fields.resource.text!r} is not the form of any Chime resource "
                "(app-instance/ID, app-instance/ID/user/ID, .../channel/ID, ...)",
                _at_least_one(fields.resource),
            )
        ]
    problems: list[Problem] = []
    for variable, span in resource_ids(catalog.arn_templates, fields.resource):
        fmt = catalog.id_formats.get(variable)
        if fmt is None or not _free(span, taken) or _accepts(catalog, variable, span.text):
            continue
        problems.append(
            Problem(
                "resource/invalid-id",
                ERROR,
                f"{span.text!r} is not a valid {variable} ({fmt.min}-{fmt.max} characters "
                f"matching {fmt.pattern})",
                _at_least_one(span),
            )
        )
    return problems


def _accepts(catalog: Catalog, variable: str, text: str) -> bool:
    """IdFormat.accepts, with the formats' regexes compiled once from the catalog."""
    compiled: dict[str, tuple[int, int, re.Pattern[str]]] | None
    compiled = catalog.derived.get("id-formats")
    if compiled is None:
        compiled = catalog.derived["id-formats"] = {
            name: (fmt.min, fmt.max, re.compile(fmt.pattern))
            for name, fmt in catalog.id_formats.items()
        }
    low, high, regex = compiled[variable]
    return low <= len(text) <= high and regex.fullmatch(text) is not None
