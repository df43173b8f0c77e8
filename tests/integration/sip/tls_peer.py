"""One pjsua2 user agent behind its own TlsRelay, run as a child process by the TLS tests.

Each UA lives in its own process so pjsua2 has one Endpoint on one thread (the main thread
here) and a crash cannot take the test runner down. It speaks JSON lines:

- stdout: events, e.g. ``{"event": "registration", "code": 200}``,
  ``{"event": "relay", "kind": "TlsFlowRefused", "failure": "bad_certificate", ...}``,
  ``{"event": "sdp", "local": "...", "remote": "..."}`` (remote is empty for our own
  offer), ``{"event": "call", "state": "CONFIRMED"}``, ``{"event": "call_error", ...}``
  (makeCall refused), ``{"event": "media", "proto": "RTP/SAVP", "rx_packets": 50, ...}``.
- stdin: commands ``{"cmd": "call", "to": "bob"}``, ``{"cmd": "hangup"}``, ``{"cmd": "stats"}``,
  ``{"cmd": "record", "path": "/tmp/x.wav"}``, ``{"cmd": "stop_record"}`` (answers
  ``{"event": "recorded"}`` once the WAV is complete), ``{"cmd": "quit"}``. A reader thread
  only queues the lines; pjsua2 is driven by the main loop.

Incoming calls are answered with 200 at once. Audio uses pjsua2's null device; with
``--tone HZ`` the peer plays that tone into every call, so tests can prove audio by FFT.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import secrets
import ssl
import sys
import threading
import time
from pathlib import Path

import pjsua2 as pj

from softphone.sip.tls_account_settings import (
    apply_mandatory_sdes,
    apply_relay_signalling,
    create_relay_transport,
)
from softphone.sip.tls_relay import TlsRelay, TlsTarget
from softphone.sip.tls_relay_events import RelayEvent, TlsFlowClosed, TlsFlowRefused, TlsFlowUp

_out_lock = threading.Lock()
# pjsua2's C code prints to fd 1 on its own; keep the JSON channel on a private copy of
# stdout and send fd 1 to stderr, so nothing but events reaches the test.
_events_out = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)


def emit(**fields: object) -> None:
    with _out_lock:
        try:
            _events_out.write(json.dumps(fields) + "\n")
            _events_out.flush()
        except (BrokenPipeError, ValueError):  # the test went away; nothing left to tell
            pass


def relay_event_to_json(event: RelayEvent) -> None:
    fields: dict[str, object] = {"event": "relay", "kind": type(event).__name__}
    if isinstance(event, TlsFlowUp):
        fields.update(flow=event.flow_id, tls_version=event.tls_version, cipher=event.cipher)
    elif isinstance(event, TlsFlowRefused):
        fields.update(
            flow=event.flow_id,
            failure=str(event.error.failure),
            message=str(event.error),
            user_message=event.error.user_message,
        )
    elif isinstance(event, TlsFlowClosed):
        fields.update(flow=event.flow_id, closed_by=event.closed_by)
    emit(**fields)


class SipLog(pj.LogWriter):
    """Test-only: whole SIP messages (there is no PHI in a test) to a file for diagnosis."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._file = path.open("a", encoding="utf-8")

    def write(self, entry: pj.LogEntry) -> None:
        self._file.write(entry.msg)
        self._file.flush()


class Audio:
    """The peer's voice (a tone) and ears (a WAV recorder), wired into every active call."""

    def __init__(self) -> None:
        self.tone: pj.ToneGenerator | None = None
        self.recorder: pj.AudioMediaRecorder | None = None
        self.call_ports: list[pj.AudioMedia] = []

    def play(self, hz: int) -> None:
        tone = pj.ToneGenerator()
        tone.createToneGenerator(16000, 1)
        desc = pj.ToneDesc()
        desc.freq1, desc.freq2, desc.on_msec, desc.off_msec, desc.volume = hz, 0, 1000, 0, 0
        tones = pj.ToneDescVector()
        tones.append(desc)
        tone.play(tones, True)
        self.tone = tone

    def wire(self, port: pj.AudioMedia) -> None:
        self.call_ports.append(port)
        if self.tone is not None:
            self.tone.startTransmit(port)
        if self.recorder is not None:
            port.startTransmit(self.recorder)

    def record(self, path: str) -> None:
        recorder = pj.AudioMediaRecorder()
        recorder.createRecorder(path)
        self.recorder = recorder
        for port in self.call_ports:
            try:
                port.startTransmit(recorder)
            except pj.Error:  # a call that has ended meanwhile
                pass

    def release(self) -> None:
        self.recorder = None
        self.tone = None
        self.call_ports.clear()


AUDIO = Audio()


