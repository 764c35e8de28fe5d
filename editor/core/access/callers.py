"""The caller a Chime messaging call is also authorized against, when nobody named it.

AWS checks chime:SendChannelMessage and its kin against the channel AND the AppInstanceUser
or AppInstanceBot making the call (the Service Authorization Reference marks both
app-instance-user and app-instance-bot required). Without the caller's ARN the answer is
"allowed" only when every possible caller is; "denied" only when none can be; otherwise it
depends on the caller, and the answer says so.

How every caller is judged at once: a probe caller, an ARN in the target's app instance with
a name no AppInstanceUserId or AppInstanceBotId can hold, is decided like any request. A
statement speaking of the action with an ARN that may be a caller's yet does not match the
probe (`user/alice`, `user/${aws:username}`) treats some callers unlike the probe: then the
answer depends on the caller. Any other statement treats every caller as it treats the probe.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.access.evaluate import Decision, PolicySet, Result, evaluate
from editor.core.access.glob import ONE, STAR, Token
from editor.core.access.patterns import ArnPattern
from editor.core.access.policy import StatementRef
from editor.core.access.request import Request
from editor.core.catalog.catalog import Catalog

# The ids are [A-Za-z0-9] with : - _ . @ inside (CreateAppInstanceUser, Chime SDK API
# Reference); a space and an angle bracket are neither, so only a wildcard matches the probe.
PROBE = "<any caller>"
CALLERS = (("user", "AppInstanceUser"), ("bot", "AppInstanceBot"))
GIVE = "give the caller's ARN"


def caller_part(catalog: Catalog, policies: PolicySet, request: Request) -> Result | None:
    """What the unnamed caller adds to the answer for `request` (the call on its target):
    None when the action is not checked against its caller."""
    action = catalog.action(request.action)
    if action is None or not action.caller_authorized:
        return None
    instance = _app_instance(request.resource)
    if instance is None:
        return Result(
            Decision.UNKNOWN,
            (),
            "also authorized against the calling AppInstanceUser or AppInstanceBot, "
            f"and the target names no app instance: {GIVE}",
        )
    verdicts = [_verdict(policies, request, instance, segment, label) for segment, label in CALLERS]
    return _combined(verdicts)


def _verdict(
    policies: PolicySet, request: Request, instance: str, segment: str, label: str
) -> tuple[str, Result]:
    probe = Request(
        request.action, f"{instance}/{segment}/{PROBE}", request.principal, request.context
    )
    specific = list(
        _specific(policies, probe, f"app-instance/{instance.rsplit('/', 1)[1]}/{segment}/")
    )
    if specific:
        why = f"not every {label} is treated alike"
        return label, Result(Decision.UNKNOWN, tuple(specific), why)
    return label, evaluate(policies, probe)


def _specific(policies: PolicySet, probe: Request, head: str) -> Iterator[StatementRef]:
    """Statements naming the action with an ARN that may be a caller's but is not the probe's."""
    for policy in policies.everything:
        for statement in policy.speaking_of(probe.action_lower):
            if any(_some_caller_not_probe(p, probe, head) for p in statement.resources):
                yield statement.ref


def _some_caller_not_probe(pattern: ArnPattern, probe: Request, head: str) -> bool:
    """Whether the pattern matches some caller ARN of the probe's app instance (`head`, then
    an id) but not the probe itself."""
    if pattern.matches(probe.resource_fields, probe.resource, probe.lookup):
        return False
    if len(pattern.fields) != len(probe.resource_fields):
        return True  # a short pattern (`arn:aws:chime:*`): cautious, it may
    for glob_, field_ in zip(pattern.compiled[:-1], probe.resource_fields[:-1], strict=True):
        # (None: the field holds a policy variable, which may match)
        if glob_ is not None and not glob_.matches(field_):
            return False  # another partition, region or account: no caller of this instance
    return _some_name(pattern.fields[-1], head)


def _some_name(tokens: tuple[Token, ...], head: str) -> bool:
    """Whether the tokens match `head` followed by one or more characters other than "/" (an
    id). A policy variable may be anything. Glob states are stepped through `head` one
    character at a time: linear in the pattern for each character, no backtracking."""
    items: list[object] = []
    for token in tokens:
        if isinstance(token, str):
            items.extend(token)
        else:
            items.append(token if token is ONE else STAR)  # a Variable: any text
    states = _closure(items, {0})
    for char in head:
        states = _closure(
            items,
            {i + 1 for i in states if i < len(items) and items[i] in (char, ONE)}
            | {i for i in states if i < len(items) and items[i] is STAR},
        )
    last_slash = max((i for i, item in enumerate(items) if item == "/"), default=-1)
    return any(last_slash < i < len(items) for i in states)  # an id follows: no "/" in it


def _closure(items: list[object], states: set[int]) -> set[int]:
    """The states with each star also skipped (a star may take nothing)."""
    done = set(states)
    todo = list(states)
    while todo:
        i = todo.pop()
        if i < len(items) and items[i] is STAR and i + 1 not in done:
            done.add(i + 1)
            todo.append(i + 1)
    return done


def _combined(verdicts: list[tuple[str, Result]]) -> Result | None:
    decisions = {result.decision for _, result in verdicts}
    if decisions == {Decision.ALLOWED}:
        return None  # every caller is allowed: the target's answer stands
    refs = tuple(dict.fromkeys(s for _, r in verdicts for s in r.statements))
    if decisions <= {Decision.EXPLICIT_DENY, Decision.IMPLICIT_DENY}:
        denied = min(decisions)  # "explicitDeny" sorts first: an explicit Deny is named
        return Result(denied, refs, "no AppInstanceUser or AppInstanceBot may make the call")
    parts = [_part(label, result) for label, result in verdicts]
    return Result(Decision.UNKNOWN, refs, f"depends on the caller: {', '.join(parts)}; {GIVE}")


def _part(label: str, result: Result) -> str:
    if result.decision is Decision.ALLOWED:
        return f"any {label} may call"
    if result.decision is Decision.UNKNOWN:
        return result.reason
    return f"no {label} may call"


def _app_instance(resource: str) -> str | None:
    """`arn:P:chime:R:A:app-instance/ID` of a Chime messaging ARN, or None."""
    fields = resource.split(":", 5)
    if len(fields) != 6 or fields[2] != "chime":
        return None
    kind, _, rest = fields[5].partition("/")
    instance_id = rest.split("/", 1)[0]
    if kind != "app-instance" or not instance_id or "*" in instance_id or "?" in instance_id:
        return None
    return ":".join(fields[:5]) + f":app-instance/{instance_id}"
