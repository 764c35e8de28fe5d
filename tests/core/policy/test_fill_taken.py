"""A fill never rewrites what a policy takes away (audit: the Channel ID field and `fill
--channel-id c1` narrowed a Deny's `channel/*` to one channel, so every other channel became
deletable, and `fill` said it had kept the `*`).

Each case fills one field, as the command line does (`fill_text`) and as the form does
(`with_field`). The Deny's and the NotResource's values stay as written; the access oracle
(iam-simulate) answers every probe request the same on the text before and after, and the
real `chime-policy diff` says "no change" or shows only `-` lines (a fill never grants)."""

import json
from pathlib import Path

import pytest

from editor.cli.main import main
from editor.core.policy.arnslots import fill_text
from editor.core.policy.editing import new_state, with_field
from tests.core.access.oracle import run_oracle

ARN = "arn:aws:chime:us-east-1:111122223333:app-instance"
APP = f"{ARN}/app1"
PRINCIPAL = "arn:aws:iam::111122223333:user/alice"
PROBES = [
    f"{APP}/channel/c1",
    f"{APP}/channel/c2",
    f"{APP}/channel/secret",
    f"{ARN}/app2/channel/c1",
]


def allow(actions, resource, key="Resource", sid=None) -> dict:
    body = {"Effect": "Allow", "Action": actions, key: resource}
    return {"Sid": sid, **body} if sid else body


def deny(actions, resource, key="Resource", sid=None) -> dict:
    return {**allow(actions, resource, key, sid), "Effect": "Deny"}


# (id, statements, field, value, what stderr names as left alone)
CASES = [
    (
        "deny-on-every-channel",  # the audit's filldeny2.json
        [
            allow("chime:*", f"{APP}/*", sid="Admin"),
            deny("chime:DeleteChannel", f"{APP}/channel/*", sid="NeverDeleteChannels"),
        ],
        "channel_id",
        "c1",
        "* in the Deny 'NeverDeleteChannels'",
    ),
    (
        "allow-everywhere-but-one-channel",  # the audit's nrtick.json
        [allow("chime:SendChannelMessage", f"{APP}/channel/secret", key="NotResource")],
        "channel_id",
        "c1",
        "secret in the NotResource of statement 1",
    ),
    (
        "deny-everywhere-but-one-channel",
        [
            allow("chime:*", f"{APP}/*"),
            deny("chime:DeleteChannel", f"{APP}/channel/c2", key="NotResource", sid="OnlyC2"),
        ],
        "channel_id",
        "c1",
        "c2 in the Deny 'OnlyC2'",
    ),
    (
        "deny-of-another-app-instance",
        [
            allow("chime:*", "*"),
            deny("chime:*", f"{ARN}/app2/*", sid="NotApp2"),
        ],
        "app_instance_id",
        "app9",
        "app2 in the Deny 'NotApp2'",
    ),
]


def _text(statements: list[dict]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=4)


def _answers(texts: list[str], action: str) -> list[str]:
    cases = [
        {"identity": [json.loads(t)], "action": action, "resource": r, "principal": PRINCIPAL}
        for t in texts
        for r in PROBES
    ]
    return run_oracle([{**c, "context": {}} for c in cases])


