"""A scripted SIP party for integration tests: a bare pjsua2 program in its own process.

It is deliberately independent of ``softphone.sip`` (a test partner must not share the
code under test).  Driven over stdin/stdout with JSON lines:

    -> {"id": 1, "cmd": "register", "user": "bob", ...}
    <- {"id": 1, "ok": true, "result": ...}
    <- {"event": "call_state", "call": "p1", "state": "CONFIRMED", ...}

It plays its own tone (``--tone HZ``) into every call and can record what it hears from
all calls into a WAV (``record`` / ``stop_record``), so tests prove audio by content.
pjsua's log goes to stderr; stdout carries only JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import select
import sys
import time
import traceback

# pjsua prints a few lines to fd 1 in libCreate(): keep the JSON channel clean by
# moving the real stdout aside and pointing fd 1 at stderr.
_json_out = os.fdopen(os.dup(1), "w", buffering=1)
os.dup2(2, 1)

import pjsua2 as pj  # noqa: E402

STATE_NAMES = {
    pj.PJSIP_INV_STATE_NULL: "NULL",
    pj.PJSIP_INV_STATE_CALLING: "CALLING",
    pj.PJSIP_INV_STATE_INCOMING: "INCOMING",
    pj.PJSIP_INV_STATE_EARLY: "EARLY",
    pj.PJSIP_INV_STATE_CONNECTING: "CONNECTING",
    pj.PJSIP_INV_STATE_CONFIRMED: "CONFIRMED",
    pj.PJSIP_INV_STATE_DISCONNECTED: "DISCONNECTED",
}
MEDIA_NAMES = {
    pj.PJSUA_CALL_MEDIA_NONE: "NONE",
    pj.PJSUA_CALL_MEDIA_ACTIVE: "ACTIVE",
    pj.PJSUA_CALL_MEDIA_LOCAL_HOLD: "LOCAL_HOLD",
    pj.PJSUA_CALL_MEDIA_REMOTE_HOLD: "REMOTE_HOLD",
    pj.PJSUA_CALL_MEDIA_ERROR: "ERROR",
}


def _header(message: str, name: str):
    for line in message.split("\r\n"):
        if line.lower().startswith(name.lower() + ":"):
            return line.split(":", 1)[1].strip()
    return None


def _x_headers(message: str) -> dict:
    """The request's X-* header fields (name as sent: value)."""
    head = message.split("\r\n\r\n", 1)[0]
    return {line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip()
            for line in head.split("\r\n")[1:] if line.lower().startswith("x-") and ":" in line}


def emit(obj: dict) -> None:
    _json_out.write(json.dumps(obj) + "\n")
    _json_out.flush()


class StderrLog(pj.LogWriter):
    def write(self, entry):
        try:
            sys.stderr.write(entry.msg.rstrip() + "\n")
        except Exception:
            pass


class PeerCall(pj.Call):
    def __init__(self, peer: Peer, acc, call_id=pj.PJSUA_INVALID_ID):
        super().__init__(acc, call_id)
        self.peer = peer
        self.name = peer.new_name()
        self.media_port = None
        peer.calls[self.name] = self

    def onCallState(self, prm):
        try:
            info = self.getInfo()
            state = STATE_NAMES.get(info.state, str(info.state))
            emit({"event": "call_state", "call": self.name, "state": state,
                  "code": info.lastStatusCode, "remote": info.remoteUri})
            if info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
                self.media_port = None
                self.peer.dead.append(self.name)
        except Exception:
            traceback.print_exc()

    def onCallMediaState(self, prm):
        try:
            info = self.getInfo()
            for media in info.media:
                if media.type != pj.PJMEDIA_TYPE_AUDIO:
                    continue
                status = MEDIA_NAMES.get(media.status, str(media.status))
                emit({"event": "media", "call": self.name, "status": status})
                if media.status in (pj.PJSUA_CALL_MEDIA_ACTIVE, pj.PJSUA_CALL_MEDIA_LOCAL_HOLD,
                                    pj.PJSUA_CALL_MEDIA_REMOTE_HOLD):
                    self.media_port = self.getAudioMedia(media.index)
                    self.peer.wire(self)
                break
        except Exception:
            traceback.print_exc()

    def onDtmfDigit(self, prm):
        method = "sip-info" if prm.method == pj.PJSUA_DTMF_METHOD_SIP_INFO else "rfc4733"
        emit({"event": "dtmf", "call": self.name, "digit": prm.digit, "method": method})

    def onCallTransferRequest(self, prm):
        new = PeerCall(self.peer, self.peer.account)
        prm.newCall = new
        emit({"event": "transfer_request", "call": self.name, "new_call": new.name})

    def onCallTransferStatus(self, prm):
        emit({"event": "transfer_status", "call": self.name, "code": prm.statusCode,
              "final": bool(prm.finalNotify)})

    def onInstantMessage(self, prm):
        # A MESSAGE inside this call's dialog.
        emit({"event": "message", "call": self.name, "content_type": prm.contentType,
              "body": prm.msgBody, "x_headers": _x_headers(prm.rdata.wholeMsg)})

    def onInstantMessageStatus(self, prm):
        emit({"event": "message_status", "call": self.name, "code": prm.code})

    def onCallReplaced(self, prm):
        if prm.newCall is None:
            new = PeerCall(self.peer, self.peer.account, prm.newCallId)
            prm.newCall = new
        emit({"event": "replaced", "call": self.name, "new_call": prm.newCall.name
              if isinstance(prm.newCall, PeerCall) else None})


