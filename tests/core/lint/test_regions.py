"""Regions are botocore's lists per partition: a name no partition has is an error with the
region meant; a real region without messaging stays a warning."""

import pytest

from editor.core.lint.engine import lint
from tests.core.policies import USER, policy, statement


@pytest.mark.parametrize(
    ("region", "severity", "message"),
    [
        ("us-esat-1", "error", "'us-esat-1' is not an AWS region; did you mean us-east-1?"),
        ("us-east-9", "error", "did you mean us-east-1 or us-east-2?"),
        ("eu-centrl-1", "error", "did you mean eu-central-1"),
        ("ap-south-1", "warning", "Chime SDK messaging is not offered in ap-south-1"),
        ("cn-north-1", "warning", "not offered in cn-north-1"),
    ],
)
def test_region_findings(region: str, severity: str, message: str) -> None:
    text = policy(statement("chime:Connect", USER.replace("us-east-1", region)))
    (finding,) = [f for f in lint(text).findings if "region" in f.code]
    assert finding.severity.value == severity
    assert message in finding.message
    assert text[finding.start : finding.end] == region
