"""The engine runs a rule only on policies with a feature its NEEDS entry names
(rules/present.py). Skipping must never lose a finding: on every policy below, the findings
are the same as when every rule runs. Each crafted policy makes a gated rule fire, so a
feature that present() stops noticing, or a NEEDS entry that names the wrong one, fails here.
"""

import json
import re
from pathlib import Path

import pytest

import editor.core.lint.rules as rules
from editor.core.json.read import read_json
from editor.core.lint.context import LintOptions
from editor.core.lint.engine import lint
from editor.core.lint.quota import Quota
from editor.core.policy.kinds import PolicyKind

ROOT = Path(__file__).resolve().parents[3]
USER = "arn:aws:chime:us-east-1:111122223333:app-instance/app-1/user/user-1"
CHANNEL = "arn:aws:chime:us-east-1:111122223333:app-instance/app-1/channel/*"


def policy(*statements: dict[str, object]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)}, indent=2)


def allow(actions: object, resources: object = USER, **more: object) -> dict[str, object]:
    return {"Effect": "Allow", "Action": actions, "Resource": resources, **more}


# (what the policy has, its text, options, a code only a gated rule reports on it)
CRAFTED = [
    ("Sid", policy(allow("chime:Connect", Sid="my-sid")), None, "policy/invalid-sid"),
    (
        "NotAction",
        policy({"Effect": "Allow", "NotAction": "chime:Connect", "Resource": "*"}),
        None,
        "security/allow-not-action",
    ),
    (
        "another service's ARN",
        policy(allow("s3:GetObject", "arn:aws:S3:::bucket/key")),
        None,
        "resource/service-case",
    ),
    ("iam:PassRole", policy(allow("iam:PassRole", "*")), None, "security/pass-role"),
    (
        "a privilege escalation method",
        policy(allow(["iam:CreatePolicyVersion"], "*")),
        None,
        "security/privilege-escalation",
    ),
    (
        "two statements",
        policy(allow("chime:Connect"), allow("chime:Connect")),
        None,
        "security/redundant",
    ),
    (
        "a wildcard ARN",
        policy(allow("chime:SendChannelMessage", "arn:aws:chime:*:*:app-instance/app-1/user/*")),
        None,
        "security/caller-impersonation",
    ),
    (
        "an administrator's action",
        policy(
            allow(
                ["chime:Connect", "chime:CreateAppInstanceUser"],
                [USER, "arn:aws:chime:us-east-1:111122223333:app-instance/app-1"],
            )
        ),
        None,
        "security/admin-in-user-policy",
    ),
    (
        "an action with dependent actions",
        policy(allow("chime:RegisterAppInstanceUserEndpoint")),
        None,
        "action/dependent",
    ),
    (
        "a Condition",
        policy(allow("chime:Connect", Condition={"StringEquals": {"aws:SourceAccount": "x"}})),
        None,
        "condition/",
    ),
    (
        "a Principal",
        policy({"Effect": "Allow", "Principal": {"AWS": "someone"}, "Action": "sts:AssumeRole"}),
        LintOptions(kind=PolicyKind.TRUST),
        "principal/",
    ),
    (
        "a policy variable",
        policy(allow("chime:Connect", "arn:aws:chime:us-east-1:111122223333:${aws:usrname}")),
        None,
        "policy/unknown-variable",
    ),
    (
        "${aws:username} in a role's policy",
        policy(
            allow(
                "chime:Connect",
                "arn:aws:chime:us-east-1:111122223333:app-instance/a/user/${aws:username}",
            )
        ),
        LintOptions(Quota.ROLE),
        "security/username-in-role-policy",
    ),
]


def _aws_examples() -> list[str]:
    text = (ROOT / "tools" / "sources" / "aws_example_iam_roles.md").read_text("utf-8")
    return re.findall(r"```\n(.*?)```", text, re.S)


def _managed() -> list[str]:
    data = json.loads((Path(__file__).parent / "aws_managed_policies.json").read_text("utf-8"))
    return [json.dumps(p["document"], indent=2) for p in data["policies"]]


def _every_rule(monkeypatch: pytest.MonkeyPatch, text: str, options: LintOptions | None) -> list:
    with monkeypatch.context() as patched:
        patched.setattr(rules, "NEEDS", {})  # no rule is skipped
        read_json.cache_clear()
        return list(lint(text, options).findings)


@pytest.mark.parametrize(("what", "text", "options", "code"), CRAFTED, ids=[c[0] for c in CRAFTED])
def test_a_gated_rule_fires_on_a_policy_with_its_feature(
    monkeypatch: pytest.MonkeyPatch,
    what: str,
    text: str,
    options: LintOptions | None,
    code: str,
) -> None:
    found = list(lint(text, options).findings)
    assert any(f.code.startswith(code) for f in found), (what, [f.code for f in found])
    assert found == _every_rule(monkeypatch, text, options)


@pytest.mark.parametrize("text", _aws_examples() + _managed())
def test_skipping_rules_loses_no_finding_on_aws_policies(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    assert list(lint(text).findings) == _every_rule(monkeypatch, text, None)


def test_a_one_statement_chime_policy_runs_few_rules() -> None:
    """What the dispatch is for: AWS's WebSocket example (one statement, one Chime action, one
    ARN) skips the rules about Conditions, Principals, other services, wildcards, Sids,
    NotAction and repeated statements."""
    from editor.core.catalog.catalog import load_catalog
    from editor.core.lint.context import DEFAULT_OPTIONS, LintContext
    from editor.core.policy.kinds import choose_kind
    from editor.core.policy.statements import statements

    parsed = read_json(_aws_examples()[-1])
    views = statements(parsed.root)
    catalog = load_catalog()
    kind = choose_kind(parsed.root, None, "", catalog.service.prefix, views)
    ran = {
        r.__name__
        for r in rules.runnable(LintContext(parsed, catalog, DEFAULT_OPTIONS, views, kind))
    }
    assert ran.isdisjoint(
        {"principals", "sids", "service_arns", "conditions", "redundancy", "escalation"}
    )
    assert {"resources", "authorization", "actions"} <= ran
    assert len(ran) < len(rules.RULES) / 2
