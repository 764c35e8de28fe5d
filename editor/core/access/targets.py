"""The resources one call is authorized against.

The Service Authorization Reference marks some of an action's resource types *required*, and
AWS authorizes the request against a resource of each: chime:AssociateChannelFlow is checked
against the channel AND the channel flow (and the calling AppInstanceUser). A required type
that no given ARN is of leaves the answer open: "unknown", naming the type, never a confident
allow from the one target given.
"""

from __future__ import annotations

from collections.abc import Sequence

from editor.core.access.evaluate import Decision, Result
from editor.core.access.grants import grants_nothing
from editor.core.catalog.arntypes import arn_types_of
from editor.core.catalog.catalog import Action, Catalog
from editor.core.catalog.lookup import arn_types, find_action


def missing_types(catalog: Catalog, action_name: str, resources: Sequence[str]) -> list[str]:
    """The action's required target types (the caller's aside) that no ARN given is of."""
    action = catalog.action(action_name)
    if action is None or action.star_only:
        return []
    given: set[str] = set()
    for arn in resources:
        given |= arn_types_of(catalog, arn)
    return sorted(action.target_types - given)


def missing_result(types: Sequence[str]) -> Result | None:
    """The part of the answer a missing target leaves open (None: nothing is missing)."""
    if not types:
        return None
    names = " and ".join(types)
    one = "its ARN" if len(types) == 1 else "their ARNs"
    return Result(Decision.UNKNOWN, (), f"also authorized against {names} — give {one}")


def unfit_target(catalog: Catalog, action_name: str, resources: Sequence[str]) -> str | None:
    """Why a given ARN is no resource the action is authorized against (None: each may be):
    chime:ListChannels is checked against its caller only, so its AppInstanceArn, which the
    API takes, is not one. AWS never sees such a request: a Deny would be an invented answer."""
    action = find_action(catalog, action_name)
    if action is None:
        return None
    for arn in resources:
        kinds = sorted(arn_types(catalog, action, arn))
        if arn == "*" or not kinds or not grants_nothing(action, arn):
            continue  # an ARN of an unknown form: the statements decide, as before
        name = action.full_name
        if not action.arn_types:
            return (
                f"{name} takes no resource-level permissions: give '*' as its resource, not {arn}"
            )
        wanted = " or ".join(sorted(action.arn_types))
        said = f"{name} is not authorized against {' or '.join(kinds)} {arn}, only {wanted}"
        if isinstance(action, Action) and action.caller_authorized and not action.target_types:
            return f"{said}: give the calling AppInstanceUser's or AppInstanceBot's ARN"
        return f"{said}: give the ARN of one"
    return None
