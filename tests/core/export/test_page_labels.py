"""A doc page's policies are offered by where they are: the code block's line and the
heading it sits under, so the chooser tells four blocks of one page apart."""

import pytest

from editor.core.export.pages import markdown
from tests.core.export.test_containers import SEED

POLICY = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow"}]}'


@pytest.mark.parametrize(
    ("page", "labels"),
    [
        (f"```\n{POLICY}\n```\n", ["code block 1 at line 1"]),
        (
            f"# Setup\n\ntext\n\n```json\n{POLICY}\n```\n",
            ["code block 1 at line 5, under \u201cSetup\u201d"],
        ),
        (
            f'## One <a name="one"></a>\n```\n{POLICY}\n```\n## Two\n~~~\n{POLICY}\n~~~\n',
            [
                "code block 1 at line 2, under \u201cOne\u201d",
                "code block 2 at line 6, under \u201cTwo\u201d",
            ],
        ),
        # a block that holds no policy is counted, and a "#" inside a block is no heading
        (
            f"# Top\n```sh\n# not a heading\nls\n```\n```\n{POLICY}\n```\n",
            ["code block 2 at line 6, under \u201cTop\u201d"],
        ),
        ("#Hashtag\n```\n" + POLICY + "\n```\n", ["code block 1 at line 2"]),
    ],
    ids=["no heading", "heading", "two headings", "shell block", "no space: no heading"],
)
def test_a_code_block_is_named_by_its_line_and_heading(page: str, labels: list[str]) -> None:
    assert [e.label for e in markdown(page)] == labels


def test_the_seed_pages_blocks_are_told_apart() -> None:
    labels = [e.label for e in markdown(SEED.read_text(encoding="utf-8"))]
    assert labels == [
        f"code block {n} at line {line}, under \u201cExample IAM roles\u201d"
        for n, line in ((1, 10), (2, 55), (3, 112), (4, 146))
    ]
