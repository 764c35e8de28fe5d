"""Policy rules: one table per code. Each case is (policy text, the exact text each finding of
that code points at). An empty list is a negative case."""

import json

import pytest

from editor.core.lint.engine import LintOptions, Quota, fix_all, lint
from editor.core.text.findings import Severity
from tests.core.policies import (
    APP,
    BASE,
    BOT,
    CHANNEL,
    CLEAN_MULTI_SERVICE,
    FLOW,
    USER,
    policy,
    statement,
)

S = statement

TABLE: dict[str, list[tuple[str, list[str]]]] = {
    "policy/missing-version": [
        (policy(S("chime:Connect", USER), version=None), ["{"]),
        (policy(S("chime:Connect", USER)), []),
        ('{"Statement": []}', ["{"]),
    ],
    "policy/old-version": [
        (policy(S("chime:Connect", USER), version="2008-10-17"), ['"2008-10-17"']),
        (policy(S("chime:Connect", USER)), []),
        (
            '{"Version": "2008-10-17", "Statement": {"Effect": "Deny", "Action": "*", '
            '"Resource": "*"}}',
            ['"2008-10-17"'],
        ),
    ],
    "policy/invalid-version": [
        (policy(S("chime:Connect", USER), version="2012-10-18"), ['"2012-10-18"']),
        ('{"Version": 2012, "Statement": []}', ["2012"]),
        (policy(S("chime:Connect", USER), version="2012-10-17"), []),
    ],
    "policy/missing-statement": [
        ('{"Version": "2012-10-17"}', ["{"]),
        ('{"Version": "2012-10-17", "Statements": []}', ["{"]),
        (policy(S("chime:Connect", USER)), []),
    ],
    "policy/unknown-element": [
        (
            '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Actions": '
            '"chime:Connect", "Resource": "*"}]}',
            ['"Actions"'],
        ),
        (
            '{"Version": "2012-10-17", "Statement": [{"effect": "Allow", "Action": '
            '"chime:Connect", "Resource": "*"}]}',
            ['"effect"'],
        ),
        ('{"version": "2012-10-17", "Statement": []}', ['"version"']),
        (CLEAN_MULTI_SERVICE, []),
    ],
    "policy/invalid-effect": [
        (policy(S("chime:Connect", USER, effect="allow")), ['"allow"']),
        (policy(S("chime:Connect", USER, effect="Permit")), ['"Permit"']),
        (policy(S("chime:Connect", USER, effect="Deny")), []),
    ],
    "policy/missing-effect": [
        (policy({"Action": "chime:Connect", "Resource": USER}), ["{"]),
        (policy(S("chime:Connect", USER), {"Action": "s3:GetObject", "Resource": "*"}), ["{"]),
        (policy(S("chime:Connect", USER)), []),
    ],
    "policy/missing-action": [
        (policy({"Effect": "Allow", "Resource": USER}), ["{"]),
        (policy({"Effect": "Deny", "NotAction": "chime:Get*", "Resource": "*"}), []),
        (policy(S("chime:Connect", USER)), []),
    ],
    "policy/missing-resource": [
        (policy({"Effect": "Allow", "Action": "chime:Connect"}), ["{"]),
        (policy({"Effect": "Allow", "Action": "chime:Connect", "NotResource": CHANNEL}), []),
        (policy(S("chime:Connect", USER)), []),
    ],
    "policy/duplicate-sid": [
        (
            policy(
                {"Sid": "A", **S("chime:Connect", USER)}, {"Sid": "A", **S("s3:GetObject", "*")}
            ),
            ['"A"'],
        ),
        (
            policy(
                {"Sid": "A", **S("chime:Connect", USER)}, {"Sid": "B", **S("s3:GetObject", "*")}
            ),
            [],
        ),
        (
            policy({"Sid": "", **S("chime:Connect", USER)}, {"Sid": "", **S("s3:GetObject", "*")}),
            [],
        ),
    ],
    "policy/invalid-sid": [
        (policy({"Sid": "allow-connect", **S("chime:Connect", USER)}), ['"allow-connect"']),
        (policy({"Sid": "Allow Connect", **S("chime:Connect", USER)}), ['"Allow Connect"']),
        (policy({"Sid": "AllowConnect1", **S("chime:Connect", USER)}), []),
    ],
    "policy/principal-in-identity-policy": [
        (policy(S("chime:Connect", USER, Principal={"AWS": "*"})), ['"Principal"']),
        (policy(S("chime:Connect", USER, NotPrincipal={"AWS": "*"})), ['"NotPrincipal"']),
        (policy(S("chime:Connect", USER)), []),
    ],
    "policy/empty-array": [
        (policy(S([], USER)), ["[]"]),
        (policy(S("chime:Connect", [])), ["[]"]),
        ('{"Version": "2012-10-17", "Statement": []}', ["[]"]),
        (policy(S(["chime:Connect"], [USER])), []),
    ],
    "action/unknown-service": [
        (policy(S("chimee:Connect", USER)), ["chimee"]),
        (policy(S(["s3:GetObject", "s4:GetObject"], "*")), ["s4"]),
        (CLEAN_MULTI_SERVICE, []),
    ],
    "action/unknown": [
        (policy(S("chime:SendChannelMesage", [USER, CHANNEL])), ['"chime:SendChannelMesage"']),
        (policy(S("chime:FlyToTheMoon", "*")), ['"chime:FlyToTheMoon"']),
        (policy(S("chime:CreateMeeting", "*")), []),
    ],
    "action/miscased": [
        (policy(S("chime:Listsubchannels", [USER, CHANNEL])), ['"chime:Listsubchannels"']),
        (policy(S("Chime:Connect", USER)), ['"Chime:Connect"']),
        (policy(S("chime:ListSubChannels", [USER, CHANNEL])), []),
    ],
    "action/duplicate": [
        (policy(S(["chime:Connect", "chime:connect"], USER)), ['"chime:connect"']),
        (
            policy(S(["chime:List*", "chime:ListChannels"], [USER, CHANNEL])),
            ['"chime:ListChannels"'],
        ),
        (policy(S(["chime:Connect"], USER), S(["chime:Connect"], USER)), []),
    ],
    "action/invalid-format": [
        (policy(S("ListChannels", [USER])), ['"ListChannels"']),
        (policy(S("chime:List Channels", [USER])), ['"chime:List Channels"']),
        (policy(S("chime:", [USER])), ['"chime:"']),
        (policy(S("chime:ListChannels", [USER])), []),
    ],
    "action/wildcard": [
        # "*" and "chime:*" are security/wildcard-action (tests/core/lint/test_security.py).
        (policy(S("*", "*")), []),
        (policy(S("chime:*", "*")), []),
        (policy(S("chime:List*", [USER, CHANNEL])), ['"chime:List*"']),
        (policy(S("chime:ListChannels", [USER])), []),
    ],
    "action/wildcard-matches-nothing": [
        (policy(S("chime:Lsit*", "*")), ['"chime:Lsit*"']),
        (policy(S("chime:*Nothing*", "*")), ['"chime:*Nothing*"']),
        (policy(S("chime:List*", [USER, CHANNEL])), []),
    ],
    "resource/placeholder": [
        (
            policy(
                S(
                    "chime:Connect",
                    "arn:aws:chime:region:{aws_account_id}:app-instance/"
                    "{app_instance_id}/user/{app_instance_user_id}",
                )
            ),
            ["region", "{aws_account_id}", "{app_instance_id}", "{app_instance_user_id}"],
        ),
        (
            policy(
                S(
                    "chime:Connect",
                    "arn:aws:chime:us-east-1:<account-id>:app-instance/"
                    "APP_INSTANCE_ID/user/${Region}",
                )
            ),
            ["<account-id>", "APP_INSTANCE_ID", "${Region}"],
        ),
        (policy(S("chime:Connect", f"{BASE}/user/${{aws:username}}")), []),
        (policy(S("s3:GetObject", "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*")), []),
    ],
    "resource/invalid-arn": [
        (
            policy(S("chime:Connect", "chime:us-east-1:123456789012:app-instance/a/user/u")),
            ['"chime:us-east-1:123456789012:app-instance/a/user/u"'],
        ),
        (policy(S("chime:Connect", f"{BASE}/usr/u1")), ["app-instance/app-1/usr/u1"]),
        (policy(S("chime:Connect", USER)), []),
    ],
    "resource/invalid-partition": [
        (policy(S("chime:Connect", USER.replace("arn:aws:", "arn:amazon:"))), ["amazon"]),
        (policy(S("chime:Connect", USER.replace("arn:aws:", "arn:aws-cn:"))), []),
        (policy(S("chime:Connect", USER.replace("arn:aws:", "arn:*:"))), []),
    ],
    "resource/invalid-region": [
        (policy(S("chime:Connect", USER.replace("us-east-1", "us-east"))), ["us-east"]),
        (policy(S("chime:Connect", USER.replace("us-east-1", "useast1"))), ["useast1"]),
        (policy(S("chime:Connect", USER.replace("us-east-1", "*"))), []),
        # in the format of a region, but no partition has it (botocore's endpoint data)
        (policy(S("chime:Connect", USER.replace("us-east-1", "us-east-9"))), ["us-east-9"]),
        (policy(S("chime:Connect", USER.replace("us-east-1", "us-esat-1"))), ["us-esat-1"]),
        (policy(S("s3:GetObject", "arn:aws:sqs:us-west-7:123456789012:q")), ["us-west-7"]),
        (policy(S("sqs:SendMessage", "arn:aws:sqs:ap-south-1:123456789012:q")), []),
    ],
    "resource/region-unsupported": [
        (policy(S("chime:Connect", USER.replace("us-east-1", "ap-south-1"))), ["ap-south-1"]),
        (policy(S("chime:Connect", USER.replace("us-east-1", "eu-central-1"))), []),
        (policy(S("chime:Connect", USER)), []),
    ],
    "resource/invalid-account": [
        (policy(S("chime:Connect", USER.replace("123456789012", "12345"))), ["12345"]),
        (policy(S("chime:Connect", USER.replace("123456789012", "my-account"))), ["my-account"]),
        (policy(S("chime:Connect", USER.replace("123456789012", "*"))), []),
    ],
    "resource/invalid-id": [
        (policy(S("chime:Connect", f"{BASE}/user/-bad-")), ["-bad-"]),
        (policy(S("chime:SendChannelMessage", [USER, f"{BASE}/channel/a b"])), ["a b"]),
        (policy(S("chime:Connect", f"{BASE}/user/user.name@example")), []),
    ],
    "resource/mismatch": [
        (policy(S("chime:DescribeChannelFlow", [USER, CHANNEL])), ['"chime:DescribeChannelFlow"']),
        (
            policy(S(["chime:Connect", "chime:ListAppInstances"], USER)),
            ['"chime:ListAppInstances"'],
        ),
        (policy(S("chime:DescribeChannelFlow", FLOW)), []),
    ],
    "resource/missing-target": [
        (
            policy(S(["chime:AssociateChannelFlow"], [USER, CHANNEL])),
            ['"chime:AssociateChannelFlow"'],
        ),
        (policy(S(["chime:SendChannelMessage"], [USER])), ['"chime:SendChannelMessage"']),
        (policy(S(["chime:SendChannelMessage"], [CHANNEL])), ['"chime:SendChannelMessage"']),
        (policy(S(["chime:SendChannelMessage"], [BOT, CHANNEL])), []),
        (policy(S(["chime:AssociateChannelFlow"], [USER, CHANNEL, FLOW])), []),
        # A Deny on any one of the ARNs a call is authorized against denies it: complete
        (policy(S(["chime:SendChannelMessage"], [CHANNEL], effect="Deny")), []),
        (policy(S(["chime:SendChannelMessage"], [USER], effect="Deny")), []),
        (policy(S(["chime:AssociateChannelFlow"], [USER, CHANNEL], effect="Deny")), []),
    ],
    "resource/star-required": [
        (
            policy(S("chime:GetMessagingSessionEndpoint", USER)),
            ['"chime:GetMessagingSessionEndpoint"'],
        ),
        (policy(S("chime:CreateAppInstanceUser", APP)), ['"chime:CreateAppInstanceUser"']),
        (policy(S("chime:GetMessagingSessionEndpoint", "*")), []),
    ],
    "resource/star": [
        (policy(S("chime:SendChannelMessage", "*")), ['"*"']),
        (policy(S(["chime:DescribeAppInstance", "chime:CreateAppInstance"], "*")), ['"*"']),
        (policy(S("chime:GetMessagingSessionEndpoint", "*")), []),
        (policy(S("chime:SendChannelMessage", "*", effect="Deny")), []),
    ],
    "resource/duplicate": [
        (
            policy(S("chime:SendChannelMessage", [USER, CHANNEL, CHANNEL])),
            [f'"{CHANNEL}"'],
        ),
        (policy(S("chime:SendChannelMessage", [USER, CHANNEL])), []),
        (policy(S("chime:SendChannelMessage", [CHANNEL, USER])), []),
    ],
    "resource/wrong-service": [
        (policy(S("chime:Connect", "arn:aws:s3:::bucket")), ["s3"]),
        (policy(S("chime:Connect", "arn:aws:sns:us-east-1:123456789012:topic")), ["sns"]),
        (policy(S(["chime:Connect", "s3:GetObject"], [USER, "arn:aws:s3:::bucket"])), []),
    ],
    "condition/unknown-operator": [
        (
            policy(S("chime:Connect", USER, Condition={"StringEqual": {"aws:username": "a"}})),
            ['"StringEqual"'],
        ),
        (
            policy(
                S(
                    "chime:Connect",
                    USER,
                    Condition={"ForAnyValue:StringsLike": {"aws:TagKeys": "a"}},
                )
            ),
            ['"ForAnyValue:StringsLike"'],
        ),
        (
            policy(
                S("chime:Connect", USER, Condition={"StringLikeIfExists": {"aws:username": "a"}})
            ),
            [],
        ),
    ],
    "condition/unknown-key": [
        (
            policy(S("chime:Connect", USER, Condition={"Bool": {"aws:SecureTransports": "true"}})),
            ['"aws:SecureTransports"'],
        ),
        (
            policy(S("chime:Connect", USER, Condition={"StringEquals": {"chime:Channel": "a"}})),
            ['"chime:Channel"'],
        ),
        (
            policy(
                S("chime:Connect", USER, Condition={"StringEquals": {"aws:PrincipalTag/team": "a"}})
            ),
            [],
        ),
        (policy(S("s3:GetObject", "*", Condition={"StringEquals": {"s3:prefix": "a"}})), []),
    ],
    "condition/key-not-supported": [
        (
            policy(S("chime:Connect", USER, Condition={"StringEquals": {"aws:RequestTag/a": "b"}})),
            ['"aws:RequestTag/a"'],
        ),
        (
            policy(
                S(
                    "chime:ListChannels",
                    USER,
                    Condition={"ForAnyValue:StringEquals": {"aws:TagKeys": "b"}},
                )
            ),
            ['"aws:TagKeys"'],
        ),
        (
            policy(
                S(
                    "chime:CreateChannel",
                    USER,
                    Condition={"StringEquals": {"aws:RequestTag/a": "b"}},
                )
            ),
            [],
        ),
        (
            policy(
                S("chime:Connect", USER, Condition={"StringEquals": {"aws:ResourceTag/a": "b"}})
            ),
            [],
        ),
    ],
}


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
        assert len(rows) >= 3, code
        assert any(expected for _, expected in rows), code
        assert any(not expected for _, expected in rows), code


