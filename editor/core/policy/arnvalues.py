"""The values a person fills into the ARN form, validated with pydantic.

Unfilled (None) fields stay visible placeholders in the generated policy, spelt as AWS's
examples spell them (`region`, `{aws_account_id}` ...) so that the lint flags them.
"""

from __future__ import annotations

import re
from typing import Self

from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from editor.core.catalog.arn import ACCOUNT_ID, POLICY_VARIABLE
from editor.core.catalog.catalog import load_catalog
from editor.core.policy.arnfields import FIELDS, VARIABLE_FIELD


class ArnValues(BaseModel):
    """ARN values; each may be None (unfilled) or "*" (any)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    partition: str = "aws"
    region: str | None = None
    account_id: str | None = None
    app_instance_id: str | None = None
    user_id: str | None = None
    bot_id: str | None = None
    channel_id: str | None = None
    channel_flow_id: str | None = None
    # Caller and targets: the caller is the user, or the bot when `as_bot`; administrative
    # actions on users and bots target these IDs (none: any, `*`).
    as_bot: bool = False
    target_user_ids: tuple[str, ...] = ()
    target_bot_ids: tuple[str, ...] = ()

    @field_validator("*", mode="before")
    @classmethod
    def empty_is_unfilled(cls, value: object, info: ValidationInfo) -> object:
        if info.field_name == "as_bot":
            return (
                value.strip().lower() in ("1", "true", "yes", "on")
                if isinstance(value, str)
                else value
            )
        if info.field_name in ("target_user_ids", "target_bot_ids"):
            if isinstance(value, str):  # typed in the form: "alice, bob"
                return tuple(v for v in re.split(r"[\s,]+", value) if v)
            return () if value is None else value
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("partition")
    @classmethod
    def known_partition(cls, value: str) -> str:
        names = [p.name for p in load_catalog().regions.partitions]
        if value not in names:
            raise ValueError(f"not an AWS partition; one of {', '.join(names)}")
        return value

    @field_validator("region")
    @classmethod
    def region_format(cls, value: str | None) -> str | None:
        if value is None or value == "*":
            return value
        if load_catalog().partition_of(value) is None:
            raise ValueError("not an AWS region code, such as us-east-1")
        return value

    @field_validator("account_id")
    @classmethod
    def twelve_digits(cls, value: str | None) -> str | None:
        if value is None or value == "*" or ACCOUNT_ID.fullmatch(value):
            return value
        raise ValueError("an AWS account ID is 12 digits")

    @model_validator(mode="after")
    def id_formats(self) -> Self:
        formats = load_catalog().id_formats
        for name in ("app_instance_id", "user_id", "bot_id", "channel_id", "channel_flow_id"):
            value = getattr(self, name)
            if value is None or value == "*":
                continue
            if name == "user_id" and POLICY_VARIABLE.fullmatch(value):
                continue  # ${aws:username} and the like: resolved by IAM per request
            fmt = formats[FIELDS[name][0]]
            if not fmt.accepts(value):
                raise ValueError(
                    f"{name}: {fmt.min}-{fmt.max} characters of letters, digits and "
                    f"{_allowed_punctuation(fmt.pattern)}, starting and ending with a letter "
                    "or digit"
                )
        for name, variable in (
            ("target_user_ids", "AppInstanceUserId"),
            ("target_bot_ids", "AppInstanceBotId"),
        ):
            for value in getattr(self, name):
                wild = value == "*" or POLICY_VARIABLE.fullmatch(value)
                if not wild and not formats[variable].accepts(value):
                    raise ValueError(f"{name}: {value!r} is not a valid ID")
        return self

    def variable(self, variable: str) -> str:
        """The text to put for an ARN template variable: the value or its placeholder."""
        name = VARIABLE_FIELD.get(variable)
        if name is None:  # a non-messaging resource (meeting, pipeline...): no form field
            return "{" + re.sub(r"(?<!^)(?=[A-Z])", "_", variable).lower() + "}"
        value = getattr(self, name)
        return FIELDS[name][1] if value is None else str(value)

    @property
    def unfilled(self) -> list[str]:
        return [name for name in FIELDS if getattr(self, name) is None]


def _allowed_punctuation(pattern: str) -> str:
    return " ".join(sorted(set(re.findall(r"\\([:\-_.@])", pattern)))) or "-"


def field_error(name: str, value: str) -> str | None:
    """Why `value` is not valid for field `name` (the form shows this as you type), or None."""
    try:
        ArnValues.model_validate({name: value})
    except ValidationError as error:
        first = error.errors()[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        return message.split(": ", 1)[1] if message.startswith(f"{name}: ") else message
    return None
