"""The ARN fields, described once: the form's rows, the editor state's defaults and the
command line's options (`chime-policy fill`, `chime-policy new`) all read this table.

Plain data, importable without pydantic (the window names its fields at start-up).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ArnField:
    name: str  # the form's and the editor state's key; the option is --name-with-dashes
    label: str  # what the form calls it
    hint: str  # shown in the empty field, and as the option's help
    # The ARN template variable it fills (service model names) and what an ARN holds while
    # it is unfilled. None: a caller or target field, which decides which ARNs statements
    # get and fills nothing in place (the text's ARNs say nothing of roles).
    variable: str | None = None
    placeholder: str = ""
    default: str = ""  # the value before anything is typed ("" : unfilled)
    # Shown only when a ticked action needs this resource type (a channel, a bot...).
    needs: str | None = None
    # Offers "any (*)": there a wildcard is a value like any other, which typing replaces.
    any_choice: bool = False
    flag: bool = False  # on or off (a check box, an option without a value)

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")

    @property
    def fills_arns(self) -> bool:
        return self.variable is not None


ARN_FIELDS: tuple[ArnField, ...] = (
    ArnField(
        "partition", "Partition", "aws, aws-cn or aws-us-gov", "Partition", "aws", default="aws"
    ),
    ArnField("region", "Region", "e.g. us-east-1", "Region", "region"),
    ArnField("account_id", "Account ID", "12 digits", "AccountId", "{aws_account_id}"),
    ArnField(
        "app_instance_id",
        "App instance ID",
        "the ID in your app instance ARN",
        "AppInstanceId",
        "{app_instance_id}",
    ),
    ArnField(
        "user_id",
        "User ID",
        "an app instance user ID, or ${aws:username}",
        "AppInstanceUserId",
        "{app_instance_user_id}",
    ),
    ArnField(
        "channel_id",
        "Channel ID",
        "a channel ID",
        "ChannelId",
        "*",
        default="*",  # any channel, as in AWS's examples
        needs="channel",
        any_choice=True,
    ),
    ArnField(
        "bot_id",
        "Bot ID",
        "an app instance bot ID",
        "AppInstanceBotId",
        "{app_instance_bot_id}",
        needs="app-instance-bot",
        any_choice=True,
    ),
    ArnField(
        "as_bot",
        "Act as this bot (the caller is the bot, not the user)",
        "the caller is the bot (the bot ID), not the user",
        flag=True,
    ),
    ArnField(
        "channel_flow_id",
        "Channel flow ID",
        "a channel flow ID",
        "ChannelFlowId",
        "*",
        default="*",
        needs="channel-flow",
        any_choice=True,
    ),
    # Targets of administrative actions (the users and bots they manage), not the caller.
    ArnField(
        "target_user_ids",
        "Target users",
        "any (*), or user IDs: alice, bob",
        needs="target:app-instance-user",
    ),
    ArnField(
        "target_bot_ids",
        "Target bots",
        "any (*), or bot IDs",
        needs="target:app-instance-bot",
    ),
)
BY_NAME = {f.name: f for f in ARN_FIELDS}

# Views of the table for the code that needs one aspect.
# Field -> (ARN template variable, placeholder written while unfilled): the fields filled in place.
FIELDS: dict[str, tuple[str, str]] = {
    f.name: (f.variable, f.placeholder) for f in ARN_FIELDS if f.variable is not None
}
VARIABLE_FIELD = {variable: name for name, (variable, _) in FIELDS.items()}
ROLE_FIELDS = tuple(f.name for f in ARN_FIELDS if not f.fills_arns)
DEFAULTS = {f.name: f.default for f in ARN_FIELDS if f.default}
ANY_CHOICE = frozenset(f.name for f in ARN_FIELDS if f.any_choice)
