"""What a policy holds that some rules need before they can find anything: worked out in one
pass over the statements, so that the engine runs only the rules that can fire on it. A
one-statement Chime policy (the usual one) then skips the rules about other services,
wildcards, NotAction, Sids and repeated statements, each of which would cost a walk.

A feature is a statement element's name ("Sid", "Condition", "NotAction" ...) or one of the
names below. Each is a superset test: present whenever the rules that need it might fire.
"""

from __future__ import annotations

from editor.core.catalog.catalog import Catalog
from editor.core.catalog.risks import load_security
from editor.core.lint.context import LintContext

# Present when the text may hold a policy variable: `${` as written, or spelt with a JSON
# escape (`\u0024{`).
VARIABLE_MARK = "${"
# An Action entry the catalog does not spell (another service, a wildcard, a mis-cased name).
OTHER_ACTION = "other-action"
# A Chime action that AWS lists dependent actions for.
DEPENDENT_ACTION = "dependent-action"
# A Chime action of the app-instance administrator's only (chime_security.admin_in_user_policy).
ADMIN_ACTION = "admin-action"
# A Resource string with a wildcard (`*`, `?`).
WILD_RESOURCE = "wild-resource"
# A Resource or NotResource string that is an ARN of another service than Chime.
OTHER_ARN = "other-arn"
# Two statements or more.
SEVERAL = "several-statements"

_CHIME_ARN = "arn:aws:chime:"


def present(ctx: LintContext, admin: frozenset[str], dependent: frozenset[str]) -> set[str]:
    """The features of the policy of `ctx`: its statements' elements and the names above.
    `admin` and `dependent` are the catalog's administrator and dependent-action names."""
    found: set[str] = set()
    names: set[str] = set()
    views = ctx.statements
    if len(views) > 1:
        found.add(SEVERAL)
    for view in views:
        elements = view.elements
        found.update(elements)
        if "Action" in elements:
            names.update(view.value_set("Action"))
        for element in ("Resource", "NotResource"):
            if element not in elements:
                continue
            joined = "\n".join(view.values(element))
            # Each "arn:" of another service is one more than the "arn:aws:chime:" counted.
            if joined.count("arn:") > joined.count(_CHIME_ARN):
                found.add(OTHER_ARN)
            if element == "Resource" and ("*" in joined or "?" in joined):
                found.add(WILD_RESOURCE)
    if names:
        catalog = ctx.catalog
        # difference, not issubset: issubset would first copy the catalog's table to a set
        if names.difference(catalog.by_full_name) or _chime_watched(catalog):
            found.add(OTHER_ACTION)
        if not names.isdisjoint(dependent):
            found.add(DEPENDENT_ACTION)
        if not names.isdisjoint(admin):
            found.add(ADMIN_ACTION)
    text = ctx.text
    if VARIABLE_MARK in text or "\\" in text:
        found.add(VARIABLE_MARK)
    return found


def _chime_watched(catalog: Catalog) -> bool:
    """Whether the security data names a Chime action (it names none today): the security
    rules then look at policies of Chime names alone too."""
    found = catalog.derived.get("chime-watched")
    if found is None:
        data = load_security()
        asked = data.watched + data.pass_role + data.service_linked_role
        chime = catalog.service.prefix
        found = catalog.derived["chime-watched"] = any(
            name.split(":", 1)[0].lower() == chime for name in asked
        )
    assert isinstance(found, bool)
    return found
