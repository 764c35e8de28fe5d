import os
import re
from pathlib import Path

import pytest

# Tests never need a screen; set before Qt is imported anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tools" / "sources" / "aws_example_iam_roles.md"


def seed_examples() -> list[str]:
    """The four example policies of AWS's page, verbatim, defects included."""
    return re.findall(r"```\n(.*?)```", SEED.read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="session")
def seed() -> list[str]:
    return seed_examples()
