"""The demo's cast: callers hit the intended shapes of the demo patient directory, and every
recorded line ships as a small 16 kHz mono WAV."""

from __future__ import annotations

import wave

import pytest

from softphone.demo.cast import CALLERS, STAFF, VOICES_FOLDER, all_lines, caller, staff_member
from softphone.patients import DemoPatientDirectory
from softphone.resources_path import resource

MAX_CLIP_BYTES = 256 * 1024


@pytest.fixture(scope="module")
def directory() -> DemoPatientDirectory:
    return DemoPatientDirectory(phi_sink=lambda *_values: None)


@pytest.mark.parametrize("demo_caller", CALLERS, ids=lambda c: c.key)
def test_each_caller_number_gives_the_intended_screen_pop(directory, demo_caller):
    result = directory.lookup_caller(f"sip:{demo_caller.number}@127.0.0.1;user=phone")
    assert result.state.value == demo_caller.expected_lookup
    if demo_caller.expected_lookup == "found":
        assert len(result.candidates) == 1
        directory.load_context(result.candidates[0].patient_id)


def test_the_demo_shows_found_multiple_and_not_found():
    assert {c.expected_lookup for c in CALLERS} == {"found", "multiple", "not_found"}


def test_keys_and_users_are_unique_and_findable():
    assert len({c.key for c in CALLERS}) == len(CALLERS)
    assert len({m.user for m in STAFF}) == len(STAFF)
    assert caller("chest-pain").number.startswith("+")
    assert staff_member("oncall-nurse").greeting.text.startswith("Nurse Patel")
    with pytest.raises(KeyError):
        caller("nobody")


def test_situations_carry_no_numbers():
    for demo_caller in CALLERS:
        assert not any(char.isdigit() for char in demo_caller.situation)


@pytest.mark.parametrize("line", all_lines(), ids=lambda line: line.file)
def test_every_line_is_a_small_16khz_mono_wav(line):
    path = resource(*VOICES_FOLDER, line.file)
    assert path.stat().st_size <= MAX_CLIP_BYTES
    with wave.open(str(path), "rb") as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (16000, 1, 2)
        assert 0.5 < wav.getnframes() / 16000 < 8.0


def test_the_cast_fits_pjsua_account_table():
    from softphone.demo.simulated_parties import MAX_ACCOUNTS

    # A ninth pjsua account is an assertion failure that aborts the switchboard process.
    assert len(CALLERS) + len(STAFF) <= MAX_ACCOUNTS
