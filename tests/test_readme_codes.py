"""Every finding code the checks can report is listed in the README with an example, and every
code the Access Analyzer coverage table names exists."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CORE = ROOT / "editor" / "core"
RULES = CORE / "lint" / "rules"
# Every module that can make a finding: the JSON reader's, the engine's and the rules'.
MODULES = sorted(str(p.relative_to(CORE)) for p in CORE.rglob("*.py"))
FAMILIES = "json|policy|action|resource|condition|security|principal|trust"
CODE = re.compile(rf'"((?:{FAMILIES})/[a-z-]+)"')


def codes_in(path: Path) -> set[str]:
    return set(CODE.findall(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("module", MODULES)
def test_each_code_of_the_checks_is_in_the_readme(module: str) -> None:
    missing = sorted(c for c in codes_in(CORE / module) if f"`{c}`" not in README)
    assert missing == []


def test_the_rules_make_the_codes_this_test_looks_for() -> None:
    # A guard on the pattern above: if codes were written another way, the test would pass
    # on nothing.
    found = set().union(*(codes_in(CORE / m) for m in MODULES))
    families = {c.split("/", 1)[0] for c in found}
    assert families == set(FAMILIES.split("|"))
    assert len(found) >= 90


def test_the_coverage_table_names_only_codes_we_have() -> None:
    table = (ROOT / "docs" / "access-analyzer-coverage.md").read_text(encoding="utf-8")
    ours = set().union(*(codes_in(p) for p in RULES.glob("*.py")))
    named = set(re.findall(rf"`((?:{FAMILIES})/[a-z-]+)`", table))
    assert named and named <= ours