@pytest.mark.parametrize(
    ("statements", "field", "value", "left"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_fill_leaves_what_a_policy_takes_away(
    statements, field, value, left, tmp_path: Path, capsys
) -> None:
    text = _text(statements)
    by_cli = fill_text(text, {field: value})
    by_form = with_field(new_state(text), field, value).text
    assert by_cli == by_form == text  # nothing of what is taken away was a target
    # The real command: what it left, named; and the diff of before and after.
    path, before = tmp_path / "p.json", tmp_path / "before.json"
    path.write_text(text, encoding="utf-8")
    before.write_text(text, encoding="utf-8")
    option = "--" + field.replace("_", "-")
    code = main(["fill", option, value, "--in-place", str(path)])
    err = capsys.readouterr().err
    assert code == 0
    assert f"{option} {value}: wrote nothing; left alone: {left} (a fill never rewrites" in err
    assert "which fill keeps" not in err  # the old message said it kept a `*` it had narrowed
    assert path.read_text(encoding="utf-8") == text
    assert main(["diff", str(before), str(path)]) == 0
    assert capsys.readouterr().out == "no change in what the policy allows\n"


def test_a_fill_narrows_an_allow_and_leaves_the_deny(tmp_path: Path, capsys) -> None:
    # The Allow's `*` is the form's "any (*)" value: typing c1 narrows the grant (only `-`
    # lines in the diff); the Deny of c2 is not retargeted to c1 (that would free c2).
    text = _text(
        [
            allow(["chime:SendChannelMessage", "chime:DeleteChannel"], f"{APP}/channel/*"),
            deny("chime:DeleteChannel", f"{APP}/channel/c2", sid="KeepC2"),
        ]
    )
    filled = fill_text(text, {"channel_id": "c1"})
    assert json.loads(filled)["Statement"][0]["Resource"] == f"{APP}/channel/c1"
    assert json.loads(filled)["Statement"][1]["Resource"] == f"{APP}/channel/c2"
    before, after = (
        _answers([text], "chime:DeleteChannel"),
        _answers([filled], "chime:DeleteChannel"),
    )
    assert before == ["allowed", "explicitDeny", "allowed", "implicitDeny"]
    assert after == ["allowed", "explicitDeny", "implicitDeny", "implicitDeny"]
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(text, encoding="utf-8")
    new.write_text(filled, encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 0  # exit 1 is for grants added
    lines = capsys.readouterr().out.splitlines()
    assert lines and not [line for line in lines if line.startswith("+")]
    assert main(["fill", "--channel-id", "c1", str(old)]) == 0
    err = capsys.readouterr().err
    assert "--channel-id c1: wrote it over * in 1 ARN; left alone: c2 in the Deny 'KeepC2'" in err


def test_a_denys_placeholder_is_filled_for_it_names_nothing() -> None:
    # `{aws_account_id}` in a Deny matches no real ARN: filling it makes the Deny apply (the
    # oracle: denied after, allowed before); it never allows more.
    hole = "arn:aws:chime:us-east-1:{aws_account_id}:app-instance/app1"
    text = _text([allow("chime:*", f"{APP}/*"), deny("chime:DeleteChannel", f"{hole}/channel/*")])
    filled = fill_text(text, {"account_id": "111122223333"})
    assert json.loads(filled)["Statement"][1]["Resource"] == f"{APP}/channel/*"
    assert _answers([text], "chime:DeleteChannel")[0] == "allowed"
    assert _answers([filled], "chime:DeleteChannel")[0] == "explicitDeny"


# (id, statements): a value only a Deny or a NotResource holds is never the form's nor a new
# statement's (audit: ticking DeleteChannel granted it on exactly the excluded channel).
TAKEN_ONLY = [
    ("notresource", [allow(["chime:SendChannelMessage"], f"{APP}/channel/secret", "NotResource")]),
    (
        "deny",
        [
            allow(["chime:ListChannels"], f"{APP}/user/u1"),
            deny("chime:DeleteChannel", f"{APP}/channel/secret"),
        ],
    ),
    (
        "deny-notresource",
        [
            allow(["chime:ListChannels"], f"{APP}/user/u1"),
            deny("chime:*", f"{APP}/channel/secret", key="NotResource"),
        ],
    ),
]


@pytest.mark.parametrize("statements", [c[1] for c in TAKEN_ONLY], ids=[c[0] for c in TAKEN_ONLY])
def test_a_new_statement_takes_no_value_from_what_is_taken_away(
    statements, tmp_path: Path, capsys
) -> None:
    from editor.core.policy.selection import read_selection

    text = _text(statements)
    assert "channel_id" not in read_selection(text).values
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    main(["edit", "--add-action", "chime:DeleteChannel", str(path)])
    added = json.loads(capsys.readouterr().out)["Statement"][len(statements) :]
    assert added and "channel/secret" not in json.dumps(added)


def test_the_forms_note_names_a_deny_only_when_its_value_differs() -> None:
    # A Deny on the Allows' own account is no news; once another account is typed over the
    # Allows', the Deny keeps the old one, and the field's note says so.
    text = _text(
        [
            allow("chime:*", f"{APP}/*"),
            deny("chime:DeleteChannel", f"{APP}/channel/*", sid="NeverDeleteChannels"),
        ]
    )
    state = new_state(text)
    assert "account_id" not in state.left
    assert state.left["channel_id"] == "* in the Deny 'NeverDeleteChannels'"
    typed = with_field(state, "account_id", "444455556666")
    assert json.loads(typed.text)["Statement"][1]["Resource"] == f"{APP}/channel/*"
    assert typed.left["account_id"] == "111122223333 in the Deny 'NeverDeleteChannels'"
