"""PHI never reaches the log files: patterns (numbers, URIs, dates) and known values (names, notes)."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given, settings, strategies as st

from softphone.logs.phi_redaction import REDACTED, PhiRegistry, redact_patterns
from softphone.logs.setup import configure_logging, phi_registry

PATIENT_NAME = "Maria Lopez-Garcia"
NOTE_TEXT = "Reports crushing chest pain since Tuesday, took aspirin"
PHONE = "+1 (555) 123-4567"
DOB = "1984-02-29"


@pytest.fixture
def log_file(tmp_path):
    path = configure_logging(tmp_path / "logs", level="DEBUG")
    yield path
    for handler in list(logging.getLogger().handlers):
        if handler.get_name() in {"softphone-file", "softphone-console"}:
            logging.getLogger().removeHandler(handler)
            handler.close()


def read(path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_a_scripted_session_leaves_no_phi_in_the_log_file(log_file):
    log = logging.getLogger("softphone.test.session")
    phi_registry.remember(PATIENT_NAME, NOTE_TEXT)
    log.info("incoming call from sip:%s@pbx.example.org display=%r", "+15551234567", PATIENT_NAME)
    log.info("screen-pop matched %s born %s, phone %s", PATIENT_NAME, DOB, PHONE)
    log.debug("autosave note for call 17: %s", NOTE_TEXT)
    log.warning("lookup failed for Lopez-Garcia")
    try:
        raise ValueError(f"cannot store note {NOTE_TEXT!r} for {PATIENT_NAME}")
    except ValueError:
        log.exception("note save failed for call 17")

    text = read(log_file)
    for secret in (PATIENT_NAME, "Lopez", "Maria", NOTE_TEXT, "crushing chest pain", "5551234567", "123-4567", DOB):
        assert secret not in text, secret
    # The log is still useful: identifiers and the shape of what happened survive.
    assert "call 17" in text
    assert "screen-pop matched" in text
    assert "ValueError" in text
    assert REDACTED in text


def test_the_same_lines_without_redaction_would_leak(tmp_path):
    """The check above can fail: a plain formatter writes the PHI."""
    handler = logging.FileHandler(tmp_path / "plain.log")
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("softphone.test.plain")
    logger.addHandler(handler)
    logger.propagate = False
    logger.warning("screen-pop matched %s born %s", PATIENT_NAME, DOB)
    handler.close()
    assert PATIENT_NAME in (tmp_path / "plain.log").read_text()


def test_timestamps_and_ports_are_not_mangled(log_file):
    logging.getLogger("softphone.test").info("listening on 127.0.0.1:5060 after 250 ms, peer 10.20.30.40")
    text = read(log_file)
    assert "127.0.0.1:5060 after 250 ms, peer 10.20.30.40" in text
    assert text[:4].isdigit() and text[4] == "-"  # the timestamp is left alone


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("call from tel:+44-20-7946-0958", "7946"),
        ("from: sips:jdoe@hospital.example", "jdoe"),
        ("mail j.doe@example.org", "j.doe"),
        ("DOB 29/02/1984", "1984"),
        ("number 0044 20 7946 0958", "7946"),
        ("US style 555.123.4567", "4567"),
    ],
)
def test_patterns_mask_identifiers(line, secret):
    redacted = redact_patterns(line)
    assert secret not in redacted
    assert REDACTED in redacted


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=65, max_codepoint=122), min_size=3, max_size=30))
def test_any_remembered_value_is_masked_in_any_context(value):
    registry = PhiRegistry()
    registry.remember(value)
    # Punctuation around it: masking is case-insensitive anywhere, so a word around the value
    # could itself contain the value ("prefix" contains "efi").
    assert registry.redact(f"<{value}>") == f"<{REDACTED}>"


def test_registry_forgets_oldest_values_beyond_capacity():
    registry = PhiRegistry(capacity=2)
    registry.remember("Alpha")
    registry.remember("Bravo")
    registry.remember("Charlie")
    assert registry.redact("Alpha Bravo Charlie") == f"Alpha {REDACTED} {REDACTED}"
