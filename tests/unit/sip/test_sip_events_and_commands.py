from __future__ import annotations

import dataclasses
import sys

import pytest

from softphone.sip import quality_monitor
from softphone.sip.calls import CallRegistry, UnknownCall
from softphone.sip.commands import Reject
from softphone.sip.events import CallerIdentity, IdentitySource, IncomingCall


def test_events_are_immutable_and_header_lookup_is_case_insensitive():
    event = IncomingCall("call-1", "acc", "sip:a@b", "A", CallerIdentity("sip:a@b", "A", IdentitySource.FROM),
                         headers=(("Call-Info", "<sip:x>;answer-after=0"),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.call_id = "x"  # type: ignore[misc]
    assert event.header("call-info") == "<sip:x>;answer-after=0"
    assert event.header("subject") is None


def test_reject_helpers():
    assert Reject.decline("c").status_code == 603
    assert Reject.busy("c").status_code == 486


def test_registry_ids_are_never_reused():
    registry = CallRegistry()
    ids = [registry.new_id() for _ in range(3)]
    assert len(set(ids)) == 3
    with pytest.raises(UnknownCall):
        registry.get(ids[0])
    assert registry.release(ids[0]) is None


def test_registry_ids_differ_between_runs():
    """Notes are stored under the call id; the next run's first call must not reuse one."""
    first_run, second_run = CallRegistry(), CallRegistry()
    assert first_run.new_id() != second_run.new_id()


def test_pure_modules_do_not_import_pjsua2():
    # routing/quality authors and the UI import these without loading the SIP stack
    code = (
        "import sys, softphone.sip.events, softphone.sip.commands, softphone.sip.config,"
        " softphone.sip.default_routing, softphone.sip.caller_identity;"
        " assert 'pjsua2' not in sys.modules"
    )
    import subprocess

    subprocess.run([sys.executable, "-c", code], check=True)


def test_mos_uses_estimator_when_present(monkeypatch):
    seen = {}

    def fake(codec, loss_pct, jitter_ms, rtt_ms, jitter_buffer_ms=None):
        seen.update(codec=codec, loss_pct=loss_pct)
        return 4.2

    monkeypatch.setattr(quality_monitor, "_estimator", fake)
    assert quality_monitor._mos("PCMU", 1.0, 2.0, 10.0, None) == 4.2
    assert seen == {"codec": "PCMU", "loss_pct": 1.0}
    monkeypatch.setattr(quality_monitor, "_estimator", quality_monitor._MISSING)
    assert quality_monitor._mos("PCMU", 1.0, 2.0, 10.0, None) is None


def test_mos_from_the_real_estimator():
    monkey = quality_monitor._estimator
    quality_monitor._estimator = None  # look it up afresh
    try:
        mos = quality_monitor._mos("G722", 0.0, 1.0, 1.0, 20.0)
    finally:
        quality_monitor._estimator = monkey
    assert mos is not None and 4.0 < mos <= 4.5
