"""The statement layouts the generator offers (kept apart so the window can name them without
importing the generator and pydantic at start-up)."""

from enum import StrEnum


class Layout(StrEnum):
    # An opened file keeps the statements its author wrote; new statements it needs are
    # written least-privilege. Rewriting it in another layout is a command, previewed.
    AS_WRITTEN = "as-written"
    AWS_EXAMPLE = "aws-example"
    LEAST_PRIVILEGE = "least-privilege"


def detect_indent(text: str) -> int:
    """The file's indentation: spaces per level (0: minified, on one line); -1 when it uses
    tabs or no level can be seen."""
    if "\n" not in text.strip():
        return 0
    for line in text.splitlines()[1:]:
        stripped = line.lstrip(" \t")
        if stripped and line != stripped:
            head = line[: len(line) - len(stripped)]
            return len(head) if set(head) == {" "} else -1
    return -1
