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