class PeerCall(pj.Call):
    def __init__(self, account: pj.Account, call_id: int = pj.PJSUA_INVALID_ID) -> None:
        super().__init__(account, call_id)
        self.disconnected = False
        self.audio_wired = False

    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        info = self.getInfo()
        emit(event="call", state=info.stateText, code=info.lastStatusCode, reason=info.lastReason)
        if info.state == pj.PJSIP_INV_STATE_CONFIRMED:
            self.wire_audio()
        if info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            self.disconnected = True
            AUDIO.call_ports.clear()  # the tests hold one call at a time

    def onCallSdpCreated(self, prm: pj.OnCallSdpCreatedParam) -> None:
        emit(event="sdp", local=prm.sdp.wholeSdp, remote=prm.remSdp.wholeSdp)

    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:
        self.wire_audio()
        emit(event="media_state", active=self._has_active_audio())

    def wire_audio(self) -> None:
        """Connect tone and recorder once the audio stream is active. Called on media state
        changes and again on CONFIRMED: for an answered SRTP call pjsua2 may report the
        media state before the stream is active."""
        if self.audio_wired:
            return
        info = self.getInfo()  # keep it: iterating a temporary's vector reads freed memory
        for media in info.media:
            if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                AUDIO.wire(self.getAudioMedia(media.index))
                self.audio_wired = True
                return

    def _has_active_audio(self) -> bool:
        info = self.getInfo()
        return any(
            media.type == pj.PJMEDIA_TYPE_AUDIO and media.status == pj.PJSUA_CALL_MEDIA_ACTIVE
            for media in info.media
        )

    def report_stats(self) -> None:
        info = self.getInfo()
        for index, media in enumerate(info.media):
            if media.type != pj.PJMEDIA_TYPE_AUDIO or media.status != pj.PJSUA_CALL_MEDIA_ACTIVE:
                continue
            stream = self.getStreamInfo(index)
            stat = self.getStreamStat(index)
            emit(
                event="media",
                proto="RTP/SAVP" if stream.proto == pj.PJMEDIA_TP_PROTO_RTP_SAVP else str(stream.proto),
                codec=stream.codecName,
                rx_packets=stat.rtcp.rxStat.pkt,
                tx_packets=stat.rtcp.txStat.pkt,
                rx_discard=stat.rtcp.rxStat.discard,
            )
            return
        emit(event="media", proto="", rx_packets=0, tx_packets=0)


class PeerAccount(pj.Account):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[PeerCall] = []

    def onRegState(self, prm: pj.OnRegStateParam) -> None:
        info = self.getInfo()
        emit(event="registration", code=prm.code, reason=prm.reason, active=info.regIsActive,
             expires=prm.expiration)

    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
        call = PeerCall(self, prm.callId)
        self.calls.append(call)
        emit(event="incoming")
        answer = pj.CallOpParam()
        answer.statusCode = 200
        call.answer(answer)


def run_command(command: dict[str, str], account: PeerAccount, domain: str, endpoint: pj.Endpoint) -> bool:
    """Carry out one command; False means quit. A function of its own so that no Call
    object lingers in a local variable of main() until after libDestroy (its destructor
    would then call into a destroyed pjsua and abort the process)."""
    name = command["cmd"]
    if name == "quit":
        return False
    if name == "call":
        call = PeerCall(account)
        try:
            call.makeCall(f"sip:{command['to']}@{domain}", pj.CallOpParam(True))
        except pj.Error as error:
            emit(event="call_error", reason=error.reason)
            return True
        account.calls.append(call)
    elif name == "hangup":
        hang_up_all(account)
    elif name == "stats":
        for call in account.calls:
            call.report_stats()
        if not account.calls:
            emit(event="media", proto="", rx_packets=0, tx_packets=0)
    elif name == "unregister":
        account.setRegistration(False)
    elif name == "record":
        AUDIO.record(command["path"])
    elif name == "stop_record":
        AUDIO.recorder = None  # dropping the recorder finalises the WAV...
        deadline = time.monotonic() + 0.1
        while time.monotonic() < deadline:  # ...on the bridge's next clock ticks
            endpoint.libHandleEvents(10)
        emit(event="recorded")
    return True


