"""Cutting a SIP byte stream (TCP or TLS) into whole messages.

On a stream transport every SIP message carries Content-Length (RFC 3261 §18.3), so a
message is: header section up to the first blank line, then exactly Content-Length bytes
of body. Between messages a peer may send bare CRLFs: the RFC 5626 §4.4.1 keep-alive
"ping" (CRLF CRLF) and "pong" (CRLF). Those are handed on unchanged as their own chunks,
because the far end uses them to decide that the connection is still alive.

Pure code, no sockets: the TLS relay feeds it whatever ``recv`` returned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# A hostile or broken peer must not make us buffer without limit. pjsip's own limit for a
# whole message is PJSIP_MAX_PKT_LEN (4000 by default, we are looser): anything bigger than
# this is not a SIP message we want to pass on.
MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 256 * 1024

_HEADER_END = b"\r\n\r\n"
_KEEPALIVE_BYTES = b"\r\n"


class SipFramingError(ValueError):
    """The stream is not SIP (or is hostile): the connection should be closed."""


@dataclass(frozen=True, slots=True)
class SipChunk:
    data: bytes
    is_keepalive: bool  # bare CRLFs between messages, passed on untouched


def content_length(head: bytes) -> int:
    """The Content-Length of a header section (``l`` is its compact form); 0 if absent."""
    for line in head.split(b"\r\n")[1:]:
        name, sep, value = line.partition(b":")
        if not sep:
            continue
        if name.strip().lower() in (b"content-length", b"l"):
            text = value.strip()
            if not text.isdigit():
                raise SipFramingError("Content-Length is not a number")
            length = int(text)
            if length > MAX_BODY_BYTES:
                raise SipFramingError(f"Content-Length {length} is larger than we accept")
            return length
    return 0


@dataclass(slots=True)
class SipStreamSplitter:
    """Feed it bytes as they arrive; it returns every chunk that is now complete."""

    _buffer: bytearray = field(default_factory=bytearray)

    @property
    def pending_bytes(self) -> int:
        return len(self._buffer)

    def feed(self, data: bytes) -> list[SipChunk]:
        self._buffer += data
        chunks: list[SipChunk] = []
        while self._buffer:
            keepalive_len = len(self._buffer) - len(self._buffer.lstrip(_KEEPALIVE_BYTES))
            if keepalive_len:
                chunks.append(SipChunk(bytes(self._buffer[:keepalive_len]), is_keepalive=True))
                del self._buffer[:keepalive_len]
                continue
            header_end = self._buffer.find(_HEADER_END)
            if header_end < 0:
                if len(self._buffer) > MAX_HEADER_BYTES:
                    raise SipFramingError("header section is larger than we accept")
                break
            body_start = header_end + len(_HEADER_END)
            body_len = content_length(bytes(self._buffer[:header_end]))
            if len(self._buffer) < body_start + body_len:
                break
            chunks.append(SipChunk(bytes(self._buffer[: body_start + body_len]), is_keepalive=False))
            del self._buffer[: body_start + body_len]
        return chunks
