"""Policy kinds: detection from the document, each kind's own elements and checks, on AWS's
documented examples (tests/core/kind_examples.py cites each page)."""

from __future__ import annotations

import json

import pytest

from editor.core.json.read import read_json
from editor.core.lint.engine import LintOptions, lint
from editor.core.policy.kinds import PolicyKind, detect_kind
from editor.core.text.findings import Severity
from tests.core.kind_examples import (
    CHIME_BUCKET_AS_PRINTED,
    CHIME_QUEUE_AS_PRINTED,
    CHIME_TRUST_AS_PRINTED,
    CLEAN,
    Example,
)
from tests.core.policies import USER


def _doc(*statements: dict[str, object]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)}, indent=2)


TRUST = {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}}

DETECTION = [
    (_doc({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}), "identity"),
    (_doc({**TRUST, "Action": "sts:AssumeRole"}), "trust"),
    (_doc({**TRUST, "Action": ["sts:AssumeRole", "sts:TagSession"]}), "trust"),
    (_doc({**TRUST, "Action": "sts:AssumeRoleWithWebIdentity"}), "trust"),
    # no Resource: a trust policy, even before its sts:AssumeRole is written
    (_doc({**TRUST, "Action": "sts:TagSession"}), "trust"),
    (_doc({**TRUST, "Action": "sts:TagSession", "Resource": "*"}), "resource"),
    (_doc({**TRUST, "Action": "sqs:SendMessage", "Resource": "*"}), "resource"),
    (_doc({**TRUST, "NotPrincipal": {"AWS": "*"}, "Action": "s3:*", "Resource": "*"}), "resource"),
    # Chime has no resource-based policies: a Principal there is a stray in an identity policy
    (_doc({**TRUST, "Action": "chime:Connect", "Resource": USER}), "identity"),
]


@pytest.mark.parametrize(("text", "kind"), DETECTION)
def test_kind_is_detected_from_the_document(text: str, kind: str) -> None:
    assert detect_kind(read_json(text).root, "chime").kind is PolicyKind(kind)
    assert lint(text).kind is not None and lint(text).kind.kind is PolicyKind(kind)  # type: ignore[union-attr]


def _loud(text: str, kind: str | None = None) -> list[str]:
    options = LintOptions(kind=PolicyKind(kind) if kind else None)
    return [
        f"{f.line}:{f.column} {f.code} {f.message}"
        for f in lint(text, options).findings
        if f.severity is not Severity.INFO
    ]


@pytest.mark.parametrize("example", CLEAN, ids=[e.name for e in CLEAN])
def test_aws_clean_examples_get_no_warning_or_error(example: Example) -> None:
    """Detected or chosen, each of AWS's clean examples is clean for its own kind."""
    assert _loud(example.text, example.kind) == []
    if example.kind in ("trust", "resource"):  # the others look like identity policies
        assert lint(example.text).kind.kind is PolicyKind(example.kind)  # type: ignore[union-attr]
        assert _loud(example.text) == []


def _codes(text: str, kind: str | None = None) -> list[str]:
    options = LintOptions(kind=PolicyKind(kind) if kind else None)
    return sorted(f.code for f in lint(text, options).findings if f.severity is Severity.ERROR)


def test_chime_trust_policy_as_printed_gets_its_two_defects_only() -> None:
    """Not judged as an identity policy: no principal-in-identity-policy, no missing Resource."""
    text = CHIME_TRUST_AS_PRINTED.text
    found = lint(text).findings
    assert sorted(f.code for f in found) == ["json/missing-comma", "principal/placeholder"]
    placeholder = next(f for f in found if f.code == "principal/placeholder")
    assert text[placeholder.start : placeholder.end] == "my_aws_account_id"
    assert "account ID" in placeholder.message


@pytest.mark.parametrize(
    "example", [CHIME_BUCKET_AS_PRINTED, CHIME_QUEUE_AS_PRINTED], ids=lambda e: e.name
)
def test_bucket_and_queue_policies_are_not_judged_as_identity_policies(example: Example) -> None:
    codes = _codes(example.text)
    assert lint(example.text).kind.kind is PolicyKind.RESOURCE  # type: ignore[union-attr]
    assert "policy/principal-in-identity-policy" not in codes
    assert "policy/missing-resource" not in codes
    assert "policy/invalid-sid" not in codes  # "example-statement-ID" is fine in SQS


