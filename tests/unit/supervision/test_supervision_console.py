from __future__ import annotations

import pytest

from softphone.config.model import SupervisionFeatureCodes
from softphone.sip import commands as cmd
from softphone.sip.events import CallDirection, CallState, InDialogMessageStatus
from softphone.sip.routing import SupervisionMode
from softphone.supervision import ConsoleError, ConsolePhase, SupervisorConsole, TeamMember

from .fakes import FakeAudit, FakeEngine, state

ANA = TeamMember("ana", "Ana", "sip:ana@sip.test", extension="2001")


def _console(method: str = "client", **kwargs) -> tuple[SupervisorConsole, FakeEngine, FakeAudit]:
    engine, audit = FakeEngine(), FakeAudit()
    codes = SupervisionFeatureCodes(listen="*222{agent}", whisper="*223{agent}", barge="*224{agent}")
    console = SupervisorConsole(engine.submit, account_id=lambda: "acc", supervisor_id="sup", method=method,
                                feature_codes=codes, audit=audit, **kwargs)
    return console, engine, audit


def _connected(console: SupervisorConsole, call_id: str = "call-50") -> None:
    console.handle_event(state(call_id, CallState.CONFIRMED, CallDirection.OUTGOING))


def test_client_mode_places_the_call_switches_by_message_and_leaves():
    console, engine, audit = _console()
    console.start(ANA, SupervisionMode.LISTEN)
    assert engine.of(cmd.MakeCall) == [cmd.MakeCall("acc", "sip:ana@sip.test", (("X-Supervise", "listen"),))]
    _connected(console)
    assert console.session.phase is ConsolePhase.ACTIVE
    assert engine.of(cmd.SetMute) == [cmd.SetMute("call-50", True)]
    assert console.switch(SupervisionMode.BARGE)
    assert engine.of(cmd.SendInDialogMessage)[-1].headers == (("X-Supervise", "barge"),)
    assert console.session.mode is SupervisionMode.LISTEN and console.session.requested_mode is SupervisionMode.BARGE
    console.handle_event(InDialogMessageStatus("call-50", 200, "OK"))
    assert console.session.mode is SupervisionMode.BARGE and engine.of(cmd.SetMute)[-1].muted is False
    assert console.leave()
    assert engine.of(cmd.Hangup) == [cmd.Hangup("call-50")]
    assert [e["event"] for e in audit.entries] == ["started", "mode_changed", "ended"]
    assert all(e["subject"] == "agent:ana" and e["side"] == "supervisor" for e in audit.entries)


def test_a_refused_switch_keeps_the_mode():
    console, _engine, _audit = _console()
    console.start(ANA, SupervisionMode.LISTEN)
    _connected(console)
    console.switch(SupervisionMode.WHISPER)
    console.handle_event(InDialogMessageStatus("call-50", 481, "No dialog"))
    assert console.session.mode is SupervisionMode.LISTEN and console.session.phase is ConsolePhase.ACTIVE


def test_refused_by_the_agents_phone_is_reported():
    console, _engine, audit = _console()
    console.start(ANA, SupervisionMode.BARGE)
    console.handle_event(state("call-50", CallState.DISCONNECTED, CallDirection.OUTGOING, status=403))
    assert console.session.phase is ConsolePhase.ENDED and console.session.end_reason == "refused"
    assert audit.entries[-1]["sip_status"] == 403


def test_agent_side_ending_it_is_seen():
    console, _engine, _audit = _console()
    console.start(ANA, SupervisionMode.LISTEN)
    _connected(console)
    console.handle_event(state("call-50", CallState.DISCONNECTED, CallDirection.OUTGOING))
    assert console.session.end_reason == "ended_by_agent_side"


def test_one_supervision_at_a_time_and_needs_an_account():
    console, _engine, _audit = _console()
    console.start(ANA, SupervisionMode.LISTEN)
    with pytest.raises(ConsoleError):
        console.start(ANA, SupervisionMode.BARGE)
    nobody = SupervisorConsole(FakeEngine().submit, account_id=lambda: None, supervisor_id="sup")
    with pytest.raises(ConsoleError):
        nobody.start(ANA, SupervisionMode.LISTEN)


