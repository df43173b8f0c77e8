"""Notes search for the agent: Ctrl+F (or "Search notes" in the toolbar) opens the search window.

The GUI thread never touches the database here. What the agent types is searched after a short
pause (``SEARCH_DELAY_MS``) on one worker thread; a newer query makes older, not yet started
ones moot (they are skipped), and answers to superseded queries are dropped on arrival. Opening
a note and saving an amendment (``amend_note``: a new version, audited) run on the same worker.

The notes rules apply as in the notes panel: a closed note is amended as a new version by the
agent who amends it; an open note is only shown (it is finished where it is being written).

Search results are patient data: the window is only available while the side panel (patient,
notes) is, and it closes when the desktop locks or the lock screen takes the panel.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QToolBar, QToolButton

from softphone.notes import NoteDraft, NoteSearchHit, amend_note, get_call_note, search_notes
from softphone.storage.database import Database
from softphone.ui.notes_search_dialog import NoteDetails, NotesSearchDialog

log = logging.getLogger(__name__)

SHORTCUT = "Ctrl+F"
SEARCH_DELAY_MS = 200
PAGE_SIZE = 50


# --- jobs for the worker and its answers (delivered on the GUI thread) ----------------------------


@dataclass(frozen=True)
class _Search:
    generation: int
    query: str
    before: int | None  # None: the first page; else the older notes (see search_notes)


@dataclass(frozen=True)
class _Load:
    call_id: str


@dataclass(frozen=True)
class _Amend:
    call_id: str
    draft: NoteDraft


@dataclass(frozen=True)
class SearchAnswered:
    generation: int
    append: bool
    hits: tuple[NoteSearchHit, ...]
    error: str | None = None


@dataclass(frozen=True)
class NoteLoaded:
    call_id: str
    details: NoteDetails | None
    error: str | None = None


@dataclass(frozen=True)
class AmendmentAnswered:
    call_id: str
    details: NoteDetails | None
    error: str | None = None


def _details(note) -> NoteDetails:
    return NoteDetails(
        call_id=note.call_id,
        draft=NoteDraft.of(note),
        agent_id=note.agent_id,
        created_at=note.created_at,
        closed=note.closed_at is not None,
        version=note.current_version,
    )


class NotesSearchController(QObject):
    _answered = Signal(object)  # from the worker thread, delivered queued on the GUI thread

    def __init__(
        self,
        window,
        database: Database,
        agent_id: str,
        *,
        remember_phi: Callable[..., None] | None = None,
        delay_ms: int = SEARCH_DELAY_MS,
        page_size: int = PAGE_SIZE,
    ):
        super().__init__(window)
        self.window = window
        self.database = database
        self.agent_id = agent_id
        self.page_size = page_size
        self._remember_phi = remember_phi or (lambda *values: None)
        self._answered.connect(self._on_answer, Qt.ConnectionType.QueuedConnection)
        self.dialog: NotesSearchDialog | None = None
        self._generation = 0
        self._latest_search = 0  # read by the worker: older searches are skipped
        self._query = ""
        self._oldest_shown: int | None = None
        self._jobs: queue.Queue[object] = queue.Queue()
        self._worker = threading.Thread(target=self._work, name="notes-search", daemon=True)
        self._worker.start()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.search_now)

        self.button = QToolButton()
        self.button.setObjectName("notes_search_button")
        self.button.setText(self.tr("Search notes"))
        self.button.setAccessibleName(self.tr("Search the call notes"))
        self.button.setToolTip(self.tr("Search the call notes (%1)").replace("%1", SHORTCUT))
        self.button.clicked.connect(self.open)
        toolbar = window.findChild(QToolBar, "agent_toolbar")
        if toolbar is not None:
            toolbar.addWidget(self.button)
        self.shortcut = QShortcut(QKeySequence(SHORTCUT), window)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(self.open)
        side_stack = getattr(window, "side_stack", None)
        if side_stack is not None:
            side_stack.currentChanged.connect(lambda _index: self._follow_side_panel())

    # ------------------------------------------------------------------ window

    def available(self) -> bool:
        """Only while the side panel shows patient data (not the lock or passphrase screen)."""
        side_stack = getattr(self.window, "side_stack", None)
        return side_stack is None or side_stack.currentIndex() == 0

    def open(self) -> NotesSearchDialog | None:
        if not self.available():
            self.window.show_notice(self.tr("Unlock first: the notes are locked."))
            return None
        dialog = self._dialog()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.query_edit.setFocus()
        dialog.query_edit.selectAll()
        return dialog

    def close(self) -> None:
        """Close and forget what was shown (also an amendment being typed: the desktop locks)."""
        if self.dialog is None:
            return
        self._timer.stop()
        self._generation += 1
        self._latest_search = self._generation
        self.dialog.clear_results()
        self.dialog.show_note(None)
        self.dialog.query_edit.clear()
        self.dialog.show_status("")
        self.dialog.hide()

    def shutdown(self, timeout: float = 5.0) -> bool:
        """Stop the worker after its current job (an amendment being saved is finished)."""
        self._jobs.put(None)
        self._worker.join(timeout)
        return not self._worker.is_alive()

    # ------------------------------------------------------------------ searching

    def search_now(self) -> None:
        self._timer.stop()
        if self.dialog is None:
            return
        self._query = self.dialog.query_edit.text()
        self._generation += 1
        self._latest_search = self._generation
        self._oldest_shown = None
        if not self._query.strip():
            self.dialog.clear_results()
            self.dialog.show_status("")
            return
        self._remember_phi(self._query)
        self.dialog.show_status(self.tr("Searching…"))
        self._jobs.put(_Search(self._generation, self._query, None))

    def search_older(self) -> None:
        if self.dialog is None or self._oldest_shown is None:
            return
        self.dialog.show_status(self.tr("Searching older notes…"))
        self._jobs.put(_Search(self._generation, self._query, self._oldest_shown))

    def _query_edited(self, _text: str) -> None:
        self._timer.start()

    # ------------------------------------------------------------------ worker thread

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            if isinstance(job, _Search) and job.generation != self._latest_search:
                continue  # superseded before it started
            try:
                self._answered.emit(self._run(job))
            except Exception as error:  # noqa: BLE001 - shown in the window; the phone is unaffected
                log.warning("notes search job %s failed (%s)", type(job).__name__, type(error).__name__)
                self._answered.emit(self._failed(job, type(error).__name__))

    def _run(self, job: object) -> object:
        if isinstance(job, _Search):
            with self.database.session() as session:
                hits = search_notes(session, job.query, self.page_size, before=job.before)
            return SearchAnswered(job.generation, job.before is not None, tuple(hits))
        if isinstance(job, _Load):
            with self.database.session() as session:
                note = get_call_note(session, job.call_id)
                return NoteLoaded(job.call_id, _details(note) if note is not None else None)
        if isinstance(job, _Amend):
            with self.database.session() as session:
                amend_note(session, job.call_id, self.agent_id, job.draft)
                note = get_call_note(session, job.call_id)
                return AmendmentAnswered(job.call_id, _details(note) if note is not None else None)
        raise TypeError(type(job).__name__)

    @staticmethod
    def _failed(job: object, error: str) -> object:
        if isinstance(job, _Search):
            return SearchAnswered(job.generation, job.before is not None, (), error)
        if isinstance(job, _Load):
            return NoteLoaded(job.call_id, None, error)
        assert isinstance(job, _Amend)
        return AmendmentAnswered(job.call_id, None, error)

    # ------------------------------------------------------------------ answers (GUI thread)

    def _on_answer(self, answer: object) -> None:
        dialog = self.dialog
        if dialog is None or not dialog.isVisible():
            return
        if isinstance(answer, SearchAnswered):
            self._show_hits(dialog, answer)
        elif isinstance(answer, NoteLoaded):
            if answer.details is None:
                reason = answer.error or self.tr("not found")
                dialog.show_status(self.tr("The note could not be opened (%1)").replace("%1", reason))
                return
            self._remember_phi(answer.details.draft.reason_for_call, answer.details.draft.free_text)
            dialog.show_note(answer.details)
        elif isinstance(answer, AmendmentAnswered):
            if dialog.details is not None and dialog.details.call_id == answer.call_id:
                dialog.amendment_finished(answer.details, answer.error)

    def _show_hits(self, dialog: NotesSearchDialog, answer: SearchAnswered) -> None:
        if answer.generation != self._generation:
            return  # an answer to a query the agent has since changed
        if answer.error:
            dialog.show_status(self.tr("The search failed (%1): try again.").replace("%1", answer.error))
            return
        for hit in answer.hits:
            self._remember_phi(hit.reason_for_call, hit.snippet, hit.patient_ref)
        more = len(answer.hits) == self.page_size
        dialog.show_hits(answer.hits, append=answer.append, more=more)
        if answer.hits:
            self._oldest_shown = answer.hits[-1].note_id
        count = dialog.result_count()
        if count == 0:
            dialog.show_status(self.tr("No note matches."))
        elif more:
            dialog.show_status(self.tr("The %1 newest matching notes: Older notes for more.").replace("%1", str(count)))
        elif count == 1:
            dialog.show_status(self.tr("1 matching note."))
        else:
            dialog.show_status(self.tr("%1 matching notes, newest first.").replace("%1", str(count)))

    # ------------------------------------------------------------------ internals

    def _dialog(self) -> NotesSearchDialog:
        if self.dialog is None:
            dialog = NotesSearchDialog(self.window)
            dialog.query_edited.connect(self._query_edited)
            dialog.search_now.connect(self.search_now)
            dialog.older_requested.connect(self.search_older)
            dialog.note_requested.connect(lambda call_id: self._jobs.put(_Load(call_id)))
            dialog.amendment_saved.connect(self._amend)
            self.dialog = dialog
        return self.dialog

    def _amend(self, call_id: str, draft: NoteDraft) -> None:
        self._remember_phi(draft.reason_for_call, draft.free_text)
        self._jobs.put(_Amend(call_id, draft))

    def _follow_side_panel(self) -> None:
        if not self.available():
            self.close()


def install_notes_search(window, database: Database, agent_id: str, **options) -> NotesSearchController:
    """The toolbar button and Ctrl+F on ``window``; the search window is built on first use."""
    return NotesSearchController(window, database, agent_id, **options)
