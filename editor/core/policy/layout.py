"""The statement layouts the generator offers (kept apart so the window can name them without
importing the generator and pydantic at start-up)."""

from enum import StrEnum


class Layout(StrEnum):
    AWS_EXAMPLE = "aws-example"
    LEAST_PRIVILEGE = "least-privilege"