def test_pbx_mode_dials_feature_codes_and_redials_to_switch():
    console, engine, audit = _console("pbx")
    console.start(ANA, SupervisionMode.LISTEN)
    assert engine.of(cmd.MakeCall)[-1] == cmd.MakeCall("acc", "*2222001", ())
    _connected(console)
    assert not engine.of(cmd.SetMute)
    console.switch(SupervisionMode.WHISPER)
    assert engine.of(cmd.Hangup) == [cmd.Hangup("call-50")]
    assert engine.of(cmd.MakeCall)[-1] == cmd.MakeCall("acc", "*2232001", ())
    console.handle_event(state("call-50", CallState.DISCONNECTED, CallDirection.OUTGOING))  # the old call
    assert console.session.phase is ConsolePhase.CALLING and console.session.call_id == "call-51"
    _connected(console, "call-51")
    assert console.session.phase is ConsolePhase.ACTIVE and console.session.mode is SupervisionMode.WHISPER
    assert [e["event"] for e in audit.entries] == ["started", "mode_changed"]


def test_the_supervision_calls_events_are_claimed_and_other_calls_events_held_meanwhile_are_handed_back():
    """The desktop asks ``claims`` before its call controller sees an event: the supervision call
    must never reach it, while a call of the supervisor's own placed meanwhile must, in order."""
    from softphone.sip.events import CallMediaChanged, MediaState

    engine, tasks, released = FakeEngine(), [], []
    console = SupervisorConsole(engine.submit, account_id=lambda: "acc", supervisor_id="sup",
                                dispatch=tasks.append, release=released.append)
    console.start(ANA, SupervisionMode.LISTEN)  # MakeCall's result (call-50) not back yet
    ours = state("call-50", CallState.CALLING, CallDirection.OUTGOING)
    other = state("call-7", CallState.CALLING, CallDirection.OUTGOING)
    other_media = CallMediaChanged("call-7", MediaState.ACTIVE)
    a_patient = state("call-3", CallState.CONFIRMED, CallDirection.INCOMING)
    for event in (ours, other, other_media):
        assert console.claims(event)
        console.handle_event(event)
    assert not console.claims(a_patient)
    assert released == []
    tasks.pop(0)()  # the result arrives: call-50 is ours, call-7's events go back, in order
    assert released == [other, other_media]
    assert console.session.call_id == "call-50"
    assert console.claims(state("call-50", CallState.CONFIRMED, CallDirection.OUTGOING))
    assert not console.claims(state("call-7", CallState.CONFIRMED, CallDirection.OUTGOING))
    console.leave()
    assert console.claims(state("call-50", CallState.DISCONNECTED, CallDirection.OUTGOING))  # late events too


def test_left_and_started_again_before_the_first_call_id_came_back():
    tasks, released = [], []
    console, engine, _audit = _console(dispatch=tasks.append, release=released.append)
    console.start(ANA, SupervisionMode.LISTEN)  # call-50
    console.leave()
    console.start(ANA, SupervisionMode.BARGE)  # call-51
    first = state("call-50", CallState.CALLING, CallDirection.OUTGOING)
    second = state("call-51", CallState.CALLING, CallDirection.OUTGOING)
    assert console.claims(first) and console.claims(second)
    tasks.pop(0)()  # call-50: the stale one is hung up, the new session does not adopt it
    assert engine.of(cmd.Hangup) == [cmd.Hangup("call-50")]
    assert console.session.call_id is None and released == []  # call-51 still awaited: nothing released
    tasks.pop(0)()
    assert console.session.call_id == "call-51" and console.session.mode is SupervisionMode.BARGE
    assert released == []


def test_closing_the_app_ends_and_audits_the_supervision():
    console, engine, audit = _console()
    console.start(ANA, SupervisionMode.WHISPER)
    _connected(console)
    assert console.leave("app_closed")
    assert engine.of(cmd.Hangup) == [cmd.Hangup("call-50")]
    assert audit.entries[-1]["event"] == "ended" and audit.entries[-1]["reason"] == "app_closed"
