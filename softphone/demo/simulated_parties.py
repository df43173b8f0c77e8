"""The simulated people of the demo: one pjsua2 ``Endpoint`` with a local account each.

Runs only inside the switchboard child process (``softphone.demo.switchboard``), on its one
thread: pjsua2 allows one Endpoint per process, and the agent's app already owns one.

No registrar, no proxy: every account is a plain IP-to-IP identity on 127.0.0.1, so the agent
dials ``sip:oncall-nurse@127.0.0.1:<port>`` and the switchboard dials the agent's own address.
Media is real RTP over loopback (G.722, like production), so what the agent hears went through
the same engine, codecs and conference bridge as a hospital call.

Lifetimes follow the rules that keep pjsua2 from aborting the process: calls and media ports are
referenced here until DISCONNECTED and released outside the callbacks; every one of them is gone
before ``libDestroy``. Nothing here logs caller numbers (PHI-like even when synthetic).
"""

from __future__ import annotations

import contextlib
import gc
import heapq
import itertools
import logging
import tempfile
import time
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pjsua2 as pj

from softphone.demo import protocol
from softphone.demo.cast import CALLERS, STAFF, DemoCaller, Role, StaffMember
from softphone.demo.events import CallDirection, PartyCallState
from softphone.demo.protocol import Voice
from softphone.demo.tone_meter import measure_wav

log = logging.getLogger("softphone.demo.switchboard")

HOST = "127.0.0.1"
CLOCK_RATE = 16000
# pjsua's compiled-in account table (PJSUA_MAX_ACC): adding a ninth account is an assertion
# failure that aborts the process, so the cast is checked against it before anything starts.
MAX_ACCOUNTS = 8
_RECORDER_SETTLE_S = 0.08  # the bridge drops a port on its next 20 ms tick; then the WAV is final
_SHUTDOWN_HANGUP_WAIT_S = 2.0
# The pjsua2 wheel is built with PJSUA_MAX_CALLS = 4: ``maxCalls`` above that is silently capped,
# and one process holds at most four calls, whichever side they are on. A transferred patient's
# call to a colleague takes two of them (both ends are simulated here) and nobody else ends it, so
# the patient hangs up this long after the colleague answered: long enough to be heard, short
# enough that the next transfer (or escalation) still finds free slots.
MAX_CALLS = 4
TRANSFERRED_CALL_S = 1.0

_STATES = {
    pj.PJSIP_INV_STATE_NULL: PartyCallState.CALLING,
    pj.PJSIP_INV_STATE_CALLING: PartyCallState.CALLING,
    pj.PJSIP_INV_STATE_INCOMING: PartyCallState.RINGING,
    pj.PJSIP_INV_STATE_EARLY: PartyCallState.RINGING,
    pj.PJSIP_INV_STATE_CONNECTING: PartyCallState.CONNECTING,
    pj.PJSIP_INV_STATE_CONFIRMED: PartyCallState.TALKING,
    pj.PJSIP_INV_STATE_DISCONNECTED: PartyCallState.ENDED,
}

Emit = Callable[[str], None]  # one encoded JSON line to the app


class SwitchboardFailure(Exception):
    """A request the switchboard cannot carry out (unknown call, no agent address...)."""


@lru_cache(maxsize=64)
def clip_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / float(wav.getframerate())


@dataclass(order=True)
class _Timer:
    due: float
    seq: int
    action: Callable[[], None] = field(compare=False)


class Clock:
    """Timers run on the loop thread between ``libHandleEvents`` calls (never in a callback)."""

    def __init__(self) -> None:
        self._heap: list[_Timer] = []
        self._seq = itertools.count()
        self.deferred: list[Callable[[], None]] = []

    def later(self, delay_s: float, action: Callable[[], None]) -> None:
        heapq.heappush(self._heap, _Timer(time.monotonic() + max(0.0, delay_s), next(self._seq), action))

    def defer(self, action: Callable[[], None]) -> None:
        self.deferred.append(action)

    def run_due(self) -> None:
        while self.deferred:
            self.deferred.pop(0)()
        now = time.monotonic()
        while self._heap and self._heap[0].due <= now:
            heapq.heappop(self._heap).action()
        while self.deferred:
            self.deferred.pop(0)()

    def clear(self) -> None:
        self._heap.clear()
        self.deferred.clear()


