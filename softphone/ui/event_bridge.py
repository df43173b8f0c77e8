"""The one door through which engine events reach the GUI thread.

Engines (SIP, audio, EHR lookups) publish plain event objects from their own threads. The GUI must
never be called from those threads, and the engines must never wait for the GUI. ``publish`` is
safe to call from any thread and returns at once; connected slots run later, on the GUI thread,
through a queued connection (the pattern of Electrum's QtEventListener and Picard's to_main()).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal


class EventBridge(QObject):
    event_arrived = Signal(object)

    def publish(self, event: object) -> None:
        """Called on any thread; never blocks."""
        self.event_arrived.emit(event)

    def subscribe(self, handler: Callable[[object], None]) -> None:
        """``handler`` runs on the thread this bridge lives in (the GUI thread), in event order."""
        self.event_arrived.connect(handler, Qt.ConnectionType.QueuedConnection)
