"""The diagnostics bundle: useful to support, free of patient data.

A scripted session writes what a real one does: app log lines (redacted as they are written),
a raw SIP trace and a crash log written before the patient was known (not redacted), an
encrypted database holding the call's note and caller. The bundle must contain none of the
patient's values, and still the servers, timestamps and registration history support needs.
"""

from __future__ import annotations

import json
import logging
import stat
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from softphone.cli import main
from softphone.config.loader import load_settings
from softphone.diagnostics import write_diagnostics_bundle
from softphone.diagnostics.known_phi import KnownPhi, phi_from_database
from softphone.diagnostics.log_collection import collect_recent_logs
from softphone.diagnostics.redaction import BundleRedactor, redact_url_userinfo
from softphone.diagnostics.settings_report import settings_report
from softphone.logs.setup import configure_logging, phi_registry
from softphone.storage import generate_key, open_database
from softphone.storage.models import CallDirection, CallRecord
from softphone.storage.notes import save_note

PATIENT_NAME = "Henrietta Okonkwo-Baptiste"
PATIENT_REF = "Patient/mrn-88412207"
NOTE_TEXT = "worsening shortness of breath after the new inhaler, daughter worried"
PHONE_E164 = "+15558675309"
PHONE_DISPLAY = "(555) 867-5309"
DOB = "1951-07-14"
EMAIL = "h.okonkwo@mail.example"
PBX_ADDRESS = "10.20.30.40"

PHI_VALUES = [PATIENT_NAME, "Okonkwo", "Henrietta", PATIENT_REF, "mrn-88412207", NOTE_TEXT,
              "shortness of breath", PHONE_E164, "8675309", PHONE_DISPLAY, DOB, EMAIL]


@pytest.fixture
def app_logging(isolated_profile):
    log_dir = isolated_profile / "logs"
    configure_logging(log_dir, level="DEBUG")
    yield log_dir
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() in {"softphone-file", "softphone-console"}:
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def scripted_session(app_logging, isolated_profile):
    """Logs, traces and a database as a session with one patient's call leaves them."""
    log = logging.getLogger("softphone.sip.account")
    log.info("account agent: REGISTER sent to %s:5061", PBX_ADDRESS)
    log.info("account agent: registration ok (200), expires 300 s")
    # The patient panel registers what it shows; from then on the app's formatter masks it.
    phi_registry.remember(PATIENT_NAME, NOTE_TEXT)
    logging.getLogger("softphone.patients").info("screen-pop %s born %s tel %s", PATIENT_NAME, DOB, PHONE_DISPLAY)
    logging.getLogger("softphone.sip.pjsua").debug(
        "RX INVITE sip:agent@%s From: \"%s\" <sip:%s@%s>", PBX_ADDRESS, PATIENT_NAME, PHONE_E164, PBX_ADDRESS
    )
    log.warning("account agent: REGISTER failed (503), retry on server #1 in 2.0 s")
    for handler in logging.getLogger().handlers:
        handler.flush()

    # Files nothing redacted: a SIP trace from pjsua's own file logging and a crash report
    # written before the app knew who the caller was (and by a process without the registry).
    (app_logging / "sip-trace.log").write_text(
        f"2026-11-26 10:00:01,000 SIP recv 812 bytes from {PBX_ADDRESS}:5061\n"
        f'INVITE sip:agent@{PBX_ADDRESS} SIP/2.0\nFrom: "{PATIENT_NAME}" <sip:{PHONE_E164}@{PBX_ADDRESS}>\n'
        f"P-Asserted-Identity: <tel:{PHONE_E164}>\nSubject: {NOTE_TEXT}\n"
    )
    (app_logging / "crash-20261126.log").write_text(
        f"Traceback (most recent call last):\nValueError: cannot parse patient {PATIENT_NAME.upper()} "
        f"({PATIENT_REF}) dob={DOB} contact {EMAIL}\nnote was: {NOTE_TEXT}\n"
    )
    (app_logging / "capture.pcap").write_bytes(b"\xd4\xc3\xb2\xa1\x02\x00\x04\x00" + b"\0" * 64 + PHONE_E164.encode())

    database = open_database(None, sqlite_path=isolated_profile / "data" / "softphone.db", key=generate_key())
    with database.session() as session:
        save_note(session, call_id="call-1", body=NOTE_TEXT, patient_ref=PATIENT_REF)
        session.add(CallRecord(call_id="call-1", direction=CallDirection.INBOUND, remote_party=PATIENT_NAME,
                               started_at=datetime.now(UTC)))
    yield database
    database.close()


