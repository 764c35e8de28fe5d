"""Policies in AWS CLI commands (`chime-policy export --to aws-cli` writes one): found as the
shell passes them to `aws`, at the script's own lines and columns, fixed and saved back as the
same option's word. The oracle is bash itself: `aws` defined as a function that prints the words
it is given, the script sourced."""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path

import pytest

from editor.cli.main import main
from editor.core.export.containers import find_container, write_back
from editor.core.policy.kinds import PolicyKind

APP = "arn:aws:chime:us-east-1:111122223333:app-instance/app-1"
# A quote in a condition value: the export's single quotes must escape it ('"'"').
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Send",
            "Effect": "Allow",
            "Action": ["chime:sendchannelmessage"],
            "Resource": [f"{APP}/user/alice", f"{APP}/channel/*"],
            "Condition": {"StringEquals": {"aws:UserAgent": 'it\'s "ours" $HOME'}},
        }
    ],
}
MINIFIED = json.dumps(POLICY, separators=(",", ":"))
PRETTY = json.dumps(POLICY, indent=2)
# Amazon SQS Developer Guide, "Basic examples of Amazon SQS policies" (grant one account
# SendMessage), the action mis-cased.
QUEUE = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"AWS": ["arn:aws:iam::111122223333:root"]},
            "Action": "sqs:sendmessage",
            "Resource": "arn:aws:sqs:us-east-2:444455556666:queue2",
        }
    ],
}
QUEUE_URL = "https://sqs.us-east-2.amazonaws.com/444455556666/queue2"
TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "messaging.chime.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}
DOUBLE = '"' + MINIFIED.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'
SCRIPTS = {
    "export": f"aws iam create-policy --policy-name P --policy-document {shlex.quote(MINIFIED)}\n",
    "double-quoted": f"aws iam create-policy --policy-name P --policy-document {DOUBLE}\n",
    "equals-continued": (
        "#!/bin/sh\nset -e\n# the chat users' policy\naws iam create-policy \\\n"
        f"  --policy-name P \\\n  --policy-document={shlex.quote(PRETTY)}\n"
    ),
    "sqs-attributes": (
        f"aws sqs set-queue-attributes --queue-url {QUEUE_URL} --attributes "
        f"{shlex.quote(json.dumps({'Policy': json.dumps(QUEUE)}))}\n"
    ),
}
MISCASED = {"sqs-attributes": '"sqs:sendmessage"'}


def passed_to_aws(script: Path) -> list[list[str]]:
    """The words each `aws` call of the script is given, as bash gives them."""
    shell = 'aws() { printf "%s\\0" "$@"; printf "\\1\\0"; }; . "$1"'
    out = subprocess.run(
        ["bash", "-c", shell, "bash", str(script)], capture_output=True, check=True
    ).stdout.decode()
    calls, words = [], []
    for word in out.split("\0")[:-1]:
        if word == "\1":
            calls.append(words)
            words = []
        else:
            words.append(word)
    return calls


def documents(script: Path) -> list[dict]:
    """Each document option's value, parsed (SQS: the Policy attribute's string)."""
    found = []
    for words in passed_to_aws(script):
        for i, word in enumerate(words):
            option, _, value = word.partition("=")
            if option.startswith("--") and (value or i + 1 < len(words)):
                value = value or words[i + 1]
                if option == "--attributes":
                    found.append(json.loads(json.loads(value)["Policy"]))
                elif value.startswith("{"):
                    found.append(json.loads(value))
    return found


@pytest.mark.parametrize("name", list(SCRIPTS))
def test_the_policy_is_what_the_shell_passes_to_aws(name: str, tmp_path: Path) -> None:
    path = tmp_path / "make.sh"
    path.write_text(SCRIPTS[name], encoding="utf-8")
    container = find_container(SCRIPTS[name], str(path))
    assert container is not None and container.format == "aws-cli"
    (embedded,) = container.policies
    assert [json.loads(embedded.text)] == documents(path)


