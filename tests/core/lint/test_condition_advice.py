"""Condition values IAM accepts that do not do what they seem to: one table per code, each
case (policy text, the exact text each finding of that code points at).

The cases follow the examples and wording of IAM Access Analyzer's policy check reference
(IAM User Guide, "IAM Access Analyzer policy check reference"): Private IP address, Private
NotIpAddress, Private IP address subset, Improve IP range, Invalid vpc format, Invalid vpce
format (`vpc-11223344556677889`, `vpce-12345678`), Missing paired condition keys
(aws:VpcSourceIp with aws:SourceVpc) and Redundant condition value num (aws:MultiFactorAuthAge
2700 and 3600).
"""

import json

import pytest

from editor.core.lint.engine import lint
from editor.core.text.findings import Severity
from tests.core.policies import USER, policy
from tests.core.policies import statement as S

C = "chime:ListChannels"
CHANNELS = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1/channel/*"


def cond(condition: dict) -> str:
    return policy(S(C, [USER, CHANNELS], Condition=condition))


def listed(values: list[str]) -> str:
    """A list value as `policy` writes it, inside a condition block."""
    return json.dumps(values, indent=4).replace("\n", "\n" + " " * 20)


TABLE: dict[str, list[tuple[str, list[str]]]] = {
    "condition/private-ip": [
        (
            cond({"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.1.0/24"]}}),
            [listed(["10.0.0.0/8", "192.168.1.0/24"])],
        ),
        (cond({"NotIpAddress": {"aws:SourceIp": "172.16.0.0/12"}}), ['"172.16.0.0/12"']),
        (cond({"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}), []),
        (
            cond({"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/8", "aws:SourceVpc": "vpc-1a2b3c4d"}}),
            [],
        ),
    ],
    "condition/private-ip-subset": [
        (cond({"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "52.94.0.0/16"]}}), ['"10.0.0.0/8"']),
        (cond({"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "fc00::/8"]}}), ['"fc00::/8"']),
        (cond({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:DB8::/32"]}}), []),
    ],
    "condition/ip-host-bits": [
        (cond({"IpAddress": {"aws:SourceIp": "203.0.113.7/24"}}), ['"203.0.113.7/24"']),
        (
            cond({"NotIpAddress": {"aws:SourceIp": ["2001:DB8:1234:5678::1/64"]}}),
            ['"2001:DB8:1234:5678::1/64"'],
        ),
        (cond({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "203.0.113.7"]}}), []),
    ],
    "condition/invalid-vpc-id": [
        (cond({"StringEquals": {"aws:SourceVpc": "vpc-123"}}), ['"vpc-123"']),
        (
            cond({"StringEquals": {"aws:SourceVpc": ["vpc-11223344556677889", "vcp-12345678"]}}),
            ['"vcp-12345678"'],
        ),
        (cond({"StringNotEquals": {"aws:SourceVpce": "vpc-12345678"}}), ['"vpc-12345678"']),
        (cond({"StringEquals": {"aws:SourceVpce": "vpce-12345678"}}), []),
        (cond({"StringLike": {"aws:SourceVpc": "vpc-*"}}), []),
    ],
    "condition/missing-paired-key": [
        (cond({"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}), ['"aws:VpcSourceIp"']),
        (
            cond(
                {
                    "IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"},
                    "StringEquals": {"aws:SourceVpc": "vpc-11223344556677889"},
                }
            ),
            [],
        ),
    ],
    "condition/redundant-value": [
        (
            cond({"NumericLessThan": {"aws:MultiFactorAuthAge": ["2700", "3600"]}}),
            [listed(["2700", "3600"])],
        ),
        (
            cond({"NumericGreaterThanEquals": {"aws:MultiFactorAuthAge": [60, 120]}}),
            [listed([60, 120])],
        ),
        (cond({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}), []),
        (cond({"ForAnyValue:NumericLessThan": {"aws:MultiFactorAuthAge": ["1", "2"]}}), []),
    ],
}


def cases():
    for code, rows in TABLE.items():
        for text, expected in rows:
            yield pytest.param(code, text, expected, id=f"{code}:{len(expected)}")


@pytest.mark.parametrize(("code", "text", "expected"), list(cases()))
def test_rule_points_at_the_token(code: str, text: str, expected: list[str]) -> None:
    found = [f for f in lint(text).findings if f.code == code]
    assert [text[f.start : f.end] for f in found] == expected


def test_every_code_has_positive_and_negative_cases() -> None:
    for code, rows in TABLE.items():
        assert any(expected for _, expected in rows), code
        assert any(not expected for _, expected in rows), code


def test_the_message_says_which_value_decides_and_the_fix_writes_the_network() -> None:
    redundant = cond({"NumericLessThan": {"aws:MultiFactorAuthAge": ["2700", "3600"]}})
    (finding,) = [f for f in lint(redundant).findings if f.code == "condition/redundant-value"]
    assert "3600" in finding.message and finding.severity is Severity.INFO
    host_bits = cond({"IpAddress": {"aws:SourceIp": "203.0.113.7/24"}})
    (finding,) = [f for f in lint(host_bits).findings if f.code == "condition/ip-host-bits"]
    assert finding.fix is not None and not finding.fix.safe  # the author may mean /32
    assert [e.text for e in finding.fix.edits] == ['"203.0.113.0/24"']


def test_not_ip_address_with_private_ranges_says_it_limits_nothing() -> None:
    text = cond({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})
    (finding,) = [f for f in lint(text).findings if f.code == "condition/private-ip"]
    assert "always matches" in finding.message
