"""Keys every request carries (aws:RequestedRegion, aws:SecureTransport, aws:CurrentTime,
aws:SourceIp ...): a condition on one the user did not give depends on a value we do not know,
so the answer is "unknown: depends on aws:X", never the absent-key answer. Keys whose absence is
a real case stay absent (aws:MultiFactorAuthPresent with long-term access keys).

Source: IAM User Guide, "AWS global condition context keys": for each key below, "Availability
– This key is always included in the request context" (aws:SourceIp: "except when the
requester uses a VPC endpoint"); aws:MultiFactorAuthPresent "is not present when an API or CLI
command is called with long-term credentials, such as user access key pairs". When a key is
given, the oracle (iam-simulate) agrees with each answer.
"""

import json

import pytest

from editor.core.access.evaluate import Decision, check
from tests.core.access.oracle import run_oracle

ACTION, RESOURCE = "s3:GetObject", "arn:aws:s3:::b/k"
PRINCIPAL = "arn:aws:iam::111122223333:user/alice"


def _policy(effect: str, condition: dict) -> dict:
    statements = [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]
    if effect == "Deny":
        statements.append(
            {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": condition}
        )
    else:
        statements = [
            {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": condition}
        ]
    return {"Version": "2012-10-17", "Statement": statements}


REGION_GUARD = {"StringNotEquals": {"aws:RequestedRegion": "us-east-1"}}
TLS_ONLY = {"Bool": {"aws:SecureTransport": "false"}}
BEFORE_2030 = {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}
OFFICE = {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}
MFA_DENY = {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}

# (effect, condition, context given, our answer without the key, the key that decides)
CASES = [
    ("Deny", REGION_GUARD, {"aws:RequestedRegion": "us-east-1"}, "aws:RequestedRegion"),
    ("Deny", TLS_ONLY, {"aws:SecureTransport": "true"}, "aws:SecureTransport"),
    ("Allow", BEFORE_2030, {"aws:CurrentTime": "2026-11-28T12:00:00Z"}, "aws:CurrentTime"),
    ("Allow", OFFICE, {"aws:SourceIp": "203.0.113.9"}, "aws:SourceIp"),
]


@pytest.mark.parametrize(("effect", "condition", "given", "key"), CASES, ids=[c[3] for c in CASES])
def test_a_carried_key_not_given_is_unknown_naming_it(effect, condition, given, key) -> None:
    document = _policy(effect, condition)
    result = check(json.dumps(document), ACTION, RESOURCE, PRINCIPAL)
    assert result.decision is Decision.UNKNOWN
    assert result.reason == f"depends on {key}"
    # Given, it decides, as the oracle does.
    case = {"identity": [document], "action": ACTION, "resource": RESOURCE}
    expected = run_oracle([{**case, "principal": PRINCIPAL, "context": given}])[0]
    assert check(json.dumps(document), ACTION, RESOURCE, PRINCIPAL, given).decision == expected


def test_null_false_holds_for_a_carried_key() -> None:
    # "Null": {"aws:SecureTransport": "false"} asks whether the key is present: it always is.
    document = _policy("Allow", {"Null": {"aws:SecureTransport": "false"}})
    assert check(json.dumps(document), ACTION, RESOURCE, PRINCIPAL).allowed


def test_mfa_absent_stays_absent_a_long_term_key_call() -> None:
    # AWS's MFA example denies with BoolIfExists: no key (long-term keys) -> the Deny holds.
    document = _policy("Deny", MFA_DENY)
    case = {"identity": [document], "action": ACTION, "resource": RESOURCE}
    assert run_oracle([{**case, "principal": PRINCIPAL, "context": {}}]) == ["explicitDeny"]
    assert check(json.dumps(document), ACTION, RESOURCE, PRINCIPAL).decision.value == "explicitDeny"
    given = {"aws:MultiFactorAuthPresent": "true"}
    assert check(json.dumps(document), ACTION, RESOURCE, PRINCIPAL, given).allowed


def test_a_deny_that_might_apply_with_nothing_allowing_is_denied() -> None:
    # Denied whatever the key holds: either the Deny applies or nothing allows.
    document = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": TLS_ONLY}],
    }
    assert check(json.dumps(document), ACTION, RESOURCE, PRINCIPAL).decision.value == "implicitDeny"


def test_the_answer_says_mfa_was_taken_as_absent(capsys, tmp_path) -> None:
    # aws:MultiFactorAuthPresent is absent for long-term access keys (global keys page): not
    # given, the answer takes it so and says it.
    from editor.cli.main import main

    path = tmp_path / "mfa.json"
    path.write_text(json.dumps(_policy("Deny", MFA_DENY)), encoding="utf-8")
    args = ["check-access", "--action", ACTION, "--resource", RESOURCE, "--principal", PRINCIPAL]
    assert main([*args, str(path)]) == 1
    out = capsys.readouterr().out
    assert "taking aws:MultiFactorAuthPresent as absent: a call signed with long-term" in out
    given = ["--context", "aws:MultiFactorAuthPresent=true"]
    assert main([*args, *given, str(path)]) == 0
    assert "taking" not in capsys.readouterr().out