@pytest.mark.parametrize("name", list(SCRIPTS))
def test_findings_are_at_the_scripts_own_text_and_fix_saves_it(
    name: str, tmp_path: Path, capsys
) -> None:
    path = tmp_path / "make.sh"
    path.write_text(SCRIPTS[name], encoding="utf-8")
    main(["lint", "--format", "json", str(path)])
    (miscased,) = [f for f in json.loads(capsys.readouterr().out) if f["code"] == "action/miscased"]
    lines = SCRIPTS[name].split("\n")
    assert miscased["line"] == miscased["end_line"]
    written = lines[miscased["line"] - 1][miscased["column"] - 1 : miscased["end_column"] - 1]
    assert written.replace("\\", "") == MISCASED.get(name, '"chime:sendchannelmessage"')
    main(["fix", "--in-place", str(path)])
    (fixed,) = documents(path)
    expected = QUEUE if name == "sqs-attributes" else POLICY
    statement = expected["Statement"][0]
    action = "sqs:SendMessage" if name == "sqs-attributes" else ["chime:SendChannelMessage"]
    assert fixed == {**expected, "Statement": [{**statement, "Action": action}]}
    assert Path(f"{path}.bak").read_text(encoding="utf-8") == SCRIPTS[name]


@pytest.mark.parametrize("name", list(SCRIPTS))
def test_an_edit_is_saved_as_the_options_word_the_rest_kept(name: str, tmp_path: Path) -> None:
    """What the window's Save does with a tick (more than a change of strings)."""
    script = "set -e\n" + SCRIPTS[name] + "echo done\n"
    (embedded,) = find_container(script, "make.sh").policies  # type: ignore[union-attr]
    edited = json.loads(embedded.text)
    statement = edited["Statement"][0]
    action = statement["Action"]
    statement["Action"] = [
        *(action if isinstance(action, list) else [action]),
        "chime:ListChannels",
    ]
    statement["Sid"] = 'Bob\'s "$(date)"'
    saved = write_back(script, embedded, json.dumps(edited, indent=4) + "\n")
    path = tmp_path / "make.sh"
    path.write_text(saved, encoding="utf-8")
    assert documents(path) == [edited]
    start, end = embedded.span
    assert saved.startswith(script[:start]) and saved.endswith(script[end:])


def test_each_command_gives_its_kind(tmp_path: Path) -> None:
    script = (
        "aws iam create-role --role-name R --assume-role-policy-document "
        f"{shlex.quote(json.dumps(TRUST))}\n"
        "aws iam put-role-policy --role-name R --policy-name P --policy-document "
        f"{shlex.quote(MINIFIED)}\n"
        "aws organizations create-policy --name S --type SERVICE_CONTROL_POLICY "
        f"--description d --content {shlex.quote(MINIFIED)}\n"
    )
    container = find_container(script, "roles.sh")
    assert container is not None
    kinds = [(e.label, e.kind) for e in container.policies]
    assert kinds == [
        ("aws iam create-role --assume-role-policy-document (line 1)", PolicyKind.TRUST),
        ("aws iam put-role-policy --policy-document (line 2)", PolicyKind.IDENTITY),
        ("aws organizations create-policy --content (line 3)", PolicyKind.SCP),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "aws iam create-policy --policy-name P --policy-document file://policy.json\n",
        "echo '{\"Statement\": []}'\n",
        'aws iam create-policy --policy-document \'{"Version": \n',  # the quote never closed
        "aws iam create-policy --policy-name P --policy-document=\n",
    ],
    ids=["file-url", "not-aws", "unclosed-quote", "empty-value"],
)
def test_no_policy_written_in_the_script_is_none(text: str) -> None:
    container = find_container(text, "make.sh")
    assert container is None or len(container.policies) <= 1
    if container is not None and container.policies:
        assert container.policies[0].text.startswith('{"Version"')


USER_DATA = """Resources:
  Host:
    Type: AWS::EC2::Instance
    Properties:
      UserData: !Base64 |
        #!/bin/sh
        aws iam create-policy --policy-name P --policy-document '{"Version": "2012-10-17"}'
"""


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        ("set -e\n  aws iam create-policy --policy-document '{}'\n", "make", "aws-cli"),
        (SCRIPTS["export"], "policy.txt", "aws-cli"),
        (USER_DATA, "stack.yaml", "cloudformation-yaml"),  # a template running `aws`
    ],
    ids=["indented-no-suffix", "txt", "template-user-data"],
)
def test_a_script_is_known_by_its_aws_lines_a_template_stays_one(text, name, found) -> None:
    container = find_container(text, name)
    assert container is not None and container.format == found