class VoicePlayback:
    """Plays a ``Voice`` into one call: a steady tone, or clips with pauses driven by timers.

    Timers rather than the player's end-of-file callback: that callback arrives on pjmedia's
    clock thread, where destroying the player (or anything else) is unsafe.
    """

    def __init__(self, parties: SimulatedParties, voice: Voice) -> None:
        self._parties = parties
        self._voice = voice
        self._source: Any = None  # ToneGenerator or AudioMediaPlayer
        self._sink: Any = None
        self._generation = 0  # bumps on every (re)start/stop: stale timers see a newer value

    def start(self, sink: Any) -> None:
        self.stop()
        self._sink = sink
        if self._voice.tone_hz:
            tone = pj.ToneGenerator()
            tone.createToneGenerator(CLOCK_RATE, 1)
            desc = pj.ToneDesc()
            desc.freq1, desc.freq2, desc.on_msec, desc.off_msec, desc.volume = self._voice.tone_hz, 0, 1000, 0, 0
            vector = pj.ToneDescVector()
            vector.append(desc)
            tone.play(vector, True)
            tone.startTransmit(sink)
            self._source = tone
        elif self._voice.clips:
            self._play(0, self._generation)

    def retarget(self, sink: Any) -> None:
        """The call's media was re-created (hold, re-INVITE): keep talking into the new port."""
        self._sink = sink
        if self._source is not None:
            self._source.startTransmit(sink)

    def stop(self) -> None:
        self._generation += 1
        self._source = None  # the last reference: pjsua2 destroys the port and its connections
        self._sink = None

    def _play(self, index: int, generation: int) -> None:
        if generation != self._generation or self._sink is None:
            return
        path = self._parties.voices_dir / self._voice.clips[index]
        player = pj.AudioMediaPlayer()
        player.createPlayer(str(path), pj.PJMEDIA_FILE_NO_LOOP)
        player.startTransmit(self._sink)
        self._source = player
        self._parties.clock.later(
            clip_seconds(path) + self._voice.pause_s, lambda: self._after_clip(index, generation)
        )

    def _after_clip(self, index: int, generation: int) -> None:
        if generation != self._generation:
            return
        self._source = None
        following = self._voice.next_clip_index(index)
        if following is not None:
            self._play(following, generation)


