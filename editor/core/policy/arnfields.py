"""The ARN form's fields: which template variable each fills, and what stands while unfilled.

Plain data, importable without pydantic (the window names its fields at start-up).
"""

# Form field -> (ARN template variable, placeholder written while unfilled).
FIELDS: dict[str, tuple[str, str]] = {
    "partition": ("Partition", "aws"),
    "region": ("Region", "region"),
    "account_id": ("AccountId", "{aws_account_id}"),
    "app_instance_id": ("AppInstanceId", "{app_instance_id}"),
    "user_id": ("AppInstanceUserId", "{app_instance_user_id}"),
    "bot_id": ("AppInstanceBotId", "{app_instance_bot_id}"),
    "channel_id": ("ChannelId", "*"),
    "channel_flow_id": ("ChannelFlowId", "*"),
}
VARIABLE_FIELD = {variable: name for name, (variable, _) in FIELDS.items()}

# Caller and target fields: they change which ARNs new statements get, and fill nothing in
# place (the text's ARNs say nothing of roles).
ROLE_FIELDS = ("as_bot", "target_user_ids", "target_bot_ids")
