"""Rules that depend on the kind of policy: elements it must have or may not have, the
actions a role trust policy may allow, Deny-only RCPs. Each finding says the kind assumed."""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.catalog.wildcard import action_matches, has_wildcard
from editor.core.json.nodes import ARRAY, OBJECT, STRING
from editor.core.lint.context import LintContext
from editor.core.policy.kinds import PolicyKind, load_kinds, with_article
from editor.core.policy.statements import StatementView
from editor.core.text.findings import Finding, Severity

ERROR = Severity.ERROR
_IDENTITY_LIKE = (PolicyKind.IDENTITY, PolicyKind.BOUNDARY)


def elements(ctx: LintContext) -> Iterator[Finding]:
    rules = ctx.kind.kind.rules
    for statement in ctx.statements:
        for name in rules.forbidden:
            member = statement.member(name)
            if member is None:
                continue
            yield ctx.finding(
                "policy/principal-in-identity-policy"
                if ctx.kind.kind in _IDENTITY_LIKE and "Principal" in name
                else "policy/element-not-allowed",
                ERROR,
                f"{name} is not allowed in {with_article(rules.label)}{_why_forbidden(ctx, name)}"
                + ctx.as_kind(),
                member.key_start,
                member.key_end,
            )
        if "Principal" in rules.required and not (
            "Principal" in statement.elements or "NotPrincipal" in statement.elements
        ):
            node = statement.node
            yield ctx.finding(
                "policy/missing-principal",
                ERROR,
                f"statement {statement.index + 1} has no Principal: "
                f"{with_article(rules.label)} names who it applies to" + ctx.as_kind(),
                node.start,
                node.start + 1,
            )
        principal = statement.member("Principal")
        if rules.principal_star_only and principal and principal.value:
            value = principal.value
            if not (value.kind is STRING and value.value == "*"):
                yield ctx.finding(
                    "policy/principal-not-star",
                    ERROR,
                    f'the Principal of {with_article(rules.label)} is always "*": narrow it '
                    "with a Condition (aws:PrincipalAccount, aws:PrincipalOrgID ...)"
                    + ctx.as_kind(),
                    value.start,
                    value.end,
                )
        effect = statement.member("Effect")
        if (
            rules.deny_only
            and statement.effect == "Allow"
            and effect
            and effect.value
            and not _full_access(statement)
        ):
            yield ctx.finding(
                "policy/effect-not-allowed",
                ERROR,
                f'{with_article(rules.label)} may only "Deny"; "Allow" is for AWS\'s own '
                "RCPFullAWSAccess" + ctx.as_kind(),
                effect.value.start,
                effect.value.end,
            )


def _full_access(statement: StatementView) -> bool:
    """AWS's RCPFullAWSAccess: Allow "*" to "*" on "*", the one Allow an RCP may hold."""
    return "Condition" not in statement.elements and all(
        (m := statement.member(name)) is not None
        and m.value is not None
        and m.value.kind is STRING
        and m.value.value == "*"
        for name in ("Principal", "Action", "Resource")
    )


def _why_forbidden(ctx: LintContext, name: str) -> str:
    kind = ctx.kind.kind
    if "Principal" in name and kind in _IDENTITY_LIKE:
        return (
            ": it applies to whoever it is attached to; Principal belongs in resource and "
            "trust policies"
        )
    if name in ("Resource", "NotResource") and kind is PolicyKind.TRUST:
        return ": the resource is the role itself (IAM rejects the policy)"
    if name == "NotPrincipal" and kind is PolicyKind.TRUST:
        return ": name who may assume the role in a Principal instead"
    return ""


def trust_actions(ctx: LintContext) -> Iterator[Finding]:
    """A role trust policy allows only assuming the role and passing session data."""
    if ctx.kind.kind is not PolicyKind.TRUST:
        return
    data = load_kinds()
    allowed = data.trust_actions
    for statement in ctx.statements:
        yield from _mismatched_federation(ctx, statement)
        for node in statement.strings("Action"):
            name = str(node.value)
            lowered = name.lower()
            if lowered in allowed:
                continue
            if has_wildcard(name) and any(action_matches(lowered, a) for a in allowed):
                continue
            yield ctx.finding(
                "trust/invalid-action",
                ERROR,
                f"{name!r} cannot be allowed by a role trust policy: it allows only "
                + ", ".join(data.trust_action_names)
                + ctx.as_kind(),
                node.start,
                node.end,
            )


# A federated principal is assumed through its own STS call (Access Analyzer's "Mismatched
# action for principal"): a SAML provider with AssumeRoleWithSAML, an OIDC provider or a web
# identity provider with AssumeRoleWithWebIdentity.
_CALLS = {"saml": "sts:AssumeRoleWithSAML", "oidc": "sts:AssumeRoleWithWebIdentity"}
_PROVIDERS = {"saml": "a SAML provider", "oidc": "an OIDC or web identity provider"}


def _mismatched_federation(ctx: LintContext, statement: StatementView) -> Iterator[Finding]:
    principal = statement.member("Principal")
    if principal is None or principal.value is None or principal.value.kind is not OBJECT:
        return
    federated = principal.value.get("Federated")
    if federated is None or federated.value is None:
        return
    items = federated.value.items if federated.value.kind is ARRAY else [federated.value]
    providers = {
        "saml" if ":saml-provider/" in str(n.value) else "oidc" for n in items if n.kind is STRING
    }
    if len(providers) != 1:
        return  # none, or both kinds: each call has a provider it fits
    (provider,) = providers
    wrong = _CALLS["oidc" if provider == "saml" else "saml"]
    for node in statement.strings("Action"):
        if str(node.value).lower() == wrong.lower():
            yield ctx.finding(
                "trust/mismatched-action",
                ERROR,
                f"{node.value!r} cannot be used by {_PROVIDERS[provider]}: "
                f"it assumes the role with {_CALLS[provider]}" + ctx.as_kind(),
                node.start,
                node.end,
            )
