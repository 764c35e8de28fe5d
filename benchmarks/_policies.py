"""Policy texts for the benchmarks, built from the catalog so they look like real ones."""

from __future__ import annotations

import json

from editor.core.catalog.catalog import load_catalog

USER_ARN = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1/user/user-1"
CHANNEL_ARN = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1/channel/*"


def statements(count: int) -> list[dict[str, object]]:
    names = [a.full_name for a in load_catalog().actions]
    return [
        {
            "Sid": f"Grant{i}",
            "Effect": "Allow",
            "Action": [names[(i * 8 + k) % len(names)] for k in range(8)],
            "Resource": [USER_ARN, CHANNEL_ARN],
        }
        for i in range(count)
    ]


def non_whitespace(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def policy_of_size(limit: int) -> str:
    """A 4-space-indented policy with as close to `limit` non-whitespace characters as fits."""
    count = 1
    while non_whitespace(render(count + 1)) <= limit:
        count += 1
    return render(count)


def render(count: int) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": statements(count)}, indent=4)


def text_of_bytes(size: int) -> str:
    """A valid policy text of about `size` characters (for growth measurements)."""
    count = 1
    while len(render(count)) < size:
        count *= 2
    low, high = count // 2, count
    while low < high:
        mid = (low + high) // 2
        if len(render(mid)) < size:
            low = mid + 1
        else:
            high = mid
    return render(low)
