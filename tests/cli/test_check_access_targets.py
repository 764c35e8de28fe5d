"""A call authorized against several required resource types (chime:AssociateChannelFlow: the
channel AND the channel flow, besides the caller) is allowed only when each is, and a type no
--resource gives leaves the answer unknown, never a confident allow.

AWS's rule: the Service Authorization Reference's "Resource types" column marks required
types with an asterisk, and "if the action has one or more required resources, the caller must
have permission to use the action with those resources" (Service Authorization Reference,
"Resource types table"). Each resource's own decision is the oracle's (iam-simulate), one
request per resource, as AWS authorizes each one.
"""

import json
from pathlib import Path

import pytest

from editor.cli.main import main
from tests.core.access.oracle import run_oracle
from tests.core.policies import ACCOUNT, BASE, policy, statement

CHANNEL = f"{BASE}/channel/c1"
FLOW = f"{BASE}/channel-flow/flow-1"
USER = f"{BASE}/user/user-1"
PRINCIPAL = f"arn:aws:iam::{ACCOUNT}:user/x"  # the app instance's account
ACTION = "chime:AssociateChannelFlow"
# AWS's full-user example grants the channel and the user, not the channel flow.
NO_FLOW = {"Version": "2012-10-17", "Statement": [statement(ACTION, [f"{BASE}/channel/*", USER])]}
WITH_FLOW = {
    "Version": "2012-10-17",
    "Statement": [statement(ACTION, [f"{BASE}/channel/*", f"{BASE}/channel-flow/*", USER])],
}


def _check(capsys, tmp_path: Path, document: dict, *resources: str) -> tuple[int, dict]:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    args = ["check-access", "--action", ACTION, "--caller", USER, "--principal", PRINCIPAL]
    for arn in resources:
        args += ["--resource", arn]
    code = main([*args, "--format", "json", str(path)])
    return code, json.loads(capsys.readouterr().out)


def _oracle(document: dict, resource: str) -> str:
    case = {"identity": [document], "action": ACTION, "resource": resource}
    return run_oracle([{**case, "principal": PRINCIPAL, "context": {}}])[0]


def test_a_missing_required_type_is_unknown_naming_it(capsys, tmp_path) -> None:
    # The oracle allows the channel and the caller on their own: one target is not enough.
    assert _oracle(NO_FLOW, CHANNEL) == "allowed"
    assert _oracle(NO_FLOW, USER) == "allowed"
    code, answer = _check(capsys, tmp_path, NO_FLOW, CHANNEL)
    assert (code, answer["decision"]) == (3, "unknown")
    assert answer["reason"] == "also authorized against channel-flow — give its ARN"


def test_text_output_names_the_missing_type(capsys, tmp_path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(NO_FLOW), encoding="utf-8")
    code = main(["check-access", "--action", ACTION, "--resource", CHANNEL, str(path)])
    out = capsys.readouterr().out
    assert code == 3
    assert out.startswith("unknown: chime:AssociateChannelFlow on ")
    assert "also authorized against channel-flow — give its ARN" in out


@pytest.mark.parametrize(
    ("document", "expected", "code"),
    [(NO_FLOW, "implicitDeny", 1), (WITH_FLOW, "allowed", 0)],
    ids=["flow-not-granted", "flow-granted"],
)
def test_every_required_type_given_is_decided(capsys, tmp_path, document, expected, code) -> None:
    per_resource = [_oracle(document, arn) for arn in (CHANNEL, FLOW, USER)]
    combined = "allowed" if set(per_resource) == {"allowed"} else "implicitDeny"
    assert combined == expected
    got, answer = _check(capsys, tmp_path, document, CHANNEL, FLOW)
    assert (got, answer["decision"]) == (code, expected)


def test_a_denied_target_decides_even_with_a_type_missing(capsys, tmp_path) -> None:
    # Another app instance's channel is not granted: the call is denied whatever the flow.
    other = "arn:aws:chime:us-east-1:123456789012:app-instance/app-2/channel/c1"
    assert _oracle(NO_FLOW, other) == "implicitDeny"
    code, answer = _check(capsys, tmp_path, NO_FLOW, other)
    assert (code, answer["decision"]) == (1, "implicitDeny")


def test_an_action_with_one_target_type_is_unchanged(capsys, tmp_path) -> None:
    document = {"Version": "2012-10-17", "Statement": [statement("chime:*", "*")]}
    path = tmp_path / "p.json"
    path.write_text(policy(*document["Statement"]), encoding="utf-8")
    code = main(["check-access", "--action", "chime:SendChannelMessage", "--resource", CHANNEL,
                 "--caller", USER, str(path)])  # fmt: skip
    assert code == 0


def test_grants_marks_entries_that_need_another_required_type(capsys, tmp_path) -> None:
    for document, marked in ((NO_FLOW, True), (WITH_FLOW, False)):
        path = tmp_path / "p.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        assert main(["grants", str(path)]) == 0
        out = capsys.readouterr().out
        lines = [line for line in out.splitlines() if "/channel/* [channel]" in line]
        assert lines
        assert all(("(needs channel-flow too)" in line) == marked for line in lines), out
        assert main(["grants", "--format", "json", str(path)]) == 0
        entries = json.loads(capsys.readouterr().out)[0]["resources"]
        assert {tuple(e["needs"]) for e in entries} == {("channel-flow",) if marked else ()}