def test_clean_multi_service_policy_has_no_errors_or_warnings() -> None:
    found = lint(CLEAN_MULTI_SERVICE).findings
    assert [(f.code, f.message) for f in found if f.severity is not Severity.INFO] == []
    assert {f.code for f in found} <= {"action/wildcard"}  # info: what chime:List* expands to


@pytest.mark.parametrize(
    ("quota", "limit"),
    [(Quota.MANAGED, 6144), (Quota.USER, 2048), (Quota.GROUP, 5120), (Quota.ROLE, 10240)],
)
def test_size_limit_counts_characters_without_whitespace(quota: Quota, limit: int) -> None:
    def sized(n_statements: int) -> str:
        return policy(*[{"Sid": f"S{i}", **S("chime:Connect", USER)} for i in range(n_statements)])

    n = 1
    while len("".join(sized(n).split())) <= limit:
        n += 1
    over, under = sized(n), sized(n - 1)
    found = [f for f in lint(over, LintOptions(quota)).findings if f.code == "policy/size-limit"]
    assert len(found) == 1
    assert f"{len(''.join(over.split())):,}" in found[0].message
    assert f"{limit:,}" in found[0].message
    assert not [
        f for f in lint(under, LintOptions(quota)).findings if f.code == "policy/size-limit"
    ]


