"""The self-test's supervision steps, on the embedded demo (``softphone --self-test``).

Runs on the demo check's agent engine and switchboard (``softphone.demo.self_check``) while the
agent talks with the demo patient: the demo supervisor calls in with ``X-Supervise: listen``, then
switches to whisper and to barge by in-dialog MESSAGE; the agent side is the product's own
``SupervisedCallService`` and ``CallSceneOwner``. Each mode is proven by what each party hears
(agent 600 Hz, patient 1000 Hz, supervisor 1800 Hz, measured at every ear). The barge step ends
with the supervisor hanging up and the routing back to agent and patient alone.

The demo's switchboard runs on loopback and asserts nobody: its supervisor is recognised by From,
which only the demo allows (``require_asserted_identity=False``).
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from typing import Any

AGENT_TONE, PATIENT_TONE, SUPERVISOR_TONE = 600, 1000, 1800
TONES = (AGENT_TONE, PATIENT_TONE, SUPERVISOR_TONE)
LISTEN_S = 0.8
SETTLE_S = 0.3
TIMEOUT_S = 5.0
DEMO_SUPERVISOR = "supervisor@127.0.0.1"


class SupervisionDemoCheck:
    def __init__(self, check: Any, failed: type[Exception]) -> None:
        """``check``: a ``demo.self_check.DemoSelfCheck`` with the patient call talking."""
        from softphone.agent.call_scene import CallSceneOwner
        from softphone.sip.routing import SupervisionMode
        from softphone.supervision import SupervisedCallService, SupervisionPolicy

        self.check = check
        self.failed = failed
        if check.engine is None or not check.patient_call:
            raise failed("no patient call to supervise")
        self.events: queue.Queue[Any] = queue.Queue()
        self._unsubscribe = check.engine.subscribe(self.events.put)
        self.scene = CallSceneOwner(check.engine.submit, hold_tone=False)
        policy = SupervisionPolicy(frozenset({DEMO_SUPERVISOR}), require_asserted_identity=False,
                                   indicator_modes=frozenset({SupervisionMode.WHISPER, SupervisionMode.BARGE}))
        self.service = SupervisedCallService(check.engine.submit, self.scene, policy, agent_id="self-test")
        # The scene owner starts following the agent's calls now: what the engine knows of them.
        for event in check.engine.submit(self._snapshot).result(TIMEOUT_S):
            self._deliver(event)
        self.supervisor_party_call = ""

    # ----- steps -------------------------------------------------------------------------------

    def listen(self) -> str:
        from softphone.demo.protocol import Voice
        from softphone.sip.routing import SupervisionMode

        started = time.perf_counter()
        switchboard = self.check.switchboard
        self.supervisor_party_call = switchboard.call_as_supervisor("listen", Voice.tone(SUPERVISOR_TONE)).result(TIMEOUT_S)
        self._pump(lambda: self.service.session is not None
                   and self.scene.leg_state(self.service.session.call_id) is not None
                   and self.scene.leg_state(self.service.session.call_id).value == "talking", "supervisor answered")
        joined_ms = round((time.perf_counter() - started) * 1000)
        return f"supervisor joined in {joined_ms} ms; " + self._verify(SupervisionMode.LISTEN)

    def switch(self, mode_name: str) -> str:
        from softphone.sip.routing import SupervisionMode

        mode = SupervisionMode(mode_name)
        if not self.supervisor_party_call or self.service.session is None:
            raise self.failed("no supervision to switch")
        started = time.perf_counter()
        self.check.switchboard.change_supervision_mode(self.supervisor_party_call, mode.value).result(TIMEOUT_S)
        self._pump(lambda: self.service.session is not None and self.service.session.mode is mode, f"{mode.value} applied")
        switched_ms = round((time.perf_counter() - started) * 1000)
        detail = f"switched in {switched_ms} ms; " + self._verify(mode)
        if mode is SupervisionMode.BARGE:
            detail += "; " + self._leave()
        return detail

    def close(self) -> None:
        self._unsubscribe()

    # ----- internals ---------------------------------------------------------------------------

    def _leave(self) -> str:
        self.check.switchboard.hang_up(self.supervisor_party_call).result(TIMEOUT_S)
        self._pump(lambda: self.service.session is None, "supervision ended")
        # What was already on its way (RTP, the patient's jitter buffer) is not the new routing.
        self._pump(lambda: False, "", timeout=SETTLE_S, quiet=True)
        heard, agent_heard = self._listen({"patient": self.check.patient_party_call})
        if not (agent_heard.tone_absent(SUPERVISOR_TONE) and heard["patient"].tone_absent(SUPERVISOR_TONE)
                and agent_heard.tone_present(PATIENT_TONE) and heard["patient"].tone_present(AGENT_TONE)):
            raise self.failed("after the supervisor left, the routing did not return to agent and patient alone "
                              f"(agent heard {agent_heard.tones_dbfs}, patient heard {heard['patient'].tones_dbfs})")
        return "supervisor left, agent and patient alone again"

    def _verify(self, mode: Any) -> str:
        heard, agent_heard = self._listen({"patient": self.check.patient_party_call,
                                           "supervisor": self.supervisor_party_call})
        patient, supervisor = heard["patient"], heard["supervisor"]
        expect = {
            "supervisor hears agent": supervisor.tone_present(AGENT_TONE),
            "supervisor hears patient": supervisor.tone_present(PATIENT_TONE),
            "agent hears patient": agent_heard.tone_present(PATIENT_TONE),
            "patient hears agent": patient.tone_present(AGENT_TONE),
        }
        agent_hears_supervisor = mode.value in ("whisper", "barge")
        patient_hears_supervisor = mode.value == "barge"
        if agent_hears_supervisor:
            expect["agent hears supervisor"] = agent_heard.tone_present(SUPERVISOR_TONE)
        else:
            expect["agent does not hear supervisor"] = agent_heard.tone_absent(SUPERVISOR_TONE)
        if patient_hears_supervisor:
            expect["patient hears supervisor"] = patient.tone_present(SUPERVISOR_TONE)
        else:
            expect["patient does not hear supervisor"] = patient.tone_absent(SUPERVISOR_TONE)
        wrong = [name for name, ok in expect.items() if not ok]
        if wrong:
            raise self.failed(f"{mode.value}: {', '.join(wrong)} failed")
        who = "agent" + (" and patient" if patient_hears_supervisor else "") if agent_hears_supervisor else "nobody"
        return f"{mode.value}: supervisor hears agent and patient, {who} hears the supervisor"

    def _listen(self, party_calls: dict[str, str]) -> tuple[dict[str, Any], Any]:
        return self.check.listen_all(
            party_calls, tones=TONES, seconds=LISTEN_S, label="supervision-agent",
            spend=lambda seconds: self._pump(lambda: False, "", timeout=seconds, quiet=True),
        )

    def _snapshot(self) -> list[object]:
        """SIP thread: the engine's calls as the events that would have described them."""
        from softphone.sip.events import CallMediaChanged

        engine = self.check.engine
        events: list[object] = []
        for call in engine.calls:
            events.append(call.state_event())
            events.append(CallMediaChanged(call.call_id, call.media_state))
        return events

    def _deliver(self, event: object) -> None:
        self.scene.handle_event(event)
        self.service.handle_event(event)

    def _pump(self, done: Callable[[], bool], what: str, timeout: float = TIMEOUT_S, quiet: bool = False) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                if quiet:
                    return
                raise self.failed(f"{what}: not within {timeout:g} s")
            try:
                self._deliver(self.events.get(timeout=min(remaining, 0.05)))
            except queue.Empty:
                continue
