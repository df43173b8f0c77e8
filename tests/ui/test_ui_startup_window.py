"""The main window in its "Starting…" state (issue 5): shown before the services are up, it says
what is still loading and offers no control that would need them; ``configure`` and
``finish_starting`` bring it to the normal idle state."""

from __future__ import annotations

from PySide6.QtWidgets import QToolBar

from softphone.ui.appearance import install_translator
from softphone.ui.main_window import MainWindow


def toolbar(window: MainWindow) -> QToolBar:
    return window.findChild(QToolBar, "agent_toolbar")


def test_a_starting_window_says_what_is_loading_and_offers_no_call_controls(qtbot):
    window = MainWindow(demo=False, starting=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    assert window.starting
    assert window.registration_label.text() == "Starting: reading the settings…"
    for button in (window.dial_button, window.answer_button, window.hangup_button, window.escalate_button):
        assert not button.isEnabled(), button.objectName()
    assert not window.dial_edit.isEnabled()
    assert not window.available_button.isEnabled() and not window.break_button.isEnabled()
    assert not toolbar(window).isEnabled()  # availability and settings wait for the services

    window.show_starting("storage")
    assert window.registration_label.text() == "Starting: opening secure storage…"
    window.show_starting("telephony")
    assert window.registration_label.text() == "Starting: connecting the phone…"


def test_configure_then_finish_starting_gives_the_normal_idle_window(qtbot):
    window = MainWindow(demo=False, starting=True)
    qtbot.addWidget(window)
    window.configure(demo=True, dispositions=("Advice given", "Wrong number"), break_reasons=("Lunch",))
    assert "demo" in window.windowTitle() and window.accessibleName() == window.windowTitle()
    assert [window.disposition_combo.itemData(i) for i in range(window.disposition_combo.count())] == [
        None, "Advice given", "Wrong number"]
    assert [action.text() for action in window.break_button.menu().actions()] == ["Lunch"]
    requested = []
    window.availability_requested.connect(lambda state, reason: requested.append((state, reason)))
    window.break_button.menu().actions()[0].trigger()
    assert requested == [("break", "Lunch")]

    window.finish_starting()
    assert not window.starting
    assert window.dial_button.isEnabled() and window.dial_edit.isEnabled()
    assert toolbar(window).isEnabled()
    # The registration text stays "connecting" until telephony reports.
    assert window.registration_label.text() == "Starting: reading the settings…"


def test_a_window_built_without_starting_is_idle_at_once(qtbot):
    window = MainWindow(demo=True, dispositions=("Advice given",), break_reasons=("Lunch", "Training"))
    qtbot.addWidget(window)
    assert not window.starting
    assert window.registration_label.text() == "Demo switchboard (no PBX configured)"
    assert window.dial_button.isEnabled() and toolbar(window).isEnabled()
    assert [action.text() for action in window.break_button.menu().actions()] == ["Lunch", "Training"]


def test_the_start_up_texts_are_translated_to_spanish(qapp, qtbot):
    try:
        assert install_translator(qapp, "es") is not None
        window = MainWindow(demo=False, starting=True)
        qtbot.addWidget(window)
        texts = [window.registration_label.text()]
        for step in ("storage", "telephony"):
            window.show_starting(step)
            texts.append(window.registration_label.text())
        assert texts == ["Iniciando: leyendo la configuración…", "Iniciando: abriendo el almacenamiento seguro…",
                         "Iniciando: conectando el teléfono…"]
    finally:
        install_translator(qapp, "en")


def focus_chain(window: MainWindow) -> list[tuple[str, str]]:
    """(object name, accessible name) of every widget Tab reaches, in Tab order."""
    from PySide6.QtCore import Qt

    chain, widget = [], window.nextInFocusChain()
    while widget is not window:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append((widget.objectName(), widget.accessibleName()))
        widget = widget.nextInFocusChain()
    return chain


def test_the_side_panel_says_loading_for_the_first_frame_then_is_the_one_built_with_the_window(qtbot):
    starting = MainWindow(demo=True, starting=True)
    qtbot.addWidget(starting)
    starting.show()
    qtbot.waitExposed(starting)
    placeholder = starting.side_stack.currentWidget()
    assert placeholder.objectName() == "side_panel_loading"
    assert placeholder.text() == "Loading…" and placeholder.accessibleName() == "Side panel"
    assert not hasattr(starting, "notes_panel")

    starting.build_side_panel()
    starting.build_side_panel()  # again (before the wiring): nothing more
    assert starting.side_stack.count() == 1
    assert starting.side_stack.currentWidget().objectName() == "side_panel"
    assert starting.side_tabs.currentWidget() is starting.patient_view
    assert starting.notes_edit is starting.notes_panel.free_text
    starting.finish_starting()

    built = MainWindow(demo=True)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    # Same widgets, names and Tab order as a window built in one go.
    assert focus_chain(starting) == focus_chain(built)
    assert len(focus_chain(built)) > 30
    assert starting.notes_panel.isEnabled() == built.notes_panel.isEnabled()


def test_finish_starting_builds_the_side_panel_if_start_up_has_not(qtbot):
    window = MainWindow(demo=False, starting=True)
    qtbot.addWidget(window)
    window.finish_starting()
    assert window.side_stack.currentWidget().objectName() == "side_panel"
    window.show_history([])
    window.notes_enabled(True)
    assert window.notes_edit.isEnabled()


def test_the_side_panel_placeholder_is_translated_to_spanish(qapp, qtbot):
    try:
        assert install_translator(qapp, "es") is not None
        window = MainWindow(demo=False, starting=True)
        qtbot.addWidget(window)
        assert window.side_stack.currentWidget().text() == "Cargando…"
        assert window.side_stack.currentWidget().accessibleName() == "Panel lateral"
    finally:
        install_translator(qapp, "en")