class SimulatedCall(pj.Call):
    def __init__(
        self,
        parties: SimulatedParties,
        account: pj.Account,
        name: str,
        party: str,
        role: Role,
        direction: CallDirection,
        voice: Voice,
        pj_call_id: int = pj.PJSUA_INVALID_ID,
    ) -> None:
        super().__init__(account, pj_call_id)
        self.parties = parties
        self.account = account
        self.voice = voice
        self.name = name
        self.party = party
        self.role = role
        self.direction = direction
        self.media: Any = None
        self.playback = VoicePlayback(parties, voice)
        self.recorders: dict[int, Any] = {}  # listen request id -> AudioMediaRecorder
        self.pending_mode: str | None = None
        self.ended = False
        self.transferred = False  # this call follows a transfer (REFER) the agent made
        self._last_state: tuple[PartyCallState, int] | None = None

    def onCallState(self, prm: pj.OnCallStateParam) -> None:  # noqa: N802
        with self.parties.guard("onCallState"):
            info = self.getInfo()
            state = _STATES.get(info.state, PartyCallState.CALLING)
            code = int(info.lastStatusCode)
            if (state, code) != self._last_state:
                self._last_state = (state, code)
                self.parties.emit(protocol.encode_event(
                    protocol.CALL_STATE, call=self.name, party=self.party, role=self.role.value,
                    direction=self.direction.value, state=state.value, code=code,
                ))
            if state is PartyCallState.ENDED and not self.ended:
                self.ended = True
                # Deleting a pjsua2 Call inside its own callback crashes: later, on the loop.
                self.parties.clock.defer(lambda: self.parties.release(self.name))
            elif state is PartyCallState.TALKING and self.transferred and code == 200:
                name = self.name
                self.parties.clock.later(TRANSFERRED_CALL_S, lambda: self.parties.hang_up_quietly(name))

    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:  # noqa: N802
        with self.parties.guard("onCallMediaState"):
            info = self.getInfo()  # keep it alive: ``info.media`` points into it
            for media in info.media:
                if media.type != pj.PJMEDIA_TYPE_AUDIO:
                    continue
                if media.status in (pj.PJSUA_CALL_MEDIA_ACTIVE, pj.PJSUA_CALL_MEDIA_REMOTE_HOLD):
                    first_time = self.media is None
                    self.media = self.getAudioMedia(media.index)
                    if first_time:
                        self.playback.start(self.media)
                    else:
                        self.playback.retarget(self.media)
                    for recorder in self.recorders.values():
                        self.media.startTransmit(recorder)
                break

    def onCallTransferRequest(self, prm: pj.OnCallTransferRequestParam) -> None:  # noqa: N802
        with self.parties.guard("onCallTransferRequest"):
            # The agent transferred this party (REFER): they dial the target on a new call. It
            # must be a new Call object of our own: left empty, pjsua2 reuses *this* object for
            # the new dialog, and releasing it when this dialog ends leaves pjsua calling into a
            # deleted object (the switchboard segfaulted a few transfers later).
            prm.newCall = self.parties.follow_transfer(self)

    def onInstantMessageStatus(self, prm: pj.OnInstantMessageStatusParam) -> None:  # noqa: N802
        with self.parties.guard("onInstantMessageStatus"):
            self.parties.emit(protocol.encode_event(
                protocol.MESSAGE_STATUS, call=self.name, mode=self.pending_mode or "", code=int(prm.code),
            ))

    def drop_media(self) -> None:
        self.playback.stop()
        self.recorders.clear()
        self.media = None


class StaffAccount(pj.Account):
    """A colleague who picks up after a short ring and says their line."""

    def __init__(self, parties: SimulatedParties, member: StaffMember) -> None:
        super().__init__()
        self.parties = parties
        self.member = member

    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:  # noqa: N802
        with self.parties.guard("onIncomingCall"):
            self.parties.answer_incoming(self, prm, self.member.user, self.member.role)


class CallerAccount(pj.Account):
    """A patient's phone: calls the agent, and answers when the agent calls back."""

    def __init__(self, parties: SimulatedParties, caller: DemoCaller) -> None:
        super().__init__()
        self.parties = parties
        self.caller = caller

    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:  # noqa: N802
        with self.parties.guard("onIncomingCall"):
            self.parties.answer_incoming(self, prm, self.caller.key, Role.PATIENT)


def _log_writer() -> pj.LogWriter:
    class StderrLogWriter(pj.LogWriter):
        def write(self, entry: pj.LogEntry) -> None:  # noqa: N802
            try:
                log.warning("pjsua: %s", entry.msg.rstrip())
            except Exception:  # noqa: BLE001 - must never raise into pjsua
                pass

    return StderrLogWriter()


