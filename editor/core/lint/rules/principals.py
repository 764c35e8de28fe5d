"""Rules on Principal and NotPrincipal: the forms IAM accepts for each key (AWS accounts and
ARNs, service principals, federated providers, canonical users, "*"), unfilled placeholders,
and principals open to everyone. Forms: IAM User Guide, "AWS JSON policy elements: Principal"
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

from editor.core.catalog.arn import ACCOUNT_ID, SYMBOL, Span, placeholders, split_arn
from editor.core.json.nodes import ARRAY, OBJECT, STRING, Member, Node
from editor.core.lint.context import LintContext
from editor.core.policy.kinds import PolicyKind, load_kinds
from editor.core.policy.statements import StatementView, string_items, value_offsets
from editor.core.text.findings import Finding, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
_SERVICE = re.compile(r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?")
_CANONICAL_USER = re.compile(r"[0-9a-f]{64}")
# An account field written as words ("my_aws_account_id", "Account-Id"): left to be filled.
_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*")
_IAM_RESOURCES = re.compile(r"root|(?:user|role)/[\w+=,.@/-]+|federated-user/[\w+=,.@-]+")
_STS_RESOURCES = re.compile(r"assumed-role/[\w+=,.@-]+/[\w+=,.@-]+|federated-user/[\w+=,.@-]+")
_PROVIDERS = re.compile(r"(?:saml-provider/[\w.-]+|oidc-provider/[\w./:-]+)")
_PUBLIC_KINDS = (PolicyKind.RESOURCE, PolicyKind.TRUST)


def principals(ctx: LintContext) -> Iterator[Finding]:
    forbidden = ctx.kind.kind.rules.forbidden
    for statement in ctx.statements:
        for name in ("Principal", "NotPrincipal"):
            member = statement.member(name)
            if member is None or member.value is None or name in forbidden:
                continue
            yield from _principal(ctx, statement, name, member.value)
            if name == "NotPrincipal":
                yield from _allow_not_principal(ctx, statement, member)


def _principal(
    ctx: LintContext, statement: StatementView, name: str, value: Node
) -> Iterator[Finding]:
    if value.kind is STRING:
        if value.value == "*":
            yield from _star(ctx, statement, name, value)
        else:
            yield _wrong(
                ctx,
                value,
                f'{name} is "*" or an object such as {{"AWS": "123456789012"}}, '
                f'{{"Service": "lambda.amazonaws.com"}}',
            )
        return
    if value.kind is not OBJECT:
        yield _wrong(ctx, value, f'{name} must be "*" or an object of principal types')
        return
    keys = load_kinds().principal_keys
    for member in value.members:
        if member.value is None:
            continue
        if member.key not in keys:
            yield _unknown_key(ctx, member, keys)
            continue
        items = member.value
        # a template's value (`!GetAtt Role.Arn`, written as a symbolic string) is a string
        strings = [i for i in items.items if i.kind is STRING] if items.items else []
        if items.kind not in (STRING, ARRAY) or (
            items.kind is ARRAY and len(strings) != len(items.items)
        ):
            yield _wrong(ctx, items, f"each {member.key} principal must be a string")
        for node in string_items(items):
            yield from _value(ctx, member.key, node)
            if member.key == "AWS" and node.value == "*":
                yield from _star(ctx, statement, name, node)


def _wrong(ctx: LintContext, node: Node, message: str) -> Finding:
    return ctx.finding("principal/invalid-type", ERROR, message, node.start, node.end)


def _unknown_key(ctx: LintContext, member: Member, keys: tuple[str, ...]) -> Finding:
    same = next((k for k in keys if k.lower() == member.key.lower()), None)
    fix = None
    if same is not None:
        fix = ctx.replace(f"Use {same!r}", member.key_start, member.key_end, json.dumps(same))
    hint = f"; did you mean {same!r}?" if same else ""
    return ctx.finding(
        "principal/invalid-type",
        ERROR,
        f"{member.key!r} is not a kind of principal ({', '.join(keys)}){hint}",
        member.key_start,
        member.key_end,
        fix,
    )


def _value(ctx: LintContext, key: str, node: Node) -> Iterator[Finding]:
    text = str(node.value)
    if SYMBOL.search(text):
        return  # a template works part of it out (lambda.${AWS::URLSuffix}): not ours to judge
    spans = placeholders(text)
    fields = split_arn(text)
    if not spans and fields is not None and fields.account.text:
        account = fields.account
        if not ACCOUNT_ID.fullmatch(account.text) and _WORDS.fullmatch(account.text):
            spans = (account,)
    if not spans and fields is None and key == "AWS" and _WORDS.fullmatch(text) and text != "*":
        spans = (Span(0, len(text), text),)
    if spans:
        for span in spans:
            start, end = value_offsets(ctx.text, node, span.start, span.end)
            yield ctx.finding(
                "principal/placeholder",
                ERROR,
                f"{span.text!r} is a placeholder: fill in "
                + ("the 12-digit AWS account ID" if key == "AWS" else "the principal"),
                start,
                end,
            )
        return
    problem = _problem(ctx, key, text)
    if problem is not None:
        code, message = problem
        yield ctx.finding(code, ERROR, message, node.start, node.end)


def _problem(ctx: LintContext, key: str, text: str) -> tuple[str, str] | None:
    """What is wrong with one filled-in principal, as (code, message); None if nothing."""
    if key == "AWS":
        if text == "*" or ACCOUNT_ID.fullmatch(text):
            return None
        if text.isdigit():
            return "principal/invalid-account", f"{text!r} is not a 12-digit AWS account ID"
        return _arn_problem(ctx, text, "iam or sts", _aws_arn_ok)
    if key == "Service":
        if _SERVICE.fullmatch(text):
            return None
        return (
            "principal/invalid-service",
            f"{text!r} is not a service principal (service-name.amazonaws.com)",
        )
    if key == "Federated":
        if text in load_kinds().web_identity_providers:
            return None
        return _arn_problem(ctx, text, "an identity provider", _provider_arn_ok)
    if _CANONICAL_USER.fullmatch(text):  # CanonicalUser
        return None
    return (
        "principal/invalid-canonical-user",
        f"{text!r} is not a canonical user ID (64 hexadecimal digits)",
    )


def _arn_problem(
    ctx: LintContext, text: str, what: str, accepts: Callable[[str, str], bool]
) -> tuple[str, str] | None:
    if "*" in text or "?" in text:
        return (
            "principal/invalid-arn",
            'a principal ARN cannot hold wildcards: use "*" with a Condition on '
            "aws:PrincipalArn instead",
        )
    fields = split_arn(text)
    partitions = {p.name for p in ctx.catalog.regions.partitions}
    ok = (
        fields is not None
        and fields.partition.text in partitions
        and not fields.region.text
        and ACCOUNT_ID.fullmatch(fields.account.text) is not None
        and accepts(fields.service.text, fields.resource.text)
    )
    if ok:
        return None
    return (
        "principal/invalid-arn",
        f"{text!r} is not the ARN of {what} principal "
        + (
            "(arn:aws:iam::123456789012:root, :user/NAME, :role/NAME, "
            "arn:aws:sts::123456789012:assumed-role/ROLE/SESSION)"
            if what.startswith("iam")
            else "(arn:aws:iam::123456789012:saml-provider/NAME or :oidc-provider/HOST)"
        ),
    )


def _aws_arn_ok(service: str, resource: str) -> bool:
    if service == "iam":
        return _IAM_RESOURCES.fullmatch(resource) is not None
    return service == "sts" and _STS_RESOURCES.fullmatch(resource) is not None


def _provider_arn_ok(service: str, resource: str) -> bool:
    return service == "iam" and _PROVIDERS.fullmatch(resource) is not None


def _open_allow(ctx: LintContext, statement: StatementView) -> bool:
    """An Allow in a policy that names principals, with no Condition to narrow who."""
    return (
        statement.effect == "Allow"
        and ctx.kind.kind in _PUBLIC_KINDS
        and statement.member("Condition") is None
    )


def _star(ctx: LintContext, statement: StatementView, name: str, node: Node) -> Iterator[Finding]:
    """An Allow to everyone, with nothing to narrow it: public access."""
    if name != "Principal" or not _open_allow(ctx, statement):
        return
    yield ctx.finding(
        "principal/public",
        WARNING,
        "allows everyone, anonymous users included: name the principals, or add a Condition "
        "(aws:SourceAccount, aws:PrincipalOrgID ...)" + ctx.as_kind(),
        node.start,
        node.end,
    )


def _allow_not_principal(
    ctx: LintContext, statement: StatementView, member: Member
) -> Iterator[Finding]:
    """An Allow to everyone but the principals named: public access as much as "*" is. The
    IAM User Guide's NotPrincipal page advises against NotPrincipal with an Allow: it grants
    every principal not listed, anonymous users included."""
    if not _open_allow(ctx, statement):
        return
    yield ctx.finding(
        "principal/public",
        WARNING,
        "allows everyone but the principals named, anonymous users included (IAM advises "
        "against NotPrincipal with Allow): name the principals in Principal instead, or add "
        "a Condition" + ctx.as_kind(),
        member.key_start,
        member.key_end,
    )
