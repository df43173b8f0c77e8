"""The self-test's steps. Each returns a short detail string or raises StepFailed."""

from __future__ import annotations

from softphone.selftest.runner import SelfTest, StepFailed, random_marker

PROBE_SECRET_NAME = "self-test-probe"


def check_settings(test: SelfTest) -> str:
    from softphone.profile import load_effective_settings

    loaded = load_effective_settings()  # SettingsError names the file, key and problem
    test.state["loaded"] = loaded
    mode = "pbx" if loaded.settings.pbx_configured else "demo"
    return f"valid ({mode}; {len(loaded.locked_keys)} locked key(s); {len(loaded.warnings)} warning(s))"


def check_os_keyring(test: SelfTest) -> str:
    from softphone.credentials import open_os_credential_store

    store = open_os_credential_store()
    value = random_marker("probe")
    store.set(PROBE_SECRET_NAME, value)
    try:
        if store.get(PROBE_SECRET_NAME) != value:
            raise StepFailed(f"{store.backend_name} returned a different value than was stored")
    finally:
        store.delete(PROBE_SECRET_NAME)
    return f"round trip through {store.backend_name}"


def open_demo_profile(test: SelfTest) -> str:
    from softphone.profile import open_profile

    profile = open_profile(test.state["loaded"], force_demo=True)
    test.state["profile"] = profile
    return f"demo profile, database migrated, keyring {profile.credentials.backend_name}"


def check_encrypted_notes(test: SelfTest) -> str:
    from softphone.notes import NoteDraft, get_call_note, save_draft

    profile = _profile(test)
    marker = random_marker("self-test note chest pain")
    test.state["note_marker"] = marker
    call_id = random_marker("self-test-call")
    # The notes service the app's autosave uses (call_notes, audited), not the legacy table.
    with profile.database.session() as session:
        save_draft(session, call_id, "self-test", NoteDraft(reason_for_call="self-test", free_text=marker))
    with profile.database.session() as session:
        note = get_call_note(session, call_id)
        if note is None or note.free_text != marker:
            raise StepFailed("the note read back differs from the note saved")
    database_file = profile.database_file
    for path in database_file.parent.glob(database_file.name + "*"):
        if marker.encode() in path.read_bytes():
            raise StepFailed(f"{path.name} holds the note in plain text")
    return "note saved, read back, not readable in the database files"


def check_main_window(test: SelfTest) -> str:
    from PySide6.QtWidgets import QApplication

    from softphone.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    profile = _profile(test)
    window = MainWindow(demo=profile.demo, notices=profile.notices)
    window.show()
    app.processEvents()
    try:
        if not window.isVisible() or window.grab().isNull():
            raise StepFailed("the main window did not render")
        return f"main window rendered on '{app.platformName()}'"
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()


def check_no_phi_in_logs(test: SelfTest) -> str:
    import logging

    marker = test.state.get("note_marker")
    if not marker:
        raise StepFailed("no note was written, so there is nothing to look for")
    # The scenario most likely to leak: an exception message quoting the note.
    from softphone.logs.setup import phi_registry

    phi_registry.remember(marker)
    # INFO reaches the log file (where the leak would matter) without alarming IT on the console.
    logging.getLogger("softphone.selftest").info("simulated failure while saving %r", marker)
    for handler in logging.getLogger().handlers:
        handler.flush()
    log_files = list(_profile(test).paths.log_dir.glob("*.log*"))
    if not log_files:
        raise StepFailed("no log file was written")
    leaking = [path.name for path in log_files if marker in path.read_text(encoding="utf-8", errors="replace")]
    if leaking:
        raise StepFailed(f"note text found in {', '.join(leaking)}")
    return f"{len(log_files)} log file(s) free of the note text"


# ----- the embedded demo, end to end (softphone/demo/self_check.py does the work) -----------------


