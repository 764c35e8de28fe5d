"""One way to ask about any action, ARN or condition key, whatever its service: Chime from the
Chime catalog (loaded at start-up), every other service from services.jsonl (loaded the first
time a policy names one)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, TypeAlias

from editor.core.catalog.arntypes import arn_types_of
from editor.core.catalog.catalog import Action, Catalog
from editor.core.catalog.wildcard import has_wildcard

if TYPE_CHECKING:
    from editor.core.catalog.services import Service, ServiceAction

AnyAction: TypeAlias = "Action | ServiceAction"


def service(prefix: str) -> Service | None:
    """The service's data; its module is imported only when a policy names another service."""
    from editor.core.catalog.services import service as load

    return load(prefix)


def is_chime(catalog: Catalog, prefix: str) -> bool:
    return prefix.lower() == catalog.service.prefix


def find_action(catalog: Catalog, full_name: str) -> AnyAction | None:
    """The action `service:Name` names (case-insensitively), or None: unknown or a pattern."""
    found = catalog.by_full_name.get(full_name)
    if found is not None:
        return found
    prefix, sep, name = full_name.partition(":")
    if not sep or has_wildcard(name):
        return None
    if is_chime(catalog, prefix):
        return catalog.by_lower_name.get(full_name.lower())
    return _other_action(full_name)


@lru_cache(maxsize=4096)  # bounded: names come from policies
def _other_action(full_name: str) -> ServiceAction | None:
    """An action of another service than Chime, looked up once per name in a session."""
    prefix, _, name = full_name.partition(":")
    other = service(prefix)
    return None if other is None else other.action(name)


def action_names(catalog: Catalog, prefix: str) -> tuple[str, ...]:
    """Every action name (without prefix) of a service; empty for an unknown prefix."""
    if is_chime(catalog, prefix):
        return tuple(a.name for a in catalog.actions)
    other = service(prefix)
    return () if other is None else other.action_names


def service_name(catalog: Catalog, prefix: str) -> str:
    if is_chime(catalog, prefix):
        return "Chime"
    other = service(prefix)
    return prefix if other is None else other.name


def resource_keys(catalog: Catalog, action: AnyAction, resource_type: str) -> tuple[str, ...]:
    """The condition keys a resource type of the action's service supports."""
    if isinstance(action, Action):
        chime = catalog.resource_type.get(resource_type)
        return () if chime is None else chime.condition_keys
    svc = service(action.prefix)
    found = None if svc is None else svc.resources.get(resource_type)
    return () if found is None else found.condition_keys


def arn_types(catalog: Catalog, action: AnyAction, value: str) -> frozenset[str]:
    """The resource types of the action's service that an ARN pattern of a policy can match."""
    if isinstance(action, Action):
        return arn_types_of(catalog, value)
    svc = service(action.prefix)
    return frozenset() if svc is None else _service_arn_types(svc, value)


def _service_arn_types(svc: Service, value: str) -> frozenset[str]:
    memo = svc.arn_memo
    found = memo.get(value)
    if found is None:
        found = memo[value] = frozenset(
            name for name, template in svc.arn_templates if may_match(value, template)
        )
    return found


# Resource parts of one name that can never hold "/": S3's "General purpose bucket naming
# rules" (S3 User Guide) allow only lower-case letters, digits, dots and hyphens.
ONE_SEGMENT = frozenset({"${BucketName}"})


def may_match(value: str, template: str) -> bool:
    """Whether an ARN of the policy may be of a template's form. Cautious, so never a false
    alarm: the service field and the literal start of the resource part must agree; the rest
    of a pattern with wildcards or variables is taken to match (resource names of other
    services may hold "/", which the Chime matcher does not allow)."""
    if value == "*":
        return True
    fields, forms = value.split(":", 5), template.split(":", 5)
    if len(fields) != 6 or len(forms) != 6:
        return False
    service_field = fields[2]
    if not has_wildcard(service_field) and service_field != forms[2]:
        return False
    resource, form = fields[5], forms[5]
    if form in ONE_SEGMENT and "/" in resource:
        return False  # `bucket/*` is objects, never a bucket
    head = resource
    for mark in ("*", "?", "${"):
        head = head.split(mark, 1)[0]
    form_head = form.split("${", 1)[0]
    if not (head.startswith(form_head) or form_head.startswith(head)):
        return False
    if head != resource:
        return True  # a wildcard or variable after the agreeing start: may match
    if "${" not in form:
        return resource == form
    # A literal resource against a template: each ${Variable} stands for one or more characters.
    return _literal_fits(resource, form)


def _literal_fits(resource: str, form: str) -> bool:
    """Greedy-free check that `resource` has the literal pieces of `form` in order, the first
    at the start and the last at the end, each variable taking at least one character."""
    pieces = form.replace("}", "${").split("${")[::2]  # the literal text between variables
    first, last = pieces[0], pieces[-1]
    if not resource.startswith(first) or not resource.endswith(last):
        return False
    pos, end = len(first), len(resource) - len(last)
    for piece in pieces[1:-1]:
        found = resource.find(piece, pos + 1)  # +1: the variable before takes a character
        if found < 0 or found + len(piece) > end - 1:
            return False
        pos = found + len(piece)
    return end - pos >= 1


def key_type(catalog: Catalog, key: str) -> str | None:
    """The type of a condition key (String, ArrayOfString, Date, Bool, ...), or None when the
    key is unknown or of a prefix we hold no data for (saml:, cognito-identity.amazonaws.com:)."""
    prefix = key.split(":", 1)[0].lower()
    if prefix in ("aws", catalog.service.prefix):
        types = catalog.condition_key_types
        found = types.get(key)
        if found is not None:
            return found
        lowered = key.lower()
        for template, kind in types.items():
            if _template_matches(template, lowered):
                return kind
        return None
    other = service(prefix)
    return None if other is None else other.key_type(key)


def _template_matches(template: str, lowered_key: str) -> bool:
    """`aws:ResourceTag/${TagKey}` or `aws:PrincipalTag/` matches `aws:principaltag/team`."""
    head = template.split("${", 1)[0].lower()
    if head.endswith("/"):
        return lowered_key.startswith(head) and len(lowered_key) > len(head)
    return head == lowered_key


def service_keys(catalog: Catalog, action: AnyAction) -> tuple[str, ...]:
    """Every condition key the action's service defines (a key of it applies only to the
    actions that list it)."""
    if isinstance(action, Action):
        return catalog.condition_keys
    svc = service(action.prefix)
    return () if svc is None else tuple(svc.conditions)
