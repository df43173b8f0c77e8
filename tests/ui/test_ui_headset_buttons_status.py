"""The status bar's headset-buttons label in each state the monitor reports (real widgets, offscreen).

The full path (fake USB headset -> monitor thread -> EventBridge -> this label) is driven in
tests/integration/ui/test_ui_headset_buttons.py.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from softphone.headset.monitor import HeadsetButtonsState, HeadsetButtonsStatus
from softphone.ui.main_window import MainWindow


def test_headset_buttons_label_states(qtbot):
    window = MainWindow(demo=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    label = window.statusBar().findChild(QLabel, "headset_buttons_state")
    assert label is window.headset_buttons_label
    assert not label.isVisible()  # until the feature reports (it may be off)

    window.show_headset_buttons(HeadsetButtonsStatus(HeadsetButtonsState.NOT_FOUND))
    assert label.isVisible() and label.text() == "Headset buttons: none"
    window.show_headset_buttons(HeadsetButtonsStatus(HeadsetButtonsState.CONNECTED, "Evolve2 40", 0x0B0E, 0x24A0))
    assert label.text() == "Headset buttons: Evolve2 40" and label.property("buttonsState") == "connected"
    window.show_headset_buttons(HeadsetButtonsStatus(HeadsetButtonsState.CONNECTED, "", 0x047F, 0xC056))
    assert label.text() == "Headset buttons: 047f:c056"  # a device without a product string
    window.show_headset_buttons(HeadsetButtonsStatus(HeadsetButtonsState.NO_ACCESS, "Evolve2 40"))
    assert label.text() == "Headset buttons: no permission (ask IT)"
    window.show_headset_buttons(HeadsetButtonsStatus(HeadsetButtonsState.UNAVAILABLE))
    assert label.text() == "Headset buttons: not supported here"

    # The product string comes from the device: plain text, one line, bounded.
    window.show_headset_buttons(HeadsetButtonsStatus(HeadsetButtonsState.CONNECTED, "<img src=x>\u202e" + "A" * 500))
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text().startswith("Headset buttons: <img src=x>") and len(label.text()) < 80

    window.show_headset_buttons(None)  # IT turned the feature off
    assert not label.isVisible()
