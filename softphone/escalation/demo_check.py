"""The self-test's escalation step, on the embedded demo (``softphone --self-test``).

Runs on the demo check's agent engine and switchboard (``softphone.demo.self_check``) while the
agent talks with the demo patient, through the path the Escalate button takes in the app: the
press with a reason, the built-in policy (``build_plan``, the patient's screen-pop context
included), hunting with the context headers, the demo's on-call staff answering, everyone joined
by the routing scene owner. Proven by what each party hears (agent 600 Hz, patient 1000 Hz, nurse
1400 Hz, measured at every ear), by the record written to the profile's database (time to
clinician, linked to the call's note) and by the time from the press to the clinician answering.

The service runs on this step's thread, as on the GUI thread in the app: engine events and the
service's own callbacks arrive on one queue, its timers run between them.
"""

from __future__ import annotations

import heapq
import itertools
import queue
import time
from collections.abc import Callable
from typing import Any

from softphone.config.model import EscalationSettings
from softphone.escalation.model import Escalation, Mode, Phase

AGENT_TONE, PATIENT_TONE, NURSE_TONE = 600, 1000, 1400
TONES = (AGENT_TONE, PATIENT_TONE, NURSE_TONE)
LISTEN_S = 1.0
SETTLE_S = 0.3  # what was on its way before the join (RTP, jitter buffers) is not the new routing
TIMEOUT_S = 5.0
REASON = "chest_pain"
AGENT_ID = "self-test"


