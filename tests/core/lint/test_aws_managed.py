"""AWS's own managed policies for Chime, linted as AWS ships them: no finding above info,
except where the policy is broad by design, and then the finding says what it allows.

The documents are copied from the AWS Managed Policy Reference Guide (each policy's page,
named in aws_managed_policies.json with the version copied)."""

import json
from pathlib import Path

import pytest
from moto.iam.policy_validation import IAMPolicyDocumentValidator

from editor.core.lint.engine import LintOptions, Quota, lint
from editor.core.text.findings import Severity

DATA = json.loads((Path(__file__).parent / "aws_managed_policies.json").read_text("utf-8"))
POLICIES = DATA["policies"]
# What AWS's policies do that we warn about, on purpose: (policy, code, the text it points at).
DANGEROUS_BY_DESIGN = {
    ("AmazonChimeFullAccess", "security/wildcard-action", '"chime:*"'),
}


@pytest.mark.parametrize("entry", POLICIES, ids=lambda e: e["name"])
def test_aws_managed_policy_gets_nothing_above_info(entry) -> None:
    text = json.dumps(entry["document"], indent=2)
    IAMPolicyDocumentValidator(text).validate()  # the oracle: IAM would accept it
    quota = Quota.ROLE if entry["quota"] == "role" else Quota.MANAGED
    found = lint(text, LintOptions(quota)).findings
    above_info = {
        (entry["name"], f.code, text[f.start : f.end])
        for f in found
        if f.severity is not Severity.INFO
    }
    assert above_info <= DANGEROUS_BY_DESIGN
    for f in found:
        if f.severity is not Severity.INFO:
            assert "including ones added later" in f.message
            assert "https://docs.aws.amazon.com/IAM/" in f.message


def test_the_full_access_policy_is_flagged_for_its_wildcard() -> None:
    (entry,) = [e for e in POLICIES if e["name"] == "AmazonChimeFullAccess"]
    text = json.dumps(entry["document"], indent=2)
    codes = [f.code for f in lint(text).findings if f.severity is Severity.WARNING]
    assert codes == ["security/wildcard-action"]
