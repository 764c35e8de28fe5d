"""Security findings: one table per code, each case (policy text, the exact text each finding
of that code points at). The cases of the generic checks follow the examples of IAM Access
Analyzer's policy check reference ("Pass role with star in resource", "... with NotAction",
"Redundant action", "Redundant statement") and of Rhino Security Labs' privilege escalation
methods; the Chime ones follow AWS's "Example IAM roles" page for the Chime SDK."""

import pytest

from editor.core.lint.engine import LintOptions, Quota, lint
from editor.core.text.findings import Severity
from tests.core.policies import BASE, CHANNEL, USER, policy
from tests.core.policies import statement as S

ROLE = "arn:aws:iam::123456789012:role/chat-processor"
ANY_USER = f"{BASE}/user/*"
SELF = "arn:aws:iam::*:user/${aws:username}"  # the caller's own IAM user
ANY_IAM_USER = "arn:aws:iam::*:user/*"

TABLE: dict[str, list[tuple[str, list[str]]]] = {
    "security/allow-not-action": [
        (
            policy({"Effect": "Allow", "NotAction": "chime:DeleteChannel", "Resource": "*"}),
            ['"NotAction"'],
        ),
        (policy({"Effect": "Deny", "NotAction": "chime:DeleteChannel", "Resource": "*"}), []),
        (policy(S("chime:DeleteChannel", [USER, CHANNEL])), []),
    ],
    "security/allow-not-resource": [
        (
            policy(
                {
                    "Effect": "Allow",
                    "Action": "s3:GetObject",
                    "NotResource": "arn:aws:s3:::secret/*",
                }
            ),
            ['"NotResource"'],
        ),
        (
            policy(
                {"Effect": "Deny", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::public/*"}
            ),
            [],
        ),
    ],
    "security/pass-role": [
        (policy(S("iam:PassRole", "*")), ['"iam:PassRole"']),
        (policy(S("iam:Pass*", "*")), ['"iam:Pass*"']),
        (policy({"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}), ['"NotAction"']),
        (
            policy({"Effect": "Allow", "Action": "iam:PassRole", "NotResource": ROLE}),
            ['"iam:PassRole"'],
        ),
        (policy(S("iam:PassRole", ROLE)), []),
        (policy(S("iam:*", ROLE)), []),
        (
            policy(
                S("iam:PassRole", "*"),
                {"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"},
            ),
            [],
        ),
    ],
    "security/service-linked-role": [
        (policy(S("iam:CreateServiceLinkedRole", "*")), ['"iam:CreateServiceLinkedRole"']),
        (
            policy(
                S(
                    "iam:CreateServiceLinkedRole",
                    "arn:aws:iam::*:role/aws-service-role/chime.amazonaws.com/*",
                )
            ),
            [],
        ),
    ],
    "security/privilege-escalation": [
        (
            policy(S("iam:CreatePolicyVersion", "arn:aws:iam::123456789012:policy/chat")),
            ['"iam:CreatePolicyVersion"'],
        ),
        (policy(S(["iam:AttachRolePolicy", "sts:AssumeRole"], "*")), ['"iam:AttachRolePolicy"']),
        (
            policy(S(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "*")),
            ['"iam:PassRole"'],
        ),
        (policy(S("iam:AttachRolePolicy", ROLE)), []),  # needs sts:AssumeRole too
        # AWS's "manage your own credentials" example (IAM User Guide,
        # reference_policies_examples_aws_my-sec-creds-self-manage): a key or a password of
        # one's own user is not Rhino's method, which makes them for another user.
        (policy(S(["iam:CreateAccessKey", "iam:UpdateLoginProfile"], SELF)), []),
        (policy(S("iam:CreateAccessKey", ANY_IAM_USER)), ['"iam:CreateAccessKey"']),
        (policy(S("iam:CreateAccessKey", [SELF, ANY_IAM_USER])), ['"iam:CreateAccessKey"']),
        # Attaching a policy to oneself is escalation, whoever the user is.
        (policy(S("iam:PutUserPolicy", SELF)), ['"iam:PutUserPolicy"']),
        (policy(S(["iam:PassRole", "lambda:InvokeFunction"], ROLE)), []),
    ],
    "security/credentials-exposure": [
        (policy(S("iam:CreateAccessKey", "*")), ['"iam:CreateAccessKey"']),
        # One's own key carries one's own permissions (AWS's self-manage example).
        (policy(S(["iam:CreateAccessKey", "iam:UpdateAccessKey"], SELF)), []),
        (policy(S("iam:UpdateAccessKey", ANY_IAM_USER)), ['"iam:UpdateAccessKey"']),
        (
            policy(S("cognito-identity:GetCredentialsForIdentity", "*")),
            ['"cognito-identity:GetCredentialsForIdentity"'],
        ),
        (policy(S("sts:*", "*")), ['"sts:*"']),
        (policy(S("sts:GetCallerIdentity", "*")), []),
        (policy(S("chime:Connect", USER)), []),
    ],
    "security/wildcard-action": [
        (policy(S("*", "*")), ['"*"']),
        (policy(S("chime:*", "*")), ['"chime:*"']),
        (policy(S("s3:*", "arn:aws:s3:::chat/*")), ['"s3:*"']),
        (policy({"Effect": "Deny", "Action": "*", "Resource": "*"}), []),
        (policy(S("chime:List*", [USER, CHANNEL])), []),
    ],
    "security/redundant": [
        (policy(S("chime:Connect", USER), S("chime:Connect", USER)), ["{"]),
        (  # the same once white space is gone, but not the same action
            policy(S(["chime:List Channels"], USER), S(["chime:ListChannels"], USER)),
            [],
        ),
        (
            policy(
                S(["chime:Connect", "chime:ListChannels"], [USER, CHANNEL]),
                S("chime:ListChannels", [USER, CHANNEL]),
            ),
            ['"chime:ListChannels"'],
        ),
        (
            policy(S("chime:List*", [USER, CHANNEL]), S("chime:ListChannels", [USER, CHANNEL])),
            ['"chime:ListChannels"'],
        ),
        (
            policy(
                S("chime:ListChannels", [USER, CHANNEL]),
                S("chime:ListChannels", [f"{BASE}/user/other", CHANNEL]),
            ),
            [],
        ),
        (
            policy(
                S("chime:Connect", USER),
                {
                    **S("chime:Connect", USER),
                    "Condition": {"Bool": {"aws:SecureTransport": "true"}},
                },
            ),
            [],
        ),
    ],
    "security/caller-impersonation": [
        (policy(S("chime:SendChannelMessage", [ANY_USER, CHANNEL])), [f'"{ANY_USER}"']),
        (policy(S("chime:SendChannelMessage", [f"{BASE}/bot/*", CHANNEL])), [f'"{BASE}/bot/*"']),
        (policy(S("chime:ListChannelMessages", [f"{BASE}/*"])), [f'"{BASE}/*"']),
        (policy(S("chime:Connect", "*")), ['"*"']),
        (policy(S("chime:SendChannelMessage", [f"{BASE}/user/${{aws:username}}", CHANNEL])), []),
        (policy(S("chime:SendChannelMessage", [USER, CHANNEL])), []),
        (policy(S("chime:DescribeAppInstanceUser", ANY_USER)), []),  # an administrator's call
    ],
    "security/admin-in-user-policy": [
        (
            policy(
                S("chime:SendChannelMessage", [USER, CHANNEL]), S("chime:DeleteAppInstance", BASE)
            ),
            ['"chime:DeleteAppInstance"'],
        ),
        (
            policy(S(["chime:Connect", "chime:CreateAppInstanceAdmin"], [USER, BASE])),
            ['"chime:CreateAppInstanceAdmin"'],
        ),
        (policy(S("chime:DeleteAppInstance", BASE)), []),
        (
            policy(
                S("chime:SendChannelMessage", [USER, CHANNEL]), S("chime:DescribeAppInstance", BASE)
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
        assert any(expected for _, expected in rows), code
        assert any(not expected for _, expected in rows), code


@pytest.mark.parametrize(("code", "text", "expected"), [c for c in cases() if c.values[2]])
def test_each_finding_says_why_and_links_the_documentation(code, text, expected) -> None:
    for finding in lint(text).findings:
        if finding.code == code:
            assert "(see https://docs.aws.amazon.com/" in finding.message
            if code != "security/redundant":
                assert finding.severity is Severity.WARNING


@pytest.mark.parametrize(
    ("quota", "hint"),
    [
        (Quota.USER, "${aws:username}"),
        (Quota.ROLE, "${aws:PrincipalTag/chime-user-id}"),
        (Quota.MANAGED, "${cognito-identity.amazonaws.com:sub}"),
    ],
)
def test_impersonation_suggests_the_variable_that_fits_the_principal(quota, hint) -> None:
    text = policy(S("chime:SendChannelMessage", [ANY_USER, CHANNEL]))
    (found,) = [
        f
        for f in lint(text, LintOptions(quota)).findings
        if f.code == "security/caller-impersonation"
    ]
    assert hint in found.message


def test_connect_on_every_user_is_impersonation_too() -> None:
    text = policy(S("chime:Connect", ANY_USER))
    assert [f.code for f in lint(text).findings if f.code.startswith("security/")] == [
        "security/caller-impersonation"
    ]


@pytest.mark.parametrize(
    "actions",
    [
        ["chime:SendChannelMessage", "chime:SendChannelMessage"],  # listed twice
        ["chime:SendChannelMessage", "chime:Send*"],  # and named again by a wildcard
    ],
)
def test_impersonation_names_each_action_once(actions: list[str]) -> None:
    (finding,) = [
        f
        for f in lint(policy(S(actions, ANY_USER))).findings
        if f.code == "security/caller-impersonation"
    ]
    assert finding.message.startswith("SendChannelMessage acts as the user or bot")


@pytest.mark.parametrize(
    ("quota", "expected"),
    [(Quota.ROLE, [f'"{BASE}/user/${{aws:username}}"']), (Quota.USER, []), (Quota.MANAGED, [])],
)
def test_username_in_a_role_policy(quota, expected) -> None:
    text = policy(S("chime:Connect", f"{BASE}/user/${{aws:username}}"))
    found = lint(text, LintOptions(quota)).findings
    hits = [text[f.start : f.end] for f in found if f.code == "security/username-in-role-policy"]
    assert hits == expected
    for f in found:
        if f.code == "security/username-in-role-policy":
            assert "${aws:PrincipalTag/" in f.message and "cognito-identity" in f.message


@pytest.mark.parametrize("user_id", ["user-1", "${aws:username}"])
@pytest.mark.parametrize("layout", ["least-privilege", "aws-example"])
@pytest.mark.parametrize(
    "persona", ["app-instance-admin", "full-user", "minimal-user", "websocket-connect"]
)
def test_what_the_generator_writes_for_a_persona_gets_no_finding_above_info(
    persona, layout, user_id
) -> None:
    from editor.core.catalog.catalog import load_personas
    from editor.core.policy.arnvalues import ArnValues
    from editor.core.policy.generate import Layout, generate

    chosen = load_personas().get(persona)
    assert chosen is not None
    values = ArnValues(
        region="us-east-1", account_id="123456789012", app_instance_id="app-1", user_id=user_id
    )
    text = generate(chosen.actions, values, Layout(layout)).to_text()
    problems = [(f.code, f.message) for f in lint(text).findings if f.severity is not Severity.INFO]
    assert problems == []
