"""Connects the main window to the agent's services: the presenter of the agent desktop.

Everything reaches it through the EventBridge (engine events, screen-pop results, command
failures as ``GuiTask``), so it runs on the GUI thread only and never waits: it forwards window
signals to the call controller (which submits engine commands) and renders the controller's view
model, the agent state and the screen-pop results.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal

from softphone.agent.calls import CallController, CallPhase, CallView, ControllerNotice
from softphone.agent.state import AgentState, AgentStateError, StateChange
from softphone.patients.screen_pop import ScreenPop, ScreenPopService
from softphone.sip.events import RegistrationChanged, RegistrationState
from softphone.ui.event_bridge import EventBridge
from softphone.ui.incoming_toast import IncomingCallToast, TrayNotifier
from softphone.ui.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GuiTask:
    """A function to run on the GUI thread, carried by the EventBridge (e.g. a Future's outcome)."""

    run: Callable[[], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("DesktopPresenter", text)


# The domain (softphone.agent, no Qt) words its notices and refusals in English; these are the fixed
# ones, marked here so lupdate extracts them and _tr() finds their translation when shown.
_DOMAIN_TEXTS = (
    QT_TRANSLATE_NOOP("DesktopPresenter", "The transfer failed; the caller is still on the line."),
    QT_TRANSLATE_NOOP("DesktopPresenter", "not a usable SIP URI"),
    QT_TRANSLATE_NOOP("DesktopPresenter", "not a usable tel: URI"),
    QT_TRANSLATE_NOOP("DesktopPresenter", "not a number or SIP address"),
    QT_TRANSLATE_NOOP("DesktopPresenter", "Could not dial."),
    QT_TRANSLATE_NOOP("DesktopPresenter", "Could not answer."),
    QT_TRANSLATE_NOOP("DesktopPresenter", "Could not decline."),
    QT_TRANSLATE_NOOP("DesktopPresenter", "Could not hang up."),
    QT_TRANSLATE_NOOP("DesktopPresenter", "Could not hold."),
    QT_TRANSLATE_NOOP("DesktopPresenter", "Could not resume."),
    QT_TRANSLATE_NOOP("DesktopPresenter", "Could not mute."),
    QT_TRANSLATE_NOOP("DesktopPresenter", "Could not keypad."),
    QT_TRANSLATE_NOOP("DesktopPresenter", "Could not transfer."),
    QT_TRANSLATE_NOOP("DesktopPresenter", "Could not busy."),
)


class DesktopPresenter(QObject):
    # For the CTI API and the escalation feature: the Escalate button (or F9, or CTI) was pressed.
    escalate_requested = Signal()
    # Issue 6 (notes): a red flag in the call notes, as an escalation reason code ("" = none left).
    # ``current_red_flag`` holds the latest one, for the escalation reason picker to pre-select.
    red_flag_detected = Signal(str)
    # Issue 6 (audit): the patient panel showed a patient's record: (call id, patient id).
    patient_viewed = Signal(str, str)

    def __init__(
        self,
        window: MainWindow,
        controller: CallController,
        bridge: EventBridge,
        *,
        screen_pop: ScreenPopService | None = None,
        toast: IncomingCallToast | None = None,
        tray: TrayNotifier | None = None,
        registration_label: str = "",
    ):
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.agent = controller.agent
        self.bridge = bridge
        self.screen_pop = screen_pop
        self.toast = toast if toast is not None else IncomingCallToast()
        self.tray = tray
        self._registration_label = registration_label
        self._patient_call_id: str | None = None
        self.events_seen = 0
        self.notes = None  # ui.notes_controller.NotesController, see attach_notes
        self.current_red_flag: str | None = None
        self._viewed: set[tuple[str, str]] = set()
        # Issue 8 (supervision): events of supervisors' calls are not the agent's calls.
        self.event_filter: Callable[[object], bool] | None = None

        bridge.subscribe(self._on_bridge_event)
        controller.on_change(self._calls_changed)
        controller.on_incoming(self._incoming)
        controller.on_call_ended(self._call_ended)
        controller.on_notice(self._notice)
        controller.on_registration(self._registration)
        self.agent.add_listener(self._agent_changed)
        controller.history.add_listener(lambda _entry: window.show_history(controller.history.entries()))

        window.answer_requested.connect(lambda call_id: self._guard(lambda: controller.answer(call_id or None)))
        window.decline_requested.connect(lambda call_id: self._guard(lambda: controller.decline(call_id or None)))
        window.hangup_requested.connect(lambda: self._guard(controller.hangup))
        window.hold_toggled.connect(lambda: self._guard(controller.toggle_hold))
        window.mute_toggled.connect(lambda: self._guard(controller.toggle_mute))
        window.dtmf_requested.connect(lambda digits: self._guard(lambda: controller.send_dtmf(digits)))
        window.transfer_requested.connect(lambda dest: self._guard(lambda: controller.blind_transfer(dest)))
        window.dial_requested.connect(self.dial)
        window.redial_requested.connect(lambda call_id: self._guard(lambda: controller.redial(call_id)))
        window.disposition_chosen.connect(self._disposition)
        window.availability_requested.connect(self._availability)
        window.escalate_requested.connect(self.escalate_requested)
        self.toast.answer_clicked.connect(lambda call_id: self._guard(lambda: controller.answer(call_id or None)))
        self.toast.decline_clicked.connect(lambda call_id: self._guard(lambda: controller.decline(call_id or None)))
        panel = window.patient_view
        panel.patient_chosen.connect(self._patient_chosen)
        panel.search_requested.connect(self._patient_search)
        panel.retry_requested.connect(self._patient_retry)

        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        window.show_agent(self.agent.state, self.agent.break_reason)

    # ------------------------------------------------------------------ public (CTI, app)

    def dial(self, destination: str) -> bool:
        return self._guard(lambda: self.controller.dial(destination))

    def attach_notes(self, notes) -> None:
        """The notes controller owns the notes editor; its red flags highlight Escalate."""
        self.notes = notes
        notes.red_flag_changed.connect(self._red_flag_changed)

    def _red_flag_changed(self, reason_code: str) -> None:
        self.current_red_flag = reason_code or None
        label = self.notes.reason_label(reason_code) if (self.notes is not None and reason_code) else reason_code
        self.window.show_red_flag(reason_code or None, label)
        self.red_flag_detected.emit(reason_code)

    def escalate(self) -> bool:
        if not self.window.escalate_button.isEnabled():
            return False
        self.window.escalate_button.click()
        return True

    # ------------------------------------------------------------------ events

    def _on_bridge_event(self, event: object) -> None:
        self.events_seen += 1
        if isinstance(event, GuiTask):
            event.run()
        elif isinstance(event, ScreenPop):
            if event.call_id != self._patient_call_id:
                return  # a late answer about a previous call
            patient = event.lookup.patient
            if patient is not None and event.context is None and event.context_state is None and self.screen_pop:
                # A manual search found exactly one patient: load their context.
                self.screen_pop.choose_patient(event.call_id, patient.patient_id)
                return
            if event.context is not None and (event.call_id, event.context.patient_id) not in self._viewed:
                self._viewed.add((event.call_id, event.context.patient_id))
                self.patient_viewed.emit(event.call_id, event.context.patient_id)
            self.window.show_screen_pop(event)
        elif self.event_filter is not None and self.event_filter(event):
            return  # issue 8: a supervision call (the supervision presenter handles it)
        else:
            self.controller.handle_event(event)

    def _calls_changed(self, _calls: tuple[CallView, ...]) -> None:
        self.window.show_calls(self.controller.calls(), self.controller.focus())
        ringing = self.controller.ringing()
        if not ringing:
            self.toast.dismiss()

    def _incoming(self, view: CallView) -> None:
        second = any(v.call_id != view.call_id and v.phase is not CallPhase.RINGING for v in self.controller.calls())
        self.toast.show_call(view, second_call=second)
        if self.tray is not None:
            self.tray.ringing(view)
        if self.screen_pop is not None and not second:
            if self._patient_call_id:
                self.screen_pop.call_ended(self._patient_call_id)
            self._patient_call_id = view.call_id
            self.window.show_patient_loading()
            self.screen_pop.start_lookup(view.call_id, view.remote_uri)

    def _call_ended(self, view: CallView) -> None:
        self.toast.dismiss(view.call_id)
        if self.screen_pop is not None:
            self.screen_pop.call_ended(view.call_id)
        if view.connected_at is None and view.call_id == self._patient_call_id:
            # A call that never connected leaves no context on screen.
            self._patient_call_id = None
            self.window.show_patient_idle()

    def _agent_changed(self, change: StateChange) -> None:
        self.window.show_agent(change.state, self.agent.break_reason, self.agent.wrap_up_remaining_s())
        if change.previous is AgentState.WRAP_UP and change.state is not AgentState.ON_CALL:
            self._patient_call_id = None
            self.window.show_patient_idle()
            self._viewed.clear()
            if self.notes is None:  # with a notes controller, it closes and clears the note
                self.window.notes_edit.clear()

    def _registration(self, event: RegistrationChanged) -> None:
        prefix = self._registration_label
        if event.state is RegistrationState.REGISTERED and event.local:
            # A local account (the embedded demo): ready, but no registrar is involved.
            text, ok = QCoreApplication.translate("DesktopPresenter", "Local (no registrar)"), True
        elif event.state is RegistrationState.REGISTERED:
            text, ok = QCoreApplication.translate("DesktopPresenter", "Registered") + (f" ({event.server})" if event.server else ""), True
        elif event.state is RegistrationState.REGISTERING:
            text, ok = QCoreApplication.translate("DesktopPresenter", "Registering…"), False
        elif event.state is RegistrationState.FAILED:
            reason = f"{event.code} {event.reason}".strip() if event.code else event.reason
            text, ok = QCoreApplication.translate("DesktopPresenter", "Not registered: %1").replace("%1", reason or QCoreApplication.translate("DesktopPresenter", "no answer")), False
        else:
            text, ok = QCoreApplication.translate("DesktopPresenter", "Not registered"), False
        self.window.show_registration(f"{prefix}{text}", ok)

    def _notice(self, notice: ControllerNotice) -> None:
        self.window.show_notice(_tr(notice.text))

    def _tick(self) -> None:
        if self.agent.state is AgentState.WRAP_UP:
            self.agent.tick()
            self.window.show_wrap_up_remaining(self.agent.wrap_up_remaining_s())

    # ------------------------------------------------------------------ intents

    def _guard(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except ValueError as error:  # a bad destination, a refused agent transition
            self.window.show_notice(_tr(str(error)))
            return False
        return True

    def _disposition(self, code: str) -> None:
        try:
            self.controller.submit_disposition(code)
        except AgentStateError as error:
            self.window.show_notice(str(error))

    def _availability(self, state: str, reason: str) -> None:
        try:
            target = AgentState(state)
            if target is AgentState.AVAILABLE:
                self.agent.go_available()
            elif target is AgentState.BREAK:
                self.agent.take_break(reason)
            elif target is AgentState.OFFLINE:
                self.agent.go_offline()
        except AgentStateError as error:
            self.window.show_notice(str(error))
            return
        if self.agent.state in (AgentState.ON_CALL, AgentState.WRAP_UP) and target is not self.agent.state:
            self.window.show_notice(QCoreApplication.translate("DesktopPresenter", "Your new state applies after this call's wrap-up."))

    def _patient_chosen(self, patient_id: str) -> None:
        if self.screen_pop is not None and self._patient_call_id:
            self.window.show_patient_loading()
            self.screen_pop.choose_patient(self._patient_call_id, patient_id)

    def _patient_search(self, family: str, given: str, birth_date: date) -> None:
        if self.screen_pop is not None and self._patient_call_id:
            self.window.show_patient_loading()
            self.screen_pop.search_by_name_dob(self._patient_call_id, family, given or None, birth_date)

    def _patient_retry(self) -> None:
        view = self.controller.get(self._patient_call_id) if self._patient_call_id else None
        if self.screen_pop is not None and view is not None:
            self.window.show_patient_loading()
            self.screen_pop.start_lookup(view.call_id, view.remote_uri)
