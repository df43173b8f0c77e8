"""The call-notes panel: reason for call, symptom checklist, free text, disposition, linked patient.

A view only: it shows what ``NotesController`` gives it and emits ``edited`` when the agent
changes a field (never when the controller loads a note). The save status ("Saved", "Saving…",
"NOT saved — retrying") and the red-flag hint are set by the controller, on the GUI thread.
Without a controller (the foundation's tests) the free text is simply editable during a call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from softphone.ui.plain_text import display_text
from softphone.ui.widgets import plain_label

MAX_REASON_LENGTH = 200


def symptom_label(code: str) -> str:
    """``shortness_of_breath`` -> ``Shortness of breath`` (codes are provisioned identifiers)."""
    words = code.replace("_", " ").replace("-", " ").replace(".", " ").split()
    return " ".join(words).capitalize() if words else code


@dataclass(frozen=True)
class UnfinishedItem:
    call_id: str
    title: str  # e.g. "Call at 14:02, 3 May"


class NotesPanel(QFrame):
    edited = Signal()
    amend_requested = Signal()
    save_amendment_requested = Signal()
    cancel_amendment_requested = Signal()
    finish_requested = Signal()  # close a reopened (unfinished) note
    unfinished_open_requested = Signal(str)  # call id

    def __init__(self, symptom_codes: Sequence[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notes_panel")
        self.setAccessibleName(self.tr("Call notes"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._loading = False
        self._managed = False  # True once a NotesController drives the panel
        self._call_active = False
        self.mode = "idle"

        self.title = plain_label(self.tr("Call notes"), "notes_title", self.tr("Call notes"))
        self.title.setProperty("role", "section-title")
        self.status_label = plain_label("", "notes_status", self.tr("Notes save status"), wrap=False)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.status_label)

        self.patient_label = plain_label("", "notes_patient", self.tr("Linked patient"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("notes_reason")
        self.reason_edit.setAccessibleName(self.tr("Reason for call"))
        self.reason_edit.setPlaceholderText(self.tr("Reason for call"))
        self.reason_edit.setMaxLength(MAX_REASON_LENGTH)

        self.symptom_list = QListWidget()
        self.symptom_list.setObjectName("notes_symptoms")
        self.symptom_list.setAccessibleName(self.tr("Symptom checklist"))
        self.symptom_list.setFlow(QListWidget.Flow.LeftToRight)
        self.symptom_list.setWrapping(True)
        self.symptom_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.symptom_list.setMaximumHeight(84)
        self.set_symptom_codes(symptom_codes)

        self.free_text = QPlainTextEdit()
        self.free_text.setObjectName("notes_edit")
        self.free_text.setAccessibleName(self.tr("Call notes"))
        self.free_text.setPlaceholderText(self.tr("Call notes (saved as you type)"))
        self.free_text.setTabChangesFocus(True)

        self.red_flag_label = plain_label("", "notes_red_flag", self.tr("Red flag in the notes"))
        self.red_flag_label.setVisible(False)
        self.disposition_label = plain_label("", "notes_disposition", self.tr("Disposition"))

        self.amend_button = QPushButton(self.tr("Amend last note"))
        self.amend_button.setObjectName("notes_amend_button")
        self.amend_button.setAccessibleName(self.tr("Amend the last closed note (saved as a new version)"))
        self.save_amendment_button = QPushButton(self.tr("Save amendment"))
        self.save_amendment_button.setObjectName("notes_save_amendment_button")
        self.save_amendment_button.setAccessibleName(self.tr("Save the amendment as a new version"))
        self.cancel_amendment_button = QPushButton(self.tr("Cancel"))
        self.cancel_amendment_button.setObjectName("notes_cancel_amendment_button")
        self.cancel_amendment_button.setAccessibleName(self.tr("Cancel the amendment"))
        self.finish_button = QPushButton(self.tr("Finish note"))
        self.finish_button.setObjectName("notes_finish_button")
        self.finish_button.setAccessibleName(self.tr("Finish (close) this unfinished note"))
        self.amend_button.clicked.connect(self.amend_requested)
        self.save_amendment_button.clicked.connect(self.save_amendment_requested)
        self.cancel_amendment_button.clicked.connect(self.cancel_amendment_requested)
        self.finish_button.clicked.connect(self.finish_requested)
        buttons = QHBoxLayout()
        for button in (self.amend_button, self.save_amendment_button, self.cancel_amendment_button, self.finish_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.unfinished_caption = plain_label(
            self.tr("Unfinished notes from an earlier session (open one to finish it):"), "notes_unfinished_caption"
        )
        self.unfinished_list = QListWidget()
        self.unfinished_list.setObjectName("notes_unfinished_list")
        self.unfinished_list.setAccessibleName(self.tr("Unfinished notes"))
        self.unfinished_list.setMaximumHeight(80)
        self.unfinished_list.itemActivated.connect(self._unfinished_activated)
        self.open_unfinished_button = QPushButton(self.tr("Open note"))
        self.open_unfinished_button.setObjectName("notes_open_unfinished_button")
        self.open_unfinished_button.setAccessibleName(self.tr("Open the selected unfinished note"))
        self.open_unfinished_button.clicked.connect(lambda: self._unfinished_activated(self.unfinished_list.currentItem()))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addWidget(self.patient_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.symptom_list)
        layout.addWidget(self.free_text, 1)
        layout.addWidget(self.red_flag_label)
        layout.addWidget(self.disposition_label)
        layout.addLayout(buttons)
        layout.addWidget(self.unfinished_caption)
        layout.addWidget(self.unfinished_list)
        layout.addWidget(self.open_unfinished_button)

        self.reason_edit.textEdited.connect(self._changed)
        self.free_text.textChanged.connect(self._changed)
        self.symptom_list.itemChanged.connect(self._changed)
        self.show_unfinished([])
        self.set_mode("idle")

    # ------------------------------------------------------------------ content

    def set_symptom_codes(self, codes: Sequence[str]) -> None:
        self._loading = True
        try:
            self.symptom_list.clear()
            for code in codes:
                item = QListWidgetItem(symptom_label(code))
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.symptom_list.addItem(item)
        finally:
            self._loading = False

    def symptom_item(self, code: str) -> QListWidgetItem | None:
        for row in range(self.symptom_list.count()):
            item = self.symptom_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                return item
        return None

    def checked_symptoms(self) -> tuple[str, ...]:
        return tuple(
            self.symptom_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.symptom_list.count())
            if self.symptom_list.item(row).checkState() == Qt.CheckState.Checked
        )

    def fields(self) -> tuple[str, tuple[str, ...], str]:
        """(reason for call, checked symptom codes, free text) as the agent has them now."""
        return self.reason_edit.text(), self.checked_symptoms(), self.free_text.toPlainText()

    def load(self, reason: str, symptoms: Sequence[str], free_text: str) -> None:
        """Show a note's content without emitting ``edited``."""
        self._loading = True
        try:
            self.reason_edit.setText(reason)
            wanted = set(symptoms)
            for code in wanted - {self.symptom_list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.symptom_list.count())}:
                # A code no longer provisioned but stored in the note: keep it visible and ticked.
                item = QListWidgetItem(symptom_label(code))
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self.symptom_list.addItem(item)
            for row in range(self.symptom_list.count()):
                item = self.symptom_list.item(row)
                checked = item.data(Qt.ItemDataRole.UserRole) in wanted
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if self.free_text.toPlainText() != free_text:
                self.free_text.setPlainText(free_text)
                self.free_text.moveCursor(QTextCursor.MoveOperation.End)  # carry on where it stopped
        finally:
            self._loading = False

    def clear(self) -> None:
        self.load("", (), "")
        self.set_patient("")
        self.set_disposition(None)
        self.set_red_flag(None)

    # ------------------------------------------------------------------ state shown

    def set_title(self, text: str) -> None:
        self.title.setText(text)

    def set_patient(self, text: str) -> None:
        self.patient_label.setText(display_text(text, 100))
        self.patient_label.setVisible(bool(text))

    def set_disposition(self, code: str | None) -> None:
        self.disposition_label.setText(
            self.tr("Disposition: %1").replace("%1", display_text(code, 64)) if code else ""
        )
        self.disposition_label.setVisible(bool(code))

    def set_red_flag(self, text: str | None) -> None:
        self.red_flag_label.setText(display_text(text, 200) if text else "")
        self.red_flag_label.setVisible(bool(text))

    def show_status(self, kind: str, text: str) -> None:
        """kind: "saved", "saving", "failed", "closed", "" (nothing to save)."""
        self.status_label.setText(text)
        self.status_label.setProperty("saveState", kind)
        style = self.status_label.style()
        style.unpolish(self.status_label)
        style.polish(self.status_label)

    @property
    def status_kind(self) -> str:
        return str(self.status_label.property("saveState") or "")

    def show_unfinished(self, items: Sequence[UnfinishedItem]) -> None:
        self.unfinished_list.clear()
        for entry in items:
            item = QListWidgetItem(display_text(entry.title, 80))
            item.setData(Qt.ItemDataRole.UserRole, entry.call_id)
            self.unfinished_list.addItem(item)
        if items:
            self.unfinished_list.setCurrentRow(0)
        for widget in (self.unfinished_caption, self.unfinished_list, self.open_unfinished_button):
            widget.setVisible(bool(items))

    def set_mode(self, mode: str, *, amend_available: bool = False) -> None:
        """idle | call | reopened | closing | amending. Decides what is editable and which buttons show."""
        self.mode = mode
        self._managed = self._managed or mode != "idle"
        editable = mode in ("call", "reopened", "amending")
        self._set_editable(editable)
        self.amend_button.setVisible(mode == "idle" and amend_available)
        self.save_amendment_button.setVisible(mode == "amending")
        self.cancel_amendment_button.setVisible(mode == "amending")
        self.finish_button.setVisible(mode == "reopened")
        self.open_unfinished_button.setEnabled(mode in ("idle", "reopened"))

    def manage(self) -> None:
        """A controller drives the panel from now on (main_window stops toggling it)."""
        self._managed = True
        self._set_editable(self.mode in ("call", "reopened", "amending"))

    def set_call_active(self, active: bool) -> None:
        """From the main window: without a controller, notes are editable during a call."""
        self._call_active = active
        if not self._managed:
            self._set_editable(active)

    def _set_editable(self, editable: bool) -> None:
        for widget in (self.reason_edit, self.symptom_list, self.free_text):
            widget.setEnabled(editable)

    # ------------------------------------------------------------------ internals

    def _changed(self, *_args) -> None:
        if not self._loading:
            self.edited.emit()

    def _unfinished_activated(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.unfinished_open_requested.emit(item.data(Qt.ItemDataRole.UserRole))
