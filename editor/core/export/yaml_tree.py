"""A YAML template as the value tree the checks read, with each value's place in the file.

PyYAML composes the document into nodes that know their character offsets; short-form tags
(`!Sub`, `!Ref`, `!GetAtt`, `!Join` ...) become the long form (`{"Fn::Sub": ...}`) at the
same place. Scalars stay strings, as CloudFormation passes them to IAM.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from editor.core.json.nodes import Kind, Member, Node


def read(text: str) -> Node | None:
    """The tree of a YAML document, or None if it is not YAML (or not a mapping).

    The same text is read once: a tick saved into a template reads the template (found at
    open or at the last save), the result (checked), and the result again (the policy's new
    place): three reads of up to a few hundred KB for one gesture. The trees are shared, so
    no caller may change one (none does: they are read to find places and values)."""
    return _read(text)


@lru_cache(maxsize=4)
def _read(text: str) -> Node | None:
    import yaml

    try:
        document = yaml.compose(text, Loader=loader(text))
    except yaml.YAMLError:
        return None
    if not isinstance(document, yaml.MappingNode):
        return None
    return _convert(document, text)


def loader(text: str) -> Any:
    """libyaml's loader (ten times faster) when PyYAML was built with it; the pure-Python
    one otherwise, and for a text starting with a byte-order mark, which libyaml does not
    count in its offsets. Their marks agree on every template of the tests
    (tests/core/export/test_yaml_loaders.py)."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    return yaml.SafeLoader if fast is None or text.startswith("\ufeff") else fast


def _convert(node: Any, text: str) -> Node:
    """Iterative in spirit of the readers: YAML nesting in templates is shallow, so plain
    recursion (bounded by PyYAML's own) is enough here."""
    import yaml

    start, end = node.start_mark.index, _trimmed_end(text, node.end_mark.index)
    tag = node.tag if isinstance(node.tag, str) and node.tag.startswith("!") else ""
    if isinstance(node, yaml.ScalarNode):
        own = start
        if tag and text.startswith(tag, own):  # `!Sub 'arn:...'`: the scalar after its tag
            own += len(tag)
            while own < end and text[own] in " \t":
                own += 1
        value = Node(Kind.STRING, own, end, str(node.value))
    elif isinstance(node, yaml.SequenceNode):
        value = Node(Kind.ARRAY, start, end)
        value.items.extend(_convert(item, text) for item in node.value)
    else:
        value = Node(Kind.OBJECT, start, end)
        for key, item in node.value:
            key_end = _trimmed_end(text, key.end_mark.index)
            converted = _convert(item, text)
            value.members.append(Member(str(key.value), key.start_mark.index, key_end, converted))
    if not tag:
        return value
    name = tag[1:]
    wrapper = Node(Kind.OBJECT, start, end)
    key = "Ref" if name == "Ref" else f"Fn::{name}"
    if name == "GetAtt" and value.kind is Kind.STRING and "." in str(value.value):
        parts = str(value.value).split(".", 1)
        pair = Node(Kind.ARRAY, value.start, value.end)
        pair.items.extend(Node(Kind.STRING, value.start, value.end, p) for p in parts)
        value = pair
    wrapper.members.append(Member(key, start, start + len(tag), value))
    return wrapper


def _trimmed_end(text: str, end: int) -> int:
    """A block's end without the blank lines and indentation PyYAML counts into it."""
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    return end
