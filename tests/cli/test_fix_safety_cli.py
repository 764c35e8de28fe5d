"""`chime-policy fix` on the real command line never widens access: after `fix --in-place`,
`chime-policy check-access` answers every request the intended policy decides as the
@cloud-copilot/iam-simulate oracle answers it on the intended policy."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.cli.entry_point import chime_policy
from tests.core.access.oracle import run_oracle
from tests.core.fix_examples import DENY_FIRST, PRINCIPAL, oracle_case, requests, text_of


def check_access(path: Path, request: tuple[str, str, bool]) -> str:
    action, resource, mfa = request
    done = chime_policy(
        "check-access",
        str(path),
        "--action",
        action,
        "--resource",
        resource,
        "--principal",
        PRINCIPAL,
        "--context",
        f"aws:MultiFactorAuthPresent={'true' if mfa else 'false'}",
        "--format",
        "json",
    )
    assert done.returncode in (0, 1), done.stderr
    return str(json.loads(done.stdout)["decision"])


def fixed_in_place(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.json"
    path.write_text(text)
    done = chime_policy("fix", "--in-place", str(path))
    assert done.returncode == 0, done.stderr
    assert ": fixed" in done.stderr
    return path


def assert_decisions_kept(path: Path, intended: dict[str, Any]) -> None:
    asked = requests(intended)
    expected = run_oracle([oracle_case(intended, r) for r in asked])
    assert [check_access(path, r) for r in asked] == expected
    assert "explicitDeny" in expected and "allowed" in expected


def test_a_statement_without_its_brace_keeps_the_deny_before_it(tmp_path: Path) -> None:
    # The audit's order.json: the Allow after a Deny with an MFA Condition lost its `{`.
    text = re.sub(r"\},\n( *)\{\n", r"},\n\1\n", text_of(DENY_FIRST), count=1)
    path = fixed_in_place(tmp_path, text)
    assert json.loads(path.read_text()) == DENY_FIRST
    assert_decisions_kept(path, DENY_FIRST)


DENY_DELETES: dict[str, Any] = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "chime:*", "Resource": "*"},
        {
            "Effect": "Deny",
            "Action": ["chime:DeleteChannel", "chime:DeleteChannelMessage"],
            "Resource": "*",
        },
    ],
}


def test_a_bare_action_in_a_deny_list_is_quoted_not_deleted(tmp_path: Path) -> None:
    # The audit's dl3.json: the comma and the quotes of the second action are missing
    text = text_of(DENY_DELETES).replace(
        '"chime:DeleteChannel",\n                "chime:DeleteChannelMessage"',
        '"chime:DeleteChannel"\n                DeleteChannelMessage',
    )
    assert text != text_of(DENY_DELETES)
    path = fixed_in_place(tmp_path, text)
    assert json.loads(path.read_text()) == DENY_DELETES
    assert_decisions_kept(path, DENY_DELETES)


def test_disallow_is_not_made_allow(tmp_path: Path) -> None:
    """The audit's disallow.json: Fix all does not write "Allow" over "Disallow", so the file
    is left as it was and check-access does not answer allowed for what it meant to deny."""
    text = text_of(DENY_DELETES).replace('"Deny"', '"Disallow"')
    path = tmp_path / "policy.json"
    path.write_text(text)
    done = chime_policy("fix", "--in-place", str(path))
    assert done.returncode == 1
    assert "negates Allow" in done.stderr and ": fixed" not in done.stderr
    assert path.read_text() == text
    request = (
        "chime:DeleteChannel",
        "arn:aws:chime:us-east-1:111122223333:app-instance/a/channel/c",
        True,
    )
    decision = chime_policy(
        "check-access", str(path), "--action", request[0], "--resource", request[1]
    )
    assert decision.returncode != 0 and not decision.stdout.startswith("allowed")


def test_a_second_statement_element_is_refused_by_check_access_and_export(tmp_path: Path) -> None:
    """The audit's dupst.json: a Deny's Statement and then an Allow's. IAM refuses a policy with
    more than one Statement element ("Troubleshoot IAM policies"); answering from the last one
    allowed what the first denied, and export dropped the Deny."""
    path = tmp_path / "dupst.json"
    path.write_text(
        '{\n  "Version": "2012-10-17",\n'
        '  "Statement": [{"Effect": "Deny", "Action": "chime:DeleteChannel", "Resource": "*"}],\n'
        '  "Statement": [{"Effect": "Allow", "Action": "chime:*", "Resource": "*"}]\n}\n'
    )
    lint = chime_policy("lint", str(path))
    assert lint.returncode == 1 and ":4:3: error json/duplicate-key" in lint.stdout
    channel = "arn:aws:chime:us-east-1:111122223333:app-instance/a/channel/c"
    done = chime_policy(
        "check-access", str(path), "--action", "chime:DeleteChannel", "--resource", channel
    )
    assert done.returncode == 2 and not done.stdout.startswith("allowed")
    exported = chime_policy("export", "--to", "json-min", str(path))
    assert exported.returncode == 1 and exported.stdout == ""