class PeerAccount(pj.Account):
    def __init__(self, peer: Peer):
        super().__init__()
        self.peer = peer

    def onRegState(self, prm):
        emit({"event": "reg_state", "code": prm.code, "reason": prm.reason,
              "expiration": prm.expiration})

    def onIncomingCall(self, prm):
        try:
            call = PeerCall(self.peer, self, prm.callId)
            msg = prm.rdata.wholeMsg
            emit({"event": "incoming", "call": call.name, "request_uri": msg.split("\r\n", 1)[0].split(" ")[1],
                  "call_info": _header(msg, "Call-Info"), "x_headers": _x_headers(msg)})
            op = pj.CallOpParam()
            op.statusCode = self.peer.auto_answer or 180
            call.answer(op)
        except Exception:
            traceback.print_exc()


class Peer:
    def __init__(self, tone_hz: int, auto_answer: int, bind: str):
        self.calls: dict[str, PeerCall] = {}
        self.dead: list[str] = []
        self.counter = 0
        self.auto_answer = auto_answer
        self.bind = bind
        self.ep = pj.Endpoint()
        self.ep.libCreate()
        cfg = pj.EpConfig()
        cfg.uaConfig.threadCnt = 0
        cfg.uaConfig.mainThreadOnly = True
        cfg.uaConfig.maxCalls = 8
        self.log = StderrLog()
        cfg.logConfig.writer = self.log
        cfg.logConfig.level = int(os.environ.get("PEER_LOG_LEVEL", "2"))
        cfg.logConfig.consoleLevel = cfg.logConfig.level
        cfg.medConfig.noVad = True
        cfg.medConfig.ecTailLen = 0
        cfg.medConfig.sndAutoCloseTime = -1  # keep the null device clocking the bridge
        cfg.medConfig.clockRate = 16000
        self.ep.libInit(cfg)
        self.ep.audDevManager().setNullDev()
        # Same codec preference as the softphone: vocoders (speex) mangle pure tones.
        for codec in self.ep.codecEnum2():
            if codec.codecId.startswith("G722/16000"):
                self.ep.codecSetPriority(codec.codecId, 250)
        self.transports = {}
        for name, kind in (("udp", pj.PJSIP_TRANSPORT_UDP), ("tcp", pj.PJSIP_TRANSPORT_TCP)):
            tc = pj.TransportConfig()
            tc.port = 0
            tc.boundAddress = bind
            self.transports[name] = self.ep.transportCreate(kind, tc)
        self.ep.libStart()
        self.tone = None
        self.set_tone(tone_hz)
        self.recorder = None
        self.account = None

    def new_name(self) -> str:
        self.counter += 1
        return f"p{self.counter}"

    def set_tone(self, hz: int) -> None:
        self.tone = None
        if hz:
            tone = pj.ToneGenerator()
            tone.createToneGenerator(16000, 1)
            desc = pj.ToneDesc()
            desc.freq1, desc.freq2, desc.on_msec, desc.off_msec, desc.volume = hz, 0, 1000, 0, 0
            vec = pj.ToneDescVector()
            vec.append(desc)
            tone.play(vec, True)
            self.tone = tone
        for call in self.calls.values():
            self.wire(call)

    def wire(self, call: PeerCall) -> None:
        if call.media_port is None:
            return
        if self.tone is not None:
            self.tone.startTransmit(call.media_port)
        if self.recorder is not None:
            call.media_port.startTransmit(self.recorder)

    # ----- commands -------------------------------------------------------------------

    def cmd_register(self, user, password, domain, server, transport="udp", expiry=60):
        acc_cfg = pj.AccountConfig()
        acc_cfg.idUri = f"sip:{user}@{domain}"
        acc_cfg.regConfig.registrarUri = f"sip:{server};transport={transport}"
        acc_cfg.regConfig.timeoutSec = expiry
        acc_cfg.sipConfig.proxies.append(f"sip:{server};lr;transport={transport}")
        acc_cfg.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", user, 0, password))
        acc_cfg.sipConfig.transportId = self.transports[transport]
        acc_cfg.mediaConfig.transportConfig.boundAddress = self.bind
        acc_cfg.natConfig.sipStunUse = pj.PJSUA_STUN_USE_DISABLED
        acc_cfg.natConfig.mediaStunUse = pj.PJSUA_STUN_USE_DISABLED
        self.account = PeerAccount(self)
        self.account.create(acc_cfg)
        return True

    def cmd_call(self, uri, headers=None):
        call = PeerCall(self, self.account)
        prm = pj.CallOpParam(True)
        for name, value in (headers or {}).items():
            h = pj.SipHeader()
            h.hName, h.hValue = name, value
            prm.txOption.headers.append(h)
        call.makeCall(uri, prm)
        return call.name

    def cmd_answer(self, call, code=200):
        prm = pj.CallOpParam()
        prm.statusCode = code
        self.calls[call].answer(prm)

    def cmd_hangup(self, call, code=0):
        prm = pj.CallOpParam()
        prm.statusCode = code
        self.calls[call].hangup(prm)

    def cmd_hold(self, call):
        self.calls[call].setHold(pj.CallOpParam(True))

    def cmd_unhold(self, call):
        prm = pj.CallOpParam(True)
        prm.opt.flag = pj.PJSUA_CALL_UNHOLD
        self.calls[call].reinvite(prm)

    def cmd_dtmf(self, call, digits, method="rfc4733"):
        prm = pj.CallSendDtmfParam()
        prm.digits = digits
        prm.method = (pj.PJSUA_DTMF_METHOD_SIP_INFO if method == "sip-info"
                      else pj.PJSUA_DTMF_METHOD_RFC2833)
        self.calls[call].sendDtmf(prm)

    def cmd_message(self, call, body, content_type="text/plain", headers=None):
        """An in-dialog MESSAGE on ``call``."""
        prm = pj.SendInstantMessageParam()
        prm.contentType = content_type
        prm.content = body
        for name, value in (headers or {}).items():
            h = pj.SipHeader()
            h.hName, h.hValue = name, value
            prm.txOption.headers.append(h)
        self.calls[call].sendInstantMessage(prm)

    def cmd_xfer(self, call, uri):
        self.calls[call].xfer(uri, pj.CallOpParam(True))

    def cmd_xfer_replaces(self, call, target):
        self.calls[call].xferReplaces(self.calls[target], pj.CallOpParam(True))

    def cmd_record(self, path):
        self.cmd_stop_record()
        rec = pj.AudioMediaRecorder()
        rec.createRecorder(path)
        self.recorder = rec
        for call in self.calls.values():
            self.wire(call)
        return path

    def cmd_stop_record(self):
        # Dropping the recorder finalises the WAV header.
        if self.recorder is None:
            return
        self.recorder = None
        gc.collect()
        # The bridge removes the port on its next clock tick; the WAV header is written then.
        deadline = time.monotonic() + 0.08
        while time.monotonic() < deadline:
            self.ep.libHandleEvents(10)

    def cmd_set_tone(self, hz):
        self.set_tone(hz)

    def cmd_status(self):
        result = {}
        for name, call in self.calls.items():
            try:
                info = call.getInfo()
                result[name] = STATE_NAMES.get(info.state, "?")
            except pj.Error:
                result[name] = "GONE"
        return result

    def cmd_local_port(self, transport="udp"):
        info = self.ep.transportGetInfo(self.transports[transport])
        return int(info.localName.rsplit(":", 1)[1])

    # ----- loop -------------------------------------------------------------------------

    def run(self) -> None:
        buffer = b""
        stdin = sys.stdin.buffer.raw
        running = True
        while running:
            self.ep.libHandleEvents(10)
            for name in self.dead:
                self.calls.pop(name, None)
            self.dead.clear()
            ready, _, _ = select.select([stdin], [], [], 0)
            if not ready:
                continue
            chunk = os.read(stdin.fileno(), 65536)
            if not chunk:
                break
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                if not line.strip():
                    continue
                request = json.loads(line)
                if request.get("cmd") == "quit":
                    emit({"id": request.get("id"), "ok": True, "result": None})
                    running = False
                    break
                self.handle(request)
        self.shutdown()

    def handle(self, request: dict) -> None:
        rid = request.pop("id", None)
        name = request.pop("cmd")
        try:
            result = getattr(self, f"cmd_{name}")(**request)
            emit({"id": rid, "ok": True, "result": result})
        except Exception as exc:
            detail = exc.info() if isinstance(exc, pj.Error) else repr(exc)
            emit({"id": rid, "ok": False, "error": detail})

    def shutdown(self) -> None:
        self.ep.hangupAllCalls()
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline and any(
            c.isActive() for c in list(self.calls.values())
        ):
            self.ep.libHandleEvents(10)
        self.recorder = None
        self.tone = None
        for call in self.calls.values():
            call.media_port = None
        self.calls.clear()
        if self.account is not None:
            self.account.shutdown()
        deadline = time.monotonic() + 0.3
        while time.monotonic() < deadline:
            self.ep.libHandleEvents(10)
        self.account = None
        gc.collect()
        self.ep.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)  # we already hung up and unregistered


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tone", type=int, default=0)
    parser.add_argument("--auto-answer", type=int, default=0, help="status code to answer with")
    parser.add_argument("--bind", default="127.0.0.1")
    args = parser.parse_args()
    peer = Peer(args.tone, args.auto_answer, args.bind)
    emit({"event": "ready"})
    peer.run()


if __name__ == "__main__":
    main()
