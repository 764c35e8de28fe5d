"""Exports, each checked by a tool we did not write: cfn-lint, python-hcl2, bash."""

import json
import os
import stat
import subprocess
from pathlib import Path

import hcl2
import pytest
import yaml
from cfnlint.api import ManualArgs
from cfnlint.api import lint as cfn_lint
from hcl2 import SerializationOptions

from editor.core.export.formats import ExportRefused, Format, export
from editor.core.policy.arnvalues import ArnValues
from editor.core.policy.generate import Layout, generate
from tests.conftest import seed_examples
from tests.core.policies import CLEAN_MULTI_SERVICE

VALUES = ArnValues(
    region="us-east-1",
    account_id="123456789012",
    app_instance_id="app-1",
    user_id="${aws:username}",
)
POLICY = generate(
    ["chime:Connect", "chime:SendChannelMessage", "chime:GetMessagingSessionEndpoint"],
    VALUES,
    Layout.LEAST_PRIVILEGE,
).to_text()
DOCUMENTS = {"generated": POLICY, "multi-service": CLEAN_MULTI_SERVICE}
HCL = SerializationOptions(strip_string_quotes=True, explicit_blocks=False, with_comments=False)


def cfn_errors(template: str) -> list[str]:
    matches = cfn_lint(template, config=ManualArgs(regions=["us-east-1"]))
    return [f"{m.rule.id} {m.message}" for m in matches if m.rule.id.startswith("E")]


@pytest.mark.parametrize("substitute", [False, True])
@pytest.mark.parametrize("fmt", [Format.CLOUDFORMATION_YAML, Format.CLOUDFORMATION_JSON])
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_cloudformation_passes_cfn_lint(name: str, fmt: Format, substitute: bool) -> None:
    template = export(DOCUMENTS[name], fmt, "chat-users", substitute=substitute)
    assert cfn_errors(template) == []
    resource = next(iter(_load_cfn(template, fmt)["Resources"].values()))
    assert resource["Type"] == "AWS::IAM::ManagedPolicy"
    assert resource["Properties"]["ManagedPolicyName"] == "chat-users"


def _load_cfn(template: str, fmt: Format) -> dict:
    if fmt is Format.CLOUDFORMATION_JSON:
        return json.loads(template)

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!Sub", lambda loader, node: {"Fn::Sub": loader.construct_scalar(node)})
    return yaml.load(template, Loader=Loader)


def test_sub_uses_pseudo_parameters_and_escapes_policy_variables() -> None:
    template = export(POLICY, Format.CLOUDFORMATION_YAML, substitute=True)
    assert (
        "!Sub 'arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/app-1/user/"
        "${!aws:username}'" in template
    )
    assert "123456789012" not in template
    plain = export(POLICY, Format.CLOUDFORMATION_JSON)
    body = json.loads(plain)["Resources"]["ChimeMessagingPolicy"]["Properties"]["PolicyDocument"]
    assert body == json.loads(POLICY)


def hcl_policy(text: str) -> dict:
    """The document inside jsonencode(...), read back with python-hcl2."""
    parsed = hcl2.loads(text, serialization_options=HCL)
    (resource,) = parsed["resource"][0]["aws_iam_policy"].values()
    call = resource["policy"]
    assert call.startswith("${jsonencode(") and call.endswith(")}")
    document = hcl2.loads("x = " + call[len("${jsonencode(") : -2], serialization_options=HCL)
    # HCL turns the template escape $${ into a literal ${ when it evaluates the string.
    return json.loads(json.dumps(document["x"]).replace("$${", "${"))


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_terraform_jsonencode_parses_back_to_the_same_document(name: str) -> None:
    text = export(DOCUMENTS[name], Format.TERRAFORM, "chat-users")
    assert hcl_policy(text) == json.loads(DOCUMENTS[name])
    assert 'resource "aws_iam_policy" "chat_users"' in text


def test_terraform_data_source_has_every_statement() -> None:
    text = export(CLEAN_MULTI_SERVICE, Format.TERRAFORM_DATA)
    parsed = hcl2.loads(text, serialization_options=HCL)
    (source,) = parsed["data"][0]["aws_iam_policy_document"].values()
    statements = source["statement"]
    assert len(statements) == len(json.loads(CLEAN_MULTI_SERVICE)["Statement"])
    deny = next(s for s in statements if s["sid"] == "NoDeletes")
    assert deny["effect"] == "Deny" and deny["not_actions"] == ["chime:Get*", "chime:List*"]
    tagged = next(s for s in statements if s["sid"] == "TagOwnChannels")
    assert tagged["condition"][0]["variable"] == "aws:ResourceTag/team"


def test_aws_cli_command_survives_a_real_shell(tmp_path: Path) -> None:
    # IAM allows + = , . @ _ - in a name; the document carries quotes, $(...) and backticks.
    name = "chat+users=a,b.c@d_e-f"
    document = json.loads(CLEAN_MULTI_SERVICE)
    document["Statement"][1]["Condition"]["StringEquals"]["aws:RequestedRegion"] = (
        'it\'s "ours" $(touch pwned) `id`'
    )
    command = export(json.dumps(document), Format.AWS_CLI, name, template=True)
    fake = tmp_path / "aws"
    fake.write_text('#!/bin/sh\nfor a in "$@"; do printf "%s\\0" "$a"; done\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    out = subprocess.run(
        ["bash", "-c", command], capture_output=True, env=env, cwd=tmp_path, check=True
    ).stdout.decode()
    args = out.split("\0")[:-1]
    assert args[:4] == ["iam", "create-policy", "--policy-name", name]
    assert args[4] == "--policy-document" and json.loads(args[5]) == document
    assert not (tmp_path / "pwned").exists()


def test_export_refuses_with_the_list_of_problems_unless_a_template() -> None:
    text = seed_examples()[3]  # placeholders never filled
    with pytest.raises(ExportRefused) as refused:
        export(text, Format.JSON)
    assert {f.code for f in refused.value.problems} == {"resource/placeholder"}
    assert "10:29: resource/placeholder" in str(refused.value)
    template = export(text, Format.JSON, template=True)
    assert "{aws_account_id}" in template


def test_json_pretty_and_minified() -> None:
    assert json.loads(export(POLICY, Format.JSON)) == json.loads(POLICY)
    minified = export(POLICY, Format.JSON_MINIFIED)
    assert json.loads(minified) == json.loads(POLICY)
    # One line, ended like every text file, so that `cat` and `wc -l` treat it as a line.
    assert minified.endswith("}\n") and minified.count("\n") == 1
    assert " " not in minified.replace("Amazon Chime", "")
