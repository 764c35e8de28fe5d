"""The Access pane's request from the ARN form's fields."""

from editor.core.access.requestform import caller_arn, principal_arn, target_arn, target_types
from editor.core.catalog.catalog import load_catalog

FIELDS = {
    "partition": "aws",
    "region": "eu-central-1",
    "account_id": "111122223333",
    "app_instance_id": "app-1",
    "user_id": "${aws:username}",
    "channel_id": "*",
}


def test_target_arn_uses_the_form_and_examples_for_open_fields() -> None:
    arn = target_arn(load_catalog(), "channel", FIELDS)
    assert (
        arn == "arn:aws:chime:eu-central-1:111122223333:app-instance/app-1/channel/example-channel"
    )


def test_unfilled_placeholders_become_examples() -> None:
    arn = target_arn(load_catalog(), "app-instance", {"region": "region", "account_id": ""})
    assert arn == "arn:aws:chime:us-east-1:123456789012:app-instance/example-app-instance"


def test_caller_is_the_user_named_by_the_policy_variable() -> None:
    arn = caller_arn(load_catalog(), FIELDS, "bob")
    assert arn == "arn:aws:chime:eu-central-1:111122223333:app-instance/app-1/user/bob"
    assert principal_arn(FIELDS, "bob") == "arn:aws:iam::111122223333:user/bob"


def test_caller_is_the_bot_when_a_bot_is_named() -> None:
    arn = caller_arn(load_catalog(), {**FIELDS, "bot_id": "bot-9"}, "bob")
    assert arn.endswith("app-instance/app-1/bot/bot-9")


def test_target_types() -> None:
    catalog = load_catalog()
    assert target_types(catalog.action("chime:SendChannelMessage")) == ["channel"]
    assert target_types(catalog.action("chime:GetMessagingSessionEndpoint")) == ["*"]
    assert target_types(catalog.action("chime:DescribeAppInstance")) == ["app-instance"]
