"""Condition values that IAM accepts but that do not do what they seem to, after IAM Access
Analyzer's policy check reference (IAM User Guide, access-analyzer-reference-policy-checks):

- aws:SourceIp with private ranges: "Private IP address", "Private NotIpAddress" (only private
  ranges: IpAddress never matches, NotIpAddress always does) and "Private IP address subset",
  "Private NotIpAddress subset" (some private ranges among public ones);
- "Improve IP range": an address with bits set after its mask, which IAM ignores;
- "Invalid vpc format", "Invalid vpce format": aws:SourceVpc and aws:SourceVpce values;
- "Missing paired condition keys": aws:VpcSourceIp without aws:SourceVpc, the pair the
  reference gives;
- "Redundant condition value num": several values of one numeric comparison, where the
  greatest (less-than) or least (greater-than) says the same.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from editor.core.json.nodes import ARRAY, NUMBER, OBJECT, STRING, Member, Node
from editor.core.lint.context import LintContext
from editor.core.lint.rules.conditions import split_operator
from editor.core.text.findings import Finding, Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
KEYS_DOC = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html"
# Addresses that never reach AWS as a request's source (RFC 1918, RFC 4193, loopback, link
# local); documentation ranges such as 203.0.113.0/24, which AWS's examples use, are not here.
_PRIVATE = tuple(
    ipaddress.ip_network(n)
    for n in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "fc00::/7",
        "fe80::/10",
        "::1/128",
    )
)
# Access Analyzer: the prefix, then 8 or 17 alphanumeric characters.
_VPC_IDS = {
    "aws:sourcevpc": ("vpc-", re.compile(r"vpc-(?:[A-Za-z0-9]{8}|[A-Za-z0-9]{17})")),
    "aws:sourcevpce": ("vpce-", re.compile(r"vpce-(?:[A-Za-z0-9]{8}|[A-Za-z0-9]{17})")),
}
_NUMERIC_ORDER = {  # values are ORed: the one that admits most decides
    "NumericLessThan": max,
    "NumericLessThanEquals": max,
    "NumericGreaterThan": min,
    "NumericGreaterThanEquals": min,
}
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def condition_advice(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        member = statement.member("Condition")
        if member is None or member.value is None or member.value.kind is not OBJECT:
            continue
        blocks = [
            (op, op.value)
            for op in member.value.members
            if op.value is not None and op.value.kind is OBJECT
        ]
        keys = {key.key.lower() for _, block in blocks for key in block.members}
        for operator, block in blocks:
            qualifier, base, _ = split_operator(operator.key)
            for key in block.members:
                if key.value is None:
                    continue
                value = key.value
                items = value.items if value.kind is ARRAY else [value]
                scalars = [i for i in items if i.kind in (STRING, NUMBER)]
                name = key.key.lower()
                if base in ("IpAddress", "NotIpAddress"):
                    yield from _addresses(ctx, base, name, value, scalars)
                if name in _VPC_IDS and base.startswith("String"):
                    yield from _vpc_ids(ctx, name, scalars)
                if name == "aws:vpcsourceip" and "aws:sourcevpc" not in keys:
                    yield ctx.finding(
                        "condition/missing-paired-key",
                        WARNING,
                        "aws:VpcSourceIp alone matches that address in any VPC; add aws:SourceVpc "
                        f"to the same Condition to name the VPC (see {KEYS_DOC})",
                        key.key_start,
                        key.key_end,
                    )
                if base in _NUMERIC_ORDER and not qualifier:
                    yield from _numeric(ctx, base, key, scalars)


def _addresses(
    ctx: LintContext, base: str, name: str, value: Node, scalars: list[Node]
) -> Iterator[Finding]:
    networks: list[tuple[Node, Network]] = []
    for item in scalars:
        text = str(item.value)
        try:
            network = ipaddress.ip_network(text, strict=False)
        except ValueError:
            continue  # not an address: condition/invalid-value says so
        networks.append((item, network))
        if "/" in text and str(network.network_address) != text.split("/", 1)[0]:
            fixed = str(network)
            yield ctx.finding(
                "condition/ip-host-bits",
                INFO,
                f"IAM ignores the bits of {text} after its /{network.prefixlen} mask: it means "
                f"{fixed}; write that (or the mask you meant)",
                item.start,
                item.end,
                ctx.replace(f"Use {fixed!r}", item.start, item.end, f'"{fixed}"', safe=False),
            )
    if name != "aws:sourceip" or not networks:
        return
    private = [node for node, network in networks if _is_private(network)]
    if len(private) == len(networks):
        yield ctx.finding(
            "condition/private-ip",
            WARNING,
            "aws:SourceIp is the public address a request comes from: private ranges alone "
            + (
                "never match it"
                if base == "IpAddress"
                else "are never it, so NotIpAddress always matches and limits nothing"
            )
            + f"; for a VPC use aws:VpcSourceIp (see {KEYS_DOC})",
            value.start,
            value.end,
        )
        return
    for node in private:
        yield ctx.finding(
            "condition/private-ip-subset",
            INFO,
            f"{node.value} is a private range: aws:SourceIp, a request's public address, is "
            "never in it; for requests through a VPC endpoint use aws:VpcSourceIp",
            node.start,
            node.end,
        )


def _is_private(network: Network) -> bool:
    return any(
        network.version == p.version and network.subnet_of(p)  # type: ignore[arg-type]
        for p in _PRIVATE
    )


def _vpc_ids(ctx: LintContext, name: str, scalars: list[Node]) -> Iterator[Finding]:
    prefix, form = _VPC_IDS[name]
    for item in scalars:
        text = str(item.value)
        if "*" in text or "?" in text or "${" in text or form.fullmatch(text):
            continue
        yield ctx.finding(
            "condition/invalid-vpc-id",
            ERROR,
            f"{text!r} is not a {'VPC' if prefix == 'vpc-' else 'VPC endpoint'} ID: "
            f"{prefix} and 8 or 17 letters and digits ({prefix}1a2b3c4d)",
            item.start,
            item.end,
        )


def _numeric(ctx: LintContext, base: str, key: Member, scalars: list[Node]) -> Iterator[Finding]:
    if len(scalars) < 2:
        return
    numbers: list[float] = []
    for item in scalars:
        try:
            numbers.append(float(str(item.value)))
        except ValueError:
            return  # condition/invalid-value says which
    decisive = _NUMERIC_ORDER[base](numbers)
    shown = next(str(i.value) for i, n in zip(scalars, numbers, strict=True) if n == decisive)
    assert key.value is not None
    yield ctx.finding(
        "condition/redundant-value",
        INFO,
        f"the values of one key are alternatives: {base} {shown} alone allows the same as all "
        f"{len(numbers)}; keep that one",
        key.value.start,
        key.value.end,
    )