def _demo_step(method_name: str):
    """A step that calls one ``DemoSelfCheck`` method; its failures become StepFailed."""

    def step(test: SelfTest) -> str:
        from softphone.demo.self_check import DemoCheckFailed, DemoSelfCheck

        check = test.state.get("demo_check")
        if check is None:
            if method_name != "start":
                raise StepFailed("the demo switchboard did not start")
            check = test.state["demo_check"] = DemoSelfCheck(test.state["scratch"])
        try:
            return getattr(check, method_name)()
        except DemoCheckFailed as error:
            raise StepFailed(str(error)) from None

    step.__name__ = f"demo_{method_name}"
    return step


# ----- supervision on the demo (issue 8; softphone/supervision/demo_check.py does the work) -------


def _supervision_step(action: str):
    """listen: the demo supervisor joins listening; whisper/barge: switch, verified by ear; barge
    ends with the supervisor leaving."""

    def step(test: SelfTest) -> str:
        from softphone.demo.self_check import DemoCheckFailed
        from softphone.supervision.demo_check import SupervisionDemoCheck

        check = test.state.get("demo_check")
        if check is None:
            raise StepFailed("the demo switchboard did not start")
        try:
            if action == "listen":
                supervision = test.state["supervision_check"] = SupervisionDemoCheck(check, DemoCheckFailed)
                return supervision.listen()
            supervision = test.state.get("supervision_check")
            if supervision is None:
                raise StepFailed("the supervisor did not join")
            detail = supervision.switch(action)
            if action == "barge":
                test.state.pop("supervision_check").close()
            return detail
        except DemoCheckFailed as error:
            raise StepFailed(str(error)) from None

    step.__name__ = f"demo_supervision_{action}"
    return step


# ----- escalation on the demo (issue 7; softphone/escalation/demo_check.py does the work) ---------


def demo_escalation_conference(test: SelfTest) -> tuple[str, dict]:
    """The Escalate button's path: press -> policy -> hunting -> the nurse answers -> joined;
    the JSON summary gets the time from the press to the clinician answering."""
    from softphone.demo.self_check import DemoCheckFailed
    from softphone.escalation.demo_check import EscalationDemoCheck

    check = test.state.get("demo_check")
    if check is None:
        raise StepFailed("the demo switchboard did not start")
    profile = test.state.get("profile")
    try:
        escalation = test.state["escalation_check"] = EscalationDemoCheck(
            check, DemoCheckFailed, database=profile.database if profile is not None else None)
        return escalation.conference()
    except DemoCheckFailed as error:
        raise StepFailed(str(error)) from None


def close(test: SelfTest) -> None:
    escalation = test.state.pop("escalation_check", None)
    if escalation is not None:
        escalation.close()
    supervision = test.state.pop("supervision_check", None)
    if supervision is not None:
        supervision.close()
    demo_check = test.state.pop("demo_check", None)
    if demo_check is not None:
        demo_check.close()
    profile = test.state.pop("profile", None)
    if profile is not None:
        profile.close()


def _profile(test: SelfTest):
    profile = test.state.get("profile")
    if profile is None:
        raise StepFailed("the demo profile did not open")
    return profile


DEMO_STEPS = [
    ("os_keyring", check_os_keyring),
    ("demo_profile", open_demo_profile),
    ("encrypted_notes", check_encrypted_notes),
    ("main_window", check_main_window),
    ("no_phi_in_logs", check_no_phi_in_logs),
    ("demo_switchboard", _demo_step("start")),
    ("demo_patient_call", _demo_step("receive_patient_call")),
    ("demo_screen_pop", _demo_step("screen_pop")),
    ("demo_two_way_audio", _demo_step("two_way_audio")),
    ("demo_supervision_listen", _supervision_step("listen")),
    ("demo_supervision_whisper", _supervision_step("whisper")),
    ("demo_supervision_barge", _supervision_step("barge")),
    ("demo_escalation_conference", demo_escalation_conference),
    ("demo_hang_up", _demo_step("hang_up")),
    ("demo_stop", _demo_step("stop")),
]
