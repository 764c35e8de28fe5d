"""Line endings never decide which policies a file holds (the audit's D3): AWS's Chime SDK
chat demo template is stored with CRLF line endings, and its `PolicyDocument: |` policy was
found in the window (which reads LF) but by no CLI command. Every container of the tests,
read with LF and with CRLF, holds the same policies in the same order, with the same text."""

import pytest

from editor.core.export.containers import find_container
from tests.cli.test_chat_template import CHAT_TEMPLATE
from tests.cli.test_fix_containers import YAML_TEMPLATE, YAML_WITH
from tests.cli.test_kind_by_place import ROLE_DOCUMENT, ROLE_POLICIES, template
from tests.cli.test_reopen_exports import DATA_SOURCE
from tests.core.export.test_containers import STACK, TERRAFORM, YAML_POLICY
from tests.core.template_examples import SUB_EXPORT, TEMPLATE
from tests.core.template_ticks import (
    CHAT_DEMO,
    CHAT_USER_POLICY,
    JOINED,
    JSON_STRINGS,
    LONG_JSON,
    LONG_YAML_EMPTY,
)

CONTAINERS = {
    "chat demo, JSON strings (`PolicyDocument: |`)": (JSON_STRINGS, "chat.yaml"),
    "chat demo, IAM parts": (CHAT_TEMPLATE, "chat.yaml"),
    "chat demo, presence role": (CHAT_DEMO, "role.yaml"),
    "chat demo, user policy": (CHAT_USER_POLICY, "user.yaml"),
    "Fn::Join ARNs": (JOINED, "joined.yaml"),
    "long form, JSON": (LONG_JSON, "long.json"),
    "long form, YAML": (LONG_YAML_EMPTY, "long.yaml"),
    "audit template": (TEMPLATE, "t.yaml"),
    "export --sub": (SUB_EXPORT, "sub.yaml"),
    "stack": (STACK, "stack.yaml"),
    "Terraform, jsonencode and heredocs": (TERRAFORM, "main.tf"),
    "YAML policy": (YAML_POLICY, "p.yaml"),
    "YAML template (fix)": (YAML_TEMPLATE, "t.yaml"),
    "YAML with": (YAML_WITH, "w.yaml"),
    "bucket policy": (template("AWS::S3::BucketPolicy", "      PolicyDocument:\n"), "b.yaml"),
    "role policies": (template("AWS::IAM::Role", ROLE_POLICIES, ROLE_DOCUMENT), "r.yaml"),
    "Terraform data source": (DATA_SOURCE, "d.tf"),
}


def _seen(text: str, name: str) -> list[tuple[str, object, str]]:
    container = find_container(text, name)
    assert container is not None
    return [(e.label, e.kind, e.text.replace("\r\n", "\n")) for e in container.policies]


@pytest.mark.parametrize("case", CONTAINERS)
def test_crlf_and_lf_hold_the_same_policies(case: str) -> None:
    text, name = CONTAINERS[case]
    assert "\r" not in text
    lf = _seen(text, name)
    assert lf  # each holds at least one policy: the comparison compares something
    assert _seen(text.replace("\n", "\r\n"), name) == lf
