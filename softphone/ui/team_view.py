"""The supervisor's Team view: agents with their live state, and Listen / Whisper / Barge / Leave.

A plain widget: it renders what the presenter gives it (``show_members``, ``show_session``) and
emits what the supervisor asks for. Agent names come from provisioning; nothing from the network is
rendered as markup (plain-text labels and items only).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from softphone.supervision.console import ConsolePhase, ConsoleSession
from softphone.supervision.presence_note import TeamState
from softphone.supervision.team import TeamMember

MODES = ("listen", "whisper", "barge")


def _duration(seconds: int | None) -> str:
    if seconds is None:
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class TeamView(QWidget):
    supervise_requested = Signal(str, str)  # agent id, mode: start a supervision
    switch_requested = Signal(str)  # mode: switch the current one
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("team_view")
        self._members: list[TeamMember] = []
        self._session: ConsoleSession | None = None
        self.title = QLabel(self.tr("Team"))
        self.title.setObjectName("team_title")
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("team_table")
        self.table.setHorizontalHeaderLabels([self.tr("Agent"), self.tr("State"), self.tr("Time")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        row = QHBoxLayout()
        labels = {"listen": self.tr("Listen"), "whisper": self.tr("Whisper"), "barge": self.tr("Barge")}
        for mode in MODES:
            button = QPushButton(labels[mode], self)
            button.setObjectName(f"supervise_{mode}")
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, m=mode: self._mode_clicked(m))
            self.buttons[mode] = button
            row.addWidget(button)
        self.leave_button = QPushButton(self.tr("Leave"), self)
        self.leave_button.setObjectName("supervise_leave")
        self.leave_button.clicked.connect(self.leave_requested)
        row.addWidget(self.leave_button)
        self.session_label = QLabel("", self)
        self.session_label.setObjectName("supervision_session")
        self.session_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.session_label)
        self._update_buttons()

    # ------------------------------------------------------------------ rendering

    def show_members(self, members: tuple[TeamMember, ...], now: float) -> None:
        selected = self.selected_agent()
        self._members = list(members)
        self.table.setRowCount(len(self._members))
        for row, member in enumerate(self._members):
            state = self.state_text(member.state)
            if member.alert:
                state += " · " + self.tr("escalation failed")
            for column, text in enumerate((member.name, state, _duration(member.seconds_in_state(now)))):
                item = self.table.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, column, item)
                if item.text() != text:
                    item.setText(text)
                item.setData(Qt.ItemDataRole.UserRole, member.agent_id)
            if member.agent_id == selected:
                self.table.selectRow(row)
        self._update_buttons()

    def state_text(self, state: TeamState) -> str:
        return {
            TeamState.AVAILABLE: self.tr("Available"),
            TeamState.ON_CALL: self.tr("On call"),
            TeamState.WRAP_UP: self.tr("Wrap-up"),
            TeamState.BREAK: self.tr("Break"),
            TeamState.OFFLINE: self.tr("Offline"),
            TeamState.UNKNOWN: self.tr("Unknown"),
        }[state]

    def row_texts(self) -> list[tuple[str, str, str]]:
        """What each row says (tests)."""
        return [tuple(self.table.item(row, column).text() for column in range(3))  # type: ignore[misc]
                for row in range(self.table.rowCount())]

    def show_session(self, session: ConsoleSession | None) -> None:
        self._session = session if session is not None and session.phase is not ConsolePhase.ENDED else None
        if session is None:
            text = ""
        elif session.phase is ConsolePhase.ENDED:
            text = self.tr("Supervision ended") if session.end_reason != "refused" else \
                self.tr("Refused by the agent's phone (%1)").replace("%1", str(session.status_code))
        elif session.phase is ConsolePhase.CALLING:
            text = self.tr("Connecting to %1…").replace("%1", self._name(session.agent_id))
        else:
            mode = session.requested_mode or session.mode
            text = {
                "listen": self.tr("Listening to %1"),
                "whisper": self.tr("Whispering to %1"),
                "barge": self.tr("In the call with %1"),
            }[mode.value].replace("%1", self._name(session.agent_id))
            if session.phase is ConsolePhase.SWITCHING:
                text += " " + self.tr("(switching…)")
        self.session_label.setText(text)
        self._update_buttons()

    def selected_agent(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def select_agent(self, agent_id: str) -> None:
        for row, member in enumerate(self._members):
            if member.agent_id == agent_id:
                self.table.selectRow(row)

    # ------------------------------------------------------------------ internals

    def _name(self, agent_id: str) -> str:
        return next((m.name for m in self._members if m.agent_id == agent_id), agent_id)

    def _mode_clicked(self, mode: str) -> None:
        if self._session is None:
            agent = self.selected_agent()
            if agent is not None:
                self.supervise_requested.emit(agent, mode)
        else:
            self.switch_requested.emit(mode)
        self._update_buttons()

    def _update_buttons(self) -> None:
        session = self._session
        selected = self.selected_agent()
        member = next((m for m in self._members if m.agent_id == selected), None)
        can_start = session is None and member is not None and member.state is TeamState.ON_CALL
        active = session is not None and session.phase in (ConsolePhase.ACTIVE, ConsolePhase.SWITCHING)
        current = (session.requested_mode or session.mode).value if active and session is not None else None
        for mode, button in self.buttons.items():
            button.setEnabled(can_start or active)
            button.setChecked(mode == current)
        self.leave_button.setEnabled(session is not None)
