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
from moto.iam.policy_validation import IAMPolicyDocumentValidator

from editor.core.export.formats import ExportRefused, Format, export
from editor.core.policy.arnvalues import ArnValues
from editor.core.policy.generate import Layout, generate
from tests.conftest import seed_examples
from tests.core.policies import CLEAN_MULTI_SERVICE, USER, policy, statement

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


# -- Terraform data source: every element carried, or a refusal at its place --------------


def data_source_as_policy(text: str) -> dict:
    """Read the aws_iam_policy_document back with python-hcl2 and write it as IAM JSON, the
    way Terraform's provider builds its `json` attribute."""
    parsed = hcl2.loads(text, serialization_options=HCL)
    (source,) = parsed["data"][0]["aws_iam_policy_document"].values()
    statements = []
    for block in source["statement"]:
        made: dict = {}
        if "sid" in block:
            made["Sid"] = block["sid"]
        made["Effect"] = block["effect"]
        for key, attribute in (
            ("Action", "actions"),
            ("NotAction", "not_actions"),
            ("Resource", "resources"),
            ("NotResource", "not_resources"),
        ):
            if attribute in block:
                made[key] = [v.replace("$${", "${") for v in block[attribute]]
        for key, attribute in (("Principal", "principals"), ("NotPrincipal", "not_principals")):
            for principal in block.get(attribute, []):
                if principal["type"] == "*":  # the provider writes Principal "*" this way
                    made[key] = "*"
                else:
                    made.setdefault(key, {}).setdefault(principal["type"], []).extend(
                        principal["identifiers"]
                    )
        for condition in block.get("condition", []):
            made.setdefault("Condition", {}).setdefault(condition["test"], {})[
                condition["variable"]
            ] = condition["values"]
        statements.append(made)
    return {"Version": source.get("version", "2012-10-17"), "Statement": statements}


def as_lists_of_strings(document: dict) -> dict:
    """The document as IAM reads it: one value or a list, true or "true", alike."""
    out = {"Version": document["Version"], "Statement": []}
    for original in document["Statement"]:
        copy = {}
        for key, value in original.items():
            if key == "Condition":
                copy[key] = {
                    op: {
                        k: [v if isinstance(v, str) else json.dumps(v) for v in _list(vs)]
                        for k, vs in keys.items()
                    }
                    for op, keys in value.items()
                }
            elif key in ("Sid", "Effect") or (key.endswith("Principal") and value == "*"):
                copy[key] = value
            elif key in ("Principal", "NotPrincipal"):
                copy[key] = {kind: _list(values) for kind, values in value.items()}
            else:
                copy[key] = _list(value)
        out["Statement"].append(copy)
    return out


def _list(value):
    return value if isinstance(value, list) else [value]


BOOL_AND_NUMBER = policy(
    statement(
        "chime:Connect",
        USER,
        Condition={
            "Bool": {"aws:SecureTransport": True},
            "NumericLessThan": {"aws:MultiFactorAuthAge": 3600},
        },
    )
)


@pytest.mark.parametrize("name", ["generated", "multi-service", "booleans"])
def test_terraform_data_source_reads_back_to_the_same_policy(name: str) -> None:
    source = {**DOCUMENTS, "booleans": BOOL_AND_NUMBER}[name]
    back = data_source_as_policy(export(source, Format.TERRAFORM_DATA))
    IAMPolicyDocumentValidator(json.dumps(back)).validate()  # what AWS would accept
    assert back == as_lists_of_strings(json.loads(source))


def test_a_json_true_is_the_string_true_not_python_true() -> None:
    text = export(BOOL_AND_NUMBER, Format.TERRAFORM_DATA)
    assert 'values   = ["true"]' in text and 'values   = ["3600"]' in text
    assert "True" not in text


STRING_OPERATOR = policy(statement("chime:Connect", USER, Condition={"StringEquals": "x"}))


