"""Removing several items of a JSON list at once leaves a well-formed list: each run of
neighbouring items goes with one comma. (Unticking an action granted by the last two of three
statements once left `[first, ]`, which is not JSON.)"""

import json

import pytest

from editor.core.json.read import read_json
from editor.core.policy.statements import removal_ranges
from editor.core.text.findings import TextEdit, apply_edits

LIST = '["a", "b", "c", "d"]'


@pytest.mark.parametrize(
    ("indices", "left"),
    [
        ([0], ["b", "c", "d"]),
        ([3], ["a", "b", "c"]),
        ([2, 3], ["a", "b"]),  # the last two: the comma after "b" goes too
        ([0, 1], ["c", "d"]),
        ([1, 2], ["a", "d"]),
        ([0, 2], ["b", "d"]),
        ([1, 3], ["a", "c"]),
        ([0, 3], ["b", "c"]),
        ([0, 1, 2, 3], []),
        ([3, 2, 2], ["a", "b"]),  # any order, repeats ignored
    ],
)
def test_removing_items_leaves_strict_json(indices: list[int], left: list[str]) -> None:
    root = read_json(LIST).root
    assert root is not None
    edits = [TextEdit(s, e, "") for s, e in removal_ranges(root, indices)]
    assert json.loads(apply_edits(LIST, edits)) == left


def test_untick_of_an_action_in_the_last_two_statements_keeps_strict_json() -> None:
    from editor.core.catalog.catalog import load_catalog
    from editor.core.policy.actionedits import remove_actions

    arn = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1/user/user-1"
    text = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["chime:AssociateChannelFlow", "chime:BatchCreateChannelMembership"],
                    "Resource": [arn],
                },
                {"Effect": "Allow", "Action": ["chime:AssociateChannelFlow"], "Resource": [arn]},
                {"Effect": "Allow", "Action": ["chime:AssociateChannelFlow"], "Resource": [arn]},
            ],
        }
    )
    after = json.loads(remove_actions(text, ["chime:AssociateChannelFlow"], load_catalog()))
    assert after["Statement"] == [
        {"Effect": "Allow", "Action": ["chime:BatchCreateChannelMembership"], "Resource": [arn]}
    ]
