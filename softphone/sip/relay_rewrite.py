"""The few header edits that let pjsua2 (which believes it is on TCP) and a SIP server (which
sees a TLS client) understand each other through the TLS relay.

Found necessary against Kamailio 5.6 and pjsua2 2.15 (tests/integration/sip):

Up, pjsua2 -> server
    * top Via ``SIP/2.0/TCP`` -> ``SIP/2.0/TLS``: the server sends responses to the Via's
      ``received``/``rport`` over the Via's transport. Left as TCP, Kamailio looks for a
      *TCP* connection to the relay's address, finds none, and tries to open one, so the
      200 OK to an INVITE never arrives.
    * our Contact ``transport=tcp`` -> ``transport=tls``: the registered Contact is how the
      server reaches us; it must name the transport of the connection we are actually on.
    * drop Route and Record-Route entries that point at this relay (see below): the server
      must never see a loopback address it could try to route to.

Down, server -> pjsua2
    * top Via of responses back to ``SIP/2.0/TCP``, as pjsua2 sent it.
    * the relay record-routes itself (``sip:127.0.0.1:PORT;transport=tcp;lr``) into
      dialog-creating requests (top) and responses (bottom), as a proxy next to pjsua2 would.
      Why: pjsip replaces a dialog's route set with the Record-Route it receives and forgets
      the account's outbound proxy, so without this the ACK/BYE of every call goes to the
      server's own ``transport=tls`` Record-Route, which a pjsua2 locked to TCP (and the
      Windows build, which has no TLS) cannot send: "Unsuitable transport selected" and an
      abort in inv_send_ack. With the relay first in the route set, in-dialog requests
      come back through the relay, which then strips its own Route entry.

The flow token (optional, ``flow_token``): the relay's own URI carries a random
``relay-token`` parameter, in the proxy URI pjsua2 puts in the Route header of every
out-of-dialog request and in the Record-Route the relay adds (so in-dialog requests carry it
too). The relay only opens a TLS connection for a flow whose first request presents it
(``presents_flow_token``), so another local process cannot use the relay's port to reach
the SIP server (with the workstation's client certificate, if there is one). It never leaves
the machine: the relay drops its own Route/Record-Route entries on the way up.

Remote parties' URIs (Request-URI, their Contacts) are never changed: a remote party that
really is on TCP must stay on TCP.

Pure functions on bytes; header names are matched case-insensitively with compact forms.
The body is never touched, so Content-Length stays right.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass

_VIA_NAMES = frozenset({"via", "v"})
_CONTACT_NAMES = frozenset({"contact", "m"})
_ROUTE = "route"
_RECORD_ROUTE = "record-route"

# Dialog-creating methods whose Record-Route sets a route set (RFC 3261 §12.1, RFC 6665, RFC 3515).
_DIALOG_CREATING = frozenset({b"INVITE", b"SUBSCRIBE", b"REFER", b"NOTIFY"})

_TOP_VIA_TCP = re.compile(rb"^(\s*SIP\s*/\s*2\.0\s*/\s*)TCP\b", re.IGNORECASE)
_TOP_VIA_TLS = re.compile(rb"^(\s*SIP\s*/\s*2\.0\s*/\s*)TLS\b", re.IGNORECASE)
_TRANSPORT_TCP = re.compile(rb";transport=tcp(?=[;>?\s]|$)", re.IGNORECASE)
_URI_HOSTPORT = re.compile(rb"sips?:(?:[^@;>?\s]*@)?(\[[^\]]+\]|[^:;>?\s]+)(?::(\d+))?", re.IGNORECASE)
_TO_TAG = re.compile(rb";\s*tag\s*=", re.IGNORECASE)
FLOW_TOKEN_PARAM = "relay-token"
_FLOW_TOKEN = re.compile(rb";\s*relay-token\s*=\s*([A-Za-z0-9_\-]+)", re.IGNORECASE)


@dataclass(slots=True)
class _Message:
    start_line: bytes
    headers: list[tuple[str, bytes]]  # (lower-case name, value), folding already undone
    body: bytes

    @classmethod
    def parse(cls, data: bytes) -> _Message:
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        headers: list[tuple[str, bytes]] = []
        for line in lines[1:]:
            if line[:1] in (b" ", b"\t") and headers:  # RFC 3261 §7.3.1 line folding
                folded_name, folded_value = headers[-1]
                headers[-1] = (folded_name, folded_value + b" " + line.strip())
                continue
            raw_name, sep, value = line.partition(b":")
            if sep:
                headers.append((raw_name.strip().decode("latin-1").lower(), value.strip()))
        return cls(lines[0], headers, body)

    def serialize(self, original_names: dict[str, bytes]) -> bytes:
        lines = [self.start_line]
        for name, value in self.headers:
            lines.append(original_names.get(name, name.encode("latin-1")) + b": " + value)
        return b"\r\n".join(lines) + b"\r\n\r\n" + self.body

    @property
    def is_request(self) -> bool:
        return not self.start_line.startswith(b"SIP/")

    @property
    def status_code(self) -> int:
        parts = self.start_line.split(b" ", 2)
        return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0

    @property
    def method(self) -> bytes:
        if self.is_request:
            return self.start_line.split(b" ", 1)[0].upper()
        cseq = self.first("cseq")
        parts = cseq.split() if cseq else []
        return parts[1].upper() if len(parts) > 1 else b""

    def first(self, name: str) -> bytes | None:
        for header, value in self.headers:
            if header == name:
                return value
        return None

    def has_to_tag(self) -> bool:
        to = self.first("to") or self.first("t") or b""
        return bool(_TO_TAG.search(to))


def split_header_list(value: bytes) -> list[bytes]:
    """Split a comma-separated header value (Route, Record-Route, Contact), ignoring commas in
    quoted display names and inside <...>."""
    items: list[bytes] = []
    depth = 0
    quoted = False
    escaped = False
    start = 0
    for index, char in enumerate(value):
        if quoted:
            if escaped:
                escaped = False
            elif char == 0x5C:  # backslash
                escaped = True
            elif char == 0x22:  # closing quote
                quoted = False
        elif char == 0x22:
            quoted = True
        elif char == 0x3C:  # <
            depth += 1
        elif char == 0x3E:  # >
            depth = max(0, depth - 1)
        elif char == 0x2C and depth == 0:  # ,
            items.append(value[start:index].strip())
            start = index + 1
    items.append(value[start:].strip())
    return [item for item in items if item]


@dataclass(frozen=True, slots=True)
class FlowRewriter:
    """The edits for one flow; ``relay_port`` is the relay's loopback TCP port."""

    relay_port: int
    relay_host: bytes = b"127.0.0.1"
    flow_token: str | None = None

    @property
    def record_route(self) -> bytes:
        token = b";" + FLOW_TOKEN_PARAM.encode() + b"=" + self.flow_token.encode() if self.flow_token else b""
        return b"<sip:" + self.relay_host + b":" + str(self.relay_port).encode() + b";transport=tcp;lr" + token + b">"

    def presents_flow_token(self, data: bytes) -> bool:
        """Whether this request (the first on a new flow) routes through this relay with the
        right token. Always true when the relay has no token."""
        if self.flow_token is None:
            return True
        message = _Message.parse(data)
        if not message.is_request:
            return False
        expected = self.flow_token.encode()
        for name, value in message.headers:
            if name != _ROUTE:
                continue
            for entry in split_header_list(value):
                match = _FLOW_TOKEN.search(entry)
                if self.is_relay_uri(entry) and match and hmac.compare_digest(match.group(1), expected):
                    return True
        return False

    def is_relay_uri(self, name_addr: bytes) -> bool:
        match = _URI_HOSTPORT.search(name_addr)
        return bool(
            match
            and match.group(1).lower() == self.relay_host
            and match.group(2) is not None
            and int(match.group(2)) == self.relay_port
        )

    # -- up: pjsua2 -> server ---------------------------------------------------------------

    def to_server(self, data: bytes) -> bytes:
        message = _Message.parse(data)
        names = _original_names(data)
        rewritten: list[tuple[str, bytes]] = []
        top_via_seen = False
        for name, value in message.headers:
            if name in _VIA_NAMES and not top_via_seen:
                top_via_seen = True
                if message.is_request:  # in responses the top Via is the server's
                    value = _TOP_VIA_TCP.sub(rb"\1TLS", value, count=1)
            elif name in _CONTACT_NAMES:
                value = _TRANSPORT_TCP.sub(b";transport=tls", value)
            elif name in (_ROUTE, _RECORD_ROUTE):
                kept = [entry for entry in split_header_list(value) if not self.is_relay_uri(entry)]
                if not kept:
                    continue
                value = b", ".join(kept)
            rewritten.append((name, value))
        message.headers = rewritten
        return message.serialize(names)

    # -- down: server -> pjsua2 -------------------------------------------------------------

    def to_client(self, data: bytes) -> bytes:
        message = _Message.parse(data)
        names = _original_names(data)
        if not message.is_request:
            for index, (name, value) in enumerate(message.headers):
                if name in _VIA_NAMES:
                    message.headers[index] = (name, _TOP_VIA_TLS.sub(rb"\1TCP", value, count=1))
                    break
        if self._creates_dialog(message):
            self._record_route_relay(message)
        return message.serialize(names)

    def _creates_dialog(self, message: _Message) -> bool:
        if message.method not in _DIALOG_CREATING:
            return False
        if message.is_request:
            return not message.has_to_tag()
        return 101 <= message.status_code < 300

    def _record_route_relay(self, message: _Message) -> None:
        # Requests: the proxy nearest the UAS is the topmost entry. Responses carry the
        # request's list, where the proxy nearest the UAC (us) is the bottom one.
        positions = [i for i, (name, _) in enumerate(message.headers) if name == _RECORD_ROUTE]
        entry = (_RECORD_ROUTE, self.record_route)
        if message.is_request:
            at = positions[0] if positions else _after_via(message)
            message.headers.insert(at, entry)
        else:
            at = positions[-1] + 1 if positions else _after_via(message)
            message.headers.insert(at, entry)


def _after_via(message: _Message) -> int:
    last_via = -1
    for index, (name, _) in enumerate(message.headers):
        if name in _VIA_NAMES:
            last_via = index
    return last_via + 1


def _original_names(data: bytes) -> dict[str, bytes]:
    """How each header name was spelled, so a rewritten message looks like the original."""
    head = data.split(b"\r\n\r\n", 1)[0]
    names: dict[str, bytes] = {_RECORD_ROUTE: b"Record-Route"}
    for line in head.split(b"\r\n")[1:]:
        name, sep, _ = line.partition(b":")
        if sep and line[:1] not in (b" ", b"\t"):
            names.setdefault(name.strip().decode("latin-1").lower(), name.strip())
    return names
