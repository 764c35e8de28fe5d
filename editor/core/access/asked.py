"""Whether a request names one real call: one action a catalog knows, on one resource.

IAM decides a request made for one action on one resource. A pattern given as the action
(`chime:Delete*`) would be compared as the literal name of one: a policy allowing `chime:*`
and denying chime:DeleteChannel "allows" it, an answer about no call anyone can make. A
misspelt action (`chime:SendChanelMessage`) is no call either: it gets a name to use, not a
confident verdict. What a policy allows for a pattern is the grants summary's question.
"""

from __future__ import annotations

from collections.abc import Sequence

from editor.core.catalog.catalog import Catalog
from editor.core.catalog.lookup import action_names, find_action, service_name
from editor.core.catalog.suggest import closest
from editor.core.catalog.wildcard import has_wildcard

GRANTS = "what a policy allows for a pattern: chime-policy grants, or the Grants tab"


def action_problem(catalog: Catalog, name: str, label: str = "the action") -> str | None:
    """Why `name` is not one action a catalog knows (None: it is one), with the name meant
    when one is clearly meant. `label` names where it was given (`--action`)."""
    prefix, colon, short = name.partition(":")
    if has_wildcard(name):
        return (
            f"{label} {name!r} is a pattern: a request is made for one action, give its name "
            f"({GRANTS})"
        )
    if not colon or not prefix or not short:
        known = catalog.action(name) if not colon else None
        hint = f": did you mean {known.full_name!r}?" if known is not None else ""
        return f"{label} {name!r} is not of the form service:ActionName{hint}"
    if prefix.lower() not in catalog.prefixes:
        guess = closest(prefix, catalog.service_prefixes)
        hint = f"; did you mean {guess!r}?" if guess else ""
        return f"{label} {name!r}: {prefix!r} is not an AWS service prefix{hint}"
    if find_action(catalog, name) is not None:
        return None
    guess = closest(short, action_names(catalog, prefix), cutoff=0.75)
    hint = f"; did you mean '{prefix.lower()}:{guess}'?" if guess else ""
    return (
        f"{label} {name!r} is not an action of {service_name(catalog, prefix)} that any "
        f"catalog knows{hint}"
    )


def resource_problem(
    catalog: Catalog, action_name: str, arns: Sequence[str], label: str = "the target ARN"
) -> str | None:
    """Why one of `arns` is no one resource of a request (None: each may be). A pattern is
    compared as the literal name of one resource; `*` alone is what a call on no particular
    resource (chime:CreateAppInstance) is authorized against, and only that."""
    action = find_action(catalog, action_name)
    takes_star = action is None or not action.arn_types
    for arn in arns:
        if arn == "*" and takes_star:
            continue
        if "*" in arn or "?" in arn:
            return (
                f"{label} {arn!r} is a pattern: a request is made on one resource, give its ARN "
                f"({GRANTS})"
            )
    return None


def caller_only(catalog: Catalog, action_name: str) -> bool:
    """Whether IAM authorizes the action against its caller alone (chime:ListChannels: the
    Service Authorization Reference lists app-instance-user and app-instance-bot only)."""
    action = catalog.action(action_name)
    return action is not None and action.caller_authorized and not action.target_types


def caller_problem(
    catalog: Catalog,
    action_name: str,
    arns: Sequence[str],
    caller: str | None,
    label: str = "the caller",
) -> str | None:
    """For an action authorized against its caller only, the target ARN IS the caller: a
    caller named apart that differs makes two callers of one call (None: no such conflict)."""
    if not caller or not caller_only(catalog, action_name):
        return None
    for arn in arns:
        if arn != caller:
            return (
                f"{action_name} is authorized against its caller only, so the target {arn} is "
                f"the caller, and {label} {caller} is another: give one ARN (or the same in both)"
            )
    return None
