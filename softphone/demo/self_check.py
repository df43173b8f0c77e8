"""The demo, end to end and headless: what ``softphone --self-test`` runs after its other steps.

A real ``SipEngine`` (the agent) and the real switchboard child talk SIP and RTP over loopback.
Audio is proven by content: every party plays its own tone (agent 600 Hz, patient 1000 Hz, nurse
1400 Hz) and each party's ear is measured (``tone_meter``); the bridge is driven by the routing
matrix (``routing.compute_routes``), as the agent desktop drives it.

Each public method is one self-test step: it returns a short detail (ids and timings only, never
a number or a name) or raises ``DemoCheckFailed``.
"""

from __future__ import annotations

import contextlib
import queue
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from softphone.demo.cast import ON_CALL_NURSE, caller
from softphone.demo.controller import DemoEndpoints, DemoSwitchboard
from softphone.demo.events import PartyCallChanged, PartyCallState
from softphone.demo.protocol import Voice
from softphone.demo.tone_meter import HeardLevels, measure_wav

AGENT_TONE = 600
PATIENT_TONE = 1000
NURSE_TONE = 1400
TONES = (AGENT_TONE, PATIENT_TONE, NURSE_TONE)
LISTEN_S = 1.0  # enough for a clean measurement; the whole self-test must stay well under 15 s
SELF_TEST_CALLER = "chest-pain"
EVENT_TIMEOUT_S = 5.0

E = TypeVar("E")


class DemoCheckFailed(Exception):
    pass


class EventWaiter:
    """A non-blocking subscriber (engine or switchboard) that the check waits on."""

    def __init__(self) -> None:
        self._queue: queue.Queue[Any] = queue.Queue()
        self._unclaimed: list[Any] = []

    def __call__(self, event: Any) -> None:
        self._queue.put(event)

    def wait(self, kind: type[E], predicate: Callable[[E], bool] = lambda _e: True,
             timeout: float = EVENT_TIMEOUT_S) -> E:
        for event in self._unclaimed:
            if isinstance(event, kind) and predicate(event):
                self._unclaimed.remove(event)
                return event
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                event = self._queue.get(timeout=remaining)
            except queue.Empty:
                break
            if isinstance(event, kind) and predicate(event):
                return event
            self._unclaimed.append(event)
        raise DemoCheckFailed(f"no {kind.__name__} within {timeout:g} s")


def _ms(since: float) -> int:
    return round((time.perf_counter() - since) * 1000)


