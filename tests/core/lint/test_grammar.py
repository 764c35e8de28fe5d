"""IAM's policy grammar: one table per code, each case (policy text, the exact text each
finding of that code points at). Cases marked in REFUSED are ones IAM's CreatePolicy refuses:
moto's IAM policy validator (an oracle we did not write) must refuse the bad ones and accept
the good ones.

Sources of the cases: IAM User Guide pages "IAM JSON policy elements: Condition operators"
(date formats, Bool, IfExists, Null), "Multivalued context keys" (ForAllValues /
ForAnyValue), "IAM policy elements: Variables and tags" (${...} and default values, the
example `${aws:PrincipalTag/team, 'company-wide'}`), "Grammar of the IAM JSON policy
language" (Action/NotAction, Resource/NotResource, Id, Sid), and the examples of IAM Access
Analyzer's policy check reference (Missing brace in variable, Empty variable, Unsupported
space in variable, Missing quote in variable, Null with if exists, Duplicate keys with
different case, Wildcard without like operator, Type mismatch, Missing qualifier).
"""

import json

import pytest
from moto.iam.policy_validation import IAMPolicyDocumentValidator

from editor.core.lint.engine import LintOptions, Quota, lint
from editor.core.text.findings import Severity
from tests.core.policies import USER, policy
from tests.core.policies import statement as S

