"""A hostile caller display name (markup, RTL override, kilobytes long) arrives through a real SIP
call and is shown as plain, truncated text in the window, the toast and the recent calls.

pjsip caps a whole SIP message at 4000 bytes (PJSIP_MAX_PKT_LEN) on both ends, so the longest name
a real call can carry is ~2 kB; a 10 kB name is refused by the sender's stack (and would be dropped
by ours). The 10 kB case is covered on the widgets in tests/ui/test_ui_main_window_states.py.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from softphone.agent import CallPhase
from softphone.sip import TransportKind
from desktop_harness import save_screenshot, start_desktop

LONG_TAIL = "A" * 2_000
# Markup without '<' survives the engine's name-addr parsing, so it reaches the screen verbatim.
ENTITY_NAME = 'Dr &amp; "Nurse" &lt;script&gt; onload=x> \u202eevil\u202c ' + LONG_TAIL
# A '<' inside the quoted name currently defeats softphone.sip.caller_identity.parse_name_addr (it
# splits at the first '<' even inside quotes): the name is lost and the URI's user part is shown.
TAG_NAME = '<b>Dr</b> <img src=http://evil.example/x.png> \u202eevil\u202c ' + LONG_TAIL


def _call_with_name(kamailio, peer_factory, qtbot, desktop, name: str):
    caller = peer_factory("hostile", 1000)
    caller.register("patient", "patient-secret", kamailio.domain, kamailio.tcp_address, transport="tcp")
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    caller.request(
        "call", uri=f"sip:agent@{kamailio.domain};transport=tcp",
        headers={"P-Asserted-Identity": f'"{escaped}" <sip:patient@{kamailio.domain}>'},
    )
    qtbot.waitUntil(lambda: desktop.controller.focus() is not None, timeout=10_000)
    return desktop.controller.focus()


@pytest.fixture
def tcp_desktop(kamailio, qtbot):
    # 2 kB of header does not fit pjsip's UDP limit: both ends use TCP, as a real attacker could.
    desktop = start_desktop(kamailio, TransportKind.TCP)
    qtbot.addWidget(desktop.window)
    qtbot.waitUntil(lambda: "Registered" in desktop.window.registration_label.text(), timeout=10_000)
    yield desktop
    desktop.stop()


def _assert_plain_and_short(desktop, expected_start: str) -> None:
    for label in (desktop.window.caller_label, desktop.toast.caller):
        text = label.text()
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert text.startswith(expected_start), text[:60]
        assert "\u202e" not in text and "\u202c" not in text
        assert len(text) <= 80


def test_hostile_display_name_over_sip_renders_as_plain_truncated_text(tcp_desktop, kamailio, peer_factory, qtbot):
    view = _call_with_name(kamailio, peer_factory, qtbot, tcp_desktop, ENTITY_NAME)
    assert view.phase is CallPhase.RINGING and view.asserted
    _assert_plain_and_short(tcp_desktop, 'Dr &amp; "Nurse" &lt;script&gt; onload=x>')
    assert tcp_desktop.window.caller_label.text().endswith("…")
    save_screenshot(tcp_desktop.window, "10-hostile-caller")
    tcp_desktop.window.decline_button.click()
    qtbot.waitUntil(lambda: tcp_desktop.window.history_list.count() == 1, timeout=10_000)
    assert len(tcp_desktop.window.history_list.item(0).text()) < 120


def test_display_name_with_tags_over_sip_never_renders_markup(tcp_desktop, kamailio, peer_factory, qtbot):
    view = _call_with_name(kamailio, peer_factory, qtbot, tcp_desktop, TAG_NAME)
    text = tcp_desktop.window.caller_label.text()
    assert tcp_desktop.window.caller_label.textFormat() == Qt.TextFormat.PlainText
    assert "\u202e" not in text and len(text) <= 80
    if not view.display_name.startswith("<b>Dr</b>"):
        pytest.fail("the quoted display name was lost: identity fell back to From")
    _assert_plain_and_short(tcp_desktop, "<b>Dr</b> <img src=http://evil.example/x.png>")
