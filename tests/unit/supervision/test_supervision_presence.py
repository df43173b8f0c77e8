from __future__ import annotations

from softphone.agent.state import AgentStateMachine
from softphone.sip import commands as cmd
from softphone.sip.events import BuddyPresenceChanged, PresenceActivity
from softphone.supervision import AgentPresencePublisher, TeamMember, TeamRoster, TeamState
from softphone.supervision.presence_note import decode, decode_alert, encode

from .fakes import FakeEngine


def test_every_agent_state_round_trips_through_presence():
    for state in ("available", "on_call", "wrap_up", "break", "offline"):
        status = encode(state, 42.9)
        decoded, elapsed = decode(status.online, status.activity, status.note)
        assert decoded.value == state
        assert elapsed == (42.0 if state in ("on_call", "wrap_up", "break") else None)


def test_foreign_or_hostile_notes_degrade_to_sensible_states():
    assert decode(True, PresenceActivity.BUSY, "In a meeting") == (TeamState.ON_CALL, None)
    assert decode(True, PresenceActivity.AWAY, "")[0] is TeamState.BREAK
    assert decode(True, PresenceActivity.UNKNOWN, "on_call;elapsed=99999999999")[1] == 7 * 24 * 3600
    assert decode(True, PresenceActivity.UNKNOWN, "unknown")[0] is TeamState.AVAILABLE
    assert decode(None, PresenceActivity.UNKNOWN, "on_call") == (TeamState.UNKNOWN, None)
    assert decode_alert("on_call;alert=<script>chest pain") == "scriptchestpain"


def test_publisher_follows_the_agent_state_and_the_escalation_alert():
    engine = FakeEngine()
    now = [0.0]
    agent = AgentStateMachine(("Done",), ("Lunch",))
    publisher = AgentPresencePublisher(engine.submit, agent, account_id=lambda: "acc", monotonic=lambda: now[0])
    publisher.publish()
    agent.call_started("c1")
    now[0] = 12.0
    publisher.raise_alert("chest_pain")
    agent.all_calls_ended(["c1"])
    agent.submit_disposition("Done")
    notes = [c.note for c in engine.of(cmd.SetPresence)]
    assert notes == ["available", "on_call;elapsed=0", "on_call;elapsed=12;alert=chest_pain",
                     "wrap_up;elapsed=0;alert=chest_pain", "available"]
    assert engine.of(cmd.SetPresence)[1].activity == "busy"


def test_roster_tracks_members_by_uri_with_durations():
    now = [1000.0]
    roster = TeamRoster([TeamMember("ana", "Ana", "sip:ana@sip.test")], monotonic=lambda: now[0])
    changes = []
    roster.on_change(changes.append)
    engine = FakeEngine()
    roster.subscribe_all(engine.submit, "acc")
    assert engine.of(cmd.SubscribePresence) == [cmd.SubscribePresence("acc", "sip:ana@sip.test")]
    roster.handle_event(BuddyPresenceChanged("buddy-1", "acc", "<sip:Ana@sip.test>", True, PresenceActivity.BUSY,
                                             "on_call;elapsed=30", "active"))
    roster.handle_event(BuddyPresenceChanged("buddy-9", "acc", "sip:eve@sip.test", True, PresenceActivity.BUSY, "", ""))
    member = roster.get("ana")
    assert member.state is TeamState.ON_CALL and member.seconds_in_state(now[0] + 5) == 35
    assert len(changes) == 1
    roster.handle_event(BuddyPresenceChanged("buddy-1", "acc", "sip:ana@sip.test", None, PresenceActivity.UNKNOWN,
                                             "", "terminated"))
    assert roster.get("ana").state is TeamState.UNKNOWN


def test_roster_subscribes_again_with_backoff_after_the_network_ended_a_subscription():
    now = [0.0]
    roster = TeamRoster([TeamMember("ana", "Ana", "sip:ana@sip.test")], monotonic=lambda: now[0])
    engine = FakeEngine()
    roster.subscribe_all(engine.submit, "acc")
    roster.buddies["ana"] = "buddy-1"  # what the engine's SubscribePresence answered
    assert roster.retry_due() == 0
    # Ana's phone was not registered yet: the subscription ends (404 -> terminated, no state).
    roster.handle_event(BuddyPresenceChanged("buddy-1", "acc", "sip:ana@sip.test", None, PresenceActivity.UNKNOWN,
                                             "", "terminated"))
    assert roster.get("ana").state is TeamState.UNKNOWN
    now[0] = 1.9
    assert roster.retry_due() == 0
    now[0] = 2.0
    assert roster.retry_due() == 1
    assert engine.of(cmd.UnsubscribePresence) == [cmd.UnsubscribePresence("buddy-1")]
    assert engine.of(cmd.SubscribePresence)[-1] == cmd.SubscribePresence("acc", "sip:ana@sip.test")
    roster.buddies["ana"] = "buddy-2"
    # The new subscription's "sent" is no answer yet; it fails again: the next try waits longer.
    roster.handle_event(BuddyPresenceChanged("buddy-2", "acc", "sip:ana@sip.test", None, PresenceActivity.UNKNOWN,
                                             "", "sent"))
    roster.handle_event(BuddyPresenceChanged("buddy-2", "acc", "sip:ana@sip.test", None, PresenceActivity.UNKNOWN,
                                             "", "terminated"))
    now[0] = 5.9
    assert roster.retry_due() == 0
    now[0] = 6.0
    assert roster.retry_due() == 1
    roster.buddies["ana"] = "buddy-3"
    # A late NOTIFY of a replaced subscription changes nothing; the new one becomes active.
    roster.handle_event(BuddyPresenceChanged("buddy-1", "acc", "sip:ana@sip.test", False, PresenceActivity.UNKNOWN,
                                             "offline", "active"))
    assert roster.get("ana").state is TeamState.UNKNOWN
    roster.handle_event(BuddyPresenceChanged("buddy-3", "acc", "sip:ana@sip.test", True, PresenceActivity.BUSY,
                                             "on_call;elapsed=3", "active"))
    assert roster.get("ana").state is TeamState.ON_CALL
    now[0] = 100.0
    assert roster.retry_due() == 0  # active: nothing to retry
