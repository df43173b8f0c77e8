"""One call: a pjsua2 ``Call`` whose callbacks become engine events.

Instances are kept alive by the engine's ``CallRegistry`` (a pjsua2 Call without a Python
reference is garbage-collected and hangs up) and released after DISCONNECTED, outside
the callback.  Every callback is guarded: an exception escaping into pjsua2 would be
swallowed and the call answered 500.
"""

from __future__ import annotations

import logging
from collections import deque
from typing import TYPE_CHECKING

import pjsua2 as pj

from .caller_identity import parse_name_addr, sanitize_display_name, sanitize_uri
from .events import (
    MAX_MESSAGE_BODY_CHARS,
    CallDirection,
    CallerIdentity,
    CallMediaChanged,
    CallState,
    CallStateChanged,
    DtmfMethod,
    DtmfReceived,
    InDialogMessage,
    InDialogMessageStatus,
    MediaState,
    TransferProgress,
)
from .sip_headers import parse_headers, select_headers, untrusted_text

if TYPE_CHECKING:
    from .account import SipAccount
    from .engine import SipEngine

log = logging.getLogger(__name__)

_STATES = {
    pj.PJSIP_INV_STATE_NULL: CallState.CALLING,
    pj.PJSIP_INV_STATE_CALLING: CallState.CALLING,
    pj.PJSIP_INV_STATE_INCOMING: CallState.INCOMING,
    pj.PJSIP_INV_STATE_EARLY: CallState.EARLY,
    pj.PJSIP_INV_STATE_CONNECTING: CallState.CONNECTING,
    pj.PJSIP_INV_STATE_CONFIRMED: CallState.CONFIRMED,
    pj.PJSIP_INV_STATE_DISCONNECTED: CallState.DISCONNECTED,
}

DTMF_DIGITS = frozenset("0123456789*#ABCDabcd")

_MEDIA_STATES = {
    pj.PJSUA_CALL_MEDIA_NONE: MediaState.NONE,
    pj.PJSUA_CALL_MEDIA_ACTIVE: MediaState.ACTIVE,
    pj.PJSUA_CALL_MEDIA_LOCAL_HOLD: MediaState.LOCAL_HOLD,
    pj.PJSUA_CALL_MEDIA_REMOTE_HOLD: MediaState.REMOTE_HOLD,
    pj.PJSUA_CALL_MEDIA_ERROR: MediaState.ERROR,
}


