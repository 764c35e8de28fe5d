"""Policies inside other files: CloudFormation templates (JSON, YAML with short tags),
Terraform files (`jsonencode(...)`, heredocs), Markdown/HTML pages (code blocks) and AWS CLI
commands (the `aws-cli` export: shell_policies).

Each policy found is an `Embedded`: the JSON text the editor and the checks see, the kind
its place says it is (`AssumeRolePolicyDocument` is a role trust policy, an
`AWS::SQS::QueuePolicy` a resource-based one), and `Pieces` mapping each offset of that text
to the container's, so that findings carry the container's own lines and columns. Where the
policy is written as JSON in the container (a JSON template, a code block, a heredoc), saving
replaces exactly its span; a YAML template gets minimal edits of its own lines (changed
scalars: `in_place`; list items added or removed: `yaml_edits`), else the policy back as a
JSON flow mapping, which is YAML too. Terraform's `jsonencode(...)` is HCL, not JSON: it is
never rewritten whole; changes of the strings written in it (a respelt action, a filled ARN)
are saved in place, as `chime-policy fix --in-place` makes them, and anything more is
refused (`NotInPlace`).
"""

from __future__ import annotations

from collections.abc import Callable

from editor.core.export import (
    pages,
    shell_policies,
    string_policies,
    terraform_data,
    terraform_read,
    yaml_edits,
    yaml_tree,
)
from editor.core.export.embedded import Container, Embedded
from editor.core.export.in_place import edit_in_place, map_edit
from editor.core.export.sniff import NOT_IN_PLACE
from editor.core.json.nodes import Kind, Node
from editor.core.json.read import read_json
from editor.core.lint.engine import LintOptions, LintResult, lint
from editor.core.lint.template import Piece, Pieces, Writer, is_intrinsic, unmask
from editor.core.policy.kinds import PolicyKind

# Where a CloudFormation policy sits, and the kind that place makes it. Resource types whose
# PolicyDocument is a resource-based policy: the CloudFormation User Guide's resource pages.
RESOURCE_POLICY_TYPES = frozenset(
    {
        "AWS::SQS::QueuePolicy",
        "AWS::SNS::TopicPolicy",
        "AWS::S3::BucketPolicy",
        "AWS::KMS::Key",
        "AWS::SecretsManager::ResourcePolicy",
        "AWS::ECR::Repository",
        "AWS::Lambda::Permission",
        "AWS::Events::EventBusPolicy",
        "AWS::Logs::ResourcePolicy",
        "AWS::OpenSearchService::Domain",
    }
)
# Resource types whose PolicyDocument (or Policies entries) is an identity policy: a Principal
# there is an error, not a hint that it is a resource policy (CloudFormation User Guide).
IDENTITY_POLICY_TYPES = frozenset(
    {
        "AWS::IAM::ManagedPolicy",
        "AWS::IAM::Policy",
        "AWS::IAM::RolePolicy",
        "AWS::IAM::UserPolicy",
        "AWS::IAM::GroupPolicy",
        "AWS::IAM::Role",
        "AWS::IAM::User",
        "AWS::IAM::Group",
    }
)
# Properties that hold a policy document, by resource type ("*": any type).
POLICY_PROPERTIES = {
    "AssumeRolePolicyDocument": PolicyKind.TRUST,
    "PolicyDocument": None,  # by the resource type
    "KeyPolicy": PolicyKind.RESOURCE,
    "RepositoryPolicyText": PolicyKind.RESOURCE,
    "ResourcePolicy": PolicyKind.RESOURCE,
    "AccessPolicies": PolicyKind.RESOURCE,
}


# A property named only `Policy`, which holds a resource-based policy on these types (and
# something else on others): the CloudFormation User Guide's resource pages.
TYPED_POLICY_PROPERTIES = frozenset(
    {
        ("AWS::S3::AccessPoint", "Policy"),
        ("AWS::S3::MultiRegionAccessPointPolicy", "Policy"),
        ("AWS::S3ObjectLambda::AccessPointPolicy", "PolicyDocument"),
        ("AWS::Organizations::Policy", "Content"),  # an SCP or RCP, by its Type
    }
)
_DATA = 'data "aws_iam_policy_document"'


