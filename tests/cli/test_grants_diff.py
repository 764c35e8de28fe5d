"""`chime-policy grants` and `chime-policy diff` as a reviewer and a CI gate use them."""

import json
from pathlib import Path

from editor.cli.main import main
from tests.core.policies import BASE, USER, policy, statement

CHANNELS = f"{BASE}/channel/*"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_grants_text_groups_by_service_and_access_level(capsys, tmp_path) -> None:
    path = write(
        tmp_path, "p.json", policy(statement(["chime:DeleteChannel", "chime:Connect"], "*"))
    )
    assert main(["grants", path]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "chime"
    assert "  Write" in out
    delete = out.index("    chime:DeleteChannel")
    assert "OVER-BROAD: all resources, where it could be limited to" in out[delete + 1]


def test_grants_json(capsys, tmp_path) -> None:
    path = write(tmp_path, "p.json", policy(statement("chime:Connect", USER)))
    assert main(["grants", "--format", "json", path]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [(g["action"], g["accessLevel"]) for g in document] == [("chime:Connect", "Write")]
    assert document[0]["resources"][0]["types"] == ["app-instance-user"]


def test_diff_exits_1_on_new_access_and_0_otherwise(capsys, tmp_path) -> None:
    old = write(
        tmp_path, "old.json", policy(statement("chime:SendChannelMessage", f"{BASE}/channel/c1"))
    )
    new = write(tmp_path, "new.json", policy(statement("chime:SendChannelMessage", CHANNELS)))
    assert main(["diff", old, new]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"+ chime:SendChannelMessage on {CHANNELS}")
    assert main(["diff", new, old]) == 0
    assert capsys.readouterr().out.startswith(f"- chime:SendChannelMessage on {CHANNELS}")
    assert main(["diff", old, old]) == 0
    assert capsys.readouterr().out == "no change in what the policy allows\n"


def test_diff_json(capsys, tmp_path) -> None:
    old = write(tmp_path, "old.json", policy(statement("chime:Connect", USER)))
    new = write(
        tmp_path, "new.json", policy(statement(["chime:Connect", "chime:DeleteChannel"], USER))
    )
    assert main(["diff", "--format", "json", old, new]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["grantsMore"] is True
    assert [(c["action"], c["resource"]) for c in document["added"]] == [
        ("chime:DeleteChannel", USER)
    ]
    assert document["added"][0]["statements"][0]["file"] == new


def test_diff_refuses_a_broken_file(capsys, tmp_path) -> None:
    old = write(tmp_path, "old.json", "{not json")
    new = write(tmp_path, "new.json", policy(statement("chime:Connect", USER)))
    assert main(["diff", old, new]) == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_grants_link_over_broad_entries_to_the_security_findings(capsys, tmp_path) -> None:
    path = write(
        tmp_path, "p.json", policy(statement("chime:*", "*"), statement("chime:Connect", USER))
    )
    assert main(["grants", "--format", "json", path]) == 0
    document = {g["action"]: g for g in json.loads(capsys.readouterr().out)}
    # The chime:* statement carries the checks' finding; the narrow one carries none.
    wide = document["chime:DeleteChannel"]["resources"][0]
    assert "security/wildcard-action" in wide["security"]
    narrow = [r for r in document["chime:Connect"]["resources"] if r["resource"] == USER]
    assert narrow[0]["security"] == []
    assert main(["grants", path]) == 0
    assert "[security/" in capsys.readouterr().out


def test_grants_reads_standard_input(capsys, monkeypatch, tmp_path) -> None:
    import io
    import sys

    data = policy(statement("chime:Connect", USER)).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["grants", "-"]) == 0
    assert "chime:Connect" in capsys.readouterr().out
