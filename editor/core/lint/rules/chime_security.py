"""Security findings only a Chime tool can make (code family `security/`).

- Caller impersonation: a messaging call made as an AppInstanceUser (or bot) is authorized
  against the caller's ARN, and the caller is whoever the `x-amz-chime-bearer` header names,
  which the IAM principal sets. A grant on `user/*` (or `bot/*`, `app-instance/A/*`, `*`)
  therefore lets the holder act as any user of the app instance, unless a policy variable
  ties the ARN to the principal.
- Administrator actions (those of AWS's app-instance administrator example and of no user
  example that write or manage permissions) in a policy that otherwise grants what a user
  does.
- ${aws:username} in a policy for a role: IAM defines it only for IAM users.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.catalog.arn import split_arn
from editor.core.catalog.arntypes import arn_types_of, resource_ids
from editor.core.catalog.catalog import CALLER_TYPES, Action, load_personas
from editor.core.catalog.risks import load_security
from editor.core.catalog.wildcard import has_wildcard
from editor.core.json.nodes import STRING, Node
from editor.core.lint.context import LintContext
from editor.core.lint.quota import Quota
from editor.core.lint.rules.grants import allowed_names
from editor.core.policy.kinds import PolicyKind
from editor.core.policy.statements import StatementView
from editor.core.text.findings import Finding, Severity

WARNING = Severity.WARNING
CHIME_ROLES = "https://docs.aws.amazon.com/chime-sdk/latest/dg/iam-roles.html"
VARIABLES = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html"
COGNITO_SUB = "${cognito-identity.amazonaws.com:sub}"
# The identity API is called by administrators, without a bearer; its user and bot ARNs name
# the user acted upon, not the caller.
_ADMIN_API = "chime-sdk-identity"
_CALLER_IDS = ("AppInstanceUserId", "AppInstanceBotId")


def _acts_as_caller(action: Action) -> bool:
    return (
        action.messaging and action.api != _ADMIN_API and bool(action.required_types & CALLER_TYPES)
    )


def _caller_actions(ctx: LintContext) -> frozenset[str]:
    """The full names ("chime:Name") of the actions made as the calling user or bot."""
    derived = ctx.catalog.derived
    found = derived.get("caller-actions")
    if found is None:
        acting = (a.full_name for a in ctx.catalog.actions if _acts_as_caller(a))
        found = derived["caller-actions"] = frozenset(acting)
    assert isinstance(found, frozenset)
    return found


def _named(
    ctx: LintContext, statement: StatementView, wanted: frozenset[str]
) -> list[tuple[str, str]]:
    """The Action entries of a statement that name an action of `wanted` (full names): each
    as written and as the catalog spells it, in the statement's order. Entries spelt as the
    catalog does are settled by set operations; only the others (mis-cased, other
    services) are looked up one by one."""
    names = statement.value_set("Action")
    known = ctx.catalog.by_full_name
    hits = names & wanted
    others = names.difference(known)
    if not hits and not others:
        return []
    found = []
    for name in statement.values("Action"):
        if name in hits:
            found.append((name, name))
        elif name in others:
            action = ctx.catalog.action(name)
            if action is not None and action.full_name in wanted:
                found.append((name, action.full_name))
    return found


def _pin_hint(quota: Quota) -> str:
    if quota is Quota.USER or quota is Quota.GROUP:
        return "user/${aws:username}"
    if quota is Quota.ROLE:
        return f"user/${{aws:PrincipalTag/chime-user-id}} (a session tag) or user/{COGNITO_SUB}"
    return (
        f"user/${{aws:username}} for IAM users, user/${{aws:PrincipalTag/chime-user-id}} for "
        f"roles with a session tag, user/{COGNITO_SUB} for Cognito identities"
    )


def impersonation(ctx: LintContext) -> Iterator[Finding]:
    if ctx.kind.kind is not PolicyKind.IDENTITY:
        return
    unpinned: dict[str, bool] = {}  # statements of a policy mostly share their ARNs
    for statement in ctx.statements:
        if statement.effect != "Allow" or statement.member("NotResource") is not None:
            continue
        nodes = []
        for node in statement.strings("Resource"):
            value = str(node.value)
            if not has_wildcard(value):
                continue  # it names its user (or a variable does): nothing to impersonate
            if value not in unpinned:
                unpinned[value] = _unpinned_caller(ctx, value)
            if unpinned[value]:
                nodes.append(node)
        if not nodes:
            continue
        # Once each, though the author listed one twice or a wildcard names it again.
        callers = list(
            dict.fromkeys(
                n.split(":", 1)[1] for _, n in _named(ctx, statement, _caller_actions(ctx))
            )
        )
        if not callers or _condition_pins(statement):
            continue
        shown = ", ".join(callers[:3]) + (
            f" and {len(callers) - 3} more" if len(callers) > 3 else ""
        )
        for node in nodes:
            yield ctx.finding(
                "security/caller-impersonation",
                WARNING,
                f"{shown} {'act' if len(callers) > 1 else 'acts'} as the user or bot in "
                "the x-amz-chime-bearer header, which "
                "the caller chooses: on this ARN the caller can act as any user of the app "
                f"instance; pin it to the caller with {_pin_hint(ctx.options.quota)} "
                f"(see {CHIME_ROLES})",
                node.start,
                node.end,
            )


def _condition_pins(statement: StatementView) -> bool:
    """A condition comparing something with a policy variable may tie the caller to the
    principal; we take it that it does (no false alarm)."""
    member = statement.member("Condition")
    if member is None or member.value is None:
        return False
    stack: list[Node] = [member.value]
    while stack:
        node = stack.pop()
        if node.kind is STRING and "${" in str(node.value):
            return True
        stack.extend(node.items)
        stack.extend(m.value for m in node.members if m.value is not None)
    return False


def _unpinned_caller(ctx: LintContext, value: str) -> bool:
    if value == "*":
        return True
    fields = split_arn(value)
    if fields is None or not (arn_types_of(ctx.catalog, value) & CALLER_TYPES):
        return False
    resource = fields.resource
    ids = dict(resource_ids(ctx.catalog.arn_templates, resource))
    caller_ids = [ids[name] for name in _CALLER_IDS if name in ids]
    if not caller_ids:
        # app-instance/A/* and the like: the wildcard covers every user and bot
        return has_wildcard(resource.text) and "${" not in resource.text
    return any(has_wildcard(span.text) and "${" not in span.text for span in caller_ids)


def admin_in_user_policy(ctx: LintContext) -> Iterator[Finding]:
    if ctx.kind.kind is not PolicyKind.IDENTITY:
        return
    admin, user = persona_sets(ctx)
    allowed, others = allowed_names(ctx)  # others: mis-cased names, other services
    chime = ctx.catalog.service.prefix + ":"
    spelt = {n: _chime_name(ctx, n, chime) for n in others}  # as the catalog spells them
    if user.isdisjoint(allowed) and user.isdisjoint(spelt.values()):
        return  # no user's action: an administrator's policy, or another kind
    if admin.isdisjoint(allowed) and admin.isdisjoint(spelt.values()):
        return  # the usual user policy
    for statement in ctx.statements:
        if statement.effect != "Allow":
            continue
        names = statement.value_set("Action")
        if admin.isdisjoint(names) and others.isdisjoint(names):
            continue
        for node in statement.strings("Action"):
            written = str(node.value)
            name = written if written in admin else spelt.get(written)
            if name is None or name not in admin:
                continue
            yield ctx.finding(
                "security/admin-in-user-policy",
                WARNING,
                f"{name.split(':', 1)[1]} is an app-instance administrator's action (AWS's "
                "administrator example) in a policy that grants what an app-instance user "
                "does: whoever holds it (a user, or a role) could administer the app "
                f"instance; give administration its own policy (see {CHIME_ROLES})",
                node.start,
                node.end,
            )


def _chime_name(ctx: LintContext, written: str, chime: str) -> str | None:
    """The catalog's spelling of an entry written with the Chime prefix in another case."""
    if not written.lower().startswith(chime):
        return None
    action = ctx.catalog.action(written)
    return None if action is None else action.full_name


