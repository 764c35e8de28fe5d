"""Security findings (code family `security/`, severity warning unless said otherwise): what a
policy allows that is more than it seems. Each message gives the reason in one line and the
page of the IAM documentation that explains it.

The action sets (privilege escalation methods, credentials exposure, role passing) are data:
resources/security.json, with their sources.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.catalog.catalog import Catalog
from editor.core.catalog.risks import load_security
from editor.core.catalog.wildcard import action_matches, has_wildcard
from editor.core.json.nodes import to_python
from editor.core.lint.context import LintContext
from editor.core.lint.rules.grants import Grant, grants_of
from editor.core.policy.kinds import PolicyKind
from editor.core.policy.statements import StatementView
from editor.core.text.findings import Finding, Severity

WARNING, INFO = Severity.WARNING, Severity.INFO
IAM_GUIDE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
DOCS = {
    "security/allow-not-action": IAM_GUIDE + "reference_policies_elements_notaction.html",
    "security/allow-not-resource": IAM_GUIDE + "reference_policies_elements_notresource.html",
    "security/pass-role": IAM_GUIDE + "id_roles_use_passrole.html",
    "security/service-linked-role": IAM_GUIDE + "using-service-linked-roles.html",
    "security/privilege-escalation": IAM_GUIDE + "best-practices.html#grant-least-privilege",
    "security/credentials-exposure": IAM_GUIDE + "id_credentials_temp_request.html",
    "security/redundant": IAM_GUIDE + "access-analyzer-reference-policy-checks.html",
}


_LISTS = ("Action", "NotAction", "Resource", "NotResource")
_COVER_LIMIT = 32  # wildcards of one group of statements that names are checked against


def _watched_prefixes(catalog: Catalog) -> frozenset[str]:
    """The services of every action the escalation and exposure findings look for."""
    found = catalog.derived.get("watched-prefixes")
    if found is None:
        watched = load_security().watched
        found = catalog.derived["watched-prefixes"] = frozenset(
            name.split(":", 1)[0].lower() for name in watched
        )
    assert isinstance(found, frozenset)
    return found


def see(code: str) -> str:
    return f" (see {DOCS[code]})"


def not_elements(ctx: LintContext) -> Iterator[Finding]:
    if ctx.kind.kind is not PolicyKind.IDENTITY:
        return  # what the holder of an identity policy can do; other kinds say other things
    for statement in ctx.statements:
        if statement.effect != "Allow":
            continue
        member = statement.member("NotAction")
        if member is not None:
            code = "security/allow-not-action"
            yield ctx.finding(
                code,
                WARNING,
                "Allow with NotAction allows every action of every AWS service except those "
                "listed, iam:PassRole and services added later included; list the actions "
                "instead" + see(code),
                member.key_start,
                member.key_end,
            )
        member = statement.member("NotResource")
        if member is not None:
            code = "security/allow-not-resource"
            yield ctx.finding(
                code,
                WARNING,
                "Allow with NotResource allows the actions on every resource but those listed, "
                "in every account and service, new ones included; list the resources "
                "instead" + see(code),
                member.key_start,
                member.key_end,
            )


def role_passing(ctx: LintContext) -> Iterator[Finding]:
    if ctx.kind.kind is not PolicyKind.IDENTITY:
        return  # what the holder of an identity policy can do; other kinds say other things
    data = load_security()
    grants = grants_of(ctx)
    if not grants.may_allow_any(data.pass_role + data.service_linked_role):
        return
    for names, code, why in (
        (
            data.pass_role,
            "security/pass-role",
            "lets the holder give any role, an administrator's included, to a service they "
            "control; name the roles in Resource and limit iam:PassedToService",
        ),
        (
            data.service_linked_role,
            "security/service-linked-role",
            "lets the holder create a service-linked role for any service; name the role's "
            "ARN or limit iam:AWSServiceName",
        ),
    ):
        for name in names:
            for grant in grants.where(name):
                if grant.on_any_resource:
                    yield _grant_finding(ctx, code, grant, name, why)


def _grant_finding(ctx: LintContext, code: str, grant: Grant, name: str, why: str) -> Finding:
    if grant.via_not_action:
        what = f"NotAction allows {name}"
    elif grant.text.lower() == name.lower():
        what = name
    else:
        what = f"{grant.text!r} allows {name}"
    message = f"{what} on every resource: this {why}{see(code)}"
    return ctx.finding(code, WARNING, message, grant.start, grant.end)


# Rhino's group of methods that act on *another* IAM user (make them a key or a password):
# limited to the caller's own user, they give the caller nothing they did not have. The
# same holds for IAM's credential actions of the exposure list (all on users).
OTHER_USERS = "permissions on other users"


def _only_the_caller(statement: StatementView) -> bool:
    """Every Resource is the caller's own IAM user (`user/${aws:username}`, as AWS's
    "manage your own credentials" example writes it), so no other user is reachable."""
    resources = statement.values("Resource")
    if not resources or statement.member("NotResource") is not None:
        return False
    return all(
        r.startswith("arn:") and r.split(":", 5)[-1] == "user/${aws:username}" for r in resources
    )


def escalation(ctx: LintContext) -> Iterator[Finding]:
    """Privilege escalation methods and credentials exposure: one finding per place that
    allows them, naming every method or action it allows."""
    if ctx.kind.kind is not PolicyKind.IDENTITY:
        return  # what the holder of an identity policy can do; other kinds say other things
    data = load_security()
    grants = grants_of(ctx)
    if grants.prefixes is not None and not grants.prefixes & _watched_prefixes(ctx.catalog):
        return  # the usual Chime policy: none of the services these sets name
    places: dict[tuple[int, int], list[str]] = {}
    first: dict[tuple[int, int], Grant] = {}
    for method in data.privilege_escalation:
        wheres = [grants.where(name) for name in method.actions]
        if not all(wheres):
            continue
        for grant in wheres[0]:  # reported where its first action is allowed
            if method.group == OTHER_USERS and _only_the_caller(grant.statement):
                continue  # a key or password of one's own carries one's own permissions
            key = (grant.start, grant.end)
            first.setdefault(key, grant)
            places.setdefault(key, []).append(f"{method.method} ({', '.join(method.actions)})")
    code = "security/privilege-escalation"
    for key, methods in places.items():
        grant = first[key]
        how = "NotAction" if grant.via_not_action else repr(grant.text)
        more = f"; and {len(methods) - 3} more" if len(methods) > 3 else ""
        yield ctx.finding(
            code,
            WARNING,
            f"{how} allows privilege escalation (Rhino Security Labs' methods "
            f"{'; '.join(methods[:3])}{more}): the holder can give themselves more "
            "permissions" + see(code),
            key[0],
            key[1],
        )
    exposed: dict[tuple[int, int], list[str]] = {}
    for name in data.credentials_exposure:
        for grant in grants.where(name):
            if name.startswith("iam:") and _only_the_caller(grant.statement):
                continue  # the caller's own key or password: their own permissions
            key = (grant.start, grant.end)
            first.setdefault(key, grant)
            exposed.setdefault(key, []).append(name)
    code = "security/credentials-exposure"
    for key, names in exposed.items():
        grant = first[key]
        how = "NotAction" if grant.via_not_action else repr(grant.text)
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        yield ctx.finding(
            code,
            WARNING,
            f"{how} allows actions that return credentials, keys or tokens, or turn an "
            f"access key back on ({shown}): whoever holds them acts with other permissions, "
            "beyond this policy" + see(code),
            key[0],
            key[1],
        )


def redundancy(ctx: LintContext) -> Iterator[Finding]:
    """A statement repeated (warning), an action another statement already allows on the same
    resources: exactly (warning) or through a wildcard (info), as Access Analyzer suggests."""
    if ctx.kind.kind is not PolicyKind.IDENTITY:
        return  # what the holder of an identity policy can do; other kinds say other things
    if len(ctx.statements) < 2:
        return  # each finding is one statement against another
    code = "security/redundant"
    # Statements are compared by their lists first (cheap); only those whose lists agree
    # are keyed by every member, and only equal keys are compared value by value.
    by_lists: dict[tuple[object, ...], StatementView] = {}
    seen: dict[tuple[object, ...], StatementView] = {}
    keyed: set[int] = set()  # the statements (by index) whose full key is in `seen`
    plain: list[tuple[StatementView, str]] = []  # Allow statements without Condition
    for statement in ctx.statements:
        values, present = statement.values, statement.elements
        lists = (
            tuple(values("Action")) if "Action" in present else None,
            tuple(values("NotAction")) if "NotAction" in present else None,
            tuple(values("Resource")) if "Resource" in present else None,
            tuple(values("NotResource")) if "NotResource" in present else None,
        )
        first = by_lists.setdefault(lists, statement)
        if first is not statement:
            if first.index not in keyed:
                keyed.add(first.index)
                seen.setdefault(_statement_key(ctx.text, first), first)
            key = _statement_key(ctx.text, statement)
            if key in seen and _same(seen[key], statement):
                yield ctx.finding(
                    code,
                    WARNING,
                    f"statement {statement.index + 1} repeats statement "
                    f"{seen[key].index + 1} (Sid aside): remove one" + see(code),
                    statement.node.start,
                    statement.node.start + 1,
                )
                continue
            seen[key] = statement
            keyed.add(statement.index)
        if (
            statement.effect == "Allow"
            and statement.member("Condition") is None
            and statement.member("Resource") is not None
            and statement.member("Action")
        ):
            plain.append((statement, "\n".join(sorted(statement.value_set("Resource")))))
    yield from _redundant_actions(ctx, plain)


def _statement_key(text: str, statement: StatementView) -> tuple[object, ...]:
    """The statement's members but Sid, in key order: the strings of list elements as they
    are, other values as their text without white space (a match there is confirmed by
    `_same`)."""
    parts: list[object] = []
    for key, member in sorted(statement.elements.items()):
        if key == "Sid" or member.value is None:
            continue
        if key in _LISTS:
            parts.append((key, tuple(statement.values(key))))
        else:
            parts.append((key, "".join(text[member.value.start : member.value.end].split())))
    return tuple(parts)


def _same(a: StatementView, b: StatementView) -> bool:
    """The keys agree (cheap, and rare); this confirms it on the values, strings intact."""
    first, second = to_python(a.node), to_python(b.node)
    first.pop("Sid", None)
    second.pop("Sid", None)
    return bool(first == second)


def _redundant_actions(
    ctx: LintContext, plain: list[tuple[StatementView, str]]
) -> Iterator[Finding]:
    """One pass per group of statements on the same resources: names seen are looked up in a
    table, and each name is tried against the group's wildcards (at most _COVER_LIMIT of
    them), so the work grows linearly with the policy."""
    code = "security/redundant"
    by_resources: dict[str, list[StatementView]] = {}
    for statement, resources in plain:
        by_resources.setdefault(resources, []).append(statement)
    for group in by_resources.values():
        if len(group) < 2:
            continue
        names = "\n".join("\n".join(s.values("Action")) for s in group)
        pieces = names.lower().split("\n")
        if len(set(pieces)) == len(pieces) and not has_wildcard(names):
            continue  # the usual group: every name once, no wildcard to cover another
        wildcards: list[tuple[str, StatementView]] = []
        for statement in group:
            for pattern in statement.values("Action"):
                if has_wildcard(pattern) and len(wildcards) < _COVER_LIMIT:
                    wildcards.append((pattern, statement))
        first: dict[str, StatementView] = {}  # lower-cased name -> first statement naming it
        for statement in group:
            for node in statement.strings("Action"):
                name = str(node.value)
                lowered = name.lower()
                earlier = first.setdefault(lowered, statement)
                if earlier is not statement:
                    yield ctx.finding(
                        code,
                        WARNING,
                        f"{name!r} is already allowed on the same resources by statement "
                        f"{earlier.index + 1}: remove one" + see(code),
                        node.start,
                        node.end,
                    )
                    continue
                if has_wildcard(name):
                    continue
                covering = next(
                    (
                        (p, other)
                        for p, other in wildcards
                        if other is not statement and action_matches(p, name)
                    ),
                    None,
                )
                if covering is not None:
                    yield ctx.finding(
                        code,
                        INFO,
                        f"{name!r} is already allowed on the same resources by {covering[0]!r} "
                        f"in statement {covering[1].index + 1}" + see(code),
                        node.start,
                        node.end,
                    )
