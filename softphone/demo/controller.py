"""The app's handle on the embedded demo switchboard (no Qt, no pjsua2 at import time).

    switchboard = DemoSwitchboard()
    switchboard.subscribe(on_demo_event)          # runs on the controller's reader thread
    endpoints = switchboard.start()               # blocks ~0.3 s: call it off the GUI thread
    engine = SipEngine(endpoints.engine_config())
    engine.start()
    account_id = switchboard.attach_agent(engine).result()   # a Future: wait off the GUI thread
    switchboard.place_patient_call("chest-pain")  # the agent's engine sees an IncomingCall
    engine.submit(MakeCall(account_id, endpoints.on_call_nurse_uri))   # escalation: picks up, talks
    switchboard.call_as_supervisor("listen")      # INVITE with X-Supervise: listen
    ...
    switchboard.detach_agent(engine, account_id); engine.stop()
    switchboard.stop()                            # the child exits 0

Every request returns a ``Future`` (nobody has to wait); events come back as the dataclasses of
``softphone.demo.events``. If the child dies on its own, subscribers get
``SwitchboardExited(expected=False)`` and pending futures fail with ``SwitchboardGone``.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from softphone.demo import protocol
from softphone.demo.cast import BEHAVIOURAL_HEALTH, CALLERS, ON_CALL_NURSE, ON_CALL_PHYSICIAN, STAFF, SUPERVISOR
from softphone.demo.events import (
    DemoEvent,
    PartyHeard,
    SwitchboardExited,
    SwitchboardReady,
    event_from_message,
)
from softphone.demo.protocol import Request, Voice
from softphone.demo.tone_meter import HeardLevels

if TYPE_CHECKING:
    from softphone.sip.config import AccountConfig, EngineConfig
    from softphone.sip.engine import SipEngine

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
AGENT_USER = "agent"
_STDERR_TAIL_LINES = 20
_STOP_GRACE_S = 2.0

Subscriber = Callable[[DemoEvent], None]


class SwitchboardGone(RuntimeError):
    """The switchboard process is not running (never started, stopped, or crashed)."""


class SwitchboardStartFailed(RuntimeError):
    pass


class SwitchboardRequestFailed(RuntimeError):
    """The switchboard refused a request (unknown call, unknown caller...)."""


@dataclass(frozen=True, slots=True)
class EscalationTarget:
    user: str
    title: str  # "On-call nurse": for the escalation menu
    uri: str


@dataclass(frozen=True, slots=True)
class DemoEndpoints:
    """Where everything is on loopback once the switchboard runs."""

    host: str
    udp_port: int
    tcp_port: int
    pid: int

    def uri(self, user: str, transport: str = "udp") -> str:
        if transport == "tcp":
            return f"sip:{user}@{self.host}:{self.tcp_port};transport=tcp"
        return f"sip:{user}@{self.host}:{self.udp_port}"

    @property
    def on_call_nurse_uri(self) -> str:
        return self.uri(ON_CALL_NURSE.user)

    @property
    def on_call_physician_uri(self) -> str:
        return self.uri(ON_CALL_PHYSICIAN.user)

    @property
    def behavioural_health_uri(self) -> str:
        return self.uri(BEHAVIOURAL_HEALTH.user)

    @property
    def supervisor_uri(self) -> str:
        return self.uri(SUPERVISOR.user)

    @property
    def escalation_targets(self) -> tuple[EscalationTarget, ...]:
        return tuple(
            EscalationTarget(member.user, member.title, self.uri(member.user))
            for member in STAFF
            if member.role.value == "clinician"
        )

    def caller_uri(self, caller_key: str) -> str:
        """Where the agent calls a demo patient back (the patient's phone answers)."""
        number = next(caller.number for caller in CALLERS if caller.key == caller_key)
        return self.uri(number)

    def agent_account_config(self, user: str = AGENT_USER, display_name: str = "Demo agent",
                             transport: str = "udp") -> AccountConfig:
        """The agent's identity on the switchboard: an account without a registrar
        (``registrar=False``: no REGISTER, no proxy, calls go straight to the switchboard's URIs).

        ``servers`` names the switchboard for the status bar; nothing registers there. The
        engine binds an account to one transport: a TCP account dials ``uri(user, "tcp")``."""
        from softphone.sip.config import AccountConfig, TransportKind

        kind = TransportKind(transport)
        port = self.tcp_port if kind is TransportKind.TCP else self.udp_port
        return AccountConfig(
            user=user,
            domain=self.host,
            servers=(f"{self.host}:{port}",),
            password=lambda: "",
            transport=kind,
            display_name=display_name,
            account_id=f"{user}@demo",
            registrar=False,
        )

    def engine_config(self, base: EngineConfig | None = None) -> EngineConfig:
        """The agent engine's settings for the demo: loopback only (the demo must not be reachable
        from the LAN) and the supervision header captured on incoming calls."""
        from softphone.sip.config import EngineConfig

        base = base or EngineConfig()
        headers = base.captured_headers
        if protocol.SUPERVISE_HEADER not in headers:
            headers = (*headers, protocol.SUPERVISE_HEADER)
        return replace(base, bind_address=LOOPBACK, public_address="", captured_headers=headers)


def switchboard_command(clinician_ring_s: float, python: str | None = None) -> list[str]:
    ring = ["--clinician-ring-s", f"{clinician_ring_s:g}"]
    if python is None and getattr(sys, "frozen", False):
        # In the installed (PyInstaller) app sys.executable is softphone itself, which has no -m.
        return [sys.executable, "--demo-switchboard", *ring]
    return [python or sys.executable, "-m", "softphone.demo.switchboard", *ring]


class DemoSwitchboard:
    def __init__(self, *, clinician_ring_s: float = 1.5, ready_timeout_s: float = 15.0,
                 python: str | None = None) -> None:
        self.clinician_ring_s = clinician_ring_s
        self.ready_timeout_s = ready_timeout_s
        self._python = python
        self._process: subprocess.Popen[bytes] | None = None
        self._endpoints: DemoEndpoints | None = None
        self._ready: Future[DemoEndpoints] = Future()
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Future[Any], Callable[[Any], Any]]] = {}
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._subscribers: tuple[Subscriber, ...] = ()
        self._stopping = False
        self._exited = threading.Event()
        self._stderr_tail: deque[str] = deque(maxlen=_STDERR_TAIL_LINES)
        self._threads: list[threading.Thread] = []

    # ----- lifecycle -------------------------------------------------------------------------

    def start(self) -> DemoEndpoints:
        """Start the child and wait until its SIP ports are open (raises SwitchboardStartFailed)."""
        if self._process is not None:
            raise RuntimeError("the demo switchboard was already started")
        self._process = subprocess.Popen(
            switchboard_command(self.clinician_ring_s, self._python),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_child_environment(),
            # Its own process group: a Ctrl-C in the agent's terminal reaches the app only (which
            # stops the demo in order), and stop() can signal the child and anything it spawned.
            **_new_process_group(),
        )
        self._threads = [
            threading.Thread(target=self._read_stdout, name="demo-switchboard-out", daemon=True),
            threading.Thread(target=self._read_stderr, name="demo-switchboard-err", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        try:
            self._endpoints = self._ready.result(self.ready_timeout_s)
        except Exception as error:
            self.stop()
            tail = " | ".join(self._stderr_tail)[-600:]
            raise SwitchboardStartFailed(f"the demo switchboard did not start ({error!r}); stderr: {tail}") from None
        atexit.register(self.stop)
        log.info("demo switchboard running (pid %d, udp %d)", self._endpoints.pid, self._endpoints.udp_port)
        return self._endpoints

    def stop(self, timeout_s: float = 5.0) -> int | None:
        """Ask the child to hang up and exit, then make sure it has: its exit code (0 when clean)."""
        process = self._process
        if process is None:
            return None
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)
        self._stopping = True
        if process.poll() is None:
            try:
                self._request(protocol.QUIT, {}).result(timeout_s)
            except Exception:  # noqa: BLE001 - escalate below
                log.warning("demo switchboard did not acknowledge quit")
            with contextlib.suppress(OSError):
                if process.stdin is not None:
                    process.stdin.close()  # end of input: the child's own signal to leave
            try:
                process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGTERM)
                try:
                    process.wait(_STOP_GRACE_S)
                except subprocess.TimeoutExpired:
                    _signal_group(process, getattr(signal, "SIGKILL", signal.SIGTERM))
                    process.wait(_STOP_GRACE_S)
        for thread in self._threads:
            thread.join(2.0)
        for stream in (process.stdin, process.stdout, process.stderr):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()
        return process.returncode

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None and not self._exited.is_set()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def endpoints(self) -> DemoEndpoints:
        if self._endpoints is None:
            raise SwitchboardGone("the demo switchboard has not started")
        return self._endpoints

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """A non-blocking callback for every ``DemoEvent``. Returns the function that unsubscribes."""
        with self._lock:
            self._subscribers = (*self._subscribers, subscriber)

        def unsubscribe() -> None:
            with self._lock:
                self._subscribers = tuple(s for s in self._subscribers if s is not subscriber)

        return unsubscribe

    # ----- the agent ---------------------------------------------------------------------------

    def attach_agent(self, engine: SipEngine, user: str = AGENT_USER, transport: str = "udp") -> Future[str]:
        """Give the agent's running engine its demo account and tell the switchboard where to call
        it. Result: the engine account id (for MakeCall)."""
        from softphone.sip.commands import AddAccount

        config = self.endpoints.agent_account_config(user, transport=transport)
        attached: Future[str] = Future()
        added = engine.submit(AddAccount(config))
        # Commands run in order on the SIP thread: when this resolves, ``added`` has too.
        local_port = engine.submit(lambda: engine.local_port(config.transport))

        def tell_switchboard(done: Future[int]) -> None:
            failure = added.exception() or done.exception()
            if failure is not None:
                attached.set_exception(failure)
                return
            account_id, port = added.result(), done.result()
            suffix = ";transport=tcp" if transport == "tcp" else ""
            told = self.set_agent_uri(f"sip:{user}@{LOOPBACK}:{port}{suffix}")
            told.add_done_callback(
                lambda ack: attached.set_exception(ack.exception())  # type: ignore[arg-type]
                if ack.exception() is not None else attached.set_result(account_id)
            )

        local_port.add_done_callback(tell_switchboard)
        return attached

    def detach_agent(self, engine: SipEngine, account_id: str) -> Future[None]:
        """Remove the demo account from the engine (optional before ``engine.stop()``, which
        removes it too, at no cost: a local account has nothing to unregister)."""
        from softphone.sip.commands import RemoveAccount

        return engine.submit(RemoveAccount(account_id))

    def set_agent_uri(self, uri: str) -> Future[None]:
        return self._request(protocol.SET_AGENT, {"uri": uri})

    # ----- the simulated people ----------------------------------------------------------------

    def place_patient_call(self, caller_key: str, voice: Voice | None = None) -> Future[str]:
        """The demo caller ``caller_key`` (see ``cast.CALLERS``) phones the agent; by default they
        speak their recorded lines. Result: the switchboard's call id ("sb-1")."""
        return self._request(protocol.PLACE_PATIENT_CALL, {"caller": caller_key, **_voice_arg(voice)})

    def call_as_supervisor(self, mode: str = "listen", voice: Voice | None = None) -> Future[str]:
        """The supervisor calls the agent with ``X-Supervise: listen|whisper|barge``."""
        return self._request(protocol.CALL_AS_SUPERVISOR, {"mode": str(mode), **_voice_arg(voice)})

    def change_supervision_mode(self, call_id: str, mode: str) -> Future[None]:
        """Send the in-dialog MESSAGE; its final answer arrives as ``SupervisionModeSent``."""
        return self._request(protocol.CHANGE_SUPERVISION_MODE, {"call": call_id, "mode": str(mode)})

    def hang_up(self, call_id: str) -> Future[None]:
        return self._request(protocol.HANG_UP, {"call": call_id})

    def set_staff_voice(self, user: str, voice: Voice) -> Future[None]:
        """What ``user`` (e.g. "oncall-nurse") plays in the calls they answer from now on."""
        return self._request(protocol.SET_STAFF_VOICE, {"user": user, "voice": voice.as_dict()})

    def listen(self, call_id: str, seconds: float = 1.5, tones: tuple[int, ...] = ()) -> Future[PartyHeard]:
        """What the simulated party of ``call_id`` hears over the next ``seconds``."""

        def to_event(result: dict[str, Any]) -> PartyHeard:
            heard = PartyHeard(str(result["call"]), str(result["party"]), HeardLevels.from_dict(result["levels"]))
            self._publish(heard)
            return heard

        return self._request(protocol.LISTEN, {"call": call_id, "seconds": seconds, "tones": list(tones)}, to_event)

    # ----- plumbing ------------------------------------------------------------------------------

    def _request(self, cmd: str, args: dict[str, Any], convert: Callable[[Any], Any] = lambda r: r) -> Future[Any]:
        future: Future[Any] = Future()
        process = self._process
        if process is None or process.stdin is None or self._exited.is_set():
            future.set_exception(SwitchboardGone("the demo switchboard is not running"))
            return future
        request = Request(next(self._ids), cmd, args)
        with self._lock:
            self._pending[request.id] = (future, convert)
        try:
            with self._write_lock:
                process.stdin.write(request.encode())
                process.stdin.flush()
        except (OSError, ValueError):
            with self._lock:
                self._pending.pop(request.id, None)
            future.set_exception(SwitchboardGone("the demo switchboard is not running"))
        return future

    def _read_stdout(self) -> None:
        process = self._process
        assert process is not None and process.stdout is not None
        for raw in process.stdout:
            message = protocol.decode_message(raw)
            if message is None:
                continue
            if "event" in message:
                event = event_from_message(message)
                if isinstance(event, SwitchboardReady) and not self._ready.done():
                    self._ready.set_result(DemoEndpoints(event.host, event.udp_port, event.tcp_port, event.pid))
                if event is not None:
                    self._publish(event)
                continue
            self._resolve(message)
        self._on_exit(process)

    def _resolve(self, message: dict[str, Any]) -> None:
        with self._lock:
            pending = self._pending.pop(int(message.get("id") or 0), None)
        if pending is None:
            return
        future, convert = pending
        if message.get("ok"):
            try:
                future.set_result(convert(message.get("result")))
            except Exception as error:  # noqa: BLE001 - a malformed reply fails that request only
                future.set_exception(SwitchboardRequestFailed(f"malformed reply: {error!r}"))
        else:
            future.set_exception(SwitchboardRequestFailed(str(message.get("error", "failed"))))

    def _read_stderr(self) -> None:
        process = self._process
        assert process is not None and process.stderr is not None
        for raw in process.stderr:
            line = raw.decode("utf-8", "replace").rstrip()
            if line:
                self._stderr_tail.append(line)
                # The child logs ids and states only, and the app's formatter redacts anyway.
                log.debug("switchboard: %s", line)

    def _on_exit(self, process: subprocess.Popen[bytes]) -> None:
        self._exited.set()
        deadline = time.monotonic() + _STOP_GRACE_S
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        with self._lock:
            pending, self._pending = list(self._pending.values()), {}
        for future, _convert in pending:
            if not future.done():
                future.set_exception(SwitchboardGone("the demo switchboard exited"))
        if not self._ready.done():
            self._ready.set_exception(SwitchboardGone(f"exited with code {process.returncode}"))
        expected = self._stopping
        if not expected:
            log.error("demo switchboard exited unexpectedly (code %s)", process.returncode)
        self._publish(SwitchboardExited(process.returncode, expected))

    def _publish(self, event: DemoEvent) -> None:
        for subscriber in self._subscribers:
            try:
                subscriber(event)
            except Exception:  # noqa: BLE001 - one bad subscriber must not stop the others
                log.exception("demo event subscriber failed on %s", type(event).__name__)


def _voice_arg(voice: Voice | None) -> dict[str, Any]:
    return {"voice": voice.as_dict()} if voice is not None else {}


def _child_environment() -> dict[str, str]:
    """The app's environment, plus the folder holding the ``softphone`` package on PYTHONPATH so
    ``-m softphone.demo.switchboard`` imports the same code when run from a checkout."""
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if package_root not in paths:
        env["PYTHONPATH"] = os.pathsep.join([package_root, *paths])
    return env


def _new_process_group() -> dict[str, Any]:
    if os.name == "posix":
        return {"start_new_session": True}
    return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(OSError):
        if os.name == "posix":
            os.killpg(process.pid, signum)  # the child leads its own group (start_new_session)
        else:
            process.kill()

