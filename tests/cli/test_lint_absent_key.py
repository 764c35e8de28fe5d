"""A condition on a key no action of the statement supports tests a key that no request
carries, and what that does depends on the operator. The lint said "the condition never
matches" for all of them; for a negated operator, an `...IfExists` one, `Null: true` and
`ForAllValues:` the test is always true, so an Allow grants its actions without the
restriction its author meant (`StringNotEquals s3:prefix secret/` allows everything).

Each case is decided by the oracle (iam-simulate) on a request without the key: "allowed" for
an Allow whose test always holds, "implicitDeny" for one whose test never does; for a Deny,
"explicitDeny" when it always holds. Source of the semantics: IAM User Guide, "IAM JSON policy
elements: Condition operators" (negated operators, "...IfExists", "Condition operator to check
existence of condition keys") and "Single-valued vs. multivalued context keys" (ForAllValues
returns true when the key is absent from the request).
"""

import json
from pathlib import Path

import pytest

from editor.cli.main import main
from tests.core.access.oracle import run_oracle

GET, BUCKET = "s3:GetObject", "arn:aws:s3:::b/*"
SEND = "chime:SendChannelMessage"
CHANNELS = "arn:aws:chime:us-east-1:111122223333:app-instance/A/channel/*"
TARGET = {GET: "arn:aws:s3:::b/report.txt", SEND: CHANNELS.replace("*", "c1")}
PRINCIPAL = "arn:aws:iam::111122223333:user/alice"

# (id, effect, action, resource, condition, always true on a missing key)
CASES = [
    ("k1-not-equals", "Allow", GET, BUCKET, {"StringNotEquals": {"s3:prefix": "secret/"}}, True),
    ("k2-if-exists", "Allow", GET, BUCKET, {"StringEqualsIfExists": {"s3:prefix": "a/"}}, True),
    ("k3-null-true", "Allow", GET, BUCKET, {"Null": {"s3:prefix": "true"}}, True),
    ("null-bool", "Allow", GET, BUCKET, {"Null": {"s3:prefix": True}}, True),
    (
        "c_forall",
        "Allow",
        GET,
        "*",
        {"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}},
        True,
    ),
    (
        "k5-chime",
        "Allow",
        SEND,
        CHANNELS,
        {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}},
        True,
    ),
    ("not-like", "Allow", GET, BUCKET, {"StringNotLike": {"s3:prefix": "secret/*"}}, True),
    ("deny-not-equals", "Deny", GET, BUCKET, {"StringNotEquals": {"s3:prefix": "a/"}}, True),
    ("k4-equals", "Allow", GET, BUCKET, {"StringEquals": {"s3:prefix": "public/"}}, False),
    ("null-false", "Allow", GET, BUCKET, {"Null": {"s3:prefix": "false"}}, False),
    ("for-any", "Allow", GET, "*", {"ForAnyValue:StringEquals": {"aws:TagKeys": ["a"]}}, False),
    ("numeric", "Allow", GET, BUCKET, {"NumericLessThan": {"s3:max-keys": "10"}}, False),
]


def _document(effect: str, action: str, resource: str, condition: dict) -> dict:
    statements = [
        {"Effect": effect, "Action": action, "Resource": resource, "Condition": condition}
    ]
    if effect == "Deny":  # something for the Deny to take away
        statements.insert(0, {"Effect": "Allow", "Action": action, "Resource": resource})
    return {"Version": "2012-10-17", "Statement": statements}


def _lint_message(capsys, tmp_path: Path, document: dict) -> str:
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(document, indent=4), encoding="utf-8")
    main(["lint", "--format", "json", str(path)])
    found = [
        f for f in json.loads(capsys.readouterr().out) if f["code"] == "condition/key-not-supported"
    ]
    assert len(found) == 1, found
    return found[0]["message"]


@pytest.fixture(scope="module")
def oracle_answers() -> dict[str, str]:
    cases = [
        {
            "identity": [_document(effect, action, resource, condition)],
            "action": action,
            "resource": TARGET[action],
            "principal": PRINCIPAL,
            "context": {},
        }
        for _id, effect, action, resource, condition, _always in CASES
    ]
    return dict(zip([c[0] for c in CASES], run_oracle(cases), strict=True))


@pytest.mark.parametrize(
    ("name", "effect", "action", "resource", "condition", "always"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_the_message_says_what_the_operator_does_on_a_missing_key(
    capsys, tmp_path, oracle_answers, name, effect, action, resource, condition, always
) -> None:
    # The oracle first: the case is what the table says it is.
    expected = {("Allow", True): "allowed", ("Allow", False): "implicitDeny"}
    expected |= {("Deny", True): "explicitDeny", ("Deny", False): "allowed"}
    assert oracle_answers[name] == expected[(effect, always)]
    message = _lint_message(capsys, tmp_path, _document(effect, action, resource, condition))
    operator = next(iter(condition))
    operator = 'Null "true"' if operator == "Null" else operator
    if always:
        assert "never matches" not in message
        key = next(iter(condition[next(iter(condition))]))
        verb = "grants" if effect == "Allow" else "denies"
        # The conclusion first: a Problems row cut at its width still shows it.
        assert message.startswith(
            f"the condition on {key!r} restricts nothing, so the statement {verb} its "
            "actions unconditionally"
        )
        assert message.endswith(f"{operator} on a missing key is always true")
    else:
        assert message.endswith("the condition never matches")


def test_another_key_in_the_condition_keeps_the_statement_restricted(capsys, tmp_path) -> None:
    # StringNotEquals on the missing s3:prefix restricts nothing, but the statement is still
    # bound by its other key: the message does not claim it grants unconditionally.
    condition = {
        "StringNotEquals": {"s3:prefix": "secret/"},
        "StringEquals": {"aws:PrincipalTag/team": "a"},
    }
    message = _lint_message(capsys, tmp_path, _document("Allow", GET, BUCKET, condition))
    assert message.startswith("the condition on 's3:prefix' restricts nothing: ")
    assert message.endswith("StringNotEquals on a missing key is always true")
