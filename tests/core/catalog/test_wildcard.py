"""IAM wildcards: which resource types an ARN pattern of a policy can match."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.catalog.arntypes import arn_types_of
from editor.core.catalog.catalog import load_catalog
from editor.core.catalog.wildcard import (
    _meets,
    _prefix_fits,
    action_matches,
    pattern_meets_template,
)

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


@pytest.mark.parametrize(
    ("pattern", "types"),
    [
        # The usual wildcard, a literal start and one trailing star (a walk, no automaton).
        (f"{BASE}/a1/user/*", {"app-instance-user"}),
        (f"{BASE}/a1/user/u*", {"app-instance-user"}),
        (f"{BASE}/a1/u*", {"app-instance-user"}),
        (f"{BASE}/a1/user/u1/*", set()),  # a user ID holds no "/": nothing follows it
        (f"{BASE}//*", set()),  # an app instance ID is one character or more
        (
            f"{BASE}*",
            {"app-instance", "app-instance-user", "app-instance-bot", "channel", "channel-flow"},
        ),
        ("arn:aws:chime:us-east-1:123456789012:*", {r.name for r in catalog.resource_types}),
        (
            "arn:aws:chime:us-east-1:123456789012:m*",
            {
                "meeting",
                "media-pipeline",
                "media-insights-pipeline-configuration",
                "media-pipeline-kinesis-video-stream-pool",
            },
        ),
    ],
)
def test_a_literal_start_and_a_star_meets_the_types_that_start_so(pattern, types) -> None:
    assert arn_types_of(catalog, pattern) == types


RESOURCE_FORMS = [t.split(":", 5)[5] for _, t in catalog.arn_templates]


@given(
    st.sampled_from(RESOURCE_FORMS),
    st.lists(st.sampled_from(["a1", "/", "user", "channel", "x", "-", "bot", "flow"]), max_size=6),
    st.integers(0, 40),
)
def test_the_walk_for_a_trailing_star_agrees_with_the_automaton(form, tail, keep) -> None:
    # A start taken from the template itself (IDs filled), cut anywhere, then perhaps more:
    # most starts fit, and the extra pieces make many that do not.
    instance = form.replace("${", "").replace("}", "")
    head = instance[:keep] + "".join(tail)
    fits = _prefix_fits(head, form)
    assert fits is not None  # every Chime template's ID is followed by "/" or its end
    assert fits == _meets(head + "*", form)


ACCOUNT_HEAD = "arn:aws:chime:us-east-1:123456789012:"


@given(
    st.sampled_from(RESOURCE_FORMS),
    st.lists(st.sampled_from(["a1", "/", "user", "channel", "x", "-", "bot", "flow"]), max_size=6),
    st.integers(0, 60),
    st.booleans(),
)
def test_the_look_up_by_segments_agrees_with_the_automaton(form, tail, keep, star) -> None:
    # arn_types_of settles a literal resource part, or one with a single trailing star, by
    # looking its segments up; the automaton reads it character by character against each
    # template. Starts are cut from a filled template, then perhaps extended, as above.
    instance = form.replace("${", "").replace("}", "")
    resource = instance[:keep] + "".join(tail) + ("*" if star else "")
    expected = {
        name for name, arn in catalog.arn_templates if _meets(resource, arn.split(":", 5)[5])
    }
    assert arn_types_of(catalog, ACCOUNT_HEAD + resource) == expected
