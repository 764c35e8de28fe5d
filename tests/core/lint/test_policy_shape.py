"""A document that is JSON but not shaped like a policy: the whole value, or the element of the
wrong type, is marked (IAM rejects these with "Syntax errors in policy")."""

import pytest

from editor.core.lint.engine import lint

CONNECT = '{"Effect": "Allow", "Action": "chime:Connect", "Resource": "*"}'
V = '"Version": "2012-10-17"'

TABLE = {
    "policy/not-an-object": [
        ("[1, 2]", ["[1, 2]"]),
        ('"Version"', ['"Version"']),
        ("null", ["null"]),
        ("42", ["42"]),
        (f'[{{{V}, "Statement": [{CONNECT}]}}]', [f'[{{{V}, "Statement": [{CONNECT}]}}]']),
        (f'{{{V}, "Statement": [{CONNECT}]}}', []),
    ],
    "policy/invalid-type": [
        (f'{{{V}, "Statement": "chime:Connect"}}', ['"chime:Connect"']),
        (f'{{{V}, "Statement": [{CONNECT}, 1, "x"]}}', ["1", '"x"']),
        (
            f'{{{V}, "Statement": [{CONNECT[:-1]}, "Condition": ["aws:SecureTransport"]}}]}}',
            ['["aws:SecureTransport"]'],
        ),
        (f'{{{V}, "Statement": {CONNECT}}}', []),  # one statement as an object is fine
        (f'{{{V}, "Statement": [{CONNECT}]}}', []),
    ],
}


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        pytest.param(code, text, expected, id=f"{code}-{n}")
        for code, rows in TABLE.items()
        for n, (text, expected) in enumerate(rows)
    ],
)
def test_wrong_shapes_are_marked_where_they_are(code: str, text: str, expected: list[str]) -> None:
    findings = lint(text).findings
    assert [text[f.start : f.end] for f in findings if f.code == code] == expected
    if expected:
        assert all(f.severity.value == "error" for f in findings if f.code == code)


def test_not_an_object_is_the_only_policy_finding() -> None:
    # Nothing else can be said about a list: no rule runs on it.
    codes = {f.code for f in lint('["chime:Connect"]').findings}
    assert codes == {"policy/not-an-object"}
