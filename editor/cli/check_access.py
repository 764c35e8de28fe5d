"""`chime-policy check-access`: would IAM allow this request under these policies? Offline.

Exit status: 0 allowed, 1 denied (explicitly or implicitly), 2 usage error, 3 unknown (a
condition operator or statement we cannot evaluate could change the answer).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from editor.cli.common import EXIT_FINDINGS, EXIT_OK, UsageError
from editor.cli.inside import add_index, compile_file

if TYPE_CHECKING:  # the engine is imported when a command runs: `chime-policy lint` starts
    # without it
    from editor.core.access.evaluate import Result
    from editor.core.access.policy import CompiledPolicy, PolicyKind
    from editor.core.access.request import Request

EXIT_UNKNOWN = 3


def add_parser(commands: Any) -> None:
    cmd = commands.add_parser(
        "check-access",
        help="decide one request against policies, as IAM would (offline)",
        description="Decide a request against identity policies (and optionally a boundary, "
        "SCPs, RCPs and a resource policy). Exit 0 allowed, 1 denied, 2 usage, 3 unknown.",
    )
    cmd.add_argument(
        "policies",
        nargs="+",
        metavar="POLICY",
        help="policy file or -: an identity policy, or a resource or trust policy when its "
        "statements name a Principal (matched against --principal)",
    )
    cmd.add_argument("--action", required=True, help="e.g. chime:SendChannelMessage")
    cmd.add_argument(
        "--resource",
        required=True,
        action="append",
        metavar="ARN",
        help="target ARN; repeat to give one per resource type the action requires "
        "(chime:AssociateChannelFlow: the channel and the channel flow)",
    )
    cmd.add_argument(
        "--caller",
        metavar="ARN",
        help="the AppInstanceUser or AppInstanceBot making a Chime messaging call: also "
        "checked when the catalog says the action is authorized against the caller",
    )
    cmd.add_argument("--principal", metavar="ARN", help="the IAM principal (user, role ...)")
    cmd.add_argument(
        "--resource-account",
        metavar="ID",
        help="the account owning a resource whose ARN names none (S3's); without it, the "
        "principal's. Another account's resource needs its resource policy to allow too",
    )
    cmd.add_argument(
        "--context",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a request context key (repeat a key for several values)",
    )
    cmd.add_argument("--boundary", metavar="FILE", help="permissions boundary policy")
    cmd.add_argument(
        "--scp",
        action="append",
        default=[],
        metavar="FILE",
        help="an SCP attached to the account (repeat: all at that one level, where any "
        "Allow suffices and any Deny denies)",
    )
    cmd.add_argument(
        "--scp-level",
        action="append",
        default=[],
        metavar="FILE[,FILE...]",
        help="the SCPs attached at a further level (the root, an OU), comma-separated; "
        "repeat for each level: every level must allow",
    )
    cmd.add_argument(
        "--rcp",
        action="append",
        default=[],
        metavar="FILE",
        help="an RCP (repeat); it only denies: AWS's RCPFullAWSAccess, attached everywhere, "
        "allows the rest",
    )
    cmd.add_argument("--resource-policy", metavar="FILE", help="the target's resource policy")
    cmd.add_argument("--format", choices=("text", "json"), default="text")
    add_index(cmd)


def load_policy(
    name: str, kind: PolicyKind | str | None, index: int | None = None
) -> CompiledPolicy:
    """kind None: as the document says (a Principal makes it a resource policy). A template,
    Terraform file or page gives the policy it holds (`index`: the Nth of several)."""
    from editor.core.access.policy import PolicyKind

    return compile_file(name, None if kind is None else PolicyKind(kind), index)


def _context(pairs: list[str]) -> dict[str, list[str]]:
    context: dict[str, list[str]] = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key:
            raise UsageError(f"--context takes KEY=VALUE, not {pair!r}")
        context.setdefault(key, []).append(value)
    return context


def requests_for(args: argparse.Namespace, notes: list[str] | None = None) -> list[Request]:
    """The request for each resource; `notes` gets what was assumed (the region)."""
    from editor.core.access.request import Request, make_context
    from editor.core.access.requestkeys import assume_region
    from editor.core.catalog.catalog import load_catalog

    context, assumed = assume_region(
        make_context(_context(args.context), args.principal), args.resource
    )
    if notes is not None:
        notes += assumed
    resources = [_one_resource("--resource", r, args.action) for r in args.resource]
    action = load_catalog().action(args.action)
    if args.caller and action is not None and action.caller_authorized:
        caller = _one_resource("--caller", args.caller, args.action)
        if caller not in resources:  # a caller-only action: the target is the caller
            resources.append(caller)
    owner = _owner(args, resources, notes)
    return [Request(args.action, r, args.principal, context, owner) for r in resources]


def _owner(args: argparse.Namespace, resources: list[str], notes: list[str] | None) -> str | None:
    """--resource-account, checked against the ARNs that name an account; without it, a note
    that an ARN naming none is taken to be in the principal's account."""
    from editor.core.access.request import account_of, unnamed_owner

    owner: str | None = args.resource_account
    if owner is not None:
        if not (owner.isdigit() and len(owner) == 12):
            raise UsageError(f"--resource-account takes a 12-digit account ID, not {owner!r}")
        for arn in resources:
            named = account_of(arn)
            if named is not None and named != owner:
                raise UsageError(f"{arn} names account {named}, not --resource-account {owner}")
        return owner
    assumed = unnamed_owner(args.principal, resources)
    if notes is not None and assumed is not None:
        notes.append(f"{assumed}; give --resource-account if another account owns it")
    return None


