"""The agent's main window: call area, side panel (patient context, notes, recent calls), Escalate.

Thin by design: it shows state it is given (``show_calls``, ``show_agent``, ``show_registration``,
``show_screen_pop``...) and turns clicks and keys into signals; it never calls pjsip, the network
or the disk itself. ``ui.desktop.DesktopPresenter`` connects it to the call controller.

Keyboard: F5 answer, F6 hold/resume, F7 mute, F8 hang up / decline, F9 Escalate, Ctrl+K keypad,
Ctrl+T transfer, Ctrl+L dial box, Ctrl+, settings. Shortcuts are application-wide, so they also
work from the incoming-call toast.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from softphone import APP_NAME
# call_view, not calls: the window is shown before the SIP layer is loaded (issue 5, start-up time).
from softphone.agent.call_view import CallPhase, QualityLevel
from softphone.agent.state import AgentState
from softphone.ui.plain_text import display_text
from softphone.ui.widgets import action_button, format_duration, plain_label

if TYPE_CHECKING:  # annotations only: not needed to show the window (issue 5; screen_pop loads phone numbers)
    from softphone.agent.call_view import CallView
    from softphone.agent.history import HistoryEntry
    from softphone.headset.monitor import HeadsetButtonsStatus
    from softphone.patients.screen_pop import ScreenPop
    from softphone.ui.notes_panel import NotesPanel
    from softphone.ui.patient_panel import PatientPanel

SHORTCUTS = {
    "answer": "F5",
    "hold": "F6",
    "mute": "F7",
    "hangup": "F8",
    "escalate": "F9",
    "keypad": "Ctrl+K",
    "transfer": "Ctrl+T",
    "dial": "Ctrl+L",
    "settings": "Ctrl+,",
}


class MainWindow(QMainWindow):
    answer_requested = Signal(str)  # call id ("" = the ringing one)
    decline_requested = Signal(str)
    hangup_requested = Signal()
    hold_toggled = Signal()
    mute_toggled = Signal()
    dtmf_requested = Signal(str)
    transfer_requested = Signal(str)
    dial_requested = Signal(str)
    redial_requested = Signal(str)  # history call id
    escalate_requested = Signal()
    disposition_chosen = Signal(str)
    availability_requested = Signal(str, str)  # AgentState value, break reason
    settings_requested = Signal()

    def __init__(
        self,
        *,
        demo: bool,
        notices: list[str] | None = None,
        dispositions: Sequence[str] = (),
        break_reasons: Sequence[str] = (),
        starting: bool = False,
    ):
        """``starting``: the app shows the window before its services are up (issue 5, start-up
        time): controls stay disabled and the status bar says what is still loading
        (``show_starting``) until ``configure`` and ``finish_starting``."""
        super().__init__()
        self.setObjectName("main_window")
        self._starting = starting
        self._set_title(demo)
        self.resize(1100, 700)
        self._focus: CallView | None = None
        self._calls: tuple[CallView, ...] = ()
        self._agent_state = AgentState.AVAILABLE
        self._wrap_up_remaining: float | None = None
        self._escalating = False
        self._supervision: str | None = None

        # ---------------------------------------------------------------- call area
        self.supervision_badge = plain_label("", "supervision_badge", self.tr("Supervision"), wrap=False)
        self.supervision_badge.setVisible(False)
        self.caller_label = plain_label(self.tr("No call"), "caller_identity", self.tr("Caller"))
        self.caller_label.setProperty("role", "caller")
        self.identity_note = plain_label("", "identity_source", self.tr("Caller identity source"))
        self.call_state_label = plain_label(self.tr("Waiting for calls"), "call_state", self.tr("Call state"))
        self.timer_label = plain_label("", "call_timer", self.tr("Call duration"), wrap=False)
        self.timer_label.setProperty("role", "timer")
        self.quality_label = plain_label("", "call_quality", self.tr("Call quality"), wrap=False)

        header = QHBoxLayout()
        header.addWidget(self.call_state_label, 1)
        header.addWidget(self.supervision_badge)
        header.addWidget(self.quality_label)
        header.addWidget(self.timer_label)

        self.answer_button = action_button(self.tr("Answer"), "answer_button", self.tr("Answer call"), SHORTCUTS["answer"])
        self.decline_button = action_button(self.tr("Decline"), "decline_button", self.tr("Decline call"), SHORTCUTS["hangup"])
        self.hold_button = action_button(self.tr("Hold"), "hold_button", self.tr("Hold or resume call"), SHORTCUTS["hold"])
        self.mute_button = action_button(self.tr("Mute"), "mute_button", self.tr("Mute microphone"), SHORTCUTS["mute"])
        self.keypad_button = action_button(self.tr("Keypad"), "keypad_button", self.tr("Dial pad tones"), SHORTCUTS["keypad"])
        self.transfer_button = action_button(self.tr("Transfer"), "transfer_button", self.tr("Blind transfer"), SHORTCUTS["transfer"])
        self.hangup_button = action_button(self.tr("Hang up"), "hangup_button", self.tr("Hang up call"), SHORTCUTS["hangup"])
        self.hold_button.setCheckable(True)
        self.mute_button.setCheckable(True)
        controls = QGridLayout()
        for index, button in enumerate(
            (self.answer_button, self.decline_button, self.hold_button, self.mute_button,
             self.keypad_button, self.transfer_button, self.hangup_button)
        ):
            controls.addWidget(button, index // 4, index % 4)
        self.answer_button.clicked.connect(lambda: self.answer_requested.emit(self._ringing_id()))
        self.decline_button.clicked.connect(lambda: self.decline_requested.emit(self._ringing_id()))
        self.hold_button.clicked.connect(self._hold_clicked)
        self.mute_button.clicked.connect(self._mute_clicked)
        self.keypad_button.clicked.connect(self.open_keypad)
        self.transfer_button.clicked.connect(self.ask_transfer)
        self.hangup_button.clicked.connect(self.hangup_requested)

        self.calls_list = QListWidget()
        self.calls_list.setObjectName("calls_list")
        self.calls_list.setAccessibleName(self.tr("Calls"))
        self.calls_list.setMaximumHeight(96)
        self.calls_list.setVisible(False)
        self.calls_list.itemActivated.connect(self._call_item_activated)

        # wrap-up: disposition is required
        self.wrap_up_frame = QFrame()
        self.wrap_up_frame.setObjectName("wrap_up_frame")
        self.wrap_up_frame.setFrameShape(QFrame.Shape.StyledPanel)
        wrap_layout = QHBoxLayout(self.wrap_up_frame)
        self.wrap_up_label = plain_label("", "wrap_up_countdown", self.tr("Wrap-up time left"))
        self.disposition_combo = QComboBox()
        self.disposition_combo.setObjectName("disposition_combo")
        self.disposition_combo.setAccessibleName(self.tr("Disposition code"))
        self._set_dispositions(dispositions)
        self.disposition_button = QPushButton(self.tr("Finish wrap-up"))
        self.disposition_button.setObjectName("disposition_button")
        self.disposition_button.setAccessibleName(self.tr("Finish wrap-up with this disposition"))
        self.disposition_button.setEnabled(False)
        self.disposition_combo.currentIndexChanged.connect(
            lambda _: self.disposition_button.setEnabled(self.disposition_combo.currentData() is not None)
        )
        self.disposition_button.clicked.connect(self._disposition_clicked)
        wrap_layout.addWidget(self.wrap_up_label, 1)
        wrap_layout.addWidget(self.disposition_combo, 1)
        wrap_layout.addWidget(self.disposition_button)
        self.wrap_up_frame.setVisible(False)

        # dial box
        self.dial_edit = QLineEdit()
        self.dial_edit.setObjectName("dial_edit")
        self.dial_edit.setAccessibleName(self.tr("Number or SIP address to call"))
        self.dial_edit.setPlaceholderText(self.tr("Number or sip: address (Ctrl+L)"))
        self.dial_edit.setMaxLength(256)
        self.dial_button = QPushButton(self.tr("Call"))
        self.dial_button.setObjectName("dial_button")
        self.dial_button.setAccessibleName(self.tr("Place call"))
        self.dial_edit.returnPressed.connect(self._dial)
        self.dial_button.clicked.connect(self._dial)
        dial_row = QHBoxLayout()
        dial_row.addWidget(self.dial_edit, 1)
        dial_row.addWidget(self.dial_button)

        self.escalate_button = QPushButton(self.tr("Escalate"))
        self.escalate_button.setObjectName("escalate_button")
        self.escalate_button.setAccessibleName(self.tr("Escalate to on-call clinician"))
        self.escalate_button.setAccessibleDescription(SHORTCUTS["escalate"])
        self.escalate_button.setToolTip(self.tr("Bring the on-call clinician into this call (F9)"))
        self.escalate_button.setMinimumHeight(72)
        self.escalate_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.escalate_button.setProperty("escalating", False)
        # Enabled only while a call is up: there is nobody to conference in otherwise.
        self.escalate_button.setEnabled(False)
        self.escalate_button.clicked.connect(self._escalate_clicked)

        call_area = QVBoxLayout()
        call_area.addLayout(header)
        call_area.addWidget(self.caller_label)
        call_area.addWidget(self.identity_note)
        call_area.addWidget(self.calls_list)
        call_area.addLayout(controls)
        call_area.addWidget(self.wrap_up_frame)
        call_area.addStretch(1)
        call_area.addLayout(dial_row)
        # Red flags in the notes (issue 6): the reason shown with the Escalate button.
        self.escalate_reason_label = plain_label("", "escalate_reason", self.tr("Red flag in the notes"))
        self.escalate_reason_label.setStyleSheet("font-weight: bold; color: #b00000;")
        self.escalate_reason_label.setVisible(False)
        self.red_flag_reason: str | None = None
        call_area.addWidget(self.escalate_reason_label)
        call_area.addWidget(self.escalate_button)
        call_widget = QWidget()
        call_widget.setObjectName("call_area")
        call_widget.setLayout(call_area)

        # ---------------------------------------------------------------- side panel
        # Page 0: patient, notes, recent calls (build_side_panel); ui.lock_controller adds the lock
        # screen as page 1. A starting window shows "Loading…" there for its first frame: the panels
        # are a third of the window's build time and start-up builds them right after (issue 5).
        self.side_stack = QStackedWidget()
        self.side_stack.setObjectName("side_stack")
        self._side_placeholder: QWidget | None = None
        if starting:
            self._side_placeholder = plain_label(self.tr("Loading…"), "side_panel_loading", self.tr("Side panel"))
            self.side_stack.addWidget(self._side_placeholder)

        zones = QSplitter(Qt.Orientation.Horizontal)
        zones.addWidget(call_widget)
        zones.addWidget(self.side_stack)
        zones.setStretchFactor(0, 3)
        zones.setStretchFactor(1, 2)
        self.setCentralWidget(zones)

        # ---------------------------------------------------------------- toolbar: availability
        toolbar = self.addToolBar(self.tr("Agent"))
        toolbar.setObjectName("agent_toolbar")
        toolbar.setMovable(False)
        self.available_button = QToolButton()
        self.available_button.setObjectName("available_button")
        self.available_button.setText(self.tr("Available"))
        self.available_button.setAccessibleName(self.tr("Become available"))
        self.available_button.clicked.connect(lambda: self.availability_requested.emit(AgentState.AVAILABLE.value, ""))
        self.break_button = QToolButton()
        self.break_button.setObjectName("break_button")
        self.break_button.setText(self.tr("Break"))
        self.break_button.setAccessibleName(self.tr("Take a break"))
        self.break_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.break_button.setMenu(QMenu(self.break_button))
        self._set_break_reasons(break_reasons)
        self.offline_button = QToolButton()
        self.offline_button.setObjectName("offline_button")
        self.offline_button.setText(self.tr("Offline"))
        self.offline_button.setAccessibleName(self.tr("Go offline"))
        self.offline_button.clicked.connect(lambda: self.availability_requested.emit(AgentState.OFFLINE.value, ""))
        self.settings_button = QToolButton()
        self.settings_button.setObjectName("settings_button")
        self.settings_button.setText(self.tr("Settings"))
        self.settings_button.setAccessibleName(self.tr("Settings"))
        self.settings_button.clicked.connect(self.settings_requested)
        for button in (self.available_button, self.break_button, self.offline_button):
            toolbar.addWidget(button)
        toolbar.addSeparator()
        toolbar.addWidget(self.settings_button)
        self._agent_toolbar = toolbar
        toolbar.setEnabled(not starting)

        # ---------------------------------------------------------------- status bar
        self.registration_label = plain_label(
            self.tr("Starting: reading the settings…") if starting else self._idle_registration_text(demo),
            "registration_state", self.tr("Registration"), wrap=False,
        )
        self.agent_state_label = plain_label(self.tr("Available"), "agent_state", self.tr("Agent state"), wrap=False)
        self.headset_label = plain_label(self.tr("Headset: system default"), "headset_state", self.tr("Headset"), wrap=False)
        # The headset's call buttons (softphone.headset), hidden while the feature is off.
        self.headset_buttons_label = plain_label("", "headset_buttons_state", self.tr("Headset buttons"), wrap=False)
        self.headset_buttons_label.setVisible(False)
        self.network_label = plain_label("", "network_state", self.tr("Network and encryption"), wrap=False)
        self.notice_label = plain_label(display_text(" · ".join(notices or []), 200), "notices", self.tr("Notices"))
        self.statusBar().addWidget(self.registration_label, 1)
        self.statusBar().addWidget(self.notice_label, 2)
        self.statusBar().addPermanentWidget(self.network_label)
        self.statusBar().addPermanentWidget(self.headset_label)
        self.statusBar().addPermanentWidget(self.headset_buttons_label)
        self.statusBar().addPermanentWidget(self.agent_state_label)

        self._shortcuts: dict[str, QShortcut] = {}
        for name, handler in (
            ("answer", lambda: self.answer_button.isEnabled() and self.answer_button.click()),
            ("hold", lambda: self.hold_button.isEnabled() and self.hold_button.click()),
            ("mute", lambda: self.mute_button.isEnabled() and self.mute_button.click()),
            ("hangup", self._hangup_key),
            ("escalate", lambda: self.escalate_button.isEnabled() and self.escalate_button.click()),
            ("keypad", lambda: self.keypad_button.isEnabled() and self.keypad_button.click()),
            ("transfer", lambda: self.transfer_button.isEnabled() and self.transfer_button.click()),
            ("dial", self._focus_dial),
            ("settings", self.settings_requested.emit),
        ):
            shortcut = QShortcut(QKeySequence(SHORTCUTS[name]), self)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(handler)
            self._shortcuts[name] = shortcut

        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        if not starting:
            self.build_side_panel()
        self._update_controls()

    # ================================================================ start-up (issue 5)

    def build_side_panel(self) -> None:
        """The side panel's content: patient, recent calls, call notes. Built with the window unless
        it is starting; then ``softphone.startup`` calls this just after the first frame (and again,
        doing nothing, before wiring the services, which use these widgets)."""
        if self._side_placeholder is None and self.side_stack.count():
            return
        self.build_patient_panel()
        self.build_notes_panel()

        self.history_list = QListWidget()
        self.history_list.setObjectName("history_list")
        self.history_list.setAccessibleName(self.tr("Recent calls (Enter to call back)"))
        self.history_list.itemActivated.connect(
            lambda item: self.redial_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("side_tabs")
        self.side_tabs.setAccessibleName(self.tr("Patient and recent calls"))
        self.side_tabs.addTab(self.patient_view, self.tr("Patient"))
        self.side_tabs.addTab(self.history_list, self.tr("Recent calls"))
        side = QSplitter(Qt.Orientation.Vertical)
        side.setObjectName("side_panel")
        side.addWidget(self.side_tabs)
        side.addWidget(self.notes_panel)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 2)
        placeholder, self._side_placeholder = self._side_placeholder, None
        self.side_stack.insertWidget(0, side)
        if placeholder is not None:
            # Tab order: the same as when built with the window (the side panel after the toolbar,
            # the status bar has nothing to focus); tests/ui/test_ui_startup_window.py checks it.
            self.side_stack.setCurrentIndex(0)
            self.side_stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self._update_controls()

    def build_patient_panel(self) -> None:
        """The first part of ``build_side_panel``: softphone.startup runs the parts as separate GUI
        steps (together ~20 ms of CPU, longer than a start-up step may take). Once only."""
        if getattr(self, "patient_view", None) is not None:
            return
        from softphone.ui.patient_panel import PatientPanel

        self.patient_view = PatientPanel()
        self.patient_panel = self.patient_view

    def build_notes_panel(self) -> None:
        """The second part of ``build_side_panel``: the call note (issue 6), which
        ui.notes_controller.NotesController autosaves. Once only."""
        if getattr(self, "notes_panel", None) is not None:
            return
        from softphone.ui.notes_panel import NotesPanel

        self.notes_panel = NotesPanel()
        self.notes_edit = self.notes_panel.free_text  # the free text, as the foundation named it
        self.notes_panel.set_call_active(False)

    @property
    def starting(self) -> bool:
        """True from a ``starting=True`` construction until ``finish_starting``."""
        return self._starting

    def show_starting(self, step: str) -> None:
        """The status bar says what is still loading: "settings", "storage" or "telephony"."""
        texts = {
            "settings": self.tr("Starting: reading the settings…"),
            "storage": self.tr("Starting: opening secure storage…"),
            "telephony": self.tr("Starting: connecting the phone…"),
        }
        self.registration_label.setText(texts[step])

    def configure(self, *, demo: bool, dispositions: Sequence[str], break_reasons: Sequence[str]) -> None:
        """What the validated settings decide, for a window built before they were read."""
        self._set_title(demo)
        self._set_dispositions(dispositions)
        self._set_break_reasons(break_reasons)
        if not self._starting:
            self.registration_label.setText(self._idle_registration_text(demo))

    def finish_starting(self) -> None:
        """The services are wired: the controls follow the calls and the agent's state from now on.
        The registration text stays until telephony reports (connected, registered or failed)."""
        self.build_side_panel()  # normally done since the first frame: then this does nothing
        self._starting = False
        self._agent_toolbar.setEnabled(True)
        self._update_controls()

    def _set_title(self, demo: bool) -> None:
        self.setWindowTitle(f"{APP_NAME} — demo" if demo else APP_NAME)
        self.setAccessibleName(self.windowTitle())

    def _idle_registration_text(self, demo: bool) -> str:
        return self.tr("Demo switchboard (no PBX configured)") if demo else self.tr("Not registered")

    def _set_dispositions(self, dispositions: Sequence[str]) -> None:
        self.disposition_combo.clear()
        self.disposition_combo.addItem(self.tr("Choose a disposition…"), None)
        for code in dispositions:
            self.disposition_combo.addItem(code, code)

    def _set_break_reasons(self, break_reasons: Sequence[str]) -> None:
        menu = self.break_button.menu()
        menu.clear()
        for reason in break_reasons:
            action = menu.addAction(reason)
            action.triggered.connect(
                lambda _checked=False, r=reason: self.availability_requested.emit(AgentState.BREAK.value, r)
            )

    # ================================================================ rendering (called by the presenter)

    def show_calls(self, calls: Sequence[CallView], focus: CallView | None) -> None:
        self._calls = tuple(calls)
        self._focus = focus
        if focus is None:
            self.caller_label.setText(self.tr("No call"))
            self.identity_note.setText("")
            self.call_state_label.setText(self._idle_text())
            self.quality_label.setText("")
            self.quality_label.setProperty("quality", "")
        else:
            self.caller_label.setText(display_text(focus.party, 80))
            uri = display_text(focus.remote_uri, 80)
            source = self.tr("number verified by the network") if focus.asserted else self.tr("caller-provided name")
            self.identity_note.setText(f"{uri} · {source}" if focus.display_name else uri)
            self.call_state_label.setText(self._phase_text(focus))
            self._show_quality(focus)
        self.calls_list.clear()
        for view in self._calls:
            item = QListWidgetItem(f"{display_text(view.party, 40)} — {self._phase_text(view)}")
            item.setData(Qt.ItemDataRole.UserRole, view.call_id)
            self.calls_list.addItem(item)
        self.calls_list.setVisible(len(self._calls) > 1)
        if not any(view.phase in (CallPhase.TALKING, CallPhase.HELD, CallPhase.REMOTE_HELD) for view in self._calls):
            self.set_escalating(False)
        self._tick()
        self._update_controls()

    def show_agent(self, state: AgentState, break_reason: str | None = None, wrap_up_remaining_s: float | None = None) -> None:
        self._agent_state = state
        self._wrap_up_remaining = wrap_up_remaining_s
        names = {
            AgentState.AVAILABLE: self.tr("Available"),
            AgentState.ON_CALL: self.tr("On call"),
            AgentState.WRAP_UP: self.tr("Wrap-up"),
            AgentState.BREAK: self.tr("Break"),
            AgentState.OFFLINE: self.tr("Offline"),
        }
        text = names[state]
        if state is AgentState.BREAK and break_reason:
            text = f"{text}: {display_text(break_reason, 40)}"
        self.agent_state_label.setText(text)
        self.agent_state_label.setProperty("agentState", state.value)
        self._repolish(self.agent_state_label)
        was_visible = self.wrap_up_frame.isVisible()
        self.wrap_up_frame.setVisible(state is AgentState.WRAP_UP)
        if state is AgentState.WRAP_UP:
            if not was_visible:
                self.disposition_combo.setCurrentIndex(0)
            self._show_wrap_up_countdown()
        if self._focus is None:
            self.call_state_label.setText(self._idle_text())
        self._update_controls()

    def show_wrap_up_remaining(self, remaining_s: float | None) -> None:
        self._wrap_up_remaining = remaining_s
        self._show_wrap_up_countdown()

    def show_registration(self, text: str, ok: bool) -> None:
        self.registration_label.setText(display_text(text, 120))
        self.registration_label.setProperty("ok", ok)
        self._repolish(self.registration_label)

    def show_network(self, text: str) -> None:
        self.network_label.setText(display_text(text, 60))

    def set_headset(self, name: str | None) -> None:
        self.headset_label.setText(
            self.tr("Headset: %1").replace("%1", display_text(name, 40)) if name else self.tr("Headset: none")
        )

    def show_headset_buttons(self, status: HeadsetButtonsStatus | None) -> None:
        """The USB headset's call buttons: connected (with its name), none, or no permission."""
        self.headset_buttons_label.setVisible(status is not None)
        if status is None:
            return
        from softphone.headset.monitor import HeadsetButtonsState  # after start-up only (issue 5)

        texts = {
            HeadsetButtonsState.NOT_FOUND: self.tr("Headset buttons: none"),
            HeadsetButtonsState.NO_ACCESS: self.tr("Headset buttons: no permission (ask IT)"),
            HeadsetButtonsState.UNAVAILABLE: self.tr("Headset buttons: not supported here"),
        }
        if status.state is HeadsetButtonsState.CONNECTED:
            name = display_text(status.product, 40) or f"{status.vendor_id:04x}:{status.product_id:04x}"
            text = self.tr("Headset buttons: %1").replace("%1", name)
        else:
            text = texts[status.state]
        self.headset_buttons_label.setText(text)
        self.headset_buttons_label.setProperty("buttonsState", status.state.value)

    def show_notice(self, text: str) -> None:
        self.notice_label.setText(display_text(text, 200))

    def show_screen_pop(self, pop: ScreenPop) -> None:
        self.patient_view.show_pop(pop)
        self.side_tabs.setCurrentWidget(self.patient_view)

    def show_patient_loading(self) -> None:
        self.patient_view.show_loading()
        self.side_tabs.setCurrentWidget(self.patient_view)

    def show_patient_idle(self) -> None:
        self.patient_view.show_idle()

    def show_history(self, entries: Sequence[HistoryEntry]) -> None:
        from softphone.agent.history import CallOutcome, Direction  # not needed to show the window (issue 5)

        self.history_list.clear()
        outcome_text = {
            CallOutcome.ANSWERED: self.tr("answered"),
            CallOutcome.MISSED: self.tr("missed"),
            CallOutcome.BUSY: self.tr("busy (not available)"),
            CallOutcome.FAILED: self.tr("not connected"),
            CallOutcome.TRANSFERRED: self.tr("transferred"),
        }
        for entry in entries[:50]:
            arrow = "↙" if entry.direction is Direction.INCOMING else "↗"
            party = display_text(entry.display_name or entry.remote_uri, 40)
            when = entry.started_at.astimezone().strftime("%H:%M")
            text = f"{arrow} {when}  {party}  {format_duration(entry.duration_s)}  {outcome_text[entry.outcome]}"
            if entry.disposition:
                text += f"  · {display_text(entry.disposition, 40)}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry.call_id)
            self.history_list.addItem(item)

    def set_supervision(self, mode: str | None) -> None:
        """Driven by the supervision feature: None hides the badge; "listen"/"whisper"/"barge" shows it."""
        self._supervision = mode
        texts = {
            "listen": self.tr("Supervisor listening"),
            "whisper": self.tr("Supervisor coaching"),
            "barge": self.tr("Supervisor joined"),
        }
        self.supervision_badge.setText(texts.get(mode or "", display_text(mode, 30)) if mode else "")
        self.supervision_badge.setProperty("mode", mode or "")
        self.supervision_badge.setVisible(mode is not None)
        self._repolish(self.supervision_badge)

    def set_escalating(self, escalating: bool) -> None:
        """The escalation feature drives this; pressing the button sets it at once."""
        if escalating == self._escalating:
            return
        self._escalating = escalating
        self.escalate_button.setText(self.tr("Escalating…") if escalating else self.tr("Escalate"))
        self.escalate_button.setProperty("escalating", escalating)
        self._repolish(self.escalate_button)

    @property
    def escalating(self) -> bool:
        return self._escalating

    def notes_enabled(self, enabled: bool) -> None:
        self.notes_panel.set_call_active(enabled)

    def show_red_flag(self, reason_code: str | None, label: str = "") -> None:
        """Highlight the Escalate button with the red flag's reason (None: no red flag)."""
        self.red_flag_reason = reason_code or None
        text = self.tr("Red flag in the notes: %1").replace("%1", display_text(label or reason_code, 64)) if reason_code else ""
        self.escalate_reason_label.setText(text)
        self.escalate_reason_label.setVisible(bool(reason_code))
        self.escalate_button.setProperty("redFlag", bool(reason_code))
        self.escalate_button.setAccessibleDescription(f"{SHORTCUTS['escalate']}. {text}" if text else SHORTCUTS["escalate"])
        # A thick amber frame on top of the theme's colours, whatever the theme.
        self.escalate_button.setStyleSheet("QPushButton#escalate_button { border: 5px solid #ffb300; }" if reason_code else "")
        self._repolish(self.escalate_button)

    # ================================================================ dialogs

    def open_keypad(self) -> None:
        if self._focus is None:
            return
        from softphone.ui.keypad import KeypadDialog  # first use only: not needed to show the window

        dialog = KeypadDialog(self)
        dialog.digit_pressed.connect(self.dtmf_requested)
        dialog.open()
        self._keypad = dialog

    def ask_transfer(self) -> None:
        if self._focus is None:
            return
        destination, ok = QInputDialog.getText(
            self, self.tr("Blind transfer"), self.tr("Transfer the caller to (number or sip: address):")
        )
        if ok and destination.strip():
            self.transfer_requested.emit(destination.strip())

    # ================================================================ internals

    def _ringing_id(self) -> str:
        ringing = [view for view in self._calls if view.phase is CallPhase.RINGING]
        return ringing[-1].call_id if ringing else ""

    def _hangup_key(self) -> None:
        focus = self._focus
        talking = focus is not None and focus.phase not in (CallPhase.RINGING,)
        if talking and self.hangup_button.isEnabled():
            self.hangup_button.click()
        elif self.decline_button.isEnabled():
            self.decline_button.click()

    def _hold_clicked(self) -> None:
        self.hold_button.setChecked(self._focus is not None and self._focus.phase is CallPhase.HELD)
        self.hold_toggled.emit()

    def _mute_clicked(self) -> None:
        self.mute_button.setChecked(self._focus is not None and self._focus.muted)
        self.mute_toggled.emit()

    def _escalate_clicked(self) -> None:
        self.set_escalating(True)
        self.escalate_requested.emit()

    def _disposition_clicked(self) -> None:
        code = self.disposition_combo.currentData()
        if code is not None:
            self.disposition_chosen.emit(code)

    def _dial(self) -> None:
        text = self.dial_edit.text().strip()
        if text:
            self.dial_requested.emit(text)
            self.dial_edit.clear()

    def _focus_dial(self) -> None:
        self.dial_edit.setFocus()
        self.dial_edit.selectAll()

    def _call_item_activated(self, item: QListWidgetItem) -> None:
        call_id = item.data(Qt.ItemDataRole.UserRole)
        view = next((v for v in self._calls if v.call_id == call_id), None)
        if view is not None and view.phase is CallPhase.RINGING:
            self.answer_requested.emit(call_id)

    def _update_controls(self) -> None:
        focus = self._focus
        phases = {view.phase for view in self._calls}
        ringing = CallPhase.RINGING in phases
        in_call = focus is not None and focus.phase in (
            CallPhase.TALKING, CallPhase.HELD, CallPhase.REMOTE_HELD, CallPhase.CONNECTING
        )
        live = focus is not None
        self.answer_button.setEnabled(ringing)
        self.decline_button.setEnabled(ringing)
        self.hold_button.setEnabled(in_call or CallPhase.HELD in phases)
        self.hold_button.setChecked(focus is not None and focus.phase is CallPhase.HELD)
        self.hold_button.setText(self.tr("Resume") if self.hold_button.isChecked() else self.tr("Hold"))
        self.mute_button.setEnabled(in_call)
        self.mute_button.setChecked(bool(focus and focus.muted))
        self.mute_button.setText(self.tr("Unmute") if self.mute_button.isChecked() else self.tr("Mute"))
        self.keypad_button.setEnabled(in_call)
        self.transfer_button.setEnabled(in_call)
        self.hangup_button.setEnabled(live and focus.phase is not CallPhase.RINGING)
        self.escalate_button.setEnabled(in_call)
        self.escalate_button.setProperty("active", in_call)
        self._repolish(self.escalate_button)
        if self._side_placeholder is None:  # built (a starting window's comes just after its first frame)
            self.notes_panel.set_call_active(live or self._agent_state is AgentState.WRAP_UP)
        self.available_button.setEnabled(self._agent_state in (AgentState.BREAK, AgentState.OFFLINE))
        self.dial_button.setEnabled(self._agent_state is not AgentState.OFFLINE and not self._starting)
        self.dial_edit.setEnabled(not self._starting)

    def _tick(self) -> None:
        focus = self._focus
        if focus is not None and focus.connected_at is not None:
            self.timer_label.setText(format_duration(time.monotonic() - focus.connected_at))
        elif focus is not None:
            self.timer_label.setText(format_duration(time.monotonic() - focus.created_at))
        else:
            self.timer_label.setText("")

    def _show_wrap_up_countdown(self) -> None:
        remaining = self._wrap_up_remaining
        if remaining is None:
            self.wrap_up_label.setText(self.tr("Wrap-up: choose a disposition"))
        elif remaining > 0:
            self.wrap_up_label.setText(self.tr("Wrap-up: %1 left").replace("%1", format_duration(remaining)))
        else:
            self.wrap_up_label.setText(
                self.tr("Wrap-up overdue by %1: choose a disposition").replace("%1", format_duration(-remaining))
            )
        self.wrap_up_label.setProperty("overdue", remaining is not None and remaining <= 0)
        self._repolish(self.wrap_up_label)

    def _show_quality(self, view: CallView) -> None:
        texts = {
            QualityLevel.GOOD: self.tr("Quality: good"),
            QualityLevel.FAIR: self.tr("Quality: fair"),
            QualityLevel.POOR: self.tr("Quality: poor"),
            QualityLevel.UNKNOWN: "",
        }
        text = texts[view.quality]
        if view.mos is not None:
            text += f" (MOS {view.mos:.1f})"
        self.quality_label.setText(text)
        self.quality_label.setProperty("quality", view.quality.value)
        self._repolish(self.quality_label)

    def _phase_text(self, view: CallView) -> str:
        texts = {
            CallPhase.RINGING: self.tr("Incoming call"),
            CallPhase.DIALING: self.tr("Calling…"),
            CallPhase.CONNECTING: self.tr("Connecting…"),
            CallPhase.TALKING: self.tr("In call"),
            CallPhase.HELD: self.tr("On hold"),
            CallPhase.REMOTE_HELD: self.tr("Held by the other party"),
            CallPhase.ENDED: self.tr("Call ended"),
        }
        text = texts[view.phase]
        if view.muted and view.phase is not CallPhase.RINGING:
            text += " · " + self.tr("muted")
        if view.transfer_status:
            text += " · " + {
                "trying": self.tr("transferring…"),
                "ringing": self.tr("transfer ringing"),
                "done": self.tr("transferred"),
                "failed": self.tr("transfer failed"),
            }.get(view.transfer_status, "")
        return text

    def _idle_text(self) -> str:
        if self._agent_state is AgentState.WRAP_UP:
            return self.tr("Wrap-up")
        if self._agent_state in (AgentState.BREAK, AgentState.OFFLINE):
            return self.tr("Not taking calls (callers hear busy)")
        return self.tr("Waiting for calls")

    def _repolish(self, widget: QWidget) -> None:
        if self._starting and not self.isVisible():
            # Built for start-up: the app applies the theme next, which polishes every widget with
            # its properties; and QStyle's Python wrapper (10 ms to create) stays out of the first
            # frame (issue 5).
            return
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
