"""The escalation panel under the call controls: reason picker, progress view, fallback script.

Thin: it shows what it is given (``show_picker``, ``show_escalation``) and emits the agent's
intents. Text from the policy (labels, titles, the fallback script) is IT's and shown as plain
text; nothing here is from the caller.

The clinician's leg is shown here, as part of the escalation (who is tried, who answered, the
time to clinician), never as a second call in the call list. In hand-off mode, once everyone is
joined, a countdown says when the agent leaves by itself, with "Hand off now" and "Stay".

Keyboard: in the picker the pre-selected reason is confirmed with Enter (one key), Esc closes
it; in the progress view S skips the target being tried, Esc cancels the escalation.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from softphone.config.model import EscalationSettings
from softphone.escalation.model import AttemptOutcome, Escalation, Mode, Phase

# Marked for lupdate (QT_TRANSLATE_NOOP returns the text as is); self.tr() translates them when shown.
_OUTCOME_TEXT = {
    AttemptOutcome.ANSWERED: QT_TRANSLATE_NOOP("EscalationPanel", "answered"),
    AttemptOutcome.NO_ANSWER: QT_TRANSLATE_NOOP("EscalationPanel", "no answer"),
    AttemptOutcome.BUSY: QT_TRANSLATE_NOOP("EscalationPanel", "busy"),
    AttemptOutcome.DECLINED: QT_TRANSLATE_NOOP("EscalationPanel", "declined"),
    AttemptOutcome.UNAVAILABLE: QT_TRANSLATE_NOOP("EscalationPanel", "unreachable"),
    AttemptOutcome.FAILED: QT_TRANSLATE_NOOP("EscalationPanel", "could not call"),
    AttemptOutcome.SKIPPED: QT_TRANSLATE_NOOP("EscalationPanel", "skipped"),
    AttemptOutcome.CANCELLED: QT_TRANSLATE_NOOP("EscalationPanel", "cancelled"),
}
_URGENCY_TEXT = {
    "emergency": QT_TRANSLATE_NOOP("EscalationPanel", "EMERGENCY"),
    "urgent": QT_TRANSLATE_NOOP("EscalationPanel", "urgent"),
    "routine": QT_TRANSLATE_NOOP("EscalationPanel", "routine"),
}


class EscalationPanel(QFrame):
    reason_confirmed = Signal(str, str)  # reason code, mode
    picker_closed = Signal()
    skip_requested = Signal()
    cancel_requested = Signal()
    join_requested = Signal()
    hand_off_requested = Signal()
    stay_requested = Signal()
    dismissed = Signal()

    def __init__(self, policy: EscalationSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("escalation_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.policy = policy
        self._escalation: Escalation | None = None
        self.pages = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.pages)
        self._build_picker()
        self._build_progress()
        self._build_fallback()
        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self._tick)
        self.setVisible(False)

    # ------------------------------------------------------------------ pages

    def _build_picker(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        title = QLabel(self.tr("Escalate: why? (Enter confirms)"))
        title.setObjectName("escalation_picker_title")
        self.reason_list = QListWidget()
        self.reason_list.setObjectName("escalation_reasons")
        self.reason_list.setAccessibleName(self.tr("Escalation reason"))
        for reason in self.policy.reasons:
            item = QListWidgetItem(f"{reason.label}  ·  {_URGENCY_TEXT[reason.urgency]}")
            item.setData(Qt.ItemDataRole.UserRole, reason.code)
            self.reason_list.addItem(item)
        self.reason_list.itemActivated.connect(lambda _item: self._confirm())
        self.flag_note = QLabel("")
        self.flag_note.setObjectName("escalation_flag_note")
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("escalation_mode")
        self.mode_combo.setAccessibleName(self.tr("Escalation mode"))
        for mode, text in (
            (Mode.CONFERENCE, self.tr("Conference (clinician joins now)")),
            (Mode.CONSULT, self.tr("Consult first, then join")),
            (Mode.HANDOFF, self.tr("Hand off (you leave after joining)")),
        ):
            self.mode_combo.addItem(text, mode.value)
        self.confirm_button = QPushButton(self.tr("Escalate now"))
        self.confirm_button.setObjectName("escalation_confirm")
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self._confirm)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("escalation_picker_close")
        close.clicked.connect(self._close_picker)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mode_combo, 1)
        buttons.addWidget(close)
        buttons.addWidget(self.confirm_button)
        layout.addWidget(title)
        layout.addWidget(self.flag_note)
        layout.addWidget(self.reason_list)
        layout.addLayout(buttons)
        self.picker_page = page
        self.pages.addWidget(page)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._confirm)

    def _build_progress(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.progress_title = QLabel("")
        self.progress_title.setObjectName("escalation_progress_title")
        self.progress_status = QLabel("")
        self.progress_status.setObjectName("escalation_status")
        self.progress_status.setWordWrap(True)
        self.attempt_list = QListWidget()
        self.attempt_list.setObjectName("escalation_attempts")
        self.attempt_list.setAccessibleName(self.tr("Who is being tried"))
        self.skip_button = QPushButton(self.tr("Skip (S)"))
        self.skip_button.setObjectName("escalation_skip")
        self.skip_button.clicked.connect(self.skip_requested)
        self.join_button = QPushButton(self.tr("Join patient"))
        self.join_button.setObjectName("escalation_join")
        self.join_button.clicked.connect(self.join_requested)
        self.hand_off_button = QPushButton(self.tr("Hand off and leave"))
        self.hand_off_button.setObjectName("escalation_hand_off")
        self.hand_off_button.clicked.connect(self.hand_off_requested)
        self.stay_button = QPushButton(self.tr("Stay"))
        self.stay_button.setObjectName("escalation_stay")
        self.stay_button.setToolTip(self.tr("Stay in the call: no automatic hand-off"))
        self.stay_button.clicked.connect(self.stay_requested)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("escalation_cancel")
        self.cancel_button.clicked.connect(self.cancel_requested)
        buttons = QHBoxLayout()
        for button in (self.skip_button, self.join_button, self.hand_off_button, self.stay_button, self.cancel_button):
            buttons.addWidget(button)
        layout.addWidget(self.progress_title)
        layout.addWidget(self.progress_status)
        layout.addWidget(self.attempt_list)
        layout.addLayout(buttons)
        self.progress_page = page
        self.pages.addWidget(page)
        skip = QShortcut(QKeySequence(Qt.Key.Key_S), page)
        skip.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        skip.activated.connect(lambda: self.skip_button.isEnabled() and self.skip_requested.emit())

    def _build_fallback(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.fallback_title = QLabel(self.tr("Nobody answered — follow this script"))
        self.fallback_title.setObjectName("escalation_fallback_title")
        self.fallback_script = QLabel("")
        self.fallback_script.setObjectName("escalation_fallback_script")
        self.fallback_script.setTextFormat(Qt.TextFormat.PlainText)
        self.fallback_script.setWordWrap(True)
        self.fallback_alert = QLabel(self.tr("Your supervisor has been alerted."))
        self.fallback_alert.setObjectName("escalation_supervisor_alerted")
        self.fallback_attempts = QLabel("")
        self.fallback_attempts.setWordWrap(True)
        dismiss = QPushButton(self.tr("Done"))
        dismiss.setObjectName("escalation_dismiss")
        dismiss.clicked.connect(self._dismiss)
        layout.addWidget(self.fallback_title)
        layout.addWidget(self.fallback_script, 1)
        layout.addWidget(self.fallback_alert)
        layout.addWidget(self.fallback_attempts)
        layout.addWidget(dismiss)
        self.fallback_page = page
        self.pages.addWidget(page)

    # ------------------------------------------------------------------ showing

    def show_picker(self, preselected: str | None, flagged_phrase: str | None = None, mode: str | None = None) -> None:
        row = 0
        for index in range(self.reason_list.count()):
            if self.reason_list.item(index).data(Qt.ItemDataRole.UserRole) == preselected:
                row = index
        self.reason_list.setCurrentRow(row)
        self.flag_note.setText(
            self.tr("Red flag in the notes: %1").replace("%1", flagged_phrase) if preselected and flagged_phrase else ""
        )
        self.flag_note.setVisible(bool(self.flag_note.text()))
        wanted = mode or self.policy.mode
        self.mode_combo.setCurrentIndex(max(0, self.mode_combo.findData(wanted)))
        self.pages.setCurrentWidget(self.picker_page)
        self.setVisible(True)
        self.reason_list.setFocus()

    @property
    def selected_reason(self) -> str | None:
        item = self.reason_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def show_escalation(self, escalation: Escalation) -> None:
        self._escalation = escalation
        if escalation.phase is Phase.FAILED:
            self._ticker.stop()
            self.fallback_script.setText(escalation.plan.fallback_script)
            self.fallback_alert.setVisible(escalation.supervisor_alerted)
            tried = ", ".join(f"{a.target.title}: {self.tr(_OUTCOME_TEXT.get(a.outcome, a.outcome.value))}" for a in escalation.attempts)
            self.fallback_attempts.setText(self.tr("Tried: %1").replace("%1", tried or self.tr("nobody could be called")))
            self.pages.setCurrentWidget(self.fallback_page)
            self.setVisible(True)
            return
        if escalation.phase.terminal:
            self._ticker.stop()
            self.setVisible(False)
            return
        plan = escalation.plan
        self.progress_title.setText(f"{plan.reason_label} · {self.tr(_URGENCY_TEXT[plan.urgency.value])} · {plan.mode.value}")
        self.attempt_list.clear()
        for index, target in enumerate(plan.targets):
            attempt = escalation.attempts[index] if index < len(escalation.attempts) else None
            if attempt is None:
                status = self.tr("not needed") if escalation.phase.connected else self.tr("next")
            elif attempt.outcome is AttemptOutcome.PENDING:
                status = self.tr("ringing") if attempt.ringing_at else self.tr("calling")
            else:
                status = self.tr(_OUTCOME_TEXT.get(attempt.outcome, attempt.outcome.value))
            item = QListWidgetItem(f"{index + 1}. {target.title} — {status}")
            self.attempt_list.addItem(item)
        hunting = escalation.phase is Phase.HUNTING
        self.skip_button.setEnabled(hunting and len(escalation.remaining_targets) >= 0 and escalation.current is not None)
        self.join_button.setVisible(escalation.phase is Phase.CONSULTING)
        self.hand_off_button.setVisible(
            escalation.phase in (Phase.CONSULTING, Phase.CONFERENCED) and plan.mode is Mode.HANDOFF
        )
        counting_down = escalation.handoff_due_monotonic is not None and escalation.phase is Phase.CONFERENCED
        self.hand_off_button.setText(self.tr("Hand off now") if counting_down else self.tr("Hand off and leave"))
        self.stay_button.setVisible(counting_down)
        self.cancel_button.setText(self.tr("Cancel") if hunting else self.tr("Drop clinician"))
        self.cancel_button.setVisible(escalation.phase is not Phase.HANDING_OFF)
        self._tick()
        if hunting or counting_down:
            self._ticker.start()
        else:
            self._ticker.stop()
        self.pages.setCurrentWidget(self.progress_page)
        self.setVisible(True)

    def _tick(self) -> None:
        escalation = self._escalation
        if escalation is None:
            return
        if escalation.phase is Phase.HUNTING:
            current = escalation.current
            elapsed = time.monotonic() - escalation.pressed_monotonic
            who = current.target.title if current else ""
            self.progress_status.setText(self.tr("Trying %1 · %2 s").replace("%1", who).replace("%2", f"{elapsed:.0f}"))
        elif escalation.handoff_due_monotonic is not None and escalation.phase is Phase.CONFERENCED:
            left = max(0.0, escalation.handoff_due_monotonic - time.monotonic())
            self.progress_status.setText(
                self.tr("Clinician joined after %1 s · you leave in %2 s: introduce the patient")
                .replace("%1", f"{escalation.time_to_clinician_s or 0:.1f}").replace("%2", str(math.ceil(left)))
            )
        elif escalation.time_to_clinician_s is not None:
            state = {
                Phase.CONSULTING: self.tr("Consulting — the patient is waiting"),
                Phase.CONFERENCED: self.tr("Clinician, patient and you are connected"),
                Phase.HANDING_OFF: self.tr("Handing off…"),
            }.get(escalation.phase, "")
            self.progress_status.setText(
                self.tr("%1 · time to clinician %2 s").replace("%1", state).replace("%2", f"{escalation.time_to_clinician_s:.1f}")
            )

    # ------------------------------------------------------------------ intents

    def _confirm(self) -> None:
        if self.pages.currentWidget() is not self.picker_page or not self.isVisible():
            return
        reason = self.selected_reason
        if reason:
            self.reason_confirmed.emit(reason, str(self.mode_combo.currentData()))

    def _close_picker(self) -> None:
        self.setVisible(False)
        self.picker_closed.emit()

    def _dismiss(self) -> None:
        self.setVisible(False)
        self.dismissed.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape:
            if self.pages.currentWidget() is self.picker_page:
                self._close_picker()
                return
            if self.pages.currentWidget() is self.progress_page:
                self.cancel_requested.emit()
                return
        super().keyPressEvent(event)