# (kind to check as, statement, code expected, the text it points at)
BROKEN = [
    ("trust", {**TRUST, "Action": "sts:AssumeRole", "Resource": "*"},
     "policy/element-not-allowed", '"Resource"'),
    ("trust", {"Effect": "Allow", "Action": "sts:AssumeRole"},
     "policy/missing-principal", "{"),
    ("trust", {**TRUST, "Action": ["sts:AssumeRole", "s3:GetObject"]},
     "trust/invalid-action", '"s3:GetObject"'),
    ("resource", {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
     "policy/missing-principal", "{"),
    ("resource", {**TRUST, "Action": "s3:GetObject"}, "policy/missing-resource", "{"),
    ("scp", {**TRUST, "Action": "s3:GetObject", "Resource": "*"},
     "policy/element-not-allowed", '"Principal"'),
    ("rcp", {"Effect": "Deny", "Principal": {"AWS": "123456789012"}, "Action": "s3:*",
             "Resource": "*"}, "policy/principal-not-star", '{"AWS": "123456789012"}'),
    ("rcp", {"Effect": "Deny", "Principal": "*", "NotAction": "s3:GetObject",
             "Resource": "*"}, "policy/element-not-allowed", '"NotAction"'),
    ("rcp", {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
             "Resource": "*"}, "policy/effect-not-allowed", '"Allow"'),
    ("boundary", {**TRUST, "Action": "s3:GetObject", "Resource": "*"},
     "policy/principal-in-identity-policy", '"Principal"'),
    ("identity", {**TRUST, "Action": "sts:AssumeRole"}, "policy/missing-resource", "{"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "statement", "code", "at"), BROKEN)
def test_each_kind_has_its_own_elements(
    kind: str, statement: dict[str, object], code: str, at: str
) -> None:
    text = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    found = [f for f in lint(text, LintOptions(kind=PolicyKind(kind))).findings if f.code == code]
    assert [text[f.start : f.end] for f in found] == [at]
    label = PolicyKind(kind).label
    assert label in found[0].message or code == "policy/missing-resource"


def test_findings_for_one_kind_say_which_kind_they_assumed() -> None:
    text = _doc({**TRUST, "Action": "sts:AssumeRole", "Resource": "*"})
    (finding,) = [f for f in lint(text).findings if f.code == "policy/element-not-allowed"]
    assert "checked as a role trust policy, detected: Principal with sts:AssumeRole*" in (
        finding.message
    )
    chosen = lint(text, LintOptions(kind=PolicyKind.SCP)).findings
    assert any("checked as a service control policy, as chosen" in f.message for f in chosen)


def test_a_trust_policy_over_its_size_quota() -> None:
    services = [f"service{i:04}.amazonaws.com" for i in range(100)]
    text = _doc({"Effect": "Allow", "Principal": {"Service": services}, "Action": "sts:AssumeRole"})
    (finding,) = [f for f in lint(text).findings if f.code == "policy/size-limit"]
    assert "2,048 allowed for a role trust policy" in finding.message


def test_sids_of_resource_policies_may_hold_any_character() -> None:
    statement = {**TRUST, "Sid": "allow chime-sdk", "Action": "sqs:SendMessage", "Resource": "*"}
    assert "policy/invalid-sid" not in _codes(_doc(statement))
    assert "policy/invalid-sid" in _codes(_doc(statement), "identity")


def _statements(n: int, **statement: object) -> str:
    """A document of `n` distinct statements of the shape given (each with its own Sid)."""
    return _doc(*({"Sid": f"S{i}", **statement} for i in range(n)))


# (kind, identity quota picked, the limit that applies, what the message names). Sources: IAM
# and STS quotas (reference_iam-quotas.html: managed 6,144; inline user 2,048, group 5,120,
# role 10,240; role trust policy length 2,048), Organizations quotas
# (orgs_reference_limits.html: SCP and RCP 5,120), a permissions boundary is a managed policy
# (access_policies_boundaries.html).
QUOTAS = [
    ("identity", "managed", 6144, "managed policy"),
    ("identity", "user", 2048, "inline user policies"),
    ("identity", "role", 10240, "inline role policies"),
    ("trust", "role", 2048, "a role trust policy"),
    ("scp", "role", 5120, "a service control policy"),
    ("rcp", "managed", 5120, "a resource control policy"),
    ("boundary", "role", 6144, "a permissions boundary"),
]
SHAPES = {
    "identity": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
    "trust": {**TRUST, "Action": "sts:AssumeRole"},
    "scp": {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"},
    "rcp": {"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket", "Resource": "*"},
    "boundary": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
}


@pytest.mark.parametrize(("kind", "quota", "limit", "label"), QUOTAS)
def test_each_kind_is_held_to_its_own_size_quota(
    kind: str, quota: str, limit: int, label: str
) -> None:
    from editor.core.lint.quota import Quota

    options = LintOptions(Quota(quota), PolicyKind(kind))
    n = 1
    while len("".join(_statements(n, **SHAPES[kind]).split())) <= limit:
        n += 1
    over, under = _statements(n, **SHAPES[kind]), _statements(n - 1, **SHAPES[kind])
    found = [f for f in lint(over, options).findings if f.code == "policy/size-limit"]
    assert [f"over the {limit:,} allowed for {label}" in f.message for f in found] == [True]
    assert not [f for f in lint(under, options).findings if f.code == "policy/size-limit"]


def test_a_resource_policy_is_not_held_to_an_identity_quota() -> None:
    """A bucket policy may hold 20 KB (S3's own quota): 6,144 characters is no error there."""
    bucket = {"Effect": "Allow", "Principal": {"AWS": "111122223333"},
              "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}  # fmt: skip
    text = _statements(120, **bucket)
    assert len("".join(text.split())) > 10240
    assert lint(text).kind.kind is PolicyKind.RESOURCE  # type: ignore[union-attr]
    assert "policy/size-limit" not in _codes(text)
