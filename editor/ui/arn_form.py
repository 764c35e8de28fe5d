"""The ARN form: one field per ARN value, checked as you type.

It shows what the document's ARNs hold: a value, "unfilled" for a placeholder, or — when the
policy holds several values for one field — a choice of which one typing replaces (or all).
A placeholder no field stands for (`project_id` in a Pinpoint ARN) gets a row of its own,
filled when you press Enter or leave it. A field a template sets (`${AWS::Region}` in a
`!Sub` ARN) says so and is read only: the template's reference is never typed over.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from editor.core.catalog.catalog import Catalog
from editor.core.json.read import read_json
from editor.core.policy.arnfields import ARN_FIELDS, BY_NAME, DEFAULTS
from editor.core.policy.arnslots import OTHER, held_by_kept
from editor.core.policy.editing import EditorState, needed_fields
from editor.core.policy.fillreport import WHY_LEFT_SHORT
from editor.ui.field_messages import FieldMark, FieldMessage, MessageLine
from editor.ui.theme import Colours, colours, tint

ALL = "\x00all"  # the chooser's "all of them"


class ArnForm(QWidget):
    edited = Signal(str, str, object)  # field name, raw text, the text it replaces (or None)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        # In a narrow pane (a 1024-pixel window) a row too wide for it puts its label above
        # its field instead of asking the pane to scroll sideways; wide, nothing changes.
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.scheme = colours()
        self.inputs: dict[str, QLineEdit] = {}
        self.any_boxes: dict[str, QCheckBox] = {}
        self.rows: dict[str, QWidget] = {}
        # Each field's message, shown by a marker inside it and, for the field one is in, by
        # the message line the window lays out under the form: neither takes room in the
        # form, so no row moves while one types (see field_messages).
        self.messages: dict[str, FieldMessage] = {}
        self.marks: dict[str, FieldMark] = {}
        self.message_line = MessageLine()
        self.current: str | None = None  # the field last focused
        self.choosers: dict[str, QComboBox] = {}  # which of several values typing replaces
        self.targets: dict[str, str] = {}  # field -> the text chosen in its chooser
        self.widened: dict[str, tuple[str, ...]] = {}  # field -> the IDs "any (*)" replaced
        self.others: dict[str, QLineEdit] = {}  # rows of placeholders no field stands for
        # Off in a policy of a kind ticks don't fit (a bucket or trust policy): then a value
        # no ARN holds has nowhere to go, and the note under the field must not promise it.
        self.ticking = True
        self.state: EditorState | None = None
        self.as_bot_note: QLabel | None = None  # the words of "Act as this bot" that wrap
        # No parent yet: the combo joins the form when its row is laid out, so Tab reaches it
        # after Partition, as shown (Tab follows the order widgets join their parent).
        self.region = QComboBox()
        self.region.setEditable(True)
        self.region.setAccessibleName("Region")
        self.region.installEventFilter(self)  # it has the focus for its line edit
        self.region.setToolTip("Regions where Chime SDK messaging exists are listed first")
        messaging = list(catalog.regions.messaging)
        others = sorted({r for p in catalog.regions.partitions for r in p.regions} - set(messaging))
        self.region.addItems(messaging)
        self.region.insertSeparator(len(messaging))
        self.region.addItems(others)
        self.region.setCurrentIndex(-1)
        region_edit = self.region.lineEdit()
        assert region_edit is not None  # an editable combo has one
        self.region_edit: QLineEdit = region_edit
        for field in ARN_FIELDS:  # in the table's order
            if field.flag:
                self.layout_.addRow("", self._flag_row(field.label))
            else:
                self._add_row(field.name, field.label, field.hint)
        self.others_title = QLabel("Other placeholders (Enter fills them):", self)
        self.others_title.hide()
        self.layout_.addRow(self.others_title)
        self.region_edit.textEdited.connect(lambda t: self._emit("region", t))
        self.region.activated.connect(lambda _: self._emit("region", self.region.currentText()))

    def _flag_row(self, label: str) -> QWidget:
        """The check box with its words up to the bracket; the bracket's words beside it wrap
        in a narrow pane (one check box's text never wraps, and asked for 321 pixels)."""
        words, bracket, rest = label.partition(" (")
        row = QWidget(self)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)  # the box's own margin after its text: as one text would be
        self.as_bot = QCheckBox(words, row)
        self.as_bot.setAccessibleName("Act as a bot")
        self.as_bot.setToolTip(
            "Off: messaging calls are the user's, and no bot ARN is granted to them. "
            "On: the bot's ARN is the caller's."
        )
        self.as_bot.toggled.connect(lambda on: self._emit("as_bot", "yes" if on else ""))
        box.addWidget(self.as_bot, 0, Qt.AlignmentFlag.AlignTop)
        note = QLabel(f"({rest}" if bracket else "", row)
        note.setWordWrap(True)
        # Its first line level with the box's text, which is centred in the box's height.
        lift = self.as_bot.sizeHint().height() - note.fontMetrics().height()
        note.setContentsMargins(0, max(0, lift // 2), 0, 0)
        note.setToolTip(self.as_bot.toolTip())
        note.installEventFilter(self)  # a click on it ticks, as on the box's own text
        box.addWidget(note, 1, Qt.AlignmentFlag.AlignTop)
        self.as_bot_note = note
        self.as_bot_row = row
        return row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Z and redo go to the window: a field's own undo history is empty after the
        form shows a state (and in a field not typed in yet), so the key would do nothing.
        Every field edit is a document step, so the document's undo is the one to use."""
        keys = QKeySequence.StandardKey
        if (
            watched is self.as_bot_note
            and event.type() == QEvent.Type.MouseButtonRelease
            and self.as_bot.isEnabled()
        ):
            self.as_bot.toggle()
            return True
        if event.type() == QEvent.Type.FocusIn:
            for name, edit in self.inputs.items():
                if watched is edit or (name == "region" and watched is self.region):
                    self.current = name
                    self._show_message_line()
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (event.matches(keys.Undo) or event.matches(keys.Redo))
        ):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _emit(self, name: str, raw: str) -> None:
        if name in self.any_boxes and self.state is not None:
            # What this edit may turn into `*` (ticking "any", or emptying the field, which
            # puts the channel's `*` back): said under the field if it does.
            held = self.state.held.get(name)
            concrete = [t for t in (held.values if held else ()) if t != "*"]
            target = self.targets.get(name)
            self.widened[name] = (target,) if target in concrete else tuple(concrete)
        self.edited.emit(name, raw, self.targets.get(name))

    def _add_row(self, name: str, label: str, placeholder: str) -> None:
        edit = self.region_edit if name == "region" else QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label)
        edit.installEventFilter(self)
        if name != "region":  # (the combo sizes its own line edit)
            # The red border of an invalid value is a style sheet, which drops the native
            # frame and with it a few pixels of height: held, or every row below would move.
            edit.setFixedHeight(edit.sizeHint().height())
        self.inputs[name] = edit
        self.marks[name] = FieldMark(edit)
        self.messages[name] = FieldMessage()
        # Beside the field, not under it: it comes and goes as the values do, and a row of
        # its own would move every row below.
        chooser = QComboBox(self)
        chooser.setAccessibleName(f"{label}: value to replace")
        chooser.setToolTip("The policy holds several values: typing replaces the chosen one")
        chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        chooser.setMinimumContentsLength(12)
        chooser.hide()
        chooser.activated.connect(lambda _, n=name: self._chosen(n))
        self.choosers[name] = chooser
        row = QWidget(self)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.region if name == "region" else edit, 1)
        box.addWidget(chooser)
        if BY_NAME[name].any_choice:
            any_box = QCheckBox("any (*)", row)
            any_box.setAccessibleName(f"{label}: any")
            any_box.toggled.connect(lambda on, n=name: self._any_toggled(n, on))
            self.any_boxes[name] = any_box
            box.addWidget(any_box)
        self.rows[name] = row
        self.layout_.addRow(f"{label}:", row)
        if name != "region":
            edit.textEdited.connect(lambda text, n=name: self._emit(n, text))

    def set_colours(self, scheme: Colours) -> None:
        """Follow a light/dark switch."""
        self.scheme = scheme
        for name, mark in self.marks.items():
            mark.shown = FieldMessage()  # shown again in the new colour
            mark.show(self.messages[name], scheme.error.name())

    def _any_toggled(self, name: str, on: bool) -> None:
        edit = self.inputs[name]
        edit.setEnabled(not on)
        self._emit(name, "*" if on else edit.text() if edit.text() != "*" else "")

    def _chosen(self, name: str) -> None:
        """A value picked in a field's chooser: typing now replaces that one (or all)."""
        target = self.choosers[name].currentData()
        if target == ALL or target is None:
            self.targets.pop(name, None)
            return
        self.targets[name] = target
        edit = self.inputs[name]
        if not self.choosers[name].currentText().endswith("(unfilled)"):
            edit.setText(target)  # edit from the value itself
        edit.setFocus()

    def show_state(self, state: EditorState) -> None:
        """Follow the document: values, errors, and which optional fields apply."""
        self.state = state
        errors = state.errors()
        wanted = needed_fields(state.actions)
        for name, edit in self.inputs.items():
            value = state.field(name)
            any_box = self.any_boxes.get(name)
            if any_box is not None:
                with QSignalBlocker(any_box):  # what the text holds, not what was typed
                    any_box.setChecked(value == "*" or (not value.strip() and _any(state, name)))
                edit.setEnabled(value != "*")
            shown = "" if value == "*" and any_box is not None else value
            if self._set_by_template(state, name):
                shown = ""  # its placeholder text names the template's reference
            if edit.text() != shown:
                with QSignalBlocker(edit):
                    edit.setText(shown)
            error = errors.get(name)
            if error:
                error += _kept(state, name)
            self._show_held(state, name, error or "")
            field = BY_NAME[name]
            if field.needs is not None:  # shown when ticked actions, or the text, need it
                held = field.fills_arns and name in state.held
                self.layout_.setRowVisible(self.rows[name], name in wanted or held)
        with QSignalBlocker(self.as_bot):
            # An empty field is False without asking the validation (pydantic: start-up time).
            as_bot = bool(state.field("as_bot").strip()) and not errors.get("as_bot")
            self.as_bot.setChecked(as_bot and state.values().as_bot)
        self.layout_.setRowVisible(self.as_bot_row, "as_bot" in wanted)
        region = "" if self._set_by_template(state, "region") else state.field("region")
        if self.region_edit.text() != region:
            with QSignalBlocker(self.region):
                self.region.setEditText(region)
        self._show_others(state)
        self._show_message_line()

    def set_ticking(self, on: bool) -> None:
        """Ticking was turned on or off (the policy's kind changed): the notes follow."""
        if on != self.ticking:
            self.ticking = on
            if self.state is not None:
                for name in self.inputs:
                    self._show_held(self.state, name, self.messages[name].error)
                self._show_message_line()

    def _show_message_line(self) -> None:
        """The message of the field one is in (or was last in); else the first field's
        error, else its note: the markers say which fields have one."""
        focused = self.window().focusWidget()  # also while the window is not active
        for field, edit in self.inputs.items():
            if focused is edit or (field == "region" and focused is self.region):
                self.current = field
        name = self.current
        if name is None or not self.messages[name].text:
            shown = [n for n in self.messages if self._shown(n)]
            name = next((n for n in shown if self.messages[n].error), None)
            name = name or next((n for n in shown if self.messages[n].text), None)
        if name is None:
            self.message_line.set_message("")
            return
        message = self.messages[name]
        plain = self.palette().color(QPalette.ColorRole.WindowText)
        tint(self.message_line, self.scheme.error if message.error else plain)
        self.message_line.set_message(f"{BY_NAME[name].label}: {message.text}")

    def _shown(self, name: str) -> bool:
        return self.layout_.isRowVisible(self.rows[name])

    @staticmethod
    def _set_by_template(state: EditorState, name: str) -> bool:
        """Every ARN field of this name is a template's reference (`${AWS::Region}`)."""
        held = state.held.get(name)
        return held is not None and bool(held.symbols) and not held.texts

    def _show_held(self, state: EditorState, name: str, error: str) -> None:
        """The field's message (its error, unfilled placeholders, the choice among several
        values) and its chooser."""
        held = state.held.get(name)
        edit, chooser = self.inputs[name], self.choosers[name]
        texts = held.texts if held else ()
        symbols = ", ".join(held.symbols) if held else ""
        by_template = self._set_by_template(state, name)
        edit.setReadOnly(by_template)  # typing would cut the template's reference
        if name == "region":
            self.region.setEnabled(not by_template)  # nor may its list replace it
        if by_template:
            edit.setToolTip(
                f"Set by the template ({symbols}) when the stack is made: edit it there"
            )
        elif edit.property("by_template"):
            edit.setToolTip("")
        edit.setProperty("by_template", by_template)
        target = self.targets.get(name)
        if target is not None and target not in texts:
            # The chosen text was just replaced by what is typed: follow it.
            typed = state.field(name).strip()
            if typed in texts:
                self.targets[name] = typed
            else:
                self.targets.pop(name)
        message = ""
        unfilled = ", ".join(held.placeholders) if held else ""
        if by_template:
            edit.setPlaceholderText(f"set by the template: {symbols}")
        elif unfilled and held is not None and not held.values:
            edit.setPlaceholderText(f"unfilled: {unfilled}")  # says it all
        else:
            edit.setPlaceholderText(BY_NAME[name].hint)
            if unfilled:
                message = f"also unfilled in the policy: {unfilled}"
        typed = state.field(name).strip()
        if not texts and typed and typed != DEFAULTS.get(name) and state.readable:
            # Nothing to replace: say so rather than take the value silently. A Principal's
            # or a Condition's own values are never the form's (see arnslots).
            message = (
                "no resource ARN holds this; the policy's Principal or Condition does (only "
                "their placeholders are filled: values written there are kept)"
                if held_by_kept(read_json(state.text).root, typed)
                else "no resource ARN in the policy holds this yet: it goes into what you tick "
                "next (Principal and Condition values are kept as written)"
                if self.ticking
                else "no resource ARN in the policy holds this, and ticking is off for this "
                "kind of policy: the value is not used (Principal and Condition values are "
                "kept as written)"
            )
        if symbols and not by_template:
            message += ("; " if message else "") + f"also set by the template (kept): {symbols}"
        widened = self.widened.get(name, ())
        if widened and "*" in texts and not set(widened) & set(texts):
            ids = ", ".join(widened)
            every = (BY_NAME[name].needs or "").removeprefix("app-instance-").replace("-", " ")
            message = f"any (*) replaced {ids}: the policy now grants every {every} (Ctrl+Z undoes)"
        else:
            self.widened.pop(name, None)
            if name in self.any_boxes and not typed and _any(state, name):
                message = "the policy holds any (*): type an ID here to replace it"
        several = len(texts) > 1
        if several:
            also = f" (unfilled: {unfilled})" if unfilled else ""
            message = f"{len(texts)} different values in the policy{also}: typing replaces all, "
            message += "or choose one"
            with QSignalBlocker(chooser):
                chooser.clear()
                chooser.addItem(f"all {len(texts)} of them", ALL)
                for text in texts:
                    is_placeholder = held is not None and text in held.placeholders
                    chooser.addItem(f"{text} (unfilled)" if is_placeholder else text, text)
                chosen = self.targets.get(name)
                chooser.setCurrentIndex(max(0, chooser.findData(chosen)) if chosen else 0)
        chooser.setVisible(several)
        left = state.left.get(name)
        if left:  # what a Deny or a NotResource holds: never typed over, and said so
            message += ("; " if message else "") + f"left alone: {left} ({WHY_LEFT_SHORT})"
        self.messages[name] = FieldMessage(error, message)
        self.marks[name].show(self.messages[name], self.scheme.error.name())

    def _show_others(self, state: EditorState) -> None:
        """One row per placeholder no field stands for; a filled one goes away."""
        wanted = [name for name in state.held if name.startswith(OTHER)]
        for name in list(self.others):
            if name not in wanted:  # filled: its row goes (later: we may be in its signal)
                row = self.layout_.takeRow(self.others.pop(name))
                for item in (row.labelItem, row.fieldItem):
                    widget = item.widget() if item is not None else None
                    if widget is not None:
                        widget.deleteLater()
        for name in wanted:
            if name not in self.others:
                edit = QLineEdit(self)
                placeholder = name.removeprefix(OTHER)
                edit.setPlaceholderText(f"unfilled: {placeholder}")
                edit.setAccessibleName(placeholder)
                edit.installEventFilter(self)
                edit.editingFinished.connect(lambda n=name, e=edit: self._other_done(n, e))
                self.others[name] = edit
                self.layout_.addRow(f"{placeholder}:", edit)
        self.others_title.setVisible(bool(wanted))

    def _other_done(self, name: str, edit: QLineEdit) -> None:
        if edit.text().strip():
            self.edited.emit(name, edit.text(), None)


def _any(state: EditorState, name: str) -> bool:
    """The text's ARNs hold only `*` for this field: an emptied channel field puts `*` back."""
    held = state.held.get(name)
    return held is not None and bool(held.texts) and all(t == "*" for t in held.texts)


def _kept(state: EditorState, name: str) -> str:
    """What the policy still holds while the field's text is not valid: the invalid text
    never reaches it, so a value typed before the mistake (`my` of `my app`) stays there."""
    held = state.held.get(name)
    if held is None or not held.texts:
        return ""
    shown = ", ".join(f"\u201c{text}\u201d" for text in held.texts[:3])
    more = f" and {len(held.texts) - 3} more" if len(held.texts) > 3 else ""
    return f" (the policy keeps {shown}{more} until the value is valid)"
