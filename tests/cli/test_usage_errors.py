"""What a user sees when the arguments are wrong, and the exit code a script sees: captured
from the real command before its start-up was trimmed (parsers built on demand, fewer
imports), word for word at 80 columns. argparse's errors exit 2 with the usage of the parser
that failed; the top-level one reports what no command took."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.entry_point import chime_policy

TOP = """\
usage: chime-policy [-h] [-v] COMMAND ...
"""
LINT = """\
usage: chime-policy lint [-h] [--exclude GLOB] [--format {text,json,sarif}]
                         [--min-severity {info,warning,error}]
                         [--quota {managed,user,group,role}]
                         [--policy-type {auto,identity,resource,trust,scp,rcp,boundary}]
                         [-v]
                         FILE [FILE ...]
"""
FIX = """\
usage: chime-policy fix [-h] [--exclude GLOB] [--check | --diff | --in-place]
                        [--quota {managed,user,group,role}]
                        [--policy-type {auto,identity,resource,trust,scp,rcp,boundary}]
                        [-v]
                        FILE [FILE ...]
"""
FILL = """\
usage: chime-policy fill [-h] [--exclude GLOB] [--partition VALUE]
                         [--region VALUE] [--account-id VALUE]
                         [--app-instance-id VALUE] [--user-id VALUE]
                         [--channel-id VALUE] [--bot-id VALUE]
                         [--channel-flow-id VALUE] [--set PLACEHOLDER=VALUE]
                         [--diff | --in-place] [-v]
                         FILE [FILE ...]
"""
EDIT = """\
usage: chime-policy edit [-h] [--exclude GLOB] [--add-action ACTION]
                         [--remove-action ACTION] [--diff | --in-place] [-v]
                         FILE [FILE ...]
"""
NEW = """\
usage: chime-policy new [-h] (--persona PERSONA | --actions ACTIONS)
                        [--partition VALUE] [--region VALUE]
                        [--account-id VALUE] [--app-instance-id VALUE]
                        [--user-id VALUE] [--channel-id VALUE]
                        [--bot-id VALUE] [--as-bot] [--channel-flow-id VALUE]
                        [--target-user-ids ID,...] [--target-bot-ids ID,...]
                        [--layout {aws-example,least-privilege}]
                        [--indent {0,2,4}] [-v]
"""
EXPORT = """\
usage: chime-policy export [-h] --to
                           {json,json-min,cloudformation-yaml,cloudformation-json,terraform,terraform-data,aws-cli}
                           [--name NAME] [--sub] [--account-id ID]
                           [--region REGION] [--template] [-o OUTPUT]
                           [--policy-type {auto,identity,resource,trust,scp,rcp,boundary}]
                           [-v]
                           FILE
"""
CHECK_ACCESS = """\
usage: chime-policy check-access [-h] --action ACTION --resource ARN
                                 [--caller ARN] [--principal ARN]
                                 [--resource-account ID] [--context KEY=VALUE]
                                 [--boundary FILE] [--scp FILE]
                                 [--scp-level FILE[,FILE...]] [--rcp FILE]
                                 [--resource-policy FILE]
                                 [--format {text,json}] [--index N] [-v]
                                 POLICY [POLICY ...]
