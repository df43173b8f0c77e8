"""The demo switchboard child process: ``python -m softphone.demo.switchboard``.

The app starts it (``DemoSwitchboard`` in ``controller.py``) because pjsua2 allows one Endpoint per
process and the agent's engine owns the app's. It speaks JSON lines (``protocol.py``): requests on
stdin, replies and events on stdout; its log goes to stderr.

It never outlives the app:
- stdin at end of file means the app is gone (closed its end, exited, crashed or was SIGKILLed:
  the kernel closes the pipe in every case), so the child shuts down cleanly and exits 0;
- a changed parent pid (re-parented to init or a subreaper) means the same, in case something
  else inherited the pipe;
- SIGTERM (the controller's fallback, sent to the child's own process group) also shuts down
  cleanly. SIGINT is ignored: a Ctrl-C in the agent's terminal is the app's to handle.

PR_SET_PDEATHSIG is deliberately not used: it fires when the *thread* that spawned the child
exits, and the UI may well start the demo from a short-lived worker thread.
"""

from __future__ import annotations

import argparse
import logging
import os
import queue
import signal
import sys
import threading
from pathlib import Path
from typing import Any, TextIO

from softphone.demo import protocol
from softphone.demo.cast import VOICES_FOLDER
from softphone.demo.protocol import Request, Voice, decode_request, encode_event, encode_reply

log = logging.getLogger("softphone.demo.switchboard")

_END_OF_INPUT = None


def _claim_stdout() -> TextIO:
    """Keep fd 1 for JSON only: pjsua prints a few lines to stdout in ``libCreate`` whatever the
    log settings, so the real stdout moves to a new descriptor and fd 1 points at stderr."""
    json_out = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return json_out


def _read_stdin(lines: queue.Queue[bytes | None]) -> None:
    """Lines from the app. Raw ``os.read``, not ``sys.stdin``: a daemon thread blocked inside the
    buffered reader holds its lock, and the interpreter aborts at exit when it finds it taken."""
    pending = b""
    fd = sys.stdin.fileno()
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            chunk = b""
        if not chunk:
            break
        pending += chunk
        *complete, pending = pending.split(b"\n")
        for line in complete:
            lines.put(line)
    lines.put(_END_OF_INPUT)


class Switchboard:
    def __init__(self, json_out: TextIO, voices_dir: Path, clinician_ring_s: float, pjsua_log_level: int) -> None:
        from softphone.demo.simulated_parties import SimulatedParties, SwitchboardFailure

        self._json_out = json_out
        self._failure_type = SwitchboardFailure
        self.parties = SimulatedParties(self.emit, voices_dir, clinician_ring_s, pjsua_log_level)
        self.stop_requested = threading.Event()
        self.quit_request_id: int | None = None

    def emit(self, line: str) -> None:
        try:
            self._json_out.write(line + "\n")
            self._json_out.flush()
        except (OSError, ValueError):
            self.stop_requested.set()  # nobody is reading any more: the app is gone

    def handle(self, request: Request) -> None:
        import pjsua2 as pj

        if request.cmd == protocol.QUIT:
            self.quit_request_id = request.id
            self.stop_requested.set()
            return
        try:
            result = self._dispatch(request)
        except (self._failure_type, pj.Error, KeyError, TypeError, ValueError) as error:
            detail = error.info() if isinstance(error, pj.Error) else str(error)
            self.emit(encode_reply(request.id, error=f"{type(error).__name__}: {detail}"[:300]))
            return
        if result is not _REPLY_LATER:
            self.emit(encode_reply(request.id, result))

    def _dispatch(self, request: Request) -> Any:
        args, parties = request.args, self.parties
        voice = Voice.from_dict(args["voice"]) if args.get("voice") else None
        if request.cmd == protocol.SET_AGENT:
            return parties.set_agent(str(args["uri"]))
        if request.cmd == protocol.PLACE_PATIENT_CALL:
            return parties.place_patient_call(str(args["caller"]), voice)
        if request.cmd == protocol.CALL_AS_SUPERVISOR:
            return parties.call_as_supervisor(str(args["mode"]), voice)
        if request.cmd == protocol.CHANGE_SUPERVISION_MODE:
            return parties.change_supervision_mode(str(args["call"]), str(args["mode"]))
        if request.cmd == protocol.HANG_UP:
            return parties.hang_up(str(args["call"]))
        if request.cmd == protocol.SET_STAFF_VOICE:
            if voice is None:
                raise ValueError("set_staff_voice needs a voice")
            return parties.set_staff_voice(str(args["user"]), voice)
        if request.cmd == protocol.LISTEN:
            seconds = min(10.0, max(0.2, float(args.get("seconds", 1.5))))
            tones = [int(hz) for hz in args.get("tones", [])]

            def reply(result: Any, error: str | None) -> None:
                self.emit(encode_reply(request.id, result, error))

            parties.listen(str(args["call"]), seconds, tones, reply)
            return _REPLY_LATER
        raise ValueError(f"unknown command {request.cmd!r}")

    def run(self, lines: queue.Queue[bytes | None]) -> None:
        parent = os.getppid()
        self.emit(encode_event(protocol.READY, host="127.0.0.1", udp_port=self.parties.udp_port,
                               tcp_port=self.parties.tcp_port, pid=os.getpid()))
        while not self.stop_requested.is_set():
            self.parties.turn()
            while True:
                try:
                    raw = lines.get_nowait()
                except queue.Empty:
                    break
                if raw is _END_OF_INPUT:
                    log.info("the app closed the pipe: shutting down")
                    self.stop_requested.set()
                    break
                if not raw.strip():
                    continue
                try:
                    request = decode_request(raw)
                except ValueError:
                    self.emit(encode_event(protocol.ERROR, message="unreadable request"))
                    continue
                self.handle(request)
            if os.name == "posix" and os.getppid() != parent:
                log.info("the app is gone (re-parented): shutting down")
                self.stop_requested.set()
        self.parties.shutdown()
        if self.quit_request_id is not None:
            self.emit(encode_reply(self.quit_request_id, None))


_REPLY_LATER = object()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m softphone.demo.switchboard", description=__doc__.splitlines()[0])
    parser.add_argument("--clinician-ring-s", type=float, default=1.5, help="how long staff let the phone ring")
    parser.add_argument("--voices", type=Path, default=None, help="folder of the recorded speech")
    parser.add_argument("--pjsua-log-level", type=int, default=1, help="3 at most: higher levels print caller URIs")
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)

    json_out = _claim_stdout()
    logging.basicConfig(stream=sys.stderr, level=args.log_level.upper(),
                        format="switchboard %(levelname)s %(name)s: %(message)s")
    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    voices = args.voices
    if voices is None:
        from softphone.resources_path import resource

        voices = resource(*VOICES_FOLDER)
    lines: queue.Queue[bytes | None] = queue.Queue()
    threading.Thread(target=_read_stdin, args=(lines,), name="switchboard-stdin", daemon=True).start()
    switchboard = Switchboard(json_out, voices, args.clinician_ring_s, min(3, args.pjsua_log_level))
    if hasattr(signal, "SIGTERM"):
        # Only sets a flag: the loop shuts pjsua down in order (anything else aborts at exit).
        signal.signal(signal.SIGTERM, lambda _signum, _frame: switchboard.stop_requested.set())
    switchboard.run(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