def _one_resource(option: str, arn: str, action: str) -> str:
    """A request is made on one resource: a pattern (`channel/*`) would be compared as the
    literal name of one, and the answer would speak of no real call."""
    from editor.core.access.asked import resource_problem
    from editor.core.catalog.catalog import load_catalog

    why = resource_problem(load_catalog(), action, [arn], option)
    if why is not None:
        raise UsageError(why)
    return arn


def _check_action(name: str) -> None:
    """One action a catalog knows: a pattern or a misspelt name is no request IAM decides."""
    from editor.core.access.asked import action_problem
    from editor.core.catalog.catalog import load_catalog

    why = action_problem(load_catalog(), name, "--action")
    if why is not None:
        raise UsageError(why)


def _scp_levels(args: argparse.Namespace) -> list[list[str]]:
    levels = [list(args.scp)] if args.scp else []
    for given in args.scp_level:
        files = [f for f in given.split(",") if f]
        if not files:
            raise UsageError(f"--scp-level takes FILE[,FILE...], not {given!r}")
        levels.append(files)
    return levels


def _check_targets(args: argparse.Namespace) -> None:
    from editor.core.access.asked import caller_problem
    from editor.core.access.targets import unfit_target
    from editor.core.catalog.catalog import load_catalog

    catalog = load_catalog()
    why = unfit_target(catalog, args.action, args.resource) or caller_problem(
        catalog, args.action, args.resource, args.caller, "--caller"
    )
    if why is not None:
        raise UsageError(why)


def open_parts(args: argparse.Namespace) -> list[Result]:
    """A required resource type of the action that no --resource is of: the answer stays
    open (unknown) however the given ones are decided."""
    from editor.core.access.targets import missing_result, missing_types
    from editor.core.catalog.catalog import load_catalog

    found = missing_result(missing_types(load_catalog(), args.action, args.resource))
    return [found] if found is not None else []


def run(args: argparse.Namespace) -> int:
    from editor.core.access.assumed import worth_saying
    from editor.core.access.evaluate import (
        Decision,
        PolicySet,
        TwoResourcePolicies,
        decide,
        with_documents,
    )
    from editor.core.access.policy import PolicyKind

    _check_action(args.action)
    for arn in args.resource:
        _one_resource("--resource", arn, args.action)
    given = args.resource_policy
    try:
        identity, resource = with_documents(
            [load_policy(p, None, args.index) for p in args.policies],
            load_policy(given, PolicyKind.RESOURCE) if given else None,
        )
    except TwoResourcePolicies as error:
        raise UsageError(str(error)) from None
    policies = PolicySet(
        identity=identity,
        boundary=load_policy(args.boundary, PolicyKind.BOUNDARY) if args.boundary else None,
        scps=tuple(
            tuple(load_policy(p, PolicyKind.SCP) for p in level) for level in _scp_levels(args)
        ),
        rcps=tuple(load_policy(p, PolicyKind.RCP) for p in args.rcp),
        resource=resource,
    )
    _check_targets(args)
    notes: list[str] = []
    requests = requests_for(args, notes)
    opened = open_parts(args)
    from editor.core.access.asked import caller_only
    from editor.core.catalog.catalog import load_catalog

    # An action authorized against its caller only (ListChannels): the target is the caller.
    if not args.caller and not caller_only(load_catalog(), args.action):
        from editor.core.access.callers import caller_part

        caller = caller_part(load_catalog(), policies, requests[0])
        opened += [caller] if caller is not None else []
    result = decide(policies, requests, opened)
    notes = worth_saying(policies, requests, result, notes)
    if args.format == "json":
        sys.stdout.write(as_json(result, notes))
    else:
        sys.stdout.write(as_text(result, requests, notes))
    if result.decision is Decision.ALLOWED:
        return EXIT_OK
    return EXIT_UNKNOWN if result.decision is Decision.UNKNOWN else EXIT_FINDINGS


def as_json(result: Result, assumptions: list[str] | None = None) -> str:
    statements = [
        {
            "file": s.policy,
            "line": s.line,
            "index": s.index,
            "sid": s.sid,
            "effect": s.effect,
        }
        for s in result.statements
    ]
    document: dict[str, Any] = {
        "decision": result.decision.value,
        "statements": statements,
        "reason": result.reason,
        "assumptions": assumptions or [],
    }
    return json.dumps(document, indent=2) + "\n"


def as_text(result: Result, requests: list[Request], assumptions: list[str] | None = None) -> str:
    from editor.core.access.evaluate import Decision

    targets = ", ".join(r.resource for r in requests)
    lines = [f"{result.decision.value}: {requests[0].action} on {targets}"]
    if result.decision is not Decision.ALLOWED:
        lines.append(f"  {result.reason}")
    lines += [f"  decided by {s.label()}" for s in result.statements]
    lines += [f"  {note}" for note in assumptions or []]
    return "\n".join(lines) + "\n"
