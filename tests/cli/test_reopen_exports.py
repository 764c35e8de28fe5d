"""Every export format of this app, written by `chime-policy export` and opened again by
`chime-policy lint`: zero errors, and the file itself passes a tool we did not write
(cfn-lint for CloudFormation, python-hcl2 for Terraform, json.loads for JSON).

The AWS CLI format is a shell command, not a file that holds a policy: it is run through a
real shell in tests/core/export/test_formats.py instead of being opened."""

from __future__ import annotations

import json
from pathlib import Path

import hcl2
import pytest

from editor.cli.main import main
from editor.core.export.containers import find_container
from editor.core.policy.generate import Layout, generate
from tests.core.export.test_formats import (
    HCL,
    VALUES,
    as_lists_of_strings,
    cfn_errors,
    data_source_as_policy,
)
from tests.core.policies import CLEAN_MULTI_SERVICE

# (format, --sub, the file name it is saved as)
FORMATS = [
    ("json", False, "policy.json"),
    ("json-min", False, "policy.min.json"),
    ("cloudformation-yaml", False, "stack.yaml"),
    ("cloudformation-yaml", True, "stack-sub.yaml"),
    ("cloudformation-json", False, "stack.json"),
    ("cloudformation-json", True, "stack-sub.json"),
    ("terraform", False, "policy.tf"),
    ("terraform-data", False, "policy-data.tf"),
]
POLICIES = {
    "full-user": generate(
        ["chime:Connect", "chime:SendChannelMessage", "chime:ListChannelMessages"],
        VALUES,
        Layout.LEAST_PRIVILEGE,
    ).to_text(),
    "multi-service": CLEAN_MULTI_SERVICE,
}


def exported(tmp_path: Path, policy: str, fmt: str, sub: bool, name: str) -> Path:
    source = tmp_path / "source.json"
    source.write_text(policy, encoding="utf-8")
    out = tmp_path / name
    args = ["export", "--to", fmt, "--name", "chat-users", "-o", str(out), str(source)]
    assert main(args + (["--sub"] if sub else [])) == 0
    return out


def check_with_its_own_tool(text: str, fmt: str, policy: str) -> None:
    """The exported file read by a tool we did not write."""
    if fmt.startswith("json"):
        assert json.loads(text) == json.loads(policy)
    elif fmt.startswith("cloudformation"):
        assert cfn_errors(text) == []
    elif fmt == "terraform-data":
        assert data_source_as_policy(text) == as_lists_of_strings(json.loads(policy))
    else:
        assert hcl2.loads(text, serialization_options=HCL)["resource"]


@pytest.mark.parametrize(("fmt", "sub", "name"), FORMATS, ids=[f[2] for f in FORMATS])
@pytest.mark.parametrize("which", list(POLICIES))
def test_every_export_reopens_with_zero_errors(
    tmp_path: Path, capsys, fmt: str, sub: bool, name: str, which: str
) -> None:
    policy = POLICIES[which]
    path = exported(tmp_path, policy, fmt, sub, name)
    text = path.read_text(encoding="utf-8")
    check_with_its_own_tool(text, fmt, policy)
    capsys.readouterr()
    assert main(["lint", "--min-severity", "error", str(path)]) == 0
    assert capsys.readouterr().out == ""
    if not fmt.startswith("json"):  # a file holding the policy: found inside it, once
        container = find_container(text, name)
        assert container is not None and len(container.policies) == 1


def test_the_data_source_reads_back_as_the_document_hcl2_reads() -> None:
    """Our reading of an aws_iam_policy_document, against python-hcl2's reading of the same
    file turned into IAM JSON as Terraform's provider does."""
    from editor.core.export.formats import Format, export

    for policy in POLICIES.values():
        text = export(policy, Format.TERRAFORM_DATA, "chat-users")
        container = find_container(text, "policy.tf")
        assert container is not None
        (embedded,) = container.policies
        ours = as_lists_of_strings(json.loads(embedded.text))
        assert ours == data_source_as_policy(text)


def test_a_data_source_finding_is_at_the_tf_files_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "main.tf"
    path.write_text(DATA_SOURCE, encoding="utf-8")
    assert main(["lint", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    lines = DATA_SOURCE.splitlines()
    found = {line.split(": ")[1].split()[1]: line for line in out}
    miscased = found["action/miscased"]
    row = int(miscased.split(":")[1])
    assert "chime:Sendchannelmessage" in lines[row - 1]
    # the role's trust policy is checked as one: sts:AssumeRole with a service principal
    # is clean, and its Resource is the error a trust policy gets
    element = found["policy/element-not-allowed"]
    assert "checked as a role trust policy" in element
    assert "resources" in lines[int(element.split(":")[1]) - 1]
    assert "[data.aws_iam_policy_document.assume › aws_iam_role.chat › assume_role_policy]" in (
        element
    )


DATA_SOURCE = """\
data "aws_iam_policy_document" "assume" {
  statement {
    actions   = ["sts:AssumeRole"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "chat" {
  statement {
    sid     = "Send"
    actions = [
      "chime:Sendchannelmessage",
    ]
    resources = ["arn:aws:chime:us-east-1:123456789012:app-instance/app-1/user/${var.user}"]
  }
}

resource "aws_iam_role" "chat" {
  name               = "chat"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "chat" {
  role   = aws_iam_role.chat.id
  policy = data.aws_iam_policy_document.chat.json
}
"""
