"""A policy found inside another file, and the file's policies: what containers.py finds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from editor.core.lint.template import Pieces
from editor.core.policy.kinds import PolicyKind


class Embedded(NamedTuple):
    label: str  # "QueuePolicy › PolicyDocument (AWS::SQS::QueuePolicy)", "code block 2"
    text: str  # the policy as the editor shows it and the checks read it
    kind: PolicyKind | None  # what its place says it is; None: detect from the document
    kind_reason: str
    pieces: Pieces  # offsets of `text` -> offsets of the container
    span: tuple[int, int] | None  # the container's text that saving replaces; None: read-only
    indent: int  # for a YAML template: the column the written-back policy starts at
    # A CloudFormation template's parameter names (a tick's new ARNs may refer to them);
    # None: not in a template, the ARNs are written as in any policy.
    parameters: tuple[str, ...] | None = None
    # A policy written as a JSON string ("block": `PolicyDocument: |`, "quoted": one JSON
    # string), saved back in the same form (string_policies), or as a shell word ("shell",
    # "shell-attributes": shell_policies); "": written as a mapping.
    form: str = ""


@dataclass(frozen=True)
class Container:
    format: str  # "cloudformation-json", "cloudformation-yaml", "terraform", "markdown", "html",
    # "aws-cli"
    policies: list[Embedded]
