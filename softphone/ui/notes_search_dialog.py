"""The notes search window: a query box, the matching notes newest first, and the chosen note.

A view only (``ui.notes_search.NotesSearchController`` runs the searches, off the GUI thread).
Every piece of note text is shown as plain text: list cells (a ``QTreeWidgetItem`` never renders
markup) and read-only editors filled with ``setPlainText``. Keyboard: the query box has the
focus; Enter or Down moves to the results, Enter opens a note, Esc closes the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from softphone.notes import NoteDraft, NoteSearchHit
from softphone.ui.notes_panel import MAX_REASON_LENGTH, symptom_label
from softphone.ui.plain_text import display_text
from softphone.ui.widgets import plain_label


@dataclass(frozen=True)
class NoteDetails:
    """A note as the search window shows it (its current content: the newest version)."""

    call_id: str
    draft: NoteDraft
    agent_id: str
    created_at: datetime
    closed: bool
    version: int  # 0 while open


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%d %b %Y %H:%M")


class NotesSearchDialog(QDialog):
    query_edited = Signal(str)
    search_now = Signal()  # Enter in the query box: no need to wait for the pause in typing
    older_requested = Signal()
    note_requested = Signal(str)  # call id
    amendment_saved = Signal(str, object)  # call id, NoteDraft

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notes_search_dialog")
        self.setWindowTitle(self.tr("Search call notes"))
        self.setAccessibleName(self.tr("Search call notes"))
        self.setModal(False)  # calls go on: F5-F9 still work while it is open
        self.resize(980, 600)
        self._details: NoteDetails | None = None
        self.mode = "none"  # none | viewing | amending | saving

        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("notes_search_query")
        self.query_edit.setAccessibleName(self.tr("Search the call notes"))
        self.query_edit.setPlaceholderText(self.tr('Words in the notes; "quotes" for a phrase'))
        self.query_edit.setMaxLength(200)
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.textEdited.connect(self.query_edited)
        self.query_edit.installEventFilter(self)
        self.status_label = plain_label("", "notes_search_status", self.tr("Search status"), wrap=False)

        self.results = QTreeWidget()
        self.results.setObjectName("notes_search_results")
        self.results.setAccessibleName(self.tr("Matching notes, newest first (Enter to open)"))
        self.results.setHeaderLabels([self.tr("Date"), self.tr("Patient"), self.tr("Disposition"), self.tr("Note")])
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setWordWrap(False)
        header = self.results.header()
        header.setStretchLastSection(True)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.results.itemActivated.connect(self._activated)
        self.older_button = QPushButton(self.tr("&Older notes"))
        self.older_button.setObjectName("notes_search_older")
        self.older_button.setAccessibleName(self.tr("Show older matching notes"))
        self.older_button.setVisible(False)
        self.older_button.clicked.connect(self.older_requested)

        results_pane = QWidget()
        results_layout = QVBoxLayout(results_pane)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.results, 1)
        results_layout.addWidget(self.older_button)

        # ---------------------------------------------------------------- the chosen note
        self.note_title = plain_label(self.tr("Open a note from the list (Enter)"), "notes_search_note_title")
        self.note_title.setProperty("role", "section-title")
        self.note_facts = plain_label("", "notes_search_note_facts", self.tr("Note details"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("notes_search_reason")
        self.reason_edit.setAccessibleName(self.tr("Reason for call"))
        self.reason_edit.setMaxLength(MAX_REASON_LENGTH)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("notes_search_text")
        self.text_edit.setAccessibleName(self.tr("Call notes"))
        self.text_edit.setTabChangesFocus(True)
        self.note_status = plain_label("", "notes_search_note_status", self.tr("Note status"))
        self.amend_button = QPushButton(self.tr("&Amend"))
        self.amend_button.setObjectName("notes_search_amend")
        self.amend_button.setAccessibleName(self.tr("Amend this closed note (saved as a new version)"))
        self.save_button = QPushButton(self.tr("&Save amendment"))
        self.save_button.setObjectName("notes_search_save")
        self.save_button.setAccessibleName(self.tr("Save the amendment as a new version"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("notes_search_cancel")
        self.cancel_button.setAccessibleName(self.tr("Cancel the amendment"))
        self.amend_button.clicked.connect(self.start_amending)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.cancel_amending)
        buttons = QHBoxLayout()
        for button in (self.older_button, self.amend_button, self.save_button, self.cancel_button):
            # A dialog's buttons take Enter from any field by default: Enter in the reason box
            # must not amend or save.
            button.setAutoDefault(False)
        for button in (self.amend_button, self.save_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        note_pane = QWidget()
        note_pane.setObjectName("notes_search_note")
        note_layout = QVBoxLayout(note_pane)
        note_layout.setContentsMargins(0, 0, 0, 0)
        note_layout.addWidget(self.note_title)
        note_layout.addWidget(self.note_facts)
        note_layout.addWidget(self.reason_edit)
        note_layout.addWidget(self.text_edit, 1)
        note_layout.addWidget(self.note_status)
        note_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(results_pane)
        splitter.addWidget(note_pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.status_label)
        layout.addWidget(splitter, 1)
        self.show_note(None)

    # ------------------------------------------------------------------ results

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)

    def show_hits(self, hits: Sequence[NoteSearchHit], *, append: bool, more: bool) -> None:
        if not append:
            self.results.clear()
        for hit in hits:
            item = QTreeWidgetItem(
                [
                    local_time(hit.created_at),
                    display_text(hit.patient_ref, 40) or "—",
                    display_text(hit.disposition, 40) or (self.tr("open") if not hit.closed else "—"),
                    display_text(" · ".join(part for part in (hit.reason_for_call, hit.snippet) if part), 200),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, hit.call_id)
            item.setToolTip(3, display_text(hit.snippet, 200))
            self.results.addTopLevelItem(item)
        if not append and hits:
            self.results.setCurrentItem(self.results.topLevelItem(0))
        self.older_button.setVisible(more)

    def result_count(self) -> int:
        return self.results.topLevelItemCount()

    def clear_results(self) -> None:
        self.results.clear()
        self.older_button.setVisible(False)

    # ------------------------------------------------------------------ the chosen note

    def show_note(self, details: NoteDetails | None) -> None:
        self._details = details
        if details is None:
            self.note_title.setText(self.tr("Open a note from the list (Enter)"))
            self.note_facts.setText("")
            self.reason_edit.clear()
            self.text_edit.clear()
            self.note_status.setText("")
            self._set_mode("none")
            return
        draft = details.draft
        status = (
            self.tr("closed, version %1").replace("%1", str(details.version))
            if details.closed
            else self.tr("still open")
        )
        title = self.tr("Note of %1 (%2)").replace("%1", local_time(details.created_at))
        self.note_title.setText(title.replace("%2", status))
        facts = [
            self.tr("Patient: %1").replace("%1", display_text(draft.patient_ref, 60) or "—"),
            self.tr("Agent: %1").replace("%1", display_text(details.agent_id, 60)),
            self.tr("Disposition: %1").replace("%1", display_text(draft.disposition, 60) or "—"),
        ]
        if draft.symptom_codes:
            symptoms = ", ".join(symptom_label(code) for code in draft.symptom_codes)
            facts.append(self.tr("Symptoms: %1").replace("%1", display_text(symptoms, 300)))
        self.note_facts.setText("\n".join(facts))
        self.reason_edit.setText(draft.reason_for_call)
        self.text_edit.setPlainText(draft.free_text)
        self.note_status.setText(
            ""
            if details.closed
            else self.tr("This note is still open: it is finished in the notes panel, and can be amended once closed.")
        )
        self._set_mode("viewing")

    @property
    def details(self) -> NoteDetails | None:
        return self._details

    def start_amending(self) -> None:
        if self.mode != "viewing" or self._details is None or not self._details.closed:
            return
        self._set_mode("amending")
        self.note_status.setText(self.tr("Not saved until you press Save amendment"))
        self.text_edit.setFocus()
        self.text_edit.moveCursor(self.text_edit.textCursor().MoveOperation.End)

    def cancel_amending(self) -> None:
        if self.mode == "amending":
            self.show_note(self._details)

    def amendment_finished(self, details: NoteDetails | None, error: str | None = None) -> None:
        """The worker's answer to ``amendment_saved``: the note as saved, or why not."""
        if details is not None:
            self.show_note(details)
            self.note_status.setText(self.tr("Amendment saved (version %1)").replace("%1", str(details.version)))
        else:
            self._set_mode("amending")  # what was typed stays, to retry
            text = self.tr("NOT saved — the amendment was not recorded (%1)")
            self.note_status.setText(text.replace("%1", error or ""))

    def editing_draft(self) -> NoteDraft | None:
        if self._details is None:
            return None
        base = self._details.draft
        return NoteDraft(
            reason_for_call=self.reason_edit.text(),
            symptom_codes=base.symptom_codes,
            free_text=self.text_edit.toPlainText(),
            disposition=base.disposition,
            patient_ref=base.patient_ref,
        )

    # ------------------------------------------------------------------ internals

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        editing = mode == "amending"
        for editor in (self.reason_edit, self.text_edit):
            editor.setReadOnly(not editing)
        closed = self._details is not None and self._details.closed
        self.amend_button.setVisible(mode == "viewing" and closed)
        self.save_button.setVisible(mode in ("amending", "saving"))
        self.cancel_button.setVisible(mode in ("amending", "saving"))
        self.save_button.setEnabled(mode == "amending")
        self.cancel_button.setEnabled(mode == "amending")

    def _save(self) -> None:
        draft = self.editing_draft()
        if self.mode != "amending" or draft is None or self._details is None:
            return
        if draft == self._details.draft:
            self.show_note(self._details)
            self.note_status.setText(self.tr("No change to save"))
            return
        self._set_mode("saving")
        self.note_status.setText(self.tr("Saving amendment…"))
        self.amendment_saved.emit(self._details.call_id, draft)

    def _activated(self, item: QTreeWidgetItem) -> None:
        if self.mode in ("amending", "saving"):
            self.note_status.setText(self.tr("Save or cancel the amendment first"))
            return
        self.note_requested.emit(item.data(0, Qt.ItemDataRole.UserRole))

    def reject(self) -> None:
        """Esc or the close button: not while an amendment is being typed (it would be lost)."""
        if self.mode in ("amending", "saving"):
            self.note_status.setText(self.tr("Save or cancel the amendment first"))
            return
        super().reject()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.query_edit and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.search_now.emit()
                if self.result_count():
                    self.results.setFocus()
                return True
            if key == Qt.Key.Key_Down and self.result_count():
                self.results.setFocus()
                return True
        return super().eventFilter(watched, event)