def bundle_texts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def make_bundle(tmp_path, log_dir, database, system_file, user_file) -> Path:
    known = KnownPhi(phi_from_database(database), "test database")
    destination = tmp_path / "out" / "diagnostics.zip"
    write_diagnostics_bundle(
        destination,
        log_dir=log_dir,
        settings=settings_report(load_settings(system_file, user_file)),
        known_phi=known,
        audio=lambda: {"portaudio": [{"name": "Jabra Evolve2 65", "index": 3}]},
    )
    return destination


def test_the_bundle_of_a_scripted_session_contains_no_patient_data(
    tmp_path, scripted_session, app_logging, system_file, user_file
):
    bundle = make_bundle(tmp_path, app_logging, scripted_session, system_file, user_file)
    texts = bundle_texts(bundle)

    everything = "\n".join(texts.values()).casefold()
    leaks = [value for value in PHI_VALUES if value.casefold() in everything]
    assert leaks == []
    assert "logs/sip-trace.log" in texts and "logs/crash-20261126.log" in texts and "logs/softphone.log" in texts


def test_the_bundle_keeps_what_support_needs(tmp_path, scripted_session, app_logging, system_file, user_file):
    system_file.write_text(f'[sip]\nservers = [{{ host = "{PBX_ADDRESS}" }}]\n[policy]\nlocked = ["sip.servers"]\n')
    texts = bundle_texts(make_bundle(tmp_path, app_logging, scripted_session, system_file, user_file))

    assert PBX_ADDRESS in texts["logs/sip-trace.log"]
    history = texts["registration-history.txt"].splitlines()
    assert any("REGISTER failed (503)" in line for line in history)
    assert all(line[:4].isdigit() for line in history), "timestamps must survive the date redaction"
    settings = json.loads(texts["settings.json"])
    assert settings["effective"]["sip"]["servers"] == [{"host": PBX_ADDRESS, "port": None}]
    assert settings["locked"] == ["sip.servers"]
    assert json.loads(texts["audio-devices.json"])["portaudio"][0]["name"] == "Jabra Evolve2 65"
    manifest = json.loads(texts["manifest.json"])
    assert manifest["skipped"] == ["capture.pcap (binary)"]
    assert manifest["version"]["softphone"]


def test_settings_urls_lose_their_credentials(system_file, user_file):
    system_file.write_text('[storage]\ndatabase_url = "postgresql+psycopg://callcentre@db.hospital.example/softphone"\n')
    report = settings_report(load_settings(system_file, user_file))
    assert report["effective"]["storage"]["database_url"] == "postgresql+psycopg://[redacted]@db.hospital.example/softphone"
    assert redact_url_userinfo("proxy https://it:s3cret@proxy.example:3128/") == "proxy https://[redacted]@proxy.example:3128/"


def test_log_redaction_keeps_line_timestamps_and_server_addresses():
    redactor = BundleRedactor([PATIENT_NAME])
    line = f"2026-11-26 10:00:01,123 INFO x: call from {PATIENT_NAME} <sip:{PHONE_E164}@{PBX_ADDRESS}> dob {DOB}\n"
    redacted = redactor.redact_log(line)
    assert redacted.startswith("2026-11-26 10:00:01,123 INFO")
    assert PATIENT_NAME not in redacted and PHONE_E164 not in redacted and DOB not in redacted
    assert PBX_ADDRESS in redacted


def test_large_logs_are_tailed_at_a_line_boundary(tmp_path):
    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    (log_dir / "softphone.log").write_text("".join(f"line {n:06d} {PHONE_E164}\n" for n in range(10_000)))
    (logs, skipped) = collect_recent_logs(log_dir, max_bytes_per_file=1000)
    assert skipped == []
    assert logs[0].truncated
    assert logs[0].text.startswith("line ") and logs[0].text.endswith(f"line 009999 {PHONE_E164}\n")


def test_the_command_writes_an_owner_only_bundle_and_reports_a_broken_system_file(tmp_path, system_file, capsys):
    system_file.write_text('[sip]\ntransport = "fax"\n')
    destination = tmp_path / "bundle.zip"
    assert main(["--diagnostics", str(destination)]) == 0
    assert str(destination) in capsys.readouterr().out
    assert stat.S_IMODE(destination.stat().st_mode) == 0o600
    settings = json.loads(bundle_texts(destination)["settings.json"])
    assert settings["valid"] is False
    assert any("sip.transport" in problem for problem in settings["problems"])
