"""Connects the Escalate button, the notes and the screen-pop to the escalation service and its panel.

GUI thread only. It is the one place that feeds engine events to the routing scene owner and
the escalation service (from the EventBridge, in order); timers are single-shot QTimers; the
service's Futures come back through the bridge as ``GuiTask``s.

The press: the red flags in the notes pre-select a reason (``detect_red_flags``); for a reason
in the policy's ``instant_reasons`` the escalation starts at once, otherwise the picker opens
with it selected and Enter confirms. Time-to-clinician counts from the press.

The clinician's leg is the escalation's, not a call of the agent's: ``install_call_filter`` keeps
its events from the desktop's call controller, so the patient's call stays the current call and
the leg is shown only in the panel's progress view. Every end of an escalation is said to the
agent (a notice, or the fallback script): nothing ends silently.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QMetaMethod, QObject, QTimer, Signal

from softphone.agent.call_scene import CallSceneOwner
from softphone.agent.calls import CallController, CallPhase
from softphone.config.model import EscalationSettings
from softphone.escalation import (
    Escalation,
    EscalationError,
    EscalationService,
    Phase,
    SupervisorAlert,
    is_instant,
    preselected_reason,
)
from softphone.patients.model import PatientContext
from softphone.patients.screen_pop import ScreenPop
from softphone.ui.escalation_panel import EscalationPanel

log = logging.getLogger(__name__)


def _red_flags(text: str) -> list[tuple[str, str]]:
    """(reason code, catalogue phrase) in text order, with the built-in catalogue: used only
    until the notes controller (which holds the catalogue IT provisioned) is attached."""
    try:
        from softphone.notes import detect_red_flags
    except ImportError:  # pragma: no cover - the notes package ships with the app
        return []
    return [(flag.reason_code, flag.phrase) for flag in detect_red_flags(text)]


class QtTimers(QObject):
    """``schedule``/``cancel`` for the service, on the GUI thread."""

    def schedule(self, delay_s: float, action: Callable[[], None]) -> object:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(action)
        timer.timeout.connect(timer.deleteLater)
        timer.start(max(0, round(delay_s * 1000)))
        return timer

    @staticmethod
    def cancel(handle: object) -> None:
        if isinstance(handle, QTimer):
            handle.stop()
            handle.deleteLater()


class EscalationPresenter(QObject):
    supervisor_alerted = Signal(object)  # SupervisorAlert: for the supervision feature
    escalation_changed = Signal(object)  # Escalation

    def __init__(
        self,
        window,
        controller: CallController,
        scene: CallSceneOwner,
        service: EscalationService,
        policy: EscalationSettings,
        *,
        escalate_requested=None,
        notes_text: Callable[[], str] | None = None,
        bridge=None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.scene = scene
        self.service = service
        self.policy = policy
        self._notes_text = notes_text or (lambda: window.notes_edit.toPlainText())
        # (reason code, phrase) pairs of the note; replaced by the notes controller's detection
        # (provisioned catalogue) in the app: see use_red_flags.
        self._red_flags_source: Callable[[], list[tuple[str, str]]] = lambda: _red_flags(self._notes_text())
        self._contexts: dict[str, PatientContext] = {}
        self._pressed_at: float | None = None
        self._pressed_call: str | None = None
        self.panel = EscalationPanel(policy, window)
        self._place_panel()
        (escalate_requested or window.escalate_requested).connect(self.escalate_pressed)
        self.panel.reason_confirmed.connect(self._confirmed)
        self.panel.picker_closed.connect(self._picker_closed)
        self.panel.skip_requested.connect(service.skip)
        self.panel.cancel_requested.connect(service.cancel)
        self.panel.join_requested.connect(service.join)
        self.panel.hand_off_requested.connect(service.hand_off)
        self.panel.stay_requested.connect(service.stay)
        self.panel.dismissed.connect(lambda: window.set_escalating(False))
        service.on_update(self._updated)
        service.on_alert(self._alerted)
        service.on_notice(window.show_notice)
        if bridge is not None:
            bridge.subscribe(self.handle_event)

    def install_call_filter(self, desktop) -> None:
        """Keep the clinician legs out of ``desktop``'s call controller (``DesktopPresenter``).
        Chains after a filter another feature set (supervision); call it after that feature's
        wiring. Events held back while a leg was being placed that turn out not to be ours go on
        to the controller."""
        previous = desktop.event_filter
        service = self.service

        def claims(event: object) -> bool:
            return (previous is not None and previous(event)) or service.claims(event)

        def released(event: object) -> None:
            if desktop.event_filter is not None and desktop.event_filter(event):
                return  # another feature's call after all
            desktop.controller.handle_event(event)

        desktop.event_filter = claims
        service.on_released(released)

    def _place_panel(self) -> None:
        button = self.window.escalate_button
        layout = button.parentWidget().layout() if button.parentWidget() is not None else None
        if layout is not None:
            layout.insertWidget(layout.indexOf(button), self.panel)

    # ------------------------------------------------------------------ events (GUI thread)

    def handle_event(self, event: object) -> None:
        if isinstance(event, ScreenPop):
            if event.context is not None:
                self._contexts[event.call_id] = event.context
            return
        self.scene.handle_event(event)
        self.service.handle_event(event)

    # ------------------------------------------------------------------ the press

    def escalate_pressed(self) -> None:
        self._pressed_at = time.monotonic()
        if self.service.active:
            self.panel.setVisible(True)  # the progress view is the answer to a second press
            return
        call = self._patient_call()
        if call is None:
            self.window.show_notice(self.tr("There is no call to escalate."))
            self.window.set_escalating(False)
            return
        self._pressed_call = call
        flags = self._red_flags_source()
        reason = preselected_reason(self.policy, [code for code, _ in flags])
        if is_instant(self.policy, reason):
            self._start(call, reason, None)
            return
        phrase = next((phrase for code, phrase in flags if code == reason), None)
        self.panel.show_picker(reason, phrase)

    def use_red_flags(self, source: Callable[[], list[tuple[str, str]]]) -> None:
        """Where the press reads the note's red flags from (the notes controller in the app)."""
        self._red_flags_source = source

    def _patient_call(self) -> str | None:
        focus = self.controller.focus()
        if focus is None or focus.phase not in (CallPhase.TALKING, CallPhase.HELD, CallPhase.REMOTE_HELD):
            return None
        return focus.call_id

    def _confirmed(self, reason: str, mode: str) -> None:
        call = self._pressed_call or self._patient_call()
        if call is None:
            self.window.show_notice(self.tr("The call ended before the escalation started."))
            self.panel.setVisible(False)
            self.window.set_escalating(False)
            return
        self._start(call, reason, mode)

    def _start(self, call_id: str, reason: str, mode: str | None) -> None:
        try:
            self.service.start(
                call_id, reason, patient=self._contexts.get(call_id), mode=mode or None,
                pressed_monotonic=self._pressed_at,
            )
        except (EscalationError, ValueError) as error:
            self.window.show_notice(str(error))
            self.panel.setVisible(False)
            self.window.set_escalating(False)

    def _picker_closed(self) -> None:
        self._pressed_call = None
        self.window.set_escalating(False)

    # ------------------------------------------------------------------ service -> screen

    def _updated(self, escalation: Escalation) -> None:
        self.panel.show_escalation(escalation)
        failed = escalation.phase is Phase.FAILED
        self.window.set_escalating(not escalation.phase.terminal or failed)
        if escalation.phase.terminal:
            text = self._end_text(escalation)
            if text:
                self.window.show_notice(text)
        self.escalation_changed.emit(escalation)

    def _end_text(self, escalation: Escalation) -> str:
        """What the agent is told when an escalation ends (the fallback page says FAILED)."""
        phase, notes = escalation.phase, escalation.notes
        if phase is Phase.FAILED:
            return self.tr("Nobody answered the escalation: follow the script.")
        if phase is Phase.CANCELLED:
            return self.tr("Escalation cancelled.")
        if phase is Phase.PATIENT_LEFT:
            return self.tr("The patient hung up before a clinician answered: the escalation was stopped.")
        if phase is Phase.HANDED_OFF:
            text = self.tr("Handed off: the patient is with the clinician.")
        elif "transfer_unconfirmed" in notes:
            text = self.tr("The hand-off was not confirmed: the clinician's line ended, the patient is still with you.")
        elif "patient_hung_up" in notes:
            text = self.tr("The patient's call ended: the clinician's line was ended too.")
        elif "clinician_hung_up" in notes:
            text = self.tr("The clinician left the call; the patient is still with you.")
        elif "agent_ended" in notes:
            text = self.tr("You dropped the clinician; the patient is still with you.")
        else:
            text = self.tr("Escalation ended.")
        if escalation.time_to_clinician_s is not None:
            text += " " + self.tr("Time to clinician %1 s.").replace("%1", f"{escalation.time_to_clinician_s:.1f}")
        return text

    def _alerted(self, alert: SupervisorAlert) -> None:
        log.warning("escalation %s: supervisor alert raised", alert.escalation_id)
        # With no supervision feature wired to carry the alert, the agent must not believe it went.
        carried = self.isSignalConnected(QMetaMethod.fromSignal(self.supervisor_alerted))
        self.panel.fallback_alert.setText(
            self.tr("Your supervisor has been alerted.") if carried
            else self.tr("Your supervisor could NOT be alerted automatically: call them now.")
        )
        self.supervisor_alerted.emit(alert)
