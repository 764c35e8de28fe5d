"""Rules on the policy's shape: Version, Statement, elements, Effect, Sid, size."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from editor.core.catalog.suggest import closest
from editor.core.json.nodes import ARRAY, OBJECT, STRING, Member, Node
from editor.core.json.parsed import STATEMENT_ELEMENTS, TOP_ELEMENTS
from editor.core.lint.context import LintContext
from editor.core.lint.effects import guess_effect
from editor.core.lint.quota import Quota, non_whitespace_length, size_quota
from editor.core.policy.kinds import PolicyKind, with_article
from editor.core.policy.statements import VERSIONS, StatementView
from editor.core.text.findings import Finding, Fix, Severity, TextEdit, line_break

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_SID = re.compile(r"[A-Za-z0-9]*")
_LIST_ELEMENTS = ("Action", "NotAction", "Resource", "NotResource")
_MANAGED_KINDS = (PolicyKind.IDENTITY, PolicyKind.BOUNDARY)
_EXCLUSIVE = (("Action", "NotAction"), ("Resource", "NotResource"), ("Principal", "NotPrincipal"))
_STATEMENT_SET = frozenset(STATEMENT_ELEMENTS)
_EFFECTS = ("Allow", "Deny")


def version(ctx: LintContext) -> Iterator[Finding]:
    root = ctx.root
    assert root is not None
    member = root.get("Version")
    # IAM's CreatePolicy (a managed identity policy or permissions boundary) wants 2012-10-17.
    managed = ctx.options.quota is Quota.MANAGED and ctx.kind.kind in _MANAGED_KINDS
    if member is None:
        yield ctx.finding(
            "policy/missing-version",
            ERROR if managed else WARNING,
            'no "Version": IAM\'s CreatePolicy refuses a managed policy without "2012-10-17"'
            if managed
            else 'no "Version": IAM then reads the policy as 2008-10-17, where policy '
            "variables such as ${aws:username} are plain text",
            root.start,
            root.start + 1,
            Fix('Add "Version": "2012-10-17"', (_insert_first_member(ctx, root),)),
        )
        return
    value = member.value
    if value is None:
        return
    if value.kind is not STRING or value.value not in VERSIONS:
        yield ctx.finding(
            "policy/invalid-version",
            ERROR,
            'Version must be "2012-10-17" (or the older "2008-10-17")',
            value.start,
            value.end,
        )
    elif value.value == "2008-10-17":
        yield ctx.finding(
            "policy/old-version",
            ERROR if managed else INFO,
            "2008-10-17 is the old policy language: IAM's CreatePolicy refuses it in a managed "
            "policy; use 2012-10-17"
            if managed
            else "2008-10-17 is the old policy language: no policy variables; use 2012-10-17",
            value.start,
            value.end,
            ctx.replace('Use "2012-10-17"', value.start, value.end, '"2012-10-17"', safe=False),
        )


def _insert_first_member(ctx: LintContext, root: Node) -> TextEdit:
    if not root.members:
        return TextEdit(root.start + 1, root.start + 1, '"Version": "2012-10-17"')
    first = root.members[0].key_start
    line_start = ctx.text.rfind("\n", 0, first) + 1
    indent = ctx.text[line_start:first]
    newline = line_break(ctx.text)  # the file's own: a CRLF file stays CRLF
    separator = newline + indent if not indent.strip() and line_start > root.start else " "
    return TextEdit(first, first, '"Version": "2012-10-17",' + separator)


def top_level(ctx: LintContext) -> Iterator[Finding]:
    root = ctx.root
    assert root is not None
    if any(m.key not in TOP_ELEMENTS for m in root.members):
        yield from _unknown_elements(ctx, root, TOP_ELEMENTS, "policy")
    policy_id = root.get("Id")
    id_value = policy_id.value if policy_id is not None else None
    if id_value is not None and id_value.kind is not STRING:
        yield _wrong_type(ctx, id_value, "Id must be a string")
    member = root.get("Statement")
    if member is None:
        yield ctx.finding(
            "policy/missing-statement",
            ERROR,
            'the policy has no "Statement"',
            root.start,
            root.start + 1,
        )
        return
    value = member.value
    if value is None:
        return
    if value.kind is ARRAY and not value.items:
        yield ctx.finding("policy/empty-array", ERROR, "Statement is empty", value.start, value.end)
    elif value.kind not in (ARRAY, OBJECT):
        yield _wrong_type(ctx, value, "Statement must be an object or an array of objects")
    elif value.kind is ARRAY:
        for item in value.items:
            if item.kind is not OBJECT:
                yield _wrong_type(ctx, item, "each statement must be an object")


def _wrong_type(ctx: LintContext, node: Node, message: str) -> Finding:
    return ctx.finding("policy/invalid-type", ERROR, message, node.start, node.end)


def _unknown_elements(
    ctx: LintContext, node: Node, valid: tuple[str, ...], where: str
) -> Iterator[Finding]:
    present: set[str] | None = None  # the keys of `node`, gathered once it has a stray one
    for member in node.members:
        if member.key in valid:
            continue
        if present is None:
            present = {m.key for m in node.members}
        guess = closest(member.key, valid, cutoff=0.7)
        fix = None
        if guess is not None and guess not in present:
            # A typo ("Efect") is renamed; an element of the other level ("Sid" at the top,
            # "Id" in a statement) is misplaced, not misspelt: offered only.
            misplaced = member.key in TOP_ELEMENTS or member.key in STATEMENT_ELEMENTS
            fix = ctx.replace(
                f"Rename to {guess!r}",
                member.key_start,
                member.key_end,
                json.dumps(guess),
                safe=not misplaced,
            )
        hint = f"; did you mean {guess!r}?" if guess else ""
        yield ctx.finding(
            "policy/unknown-element",
            ERROR,
            f"{member.key!r} is not a {where} element{hint}",
            member.key_start,
            member.key_end,
            fix,
        )


def statement_elements(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        node = statement.node
        elements = statement.elements
        # The usual statement makes no generator of the helpers below: known elements only,
        # an Effect of "Allow" or "Deny", lists that are present.
        if not elements.keys() <= _STATEMENT_SET:
            yield from _unknown_elements(ctx, node, STATEMENT_ELEMENTS, "statement")
        if statement.effect not in _EFFECTS:
            yield from _effect(ctx, statement)
        required = ctx.kind.kind.rules.required
        for pair, code in (
            (("Action", "NotAction"), "policy/missing-action"),
            (("Resource", "NotResource"), "policy/missing-resource"),
        ):
            if pair[0] == "Resource" and "Resource" not in required:
                continue  # a role trust policy: the role is the resource
            if pair[0] not in elements and pair[1] not in elements:
                yield ctx.finding(
                    code,
                    ERROR,
                    f"statement {statement.index + 1} has neither {pair[0]} nor {pair[1]}",
                    node.start,
                    node.start + 1,
                )
        for pair in _EXCLUSIVE:
            if pair[0] in elements and pair[1] in elements:
                second = elements[pair[1]]
                yield ctx.finding(
                    "policy/conflicting-elements",
                    ERROR,
                    f"{pair[0]} and {pair[1]} cannot be in the same statement: IAM refuses "
                    "the policy; keep one",
                    second.key_start,
                    second.key_end,
                )
        for name in _LIST_ELEMENTS:
            if name in elements:
                yield from _list_element(ctx, elements[name], name)


def _effect(ctx: LintContext, statement: StatementView) -> Iterator[Finding]:
    member = statement.member("Effect")
    if member is None:
        node = statement.node
        yield ctx.finding(
            "policy/missing-effect",
            ERROR,
            f'statement {statement.index + 1} has no "Effect" ("Allow" or "Deny")',
            node.start,
            node.start + 1,
        )
        return
    value = member.value
    if value is None or (value.kind is STRING and value.value in ("Allow", "Deny")):
        return
    # Only a clear slip is fixed by Fix all; a negation (`Disallow`) is never made "Allow"
    guess = guess_effect(str(value.value)) if value.kind is STRING else None
    fix = None
    message = 'Effect must be exactly "Allow" or "Deny"'
    if guess is not None:
        title = f"Use {guess.effect!r}"
        fix = ctx.replace(title, value.start, value.end, json.dumps(guess.effect), guess.safe)
        if guess.negated:
            message += f'; {value.value!r} negates Allow: did you mean "Deny"?'
        elif not guess.safe:
            message += f"; did you mean {guess.effect!r}? (Fix all leaves it to you)"
    yield ctx.finding("policy/invalid-effect", ERROR, message, value.start, value.end, fix)


def _list_element(ctx: LintContext, member: Member | None, name: str) -> Iterator[Finding]:
    if member is None or member.value is None:
        return
    value = member.value
    if value.kind is ARRAY:
        if not value.items:
            yield ctx.finding(
                "policy/empty-array",
                ERROR,
                f"{name} is an empty list: the statement grants nothing",
                value.start,
                value.end,
            )
        for item in value.items:
            if item.kind is not STRING:
                yield _wrong_type(ctx, item, f"each {name} entry must be a string")
    elif value.kind is not STRING:
        yield _wrong_type(ctx, value, f"{name} must be a string or a list of strings")


def sids(ctx: LintContext) -> Iterator[Finding]:
    seen: set[str] = set()
    strict = ctx.kind.kind.rules.strict_sid  # S3, SQS, SNS policies take any Sid string
    for statement in ctx.statements:
        member = statement.member("Sid")
        if member is None or member.value is None:
            continue
        value = member.value
        if value.kind is not STRING:
            yield _wrong_type(ctx, value, "Sid must be a string")
            continue
        sid = str(value.value)
        if not sid:
            yield ctx.finding(
                "policy/empty-sid",
                INFO,
                'an empty Sid names nothing: give the statement a name or remove "Sid"',
                value.start,
                value.end,
            )
        elif strict and not _SID.fullmatch(sid):
            cleaned = re.sub(r"[^A-Za-z0-9]", "", sid)
            yield ctx.finding(
                "policy/invalid-sid",
                ERROR,
                f"a Sid in {with_article(ctx.kind.kind.label)} may hold only letters and digits",
                value.start,
                value.end,
                ctx.replace(f"Use {cleaned!r}", value.start, value.end, json.dumps(cleaned)),
            )
        if sid in seen and sid:
            yield ctx.finding(
                "policy/duplicate-sid",
                ERROR,
                f"Sid {sid!r} is used by an earlier statement; Sids must be unique",
                value.start,
                value.end,
            )
        seen.add(sid)


def size(ctx: LintContext) -> Iterator[Finding]:
    if len(ctx.text) <= _smallest_limit():
        return  # under every quota even counting white space: most policies
    limit, label, _ = size_quota(ctx.kind.kind, ctx.options.quota)
    if limit is None:
        return  # a resource-based policy: its service's quota, not IAM's
    if len(ctx.text) <= limit:
        return  # short enough even counting white space: no need to count
    count = non_whitespace_length(ctx.text)
    if count > limit:
        root = ctx.root
        assert root is not None
        yield ctx.finding(
            "policy/size-limit",
            ERROR,
            f"{count:,} characters without white space: over the {limit:,} allowed for {label}",
            root.start,
            root.start + 1,
        )


_SMALLEST: list[int] = []  # the smallest quota of any kind or choice, worked out once


def _smallest_limit() -> int:
    if not _SMALLEST:
        limits = [q.limit for q in Quota]
        limits += [k.rules.size_limit for k in PolicyKind if k.rules.size_limit is not None]
        _SMALLEST.append(min(limits))
    return _SMALLEST[0]
