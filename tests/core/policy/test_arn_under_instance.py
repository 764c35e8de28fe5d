"""An ARN for everything under an app instance, `app-instance/app-1234/*`, holds the app
instance ID app-1234: the ARN form shows it and fills it (audit D11: the form left the field
empty, so the Access dock checked "example-app-instance")."""

import json

import pytest

from editor.core.policy.arnslots import fill_text
from editor.core.policy.selection import read_selection

BASE = "arn:aws:chime:us-east-1:123456789012:app-instance"


def _doc(resource: str) -> str:
    statement = {"Effect": "Allow", "Action": "chime:*", "Resource": resource}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        (f"{BASE}/app-1234/*", "app-1234"),
        (f"{BASE}/app-1234", "app-1234"),
        (f"{BASE}/app-1234/channel/*", "app-1234"),
        (f"{BASE}/*", None),  # any app instance: no value to show
    ],
)
def test_the_form_reads_the_app_instance(resource: str, expected: str | None) -> None:
    assert read_selection(_doc(resource)).values.get("app_instance_id") == expected


def test_filling_the_app_instance_rewrites_it_under_the_star() -> None:
    text = fill_text(_doc(f"{BASE}/app-1234/*"), {"app_instance_id": "app-9"})
    assert json.loads(text)["Statement"][0]["Resource"] == f"{BASE}/app-9/*"
