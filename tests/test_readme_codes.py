"""Every finding code the grammar and security rules can report is listed in the README with
an example, and every code the Access Analyzer coverage table names exists."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
RULES = ROOT / "editor" / "core" / "lint" / "rules"
MODULES = (
    "actions.py",
    "conditions.py",
    "condition_values.py",
    "variables.py",
    "dependencies.py",
    "security.py",
    "chime_security.py",
    "resources.py",
    "service_arns.py",
)
CODE = re.compile(r'"((?:policy|action|resource|condition|security)/[a-z-]+)"')


def codes_in(path: Path) -> set[str]:
    return set(CODE.findall(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("module", MODULES)
def test_each_code_of_the_rules_is_in_the_readme(module: str) -> None:
    missing = sorted(c for c in codes_in(RULES / module) if f"`{c}`" not in README)
    assert missing == []


def test_the_coverage_table_names_only_codes_we_have() -> None:
    table = (ROOT / "docs" / "access-analyzer-coverage.md").read_text(encoding="utf-8")
    ours = set().union(*(codes_in(p) for p in RULES.glob("*.py")))
    named = set(re.findall(r"`((?:policy|action|resource|condition|security)/[a-z-]+)`", table))
    assert named and named <= ours
