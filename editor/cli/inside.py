"""Policies inside templates, Terraform files and doc pages, for the commands that take one
policy (`grants`, `diff`, `check-access`): found the way `lint` finds them, and picked.

A file holding one policy gives that one; a file holding several names them, and `--index N`
picks the Nth. Intrinsic functions become symbolic values (`${AWS::AccountId}` stays the
stack's account, unknown here), and statement lines are the file's own.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from editor.cli.common import UsageError, read_input

if TYPE_CHECKING:
    from editor.core.access.policy import CompiledPolicy, PolicyKind
    from editor.core.text.findings import Finding


class Picked(NamedTuple):
    name: str
    text: str  # the policy to evaluate (a template's intrinsics as symbolic values)
    file_text: str
    to_file: Callable[[int], int] | None  # offsets of `text` -> the file's; None: the same
    findings: Callable[[], tuple[Finding, ...]]  # the lint's, at the file's offsets
    label: str | None = None  # the policy's name in a file holding several; None: the file


def add_index(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--index",
        type=int,
        metavar="N",
        help="in a template, Terraform file or doc page holding several policies, the Nth "
        "(1-based, in the file's order; the command lists them when it is needed)",
    )


def pick(name: str, text: str, index: int | None = None) -> Picked:
    """The policy of file `name` (read as `text`): the file itself when it is a policy, else
    the one picked among those it holds."""
    from editor.core.json.read import read_json

    parsed = read_json(text)
    root = parsed.root
    if parsed.has_errors or root is None or root.get("Statement") is None:
        picked = _embedded(name, text, index)
        if picked is not None:
            return picked

    def own() -> tuple[Finding, ...]:
        from editor.core.lint.engine import lint

        return lint(text).findings

    return Picked(name, text, text, None, own)


def _embedded(name: str, text: str, index: int | None) -> Picked | None:
    from editor.core.export.containers import find_container, lint_embedded
    from editor.core.json.read import read_json
    from editor.core.lint.engine import LintOptions
    from editor.core.lint.template import has_intrinsics, written

    container = find_container(text, name)
    if container is None:
        return None
    found = container.policies
    if not found:
        raise UsageError(f"{name}: holds no policy")
    if index is None and len(found) > 1:
        listed = "; ".join(f"{i} {e.label}" for i, e in enumerate(found, 1))
        raise UsageError(f"{name} holds {len(found)} policies; choose one with --index N: {listed}")
    if index is not None and not 1 <= index <= len(found):
        raise UsageError(f"{name}: --index {index}, but it holds {len(found)} policies")
    embedded = found[(index or 1) - 1]
    root = read_json(embedded.text).root

    def findings() -> tuple[Finding, ...]:
        return lint_embedded(text, embedded, LintOptions()).findings

    if root is not None and has_intrinsics(root):
        masked, pieces = written(root, embedded.text)
        to_file = lambda at: embedded.pieces.to_source(pieces.to_source(at))  # noqa: E731
        return Picked(name, masked, text, to_file, findings, embedded.label)
    return Picked(name, embedded.text, text, embedded.pieces.to_source, findings, embedded.label)


def compile_picked(picked: Picked, kind: PolicyKind | None) -> CompiledPolicy:
    """Compiled for evaluation (kind None: as the document says); a text that is no policy
    is a UsageError."""
    from editor.core.access.policy import compile_policy, relocated

    name = picked.name
    policy = compile_policy(picked.text, name, kind)
    if policy.problem is not None:
        raise UsageError(f"{name}: {policy.problem} (chime-policy lint {name} says where)")
    if picked.to_file is None:
        return policy
    return relocated(policy, picked.file_text, picked.to_file)


def compile_file(name: str, kind: PolicyKind | None, index: int | None = None) -> CompiledPolicy:
    return compile_picked(pick(name, read_input(name), index), kind)