def find_container(text: str, name: str = "") -> Container | None:
    """The policies of `text` if it is a template, Terraform file or doc page; None if it is
    none of these (a policy file, or anything else: the caller reads it as a policy)."""
    lower = name.lower()
    if lower.endswith((".md", ".markdown", ".txt")) or (text.lstrip().startswith("#")):
        found = pages.markdown(text)
        if found:
            return Container("markdown", found)
    if lower.endswith((".html", ".htm")) or "<pre" in text:
        found = pages.html(text)
        if found:
            return Container("html", found)
    if lower.endswith((".sh", ".bash")) or shell_policies.looks_like_script(text):
        found = shell_policies.policies(text)
        if found:
            return Container("aws-cli", found)
    if lower.endswith(".tf") or "jsonencode(" in text or 'resource "' in text or _DATA in text:
        found = terraform_read.policies(text) + terraform_data.data_sources(text)
        found.sort(key=lambda e: e.pieces.to_source(0))  # in the file's order
        return Container("terraform", found)
    parsed = read_json(text)
    root = parsed.root
    resources = None if root is None or root.kind is not Kind.OBJECT else root.get("Resources")
    # A template with a syntax error is still a template (never a policy to give a Version):
    # its policies are sliced verbatim, so their own defects are found and fixed in place.
    if (
        root is not None
        and resources is not None
        and (
            not parsed.has_errors
            or (resources.value is not None and resources.value.kind is Kind.OBJECT)
        )
    ):
        return Container("cloudformation-json", template_policies(root, text, True))
    if "Resources:" in text:
        tree = yaml_tree.read(text)
        if tree is not None and tree.get("Resources") is not None:
            return Container("cloudformation-yaml", template_policies(tree, text, False))
    return None


def template_policies(root: Node, text: str, verbatim: bool) -> list[Embedded]:
    """Every policy document of a CloudFormation template, with the kind its place gives."""
    found: list[Embedded] = []
    resources = root.get("Resources")
    if resources is None or resources.value is None:
        return found
    declared = root.get("Parameters")
    names = declared.value.members if declared and declared.value else []
    parameters = tuple(m.key for m in names)
    for resource in resources.value.members:
        body = resource.value
        if body is None or body.kind is not Kind.OBJECT:
            continue
        type_member = body.get("Type")
        rtype = str(type_member.value.value) if type_member and type_member.value else "?"
        props = body.get("Properties")
        if props is None or props.value is None or props.value.kind is not Kind.OBJECT:
            continue
        for prop in props.value.members:
            if prop.key == "Policies" and prop.value is not None:
                for n, item in enumerate(prop.value.items):
                    doc = item.get("PolicyDocument") if item.kind is Kind.OBJECT else None
                    name = item.get("PolicyName") if item.kind is Kind.OBJECT else None
                    title = _policy_name(name.value if name is not None else None, n)
                    if doc is not None and doc.value is not None:
                        label = f"{resource.key} › {title} ({rtype})"
                        kind, reason = _identity_place(rtype, "Policies")
                        policy = _embedded(label, doc.value, text, verbatim, kind, reason)
                        if policy is not None:
                            found.append(policy._replace(parameters=parameters))
                continue
            typed = (rtype, prop.key) in TYPED_POLICY_PROPERTIES
            if (prop.key not in POLICY_PROPERTIES and not typed) or prop.value is None:
                continue
            if prop.value.kind is Kind.OBJECT and not prop.value.members:
                continue  # an empty {} is nothing to check or edit
            kind = PolicyKind.RESOURCE if typed else POLICY_PROPERTIES[prop.key]
            if kind is None and rtype in RESOURCE_POLICY_TYPES:
                kind = PolicyKind.RESOURCE
            elif kind is None:
                kind = _identity_place(rtype, prop.key)[0]
            if rtype == "AWS::Organizations::Policy":
                kind = _organizations_kind(props.value)
            reason = f"from {prop.key} of {rtype}"
            where = "" if prop.key == "PolicyDocument" else f" › {prop.key}"
            label = f"{resource.key}{where} ({rtype})"
            policy = _embedded(label, prop.value, text, verbatim, kind, reason)
            if policy is not None:
                found.append(policy._replace(parameters=parameters))
    return found


def _policy_name(written: Node | None, n: int) -> str:
    """A role's inline policy by its PolicyName as the template writes it, a `!Sub` one too
    (`${DemoName}-UserPolicy`: the chooser said "policy 1" for it); none, or another
    function: its place in the list."""
    if written is not None and written.kind is Kind.OBJECT:
        sub = written.get("Fn::Sub")
        written = sub.value if sub is not None and len(written.members) == 1 else None
        if written is not None and written.kind is Kind.ARRAY:  # [text, {variables}]
            written = written.items[0] if written.items else None
    if written is not None and written.kind is Kind.STRING and str(written.value).strip():
        return str(written.value)
    return f"policy {n + 1}"


def _identity_place(rtype: str, prop: str) -> tuple[PolicyKind | None, str]:
    """An IAM identity resource's policy is an identity policy, whatever it holds."""
    if rtype in IDENTITY_POLICY_TYPES:
        return PolicyKind.IDENTITY, f"from {prop} of {rtype}"
    return None, ""


def _organizations_kind(props: Node) -> PolicyKind | None:
    member = props.get("Type")
    value = member.value.value if member and member.value else None
    return {
        "SERVICE_CONTROL_POLICY": PolicyKind.SCP,
        "RESOURCE_CONTROL_POLICY": PolicyKind.RCP,
    }.get(str(value))


