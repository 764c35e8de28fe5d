"""The one table of ARN fields agrees with the data it stands for: the catalog's ARN
templates (from the service authorization reference), the values model, and the command
line's options, which are made from it."""

import pytest

from editor.cli.main import build_parser
from editor.core.catalog.catalog import load_catalog
from editor.core.policy.arnfields import ARN_FIELDS, BY_NAME, FIELDS
from editor.core.policy.arnvalues import ArnValues

FILLED = [f for f in ARN_FIELDS if f.fills_arns]


def test_every_field_is_a_value_the_model_validates() -> None:
    assert set(BY_NAME) == set(ArnValues.model_fields)


@pytest.mark.parametrize("field", FILLED, ids=lambda f: f.name)
def test_each_fillable_field_is_a_variable_of_the_catalogs_arn_templates(field) -> None:
    catalog = load_catalog()
    variables = {v for r in catalog.resource_types for v in r.variables}
    assert field.variable in variables


@pytest.mark.parametrize("field", [f for f in FILLED if f.needs], ids=lambda f: f.name)
def test_a_field_shown_on_demand_is_the_id_of_the_resource_type_it_waits_for(field) -> None:
    """Channel ID waits for an action on a channel: the channel ARN ends in its variable."""
    arn = load_catalog().resource_type[field.needs].arn
    assert arn.endswith("${" + field.variable + "}")


@pytest.mark.parametrize("field", FILLED, ids=lambda f: f.name)
def test_an_unfilled_field_writes_its_placeholder_or_default(field) -> None:
    values = ArnValues()
    written = values.variable(field.variable)
    assert written == (field.default or field.placeholder)


def _options(command: str) -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    return {o for a in sub._actions for o in a.option_strings}


def test_fill_offers_an_option_for_each_field_filled_in_place() -> None:
    options = _options("fill")
    assert {BY_NAME[n].option for n in FIELDS} <= options
    assert not {f.option for f in ARN_FIELDS if not f.fills_arns} & options


def test_new_offers_an_option_for_every_field() -> None:
    assert {f.option for f in ARN_FIELDS} <= _options("new")
