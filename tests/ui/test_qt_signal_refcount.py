"""Guard against the PySide6 6.12.0 defect that made us pin 6.11.3.

There, each emission of a signal to a Python slot released one reference to ``True`` it never
took; on Python 3.11 (no immortal objects) the interpreter aborts once the count reaches zero,
i.e. a few hundred events into a shift. Any PySide6 upgrade must keep this test green.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_signal_emission_does_not_leak_or_steal_references_to_bools(qapp):
    emitter = _Emitter()
    received = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for number in range(200):
        emitter.fired.emit(number)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert len(received) == 200
    # A few references may come and go with unrelated objects; a per-emission loss shows as ~200.
    assert abs(after[0] - before[0]) < 20 and abs(after[1] - before[1]) < 20, (before, after)