@pytest.mark.parametrize(
    ("source", "where", "message"),
    [
        (STRING_OPERATOR, (9, 33), "condition operator StringEquals must map condition keys"),
        (
            policy(statement("chime:Connect", USER, Condition="yes")),
            (8, 26),
            "Condition must map operators",
        ),
        (
            policy(
                statement(
                    "chime:Connect",
                    USER,
                    Condition={"Bool": {"aws:MultiFactorAuthPresent": {"a": 1}}},
                )
            ),
            (10, 51),
            "the values of aws:MultiFactorAuthPresent must be a string",
        ),
        (
            policy(statement("chime:Connect", USER, Principal="arn:aws:iam::123456789012:root")),
            (8, 26),
            'Principal must be "*" or map principal types to values',
        ),
        (
            policy({"Action": "chime:Connect", "Resource": USER}),
            (4, 9),
            "the statement has no Effect",
        ),
        (policy("not a statement"), (4, 9), "a statement must be a JSON object"),
    ],
)
def test_terraform_data_source_refuses_what_it_cannot_carry(source, where, message) -> None:
    with pytest.raises(ExportRefused) as refused:
        export(source, Format.TERRAFORM_DATA, template=True)
    (problem,) = refused.value.problems
    assert (problem.line, problem.column) == where
    assert problem.code == "export/terraform-data" and message in problem.message
    assert "cannot export this policy as it is" in str(refused.value)
    # jsonencode carries anything: the same policy exports as the aws_iam_policy resource.
    assert hcl_policy(export(source, Format.TERRAFORM, template=True)) == json.loads(source)


# -- CloudFormation !Sub: only the stack's own account and region --------------------------

OTHER_ACCOUNT = "arn:aws:chime:us-east-1:210987654321:app-instance/shared/user/*"
OTHER_REGION = "arn:aws:chime:eu-central-1:123456789012:app-instance/eu/channel/*"
CROSS = policy(
    statement(["chime:Connect", "chime:SendChannelMessage"], [USER, OTHER_ACCOUNT, OTHER_REGION]),
    statement("s3:GetObject", "arn:aws:s3:::bucket/${aws:username}/*"),
)


def resolve_sub(template: str, fmt: Format, account: str, region: str) -> dict:
    """The policy CloudFormation deploys: Fn::Sub evaluated for the stack's account/region."""
    document = _load_cfn(template, fmt)
    body = next(iter(document["Resources"].values()))["Properties"]["PolicyDocument"]

    def evaluate(value):
        if isinstance(value, dict) and set(value) == {"Fn::Sub"}:
            text = value["Fn::Sub"].replace("${AWS::AccountId}", account)
            return text.replace("${AWS::Region}", region).replace("${!", "${")
        if isinstance(value, dict):
            return {k: evaluate(v) for k, v in value.items()}
        if isinstance(value, list):
            return [evaluate(v) for v in value]
        return value

    return evaluate(body)


@pytest.mark.parametrize("fmt", [Format.CLOUDFORMATION_YAML, Format.CLOUDFORMATION_JSON])
def test_sub_leaves_other_accounts_and_regions_as_written(fmt: Format) -> None:
    template = export(CROSS, fmt, substitute=True, account="123456789012", region="us-east-1")
    assert cfn_errors(template) == []
    # Deployed in the stack's own account and region: exactly the policy as written.
    assert resolve_sub(template, fmt, "123456789012", "us-east-1") == json.loads(CROSS)
    # Deployed elsewhere: the own ARNs follow the stack, the others stay put.
    moved = resolve_sub(template, fmt, "555555555555", "ap-northeast-1")
    resources = moved["Statement"][0]["Resource"]
    assert resources == [
        USER.replace("us-east-1:123456789012", "ap-northeast-1:555555555555"),
        OTHER_ACCOUNT.replace("us-east-1", "ap-northeast-1"),
        OTHER_REGION.replace("123456789012", "555555555555"),
    ]
    assert moved["Statement"][1] == json.loads(CROSS)["Statement"][1]


def test_sub_finds_the_stack_when_the_policy_names_one_account_and_region() -> None:
    template = export(POLICY, Format.CLOUDFORMATION_JSON, substitute=True)
    assert resolve_sub(template, Format.CLOUDFORMATION_JSON, "1", "r") == json.loads(
        POLICY.replace("123456789012", "1").replace("us-east-1", "r")
    )


def test_sub_asks_which_account_is_the_stacks_when_there_are_several() -> None:
    with pytest.raises(ExportRefused) as refused:
        export(CROSS, Format.CLOUDFORMATION_YAML, substitute=True, region="us-east-1")
    (problem,) = refused.value.problems
    assert problem.code == "export/which-stack" and (problem.line, problem.column) == (12, 17)
    assert "2 accounts (123456789012, 210987654321)" in problem.message
    assert "--account-id" in problem.message


# -- names IAM accepts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["my policy", "", "p" * 129, "café", "team/policy", "a*b", "tab\there"]
)
def test_names_iam_rejects_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="a policy name"):
        export(POLICY, Format.AWS_CLI, name)


@pytest.mark.parametrize("name", ["a+b=c,d.e@f_g-h", "p" * 128, "X"])
def test_names_iam_accepts_pass(name: str) -> None:
    assert f"--policy-name {name} " in export(POLICY, Format.AWS_CLI, name)
