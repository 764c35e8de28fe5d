"""The ARN form: one field per ARN placeholder, checked as you type."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
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
from editor.core.policy.editing import OPTIONAL_FIELDS, EditorState, needed_fields
from editor.ui.theme import Colours, colours, tint

LABELS = {
    "partition": ("Partition", "aws, aws-cn or aws-us-gov"),
    "region": ("Region", "e.g. us-east-1"),
    "account_id": ("Account ID", "12 digits"),
    "app_instance_id": ("App instance ID", "the ID in your app instance ARN"),
    "user_id": ("User ID", "an app instance user ID, or ${aws:username}"),
    "channel_id": ("Channel ID", "a channel ID"),
    "bot_id": ("Bot ID", "an app instance bot ID"),
    "channel_flow_id": ("Channel flow ID", "a channel flow ID"),
}


class ArnForm(QWidget):
    edited = Signal(str, str)  # field name, raw text

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.scheme = colours()
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.any_boxes: dict[str, QCheckBox] = {}
        self.rows: dict[str, QWidget] = {}
        # No parent yet: the combo joins the form when its row is laid out, so Tab reaches it
        # after Partition, as shown (Tab follows the order widgets join their parent).
        self.region = QComboBox()
        self.region.setEditable(True)
        self.region.setAccessibleName("Region")
        self.region.setToolTip("Regions where Chime SDK messaging exists are listed first")
        messaging = list(catalog.regions.messaging)
        others = sorted({r for p in catalog.regions.partitions for r in p.regions} - set(messaging))
        self.region.addItems(messaging)
        self.region.insertSeparator(len(messaging))
        self.region.addItems(others)
        self.region.setCurrentIndex(-1)
        for name, (label, placeholder) in LABELS.items():
            self._add_row(name, label, placeholder)
        self.region.lineEdit().textEdited.connect(lambda t: self.edited.emit("region", t))
        self.region.activated.connect(
            lambda _: self.edited.emit("region", self.region.currentText())
        )

    def _add_row(self, name: str, label: str, placeholder: str) -> None:
        edit = self.region.lineEdit() if name == "region" else QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label)
        self.inputs[name] = edit
        error = QLabel(self)
        error.setObjectName("fieldError")
        tint(error, self.scheme.error)
        error.setWordWrap(True)
        error.hide()
        self.errors[name] = error
        row = QWidget(self)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.region if name == "region" else edit, 1)
        if name in OPTIONAL_FIELDS:
            any_box = QCheckBox("any (*)", row)
            any_box.setAccessibleName(f"{label}: any")
            any_box.toggled.connect(lambda on, n=name: self._any_toggled(n, on))
            self.any_boxes[name] = any_box
            box.addWidget(any_box)
        column = QWidget(self)
        stack = QFormLayout(column)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addRow(row)
        stack.addRow(error)
        self.rows[name] = column
        self.layout_.addRow(f"{label}:", column)
        if name != "region":
            edit.textEdited.connect(lambda text, n=name: self.edited.emit(n, text))

    def set_colours(self, scheme: Colours) -> None:
        """Follow a light/dark switch."""
        self.scheme = scheme
        for error in self.errors.values():
            tint(error, scheme.error)

    def _any_toggled(self, name: str, on: bool) -> None:
        edit = self.inputs[name]
        edit.setEnabled(not on)
        self.edited.emit(name, "*" if on else edit.text() if edit.text() != "*" else "")

    def show_state(self, state: EditorState) -> None:
        """Follow the document: values, errors, and which optional fields apply."""
        errors = state.errors()
        wanted = needed_fields(state.actions)
        for name, edit in self.inputs.items():
            value = state.field(name)
            any_box = self.any_boxes.get(name)
            if any_box is not None:
                with QSignalBlocker(any_box):
                    any_box.setChecked(value == "*")
                edit.setEnabled(value != "*")
            shown = "" if value == "*" and any_box is not None else value
            if edit.text() != shown:
                with QSignalBlocker(edit):
                    edit.setText(shown)
            message = errors.get(name)
            self.errors[name].setText(message or "")
            self.errors[name].setVisible(bool(message))
            if edit.property("invalid") != bool(message):
                edit.setProperty("invalid", bool(message))
                edit.setToolTip(message or "")
                border = f"border: 1px solid {self.scheme.error.name()};" if message else ""
                edit.setStyleSheet(border)
            if name in OPTIONAL_FIELDS:
                self.layout_.setRowVisible(self.rows[name], name in wanted)
        if self.region.lineEdit().text() != state.field("region"):
            with QSignalBlocker(self.region):
                self.region.setEditText(state.field("region"))
