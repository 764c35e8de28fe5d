"""The grants summary and the no-new-access diff on hand-written cases: what a reader of the
summary or a reviewer of a policy change would expect to see."""

import json

import pytest

from editor.core.access.diff import diff
from editor.core.access.grants import grants
from editor.core.access.policy import compile_policy
from tests.core.policies import BASE, USER, policy, statement

CHANNELS = f"{BASE}/channel/*"
TLS = {"Bool": {"aws:SecureTransport": "true"}}


def compiled(*statements: dict, name: str = "p") -> object:
    return compile_policy(policy(*statements), name)


def by_action(summary) -> dict:
    return {g.action: g for g in summary}


def test_summary_lists_actions_with_access_level_resources_and_types() -> None:
    summary = by_action(grants(compiled(statement("chime:SendChannelMessage", [USER, CHANNELS]))))
    grant = summary["chime:SendChannelMessage"]
    assert (grant.service, grant.access_level) == ("chime", "Write")
    assert [(e.resource, e.types) for e in grant.entries] == [
        (USER, ("app-instance-user",)),
        (CHANNELS, ("channel",)),
    ]
    assert len(summary) == 1


def test_wildcard_actions_expand_to_the_catalog() -> None:
    summary = by_action(grants(compiled(statement("chime:ListChannel*", "*"))))
    assert "chime:ListChannels" in summary and "chime:ListChannelMessages" in summary
    assert all(a.startswith("chime:ListChannel") for a in summary)
    assert summary["chime:ListChannels"].via == ("chime:ListChannel*",)


@pytest.mark.parametrize(
    ("statements", "action", "reason"),
    [
        ([statement("chime:DeleteChannel", "*")], "chime:DeleteChannel", "all resources"),
        ([statement("chime:*", CHANNELS)], "chime:DeleteChannel", "granted by chime:*"),
        (
            [statement("chime:DeleteChannel", "arn:aws:chime:us-east-1:*:app-instance/*")],
            "chime:DeleteChannel",
            "any account",
        ),
        ([statement("*", CHANNELS)], "chime:DeleteChannel", "granted by *"),
        (
            [{"Effect": "Allow", "NotAction": "chime:Connect", "Resource": CHANNELS}],
            "chime:DeleteChannel",
            "NotAction",
        ),
    ],
)
def test_over_broad_entries_are_marked(statements, action, reason) -> None:
    entries = by_action(grants(compiled(*statements)))[action].entries
    assert any(reason in b for e in entries for b in e.broad)


def test_a_narrow_entry_is_not_marked() -> None:
    entries = by_action(grants(compiled(statement("chime:DeleteChannel", CHANNELS))))
    assert entries["chime:DeleteChannel"].entries[0].broad == ()


def test_star_only_action_on_star_is_not_over_broad() -> None:
    # GetMessagingSessionEndpoint takes no resource-level permissions: "*" is all it can have.
    summary = by_action(grants(compiled(statement("chime:GetMessagingSessionEndpoint", "*"))))
    assert summary["chime:GetMessagingSessionEndpoint"].entries[0].broad == ()


def test_a_deny_on_everything_removes_the_action_and_a_partial_one_is_shown() -> None:
    summary = by_action(
        grants(
            compiled(
                statement(["chime:DeleteChannel", "chime:CreateChannel"], "*"),
                statement("chime:DeleteChannel", "*", effect="Deny"),
                statement("chime:CreateChannel", CHANNELS, effect="Deny"),
            )
        )
    )
    assert "chime:DeleteChannel" not in summary
    assert [e.resource for e in summary["chime:CreateChannel"].denied] == [CHANNELS]


def test_other_services_are_summarized_from_the_all_services_catalog() -> None:
    summary = by_action(
        grants(compiled(statement(["s3:GetObject", "s3:Put*"], "arn:aws:s3:::b/*")))
    )
    # s3 is in the all-services catalog: Put* expands to its actions, with access levels.
    assert summary["s3:GetObject"].access_level == "Read"
    assert summary["s3:PutObject"].access_level == "Write"
    assert summary["s3:PutObject"].entries[0].types == ("object",)
    assert all(a == "s3:GetObject" or a.startswith("s3:Put") for a in summary)


