"""`diff` counts no grant from an ARN of none of the action's resource types (the new-user
audit's D2).

Widening `s3:GetObject` to `s3:Get*` on `arn:aws:s3:::chat-attachments/*` (an object ARN) gave
62 `+` lines: s3:GetBucketPolicy, s3:GetAccountPublicAccessBlock ... "on
arn:aws:s3:::chat-attachments/*", while `grants` marked each of them "(none of the action's
resource types: grants nothing)". The new grants are the s3:Get* actions that act on an object:
which those are is read here from the Service Authorization Reference's data as the catalog
ships it (resources/services.jsonl), not from our matcher.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from editor.cli.main import main

OBJECTS = "arn:aws:s3:::chat-attachments/*"


def document(actions: str | list[str]) -> str:
    statement = {"Sid": "Bucket", "Effect": "Allow", "Action": actions, "Resource": OBJECTS}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]}, indent=4)


def s3_get_actions_on_objects() -> set[str]:
    """s3:Get* actions whose resource types (required or not) include `object`."""
    lines = resources.files("resources").joinpath("services.jsonl").read_text().splitlines()
    s3 = next(s for s in map(json.loads, lines) if s.get("prefix") == "s3")
    found = set()
    for name, entry in s3["actions"].items():
        types = entry[1] if len(entry) > 1 else []  # [access level, types, keys]
        if name.startswith("Get") and "object" in {t.lstrip("!") for t in types}:
            found.add(f"s3:{name}")
    return found


def test_diff_lists_only_the_object_actions_the_wildcard_adds(capsys, tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(document("s3:GetObject"))
    new.write_text(document("s3:Get*"))
    assert main(["diff", "--format", "json", str(old), str(new)]) == 1
    report = json.loads(capsys.readouterr().out)
    added = {change["action"] for change in report["added"]}
    expected = s3_get_actions_on_objects() - {"s3:GetObject"}
    assert added == expected
    assert "s3:GetBucketPolicy" not in added and "s3:GetObjectTagging" in added
    # And the grants summary agrees: every added action is listed there as a real grant.
    main(["grants", "--format", "json", str(new)])
    real = {
        g["action"]
        for g in json.loads(capsys.readouterr().out)
        if any(not e["mismatch"] for e in g["resources"])
    }
    assert added == real - {"s3:GetObject"}


def test_narrowing_to_what_granted_nothing_removes_nothing(capsys, tmp_path: Path) -> None:
    """The reverse: dropping s3:Get* for s3:GetObject removes the object actions only."""
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(document("s3:Get*"))
    new.write_text(document("s3:GetObject"))
    assert main(["diff", "--format", "json", str(old), str(new)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["added"] == []
    assert {c["action"] for c in report["removed"]} == s3_get_actions_on_objects() - {
        "s3:GetObject"
    }