@pytest.mark.parametrize(
    ("text", "fixed_fragment"),
    [
        (policy(S("chime:Listsubchannels", [USER, CHANNEL])), '"chime:ListSubChannels"'),
        (policy(S("chime:Connect", USER, effect="allow")), '"Effect": "Allow"'),
        (
            '{"Version": "2012-10-17", "Statement": [{"effect": "Allow", "Action": '
            '"chime:Connect", "Resource": "' + USER + '"}]}',
            '"Effect": "Allow"',
        ),
        (
            policy(S(["chime:Connect", "chime:connect"], USER)),
            '"Action": [\n                "chime:Connect"\n            ]',
        ),
        (
            policy(S("chime:Connect", USER), version=None),
            '"Version": "2012-10-17",\n    "Statement"',
        ),
        (policy({"Sid": "allow-connect", **S("chime:Connect", USER)}), '"Sid": "allowconnect"'),
        (
            policy(S("chime:SendChannelMessage", [USER, CHANNEL, CHANNEL])),
            f'"Resource": [\n                "{USER}",\n                "{CHANNEL}"\n            ]',
        ),
        (
            policy(S("chime:Connect", USER, Condition={"stringequals": {"aws:username": "a"}})),
            '"StringEquals"',
        ),
    ],
)
def test_safe_fixes_repair_the_policy(text: str, fixed_fragment: str) -> None:
    fixed = fix_all(text)
    assert fixed_fragment in fixed
    remaining = [f for f in lint(fixed).findings if f.severity is not Severity.INFO]
    assert remaining == []
    json.loads(fixed)


def test_did_you_mean_fixes_are_offered_but_not_applied_by_fix_all() -> None:
    text = policy(S("chime:SendChannelMesage", [USER, CHANNEL]))
    (finding,) = [f for f in lint(text).findings if f.code == "action/unknown"]
    assert "did you mean 'chime:SendChannelMessage'" in finding.message
    assert finding.fix is not None and not finding.fix.safe
    assert finding.fix.edits[0].text == '"chime:SendChannelMessage"'
    assert fix_all(text) == text