def hang_up_all(account: PeerAccount) -> None:
    for call in account.calls:
        if not call.disconnected:
            call.hangup(pj.CallOpParam())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--user", required=True)
    parser.add_argument("--domain", required=True)
    parser.add_argument("--server-port", type=int, required=True)
    parser.add_argument("--server-name", required=True)
    parser.add_argument("--ca-file", type=Path)
    parser.add_argument("--sip-log", type=Path)
    parser.add_argument("--no-rewrite", action="store_true", help="relay copies bytes unchanged")
    parser.add_argument("--contact-rewrite", type=int, default=None)
    parser.add_argument("--sip-outbound", type=int, default=None)
    parser.add_argument("--no-hide", action="store_true")
    parser.add_argument("--srtp-secure-signaling", type=int, default=None)
    parser.add_argument("--plain-rtp", action="store_true", help="a peer that refuses SRTP")
    parser.add_argument("--retry-s", type=int, default=0, help="re-register after failures")
    parser.add_argument("--password", default="", help="digest password, if the server asks")
    parser.add_argument("--tone", type=int, default=0, help="play this tone (Hz) into calls")
    args = parser.parse_args()

    relay = TlsRelay(
        TlsTarget("127.0.0.1", args.server_port, server_name=args.server_name,
                  ca_file=args.ca_file, minimum_version=ssl.TLSVersion.TLSv1_2),
        on_event=relay_event_to_json,
        rewrite_sip=not args.no_rewrite,
        # Like the engine (account_relays): only flows presenting the token are carried.
        flow_token=None if args.no_rewrite else secrets.token_urlsafe(16),
    )
    relay.start()

    endpoint = pj.Endpoint()
    endpoint.libCreate()
    config = pj.EpConfig()
    config.uaConfig.threadCnt = 0
    config.uaConfig.mainThreadOnly = True
    config.uaConfig.maxCalls = 4
    config.medConfig.threadCnt = 1
    # Like the softphone: 16 kHz bridge, no VAD, a null device that never closes.
    config.medConfig.clockRate = 16000
    config.medConfig.sndClockRate = 16000
    config.medConfig.noVad = True
    config.medConfig.ecTailLen = 0
    config.medConfig.sndAutoCloseTime = -1
    config.logConfig.consoleLevel = 0
    log_writer = None
    if args.sip_log:
        log_writer = SipLog(args.sip_log)
        config.logConfig.writer = log_writer
        # pjsua2 hands the writer only what passes consoleLevel.
        config.logConfig.level = 5
        config.logConfig.consoleLevel = 5
        config.logConfig.msgLogging = 1
    else:
        config.logConfig.level = 1
    endpoint.libInit(config)
    transport_id = create_relay_transport(endpoint)
    endpoint.libStart()
    endpoint.audDevManager().setNullDev()
    for codec in endpoint.codecEnum2():
        if codec.codecId.startswith("G722/16000"):  # vocoders (speex) mangle pure tones
            endpoint.codecSetPriority(codec.codecId, 250)
    if args.tone:
        AUDIO.play(args.tone)

    account_config = pj.AccountConfig()
    account_config.idUri = f"sip:{args.user}@{args.domain}"
    if args.password:
        account_config.sipConfig.authCreds.append(
            pj.AuthCredInfo("digest", "*", args.user, 0, args.password)
        )
    apply_relay_signalling(
        account_config,
        proxy_uri=relay.proxy_uri.replace(";hide", "") if args.no_hide else relay.proxy_uri,
        domain=args.domain,
        transport_id=transport_id,
    )
    if args.contact_rewrite is not None:
        account_config.natConfig.contactRewriteUse = args.contact_rewrite
    if args.sip_outbound is not None:
        account_config.natConfig.sipOutboundUse = args.sip_outbound
    account_config.regConfig.timeoutSec = 300
    # Most tests want the first failure, not retries; the reconnect test wants retries.
    account_config.regConfig.retryIntervalSec = args.retry_s
    account_config.regConfig.firstRetryIntervalSec = args.retry_s
    account_config.regConfig.randomRetryIntervalSec = 0
    apply_mandatory_sdes(account_config.mediaConfig)
    if args.srtp_secure_signaling is not None:
        account_config.mediaConfig.srtpSecureSignaling = args.srtp_secure_signaling
    if args.plain_rtp:
        account_config.mediaConfig.srtpUse = pj.PJMEDIA_SRTP_DISABLED
    account = PeerAccount()
    account.create(account_config)

    commands: queue.SimpleQueue[dict[str, str]] = queue.SimpleQueue()

    def read_commands() -> None:
        for line in sys.stdin:
            if line.strip():
                commands.put(json.loads(line))
        commands.put({"cmd": "quit"})

    threading.Thread(target=read_commands, daemon=True).start()
    emit(event="ready", relay_port=relay.port)

    running = True
    while running:
        endpoint.libHandleEvents(20)
        # Release calls outside their callbacks, once pjsua2 is done with them.
        account.calls = [call for call in account.calls if not call.disconnected]
        while running:
            try:
                command = commands.get_nowait()
            except queue.Empty:
                break
            running = run_command(command, account, args.domain, endpoint)

    hang_up_all(account)
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and any(not c.disconnected for c in account.calls):
        endpoint.libHandleEvents(20)
    account.calls.clear()
    AUDIO.release()
    account.shutdown()
    del account
    endpoint.libDestroy()
    relay.stop()
    emit(event="exited")
    return 0


if __name__ == "__main__":
    sys.exit(main())
