"""What `check-access` takes for granted is said where it decides the answer, and only there
(the audit's m1, m5, m6), each answer checked against the oracle, an IAM evaluator we did not
write, and the IAM User Guide's "Policy evaluation logic" (a condition on a key missing from
the request context does not match, so an Allow with one does not apply)."""

from pathlib import Path
from typing import Any

import pytest

from editor.cli.main import main
from tests.core.access.oracle import run_oracle

ACCOUNT = "111122223333"
APP = f"arn:aws:chime:us-east-1:{ACCOUNT}:app-instance/app1"
BOB = f"arn:aws:iam::{ACCOUNT}:user/bob"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/chime-processor"
CHIME = "messaging.chime.amazonaws.com"
DECISION = {0: "allowed", 1: "denied", 2: "usage", 3: "unknown"}

# The audit's trust_f.json: Chime messaging may assume the role for one app instance.
TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": CHIME},
            "Action": "sts:AssumeRole",
            "Condition": {
                "StringEquals": {"aws:SourceAccount": ACCOUNT},
                "ArnLike": {"aws:SourceArn": APP},
            },
        }
    ],
}
# The audit's overlap.json: only B tests the region, and B speaks of channel c1 only.
OVERLAP = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "A",
            "Effect": "Allow",
            "Action": ["chime:SendChannelMessage", "chime:ListChannelMessages"],
            "Resource": [f"{APP}/channel/*", f"{APP}/user/*"],
        },
        {
            "Sid": "B",
            "Effect": "Deny",
            "Action": "chime:Send*",
            "Resource": f"{APP}/channel/c1",
            "Condition": {"StringEquals": {"aws:RequestedRegion": "us-west-2"}},
        },
        {
            "Sid": "C",
            "Effect": "Deny",
            "NotAction": "chime:List*",
            "Resource": f"{APP}/channel/c2",
        },
    ],
}
# The audit's vars.json: each IAM user lists channels as the AppInstanceUser of its name.
VARS = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "chime:ListChannels",
            "Resource": f"arn:aws:chime:*:{ACCOUNT}:app-instance/app1/user/${{aws:username}}",
        }
    ],
}
REGION_NOTE = "assuming aws:RequestedRegion=us-east-1, the target ARN's region"
ABSENT = (
    "taking aws:SourceAccount and aws:SourceArn as absent (not given): give each with "
    "--context KEY=VALUE"
)


def check(capsys, tmp_path: Path, document: dict[str, Any], *args: str) -> tuple[str, str, str]:
    path = tmp_path / "policy.json"
    path.write_text(__import__("json").dumps(document), encoding="utf-8")
    code = main(["check-access", *args, str(path)])
    out, err = capsys.readouterr()
    return DECISION[code], out, err


@pytest.mark.parametrize(
    ("context", "decision", "noted"),
    [
        ([], "denied", True),  # the natural first question: the bare deny says why
        ([f"aws:SourceAccount={ACCOUNT}", f"aws:SourceArn={APP}"], "allowed", False),
        ([f"aws:SourceAccount={ACCOUNT}"], "denied", False),  # SourceArn alone is named
    ],
)
def test_a_trust_policys_source_keys_taken_as_absent_are_named(
    capsys, tmp_path: Path, context: list[str], decision: str, noted: bool
) -> None:
    pairs = [a for pair in context for a in ("--context", pair)]
    got, out, _ = check(
        capsys, tmp_path, TRUST, "--principal", CHIME, "--action", "sts:AssumeRole",
        "--resource", ROLE, *pairs,
    )  # fmt: skip
    assert got == decision
    assert (ABSENT in out) is noted
    if context == [f"aws:SourceAccount={ACCOUNT}"]:
        assert "taking aws:SourceArn as absent (not given)" in out
    given = dict(pair.split("=", 1) for pair in context)
    case = {"identity": [], "resource_policy": TRUST, "action": "sts:AssumeRole"}
    case |= {"resource": ROLE, "principal": CHIME, "context": given}
    assert run_oracle([case])[0].replace("implicitDeny", "denied") == decision


@pytest.mark.parametrize(
    ("channel", "decision", "region_noted"),
    [
        ("c1", "allowed", True),  # B (tests the region) reaches c1: the assumption decided
        ("c2", "denied", False),  # decided by C, which tests nothing
        ("c3", "allowed", False),  # decided by A; B does not reach c3
    ],
)
def test_the_region_note_only_where_a_statement_reached_tests_it(
    capsys, tmp_path: Path, channel: str, decision: str, region_noted: bool
) -> None:
    got, out, _ = check(
        capsys, tmp_path, OVERLAP, "--action", "chime:SendChannelMessage",
        "--resource", f"{APP}/channel/{channel}", "--caller", f"{APP}/user/bob",
        "--principal", BOB,
    )  # fmt: skip
    assert got == decision
    assert (REGION_NOTE in out) is region_noted
    case = {"identity": [OVERLAP], "action": "chime:SendChannelMessage", "principal": BOB}
    case |= {
        "resource": f"{APP}/channel/{channel}",
        "context": {"aws:RequestedRegion": "us-east-1"},
    }
    oracle = run_oracle([case])[0]
    assert {"allowed": "allowed"}.get(oracle, "denied") == decision


@pytest.mark.parametrize(
    ("resource", "caller", "decision", "said"),
    [
        # ListChannels is authorized against its caller only: the target user IS the caller
        (f"{APP}/user/bob", None, "allowed", "decided by"),
        (f"{APP}/user/alice", None, "denied", "no statement allows it"),
        (f"{APP}/user/bob", f"{APP}/user/bob", "allowed", "decided by"),
        (f"{APP}/user/alice", f"{APP}/user/bob", "usage", "is authorized against its caller"),
    ],
)
def test_a_caller_only_actions_target_is_the_caller(
    capsys, tmp_path: Path, resource: str, caller: str | None, decision: str, said: str
) -> None:
    more = ["--caller", caller] if caller else []
    got, out, err = check(
        capsys, tmp_path, VARS, "--action", "chime:ListChannels", "--resource", resource,
        "--principal", BOB, *more,
    )  # fmt: skip
    assert got == decision
    assert said in out + err
    assert "depends on the caller" not in out
    if decision != "usage":
        case = {"identity": [VARS], "action": "chime:ListChannels", "principal": BOB}
        case |= {"resource": resource, "context": {}}
        assert {"allowed": "allowed"}.get(run_oracle([case])[0], "denied") == decision