C = "chime:ListChannels"
CHANNELS = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1/channel/*"
BUCKET = "arn:aws:s3:::chat-attachments"


def cond(condition: dict, action: str = C, resource: object = (USER, CHANNELS)) -> str:
    return policy(S(action, list(resource), Condition=condition))


def raw(statement: str, top: str = '"Version": "2012-10-17", ') -> str:
    return "{" + top + '"Statement": [' + statement + "]}"


TABLE: dict[str, list[tuple[str, list[str]]]] = {
    "policy/conflicting-elements": [
        (
            raw(
                '{"Effect": "Allow", "Action": "chime:Connect", "NotAction": '
                '"chime:DeleteChannel", "Resource": "*"}'
            ),
            ['"NotAction"'],
        ),
        (
            raw(
                '{"Effect": "Allow", "Action": "chime:Connect", "Resource": "*", '
                f'"NotResource": "{USER}"}}'
            ),
            ['"NotResource"'],
        ),
        (
            raw(
                '{"Effect": "Allow", "Action": "chime:Connect", "Resource": "*", '
                '"Principal": "*", "NotPrincipal": {"AWS": "x"}}'
            ),
            ['"NotPrincipal"'],
        ),
        (raw('{"Effect": "Deny", "NotAction": "chime:Connect", "Resource": "*"}'), []),
    ],
    "policy/missing-version": [
        (policy(S("chime:Connect", USER), version=None), ["{"]),
        (policy(S("chime:Connect", USER)), []),
    ],
    "policy/invalid-type": [
        (
            raw('{"Effect": "Allow", "Action": "chime:Connect", "Resource": "*"}', '"Id": 5, '),
            ["5"],
        ),
        (cond({"StringEquals": "x"}), ['"x"']),
        (
            cond({"StringEquals": {"aws:username": {"a": "b"}}}),
            ['{\n                        "a": "b"\n                    }'],
        ),
        (
            raw('{"Effect": "Allow", "Action": "chime:Connect", "Resource": "*"}', '"Id": "a-1", '),
            [],
        ),
    ],
    "policy/empty-sid": [
        (policy({"Sid": "", **S("chime:Connect", USER)}), ['""']),
        (policy({"Sid": "Connect", **S("chime:Connect", USER)}), []),
    ],
    "condition/empty": [
        (cond({}), ["{}"]),
        (cond({"StringEquals": {}}), ["{}"]),
        (cond({"StringEquals": {"aws:username": []}}), ["[]"]),
        (cond({"StringEquals": {"aws:username": ["alice"]}}), []),
    ],
    "condition/invalid-value": [
        (cond({"DateGreaterThan": {"aws:CurrentTime": "tomorrow"}}), ['"tomorrow"']),
        (cond({"DateLessThan": {"aws:CurrentTime": "2026-13-01"}}), ['"2026-13-01"']),
        (cond({"DateLessThan": {"aws:CurrentTime": "2026-06-30T12:00:00Z"}}), []),
        (cond({"DateLessThan": {"aws:CurrentTime": "2026-06-30"}}), []),
        (cond({"DateLessThan": {"aws:EpochTime": "1782820800"}}), []),
        (cond({"Bool": {"aws:SecureTransport": "yes"}}), ['"yes"']),
        (cond({"Bool": {"aws:SecureTransport": "true"}}), []),
        (
            cond({"Bool": {"aws:SecureTransport": ["true", "false"]}}),
            [json.dumps(["true", "false"], indent=4).replace("\n", "\n" + " " * 20)],
        ),
        (cond({"NumericLessThan": {"aws:MultiFactorAuthAge": "an hour"}}), ['"an hour"']),
        (cond({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}), []),
        (cond({"IpAddress": {"aws:SourceIp": "203.0.113.300"}}), ['"203.0.113.300"']),
        (cond({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:DB8:1234:5678::/64"]}}), []),
        (cond({"ArnEquals": {"aws:SourceArn": "my-topic"}}), ['"my-topic"']),
        (cond({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:my-topic"}}), []),
        (cond({"Null": {"aws:TokenIssueTime": "maybe"}}), ['"maybe"']),
        (cond({"Null": {"aws:TokenIssueTime": "true"}}), []),
    ],
    "condition/private-ip": [
        (
            cond({"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.1.0/24"]}}),
            [json.dumps(["10.0.0.0/8", "192.168.1.0/24"], indent=4).replace("\n", "\n" + " " * 20)],
        ),
        (cond({"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "52.94.0.0/16"]}}), []),
        (cond({"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}}), []),
    ],
    "condition/unknown-key": [
        (cond({"StringEquals": {"username": "alice"}}), ['"username"']),
        (cond({"StringEquals": {"aws:ARN": "x"}}), ['"aws:ARN"']),
        (cond({"StringEquals": {"aws:ResourceTag": "x"}}), ['"aws:ResourceTag"']),
        (cond({"StringEquals": {"aws:username": "alice"}}), []),
    ],
    "condition/type-mismatch": [
        (cond({"DateGreaterThan": {"aws:SourceIp": "2026-01-01"}}), ['"aws:SourceIp"']),
        (
            cond({"StringEquals": {"aws:MultiFactorAuthPresent": "true"}}),
            ['"aws:MultiFactorAuthPresent"'],
        ),
        (cond({"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/r"}}), []),
        (cond({"NumericLessThan": {"aws:EpochTime": "1782820800"}}), []),
    ],
    "condition/missing-qualifier": [
        (
            cond({"StringEquals": {"aws:TagKeys": ["a", "b"]}}, "chime:TagResource"),
            ['"aws:TagKeys"'],
        ),
        (cond({"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}, "chime:TagResource"), []),
        (cond({"Null": {"aws:TagKeys": "true"}}, "chime:TagResource"), []),
    ],
    "condition/qualifier-on-single-value": [
        (cond({"ForAllValues:StringEquals": {"aws:username": "alice"}}), ['"aws:username"']),
        (
            cond({"ForAnyValue:StringLike": {"aws:PrincipalTag/team": "a*"}}),
            ['"aws:PrincipalTag/team"'],
        ),
        (cond({"ForAnyValue:StringEquals": {"aws:CalledVia": "athena.amazonaws.com"}}), []),
    ],
    "condition/null-if-exists": [
        (cond({"NullIfExists": {"aws:username": "true"}}), ['"NullIfExists"']),
        (cond({"StringEqualsIfExists": {"aws:username": "alice"}}), []),
        (cond({"Null": {"aws:username": "false"}}), []),
    ],
    "condition/null-qualifier": [
        (
            cond({"ForAllValues:Null": {"aws:TagKeys": "true"}}, "chime:TagResource"),
            ['"ForAllValues:Null"'],
        ),
        (cond({"Null": {"aws:TagKeys": "true"}}, "chime:TagResource"), []),
    ],
    "condition/duplicate-key": [
        (cond({"StringEquals": {"aws:username": "a", "AWS:UserName": "b"}}), ['"AWS:UserName"']),
        (cond({"StringEquals": {"aws:username": "a"}, "StringLike": {"AWS:UserName": "b*"}}), []),
    ],
    "condition/wildcard-without-like": [
        (cond({"StringEquals": {"aws:PrincipalTag/job-category": "admin-*"}}), ['"admin-*"']),
        (cond({"StringLike": {"aws:PrincipalTag/job-category": "admin-*"}}), []),
        (cond({"StringEquals": {"aws:username": "${aws:PrincipalTag/uid}"}}), []),
    ],
    "condition/variable-not-allowed": [
        (
            cond({"NumericLessThan": {"aws:MultiFactorAuthAge": "${aws:username}"}}),
            ['"${aws:username}"'],
        ),
        (cond({"StringEquals": {"aws:PrincipalTag/uid": "${aws:username}"}}), []),
    ],
    "policy/invalid-variable": [
        (policy(S(C, [f"{USER[:-7]}/${{aws:username", CHANNELS])), ["${"]),
        (policy(S(C, [f"{USER[:-7]}/${{}}", CHANNELS])), ["${}"]),
        (policy(S(C, [f"{USER[:-7]}/${{aws:user name}}", CHANNELS])), ["${aws:user name}"]),
        (policy(S(C, [f"{USER[:-7]}/${{aws:username,'x'}}", CHANNELS])), ["${aws:username,'x'}"]),
        (
            policy(S(C, [f"{USER[:-7]}/${{aws:PrincipalTag/uid, nobody}}", CHANNELS])),
            ["${aws:PrincipalTag/uid, nobody}"],
        ),
        (policy(S(C, [f"{USER[:-7]}/${{aws:PrincipalTag/uid, 'nobody'}}", CHANNELS])), []),
        (policy(S("s3:GetObject", f"{BUCKET}/${{aws:PrincipalTag/team, 'company-wide'}}/*")), []),
        (policy(S("s3:GetObject", f"{BUCKET}/${{*}}/${{?}}/${{$}}")), []),
    ],
    "policy/unknown-variable": [
        (policy(S(C, [f"{USER[:-7]}/${{aws:usrname}}", CHANNELS])), ["${aws:usrname}"]),
        # The $ written as a JSON escape: the text holds no "${", the value does.
        (
            policy(S(C, [f"{USER[:-7]}/${{aws:usrname}}"])).replace("${", "\\u0024{"),
            [json.dumps(f"{USER[:-7]}/${{aws:usrname}}").replace("${", "\\u0024{")],
        ),
        # ${Username} is a template placeholder: condition/placeholder reports it, not this rule.
        (cond({"StringEquals": {"aws:PrincipalTag/uid": "${Username}"}}), []),
        (policy(S(C, [f"{USER[:-7]}/${{aws:username}}", CHANNELS])), []),
        (
            policy(S("s3:GetObject", f"{BUCKET}/${{cognito-identity.amazonaws.com:sub}}/*")),
            [],
        ),
    ],
    "policy/variable-needs-version": [
        (
            policy(S(C, [f"{USER[:-7]}/${{aws:username}}", CHANNELS]), version="2008-10-17"),
            [json.dumps(f"{USER[:-7]}/${{aws:username}}")],
        ),
        (policy(S(C, [f"{USER[:-7]}/${{aws:username}}", CHANNELS])), []),
    ],
    "resource/placeholder": [
        # IAM's default-value syntax is a variable, not a placeholder.
        (policy(S(C, [f"{USER[:-7]}/${{aws:PrincipalTag/uid, 'nobody'}}", CHANNELS])), []),
        (policy(S(C, [f"{USER[:-7]}/${{UserId}}", CHANNELS])), ["${UserId}"]),
    ],
}
# Codes for what IAM's CreatePolicy refuses outright; moto agrees case by case.
REFUSED = {"policy/conflicting-elements", "policy/missing-version"}


def cases():
    return [
        pytest.param(code, text, expected, id=f"{code}-{n}")
        for code, rows in TABLE.items()
        for n, (text, expected) in enumerate(rows)
    ]


@pytest.mark.parametrize(("code", "text", "expected"), cases())
def test_rule_points_at_the_token(code: str, text: str, expected: list[str]) -> None:
    hits = [text[f.start : f.end] for f in lint(text).findings if f.code == code]
    assert hits == expected


def test_every_code_has_positive_and_negative_cases() -> None:
    for code, rows in TABLE.items():
        assert any(expected for _, expected in rows), code
        assert any(not expected for _, expected in rows), code


# moto does not look at Principal in an identity policy (IAM refuses any Principal there:
# policy/principal-in-identity-policy), so the Principal/NotPrincipal case is not asked.
@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [c for c in cases() if c.values[0] in REFUSED and "Principal" not in c.values[1]],
)
def test_what_we_call_refused_moto_refuses(code: str, text: str, expected: list[str]) -> None:
    validator = IAMPolicyDocumentValidator(text)
    if expected:
        with pytest.raises(Exception, match=r"Syntax errors|version 2012-10-17"):
            validator.validate()
        assert all(f.severity is Severity.ERROR for f in lint(text).findings if f.code == code)
    else:
        validator.validate()


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        (raw('{"Effect": "Allow", "Action": "chime:Connect", "Resource": "*"}', '"Id": 5, '), True),
        (cond({"StringEquals": "x"}), True),
        (cond({"DateGreaterThan": {"aws:CurrentTime": "tomorrow"}}), True),
        (cond({"DateGreaterThan": {"aws:CurrentTime": "2026-06-30T12:00:00Z"}}), False),
    ],
)
def test_structure_and_date_errors_are_what_moto_refuses(text: str, refused: bool) -> None:
    errors = [f for f in lint(text).findings if f.severity is Severity.ERROR]
    validator = IAMPolicyDocumentValidator(text)
    if refused:
        assert errors
        with pytest.raises(Exception):  # noqa: B017 - moto raises its own MalformedPolicyDocument
            validator.validate()
    else:
        assert not errors
        validator.validate()


@pytest.mark.parametrize(
    ("quota", "severity"),
    [
        (Quota.MANAGED, Severity.ERROR),
        (Quota.ROLE, Severity.WARNING),
        (Quota.USER, Severity.WARNING),
    ],
)
def test_missing_version_is_an_error_only_for_managed_policies(quota, severity) -> None:
    text = policy(S("chime:Connect", USER), version=None)
    (found,) = [
        f for f in lint(text, LintOptions(quota)).findings if f.code == "policy/missing-version"
    ]
    assert found.severity is severity