class EscalationDemoCheck:
    def __init__(self, check: Any, failed: type[Exception], database: Any = None,
                 policy: EscalationSettings | None = None) -> None:
        """``check``: a ``demo.self_check.DemoSelfCheck`` with the patient call talking;
        ``database``: the profile's, for the record and the note link (None: not checked)."""
        from softphone.agent.call_scene import CallSceneOwner
        from softphone.escalation.service import EscalationService

        self.check = check
        self.failed = failed
        if check.engine is None or not check.patient_call:
            raise failed("no patient call to escalate")
        self.policy = policy or EscalationSettings()  # the built-in policy, as the demo app uses
        self.database = database
        self._inbox: queue.Queue[Any] = queue.Queue()
        self._timers: list[tuple[float, int, list[Any]]] = []
        self._seq = itertools.count()
        self._unsubscribe = check.engine.subscribe(self._inbox.put)
        self.scene = CallSceneOwner(check.engine.submit, hold_tone=self.policy.hold_tone)
        self.service = EscalationService(
            check.engine.submit, self.scene, self.policy, agent_id=AGENT_ID,
            account_id=lambda: check.account_id or None,
            schedule=self._schedule, cancel_timer=self._cancel, dispatch=self._inbox.put,
            resolve_destination=self._resolve,
        )
        self.notices: list[str] = []
        self.service.on_notice(self.notices.append)
        # The scene owner starts following the agent's calls now: what the engine knows of them.
        for event in check.engine.submit(self._snapshot).result(TIMEOUT_S):
            self._deliver(event)

    # ----- the step ----------------------------------------------------------------------------

    def conference(self) -> tuple[str, dict[str, Any]]:
        from softphone.demo.cast import ON_CALL_NURSE
        from softphone.demo.events import PartyCallChanged, PartyCallState
        from softphone.escalation.record_writer import EscalationRecordWriter

        context = self._patient_context()
        writer = EscalationRecordWriter(self.database) if self.database is not None else None
        if writer is not None:
            self.service.on_record(writer)
        try:
            pressed = time.monotonic()
            started = self.service.start(self.check.patient_call, REASON, patient=context, mode=Mode.CONFERENCE,
                                         pressed_monotonic=pressed)
            self._pump(lambda: self._phase() in (Phase.CONFERENCED, None), "clinician joined", timeout=30.0)
            escalation = self.service.current
            if escalation is None:
                last = self.service.last
                raise self.failed(f"the escalation ended {last.phase.value if last else '?'} "
                                  f"({_attempts(last)}); notices: {'; '.join(self.notices) or 'none'}")
            answered = escalation.current
            assert answered is not None and answered.call_id is not None
            talking = self.check.demo_events.wait(
                PartyCallChanged, lambda e: e.party == ON_CALL_NURSE.user and e.state is PartyCallState.TALKING)
            # The demo check's hang-up step ends the nurse's call too.
            self.check.nurse_call, self.check.nurse_party_call = answered.call_id, talking.call_id
            self._pump(lambda: False, "", timeout=SETTLE_S, quiet=True)
            self._verify_audio(talking.call_id)
        finally:
            if writer is not None:
                writer.close(wait=True)
        recorded = self._verify_record(started.escalation_id) if writer is not None else "not recorded (no database)"
        ms = round((escalation.time_to_clinician_s or 0.0) * 1000)
        detail = (f"press -> {answered.target.target_id} answered in {ms} ms "
                  f"({len(escalation.attempts)} target(s) tried: {_attempts(escalation)}); "
                  f"all three hear each other; {recorded}")
        return detail, {"time_to_clinician_ms": ms, "targets_tried": len(escalation.attempts)}

    def close(self) -> None:
        self._unsubscribe()

    # ----- checks ------------------------------------------------------------------------------

    def _verify_audio(self, nurse_party_call: str) -> None:
        heard, agent_heard = self._listen({"patient": self.check.patient_party_call, "nurse": nurse_party_call})
        checks = {
            "nurse hears agent": heard["nurse"].tone_present(AGENT_TONE),
            "nurse hears patient": heard["nurse"].tone_present(PATIENT_TONE),
            "patient hears nurse": heard["patient"].tone_present(NURSE_TONE),
            "patient hears agent": heard["patient"].tone_present(AGENT_TONE),
            "agent hears both": agent_heard.tone_present(PATIENT_TONE) and agent_heard.tone_present(NURSE_TONE),
        }
        missing = [name for name, ok in checks.items() if not ok]
        if missing:
            raise self.failed(f"{', '.join(missing)} failed; nurse heard {heard['nurse'].tones_dbfs}, "
                              f"patient heard {heard['patient'].tones_dbfs}, agent heard {agent_heard.tones_dbfs}")

    def _verify_record(self, escalation_id: str) -> str:
        from softphone.escalation.repository import load_escalation
        from softphone.notes import get_call_note

        with self.database.session() as session:
            loaded = load_escalation(session, escalation_id)
            if loaded is None:
                raise self.failed("the escalation was not recorded")
            record, attempts = loaded
            if record.time_to_clinician_ms is None or record.answered_at is None:
                raise self.failed(f"the record has no time to clinician (phase {record.phase})")
            note = get_call_note(session, self.check.patient_call)
            if note is None or escalation_id not in note.escalation_ids:
                raise self.failed("the escalation is not linked to the call's note")
        return f"recorded ({len(attempts)} attempt(s), {record.time_to_clinician_ms} ms) and linked to the note"

    # ----- internals ---------------------------------------------------------------------------

    def _phase(self) -> Phase | None:
        current: Escalation | None = self.service.current
        return current.phase if current is not None else None

    def _patient_context(self) -> Any:
        """What the app's screen-pop gives the Escalate button (care-team clinician first)."""
        from softphone.patients import DemoPatientDirectory, ScreenPopService

        if not self.check.caller_uri:
            return None
        service = ScreenPopService(DemoPatientDirectory())
        try:
            return service.start_lookup(self.check.patient_call, self.check.caller_uri).result(TIMEOUT_S).context
        finally:
            service.shutdown()

    def _resolve(self, destination: str) -> str:
        # As the app does in the demo: the staff are user parts ("oncall-nurse") on the switchboard.
        if ":" not in destination and "@" not in destination:
            return self.check.endpoints.uri(destination)
        return destination

    def _listen(self, party_calls: dict[str, str]) -> tuple[dict[str, Any], Any]:
        return self.check.listen_all(
            party_calls, tones=TONES, seconds=LISTEN_S, label="escalation-agent",
            spend=lambda seconds: self._pump(lambda: False, "", timeout=seconds, quiet=True),
        )

    def _snapshot(self) -> list[object]:
        """SIP thread: the engine's calls as the events that would have described them."""
        from softphone.sip.events import CallMediaChanged

        events: list[object] = []
        for call in self.check.engine.calls:
            events.append(call.state_event())
            events.append(CallMediaChanged(call.call_id, call.media_state))
        return events

    def _deliver(self, item: Any) -> None:
        if callable(item):  # the service's own callback (a Future's outcome), dispatched here
            item()
            return
        self.scene.handle_event(item)
        self.service.handle_event(item)

    def _schedule(self, delay_s: float, action: Callable[[], None]) -> object:
        handle: list[Any] = [False, action]
        heapq.heappush(self._timers, (time.monotonic() + delay_s, next(self._seq), handle))
        return handle

    @staticmethod
    def _cancel(handle: Any) -> None:
        handle[0] = True

    def _pump(self, done: Callable[[], bool], what: str, timeout: float = TIMEOUT_S, quiet: bool = False) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            now = time.monotonic()
            while self._timers and self._timers[0][0] <= now:
                _, _, handle = heapq.heappop(self._timers)
                if not handle[0]:
                    handle[1]()
            if done():
                return
            remaining = deadline - now
            if remaining <= 0:
                if quiet:
                    return
                raise self.failed(f"{what}: not within {timeout:g} s")
            wait = min(remaining, 0.05)
            if self._timers:
                wait = max(0.0, min(wait, self._timers[0][0] - now))
            try:
                self._deliver(self._inbox.get(timeout=wait))
            except queue.Empty:
                continue


def _attempts(escalation: Escalation | None) -> str:
    if escalation is None:
        return "no attempt"
    return ", ".join(f"{a.target.target_id}: {a.outcome.value}" for a in escalation.attempts) or "no attempt"
