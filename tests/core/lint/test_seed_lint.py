"""AWS's example page, linted: every defect it carries at its token, and nothing unexplained."""

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from moto.iam.policy_validation import IAMPolicyDocumentValidator

from editor.core.lint.engine import fix_all, lint
from editor.core.text.findings import Severity
from tests.conftest import seed_examples
from tests.core.policies import CLEAN_MULTI_SERVICE, USER


def located(text: str) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.line, f.column, text[f.start : f.end]) for f in lint(text).findings]


def placeholder_hits(line: int, with_user: bool = True) -> list[tuple[str, int, int, str]]:
    offsets = {"region": 32, "{aws_account_id}": 39, "{app_instance_id}": 69}
    if with_user:
        offsets["{app_instance_user_id}"] = 92
    return [("resource/placeholder", line, col, text) for text, col in offsets.items()]


def test_admin_example() -> None:
    text = seed_examples()[0]
    assert located(text) == [
        ("json/missing-comma", 27, 44, ""),
        ("json/trailing-comma", 34, 44, ","),
        # Catalog-justified: these admin actions can be scoped to app-instance/channel-flow ARNs
        # and the example grants them on "*". Advice (info), not a defect.
        ("resource/star", 37, 25, '"*"'),
    ]


def test_full_user_example() -> None:
    text = seed_examples()[1]
    assert located(text) == [
        ("action/miscased", 16, 17, '"chime:Listsubchannels"'),
        ("json/missing-comma", 40, 32, ""),
        # Catalog-justified: the catalog lists channel-flow among the resource types
        # AssociateChannelFlow and DisassociateChannelFlow are authorized against, and the
        # example grants them only on user and channel ARNs.
        ("resource/missing-target", 41, 17, '"chime:AssociateChannelFlow"'),
        ("resource/missing-target", 42, 17, '"chime:DisassociateChannelFlow"'),
        *placeholder_hits(47),
        *placeholder_hits(48, with_user=False),
    ]


def test_minimal_user_example() -> None:
    assert located(seed_examples()[2]) == [*placeholder_hits(24), *placeholder_hits(25, False)]


def test_websocket_example() -> None:
    text = seed_examples()[3]
    assert located(text) == [
        ("resource/placeholder", 10, 29, "region"),
        ("resource/placeholder", 10, 36, "{aws_account_id}"),
        ("resource/placeholder", 10, 66, "{app_instance_id}"),
        ("resource/placeholder", 10, 89, "{app_instance_user_id}"),
    ]


def filled(text: str) -> str:
    """The example with its placeholders filled as a user would in the form."""
    return (
        text.replace(":region:", ":us-east-1:")
        .replace("{aws_account_id}", "123456789012")
        .replace("{app_instance_id}", "app-1")
        .replace("{app_instance_user_id}", "user-1")
    )


def moto_accepts(text: str) -> None:
    IAMPolicyDocumentValidator(text).validate()  # raises MalformedPolicyDocument


@pytest.mark.parametrize("index", range(4))
def test_fix_output_is_accepted_by_moto(index: int) -> None:
    fixed = fix_all(filled(seed_examples()[index]))
    moto_accepts(fixed)
    assert "chime:Listsubchannels" not in fixed
    left = {f.code for f in lint(fixed).findings if f.severity is not Severity.INFO}
    # Only the catalog-justified channel-flow gap of the full-user example remains.
    assert left <= {"resource/missing-target"}


damage = st.sampled_from(
    [
        (",\n", "\n"),  # missing comma
        ('"\n', '",\n'),  # trailing comma
        ('"Effect": "Allow"', '"Effect": "allow"'),
        ('"Effect"', '"effect"'),
        ('"Effect"', "Effect"),
        ("chime:Connect", "chime:connect"),
        ("chime:SendChannelMessage", "Chime:sendchannelmessage"),
        ('"Version"', '// pasted from the docs\n"Version"'),
        ('"Action"', "'Action'"),
        ('"Resource"', "“Resource”"),
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([CLEAN_MULTI_SERVICE, *(filled(t) for t in seed_examples())]),
    st.lists(damage, min_size=1, max_size=4),
    st.randoms(),
)
def test_every_repairable_fix_is_accepted_by_moto(base, damages, rnd) -> None:
    text = base
    for old, new in damages:
        spots = [m.start() for m in re.finditer(re.escape(old), text)]
        if spots:
            at = rnd.choice(spots)
            text = text[:at] + new + text[at + len(old) :]
    # Every damage above has one plausible repair, so every case reaches the assertions (a
    # fix that waits for the JSON around it to be repaired is applied in a later round).
    fixed = fix_all(text)
    json.loads(fixed)
    moto_accepts(fixed)
    left = {f.code for f in lint(fixed).findings if f.severity is Severity.ERROR}
    assert left <= {"resource/missing-target"}


def test_policy_variable_user_is_accepted_by_us_and_moto() -> None:
    text = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": "chime:Connect",
                    "Resource": USER.replace("user-1", "${aws:username}"),
                }
            ],
        }
    )
    assert [f for f in lint(text).findings if f.severity is not Severity.INFO] == []
    moto_accepts(text)