def persona_sets(ctx: LintContext) -> tuple[frozenset[str], frozenset[str]]:
    """(administrator actions, user actions) as full names, worked out once: the actions of
    AWS's administrator example and of no user example that write or manage permissions,
    and the actions of the user examples."""
    derived = ctx.catalog.derived
    found = derived.get("persona-sets")
    if found is None:
        personas = load_personas().personas
        admin_id = load_security().admin_persona
        admin = {a for p in personas if p.id == admin_id for a in p.actions}
        user = {a for p in personas if p.id != admin_id for a in p.actions}
        chime = ctx.catalog.service.prefix + ":"
        found = derived["persona-sets"] = (
            frozenset(chime + a for a in admin - user if _changes(ctx, a)),
            frozenset(chime + a for a in user - admin),
        )
    assert isinstance(found, tuple)
    return found


def _changes(ctx: LintContext, name: str) -> bool:
    action = ctx.catalog.action(name)
    return action is not None and action.access_level in ("Write", "Permissions management")


def username_in_role_policy(ctx: LintContext) -> Iterator[Finding]:
    if ctx.kind.kind is not PolicyKind.IDENTITY:
        return
    if ctx.options.quota is not Quota.ROLE:
        return
    for statement in ctx.statements:
        nodes = statement.strings("Resource") + statement.strings("NotResource")
        for node in nodes:
            text = str(node.value)
            start = text.lower().find("${aws:username")
            if start < 0:
                continue
            yield ctx.finding(
                "security/username-in-role-policy",
                WARNING,
                "${aws:username} is defined only for IAM users: for an assumed role or a "
                "Cognito identity the ARN matches nothing; use "
                f"${{aws:PrincipalTag/chime-user-id}} (a session tag) or {COGNITO_SUB} "
                f"(see {VARIABLES})",
                node.start,
                node.end,
            )