class SipCall(pj.Call):
    def __init__(
        self,
        engine: SipEngine,
        account: SipAccount,
        call_id: str,
        direction: CallDirection,
        pj_call_id: int = pj.PJSUA_INVALID_ID,
        identity: CallerIdentity | None = None,
    ) -> None:
        super().__init__(account, pj_call_id)
        self.engine = engine
        self.account = account
        self.call_id = call_id
        self.direction = direction
        self.identity = identity
        self.state = CallState.INCOMING if direction is CallDirection.INCOMING else CallState.CALLING
        self.media_state = MediaState.NONE
        self.audio_index: int | None = None
        self.muted = False
        self.hangup_after_transfer = False
        self._last_published: tuple[CallState, int] | None = None
        # SIP INFO digits still to send, and whether one INFO is waiting for its answer.
        self._info_digits: deque[str] = deque()
        self._info_outstanding = False

    @property
    def media_active(self) -> bool:
        return self.state is CallState.CONFIRMED and self.media_state is MediaState.ACTIVE

    def state_event(self) -> CallStateChanged:
        info = self.getInfo()
        display, uri = parse_name_addr(str(info.remoteUri))
        return CallStateChanged(
            call_id=self.call_id,
            account_id=self.account.id,
            state=self.state,
            direction=self.direction,
            remote_uri=sanitize_uri(uri),
            remote_display_name=sanitize_display_name(display),
            identity=self.identity,
            status_code=int(info.lastStatusCode),
            reason=str(info.lastReason)[:200],
        )

    def publish_state(self) -> None:
        """Publish CallStateChanged unless nothing the UI shows has changed (pjsua reports
        EARLY again for every provisional response)."""
        event = self.state_event()
        key = (event.state, event.status_code)
        if key != self._last_published:
            self._last_published = key
            self.engine.publish(event)

    def queue_info_digits(self, digits: str) -> None:
        """Send ``digits`` as SIP INFO, one request per digit, each only after the previous one
        was answered. pjsua sends all of them at once, and a proxy with several workers (or
        any reordering network) may then deliver them out of order: the receiving dialog
        refuses an INFO whose CSeq is lower than one it has seen (500), so a digit is lost."""
        bad = [ch for ch in digits if ch not in DTMF_DIGITS]
        if bad or not digits:
            raise ValueError(f"not DTMF digits: {digits!r}")
        self._info_digits.extend(digits)
        self._send_next_info_digit()

    def _send_next_info_digit(self) -> None:
        if self._info_outstanding or not self._info_digits or self.state is CallState.DISCONNECTED:
            return
        prm = pj.CallSendDtmfParam()
        prm.digits = self._info_digits.popleft()
        prm.method = pj.PJSUA_DTMF_METHOD_SIP_INFO
        try:
            self.sendDtmf(prm)
        except pj.Error:
            self._info_digits.clear()  # the call cannot take INFO now: drop the rest too
            raise
        self._info_outstanding = True

    # ----- pjsua2 callbacks ----------------------------------------------------------------

    def onCallState(self, prm: pj.OnCallStateParam) -> None:  # noqa: N802
        with self.engine.guard("onCallState", self.call_id):
            info = self.getInfo()
            state = _STATES.get(info.state, CallState.CALLING)
            if self.direction is CallDirection.INCOMING and state is CallState.EARLY:
                state = CallState.INCOMING  # we sent 180: still ringing at our end
            self.state = state
            self.publish_state()
            if state is CallState.DISCONNECTED:
                self.engine.on_call_disconnected(self)
            elif state is CallState.CONFIRMED:
                # Media usually goes active at the 200 OK, before the ACK confirms the
                # dialog: route audio now that both are true.
                self.engine.reroute()

    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:  # noqa: N802
        with self.engine.guard("onCallMediaState", self.call_id):
            info = self.getInfo()
            new_state, audio_index = MediaState.NONE, None
            for media in info.media:
                if media.type == pj.PJMEDIA_TYPE_AUDIO:
                    new_state = _MEDIA_STATES.get(media.status, MediaState.ERROR)
                    audio_index = media.index
                    break
            self.audio_index = audio_index
            if audio_index is not None and new_state in (
                MediaState.ACTIVE, MediaState.LOCAL_HOLD, MediaState.REMOTE_HOLD
            ):
                self.engine.bridge.set_port(self.call_id, self.getAudioMedia(audio_index))
            else:
                self.engine.bridge.remove_port(self.call_id)
            if new_state is not self.media_state:
                self.media_state = new_state
                self.engine.publish(CallMediaChanged(self.call_id, new_state))
            self.engine.reroute()

    def onDtmfDigit(self, prm: pj.OnDtmfDigitParam) -> None:  # noqa: N802
        with self.engine.guard("onDtmfDigit", self.call_id):
            method = (
                DtmfMethod.SIP_INFO
                if prm.method == pj.PJSUA_DTMF_METHOD_SIP_INFO
                else DtmfMethod.RFC4733
            )
            digit = str(prm.digit)[:1]
            if digit and digit in "0123456789*#ABCDabcd":
                self.engine.publish(
                    DtmfReceived(self.call_id, digit.upper(), method, int(prm.duration))
                )

    def onCallTsxState(self, prm: pj.OnCallTsxStateParam) -> None:  # noqa: N802
        with self.engine.guard("onCallTsxState", self.call_id):
            if not self._info_outstanding or prm.e.type != pj.PJSIP_EVENT_TSX_STATE:
                return
            tsx = prm.e.body.tsxState.tsx
            if (
                tsx.role == pj.PJSIP_ROLE_UAC
                and str(tsx.method) == "INFO"
                and tsx.state in (pj.PJSIP_TSX_STATE_COMPLETED, pj.PJSIP_TSX_STATE_TERMINATED)
            ):
                # Answered (or timed out): the next digit may go, after this callback.
                self._info_outstanding = False
                self.engine.defer(self._send_next_info_digit)

    def onInstantMessage(self, prm: pj.OnInstantMessageParam) -> None:  # noqa: N802
        # A MESSAGE inside this call's dialog (pjsua has answered it 200 already).
        with self.engine.guard("onInstantMessage", self.call_id):
            headers = parse_headers(str(prm.rdata.wholeMsg))
            self.engine.publish(
                InDialogMessage(
                    call_id=self.call_id,
                    content_type=untrusted_text(str(prm.contentType), 128, keep=""),
                    body=untrusted_text(str(prm.msgBody), MAX_MESSAGE_BODY_CHARS),
                    headers=select_headers(headers, self.engine.config.captured_headers),
                )
            )

    def onInstantMessageStatus(self, prm: pj.OnInstantMessageStatusParam) -> None:  # noqa: N802
        with self.engine.guard("onInstantMessageStatus", self.call_id):
            self.engine.publish(InDialogMessageStatus(self.call_id, int(prm.code), str(prm.reason)[:200]))

    def onCallTransferStatus(self, prm: pj.OnCallTransferStatusParam) -> None:  # noqa: N802
        with self.engine.guard("onCallTransferStatus", self.call_id):
            code = int(prm.statusCode)
            self.engine.publish(
                TransferProgress(self.call_id, code, str(prm.reason)[:200], bool(prm.finalNotify))
            )
            if prm.finalNotify and 200 <= code < 300 and self.hangup_after_transfer:
                # The transferee reached the target: our leg has done its job.
                self.engine.defer(lambda: self.engine.hangup_quietly(self.call_id))

    def onCallTransferRequest(self, prm: pj.OnCallTransferRequestParam) -> None:  # noqa: N802
        with self.engine.guard("onCallTransferRequest", self.call_id):
            # The remote side transfers *us*: follow it with a new call of our own.
            prm.newCall = self.engine.adopt_new_call(self.account, pj.PJSUA_INVALID_ID)

    def onCallReplaced(self, prm: pj.OnCallReplacedParam) -> None:  # noqa: N802
        with self.engine.guard("onCallReplaced", self.call_id):
            if prm.newCall is None:
                prm.newCall = self.engine.adopt_new_call(
                    self.account, int(prm.newCallId), CallDirection.INCOMING, self.identity
                )