def _embedded(
    label: str, node: Node, text: str, verbatim: bool, kind: PolicyKind | None, reason: str
) -> Embedded | None:
    """The policy at `node`: a mapping, or a JSON string (None: a string of anything else,
    or an intrinsic function that makes the policy, which only the stack can read)."""
    if node.kind is Kind.STRING:
        written = string_policies.read(text, node)
        if written is None:
            return None
        form, body, pieces, span = written.form, written.text, written.pieces, written.span
        return Embedded(label, body, kind, reason, pieces, span, 0, form=form)
    if node.kind is not Kind.OBJECT or is_intrinsic(node):
        return None  # `!Sub "{...}"`, `!If [...]`: the stack works the policy out
    if verbatim:
        body = text[node.start : node.end] + "\n"
        pieces = Pieces([Piece(0, node.start, node.end, True)])
        return Embedded(label, body, kind, reason, pieces, (node.start, node.end), 0)
    writer = Writer(text, mask=False)
    writer.write(node)
    writer.plain("\n", node.end)
    body, pieces = writer.result()
    column = node.start - (text.rfind("\n", 0, node.start) + 1)
    return Embedded(label, body, kind, reason, pieces, (node.start, node.end), column)


class NotInPlace(ValueError):
    """An edit of a policy in a file that is never rewritten whole (Terraform, a page with
    entities) that is more than a change of the strings written in it."""


def write_back(container: str, embedded: Embedded, edited: str) -> str:
    """The container with `edited` in place of the policy; the rest byte for byte."""
    if embedded.span is None:  # Terraform: its own strings only, as `fix --in-place` edits them
        minimal = edit_in_place(container, embedded, edited, lambda t: _reread_any(t, embedded))
        if minimal is None:
            raise NotInPlace(
                f"{embedded.label}: only changes of the strings written in the file (a respelt "
                "action, a filled ARN value) can be saved into it; this edit adds, removes or "
                "moves more, and its HCL is not rewritten"
            )
        return minimal
    if embedded.form in (shell_policies.SHELL, shell_policies.SHELL_ATTRIBUTES):
        return shell_policies.written_back(container, embedded.form, embedded.span, edited)
    if embedded.form:  # a JSON string: written back as the same kind of string
        return string_policies.written_back(container, embedded.form, embedded.span, edited)
    start, end = embedded.span
    original = container[start:end]
    body = edited if original.endswith("\n") else edited.rstrip("\n")
    if embedded.indent:  # YAML: minimal edits of its own text, else the JSON as a flow mapping
        minimal = edit_in_place(container, embedded, edited, lambda t: _reread(t, embedded))
        if minimal is None:  # whole list items added or removed: as lines of its own YAML
            minimal = yaml_edits.edit_items(container, embedded, edited, _again(embedded))
        if minimal is not None:
            return minimal
        line_start = container.rfind("\n", 0, start) + 1
        key_indent = len(container[line_start:start]) - len(container[line_start:start].lstrip())
        pad = "\n" + " " * (key_indent + 2)
        body = pad.join(body.split("\n"))
        tail = container[end:]
        if not tail.startswith("\n"):
            body += "\n"
        return container[:start] + body + tail
    return container[:start] + body + container[end:]


def _reread_any(text: str, embedded: Embedded) -> Embedded | None:
    """The policy at the same place of a Terraform file or page after an edit."""
    container = find_container(text)
    found = [] if container is None else container.policies
    return next((e for e in found if e.label == embedded.label), None)


def _again(embedded: Embedded) -> Callable[[str], Embedded | None]:
    return lambda text: _reread(text, embedded)


def _reread(text: str, embedded: Embedded) -> Embedded | None:
    """The policy at the same place of a YAML template after an edit."""
    tree = yaml_tree.read(text)
    found = [] if tree is None else template_policies(tree, text, False)
    return next((e for e in found if e.label == embedded.label), None)


_WHY_NOT = "open the policy in the window and fix it there; Save writes it back into its place"
_READ_ONLY = "this file is read, not rewritten: make it by hand"


def lint_embedded(container: str, embedded: Embedded, options: LintOptions) -> LintResult:
    """The checks of one embedded policy, with findings at the container's lines and
    columns (fixes kept where they fall on text copied as is)."""
    from editor.core.text.findings import make_finding
    from editor.core.text.positions import LineIndex

    chosen = options.kind or embedded.kind
    reason = options.kind_reason if options.kind else embedded.kind_reason
    inner = lint(embedded.text, options._replace(kind=chosen, kind_reason=reason, template=True))
    lines = LineIndex(container)
    pieces = embedded.pieces
    found = []
    for f in inner.findings:
        fix = f.fix
        message = f"{unmask(f.message)} [{embedded.label}]"
        if fix is not None:
            moved = [map_edit(container, embedded, e) for e in fix.edits]
            if all(e is not None for e in moved):
                fix = fix._replace(edits=tuple(e for e in moved if e is not None))
            else:
                fix = None
                why = _WHY_NOT if embedded.span is not None else _READ_ONLY
                message += f" ({NOT_IN_PLACE}: {why})"
        start, end = pieces.to_source(f.start), pieces.to_source(f.end, end=True)
        found.append(make_finding(lines, f.code, f.severity, message, start, max(start, end), fix))
    return LintResult(inner.parsed, tuple(found), inner.kind)