"""
GRANTS = """\
usage: chime-policy grants [-h] [--format {text,json}] [--index N] [-v] POLICY
"""
DIFF = """\
usage: chime-policy diff [-h] [--format {text,json}] [--index N] [-v] OLD NEW
"""

CASES = [
    ([], TOP + "chime-policy: error: the following arguments are required: COMMAND\n"),
    (["-v"], TOP + "chime-policy: error: the following arguments are required: COMMAND\n"),
    (["--version"], TOP + "chime-policy: error: the following arguments are required: COMMAND\n"),
    (
        ["bogus"],
        TOP + "chime-policy: error: argument COMMAND: invalid choice: 'bogus' (choose from "
        "'lint', 'fix', 'fill', 'edit', 'new', 'export', 'check-access', 'grants', 'diff')\n",
    ),
    (["lint"], LINT + "chime-policy lint: error: the following arguments are required: FILE\n"),
    (
        ["lint", "--format", "xml", "x.json"],
        LINT + "chime-policy lint: error: argument --format: invalid choice: 'xml' "
        "(choose from 'text', 'json', 'sarif')\n",
    ),
    (
        ["lint", "--min-severity", "fatal", "x.json"],
        LINT + "chime-policy lint: error: argument --min-severity: invalid choice: 'fatal' "
        "(choose from 'info', 'warning', 'error')\n",
    ),
    (
        ["lint", "--quota"],
        LINT + "chime-policy lint: error: argument --quota: expected one argument\n",
    ),
    (["lint", "--bogus", "x.json"], TOP + "chime-policy: error: unrecognized arguments: --bogus\n"),
    (
        ["fix", "--check", "--diff", "x.json"],
        FIX + "chime-policy fix: error: argument --diff: not allowed with argument --check\n",
    ),
    (
        ["fill", "--set", "x.json"],  # --set took the file name as its value
        FILL + "chime-policy fill: error: the following arguments are required: FILE\n",
    ),
    (["edit"], EDIT + "chime-policy edit: error: the following arguments are required: FILE\n"),
    (
        ["new"],
        NEW + "chime-policy new: error: one of the arguments --persona --actions is required\n",
    ),
    (
        ["new", "--persona", "p", "--actions", "a"],
        NEW + "chime-policy new: error: argument --actions: not allowed with argument --persona\n",
    ),
    (
        ["export", "--to", "pdf", "x.json"],
        EXPORT + "chime-policy export: error: argument --to: invalid choice: 'pdf' (choose from "
        "'json', 'json-min', 'cloudformation-yaml', 'cloudformation-json', 'terraform', "
        "'terraform-data', 'aws-cli')\n",
    ),
    (
        ["export", "a.json", "b.json", "--to", "json"],
        TOP + "chime-policy: error: unrecognized arguments: b.json\n",
    ),
    (
        ["check-access", "p.json"],
        CHECK_ACCESS + "chime-policy check-access: error: the following arguments are required: "
        "--action, --resource\n",
    ),
    (
        ["grants"],
        GRANTS + "chime-policy grants: error: the following arguments are required: POLICY\n",
    ),
    (
        ["grants", "--index", "one", "p.json"],
        GRANTS + "chime-policy grants: error: argument --index: invalid int value: 'one'\n",
    ),
    (
        ["diff", "a.json"],
        DIFF + "chime-policy diff: error: the following arguments are required: NEW\n",
    ),
]


@pytest.mark.parametrize(("args", "stderr"), CASES, ids=lambda c: " ".join(c) or "none")
def test_usage_errors_read_as_they_did(args: list[str], stderr: str) -> None:
    shown = chime_policy(*args)
    assert (shown.returncode, shown.stdout) == (2, "")
    assert shown.stderr == stderr


OK = (
    '{"Version": "2012-10-17", "Statement": '
    '[{"Effect": "Allow", "Action": "chime:Connect", "Resource": "*"}]}'
)
BROKEN = '{"Version": "2012-10-17" "Statement": []}'


@pytest.mark.parametrize(
    ("args", "code", "stdout", "stderr"),
    [
        (["lint", "--min-severity", "error", "ok.json"], 0, "", ""),
        (
            ["lint", "broken.json"],
            1,
            "broken.json:1:25: error json/missing-comma missing comma between values\n"
            "broken.json:1:39: error policy/empty-array Statement is empty\n",
            "",
        ),
        (["lint", "missing.json"], 2, "", "chime-policy: missing.json: no such file\n"),
        (["-v", "lint", "--min-severity", "error", "ok.json"], 0, "", "read 105 characters"),
        (["lint", "--min-severity", "error", "ok.json", "-v"], 0, "", "read 105 characters"),
    ],
)
def test_a_lint_exits_as_it_did(
    tmp_path: Path, args: list[str], code: int, stdout: str, stderr: str
) -> None:
    """0 clean (or only what --min-severity drops), 1 errors, 2 a file it cannot read."""
    (tmp_path / "ok.json").write_text(OK, encoding="utf-8")
    (tmp_path / "broken.json").write_text(BROKEN, encoding="utf-8")
    shown = chime_policy(*args, cwd=tmp_path)
    assert (shown.returncode, shown.stdout) == (code, stdout)
    if "-v" in args:  # the log's times vary: its line about the file is enough
        assert f"chime-policy: DEBUG editor.cli: ok.json: {stderr}\n" in shown.stderr
    else:
        assert shown.stderr == stderr
