"""What `chime-policy --help` and each command's `--help` print, word for word, at 80 columns:
captured from the real command before its start-up was trimmed (parsers built on demand,
fewer imports), so that no trimming changes what a user reads. A deliberate change to a help
text changes it here too."""

from __future__ import annotations

import pytest

from tests.cli.entry_point import chime_policy

HELP = {
    "": """\
usage: chime-policy [-h] [-v] COMMAND ...

Check, repair and generate IAM policies for Amazon Chime SDK messaging.

positional arguments:
  COMMAND
    lint         report every problem, compiler style
    fix          apply every safe fix
    fill         fill ARN values (region, account, IDs) into policies in place
    edit         add or remove actions in policies, in place
    new          print a new policy for a persona or a list of actions
    export       export a policy file to another format
    check-access
                 decide one request against policies, as IAM would (offline)
    grants       summarize what a policy allows (per service, access level,
                 action)
    diff         what NEW allows that OLD did not (exit 1 if anything), and
                 the reverse

options:
  -h, --help     show this help message and exit
  -v, --verbose  log what the command does (files read, time taken) to stderr
""",
    "lint": """\
usage: chime-policy lint [-h] [--exclude GLOB] [--format {text,json,sarif}]
                         [--min-severity {info,warning,error}]
                         [--quota {managed,user,group,role}]
                         [--policy-type {auto,identity,resource,trust,scp,rcp,boundary}]
                         [-v]
                         FILE [FILE ...]

positional arguments:
  FILE                  file, folder or - (stdin); a folder stands for its
                        *.json files, and its .yaml, .yml, .template, .tf,
                        .md, .markdown, .html, .htm, .sh files that hold a
                        policy, subfolders included

options:
  -h, --help            show this help message and exit
  --exclude GLOB        in folders, skip files and subfolders whose name or
                        path inside the folder matches GLOB (repeatable);
                        hidden folders such as .git are always skipped
  --format {text,json,sarif}
  --min-severity {info,warning,error}
                        drop findings below this level (default: show all)
  --quota {managed,user,group,role}
                        size quota to check against (default: managed, 6,144
                        characters)
  --policy-type {auto,identity,resource,trust,scp,rcp,boundary}
                        the kind of policy to check it as: identity,
                        resource(-based), (role) trust, scp, rcp,
                        (permissions) boundary (default: auto, detected from
                        the document)
  -v, --verbose         log what the command does (files read, time taken) to
                        stderr
""",
    "fix": """\
usage: chime-policy fix [-h] [--exclude GLOB] [--check | --diff | --in-place]
                        [--quota {managed,user,group,role}]
                        [--policy-type {auto,identity,resource,trust,scp,rcp,boundary}]
                        [-v]
                        FILE [FILE ...]

positional arguments:
  FILE                  file, folder or - (stdin); a folder stands for its
                        *.json files, and its .yaml, .yml, .template, .tf,
                        .md, .markdown, .html, .htm, .sh files that hold a
                        policy, subfolders included

options:
  -h, --help            show this help message and exit
  --exclude GLOB        in folders, skip files and subfolders whose name or
                        path inside the folder matches GLOB (repeatable);
                        hidden folders such as .git are always skipped
  --check               exit 1 if anything would change
  --diff                print a unified diff
  --in-place            rewrite each file atomically, keeping the original as
                        FILE.bak (FILE.bak.1, .2 ... when that name is taken:
                        an existing backup is never overwritten)
  --quota {managed,user,group,role}
                        size quota to check against (default: managed, 6,144
                        characters)
  --policy-type {auto,identity,resource,trust,scp,rcp,boundary}
                        the kind of policy to check it as: identity,
                        resource(-based), (role) trust, scp, rcp,
                        (permissions) boundary (default: auto, detected from
                        the document)
  -v, --verbose         log what the command does (files read, time taken) to
                        stderr
""",
    "fill": """\
usage: chime-policy fill [-h] [--exclude GLOB] [--partition VALUE]
                         [--region VALUE] [--account-id VALUE]
                         [--app-instance-id VALUE] [--user-id VALUE]
                         [--channel-id VALUE] [--bot-id VALUE]
                         [--channel-flow-id VALUE] [--set PLACEHOLDER=VALUE]
                         [--diff | --in-place] [-v]
                         FILE [FILE ...]

Replace the placeholders (region, {aws_account_id}, <ACCOUNT_ID>,
app_instance_id ...) or the values of each named field in every ARN, leaving
the rest of the text as it is. Exit 1 when placeholders remain.

positional arguments:
  FILE                  file, folder (its *.json files, subfolders included)
                        or - (stdin)

options:
  -h, --help            show this help message and exit
  --exclude GLOB        in folders, skip files and subfolders whose name or
                        path inside the folder matches GLOB (repeatable);
                        hidden folders such as .git are always skipped
  --partition VALUE     aws, aws-cn or aws-us-gov
  --region VALUE        e.g. us-east-1
  --account-id VALUE    12 digits
  --app-instance-id VALUE
                        the ID in your app instance ARN
  --user-id VALUE       an app instance user ID, or ${aws:username}
  --channel-id VALUE    a channel ID
  --bot-id VALUE        an app instance bot ID
  --channel-flow-id VALUE
                        a channel flow ID
  --set PLACEHOLDER=VALUE
                        fill a placeholder no option names, e.g. --set
                        project_id=abc (repeatable)
  --diff                print a unified diff
  --in-place            rewrite each file atomically, keeping the original as
                        FILE.bak (FILE.bak.1, .2 ... when that name is taken:
                        an existing backup is never overwritten)
  -v, --verbose         log what the command does (files read, time taken) to
                        stderr
""",
    "edit": """\
usage: chime-policy edit [-h] [--exclude GLOB] [--add-action ACTION]
                         [--remove-action ACTION] [--diff | --in-place] [-v]
                         FILE [FILE ...]

Add actions to the statement whose ARNs fit them (or one new statement, with
the ARN values the file holds), remove actions from every Allow statement.
Exit 1 when an action cannot be removed (a wildcard or a NotAction grants it)
or a file cannot be edited.

positional arguments:
  FILE                  file, folder (its *.json files, subfolders included)
                        or - (stdin)

options:
  -h, --help            show this help message and exit
  --exclude GLOB        in folders, skip files and subfolders whose name or
                        path inside the folder matches GLOB (repeatable);
                        hidden folders such as .git are always skipped
  --add-action ACTION
  --remove-action ACTION
  --diff                print a unified diff
  --in-place            rewrite each file atomically, keeping the original as
                        FILE.bak (FILE.bak.1, .2 ... when that name is taken:
                        an existing backup is never overwritten)
  -v, --verbose         log what the command does (files read, time taken) to
                        stderr
""",
    "new": """\
usage: chime-policy new [-h] (--persona PERSONA | --actions ACTIONS)
                        [--partition VALUE] [--region VALUE]
                        [--account-id VALUE] [--app-instance-id VALUE]
                        [--user-id VALUE] [--channel-id VALUE]
                        [--bot-id VALUE] [--as-bot] [--channel-flow-id VALUE]
                        [--target-user-ids ID,...] [--target-bot-ids ID,...]
                        [--layout {aws-example,least-privilege}]
                        [--indent {0,2,4}] [-v]

options:
  -h, --help            show this help message and exit
  --persona PERSONA     app-instance-admin, full-user, minimal-user, ...
  --actions ACTIONS     comma-separated actions, e.g. chime:Connect,...
  --partition VALUE     aws, aws-cn or aws-us-gov
  --region VALUE        e.g. us-east-1
  --account-id VALUE    12 digits
  --app-instance-id VALUE
                        the ID in your app instance ARN
  --user-id VALUE       an app instance user ID, or ${aws:username}
  --channel-id VALUE    a channel ID
  --bot-id VALUE        an app instance bot ID
  --as-bot              the caller is the bot (the bot ID), not the user
  --channel-flow-id VALUE
                        a channel flow ID
  --target-user-ids ID,...
                        any (*), or user IDs: alice, bob (what administrative
                        actions on them may manage)
  --target-bot-ids ID,...
                        any (*), or bot IDs (what administrative actions on
                        them may manage)
  --layout {aws-example,least-privilege}
  --indent {0,2,4}      0: minified
  -v, --verbose         log what the command does (files read, time taken) to
                        stderr
""",
    "export": """\
usage: chime-policy export [-h] --to
                           {json,json-min,cloudformation-yaml,cloudformation-json,terraform,terraform-data,aws-cli}
                           [--name NAME] [--sub] [--account-id ID]
                           [--region REGION] [--template] [-o OUTPUT]
                           [--policy-type {auto,identity,resource,trust,scp,rcp,boundary}]
                           [-v]
                           FILE

positional arguments:
  FILE                  policy JSON, or - for stdin

options:
  -h, --help            show this help message and exit
  --to {json,json-min,cloudformation-yaml,cloudformation-json,terraform,terraform-data,aws-cli}
  --name NAME           policy name, as IAM allows: letters, digits and + = ,
                        . @ _ - (1 to 128)
  --sub                 CloudFormation: the stack's account and region as
                        ${AWS::AccountId} and ${AWS::Region}; ARNs of other
                        accounts and regions stay as written
  --account-id ID       with --sub: the stack's account (default: the only one
                        the policy names)
  --region REGION       with --sub: the stack's region (default: the only one
                        the policy names)
  --template            export even with errors or unfilled placeholders
  -o OUTPUT, --output OUTPUT
                        write to this file (atomically) not stdout
  --policy-type {auto,identity,resource,trust,scp,rcp,boundary}
                        the kind of policy to check it as: identity,
                        resource(-based), (role) trust, scp, rcp,
                        (permissions) boundary (default: auto, detected from
                        the document)
  -v, --verbose         log what the command does (files read, time taken) to
                        stderr
""",
    "check-access": """\
usage: chime-policy check-access [-h] --action ACTION --resource ARN
                                 [--caller ARN] [--principal ARN]
                                 [--resource-account ID] [--context KEY=VALUE]
                                 [--boundary FILE] [--scp FILE]
                                 [--scp-level FILE[,FILE...]] [--rcp FILE]
                                 [--resource-policy FILE]
                                 [--format {text,json}] [--index N] [-v]
                                 POLICY [POLICY ...]

Decide a request against identity policies (and optionally a boundary, SCPs,
RCPs and a resource policy). Exit 0 allowed, 1 denied, 2 usage, 3 unknown.

positional arguments:
  POLICY                policy file or -: an identity policy, or a resource or
                        trust policy when its statements name a Principal
                        (matched against --principal)

options:
  -h, --help            show this help message and exit
  --action ACTION       e.g. chime:SendChannelMessage
  --resource ARN        target ARN; repeat to give one per resource type the
                        action requires (chime:AssociateChannelFlow: the
                        channel and the channel flow)
  --caller ARN          the AppInstanceUser or AppInstanceBot making a Chime
                        messaging call: also checked when the catalog says the
                        action is authorized against the caller
  --principal ARN       the IAM principal (user, role ...)
  --resource-account ID
                        the account owning a resource whose ARN names none
                        (S3's); without it, the principal's. Another account's
                        resource needs its resource policy to allow too
  --context KEY=VALUE   a request context key (repeat a key for several
                        values)
  --boundary FILE       permissions boundary policy
  --scp FILE            an SCP attached to the account (repeat: all at that
                        one level, where any Allow suffices and any Deny
                        denies)
  --scp-level FILE[,FILE...]
                        the SCPs attached at a further level (the root, an
                        OU), comma-separated; repeat for each level: every
                        level must allow
  --rcp FILE            an RCP (repeat); it only denies: AWS's
                        RCPFullAWSAccess, attached everywhere, allows the rest
  --resource-policy FILE
                        the target's resource policy
  --format {text,json}
  --index N             in a template, Terraform file or doc page holding
                        several policies, the Nth (1-based, in the file's
                        order; the command lists them when it is needed)
  -v, --verbose         log what the command does (files read, time taken) to
                        stderr
""",
    "grants": """\
usage: chime-policy grants [-h] [--format {text,json}] [--index N] [-v] POLICY

positional arguments:
  POLICY                policy file or -

options:
  -h, --help            show this help message and exit
  --format {text,json}
  --index N             in a template, Terraform file or doc page holding
                        several policies, the Nth (1-based, in the file's
                        order; the command lists them when it is needed)
  -v, --verbose         log what the command does (files read, time taken) to
                        stderr
""",
    "diff": """\
usage: chime-policy diff [-h] [--format {text,json}] [--index N] [-v] OLD NEW

positional arguments:
  OLD                   the policy as it was
  NEW                   the policy as it is now

options:
  -h, --help            show this help message and exit
  --format {text,json}
  --index N             in a template, Terraform file or doc page holding
                        several policies, the Nth (1-based, in the file's
                        order; the command lists them when it is needed)
  -v, --verbose         log what the command does (files read, time taken) to
                        stderr
""",
}


@pytest.mark.parametrize("command", HELP, ids=lambda c: c or "chime-policy")
def test_help_reads_as_it_did(command: str) -> None:
    shown = chime_policy(*([command] if command else []), "--help")
    assert (shown.returncode, shown.stderr) == (0, "")
    assert shown.stdout == HELP[command]


def test_every_command_has_its_help_here() -> None:
    from editor.cli.main import COMMANDS

    assert set(HELP) == {"", *COMMANDS}
