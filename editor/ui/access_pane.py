"""The Access pane: would IAM allow this call under the policy being edited?

Pick the caller (an app instance user or bot ARN), the IAM principal, an action from the
catalog and the target ARN (filled from the ARN form; editable). The verdict follows every
change of the policy; the statements that decided it are listed, and the first is marked in
the editor (`decided` carries its text range).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.access.asked import action_problem, caller_only, caller_problem, resource_problem
from editor.core.access.assumed import DOCK_HOW, worth_saying
from editor.core.access.callers import caller_part
from editor.core.access.evaluate import Decision, PolicySet, Result, decide, with_documents
from editor.core.access.policy import CompiledPolicy, StatementRef
from editor.core.access.request import Request, make_context, unnamed_owner
from editor.core.access.requestform import caller_arn, principal_arn, target_arn, target_types
from editor.core.access.requestkeys import assume_region
from editor.core.access.targets import missing_result, missing_types, unfit_target
from editor.core.catalog.catalog import Catalog
from editor.ui.grants_view import compile_document
from editor.ui.theme import colours, tint

VERDICTS = {
    Decision.ALLOWED: "Allowed",
    Decision.EXPLICIT_DENY: "Denied by a Deny statement",
    Decision.IMPLICIT_DENY: "Denied",  # the reason says why: no statement, a boundary ...
    Decision.UNKNOWN: "Unknown",
}
USERNAME = "example-user"
# What the listed statements are to the answer shown beside them: an Unknown is not decided by
# them, it depends on them (a statement naming only some callers, a condition on a key not
# given); the heading says so rather than "Decided by".
LISTED = {
    Decision.ALLOWED: "Allowed by",
    Decision.EXPLICIT_DENY: "Denied by",
    Decision.IMPLICIT_DENY: "Decided by",
    Decision.UNKNOWN: "The answer depends on",
}
CLICK = " (click to show it in the editor):"


class AccessPane(QWidget):
    decided = Signal(int, int)  # text range of the deciding statement (start == end: none)
    jump = Signal(int)  # a deciding statement clicked: its start offset

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.text = ""
        self.fields: Mapping[str, str] = {}
        self.result: Result | None = None
        self._filled: tuple[str, ...] | None = None  # the ARNs as the form last gave them
        self.stale = False
        self.caller = QLineEdit()
        self.caller.setAccessibleName("Caller ARN")
        self.caller.setToolTip(
            "The AppInstanceUser or AppInstanceBot making the call: messaging actions are "
            "authorized against it as well as the target"
        )
        self.principal = QLineEdit()
        self.principal.setAccessibleName("IAM principal")
        self.action = QComboBox()
        self.action.setEditable(True)
        self.action.setAccessibleName("Action")
        names = [a.full_name for a in catalog.messaging_actions]
        names += sorted({a.full_name for a in catalog.actions} - set(names))
        self.action.addItems(names)
        # Completes in the field as you type (the list is the combo's own drop-down).
        completer = QCompleter(names, self.action)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        self.action.setCompleter(completer)
        self.target_type = QComboBox()
        self.target_type.setAccessibleName("Target type")
        self.target = QLineEdit()
        self.target.setAccessibleName("Target ARN")
        # An action authorized against several resource types (AssociateChannelFlow: the
        # channel and the channel flow) gets the others' ARNs here, filled from the form.
        self.others = QLineEdit()
        self.others.setAccessibleName("Other target ARNs")
        self.others.setToolTip(
            "The ARNs of the other resource types the action is authorized against, "
            "separated by spaces: each must be allowed"
        )
        self.context = QPlainTextEdit()
        self.context.setAccessibleName("Context keys")
        self.context.setPlaceholderText("KEY=value, one a line: aws:SecureTransport=true")
        self.context.setToolTip(
            "Request context keys, one KEY=value a line (repeat a key for several values). "
            "A condition on a key every request carries (aws:SourceIp, aws:SecureTransport, "
            "aws:CurrentTime ...) that is not given here makes the answer Unknown; "
            "aws:RequestedRegion is taken from the target's region unless given."
        )
        self.context.setTabChangesFocus(True)
        self.context.setFixedHeight(self.context.fontMetrics().lineSpacing() * 3 + 12)
        self.fill_button = QPushButton("Fill from the ARN form")
        self.verdict = QLabel()
        self.verdict.setAccessibleName("Verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setMargin(6)
        self.statements = QListWidget()
        self.statements.setAccessibleName("Deciding statements")
        self.form = form = QFormLayout()
        form.addRow("&Caller:", self.caller)
        form.addRow("IAM &principal:", self.principal)
        form.addRow("A&ction:", self.action)
        form.addRow("Target t&ype:", self.target_type)
        form.addRow("&Target ARN:", self.target)
        form.addRow("Also a&gainst:", self.others)
        form.addRow("Conte&xt keys:", self.context)
        form.addRow("", self.fill_button)
        outcome = QVBoxLayout()
        outcome.addWidget(self.verdict)
        self.listed = QLabel(LISTED[Decision.IMPLICIT_DENY] + CLICK)
        self.listed.setWordWrap(True)
        outcome.addWidget(self.listed)
        outcome.addWidget(self.statements, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(form, 3)
        layout.addLayout(outcome, 2)
        self.action.currentTextChanged.connect(self._action_changed)
        self._action_picked = False  # the user chose one: no longer suggested
        self._compiled_for: tuple[str, CompiledPolicy] | None = None
        self.action.activated.connect(self._picked)
        typed_in = self.action.lineEdit()
        assert typed_in is not None  # the combo is editable
        typed_in.textEdited.connect(self._picked)
        self.target_type.currentTextChanged.connect(self._fill_target)
        for field in (self.caller, self.principal, self.target, self.others):
            field.textEdited.connect(self.refresh)
        self.context.textChanged.connect(self.refresh)
        self.fill_button.clicked.connect(self.fill_from_form)
        self.statements.itemClicked.connect(self._show_statement)
        self._action_changed(self.action.currentText())

    # -- inputs ---------------------------------------------------------------------------

    def show_policy(self, text: str, fields: Mapping[str, str]) -> None:
        """The document changed: new text, and the form's fields for the ARNs. The request
        follows the form (and a newly opened file) unless its ARNs were typed by hand: then
        the button says they are stale, one click from following again."""
        first = not self.fields and not self.caller.text()
        moved = dict(fields) != dict(self.fields)
        self.text, self.fields = text, fields
        self._suggest_action()
        if first or (moved and self._as_filled()):
            self.fill_from_form()
        else:
            if moved:
                self._show_stale(True)
            self.refresh()

    def _suggest_action(self) -> None:
        """Until the user picks an action, the first messaging action the policy allows: the
        dock opened on the list's first (AssociateChannelFlow) and greeted every policy that
        never names it with a red "Denied"."""
        if self._action_picked:
            return
        policy = self._compiled()
        for action in self.catalog.messaging_actions:
            statements = policy.speaking_of(action.full_name.lower())
            if any(s.allow and not s.not_action for s in statements):
                if self.action.currentText() != action.full_name:
                    self.action.setCurrentText(action.full_name)
                return

    def fill_from_form(self) -> None:
        self.caller.setText(caller_arn(self.catalog, self.fields, USERNAME))
        self.principal.setText(principal_arn(self.fields, USERNAME))
        self._fill_target()
        self._show_stale(False)

    def _arns(self) -> tuple[str, ...]:
        fields = (self.caller, self.principal, self.target, self.others)
        return tuple(f.text() for f in fields)

    def _as_filled(self) -> bool:
        """Whether the ARNs are still those the form gave (none typed by hand)."""
        return self._filled == self._arns()

    def _show_stale(self, stale: bool) -> None:
        self.stale = stale
        self.fill_button.setText(
            "The ARN form changed: fill from it" if stale else "Fill from the ARN form"
        )
        palette = self.palette()  # back to the pane's own colours when not stale
        if stale:
            palette.setColor(QPalette.ColorRole.ButtonText, colours(palette).warning)
        self.fill_button.setPalette(palette)
        font = self.fill_button.font()
        font.setBold(stale)
        self.fill_button.setFont(font)

    def _compiled(self) -> CompiledPolicy:
        """The text compiled once per text: the suggestion and the verdict both read it."""
        if self._compiled_for is None or self._compiled_for[0] != self.text:
            self._compiled_for = (self.text, compile_document(self.text))
        return self._compiled_for[1]

    def _picked(self, *_: object) -> None:
        self._action_picked = True

    def _action_changed(self, name: str) -> None:
        action = self.catalog.action(name)
        current = self.target_type.currentText()
        self.target_type.blockSignals(True)
        self.target_type.clear()
        types = target_types(action) if action is not None else ["*"]
        self.target_type.addItems(types)
        if current in types:
            self.target_type.setCurrentText(current)
        self.target_type.blockSignals(False)
        self._fill_target()

    def _fill_target(self) -> None:
        kind = self.target_type.currentText() or "*"
        caller = self.caller.text().strip()
        # ListChannels is authorized against its caller only, a user OR a bot: the target is
        # the caller, and no other type's ARN is checked too.
        alone = caller_only(self.catalog, self.action.currentText().strip())
        if caller and alone:
            self.target.setText(caller)
        else:
            self.target.setText(target_arn(self.catalog, kind, self.fields))
        others = [self.target_type.itemText(i) for i in range(self.target_type.count())]
        others = [] if alone else [k for k in others if k not in (kind, "*")]
        arns = [target_arn(self.catalog, k, self.fields) for k in others]
        self.others.setText(" ".join(arns))
        self._filled = self._arns()
        row_shown = bool(arns)
        self.form.setRowVisible(self.others, row_shown)
        self.refresh()

    # -- the verdict ----------------------------------------------------------------------

    def targets(self) -> list[str]:
        return [self.target.text().strip() or "*", *self.others.text().split()]

    def context_pairs(self) -> tuple[dict[str, list[str]], list[str]]:
        """The context field's KEY=value lines, and what is wrong with the others."""
        pairs: dict[str, list[str]] = {}
        wrong: list[str] = []
        for number, line in enumerate(self.context.toPlainText().splitlines(), 1):
            key, equals, value = line.strip().partition("=")
            if not line.strip():
                continue
            if not equals or not key.strip():
                wrong.append(f"context line {number} is not KEY=value: not used")
                continue
            pairs.setdefault(key.strip(), []).append(value.strip())
        return pairs, wrong

    def requests(self, notes: list[str] | None = None) -> list[Request]:
        """The request per resource; `notes` gets what was assumed or not understood."""
        name = self.action.currentText().strip()
        principal = self.principal.text().strip() or None
        pairs, wrong = self.context_pairs()
        context, assumed = assume_region(make_context(pairs, principal), self.targets())
        if notes is not None:
            notes += wrong + assumed
        resources = self.targets()
        action = self.catalog.action(name)
        caller = self.caller.text().strip()
        if action is not None and action.caller_authorized and caller and caller not in resources:
            resources.append(caller)
        owner = unnamed_owner(principal, resources)  # an S3 ARN: the principal's account's
        if notes is not None and owner is not None:
            notes.append(owner)
        return [Request(name, r, principal, context) for r in resources]

    def refresh(self) -> None:
        name = self.action.currentText().strip()
        caller = self.caller.text().strip()
        problem = action_problem(self.catalog, name, "The action") or resource_problem(
            self.catalog, name, self.targets(), "The target ARN"
        )
        if problem is not None:
            self._show_no_request(problem)
            return
        # A policy naming a Principal (the Kind bar's resource-based or trust policy) is
        # checked as one: its Principal must match the IAM principal above.
        policy = self._compiled()  # a template's intrinsics: the stack's values
        identity, resource = with_documents([policy])
        notes: list[str] = []
        requests = self.requests(notes)
        missing = missing_result(
            missing_types(self.catalog, self.action.currentText().strip(), self.targets())
        )
        policies = PolicySet(identity=identity, resource=resource)
        opened = [missing] if missing else []
        # Named, or the target itself (ListChannels is authorized against its caller only):
        # not every possible caller.
        named = caller or caller_only(self.catalog, name)
        caller_said = None if named else caller_part(self.catalog, policies, requests[0])
        opened += [caller_said] if caller_said is not None else []
        # A target of none of the action's types (ListChannels on its app instance) is no
        # request AWS makes: say so rather than deny it.
        unfit = unfit_target(self.catalog, name, self.targets()) or caller_problem(
            self.catalog, name, self.targets(), caller, "the Caller field's"
        )
        result = decide(policies, requests, opened) if unfit is None else unknown(unfit)
        self.result = result
        headline = VERDICTS[result.decision]
        said_why, _, which = result.reason.partition(" (for ")
        reason = "" if said_why.lower() in headline.lower() else f": {said_why}"
        reason += f" (for {which}" if which else ""
        notes = worth_saying(policies, requests, result, notes, DOCK_HOW)
        shown = "".join(f"<br><i>{escape(n, quote=False)}</i>" for n in notes)
        self.verdict.setText(f"<b>{escape(headline + reason, quote=False)}</b>{shown}")
        scheme = colours(self.palette())
        colour = {Decision.ALLOWED: scheme.allowed, Decision.UNKNOWN: scheme.warning}
        tint(self.verdict, foreground=colour.get(result.decision, scheme.error))
        self.listed.setText(
            LISTED[result.decision] + CLICK if result.statements else "No statement to show."
        )
        self.statements.clear()
        for ref in result.statements:
            item = QListWidgetItem(_label(ref))
            item.setData(Qt.ItemDataRole.UserRole, (ref.start, ref.end))
            self.statements.addItem(item)
        first = result.statements[0] if result.statements else None
        self.decided.emit(*(first.start, first.end) if first else (0, 0))

    def _show_no_request(self, why: str) -> None:
        """Not one call IAM could be asked about (a pattern, a misspelt action): say why, and
        give no verdict a user could take for IAM's."""
        self.result = unknown(why)
        self.verdict.setText(f"<b>No answer</b><br>{escape(why, quote=False)}")
        tint(self.verdict, foreground=colours(self.palette()).warning)
        self.listed.setText("No statement to show.")
        self.statements.clear()
        self.decided.emit(0, 0)

    def _show_statement(self, item: QListWidgetItem) -> None:
        start, end = item.data(Qt.ItemDataRole.UserRole)
        self.decided.emit(start, end)
        self.jump.emit(start)


def unknown(why: str) -> Result:
    return Result(Decision.UNKNOWN, (), why)


def _label(ref: StatementRef) -> str:
    name = f"Sid {ref.sid!r}" if ref.sid else f"statement {ref.index + 1}"
    return f"line {ref.line}: {ref.effect} {name}"