def test_services_outside_the_catalog_get_an_example_action() -> None:
    summary = by_action(grants(compiled(statement(["nosuchsvc:Get*"], "*"))))
    assert [(a, g.access_level, g.via) for a, g in summary.items()] == [
        ("nosuchsvc:get", "Unknown", ("nosuchsvc:Get*",))
    ]


def test_conditions_are_shown() -> None:
    summary = by_action(grants(compiled(statement("chime:Connect", USER, Condition=TLS))))
    assert json.loads(summary["chime:Connect"].entries[0].condition) == TLS


def changes(old: list[dict], new: list[dict]) -> tuple[set, set]:
    result = diff(compiled(*old, name="old"), compiled(*new, name="new"))
    return (
        {(c.action, c.resource) for c in result.added},
        {(c.action, c.resource) for c in result.removed},
    )


def test_widening_a_resource_is_a_new_grant_and_narrowing_is_a_removed_one() -> None:
    old = [statement("chime:SendChannelMessage", f"{BASE}/channel/c1")]
    new = [statement("chime:SendChannelMessage", CHANNELS)]
    assert changes(old, new) == ({("chime:SendChannelMessage", CHANNELS)}, set())
    assert changes(new, old) == (set(), {("chime:SendChannelMessage", CHANNELS)})


def test_a_rewrite_that_grants_the_same_is_no_change() -> None:
    old = [statement(["chime:ListChannels", "chime:ListChannelMessages"], CHANNELS)]
    new = [
        statement("chime:ListChannelMessages", CHANNELS),
        statement("CHIME:listchannels", [CHANNELS, f"{BASE}/channel/c1"]),
    ]
    assert changes(old, new) == (set(), set())


def test_a_new_deny_only_removes() -> None:
    old = [statement("chime:*", CHANNELS)]
    new = [*old, statement("chime:Delete*", "*", effect="Deny")]
    added, removed = changes(old, new)
    assert added == set()
    assert ("chime:DeleteChannel", CHANNELS) in removed


def test_dropping_a_condition_is_a_new_grant_unless_the_old_condition() -> None:
    old = [statement("chime:Connect", USER, Condition=TLS)]
    new = [statement("chime:Connect", USER)]
    result = diff(compiled(*old, name="old"), compiled(*new, name="new"))
    assert [(c.action, c.condition, [json.loads(u) for u in c.unless]) for c in result.added] == [
        ("chime:Connect", None, [TLS])
    ]


def test_adding_a_condition_is_a_removed_grant() -> None:
    old = [statement("chime:Connect", USER)]
    new = [statement("chime:Connect", USER, Condition=TLS)]
    assert changes(old, new) == (set(), {("chime:Connect", USER)})


def test_other_services_count_too() -> None:
    old = [statement("s3:GetObject", "arn:aws:s3:::b/*")]
    new = [statement("s3:Get*", "arn:aws:s3:::b/*")]
    added, removed = changes(old, new)
    assert removed == set()
    assert added and all(a.startswith("s3:Get") and r == "arn:aws:s3:::b/*" for a, r in added)
    assert ("s3:GetObjectAcl", "arn:aws:s3:::b/*") in added
    assert not any(a == "s3:GetObject" for a, _ in added)


def test_star_grants_every_service_of_the_catalog_and_beyond() -> None:
    added, _ = changes([statement("chime:*", "*")], [statement("*", "*")])
    assert ("s3:GetObject", "*") in added and ("iam:CreateUser", "*") in added
    assert not any(a.startswith("chime:") for a, _ in added)
    # and an example for services the catalog does not know
    assert any(a.split(":")[0] not in {"s3", "iam"} and ":" in a for a, _ in added)