class SimulatedParties:
    def __init__(self, emit: Emit, voices_dir: Path, clinician_ring_s: float = 1.5,
                 pjsua_log_level: int = 1) -> None:
        if len(CALLERS) + len(STAFF) > MAX_ACCOUNTS:
            raise SwitchboardFailure(f"the demo cast needs more than {MAX_ACCOUNTS} SIP accounts")
        self.emit = emit
        self.voices_dir = voices_dir
        self.clinician_ring_s = clinician_ring_s
        self.clock = Clock()
        self.agent_uri: str | None = None
        self.calls: dict[str, SimulatedCall] = {}
        self.staff_voices: dict[str, Voice] = {member.user: Voice.of_staff(member) for member in STAFF}
        self.caller_voices: dict[str, Voice] = {caller.key: Voice.of_caller(caller) for caller in CALLERS}
        self._names = itertools.count(1)
        self._scratch = tempfile.TemporaryDirectory(prefix="softphone-switchboard-")
        self._recordings = itertools.count(1)
        self._log_writer = _log_writer()
        self.ep = pj.Endpoint()
        self.ep.libCreate()
        cfg = pj.EpConfig()
        cfg.uaConfig.threadCnt = 0  # this loop polls: one thread touches pjsua
        cfg.uaConfig.mainThreadOnly = True
        cfg.uaConfig.maxCalls = MAX_CALLS
        cfg.uaConfig.userAgent = "softphone-demo-switchboard"
        cfg.logConfig.writer = self._log_writer
        cfg.logConfig.level = pjsua_log_level  # >3 would print SIP URIs (caller numbers)
        cfg.logConfig.consoleLevel = pjsua_log_level
        cfg.logConfig.msgLogging = False
        cfg.medConfig.clockRate = CLOCK_RATE
        cfg.medConfig.sndClockRate = CLOCK_RATE
        cfg.medConfig.noVad = True
        cfg.medConfig.ecTailLen = 0
        cfg.medConfig.sndAutoCloseTime = -1  # the null device clocks the bridge: never close it
        self.ep.libInit(cfg)
        self.ep.audDevManager().setNullDev()
        for codec in self.ep.codecEnum2():  # the softphone's own preference: G.722 first
            if str(codec.codecId).startswith("G722/16000"):
                self.ep.codecSetPriority(codec.codecId, 250)
        self.udp_transport = self._transport(pj.PJSIP_TRANSPORT_UDP, 0)
        self.udp_port = self._transport_port(self.udp_transport)
        # Same number for TCP when it is free, so one port serves both (tests use either).
        try:
            self.tcp_transport = self._transport(pj.PJSIP_TRANSPORT_TCP, self.udp_port)
        except pj.Error:
            self.tcp_transport = self._transport(pj.PJSIP_TRANSPORT_TCP, 0)
        self.tcp_port = self._transport_port(self.tcp_transport)
        self.ep.libStart()
        self.accounts: dict[str, pj.Account] = {}
        for member in STAFF:
            self._add_account(StaffAccount(self, member), member.user, member.title)
        for demo_caller in CALLERS:
            self._add_account(CallerAccount(self, demo_caller), demo_caller.number, "")

    # ----- setup ---------------------------------------------------------------------------

    def _transport(self, kind: int, port: int) -> int:
        tc = pj.TransportConfig()
        tc.port = port
        tc.boundAddress = HOST  # loopback only: the demo must never be reachable from the LAN
        return int(self.ep.transportCreate(kind, tc))

    def _transport_port(self, transport_id: int) -> int:
        return int(str(self.ep.transportGetInfo(transport_id).localName).rsplit(":", 1)[1])

    def _add_account(self, account: pj.Account, user: str, display_name: str) -> None:
        cfg = pj.AccountConfig()
        uri = f"sip:{user}@{HOST}"
        cfg.idUri = f'"{display_name}" <{uri}>' if display_name else uri
        cfg.regConfig.registrarUri = ""  # IP-to-IP: nobody to register with
        cfg.mediaConfig.transportConfig.boundAddress = HOST
        cfg.mediaConfig.transportConfig.port = 0
        cfg.natConfig.sipStunUse = pj.PJSUA_STUN_USE_DISABLED
        cfg.natConfig.mediaStunUse = pj.PJSUA_STUN_USE_DISABLED
        account.create(cfg)
        self.accounts[user] = account

    # ----- helpers for the callbacks --------------------------------------------------------

    @contextlib.contextmanager
    def guard(self, where: str) -> Iterator[None]:
        """Wrap every pjsua2 callback body: nothing may propagate back into pjsua2."""
        try:
            yield
        except Exception as error:  # noqa: BLE001
            log.exception("%s failed", where)
            self.emit(protocol.encode_event(protocol.ERROR, message=f"{where}: {type(error).__name__}"))

    def new_name(self) -> str:
        return f"sb-{next(self._names)}"

    def answer_incoming(self, account: pj.Account, prm: pj.OnIncomingCallParam, party: str, role: Role) -> None:
        voice = self.caller_voices[party] if role is Role.PATIENT else self.staff_voices[party]
        call = SimulatedCall(self, account, self.new_name(), party, role, CallDirection.FROM_AGENT, voice,
                             prm.callId)
        self.calls[call.name] = call
        # pjsua hands calls for unknown users to the default account: refuse those.
        if _request_user(str(prm.rdata.wholeMsg)) != _account_user(account, self):
            call.answer(_status(404))
            return
        call.answer(_status(180))
        self.clock.later(self.clinician_ring_s, lambda: self._pick_up(call.name))

    def _pick_up(self, name: str) -> None:
        call = self.calls.get(name)
        if call is None or call.ended:
            return  # the agent gave up while it rang
        try:
            call.answer(_status(200))
        except pj.Error as error:
            log.info("%s: answer failed: %s", name, error.info())

    def follow_transfer(self, call: SimulatedCall) -> SimulatedCall:
        """The new call ``call``'s party makes to the transfer target (kept referenced here)."""
        new = SimulatedCall(self, call.account, self.new_name(), call.party, call.role, CallDirection.TO_AGENT,
                            call.voice)
        new.transferred = True
        self.calls[new.name] = new
        return new

    def hang_up_quietly(self, name: str) -> None:
        call = self.calls.get(name)
        if call is not None and not call.ended:
            with contextlib.suppress(pj.Error):
                call.hangup(_status(0))

    def release(self, name: str) -> None:
        call = self.calls.pop(name, None)
        if call is not None:
            call.drop_media()
        del call

    # ----- requests ---------------------------------------------------------------------------

    def set_agent(self, uri: str) -> None:
        if not uri.startswith(("sip:", "sips:")):
            raise SwitchboardFailure("the agent address must be a SIP URI")
        self.agent_uri = uri

    def place_patient_call(self, caller_key: str, voice: Voice | None) -> str:
        account = self.accounts.get(_caller_number(caller_key))
        if account is None:
            raise SwitchboardFailure(f"unknown demo caller {caller_key!r}")
        number = _caller_number(caller_key)
        # What a hospital PBX asserts for a PSTN caller; the engine prefers it over From.
        headers = (("P-Asserted-Identity", f"<sip:{number}@{HOST};user=phone>"),)
        return self._call_agent(account, caller_key, Role.PATIENT, voice or self.caller_voices[caller_key], headers)

    def call_as_supervisor(self, mode: str, voice: Voice | None) -> str:
        if mode not in protocol.SUPERVISION_MODES:
            raise SwitchboardFailure(f"unknown supervision mode {mode!r}")
        member = next(member for member in STAFF if member.role is Role.SUPERVISOR)
        headers = ((protocol.SUPERVISE_HEADER, mode),)
        name = self._call_agent(self.accounts[member.user], member.user, Role.SUPERVISOR,
                                voice or self.staff_voices[member.user], headers)
        self.calls[name].pending_mode = mode
        return name

    def change_supervision_mode(self, name: str, mode: str) -> None:
        if mode not in protocol.SUPERVISION_MODES:
            raise SwitchboardFailure(f"unknown supervision mode {mode!r}")
        call = self._live_call(name)
        prm = pj.SendInstantMessageParam()
        prm.contentType = protocol.SUPERVISION_MESSAGE_CONTENT_TYPE
        prm.content = mode
        header = pj.SipHeader()
        header.hName, header.hValue = protocol.SUPERVISE_HEADER, mode
        prm.txOption.headers.append(header)
        call.pending_mode = mode
        call.sendInstantMessage(prm)

    def hang_up(self, name: str) -> None:
        call = self._live_call(name)
        call.hangup(_status(0))

    def set_staff_voice(self, user: str, voice: Voice) -> None:
        if user not in self.staff_voices:
            raise SwitchboardFailure(f"unknown staff member {user!r}")
        self.staff_voices[user] = voice

    def listen(self, name: str, seconds: float, tones: list[int], reply: Callable[[Any, str | None], None]) -> None:
        """Record what ``name``'s party hears for ``seconds``, then reply with the levels."""
        call = self._live_call(name)
        if call.media is None:
            raise SwitchboardFailure(f"{name} has no audio yet")
        ticket = next(self._recordings)
        path = Path(self._scratch.name) / f"heard-{ticket}.wav"
        recorder = pj.AudioMediaRecorder()
        recorder.createRecorder(str(path))
        call.recorders[ticket] = recorder
        call.media.startTransmit(recorder)
        del recorder

        def finish() -> None:
            call.recorders.pop(ticket, None)  # the last reference: the recorder is destroyed
            self._pump(_RECORDER_SETTLE_S)
            try:
                levels = measure_wav(path, tones)
            except (OSError, EOFError, ValueError) as error:
                reply(None, f"recording unreadable: {type(error).__name__}")
                return
            finally:
                path.unlink(missing_ok=True)
            reply({"call": name, "party": call.party, "levels": levels.as_dict()}, None)

        self.clock.later(seconds, finish)

    def _call_agent(self, account: pj.Account, party: str, role: Role, voice: Voice,
                    headers: tuple[tuple[str, str], ...]) -> str:
        if self.agent_uri is None:
            raise SwitchboardFailure("no agent address yet (set_agent)")
        call = SimulatedCall(self, account, self.new_name(), party, role, CallDirection.TO_AGENT, voice)
        prm = pj.CallOpParam(True)
        for name, value in headers:
            header = pj.SipHeader()
            header.hName, header.hValue = name, value
            prm.txOption.headers.append(header)
        self.calls[call.name] = call
        try:
            call.makeCall(self.agent_uri, prm)
        except pj.Error:
            self.calls.pop(call.name, None)
            raise
        return call.name

    def _live_call(self, name: str) -> SimulatedCall:
        call = self.calls.get(name)
        if call is None or call.ended:
            raise SwitchboardFailure(f"no live call {name!r}")
        return call

    # ----- loop and shutdown ----------------------------------------------------------------

    def turn(self, poll_ms: int = 10) -> None:
        self.ep.libHandleEvents(poll_ms)
        self.clock.run_due()

    def _drop_calls(self) -> None:
        for call in self.calls.values():
            call.drop_media()
        self.calls.clear()

    def _drop_accounts(self) -> None:
        for account in self.accounts.values():
            try:
                account.shutdown()
            except pj.Error:
                pass
        self.accounts.clear()

    def _pump(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.ep.libHandleEvents(10)

    def shutdown(self) -> None:
        """The order pjsua2 needs: calls, then media, then accounts, then the library."""
        self.clock.clear()
        try:
            self.ep.hangupAllCalls()
        except pj.Error:
            pass
        deadline = time.monotonic() + _SHUTDOWN_HANGUP_WAIT_S
        while time.monotonic() < deadline and any(not call.ended for call in self.calls.values()):
            self.ep.libHandleEvents(10)
        # Helpers, not loops here: a loop variable would keep the last Call (or Account) alive in
        # this frame until after libDestroy(), and its destructor would then abort the process.
        self._drop_calls()
        self.clock.clear()
        self._drop_accounts()
        self._pump(0.05)
        gc.collect()
        self.ep.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)  # nothing registered: no need to wait
        self._log_writer = None
        self._scratch.cleanup()


def _status(code: int) -> pj.CallOpParam:
    prm = pj.CallOpParam()
    prm.statusCode = code
    return prm


def _caller_number(caller_key: str) -> str:
    for demo_caller in CALLERS:
        if demo_caller.key == caller_key:
            return demo_caller.number
    return ""


def _account_user(account: pj.Account, parties: SimulatedParties) -> str:
    for user, candidate in parties.accounts.items():
        if candidate is account:
            return user
    return ""


def _request_user(message: str) -> str:
    """The user part of the request line's URI: ``INVITE sip:oncall-nurse@127.0.0.1:5070 SIP/2.0``."""
    first_line = message.split("\n", 1)[0].strip()
    parts = first_line.split(" ")
    if len(parts) < 2 or ":" not in parts[1]:
        return ""
    rest = parts[1].split(":", 1)[1]
    return rest.split("@", 1)[0].split(";", 1)[0] if "@" in rest else ""
