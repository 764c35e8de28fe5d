"""Condition operators, each family, as AWS's IAM User Guide documents them:
"IAM JSON policy elements: Condition operators"
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html),
"Conditions with multiple context keys or values"
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html)
and "IAM policy elements: Variables and tags"
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).

Each row: a Condition, the request context, whether an Allow statement with it applies.
"""

import json

import pytest

from editor.core.access.evaluate import Decision, check

ALLOWED, DENIED, UNKNOWN = Decision.ALLOWED, Decision.IMPLICIT_DENY, Decision.UNKNOWN
ADMIN = {"aws:PrincipalTag/job-category": "iamuser-admin"}

ROWS = [
    # --- String (section "String condition operators") ---
    # "the principal making the request must be tagged with the iamuser-admin job category"
    ({"StringEquals": {"aws:PrincipalTag/job-category": "iamuser-admin"}}, ADMIN, ALLOWED),
    # "If a user without the tag attempts ... the condition returns false"
    ({"StringEquals": {"aws:PrincipalTag/job-category": "iamuser-admin"}}, {}, DENIED),
    (
        {"StringEquals": {"aws:PrincipalTag/job-category": "iamuser-admin"}},
        {"aws:PrincipalTag/job-category": "IAMUSER-ADMIN"},
        DENIED,
    ),  # case sensitive
    (
        {"StringEqualsIgnoreCase": {"aws:PrincipalTag/job-category": "iamuser-admin"}},
        {"aws:PrincipalTag/job-category": "IAMUSER-ADMIN"},
        ALLOWED,
    ),
    ({"StringNotEquals": {"aws:PrincipalTag/job-category": "iamuser-admin"}}, ADMIN, DENIED),
    (
        {"StringNotEquals": {"aws:PrincipalTag/job-category": "iamuser-admin"}},
        {"aws:PrincipalTag/job-category": "dev"},
        ALLOWED,
    ),
    # "Important: ... If the policy condition requires that the key is not matched, such as
    # StringNotLike ..., and the right key is not present, the condition is true."
    ({"StringNotLike": {"aws:PrincipalTag/job-category": "iam*"}}, {}, ALLOWED),
    (
        {"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/job-category": "A"}},
        {"aws:PrincipalTag/job-category": "a"},
        DENIED,
    ),
    # Condition keys are case-insensitive; the s3:prefix StringLike example with a variable.
    (
        {"StringLike": {"s3:prefix": ["", "home/", "home/${aws:username}/"]}},
        {"S3:Prefix": "home/carlos/", "aws:username": "carlos"},
        ALLOWED,
    ),
    (
        {"StringLike": {"s3:prefix": ["", "home/", "home/${aws:username}/"]}},
        {"s3:prefix": "home/other/", "aws:username": "carlos"},
        DENIED,
    ),
    ({"StringLike": {"s3:prefix": "home/*/docs?"}}, {"s3:prefix": "home/a/b/docs1"}, ALLOWED),
    ({"StringLike": {"s3:prefix": "home/*/docs?"}}, {"s3:prefix": "home/a/b/docs"}, DENIED),
    # A variable's value is text, not a pattern: a user name "*" matches only "*".
    (
        {"StringLike": {"s3:prefix": "home/${aws:username}"}},
        {"s3:prefix": "home/bob", "aws:username": "*"},
        DENIED,
    ),
    # Variables page, "Specifying default values": ${aws:PrincipalTag/team, 'none'}.
    (
        {"StringEquals": {"s3:prefix": "${aws:PrincipalTag/team, 'none'}"}},
        {"s3:prefix": "none"},
        ALLOWED,
    ),
    # Variables page, "Special characters": ${*} ${?} ${$} are the characters themselves.
    ({"StringLike": {"s3:prefix": "a${*}b${?}${$}"}}, {"s3:prefix": "a*b?$"}, ALLOWED),
    ({"StringLike": {"s3:prefix": "a${*}b"}}, {"s3:prefix": "axxb"}, DENIED),
    # --- Numeric: "up to 10 objects" with s3:max-keys ---
    ({"NumericLessThanEquals": {"s3:max-keys": "10"}}, {"s3:max-keys": "10"}, ALLOWED),
    ({"NumericLessThanEquals": {"s3:max-keys": "10"}}, {"s3:max-keys": "11"}, DENIED),
    ({"NumericLessThan": {"s3:max-keys": "10"}}, {"s3:max-keys": "9.5"}, ALLOWED),
    ({"NumericGreaterThan": {"s3:max-keys": 10}}, {"s3:max-keys": "10"}, DENIED),
    ({"NumericGreaterThanEquals": {"s3:max-keys": "10"}}, {"s3:max-keys": "10.0"}, ALLOWED),
    ({"NumericEquals": {"s3:max-keys": "10"}}, {"s3:max-keys": "10"}, ALLOWED),
    ({"NumericNotEquals": {"s3:max-keys": "10"}}, {"s3:max-keys": "10"}, DENIED),
    ({"NumericEquals": {"s3:max-keys": "10"}}, {"s3:max-keys": "ten"}, DENIED),
    # --- Date: "credentials ... were issued in 2020" (aws:TokenIssueTime) ---
    (
        {"DateGreaterThan": {"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}},
        {"aws:TokenIssueTime": "2020-06-01T10:00:00Z"},
        ALLOWED,
    ),
    (
        {"DateGreaterThan": {"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}},
        {"aws:TokenIssueTime": "2019-12-31T23:59:59Z"},
        DENIED,
    ),
    # "The aws:TokenIssueTime key is present ... only when the principal uses temporary
    # credentials ... if an IAM user attempts ..., the request is denied."
    ({"DateGreaterThan": {"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}}, {}, DENIED),
    # Epoch (UNIX) time is accepted too.
    (
        {"DateLessThan": {"aws:CurrentTime": "1600000000"}},
        {"aws:CurrentTime": "2020-09-13T12:26:39Z"},
        ALLOWED,
    ),
    (
        {"DateEquals": {"aws:CurrentTime": "2020-09-13T12:26:40Z"}},
        {"aws:CurrentTime": "1600000000"},
        ALLOWED,
    ),
    (
        {"DateNotEquals": {"aws:CurrentTime": "2020-01-01"}},
        {"aws:CurrentTime": "2020-01-01T00:00:00Z"},
        DENIED,
    ),
    (
        {"DateLessThanEquals": {"aws:CurrentTime": "2020-01-01"}},
        {"aws:CurrentTime": "2020-01-01T00:00:00Z"},
        ALLOWED,
    ),
    (
        {"DateGreaterThanEquals": {"aws:CurrentTime": "2020-01-02"}},
        {"aws:CurrentTime": "2020-01-01T00:00:00Z"},
        DENIED,
    ),
    # --- Bool: aws:SecureTransport ---
    ({"Bool": {"aws:SecureTransport": "false"}}, {"aws:SecureTransport": "false"}, ALLOWED),
    ({"Bool": {"aws:SecureTransport": "false"}}, {"aws:SecureTransport": "true"}, DENIED),
    ({"Bool": {"aws:SecureTransport": True}}, {"aws:SecureTransport": "TRUE"}, ALLOWED),
    # --- Binary: byte for byte against base-64 ---
    (
        {"BinaryEquals": {"key": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="}},
        {"key": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="},
        ALLOWED,
    ),
    ({"BinaryEquals": {"key": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}, {"key": "T3RoZXI="}, DENIED),
    # --- IP address: "the IP range 203.0.113.0 to 203.0.113.255", IPv6 beside IPv4 ---
    ({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {"aws:SourceIp": "203.0.113.255"}, ALLOWED),
    ({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {"aws:SourceIp": "203.0.114.1"}, DENIED),
    (
        {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:DB8:1234:5678::/64"]}},
        {"aws:SourceIp": "2001:db8:1234:5678::1"},
        ALLOWED,
    ),
    # "If you specify an IP address without the associated routing prefix, IAM uses ... /32"
    ({"IpAddress": {"aws:SourceIp": "203.0.113.7"}}, {"aws:SourceIp": "203.0.113.8"}, DENIED),
    (
        {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
        {"aws:SourceIp": "198.51.100.1"},
        ALLOWED,
    ),
    # aws:SourceIp is in every request's context "except when the requester uses a VPC
    # endpoint" (global keys page): not given, its value is unknown, not absent.
    ({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {}, UNKNOWN),
    # --- ARN: "With a StringLike condition, the match succeeds ... With an ArnLike condition,
    # which matches elements between colons, the match fails." ---
    (
        {"StringLike": {"aws:SourceArn": "arn:aws:someservice:*:111122223333:finance/*"}},
        {
            "aws:SourceArn": "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:"
            "finance/document.txt"
        },
        ALLOWED,
    ),
    (
        {"ArnLike": {"aws:SourceArn": "arn:aws:someservice:*:111122223333:finance/*"}},
        {
            "aws:SourceArn": "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:"
            "finance/document.txt"
        },
        DENIED,
    ),
    (
        {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:TOPIC-ID"}},
        {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:TOPIC-ID"},
        ALLOWED,
    ),
    # "The ArnEquals and ArnLike condition operators behave identically."
    (
        {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:123456789012:*"}},
        {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:TOPIC-ID"},
        ALLOWED,
    ),
    (
        {"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:*"}},
        {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:TOPIC-ID"},
        DENIED,
    ),
    ({"ArnNotEquals": {"aws:SourceArn": "arn:aws:sns:*:123456789012:*"}}, {}, ALLOWED),
    # "If an IAM user attempts to perform this operation directly, the condition returns false"
    ({"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:TOPIC-ID"}}, {}, DENIED),
    # --- ...IfExists: "If the key is not present, evaluate the condition element as true." ---
    ({"StringLikeIfExists": {"ec2:InstanceType": ["t1.*", "t2.*", "m3.*"]}}, {}, ALLOWED),
    (
        {"StringLikeIfExists": {"ec2:InstanceType": ["t1.*", "t2.*", "m3.*"]}},
        {"ec2:InstanceType": "t2.micro"},
        ALLOWED,
    ),
    (
        {"StringLikeIfExists": {"ec2:InstanceType": ["t1.*", "t2.*", "m3.*"]}},
        {"ec2:InstanceType": "c5.large"},
        DENIED,
    ),
    # "THISPOLICYDOESNOTWORK": without IfExists a resource lacking the key fails.
    ({"StringLike": {"ec2:InstanceType": ["t1.*", "t2.*", "m3.*"]}}, {}, DENIED),
    ({"NumericLessThanIfExists": {"s3:max-keys": "10"}}, {}, ALLOWED),
    # --- Null: "true (the key doesn't exist) or false (the key exists)" ---
    ({"Null": {"aws:TokenIssueTime": "true"}}, {}, ALLOWED),
    (
        {"Null": {"aws:TokenIssueTime": "true"}},
        {"aws:TokenIssueTime": "2020-01-01T00:00:00Z"},
        DENIED,
    ),
    (
        {"Null": {"aws:TokenIssueTime": "false"}},
        {"aws:TokenIssueTime": "2020-01-01T00:00:00Z"},
        ALLOWED,
    ),
    ({"Null": {"aws:TokenIssueTime": False}}, {}, DENIED),
    # --- Several operators, several keys: AND; several values: OR (multi-value page) ---
    (
        {
            "StringEquals": {
                "aws:PrincipalTag/department": ["finance", "hr", "legal"],
                "aws:PrincipalTag/role": ["audit", "security"],
            },
            "ArnLike": {
                "aws:PrincipalArn": [
                    "arn:aws:iam::222222222222:user/Ana",
                    "arn:aws:iam::222222222222:user/Mary",
                ]
            },
        },
        {
            "aws:PrincipalTag/department": "hr",
            "aws:PrincipalTag/role": "audit",
            "aws:PrincipalArn": "arn:aws:iam::222222222222:user/Mary",
        },
        ALLOWED,
    ),
    (
        {
            "StringEquals": {
                "aws:PrincipalTag/department": ["finance", "hr", "legal"],
                "aws:PrincipalTag/role": ["audit", "security"],
            },
            "ArnLike": {
                "aws:PrincipalArn": [
                    "arn:aws:iam::222222222222:user/Ana",
                    "arn:aws:iam::222222222222:user/Mary",
                ]
            },
        },
        {
            "aws:PrincipalTag/department": "hr",
            "aws:PrincipalTag/role": "audit",
            "aws:PrincipalArn": "arn:aws:iam::222222222222:user/Bob",
        },
        DENIED,
    ),
    # "...a single negated matching condition operator includes multiple values ... NOR"
    (
        {"StringNotEquals": {"aws:PrincipalTag/department": ["finance", "hr"]}},
        {"aws:PrincipalTag/department": "hr"},
        DENIED,
    ),
    (
        {"StringNotEquals": {"aws:PrincipalTag/department": ["finance", "hr"]}},
        {"aws:PrincipalTag/department": "legal"},
        ALLOWED,
    ),
    # --- Set operators on multivalued keys (aws:TagKeys) ---
    (
        {"ForAllValues:StringEquals": {"aws:TagKeys": ["environment", "cost-center"]}},
        {"aws:TagKeys": ["environment"]},
        ALLOWED,
    ),
    (
        {"ForAllValues:StringEquals": {"aws:TagKeys": ["environment", "cost-center"]}},
        {"aws:TagKeys": ["environment", "owner"]},
        DENIED,
    ),
    # "ForAllValues ... returns true if ... the key is not present" (the empty set).
    ({"ForAllValues:StringEquals": {"aws:TagKeys": ["environment"]}}, {}, ALLOWED),
    ({"ForAllValues:StringEquals": {"aws:TagKeys": ["environment"]}}, {"aws:TagKeys": []}, ALLOWED),
    (
        {"ForAnyValue:StringEquals": {"aws:TagKeys": ["environment", "cost-center"]}},
        {"aws:TagKeys": ["owner", "cost-center"]},
        ALLOWED,
    ),
    ({"ForAnyValue:StringEquals": {"aws:TagKeys": ["environment"]}}, {}, DENIED),
    (
        {"ForAnyValue:StringEquals": {"aws:TagKeys": ["environment"]}},
        {"aws:TagKeys": ["x"]},
        DENIED,
    ),
    (
        {"ForAllValues:StringNotEquals": {"aws:TagKeys": ["secret"]}},
        {"aws:TagKeys": ["a", "b"]},
        ALLOWED,
    ),
    (
        {"ForAllValues:StringNotEquals": {"aws:TagKeys": ["secret"]}},
        {"aws:TagKeys": ["a", "secret"]},
        DENIED,
    ),
    (
        {"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["secret"]}},
        {"aws:TagKeys": ["secret", "a"]},
        ALLOWED,
    ),
    (
        {"ForAnyValue:StringLike": {"aws:TagKeys": ["env*"]}},
        {"aws:TagKeys": ["x", "envy"]},
        ALLOWED,
    ),
    ({"ForAllValues:StringLikeIfExists": {"aws:TagKeys": ["env*"]}}, {}, ALLOWED),
    # --- What we cannot decide, we say: an unknown operator, a malformed value ---
    ({"StringEqual": {"aws:username": "bob"}}, {"aws:username": "bob"}, UNKNOWN),
    ({"NumericLessThan": {"s3:max-keys": "ten"}}, {"s3:max-keys": "1"}, UNKNOWN),
    ({"IpAddress": {"aws:SourceIp": "not-an-ip"}}, {"aws:SourceIp": "10.0.0.1"}, UNKNOWN),
    ({"Null": {"aws:username": "maybe"}}, {}, UNKNOWN),
]


def _id(row: tuple) -> str:
    condition, _context, expected = row
    return f"{next(iter(condition))}-{expected.value}"


@pytest.mark.parametrize(("condition", "context", "expected"), ROWS, ids=[_id(r) for r in ROWS])
def test_condition_operators(condition: dict, context: dict, expected: Decision) -> None:
    policy = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": "s3:ListBucket",
                    "Resource": "*",
                    "Condition": condition,
                }
            ],
        }
    )
    result = check(policy, "s3:ListBucket", "arn:aws:s3:::b", context=context)
    assert result.decision is expected, result.reason


def test_an_unknown_condition_on_a_deny_makes_the_decision_unknown_not_allowed() -> None:
    policy = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                {
                    "Effect": "Deny",
                    "Action": "s3:*",
                    "Resource": "*",
                    "Condition": {"StringEqualz": {"aws:username": "bob"}},
                },
            ],
        }
    )
    assert check(policy, "s3:GetObject", "*").decision is Decision.UNKNOWN


def test_deny_with_negated_if_exists_still_denies_when_key_is_missing() -> None:
    # IfExists section: "If you are using an "Effect": "Deny" element with a negated condition
    # operator like StringNotEqualsIfExists, the request is still denied even if the tag is
    # missing."
    policy = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                {
                    "Sid": "D",
                    "Effect": "Deny",
                    "Action": "s3:*",
                    "Resource": "*",
                    "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalTag/team": "a"}},
                },
            ],
        }
    )
    assert check(policy, "s3:GetObject", "*").decision is Decision.EXPLICIT_DENY
