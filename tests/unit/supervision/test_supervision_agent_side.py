from __future__ import annotations

from softphone.agent.call_scene import CallSceneOwner
from softphone.sip import commands as cmd
from softphone.sip.events import CallMediaChanged, CallState, InDialogMessage, MediaState
from softphone.sip.routing import AGENT_EAR, AGENT_MIC, PATIENT, SUPERVISOR, Route, SupervisionMode, hears
from softphone.supervision import Refusal, SupervisedCallService, SupervisionPolicy

from .fakes import FakeAudit, FakeEngine, patient_invite, state, supervision_invite


class Rig:
    def __init__(self) -> None:
        self.engine = FakeEngine()
        self.audit = FakeAudit()
        self.scene = CallSceneOwner(self.engine.submit)
        self.service = SupervisedCallService(self.engine.submit, self.scene,
                                             SupervisionPolicy(frozenset({"supervisor@sip.test"})),
                                             agent_id="agent-7", audit=self.audit, monotonic=lambda: 10.0)
        self.sessions: list = []
        self.service.on_change(self.sessions.append)

    def feed(self, *events: object) -> None:
        for event in events:  # as the app does: the scene first, then the service
            self.scene.handle_event(event)
            self.service.handle_event(event)

    def patient_talking(self) -> None:
        self.feed(patient_invite("call-1"), state("call-1", CallState.CONFIRMED), CallMediaChanged("call-1", MediaState.ACTIVE))

    def routes(self) -> frozenset[Route]:
        return self.engine.of(cmd.ApplyRoutes)[-1].routes

    def supervisor_connected(self, mode: str = "listen") -> None:
        self.feed(supervision_invite("call-2", mode), state("call-2", CallState.CONFIRMED))


def test_authorised_supervisor_is_answered_and_routed_listen_whisper_barge():
    rig = Rig()
    rig.patient_talking()
    rig.supervisor_connected("listen")
    assert rig.engine.of(cmd.Answer) == [cmd.Answer("call-2")]
    assert rig.scene.patient_call_id == "call-1" and rig.scene.supervisor_call_id == "call-2"
    routes = rig.routes()
    assert hears(routes, SUPERVISOR) == {AGENT_MIC, PATIENT}
    assert SUPERVISOR not in hears(routes, AGENT_EAR) | hears(routes, PATIENT)
    assert dict(rig.engine.of(cmd.ApplyRoutes)[-1].parties) == {"patient": "call-1", "supervisor": "call-2"}

    rig.feed(InDialogMessage("call-2", "text/plain", "whisper", (("X-Supervise", "whisper"),)))
    routes = rig.routes()
    assert SUPERVISOR in hears(routes, AGENT_EAR) and SUPERVISOR not in hears(routes, PATIENT)
    rig.feed(InDialogMessage("call-2", "text/plain", "barge"))  # the body alone is enough
    routes = rig.routes()
    assert SUPERVISOR in hears(routes, AGENT_EAR) and SUPERVISOR in hears(routes, PATIENT)
    assert rig.service.session.mode is SupervisionMode.BARGE and rig.service.session.indicator is SupervisionMode.BARGE
    events = [(e["event"], e.get("mode")) for e in rig.audit.entries]
    assert events == [("started", "listen"), ("mode_changed", "whisper"), ("mode_changed", "barge")]
    assert all(e["subject"] == "call:call-1" and e["actor"] == "agent-7" for e in rig.audit.entries)


def test_supervision_calls_never_become_the_patient_nor_call_waiting():
    rig = Rig()
    rig.patient_talking()
    rig.feed(supervision_invite("call-2", "listen", uri="sip:agent2@sip.test"))  # refused
    assert rig.scene.patient_call_id == "call-1"
    assert "tone:call_waiting" not in {r.source for r in rig.routes()}
    assert rig.service.claims(state("call-2", CallState.INCOMING))
    assert not rig.service.claims(state("call-1", CallState.CONFIRMED))


def test_refusals_403_486_480_are_audited_and_leave_the_patient_call_alone():
    rig = Rig()
    rig.feed(supervision_invite("call-9", "listen"))  # no call to supervise yet
    assert rig.engine.of(cmd.Reject)[-1] == cmd.Reject("call-9", 480)
    rig.patient_talking()
    before = rig.routes()
    rig.feed(supervision_invite("call-3", "barge", uri="sip:+15550199@sip.test"))
    assert rig.engine.of(cmd.Reject)[-1] == cmd.Reject("call-3", 403)
    assert rig.routes() == before  # the refused call is connected to nothing
    rig.supervisor_connected()
    rig.feed(supervision_invite("call-4", "listen"))
    assert rig.engine.of(cmd.Reject)[-1] == cmd.Reject("call-4", 486)
    assert [why for _, why in rig.service.refused] == [Refusal.NO_CALL, Refusal.NOT_AUTHORISED, Refusal.BUSY]
    assert not rig.engine.of(cmd.Hangup)
    refused = [e for e in rig.audit.entries if e["event"] == "refused"]
    assert refused[1]["identity_ref"].startswith("sha256:") and "supervisor" not in refused[1]
    assert "5550199" not in str(refused)  # a spoofer's claimed number is never written down


def test_a_mode_message_on_another_call_is_ignored():
    rig = Rig()
    rig.patient_talking()
    rig.supervisor_connected("listen")
    rig.feed(InDialogMessage("call-1", "text/plain", "barge", (("X-Supervise", "barge"),)))
    assert rig.service.session.mode is SupervisionMode.LISTEN
    assert SUPERVISOR not in hears(rig.routes(), PATIENT)


def test_patient_hang_up_ends_the_supervision_and_hangs_up_the_supervisor():
    rig = Rig()
    rig.patient_talking()
    rig.supervisor_connected("whisper")
    rig.feed(state("call-1", CallState.DISCONNECTED))
    assert rig.engine.of(cmd.Hangup) == [cmd.Hangup("call-2")]
    assert rig.service.session is None and rig.sessions[-1] is None
    assert rig.scene.supervisor_call_id is None
    assert SUPERVISOR not in {r.source for r in rig.routes()} | {r.sink for r in rig.routes()}
    assert rig.audit.entries[-1]["event"] == "ended" and rig.audit.entries[-1]["reason"] == "patient_call_ended"


def test_supervisor_hang_up_ends_it_and_the_patient_call_goes_on():
    rig = Rig()
    rig.patient_talking()
    rig.supervisor_connected("barge")
    rig.feed(state("call-2", CallState.DISCONNECTED))
    assert not rig.engine.of(cmd.Hangup)
    assert rig.audit.entries[-1]["reason"] == "supervisor_left"
    assert hears(rig.routes(), AGENT_EAR) == {PATIENT} and hears(rig.routes(), PATIENT) == {AGENT_MIC}


def test_the_agents_app_closing_ends_and_audits_the_supervision():
    rig = Rig()
    rig.patient_talking()
    rig.supervisor_connected("barge")
    assert rig.service.leave("app_closed")
    assert rig.engine.of(cmd.Hangup) == [cmd.Hangup("call-2")]
    assert rig.service.session is None and rig.scene.supervisor_call_id is None
    assert (rig.audit.entries[-1]["event"], rig.audit.entries[-1]["reason"]) == ("ended", "app_closed")
