"""No --caller for a call AWS also authorizes against its caller: the answer holds for every
possible AppInstanceUser and AppInstanceBot, or it is "unknown" and asks for the caller.

chime:SendChannelMessage is authorized against the channel AND the calling AppInstanceUser or
AppInstanceBot (the Service Authorization Reference marks app-instance-user and
app-instance-bot required). Before, with no --caller, only the channel was checked: a policy
granting the channel to one user only was "allowed" for everyone.

The oracle (iam-simulate) decides each possible call: the channel and a caller, for callers
the policy names and callers it does not (`carol`, `helper`). The call is allowed for a caller
when both requests are. Our answer without --caller must be "allowed" when every caller is,
a deny when none is, and "unknown" when it depends on which.
"""

import json
from pathlib import Path

import pytest

from editor.cli.main import main
from tests.core.access.oracle import run_oracle
from tests.core.policies import ACCOUNT, BASE, statement

ACTION = "chime:SendChannelMessage"
CHANNEL = f"{BASE}/channel/c1"
PRINCIPAL = f"arn:aws:iam::{ACCOUNT}:user/alice"  # aws:username "alice", in BASE's account
CALLERS = [f"{BASE}/user/{name}" for name in ("alice", "mallory", "carol")] + [f"{BASE}/bot/helper"]
OTHER_INSTANCE = "arn:aws:chime:us-east-1:111122223333:app-instance/app-2"

# (name, statements): policies people write, AWS's full-user example's shape among them.
CASES = [
    ("every resource", [statement(ACTION, "*")]),
    ("the app instance and all in it", [statement(ACTION, f"{BASE}/*")]),
    ("channels and every user", [statement(ACTION, [f"{BASE}/channel/*", f"{BASE}/user/*"])]),
    ("channels and one user", [statement(ACTION, [f"{BASE}/channel/*", f"{BASE}/user/alice"])]),
    (
        "the caller's own user, by variable",
        [statement(ACTION, [f"{BASE}/channel/*", f"{BASE}/user/${{aws:username}}"])],
    ),
    ("channels of every instance only", [statement(ACTION, f"{BASE[: -len('app-1')]}*/channel/*")]),
    (
        "users of another instance",
        [statement(ACTION, [f"{BASE}/channel/*", f"{OTHER_INSTANCE}/user/*"])],
    ),
    (
        "all but one user",
        [
            statement("chime:*", "*"),
            statement(ACTION, f"{BASE}/user/mallory", effect="Deny"),
        ],
    ),
    (
        "users and bots alike",
        [statement(ACTION, [f"{BASE}/channel/*", f"{BASE}/user/*", f"{BASE}/bot/*"])],
    ),
    (
        "one user spared by a Deny's NotResource",
        [
            statement(ACTION, "*"),
            {
                "Effect": "Deny",
                "Action": ACTION,
                "NotResource": [f"{BASE}/channel/*", f"{BASE}/user/alice"],
            },
        ],
    ),
    ("every user denied", [statement(ACTION, "*"), statement(ACTION, f"{BASE}/user/*", "Deny")]),
]


def _ours(capsys, tmp_path: Path, statements: list[dict]) -> str:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"Version": "2012-10-17", "Statement": statements}), "utf-8")
    args = ["check-access", "--action", ACTION, "--resource", CHANNEL]
    main([*args, "--principal", PRINCIPAL, "--format", "json", str(path)])
    return json.loads(capsys.readouterr().out)["decision"]


def _per_caller(statements: list[dict]) -> list[bool]:
    document = {"Version": "2012-10-17", "Statement": statements}
    cases = [
        {"identity": [document], "action": ACTION, "resource": arn, "principal": PRINCIPAL}
        | {"context": {}}
        for arn in [CHANNEL, *CALLERS]
    ]
    channel, *callers = run_oracle(cases)
    return [channel == "allowed" and caller == "allowed" for caller in callers]


@pytest.mark.parametrize(("name", "statements"), CASES, ids=[c[0] for c in CASES])
def test_without_a_caller_the_answer_holds_for_every_caller(
    capsys, tmp_path: Path, name: str, statements: list[dict]
) -> None:
    allowed = _per_caller(statements)
    ours = _ours(capsys, tmp_path, statements)
    if all(allowed):
        assert ours == "allowed", name
    elif not any(allowed):
        assert ours in ("implicitDeny", "explicitDeny"), name
    else:
        assert ours == "unknown", f"{name}: callers allowed {allowed}"


def test_the_table_holds_each_kind_of_answer() -> None:
    """The cases above reach all three answers, so none of the branches is idle."""
    kinds = set()
    for _, statements in CASES:
        allowed = _per_caller(statements)
        kinds.add("all" if all(allowed) else "none" if not any(allowed) else "some")
    assert kinds == {"all", "none", "some"}


def test_unknown_says_which_callers_and_asks_for_one(capsys, tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    only_alice = [statement(ACTION, [f"{BASE}/channel/*", f"{BASE}/user/alice"])]
    path.write_text(json.dumps({"Version": "2012-10-17", "Statement": only_alice}), "utf-8")
    code = main(["check-access", "--action", ACTION, "--resource", CHANNEL, str(path)])
    out = capsys.readouterr().out
    assert code == 3
    assert "not every AppInstanceUser is treated alike" in out
    assert "no AppInstanceBot may call" in out
    assert "give the caller's ARN" in out
    # Named, the caller decides it: alice may, bob may not.
    for caller, expected in (("alice", 0), ("bob", 1)):
        args = ["--caller", f"{BASE}/user/{caller}"]
        assert (
            main(["check-access", "--action", ACTION, "--resource", CHANNEL, *args, str(path)])
            == expected
        )
        capsys.readouterr()
