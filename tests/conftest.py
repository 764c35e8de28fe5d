import os
import re
from pathlib import Path

import pytest
from hypothesis import settings

# Tests never need a screen; set before Qt is imported anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI (the CI variable set) runs every property test on the same examples and without a time
# limit per example: a red CI is a regression, never a new random draw or a loaded machine.
# At a desk the examples are new each run, which is where new bugs are found.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tools" / "sources" / "aws_example_iam_roles.md"


def seed_examples() -> list[str]:
    """The four example policies of AWS's page, verbatim, defects included."""
    return re.findall(r"```\n(.*?)```", SEED.read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="session")
def seed() -> list[str]:
    return seed_examples()
