"""Regression: the switchboard child segfaulted a few blind transfers into a session.

The transferred patient's SimulatedCall did not hand pjsua2 a new Call for the REFER, so pjsua2
reused that object for the new call to the colleague; when the agent's leg ended the object was
released while the new call still pointed at it, and the next events on it crashed the child.
And since the wheel holds four calls at most, the transferred call must end by itself."""

from __future__ import annotations

import pytest

from softphone.demo.cast import ON_CALL_NURSE
from softphone.demo.events import PartyCallChanged, PartyCallState, SwitchboardExited
from softphone.demo.protocol import Voice
from softphone.sip import Answer, BlindTransfer, CallState, CallStateChanged, Hangup, IncomingCall, TransferProgress

pytestmark = pytest.mark.integration


def test_a_session_of_calls_and_blind_transfers_keeps_the_switchboard_alive(agent, switchboard, demo_events):
    """Before the fix the child died (SIGSEGV) within the first few transfers."""
    transfers = 0
    for number in range(6):
        switchboard.place_patient_call("chest-pain", Voice.tone(1000)).result(5)
        incoming = agent.events.wait(IncomingCall)
        agent.run(Answer(incoming.call_id))
        agent.events.wait(CallStateChanged, lambda e: e.call_id == incoming.call_id and e.state is CallState.CONFIRMED)
        if number % 3 != 1:
            agent.run(BlindTransfer(incoming.call_id, switchboard.endpoints.on_call_nurse_uri))
            done = agent.events.wait(TransferProgress, lambda e: e.call_id == incoming.call_id and e.final)
            assert done.status_code == 200, done  # the nurse picked up
            transfers += 1
        else:
            agent.run(Hangup(incoming.call_id))
        agent.events.wait(CallStateChanged, lambda e: e.call_id == incoming.call_id
                          and e.state is CallState.DISCONNECTED)
        if number % 3 != 1:
            # The transferred patient talks with the nurse briefly, then hangs up by itself (the
            # switchboard's four call slots must be free again for the next patient).
            demo_events.wait(PartyCallChanged, lambda e: e.party == ON_CALL_NURSE.user
                             and e.state is PartyCallState.TALKING)
            demo_events.wait(PartyCallChanged, lambda e: e.party == ON_CALL_NURSE.user
                             and e.state is PartyCallState.ENDED, timeout=5)
        assert switchboard.running, "the switchboard child died"
    assert transfers == 4
    with pytest.raises(Exception, match="no SwitchboardExited"):
        demo_events.wait(SwitchboardExited, timeout=0.1)
