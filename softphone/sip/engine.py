"""The SIP engine: one thread that owns pjsua2.

pjsua2 aborts the process when called from a thread it does not know, so everything
that touches it runs here: the engine creates the ``Endpoint`` on its own thread with no
pjsua worker threads (``threadCnt = 0``, ``mainThreadOnly``), and loops over
``libHandleEvents`` (which releases the GIL), queued commands, deferred work and timers.
A command or ``post`` from another thread wakes the poll at once (``wakeup``: a keep-alive
datagram to a loopback transport of our own); the poll timeout is only a fallback, and is
cut short by the next engine timer due.

TLS accounts signal through in-process TLS relays (``account_relays``; why: ``TLS.md``).
Relays run on their own threads and never touch pjsua2; their events reach the SIP thread
through ``post``. They are stopped only after ``libDestroy``, so the hang-ups and
un-REGISTERs of the shutdown still have a way out.

Other threads talk to it only through ``submit`` (returns a ``Future``; nobody has to
wait) and receive plain immutable events through ``subscribe`` callbacks.  Subscriber
callbacks run on the SIP thread and must not block (the UI re-emits them as queued Qt
signals; tests push them into a queue).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
import heapq
import itertools
import logging
import math
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pjsua2 as pj

from . import commands as cmd
from .account import SipAccount
from .account_relays import AccountRelays
from .auto_answer import auto_answer_delay
from .bridge import BridgeApplier, BridgePort
from .call import SipCall
from .caller_identity import identify_caller
from .calls import CallRegistry, UnknownCall
from .config import EngineConfig, TlsSettings, TransportKind
from .default_routing import AGENT_EAR, AGENT_MIC, CallAudioState, default_routes
from .errors import EngineNotRunning, InvalidCallState, UnknownAccount, describe_error, without_frames
from .events import (
    CallDirection,
    CallerIdentity,
    CallState,
    DtmfMethod,
    EngineError,
    EngineStateChanged,
    IncomingCall,
    MuteChanged,
    RegistrationState,
    SipEvent,
)
from .media_ports import create_recorder_port, create_tone_port
from .presence import PresenceRegistry
from .pjsua_logging import PythonLogWriter, stdout_silenced
from .quality_monitor import read_call_quality
from .sip_headers import first_header, select_headers
from .tls_account_settings import create_relay_transport
from .wakeup import Waker, create_wake_transport

log = logging.getLogger(__name__)

T = TypeVar("T")
Subscriber = Callable[[SipEvent], None]

_POLL_MS = 10  # libHandleEvents timeout while shutting down
_SHUTDOWN_HANGUP_WAIT_S = 3.0
_SHUTDOWN_UNREGISTER_PUMP_S = 0.5
_PORT_REMOVAL_SETTLE_S = 0.08
# A removed account's un-REGISTER is still on its way through its relay: stop it after this.
_RELAY_STOP_DELAY_S = 1.0

_PJ_TRANSPORTS = {
    TransportKind.UDP: pj.PJSIP_TRANSPORT_UDP,
    TransportKind.TCP: pj.PJSIP_TRANSPORT_TCP,
    TransportKind.TLS: pj.PJSIP_TRANSPORT_TLS,
}


@dataclass(order=True)
class _Timer:
    due: float
    seq: int
    action: Callable[[], None] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)


class SipEngine:
    def __init__(self, config: EngineConfig | None = None) -> None:
        self.config = config or EngineConfig()
        self.bridge = BridgeApplier()
        self.calls = CallRegistry()
        self.accounts: dict[str, SipAccount] = {}
        self.stopping = False  # SIP-thread view: shutdown in progress
        self._commands: deque[tuple[object, Future[Any]]] = deque()
        self._commands_lock = threading.Lock()
        self._subscribers: tuple[Subscriber, ...] = ()
        self._subscribers_lock = threading.Lock()
        self._deferred: deque[Callable[[], None]] = deque()
        self._posted: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._relay_sets: list[AccountRelays] = []  # stopped after libDestroy
        self._timers: list[_Timer] = []
        self._timer_seq = itertools.count()
        self._owned_ports: dict[str, Any] = {}
        self.presence = PresenceRegistry(self)
        self._manual_routes: frozenset[cmd.Route] = frozenset()
        self._transports: dict[TransportKind, int] = {}
        self._endpoint: pj.Endpoint | None = None
        self._log_writer: PythonLogWriter | None = None
        self._thread: threading.Thread | None = None
        self._waker = Waker()
        self._started: Future[None] = Future()
        self._stop_requested = threading.Event()
        self._stopped = threading.Event()
        self._handlers: dict[type, Callable[[Any], Any]] = {
            cmd.AddAccount: self._add_account,
            cmd.RemoveAccount: self._remove_account,
            cmd.Register: lambda c: self._account(c.account_id).register_now(),
            cmd.Unregister: lambda c: self._account(c.account_id).unregister(),
            cmd.MakeCall: self._make_call,
            cmd.Answer: self._answer,
            cmd.Reject: self._reject,
            cmd.Hangup: lambda c: self._call(c.call_id).hangup(pj.CallOpParam()),
            cmd.Hold: self._hold,
            cmd.Resume: self._resume,
            cmd.SetMute: self._set_mute,
            cmd.SendDtmf: self._send_dtmf,
            cmd.SendInDialogMessage: self._send_in_dialog_message,
            cmd.SetPresence: lambda c: self.presence.set_presence(c),
            cmd.SubscribePresence: lambda c: self.presence.subscribe(c),
            cmd.UnsubscribePresence: lambda c: self.presence.unsubscribe(c),
            cmd.BlindTransfer: self._blind_transfer,
            cmd.AttendedTransfer: self._attended_transfer,
            cmd.ApplyRoutes: self._apply_routes,
            cmd.CreateTonePort: self._create_tone_port,
            cmd.CreateRecorderPort: self._create_recorder_port,
            cmd.RemovePort: lambda c: self._remove_port(c.party_id),
            cmd.AttachPort: lambda c: self.attach_port(c.party_id, c.port, c.owned),
        }

    # ================================================================ public (any thread)

    def start(self, timeout: float = 10.0) -> None:
        """Start the SIP thread and wait until pjsua is running (raises if it failed)."""
        if self._thread is not None:
            raise RuntimeError("engine already started")
        self._thread = threading.Thread(target=self._run, name="sip-engine", daemon=True)
        self._thread.start()
        self._started.result(timeout)
        # A daemon thread is not joined at exit, but pjsua objects alive at interpreter
        # teardown abort the process: make sure the library is destroyed first.
        atexit.register(self.stop)

    def stop(self, timeout: float = 15.0) -> None:
        """Hang up every call, unregister, destroy pjsua.  Idempotent."""
        if self._thread is None or self._stopped.is_set():
            return
        if threading.current_thread() is self._thread:
            raise RuntimeError("stop() called from the SIP thread; submit it elsewhere")
        self._stop_requested.set()
        self._waker.wake()
        self._thread.join(timeout)
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)

    @property
    def running(self) -> bool:
        return self._started.done() and not self._stopped.is_set() and not self._stop_requested.is_set()

    def submit(self, command: object | Callable[[], T]) -> Future[Any]:
        """Queue a command dataclass (see ``commands``) or a no-argument callable to run on
        the SIP thread.  The Future carries its result or exception."""
        future: Future[Any] = Future()
        if not self.running:
            future.set_exception(EngineNotRunning("SIP engine is not running"))
            return future
        with self._commands_lock:
            self._commands.append((command, future))
        self._wake()
        return future

    @property
    def wake_port(self) -> int | None:
        """The loopback UDP port whose datagrams wake the SIP thread (``wakeup``); None when
        the engine could not create it and falls back to polling."""
        return self._waker.port

    def post(self, action: Callable[[], None]) -> None:
        """Run ``action`` on the SIP thread soon (any thread; no Future, never fails).
        Dropped once the engine has stopped: for notifications such as relay events."""
        if not self._stopped.is_set():
            self._posted.put(action)
            self._wake()

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Register a non-blocking event callback (runs on the SIP thread).  Returns a
        function that unsubscribes it."""
        with self._subscribers_lock:
            self._subscribers = (*self._subscribers, subscriber)

        def unsubscribe() -> None:
            with self._subscribers_lock:
                self._subscribers = tuple(s for s in self._subscribers if s is not subscriber)

        return unsubscribe

    # ============================================= internal API (SIP thread only)

    @property
    def endpoint(self) -> pj.Endpoint:
        self._assert_sip_thread()
        assert self._endpoint is not None
        return self._endpoint

    def publish(self, event: SipEvent) -> None:
        for subscriber in self._subscribers:
            try:
                subscriber(event)
            except Exception:  # noqa: BLE001 - one bad subscriber must not stop the others
                log.exception("event subscriber failed on %s", type(event).__name__)

    @contextlib.contextmanager
    def guard(self, where: str, call_id: str | None = None) -> Iterator[None]:
        """Wrap every pjsua2 callback body: nothing may propagate back into pjsua2."""
        try:
            yield
        except Exception as exc:  # noqa: BLE001
            log.exception("%s failed (call %s)", where, call_id)
            with contextlib.suppress(Exception):
                self.publish(EngineError(where, describe_error(exc), call_id))

    def defer(self, action: Callable[[], None]) -> None:
        """Run after the current pjsua2 callback has returned (e.g. releasing a Call)."""
        self._deferred.append(action)

    def call_later(self, delay_s: float, action: Callable[[], None]) -> _Timer:
        timer = _Timer(time.monotonic() + max(0.0, delay_s), next(self._timer_seq), action)
        heapq.heappush(self._timers, timer)
        return timer

    def cancel_timer(self, timer: object) -> None:
        if isinstance(timer, _Timer):
            timer.cancelled = True

    @property
    def tls_settings(self) -> TlsSettings:
        return self.config.tls or TlsSettings()  # default: the relay, the OS trust store

    @property
    def uses_tls_relay(self) -> bool:
        return not self.tls_settings.use_native_pjsip_tls

    def transport_id(self, kind: TransportKind) -> int:
        """The pjsua2 transport for ``kind``. For TLS via the relay this is the loopback TCP
        transport every relayed account shares (``create_relay_transport``)."""
        if kind not in self._transports:
            if kind is TransportKind.TLS and self.uses_tls_relay:
                self._transports[kind] = int(create_relay_transport(self.endpoint))
            else:
                self._transports[kind] = self._create_transport(kind)
        return self._transports[kind]

    def local_port(self, kind: TransportKind) -> int:
        info = self.endpoint.transportGetInfo(self.transport_id(kind))
        return int(str(info.localName).rsplit(":", 1)[1])

    def attach_port(self, party_id: str, port: BridgePort, owned: bool = True) -> None:
        self._remove_port(party_id)
        if owned:
            self._owned_ports[party_id] = port
        self.bridge.set_port(party_id, port)

    def reroute(self) -> None:
        if self.config.auto_routing:
            states = {
                call.call_id: CallAudioState(call.media_active, call.muted) for call in self.calls
            }
            desired = default_routes(states) | self._manual_routes
        else:
            desired = self._manual_routes
        self.bridge.apply(desired)

    def accept_incoming_call(
        self, account: SipAccount, pj_call_id: int, headers: list[tuple[str, str]]
    ) -> None:
        identity = identify_caller(
            first_header(headers, "p-asserted-identity"), first_header(headers, "from")
        )
        call = self.adopt_new_call(account, pj_call_id, CallDirection.INCOMING, identity)
        live_calls = sum(1 for c in self.calls if c.state is not CallState.DISCONNECTED)
        if live_calls > self.config.max_calls:
            log.info("%s rejected: %d calls already", call.call_id, live_calls - 1)
            call.hangup(_status_param(486))
            return
        delay = auto_answer_delay(
            self.config.auto_answer,
            first_header(headers, "call-info"),
            first_header(headers, "alert-info"),
        )
        event = call.state_event()
        self.publish(
            IncomingCall(
                call_id=call.call_id,
                account_id=account.id,
                remote_uri=event.remote_uri,
                remote_display_name=event.remote_display_name,
                identity=identity,
                headers=select_headers(headers, self.config.captured_headers),
                auto_answer_after_s=delay,
            )
        )
        call.publish_state()
        if self.config.send_ringing:
            call.answer(_status_param(180))
        if delay is not None:
            self.call_later(delay, functools.partial(self._auto_answer, call.call_id))

    def refuse_unrelayed_call(self, account: SipAccount, pj_call_id: int) -> None:
        """An INVITE for a TLS account that did not come through its relay (see
        ``SipAccount._came_through_relay``): answer 403 and say so, without ringing."""
        call = self.adopt_new_call(account, pj_call_id, CallDirection.INCOMING)
        log.warning("%s refused: INVITE for TLS account %s bypassed the relay", call.call_id, account.id)
        self.publish(EngineError("onIncomingCall", "refused a call that did not come over TLS", call.call_id))
        call.hangup(_status_param(403))

    def adopt_new_call(
        self,
        account: SipAccount,
        pj_call_id: int,
        direction: CallDirection = CallDirection.OUTGOING,
        identity: CallerIdentity | None = None,
        *,
        log_now: bool = True,
    ) -> SipCall:
        call = SipCall(self, account, self.calls.new_id(), direction, pj_call_id, identity)
        self.calls.add(call)
        if log_now:
            log.info("%s created (%s)", call.call_id, direction.value)
        return call

    def on_call_disconnected(self, call: SipCall) -> None:
        # The bridge slot is already gone; forget it now, release the object later
        # (deleting a pjsua2 Call inside its own callback crashes).
        self.bridge.remove_port(call.call_id)
        self.defer(functools.partial(self._release_call, call.call_id))

    def hangup_quietly(self, call_id: str) -> None:
        with contextlib.suppress(UnknownCall, pj.Error):
            call = self.calls.get(call_id)
            if call.state is not CallState.DISCONNECTED:
                call.hangup(pj.CallOpParam())

    # ===================================================================== the thread

    def _run(self) -> None:
        try:
            self._start_library()
        except BaseException as exc:  # noqa: BLE001
            log.exception("SIP engine failed to start")
            self._stopped.set()
            self._started.set_exception(exc)
            self._destroy_library()
            self._waker.close()
            return
        self._started.set_result(None)
        self.publish(EngineStateChanged(True))
        if self.config.quality_interval_s > 0:
            self.call_later(self.config.quality_interval_s, self._poll_quality)
        try:
            while not self._stop_requested.is_set():
                self._turn()
        except BaseException:  # noqa: BLE001
            log.exception("SIP engine loop crashed")
        finally:
            self._shutdown()

    def _turn(self) -> None:
        assert self._endpoint is not None
        self._endpoint.libHandleEvents(self._poll_timeout_ms())
        # Before draining: whatever is queued from now on sends a new wake-up (see ``wakeup``).
        self._waker.rearm()
        self._run_deferred()
        self._run_posted()
        self._run_commands()
        self._run_timers()
        self._run_deferred()

    def _wake(self) -> None:
        # The SIP thread itself drains its queues before it polls again: no datagram needed.
        if threading.current_thread() is not self._thread:
            self._waker.wake()

    def _poll_timeout_ms(self) -> int:
        """``poll_ms``, or less when an engine timer is due sooner (pjsip caps the wait at its
        own timers by itself; ours are Python's, it does not know them)."""
        timers = self._timers
        while timers and timers[0].cancelled:
            heapq.heappop(timers)
        if not timers:
            return self.config.poll_ms
        due_ms = math.ceil((timers[0].due - time.monotonic()) * 1000.0)
        return max(0, min(self.config.poll_ms, due_ms))

    def _run_commands(self) -> None:
        while True:
            with self._commands_lock:
                if not self._commands:
                    return
                command, future = self._commands.popleft()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = self._execute(command)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                log.info("command %s failed: %s", type(command).__name__, describe_error(exc))
                # Its traceback would keep pjsua2 objects (a refused SipCall...) alive in the
                # caller's hands, possibly past libDestroy(): see ``without_frames``.
                future.set_exception(without_frames(exc))
            else:
                future.set_result(result)

    def _execute(self, command: object) -> Any:
        handler = self._handlers.get(type(command))
        if handler is not None:
            return handler(command)
        if callable(command):
            return command()
        raise TypeError(f"not a SIP engine command: {type(command).__name__}")

    def _run_deferred(self) -> None:
        while self._deferred:
            action = self._deferred.popleft()
            with self.guard("deferred"):
                action()

    def _run_posted(self) -> None:
        while True:
            try:
                action = self._posted.get_nowait()
            except queue.Empty:
                return
            with self.guard("posted"):
                action()

    def _run_timers(self) -> None:
        now = time.monotonic()
        while self._timers and self._timers[0].due <= now:
            timer = heapq.heappop(self._timers)
            if not timer.cancelled:
                with self.guard("timer"):
                    timer.action()

    def _assert_sip_thread(self) -> None:
        if threading.current_thread() is not self._thread:
            raise RuntimeError("pjsua2 may only be used on the SIP thread; use submit()")

    # ============================================================ library lifecycle

    def _start_library(self) -> None:
        ep = pj.Endpoint()
        with stdout_silenced():
            ep.libCreate()
        self._endpoint = ep
        cfg = pj.EpConfig()
        ua = cfg.uaConfig
        ua.threadCnt = 0  # no pjsua worker threads: we poll on this thread
        ua.mainThreadOnly = True  # callbacks from media threads are queued to us
        ua.userAgent = self.config.user_agent
        ua.maxCalls = min(32, max(4, self.config.max_calls * 2 + 2))
        self._log_writer = PythonLogWriter()
        lc = cfg.logConfig
        lc.writer = self._log_writer
        lc.level = self.config.pjsua_log_level
        lc.consoleLevel = self.config.pjsua_log_level
        lc.msgLogging = self.config.log_sip_messages
        mc = cfg.medConfig
        mc.clockRate = self.config.clock_rate
        mc.sndClockRate = self.config.clock_rate
        mc.noVad = True  # keep RTP flowing: silence suppression skews quality stats
        mc.ecTailLen = 0  # echo cancelling belongs to the audio layer's real device
        # The null sound device clocks the bridge.  pjsua closes an idle one after 1 s
        # and reopens it only for connections to slot 0, which the audio layer's own
        # ports are not: never close it, so the bridge clock can never stop.
        mc.sndAutoCloseTime = -1
        mc.jbInit = self.config.jb_init_ms
        mc.jbMinPre = self.config.jb_min_prefetch_ms
        mc.jbMaxPre = self.config.jb_max_prefetch_ms
        mc.jbMax = self.config.jb_max_ms
        ep.libInit(cfg)
        ep.audDevManager().setNullDev()  # the audio layer supplies the headset ports
        self._apply_codec_priorities(ep)
        self.transport_id(TransportKind.UDP)
        self.transport_id(TransportKind.TCP)
        self._create_waker(ep)
        if self.config.tls is not None and self.config.tls.use_native_pjsip_tls:
            self.transport_id(TransportKind.TLS)  # pjsua2 wants its TLS listener before libStart
        ep.libStart()
        adm = ep.audDevManager()
        # Until the audio layer attaches real headset ports, the (null) sound device
        # stands for the agent's microphone and ear.
        self.bridge.set_port(AGENT_MIC, adm.getCaptureDevMedia())
        self.bridge.set_port(AGENT_EAR, adm.getPlaybackDevMedia())

    def _apply_codec_priorities(self, ep: pj.Endpoint) -> None:
        for codec in ep.codecEnum2():
            for prefix, priority in self.config.codec_priorities:
                if str(codec.codecId).startswith(prefix):
                    ep.codecSetPriority(codec.codecId, priority)
                    break

    def _create_waker(self, ep: pj.Endpoint) -> None:
        # After the UDP transport above: pjsip's default UDP transport is the first one made.
        try:
            _transport_id, port = create_wake_transport(ep)
            self._waker.attach(port)
        except (pj.Error, OSError) as error:
            # Commands then wait for the poll timeout, as before: slower, still correct.
            log.warning("SIP thread wake-up unavailable (%s): polling every %d ms",
                        describe_error(error), self.config.poll_ms)

    def _create_transport(self, kind: TransportKind) -> int:
        tc = pj.TransportConfig()
        tc.port = {
            TransportKind.UDP: self.config.udp_port,
            TransportKind.TCP: self.config.tcp_port,
            TransportKind.TLS: self.config.tls_port,
        }[kind]
        if self.config.bind_address:
            tc.boundAddress = self.config.bind_address
        if self.config.public_address:
            tc.publicAddress = self.config.public_address
        if kind is TransportKind.TLS:
            tls = self.config.tls
            if tls is not None:
                if tls.ca_list_file:
                    tc.tlsConfig.CaListFile = str(tls.ca_list_file)
                if tls.cert_file:
                    tc.tlsConfig.certFile = str(tls.cert_file)
                if tls.private_key_file:
                    tc.tlsConfig.privKeyFile = str(tls.private_key_file)
                tc.tlsConfig.verifyServer = tls.verify_server
            tc.tlsConfig.method = pj.PJSIP_TLSV1_2_METHOD
        assert self._endpoint is not None
        return int(self._endpoint.transportCreate(_PJ_TRANSPORTS[kind], tc))

    def _shutdown(self) -> None:
        """The clean order; anything else aborts the process at exit."""
        self.stopping = True
        self._fail_pending_commands()
        ep = self._endpoint
        try:
            if ep is not None:
                # Each account's own methods (not SipAccount's): a local account has nothing to
                # unregister, and pjsua would log an error and we would wait for nothing.
                self._for_each_account(lambda account: account.prepare_shutdown())
                # Not a loop here: a loop variable would keep the last Call alive in
                # this frame until after libDestroy(), which aborts the process.
                self._hangup_all()
                deadline = time.monotonic() + _SHUTDOWN_HANGUP_WAIT_S
                while len(self.calls) and time.monotonic() < deadline:
                    ep.libHandleEvents(_POLL_MS)
                    self._run_deferred()
                self._run_deferred()
                self._drop_media_and_calls()
                self.presence.clear()  # buddies unsubscribe while the network is still there
                log.debug("shutdown: calls gone")
                self._for_each_account(lambda account: account.unregister())
                deadline = time.monotonic() + _SHUTDOWN_UNREGISTER_PUMP_S
                while time.monotonic() < deadline and any(
                    a.state is RegistrationState.REGISTERED and not a.local for a in self.accounts.values()
                ):
                    ep.libHandleEvents(_POLL_MS)
                self._run_deferred()
                self._for_each_account(lambda account: account.shutdown())
                self.accounts.clear()
                log.debug("shutdown: accounts gone")
        except BaseException:  # noqa: BLE001
            log.exception("error while shutting down pjsua")
        finally:
            self._drop_media_and_calls()
            self.presence.clear()
            self.accounts.clear()
            self._timers.clear()
            self._destroy_library()
            self._stopped.set()
            self._waker.close()
            # Last: until libDestroy the relays carried the BYEs and un-REGISTERs.
            self._stop_relays()
            self.publish(EngineStateChanged(False, "stopped"))

    def _for_each_account(self, action: Callable[[SipAccount], object]) -> None:
        for account in list(self.accounts.values()):
            with contextlib.suppress(pj.Error):
                action(account)

    def _hangup_all(self) -> None:
        for call in self.calls:
            if call.state is not CallState.DISCONNECTED:
                with contextlib.suppress(pj.Error):
                    call.hangup(pj.CallOpParam())

    def _drop_media_and_calls(self) -> None:
        self.bridge.clear()
        self._owned_ports.clear()
        self.calls.clear()
        self._deferred.clear()
        self._posted = queue.SimpleQueue()  # relay news nobody will act on; holds accounts

    def _destroy_library(self) -> None:
        gc.collect()
        if self._endpoint is not None:
            with contextlib.suppress(Exception):
                # We have already hung up and unregistered ourselves; without this flag
                # pjsua sleeps a fixed second "to let unregistration complete".
                self._endpoint.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)
            log.debug("shutdown: pjsua destroyed")
        self._endpoint = None
        self._log_writer = None  # only after libDestroy: pjsua logs until the end

    def _stop_relays(self) -> None:
        relay_sets, self._relay_sets = self._relay_sets, []
        for relays in relay_sets:
            try:
                relays.stop_all()
            except Exception:  # noqa: BLE001 - the others must still be stopped
                log.exception("stopping a TLS relay failed")
        log.debug("shutdown: TLS relays stopped")

    def _fail_pending_commands(self) -> None:
        with self._commands_lock:
            pending, self._commands = list(self._commands), deque()
        for _command, future in pending:
            if future.set_running_or_notify_cancel():
                future.set_exception(EngineNotRunning("SIP engine stopped"))

    # ================================================================ command handlers

    def _account(self, account_id: str) -> SipAccount:
        try:
            return self.accounts[account_id]
        except KeyError:
            raise UnknownAccount(account_id) from None

    def _call(self, call_id: str) -> SipCall:
        return self.calls.get(call_id)

    def _add_account(self, c: cmd.AddAccount) -> str:
        if c.config.id in self.accounts:
            raise ValueError(f"account {c.config.id} already exists")
        if c.config.registrar and not c.config.servers:
            raise ValueError("an account needs at least one server")
        if not c.config.registrar and c.config.transport is TransportKind.TLS and self.uses_tls_relay:
            raise ValueError("a TLS account needs a registrar: the TLS relay is its proxy")
        if c.config.stun_servers:
            sv = pj.StringVector()
            for server in c.config.stun_servers:
                sv.append(server)
            self.endpoint.natUpdateStunServers(sv, False)
        account = SipAccount(self, c.config)
        if account.relays is not None:
            self._relay_sets.append(account.relays)
        self.accounts[account.id] = account
        try:
            account.start()
        except BaseException:
            del self.accounts[account.id]
            if account.relays is not None:
                self._relay_sets.remove(account.relays)
                account.relays.stop_all()
            raise
        return account.id

    def _remove_account(self, c: cmd.RemoveAccount) -> None:
        account = self.accounts.pop(c.account_id, None)
        if account is not None:
            self.presence.drop_account(c.account_id)
            account.prepare_shutdown()
            account.shutdown()
            if account.relays is not None:
                relays = account.relays
                self.call_later(_RELAY_STOP_DELAY_S, functools.partial(self._stop_account_relays, relays))

    def _stop_account_relays(self, relays: AccountRelays) -> None:
        if relays in self._relay_sets:
            self._relay_sets.remove(relays)
            relays.stop_all()

    def _make_call(self, c: cmd.MakeCall) -> str:
        account = self._account(c.account_id)
        uri = _destination_uri(c.destination, account.config.domain)
        prm = pj.CallOpParam(True)
        _add_headers(prm.txOption, c.headers)
        # Logged once the INVITE is out: a log line (formatting, PHI masking, a file write) is
        # time the callee would otherwise wait for (issue 7's press -> INVITE figure).
        call = self.adopt_new_call(account, pj.PJSUA_INVALID_ID, CallDirection.OUTGOING, log_now=False)
        try:
            call.makeCall(uri, prm)
        except BaseException:
            # pjsua may have given the refused call a slot number and taken it back: the object
            # must go now, while that slot is still free (the executor drops the traceback
            # frames that still hold it, see ``without_frames``).
            self.calls.release(call.call_id)
            raise
        log.info("%s created (%s)", call.call_id, CallDirection.OUTGOING.value)
        return call.call_id

    def _answer(self, c: cmd.Answer) -> None:
        call = self._call(c.call_id)
        if call.direction is not CallDirection.INCOMING or call.state is not CallState.INCOMING:
            raise InvalidCallState(f"{c.call_id} is not ringing")
        call.answer(_status_param(200))

    def _auto_answer(self, call_id: str) -> None:
        with contextlib.suppress(UnknownCall, InvalidCallState):
            self._answer(cmd.Answer(call_id))
            log.info("%s auto-answered", call_id)

    def _reject(self, c: cmd.Reject) -> None:
        call = self._call(c.call_id)
        if call.state is not CallState.INCOMING:
            raise InvalidCallState(f"{c.call_id} is not ringing")
        call.hangup(_status_param(c.status_code))

    def _hold(self, c: cmd.Hold) -> None:
        self._call(c.call_id).setHold(pj.CallOpParam(True))

    def _resume(self, c: cmd.Resume) -> None:
        prm = pj.CallOpParam(True)
        prm.opt.flag = pj.PJSUA_CALL_UNHOLD
        self._call(c.call_id).reinvite(prm)

    def _set_mute(self, c: cmd.SetMute) -> None:
        call = self._call(c.call_id)
        if call.muted != c.muted:
            call.muted = c.muted
            self.publish(MuteChanged(call.call_id, c.muted))
            self.reroute()

    def _send_dtmf(self, c: cmd.SendDtmf) -> None:
        call = self._call(c.call_id)
        if c.method == DtmfMethod.SIP_INFO:
            # One INFO per digit, each after the previous one was answered (see SipCall).
            call.queue_info_digits(c.digits)
            return
        prm = pj.CallSendDtmfParam()
        prm.digits = c.digits
        prm.method = pj.PJSUA_DTMF_METHOD_RFC2833
        call.sendDtmf(prm)

    def _send_in_dialog_message(self, c: cmd.SendInDialogMessage) -> None:
        call = self._call(c.call_id)
        if call.state is not CallState.CONFIRMED:
            raise InvalidCallState(f"{c.call_id} is not connected")
        prm = pj.SendInstantMessageParam()
        prm.contentType = c.content_type
        prm.content = c.body
        _add_headers(prm.txOption, c.headers)
        call.sendInstantMessage(prm)

    def _blind_transfer(self, c: cmd.BlindTransfer) -> None:
        call = self._call(c.call_id)
        call.hangup_after_transfer = True
        call.xfer(_destination_uri(c.destination, call.account.config.domain), pj.CallOpParam(True))

    def _attended_transfer(self, c: cmd.AttendedTransfer) -> None:
        call, target = self._call(c.call_id), self._call(c.target_call_id)
        call.hangup_after_transfer = True
        call.xferReplaces(target, pj.CallOpParam(True))

    def _apply_routes(self, c: cmd.ApplyRoutes) -> None:
        self._manual_routes = c.resolved()
        self.reroute()

    def _create_tone_port(self, c: cmd.CreateTonePort) -> None:
        port = create_tone_port(c.frequencies, c.on_ms, c.off_ms, c.volume, self.config.clock_rate)
        self.attach_port(c.party_id, port, owned=True)
        self.reroute()

    def _create_recorder_port(self, c: cmd.CreateRecorderPort) -> None:
        self.attach_port(c.party_id, create_recorder_port(c.path), owned=True)
        self.reroute()

    def _remove_port(self, party_id: str) -> None:
        owned = party_id in self._owned_ports
        self.bridge.remove_port(party_id, disconnect=not owned)
        # Dropping the last reference destroys an owned port (and its bridge slot).
        port = self._owned_ports.pop(party_id, None)
        if isinstance(port, pj.AudioMediaRecorder):
            del port
            # pjmedia removes bridge ports asynchronously on its clock tick; only then
            # is the WAV closed and its header written.  Callers read the file as soon
            # as RemovePort resolves, so let a few 20 ms frames pass first.
            self._pump(_PORT_REMOVAL_SETTLE_S)

    def _pump(self, seconds: float) -> None:
        assert self._endpoint is not None
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._endpoint.libHandleEvents(_POLL_MS)

    def _release_call(self, call_id: str) -> None:
        if self.calls.release(call_id) is not None:
            log.info("%s released", call_id)
        self.reroute()

    def _poll_quality(self) -> None:
        try:
            for call in self.calls:
                with self.guard("quality", call.call_id):
                    quality = read_call_quality(call)
                    if quality is not None:
                        self.publish(quality)
        finally:
            if not self.stopping:
                self.call_later(self.config.quality_interval_s, self._poll_quality)


def _add_headers(tx_option: pj.SipTxOption, headers: tuple[tuple[str, str], ...]) -> None:
    for name, value in headers:
        if not name or any(ch in name for ch in ": \t\r\n") or "\r" in value or "\n" in value:
            raise ValueError(f"not a single-line SIP header: {name!r}")
        header = pj.SipHeader()
        header.hName, header.hValue = name, value
        tx_option.headers.append(header)


def _status_param(code: int) -> pj.CallOpParam:
    prm = pj.CallOpParam()
    prm.statusCode = code
    return prm


def _destination_uri(destination: str, domain: str) -> str:
    destination = destination.strip()
    if destination.startswith(("sip:", "sips:", "tel:")):
        return destination
    if "@" in destination:
        return f"sip:{destination}"
    return f"sip:{destination}@{domain}"
