"""Splitting the "host[:port]" server strings of ``AccountConfig`` (IPv6 in brackets).

Pure code: the TLS relay needs the host on its own (to connect, for SNI and to check the
certificate's name) and a port that defaults to SIP over TLS's 5061.
"""

from __future__ import annotations

from dataclasses import dataclass

SIPS_DEFAULT_PORT = 5061


@dataclass(frozen=True, slots=True)
class HostPort:
    host: str  # without brackets: "sip.example.org", "192.0.2.7", "2001:db8::7"
    port: int


def parse_host_port(server: str, default_port: int = SIPS_DEFAULT_PORT) -> HostPort:
    """``"sip.example.org"`` -> (sip.example.org, 5061); ``"[2001:db8::7]:5062"`` ->
    (2001:db8::7, 5062). Raises ValueError on anything else (a scheme, a bad port)."""
    text = server.strip()
    if not text or "/" in text or text.startswith(("sip:", "sips:")):
        raise ValueError(f"not a host[:port] server address: {server!r}")
    if text.startswith("["):
        host, bracket, rest = text[1:].partition("]")
        if not bracket or not host or (rest and not rest.startswith(":")):
            raise ValueError(f"bad IPv6 server address: {server!r}")
        port_text = rest[1:]
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    elif ":" in text:
        raise ValueError(f"IPv6 server addresses need brackets: {server!r}")
    else:
        host, port_text = text, ""
    if not port_text:
        return HostPort(host, default_port)
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"bad port in server address: {server!r}")
    return HostPort(host, int(port_text))
