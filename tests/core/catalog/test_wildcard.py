"""IAM wildcards: which resource types an ARN pattern of a policy can match."""

import pytest

from editor.core.catalog.arntypes import arn_types_of
from editor.core.catalog.catalog import load_catalog
from editor.core.catalog.wildcard import action_matches, pattern_meets_template

BASE = "arn:aws:chime:us-east-1:123456789012:app-instance"
catalog = load_catalog()
CHANNEL = catalog.resource_type["channel"].arn


@pytest.mark.parametrize(
    ("pattern", "types"),
    [
        (f"{BASE}/a1/channel/*", {"channel"}),
        (f"{BASE}/a1/user/u1", {"app-instance-user"}),
        (f"{BASE}/a1/user/${{aws:username}}", {"app-instance-user"}),
        (f"{BASE}/a1", {"app-instance"}),
        # IAM's * crosses "/": everything under the app instance, the instance itself too.
        (
            f"{BASE}/*",
            {"app-instance", "app-instance-user", "app-instance-bot", "channel", "channel-flow"},
        ),
        (f"{BASE}/a1/*", {"app-instance-user", "app-instance-bot", "channel", "channel-flow"}),
        (f"{BASE}/a1/ch?nnel/c1", {"channel"}),
        (f"{BASE}/a1/channel-flow/*", {"channel-flow"}),
        ("arn:aws:chime:*:*:meeting/*", {"meeting"}),
        (f"{BASE}/a1/usr/u1", set()),
        ("arn:aws:s3:::bucket/*", set()),
    ],
)
def test_arn_patterns_meet_the_resource_types_they_can_match(pattern, types) -> None:
    assert arn_types_of(catalog, pattern) == types


def test_star_meets_every_type() -> None:
    assert arn_types_of(catalog, "*") == {r.name for r in catalog.resource_types}


@pytest.mark.parametrize(
    ("pattern", "meets"),
    [
        (f"{BASE}/a1/channel/c1", True),
        (f"{BASE}/a1/channel/", False),  # an ID is one or more characters
        (f"{BASE}/a1/channel/a/b", False),  # and holds no "/"
        (f"{BASE}/a1/channel/*/x", False),  # a channel ID holds no "/", so nothing follows it
        (f"{BASE}/*/c1", True),
    ],
)
def test_pattern_against_the_channel_template(pattern, meets) -> None:
    assert pattern_meets_template(pattern, CHANNEL) is meets


@pytest.mark.parametrize(
    ("pattern", "name", "matches"),
    [
        ("chime:List*", "chime:ListChannels", True),
        ("chime:list*", "chime:ListChannels", True),  # IAM action names ignore case
        ("chime:*Channel", "chime:DescribeChannel", True),
        ("chime:Describe?hannel", "chime:DescribeChannel", True),
        ("chime:List*", "chime:DescribeChannel", False),
    ],
)
def test_action_patterns(pattern, name, matches) -> None:
    assert action_matches(pattern, name) is matches