class DemoSelfCheck:
    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.switchboard: DemoSwitchboard | None = None
        self.endpoints: DemoEndpoints | None = None
        self.engine: Any = None
        self.account_id = ""
        self.agent_events = EventWaiter()
        self.demo_events = EventWaiter()
        self.patient_call = ""  # engine call id
        self.patient_party_call = ""  # switchboard call id
        self.nurse_call = ""
        self.nurse_party_call = ""
        self.caller_uri = ""
        self._recordings = 0

    # ----- steps ------------------------------------------------------------------------------

    def start(self) -> str:
        from softphone.sip import AGENT_MIC, CreateTonePort, EngineConfig, SipEngine

        started = time.perf_counter()
        # A short ring keeps the self-test quick; the demo itself lets staff ring for 1.5 s.
        self.switchboard = DemoSwitchboard(clinician_ring_s=0.2)
        self.switchboard.subscribe(self.demo_events)
        self.endpoints = self.switchboard.start()
        switchboard_ms = _ms(started)
        # auto_routing off: the routing matrix decides who hears whom, as on the agent desktop.
        config = self.endpoints.engine_config(EngineConfig(auto_routing=False, quality_interval_s=0))
        self.engine = SipEngine(config)
        self.engine.subscribe(self.agent_events)
        self.engine.start()
        self.account_id = self.switchboard.attach_agent(self.engine).result(EVENT_TIMEOUT_S)
        self._run(CreateTonePort(AGENT_MIC, (AGENT_TONE,)))
        self.switchboard.set_staff_voice(ON_CALL_NURSE.user, Voice.tone(NURSE_TONE)).result(EVENT_TIMEOUT_S)
        return (f"switchboard pid {self.endpoints.pid} on udp/tcp {self.endpoints.udp_port} in {switchboard_ms} ms; "
                f"agent engine attached in {_ms(started)} ms")

    def receive_patient_call(self) -> str:
        from softphone.sip import Answer, CallState, CallStateChanged, IncomingCall

        switchboard = self._switchboard()
        started = time.perf_counter()
        self.patient_party_call = switchboard.place_patient_call(
            SELF_TEST_CALLER, Voice.tone(PATIENT_TONE)).result(EVENT_TIMEOUT_S)
        incoming = self.agent_events.wait(IncomingCall)
        ringing_ms = _ms(started)
        self.patient_call = incoming.call_id
        self.caller_uri = incoming.identity.uri
        answered = time.perf_counter()
        self._run(Answer(self.patient_call))
        self.agent_events.wait(CallStateChanged, lambda e: e.call_id == self.patient_call
                               and e.state is CallState.CONFIRMED)
        self.demo_events.wait(PartyCallChanged, lambda e: e.call_id == self.patient_party_call
                              and e.state is PartyCallState.TALKING)
        self._apply_scene(clinician=None)
        return (f"{incoming.call_id} rang the agent {ringing_ms} ms after the patient dialled "
                f"(identity from {incoming.identity.source.value}); answered in {_ms(answered)} ms")

    def screen_pop(self) -> str:
        from softphone.patients import DemoPatientDirectory, LookupState, ScreenPopService

        if not self.caller_uri:
            raise DemoCheckFailed("no patient call to look up")
        service = ScreenPopService(DemoPatientDirectory())
        try:
            pop = service.start_lookup(self.patient_call, self.caller_uri).result(EVENT_TIMEOUT_S)
        finally:
            service.shutdown()
        expected = caller(SELF_TEST_CALLER).expected_lookup
        if pop.lookup.state.value != expected:
            raise DemoCheckFailed(f"caller lookup: {pop.lookup.state.value}, expected {expected}")
        if pop.lookup.state is LookupState.FOUND and pop.context is None:
            raise DemoCheckFailed(f"patient found but no context ({pop.context_state})")
        return f"caller found in the demo directory, context loaded in {round(pop.elapsed_s * 1000)} ms"

    def two_way_audio(self) -> str:
        patient_heard, agent_heard = self.listen_all({"patient": self.patient_party_call})
        agent_heard_ok = agent_heard.tone_present(PATIENT_TONE) and agent_heard.tone_absent(NURSE_TONE)
        patient_heard_ok = patient_heard["patient"].tone_present(AGENT_TONE)
        if not (agent_heard_ok and patient_heard_ok):
            raise DemoCheckFailed(f"agent heard {_levels(agent_heard)}; patient heard {_levels(patient_heard['patient'])}")
        return (f"agent hears the patient ({agent_heard.tones_dbfs[PATIENT_TONE]} dBFS), "
                f"patient hears the agent ({patient_heard['patient'].tones_dbfs[AGENT_TONE]} dBFS)")

    def hang_up(self) -> str:
        from softphone.sip import CallState, CallStateChanged, Hangup

        started = time.perf_counter()
        for call_id in (self.nurse_call, self.patient_call):
            if call_id:
                self._run(Hangup(call_id))
        for call_id in (self.nurse_call, self.patient_call):
            if call_id:
                self.agent_events.wait(CallStateChanged, lambda e, c=call_id: e.call_id == c
                                       and e.state is CallState.DISCONNECTED)
        for party_call in (self.nurse_party_call, self.patient_party_call):
            if party_call:
                self.demo_events.wait(PartyCallChanged, lambda e, c=party_call: e.call_id == c
                                      and e.state is PartyCallState.ENDED)
        return f"both calls ended on both sides in {_ms(started)} ms"

    def stop(self) -> str:
        started = time.perf_counter()
        if self.engine is not None:
            if self.switchboard is not None and self.account_id:
                self.switchboard.detach_agent(self.engine, self.account_id).result(EVENT_TIMEOUT_S)
            self.engine.stop()
            self.engine = None
        switchboard, self.switchboard = self.switchboard, None
        code = switchboard.stop() if switchboard is not None else None
        if code != 0:
            raise DemoCheckFailed(f"the switchboard exited with code {code}")
        return f"engine and switchboard stopped cleanly in {_ms(started)} ms (exit code 0)"

    def close(self) -> None:
        """Best effort after a failed step: nothing may outlive the self-test."""
        with contextlib.suppress(Exception):
            if self.engine is not None:
                self.engine.stop()
        with contextlib.suppress(Exception):
            if self.switchboard is not None:
                self.switchboard.stop()
        self.engine = self.switchboard = None

    # ----- helpers ----------------------------------------------------------------------------

    def _switchboard(self) -> DemoSwitchboard:
        if self.switchboard is None:
            raise DemoCheckFailed("the demo switchboard is not running")
        return self.switchboard

    def _endpoints(self) -> DemoEndpoints:
        if self.endpoints is None:
            raise DemoCheckFailed("the demo switchboard is not running")
        return self.endpoints

    def _run(self, command: Any) -> Any:
        if self.engine is None:
            raise DemoCheckFailed("the agent's SIP engine is not running")
        return self.engine.submit(command).result(EVENT_TIMEOUT_S)

    def _apply_scene(self, clinician: Any) -> None:
        from softphone.sip import ApplyRoutes
        from softphone.sip.routing import CallScene, ClinicianLeg, LegState, PatientLeg, compute_routes

        parties = [("patient", self.patient_call)]
        scene = CallScene(patient=PatientLeg(LegState.TALKING))
        if clinician is not None:
            scene = CallScene(patient=PatientLeg(LegState.TALKING), clinician=ClinicianLeg(LegState.TALKING, clinician))
            parties.append(("clinician", self.nurse_call))
        self._run(ApplyRoutes(compute_routes(scene), tuple(parties)))

    def listen_all(
        self,
        party_calls: dict[str, str],
        *,
        tones: tuple[int, ...] = TONES,
        seconds: float = LISTEN_S,
        label: str = "agent",
        spend: Callable[[float], None] = time.sleep,
    ) -> tuple[dict[str, HeardLevels], HeardLevels]:
        """Every simulated party and the agent listen over the same window. ``spend(seconds)``
        passes the window: the escalation and supervision checks keep delivering engine events
        to their services meanwhile."""
        from softphone.sip import AGENT_EAR, CreateRecorderPort, RemovePort

        switchboard = self._switchboard()
        self._recordings += 1
        path = self.scratch / f"{label}-ear-{self._recordings}.wav"
        self._run(CreateRecorderPort(AGENT_EAR, path))
        pending: dict[str, Future[Any]] = {
            name: switchboard.listen(call, seconds, tones) for name, call in party_calls.items()
        }
        spend(seconds)
        self._run(RemovePort(AGENT_EAR))  # finalises the WAV
        heard = {name: future.result(EVENT_TIMEOUT_S).levels for name, future in pending.items()}
        return heard, measure_wav(path, tones)


def _levels(levels: HeardLevels) -> str:
    return ", ".join(f"{hz} Hz {dbfs} dBFS" for hz, dbfs in levels.tones_dbfs.items())

