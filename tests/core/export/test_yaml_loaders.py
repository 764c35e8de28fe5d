"""libyaml's loader reads templates to the same places as PyYAML's pure-Python one.

Every finding in a YAML template, and every edit saved into one, stands on the offsets the
composer gives each node: the fast loader may be used only where its marks are the pure
one's, character for character. The table is every template the tests hold (each string of
tests/ that PyYAML reads as a mapping with `Resources`), and the texts a template may be
written in (CRLF, characters outside ASCII and outside the BMP, block scalars, a BOM).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
import yaml

from editor.core.export import yaml_tree
from editor.core.json.nodes import Node
from tests.core.template_examples import TEMPLATE

TESTS = Path(__file__).resolve().parents[2]


def templates_in_tests() -> list[Any]:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        if path.name == Path(__file__).name:
            continue  # this table's own pieces of templates
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) else None
            if not isinstance(text, str) or "Resources:" not in text:
                continue
            try:
                document = yaml.compose(text, Loader=yaml.SafeLoader)
            except yaml.YAMLError:
                continue  # a JSON template, or not YAML: not the YAML reader's
            if isinstance(document, yaml.MappingNode):
                where = f"{path.relative_to(TESTS)}:{node.lineno}"
                found.append(pytest.param(text, id=where))
    return found


WRITTEN_AS = [
    pytest.param(TEMPLATE.replace("\n", "\r\n"), id="crlf"),
    pytest.param(
        TEMPLATE.replace("Parameters:", "Description: Chat — ünïcode 😀\nParameters:"),
        id="non-ascii",
    ),
    pytest.param(
        TEMPLATE.replace("Parameters:", "Description: |\n  two\n  lines\n\nParameters:"),
        id="block-scalar",
    ),
    pytest.param(
        TEMPLATE.replace("Parameters:", "Description: >-\n  folded\n\n\nParameters:"), id="folded"
    ),
    pytest.param(
        TEMPLATE.replace("Resources:", "Resources: # trailing comment\n  # alone\n"), id="comments"
    ),
]

TABLE = templates_in_tests() + WRITTEN_AS


def marks(text: str, loader: Any) -> list[tuple[Any, ...]]:
    """Every node of the composed document with its tag and both marks."""
    out: list[tuple[Any, ...]] = []
    stack = [yaml.compose(text, Loader=loader)]
    while stack:
        node = stack.pop()
        start, end = node.start_mark, node.end_mark
        # Offsets only: lines and columns are worked out from them (LineIndex), never taken
        # from the marks (libyaml puts a block's end at the next line's column 0 where
        # PyYAML puts it at the end of the last line: the same offset).
        out.append((type(node).__name__, node.tag, start.index, end.index))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        else:
            out.append(node.value)
    return out


def shape(node: Node) -> list[tuple[Any, ...]]:
    """The tree the checks read: kinds, places, values and keys."""
    out: list[tuple[Any, ...]] = []
    stack = [node]
    while stack:
        node = stack.pop()
        out.append((node.kind, node.start, node.end, node.value))
        out.extend((m.key, m.key_start, m.key_end) for m in node.members)
        stack.extend(node.items)
        stack.extend(m.value for m in node.members if m.value is not None)
    return out


def test_the_table_holds_the_tests_templates() -> None:
    assert len(templates_in_tests()) >= 10  # the collection found them


@pytest.mark.parametrize("text", TABLE)
def test_the_c_loader_marks_every_node_where_the_pure_one_does(text: str) -> None:
    assert marks(text, yaml.CSafeLoader) == marks(text, yaml.SafeLoader)


@pytest.mark.parametrize("text", TABLE)
def test_the_tree_read_is_the_pure_loaders(text: str, monkeypatch) -> None:
    fast = yaml_tree.read(text)
    assert fast is not None
    yaml_tree._read.cache_clear()
    monkeypatch.delattr(yaml, "CSafeLoader")  # PyYAML built without libyaml
    assert yaml_tree.loader(text) is yaml.SafeLoader
    pure = yaml_tree.read(text)
    assert pure is not None and shape(pure) == shape(fast)
    yaml_tree._read.cache_clear()


def test_a_byte_order_mark_is_read_by_the_pure_loader() -> None:
    """libyaml skips a BOM without counting it: its offsets would be one short."""
    text = "\ufeff" + TEMPLATE
    assert marks(text, yaml.CSafeLoader) != marks(text, yaml.SafeLoader)
    assert yaml_tree.loader(text) is yaml.SafeLoader
    tree = yaml_tree.read(text)
    assert tree is not None
    resources = tree.get("Resources")
    assert resources is not None and text[resources.key_start : resources.key_end] == "Resources"


def test_setup_installs_pyyaml_with_libyaml() -> None:
    """scripts/setup.sh installs PyYAML from a wheel (which carries libyaml), never a build
    from source without it."""
    assert yaml.__with_libyaml__
    assert yaml_tree.loader(TEMPLATE) is yaml.CSafeLoader


def test_a_tick_saved_into_a_template_reads_only_the_new_text(monkeypatch) -> None:
    """The template was read when it was opened; saving a tick reads the result once (to
    check it and to find the policy's new place), not the template again (it read 3 texts)."""
    from editor.core.export.containers import find_container, write_back
    from editor.core.policy import editing

    text = TEMPLATE.replace("Resources:", "Resources: # opened\n", 1)  # not read by others
    container = find_container(text, "stack.yaml")
    assert container is not None
    embedded = container.policies[1]
    state = editing.new_state(embedded.text)
    ticked = editing.with_actions(state, state.actions | {"DescribeAppInstance"}, ())
    composed: list[str] = []
    real = yaml.compose
    monkeypatch.setattr(yaml, "compose", lambda t, Loader: composed.append(t) or real(t, Loader))
    saved = write_back(text, embedded, ticked.text)
    assert "chime:DescribeAppInstance" in saved
    again = find_container(saved, "stack.yaml")  # the window's next look at the file
    assert again is not None and len(again.policies) == len(container.policies)
    assert composed == [saved]
