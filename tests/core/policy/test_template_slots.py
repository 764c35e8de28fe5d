"""ARN fields inside a CloudFormation intrinsic function (audit A2): a `Fn::Sub` reference is
the template's value of its field, shown as such and never replaced; literal fields beside it
fill in place; a `Fn::Join` holds fields read only; other functions hold no ARN the form
could fill without cutting a token."""

import json

import pytest

from editor.core.catalog.catalog import load_catalog
from editor.core.json.read import read_json
from editor.core.policy.arnslots import field_values, fill_text, find_slots

SUB = "arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/${AppInstanceId}/user/u-1"


def policy(resource: object) -> str:
    statement = {"Effect": "Allow", "Action": "chime:Connect", "Resource": resource}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]}, indent=4)


def held(text: str) -> dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    found = field_values(find_slots(read_json(text).root, load_catalog()))
    return {k: (v.values, v.placeholders, v.symbols) for k, v in found.items()}


@pytest.mark.parametrize(
    ("resource", "field", "expected"),
    [
        ({"Fn::Sub": SUB}, "region", ((), (), ("${AWS::Region}",))),
        ({"Fn::Sub": SUB}, "account_id", ((), (), ("${AWS::AccountId}",))),
        ({"Fn::Sub": SUB}, "app_instance_id", ((), (), ("${AppInstanceId}",))),
        ({"Fn::Sub": SUB}, "user_id", (("u-1",), (), ())),
        ({"Fn::Sub": [SUB, {"AppInstanceId": "x"}]}, "user_id", (("u-1",), (), ())),
        # a placeholder a person forgot stays one, even inside a !Sub
        ({"Fn::Sub": SUB.replace("u-1", "{user_id}")}, "user_id", ((), ("{user_id}",), ())),
        # an escape is IAM's own variable, written for CloudFormation: a value
        (
            {"Fn::Sub": SUB.replace("u-1", "${!aws:username}")},
            "user_id",
            (("${aws:username}",), (), ()),  # as IAM reads it; written back escaped
        ),
        (
            {"Fn::Sub": "arn:${AWS::Partition}:chime:us-east-1:1:x"},
            "partition",
            ((), (), ("${AWS::Partition}",)),
        ),
    ],
)
def test_sub_fields(resource: object, field: str, expected: tuple) -> None:
    assert held(policy(resource))[field] == expected


@pytest.mark.parametrize(
    "resource",
    [
        {"Ref": "UserArn"},
        {"Fn::GetAtt": ["User", "Arn"]},
        {"Fn::Join": ["", [{"Fn::GetAtt": ["Chat", "AppInstanceArn"]}, "/channel/*"]]},
    ],
)
def test_other_functions_hold_no_field(resource: object) -> None:
    assert held(policy(resource)) == {}


def test_a_join_holds_its_fields_as_the_templates_all_read_only() -> None:
    """A `Fn::Join` is read like the `Fn::Sub` it equals; none of its pieces is filled by the
    form (a literal piece is still the template's writing), so every field is a symbol."""
    joined = {"Fn::Join": [":", ["arn:aws:chime", {"Ref": "AWS::Region"}, "1:app-instance/a"]]}
    assert held(policy(joined)) == {
        "partition": ((), (), ("aws",)),
        "region": ((), (), ("${AWS::Region}",)),
        "account_id": ((), (), ("1",)),
        "app_instance_id": ((), (), ("a",)),
    }
    assert fill_text(policy(joined), {"region": "us-west-2", "app_instance_id": "b"}) == (
        policy(joined)
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"region": "us-east-1", "account_id": "123456789012"}, SUB),  # the template's: kept
        ({"user_id": "u-2"}, SUB.replace("u-1", "u-2")),
        ({"user_id": "${aws:username}"}, SUB.replace("u-1", "${!aws:username}")),
    ],
)
def test_filling_a_sub_string(changes: dict[str, str], expected: str) -> None:
    text = policy({"Fn::Sub": SUB})
    assert fill_text(text, changes) == policy({"Fn::Sub": expected})
