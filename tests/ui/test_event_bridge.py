"""Events published on another thread arrive on the GUI thread, in order, without blocking the publisher."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from softphone.ui.event_bridge import EventBridge


def test_events_from_a_worker_thread_arrive_in_order_on_the_gui_thread(qtbot):
    bridge = EventBridge()
    received: list[tuple[int, bool]] = []
    gui_thread = QThread.currentThread()
    bridge.subscribe(lambda event: received.append((event, QThread.currentThread() is gui_thread)))

    published = threading.Event()

    def worker():
        for number in range(500):
            bridge.publish(number)
        published.set()

    thread = threading.Thread(target=worker)
    thread.start()
    # The publisher finishes without the GUI thread having run its event loop at all.
    assert published.wait(timeout=10)
    thread.join()
    qtbot.waitUntil(lambda: len(received) == 500, timeout=5000)
    assert [number for number, _ in received] == list(range(500))
    assert all(on_gui for _, on_gui in received)
