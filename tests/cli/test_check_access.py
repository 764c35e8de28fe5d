"""`chime-policy check-access` as a user and a CI job run it: decision, deciding statements
with file:line, exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli.main import main
from tests.core.policies import BASE, policy, statement

USER_BOB = f"{BASE}/user/bob"
CHANNEL = f"{BASE}/channel/c1"
PRINCIPAL = "arn:aws:iam::123456789012:user/bob"
POLICY = policy(
    {
        "Sid": "Messaging",
        **statement(
            "chime:SendChannelMessage", [f"{BASE}/user/${{aws:username}}", f"{BASE}/channel/*"]
        ),
    },
    {"Sid": "NoDeletes", **statement("chime:Delete*", "*", effect="Deny")},
)
# The 1-based line of the `{` that opens NoDeletes: the 0-based index of its Sid line.
NO_DELETES_LINE = POLICY.splitlines().index('            "Sid": "NoDeletes",')


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    path = tmp_path / "user.json"
    path.write_text(POLICY, encoding="utf-8")
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check-access", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_allowed_prints_the_deciding_statement_with_file_and_line(capsys, policy_file) -> None:
    code, out, _ = run(
        capsys,
        "--action", "chime:SendChannelMessage",
        "--resource", CHANNEL,
        "--caller", USER_BOB,
        "--principal", PRINCIPAL,
        str(policy_file),
    )  # fmt: skip
    assert code == 0
    assert out.startswith("allowed: chime:SendChannelMessage on ")
    assert f"decided by {policy_file}:4: Allow statement 'Messaging'" in out


def test_caller_arn_is_checked_too_for_caller_authorized_actions(capsys, policy_file) -> None:
    # SendChannelMessage is authorized against the calling user's ARN as well: another user's
    # ARN is not in the policy (only ${aws:username}'s).
    code, out, _ = run(
        capsys,
        "--action", "chime:SendChannelMessage",
        "--resource", CHANNEL,
        "--caller", f"{BASE}/user/eve",
        "--principal", PRINCIPAL,
        "--format", "json",
        str(policy_file),
    )  # fmt: skip
    assert code == 1
    assert json.loads(out)["decision"] == "implicitDeny"


def test_explicit_deny_in_json(capsys, policy_file) -> None:
    code, out, _ = run(
        capsys,
        "--action", "chime:DeleteChannel",
        "--resource", CHANNEL,
        "--format", "json",
        str(policy_file),
    )  # fmt: skip
    assert code == 1
    document = json.loads(out)
    assert document["decision"] == "explicitDeny"
    assert document["statements"] == [
        {
            "file": str(policy_file),
            "line": NO_DELETES_LINE,
            "index": 1,
            "sid": "NoDeletes",
            "effect": "Deny",
        }
    ]


def test_context_keys_and_boundary(capsys, tmp_path: Path) -> None:
    identity = tmp_path / "id.json"
    identity.write_text(
        policy(
            statement(
                "chime:ListChannels",
                "*",
                Condition={"StringEquals": {"aws:RequestedRegion": "us-east-1"}},
            )
        ),
        encoding="utf-8",
    )
    boundary = tmp_path / "boundary.json"
    boundary.write_text(policy(statement("chime:List*", "*")), encoding="utf-8")
    # (ListChannels is authorized against its caller, not the app instance the API names)
    caller = f"{BASE}/user/user-1"
    args = ["--action", "chime:ListChannels", "--resource", caller, "--boundary", str(boundary)]
    assert run(capsys, *args, "--context", "aws:RequestedRegion=us-east-1", str(identity))[0] == 0
    assert run(capsys, *args, "--context", "aws:RequestedRegion=eu-west-1", str(identity))[0] == 1
    # Not given, aws:RequestedRegion (in every request) is taken from the target's region, and
    # the answer says so; a target with no region leaves it unknown.
    code, out, _ = run(capsys, *args, str(identity))
    assert code == 0
    assert "assuming aws:RequestedRegion=us-east-1, the target ARN's region" in out
    # `*` is no resource of ListChannels (a pattern): no request, so no answer.
    star = ["--action", "chime:ListChannels", "--resource", "*"]
    code, out, err = run(capsys, *star, str(identity))
    assert (code, out) == (2, "")
    assert "--resource '*' is a pattern" in err


def test_unknown_operator_exits_3(capsys, tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(
        policy(statement("chime:*", "*", Condition={"StringEqual": {"aws:username": "b"}})),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--action", "chime:Connect", "--resource", USER_BOB, str(path))
    assert code == 3
    assert out.startswith("unknown:")


@pytest.mark.parametrize(
    "args",
    [
        ["--resource", "*", "p.json"],  # no --action
        ["--action", "chime:Connect", "--resource", USER_BOB, "--context", "novalue", "POLICY"],
        ["--action", "chime:Connect", "--resource", USER_BOB, "missing.json"],
    ],
)
def test_usage_errors_exit_2(capsys, policy_file, args: list[str]) -> None:
    args = [str(policy_file) if a == "POLICY" else a for a in args]
    with pytest.raises(SystemExit) if "--action" not in args else _nothing():
        code, _, err = run(capsys, *args)
        assert code == 2
        assert "chime-policy:" in err


def test_broken_json_is_a_usage_error_naming_the_file(capsys, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"Version": "2012-10-17" "Statement": []}', encoding="utf-8")
    code, _, err = run(capsys, "--action", "chime:Connect", "--resource", USER_BOB, str(path))
    assert code == 2
    assert f"{path}: the policy is not valid JSON" in err


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


@pytest.mark.slow
def test_installed_command(policy_file: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "editor.cli", "check-access", "--action", "chime:DeleteChannel",
         "--resource", CHANNEL, str(policy_file)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout.startswith("explicitDeny: chime:DeleteChannel")


def test_scps_of_one_level_combine_and_levels_filter(capsys, tmp_path: Path) -> None:
    # Organizations User Guide, "SCP evaluation": the SCPs attached at one level combine (an
    # Allow of one suffices, a Deny of any denies); every level must allow. Cases checked
    # against the oracle in tests/core/access/test_org_policies.py.
    full = tmp_path / "full.json"
    full.write_text(policy(statement("*", "*")), encoding="utf-8")
    protect = tmp_path / "protect.json"
    protect.write_text(
        policy(statement("iam:DeleteRole", "arn:aws:iam::*:role/keep", effect="Deny")),
        encoding="utf-8",
    )
    only_s3 = tmp_path / "s3.json"
    only_s3.write_text(policy(statement("s3:*", "*")), encoding="utf-8")
    other = ["--action", "iam:DeleteRole", "--resource", "arn:aws:iam::123456789012:role/other"]
    scps = ["--scp", str(full), "--scp", str(protect)]
    assert run(capsys, *other, *scps, str(full))[0] == 0
    keep = ["--action", "iam:DeleteRole", "--resource", "arn:aws:iam::123456789012:role/keep"]
    assert run(capsys, *keep, *scps, str(full))[0] == 1
    code, out, _ = run(capsys, *other, *scps, "--scp-level", f"{only_s3},{protect}", str(full))
    assert code == 1
    assert f"no statement of {only_s3} or {protect} allows" in out


def test_a_deny_only_rcp_filters_only(capsys, tmp_path: Path) -> None:
    # Organizations User Guide, "Resource control policies": RCPFullAWSAccess is attached
    # everywhere and cannot be detached, so an RCP given only adds its Denies.
    allow = tmp_path / "allow.json"
    allow.write_text(policy(statement("*", "*")), encoding="utf-8")
    rcp = tmp_path / "rcp.json"
    rcp.write_text(
        policy(
            statement(
                "s3:*",
                "*",
                effect="Deny",
                Principal="*",
                Condition={"BoolIfExists": {"aws:SecureTransport": "false"}},
            )
        ),
        encoding="utf-8",
    )
    args = ["--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k", "--rcp", str(rcp)]
    args += ["--principal", "arn:aws:iam::123456789012:user/alice"]
    assert run(capsys, *args, "--context", "aws:SecureTransport=true", str(allow))[0] == 0
    assert run(capsys, *args, "--context", "aws:SecureTransport=false", str(allow))[0] == 1
    code, out, _ = run(capsys, *args, str(allow))
    assert (code, out.splitlines()[1]) == (3, "  depends on aws:SecureTransport")


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--resource", f"{BASE}/channel/*"),
        ("--resource", f"{BASE}/channel/c?"),
        ("--caller", f"{BASE}/user/*"),
    ],
)
def test_a_pattern_as_the_requests_resource_is_refused(capsys, policy_file, option, value) -> None:
    """A request is made on one resource (the audit asked about `channel/*` and got an answer
    for a channel literally named `*`)."""
    args = ["--action", "chime:SendChannelMessage", "--principal", PRINCIPAL]
    given = {"--resource": CHANNEL, "--caller": USER_BOB, option: value}
    for name, arn in given.items():
        args += [name, arn]
    code, out, err = run(capsys, *args, str(policy_file))
    assert code == 2 and out == ""
    assert f"{option} {value!r} is a pattern" in err and "chime-policy grants" in err


def test_a_star_resource_is_a_call_on_no_particular_resource(capsys, tmp_path) -> None:
    """chime:CreateAppInstance takes no resource-level permissions: its request is on `*`."""
    path = tmp_path / "admin.json"
    path.write_text(policy(statement("chime:CreateAppInstance", "*")), encoding="utf-8")
    code, out, _ = run(capsys, "--action", "chime:CreateAppInstance", "--resource", "*", str(path))
    assert code == 0 and out.startswith("allowed")
