"""Drives the notes panel: one autosaved note per call, closed at the end of wrap-up.

Lifecycle (GUI thread; every disk access on a worker thread, results back through the EventBridge):

- the agent state machine goes On call -> a note for that call opens (``NoteAutosaver``); the
  screen-pop's patient (found, or picked from several) is linked to it;
- every edit -> ``NoteAutosaver.update`` (cheap); the autosaver's status (on its worker thread) is
  published on the bridge and shown as "Saved" / "Saving…" / "NOT saved — retrying";
- leaving wrap-up with a disposition -> the disposition goes into the note, the autosaver is
  flushed and closed and ``close_note`` freezes version 1 (worker thread); "Amend last note" then
  edits a copy that is saved as the next version;
- on start, ``find_unfinished_notes`` (a crash, a kill -9) -> the newest is reopened in the editor,
  the others listed; "Finish note" closes a reopened note.

Red flags: after a short pause in typing ``detect_red_flags`` runs over the reason and the free
text; the first flag's reason code is announced by ``red_flag_changed`` ("" when none is left).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from softphone.agent.state import AgentState, AgentStateMachine, StateChange
from softphone.notes import (
    AutosaverClosedError,
    NoteAutosaver,
    NoteDraft,
    NoteSaved,
    NoteSaveFailed,
    RedFlag,
    RedFlagCatalogue,
    amend_note,
    close_note,
    detect_red_flags,
    find_unfinished_notes,
)
from softphone.patients.screen_pop import ScreenPop
from softphone.storage.database import Database
from softphone.ui.event_bridge import EventBridge
from softphone.ui.notes_panel import NotesPanel, UnfinishedItem

log = logging.getLogger(__name__)

RED_FLAG_DELAY_MS = 250
MAX_REMEMBERED_POPS = 32


# --- events carried by the bridge from worker threads --------------------------------------------

@dataclass(frozen=True)
class UnfinishedNotesLoaded:
    notes: tuple[tuple[str, NoteDraft, datetime], ...]  # (call id, content, last saved), newest first
    error: str | None = None


@dataclass(frozen=True)
class NoteCloseFinished:
    call_id: str
    draft: NoteDraft
    version: int | None  # None: not closed
    error: str | None = None


@dataclass(frozen=True)
class AmendmentFinished:
    call_id: str
    draft: NoteDraft
    version: int | None
    error: str | None = None


class NotesController(QObject):
    red_flag_changed = Signal(str)  # reason code, "" when the notes no longer hold a red flag

    def __init__(
        self,
        panel: NotesPanel,
        bridge: EventBridge,
        database: Database,
        agent_id: str,
        *,
        agent: AgentStateMachine | None = None,
        catalogue: RedFlagCatalogue | None = None,
        reason_labels: Mapping[str, str] | None = None,
        symptom_codes: Sequence[str] | None = None,
        red_flag_delay_ms: int = RED_FLAG_DELAY_MS,
        autosaver_factory: Callable[..., NoteAutosaver] = NoteAutosaver,
        remember_phi: Callable[..., None] | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent or panel)
        self.panel = panel
        self.bridge = bridge
        self.database = database
        self.agent_id = agent_id
        self.catalogue = catalogue
        self.reason_labels = dict(reason_labels or {})
        self._autosaver_factory = autosaver_factory
        self._remember_phi = remember_phi or (lambda *values: None)

        self._saver: NoteAutosaver | None = None
        self._call_id: str | None = None
        self._base = NoteDraft()  # the parts not edited in the panel: patient, disposition
        self._patient_name = ""
        self._pops: OrderedDict[str, tuple[str, str]] = OrderedDict()  # call id -> (patient id, name)
        self._unfinished: dict[str, tuple[NoteDraft, datetime]] = {}
        self._last_closed: tuple[str, NoteDraft] | None = None
        self._amending: tuple[str, NoteDraft] | None = None
        self._workers: list[threading.Thread] = []
        self.current_red_flag: str | None = None
        self.red_flags: list[RedFlag] = []

        self._red_flag_timer = QTimer(self)
        self._red_flag_timer.setSingleShot(True)
        self._red_flag_timer.setInterval(red_flag_delay_ms)
        self._red_flag_timer.timeout.connect(self._check_red_flags)

        if symptom_codes is not None:
            panel.set_symptom_codes(symptom_codes)
        panel.manage()
        panel.edited.connect(self._edited)
        panel.amend_requested.connect(self.start_amendment)
        panel.save_amendment_requested.connect(self.save_amendment)
        panel.cancel_amendment_requested.connect(self.cancel_amendment)
        panel.finish_requested.connect(self.finish_reopened_note)
        panel.unfinished_open_requested.connect(self.open_unfinished)
        bridge.subscribe(self._on_bridge_event)
        if agent is not None:
            agent.add_listener(self._agent_changed)
        self._show_idle()

    # ------------------------------------------------------------------ queries

    @property
    def call_id(self) -> str | None:
        return self._call_id

    @property
    def mode(self) -> str:
        return self.panel.mode

    def draft(self) -> NoteDraft:
        reason, symptoms, text = self.panel.fields()
        return replace(self._base, reason_for_call=reason, symptom_codes=symptoms, free_text=text)

    def reason_label(self, code: str) -> str:
        return self.reason_labels.get(code) or code.replace("_", " ").capitalize()

    # ------------------------------------------------------------------ start-up

    def load_unfinished(self) -> threading.Thread:
        """Find this agent's unfinished notes (worker thread); the newest is reopened."""

        def work() -> None:
            try:
                with self.database.session() as session:
                    notes = tuple(
                        (note.call_id, NoteDraft.of(note), note.updated_at)
                        for note in find_unfinished_notes(session, self.agent_id)
                    )
                self.bridge.publish(UnfinishedNotesLoaded(notes))
            except Exception as error:  # noqa: BLE001 - shown; the phone works without it
                log.warning("unfinished notes not loaded (%s)", type(error).__name__)
                self.bridge.publish(UnfinishedNotesLoaded((), type(error).__name__))

        return self._spawn(work, "notes-unfinished")

    # ------------------------------------------------------------------ calls (agent state)

    def start_call_note(self, call_id: str) -> None:
        if self._call_id == call_id and self.mode == "call":
            return
        self._leave_current_note()
        patient = self._pops.get(call_id)
        self._base = NoteDraft(patient_ref=patient[0] if patient else None)
        self._patient_name = patient[1] if patient else ""
        self._open(call_id, self._base, saved=None, mode="call")

    def finish_call_note(self, disposition: str | None, call_ids: Sequence[str] = ()) -> None:
        """The wrap-up ended with ``disposition``: save it in the note and close the note."""
        if self._call_id is None or self.mode != "call":
            return
        if call_ids and self._call_id not in call_ids:
            return
        self._base = replace(self._base, disposition=disposition)
        self.panel.set_disposition(disposition)
        self._close_current(self.draft())

    def _agent_changed(self, change: StateChange) -> None:
        if change.state is AgentState.ON_CALL and change.previous is not AgentState.ON_CALL:
            if self.mode == "call" and self._call_id in change.call_ids:
                return  # a call back during wrap-up: the same note goes on
            if change.call_ids:
                self.start_call_note(change.call_ids[-1])
        elif change.previous is AgentState.WRAP_UP and change.state is not AgentState.ON_CALL:
            self.finish_call_note(change.disposition, change.call_ids)

    def link_patient(self, call_id: str, patient_id: str, display_name: str) -> None:
        self._pops[call_id] = (patient_id, display_name)
        self._pops.move_to_end(call_id)
        while len(self._pops) > MAX_REMEMBERED_POPS:
            self._pops.popitem(last=False)
        if call_id == self._call_id and self.mode == "call" and self._base.patient_ref != patient_id:
            self._base = replace(self._base, patient_ref=patient_id)
            self._patient_name = display_name
            self._show_patient()
            self._save_now()

    # ------------------------------------------------------------------ unfinished notes

    def open_unfinished(self, call_id: str) -> None:
        if self.mode in ("call", "closing") or call_id not in self._unfinished:
            return
        if self.mode == "amending":
            self.cancel_amendment()
        self._leave_current_note()
        draft, updated_at = self._unfinished[call_id]
        self._base = NoteDraft(patient_ref=draft.patient_ref, disposition=draft.disposition)
        self._patient_name = ""
        self._open(call_id, draft, saved=draft, mode="reopened", saved_at=updated_at)
        self._show_unfinished_list()

    def finish_reopened_note(self) -> None:
        if self.mode == "reopened" and self._call_id is not None:
            self._close_current(self.draft())

    # ------------------------------------------------------------------ amendments

    def start_amendment(self) -> None:
        if self.mode != "idle" or self._last_closed is None:
            return
        call_id, draft = self._last_closed
        self._amending = (call_id, draft)
        self._call_id = call_id
        self._base = NoteDraft(patient_ref=draft.patient_ref, disposition=draft.disposition)
        self.panel.load(draft.reason_for_call, draft.symptom_codes, draft.free_text)
        self.panel.set_disposition(draft.disposition)
        self.panel.set_title(self.tr("Amending the last note (saved as a new version)"))
        self.panel.show_status("", self.tr("Not saved until you press Save amendment"))
        self.panel.set_mode("amending")
        self._check_red_flags()

    def save_amendment(self) -> threading.Thread | None:
        if self.mode != "amending" or self._amending is None:
            return None
        call_id, original = self._amending
        draft = self.draft()
        self._amending = None
        if draft == original:
            self._show_idle(self.tr("No change to save"))
            return None
        self.panel.show_status("saving", self.tr("Saving amendment…"))
        self.panel.set_mode("closing")
        self._remember_phi(draft.reason_for_call, draft.free_text)

        def work() -> None:
            try:
                with self.database.session() as session:
                    version = amend_note(session, call_id, self.agent_id, draft).version
                self.bridge.publish(AmendmentFinished(call_id, draft, version))
            except Exception as error:  # noqa: BLE001 - shown to the agent
                log.warning("amendment of the note for call %s failed (%s)", call_id, type(error).__name__)
                self.bridge.publish(AmendmentFinished(call_id, draft, None, type(error).__name__))

        return self._spawn(work, "notes-amend")

    def cancel_amendment(self) -> None:
        if self.mode == "amending":
            self._amending = None
            self._show_idle()

    # ------------------------------------------------------------------ shutdown

    def shutdown(self, timeout: float = 5.0) -> bool:
        """Save what is typed (the note stays open: reopened at the next start)."""
        saved = True
        if self._saver is not None:
            try:
                self._saver.update(self.draft())
            except AutosaverClosedError:
                pass
            saved = self._saver.close(timeout)
            self._saver = None
        for worker in list(self._workers):
            worker.join(timeout)
        return saved

    # ------------------------------------------------------------------ internals

    def _open(self, call_id: str, draft: NoteDraft, *, saved: NoteDraft | None, mode: str,
              saved_at: datetime | None = None) -> None:
        self._call_id = call_id
        self._saver = self._autosaver_factory(
            self.database, call_id, self.agent_id, on_status=self.bridge.publish, saved_draft=saved
        )
        self.panel.load(draft.reason_for_call, draft.symptom_codes, draft.free_text)
        self.panel.set_disposition(self._base.disposition)
        self._show_patient()
        if mode == "reopened":
            when = saved_at.astimezone().strftime("%H:%M, %d %b") if saved_at else ""
            self.panel.set_title(self.tr("Unfinished note (last saved %1): finish or keep editing").replace("%1", when))
            self.panel.show_status("saved", self.tr("Saved"))
        else:
            self.panel.set_title(self.tr("Call notes"))
            self.panel.show_status("", "")
        self.panel.set_mode(mode)
        self._check_red_flags()
        if self._base.patient_ref and mode == "call":
            self._save_now()

    def _leave_current_note(self) -> None:
        """Stop editing the note in the panel without closing it (it stays unfinished)."""
        if self.mode == "amending" and self._amending is not None:
            if self.draft() != self._amending[1]:
                self.save_amendment()
            else:
                self._amending = None
        saver, call_id = self._saver, self._call_id
        if saver is not None and call_id is not None:
            draft = self.draft()
            try:
                saver.update(draft)
            except AutosaverClosedError:
                pass
            if self.mode in ("reopened", "call"):
                self._unfinished[call_id] = (draft, self._unfinished.get(call_id, (draft, None))[1])
            self._spawn(lambda: saver.close(10.0), "notes-detach")
        self._saver = None
        self._call_id = None

    def _close_current(self, final: NoteDraft) -> None:
        saver, call_id = self._saver, self._call_id
        if call_id is None:
            return
        self._saver = None
        self.panel.set_mode("closing")
        self.panel.show_status("saving", self.tr("Closing the note…"))
        self._remember_phi(final.reason_for_call, final.free_text)
        if saver is not None:
            try:
                saver.update(final)
            except AutosaverClosedError:
                pass

        def work() -> None:
            try:
                if saver is not None:
                    saver.close(10.0)
                with self.database.session() as session:
                    version = close_note(session, call_id, self.agent_id, final).version
                self.bridge.publish(NoteCloseFinished(call_id, final, version))
            except Exception as error:  # noqa: BLE001 - the text stays on screen and is retried
                log.warning("the note for call %s was not closed (%s)", call_id, type(error).__name__)
                self.bridge.publish(NoteCloseFinished(call_id, final, None, type(error).__name__))

        self._spawn(work, "notes-close")

    def _on_bridge_event(self, event: object) -> None:
        if isinstance(event, NoteSaved | NoteSaveFailed):
            self._status(event)
        elif isinstance(event, ScreenPop):
            if event.context is not None:
                self._remember_phi(event.context.display_name)
                self.link_patient(event.call_id, event.context.patient_id, event.context.display_name)
        elif isinstance(event, UnfinishedNotesLoaded):
            self._unfinished_loaded(event)
        elif isinstance(event, NoteCloseFinished):
            self._close_finished(event)
        elif isinstance(event, AmendmentFinished):
            self._amendment_finished(event)

    def _status(self, status: NoteSaved | NoteSaveFailed) -> None:
        if status.call_id != self._call_id or self._saver is None:
            return
        if isinstance(status, NoteSaved):
            if self._saver.unsaved_draft is None:
                self.panel.show_status("saved", self.tr("Saved"))
        elif status.will_retry:
            self.panel.show_status("failed", self.tr("NOT saved — retrying"))
        else:
            self.panel.show_status("failed", self.tr("NOT saved — this note was closed elsewhere; amend it instead"))

    def _unfinished_loaded(self, event: UnfinishedNotesLoaded) -> None:
        if event.error:
            self.panel.show_status("failed", self.tr("Unfinished notes could not be read"))
            return
        for call_id, draft, updated_at in event.notes:
            if call_id != self._call_id:
                self._unfinished[call_id] = (draft, updated_at)
                self._remember_phi(draft.reason_for_call, draft.free_text)
        self._show_unfinished_list()
        if self.mode == "idle" and event.notes:
            newest = next((call_id for call_id, _d, _t in event.notes if call_id in self._unfinished), None)
            if newest is not None:
                self.open_unfinished(newest)

    def _close_finished(self, event: NoteCloseFinished) -> None:
        if event.version is None:
            # Not closed (database unavailable): reopen it so the agent can keep it and retry.
            self._unfinished[event.call_id] = (event.draft, None)
            if self.mode == "closing" and self._call_id == event.call_id:
                self._call_id = None
                self.panel.set_mode("idle")
                self.open_unfinished(event.call_id)
                self.panel.show_status("failed", self.tr("NOT saved — the note could not be closed; press Finish note to retry"))
            self._show_unfinished_list()
            return
        self._unfinished.pop(event.call_id, None)
        self._last_closed = (event.call_id, event.draft)
        if self._call_id == event.call_id and self.mode == "closing":
            self._show_idle(self.tr("Note closed (version %1)").replace("%1", str(event.version)))
        self._show_unfinished_list()

    def _amendment_finished(self, event: AmendmentFinished) -> None:
        if event.version is not None:
            self._last_closed = (event.call_id, event.draft)
            text, kind = self.tr("Amendment saved (version %1)").replace("%1", str(event.version)), "saved"
        else:
            text, kind = self.tr("NOT saved — the amendment was not recorded (%1)").replace("%1", event.error or ""), "failed"
        if self.mode == "closing" and self._call_id == event.call_id:
            self._show_idle(text, kind)
        elif self.mode == "idle":
            self.panel.show_status(kind, text)

    def _show_idle(self, status: str = "", kind: str = "closed") -> None:
        self._saver = None
        self._call_id = None
        self._base = NoteDraft()
        self._patient_name = ""
        self.panel.clear()
        self.panel.set_title(self.tr("Call notes"))
        self.panel.show_status(kind if status else "", status)
        self.panel.set_mode("idle", amend_available=self._last_closed is not None)
        self._set_red_flag([])

    def _show_unfinished_list(self) -> None:
        items = [
            UnfinishedItem(call_id, self.tr("Call at %1").replace("%1", at.astimezone().strftime("%H:%M, %d %b") if at else "?"))
            for call_id, (_draft, at) in self._unfinished.items()
            if call_id != self._call_id
        ]
        self.panel.show_unfinished(items)

    def _show_patient(self) -> None:
        if self._base.patient_ref:
            name = self._patient_name or self._base.patient_ref
            self.panel.set_patient(self.tr("Patient: %1").replace("%1", name))
        else:
            self.panel.set_patient("")

    def _edited(self) -> None:
        if self.mode in ("call", "reopened") and self._saver is not None:
            self._save_now()
        self._red_flag_timer.start()

    def _save_now(self) -> None:
        if self._saver is None:
            return
        try:
            self._saver.update(self.draft())
        except AutosaverClosedError:
            self.panel.show_status("failed", self.tr("NOT saved — this note is closed"))
            return
        if self.panel.status_kind != "failed":
            self.panel.show_status("saving", self.tr("Saving…"))

    def red_flags_now(self) -> list[RedFlag]:
        """The red flags of the note as typed this instant (the debounced check may lag a
        keystroke behind), found with the catalogue IT provisioned."""
        self._check_red_flags()
        return list(self.red_flags)

    def _check_red_flags(self) -> None:
        reason, _symptoms, text = self.panel.fields()
        flags = detect_red_flags(reason + "\n" + text, self.catalogue) if (reason or text) else []
        self._set_red_flag(flags)

    def _set_red_flag(self, flags: list[RedFlag]) -> None:
        self.red_flags = flags
        code = flags[0].reason_code if flags else None
        if code == self.current_red_flag:
            return
        self.current_red_flag = code
        self.panel.set_red_flag(
            self.tr("Red flag: %1. Consider escalating (F9).").replace("%1", self.reason_label(code)) if code else None
        )
        self.red_flag_changed.emit(code or "")

    def _spawn(self, work: Callable[[], object], name: str) -> threading.Thread:
        self._workers = [worker for worker in self._workers if worker.is_alive()]
        thread = threading.Thread(target=work, name=name, daemon=True)
        self._workers.append(thread)
        thread.start()
        return thread
