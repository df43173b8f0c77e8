"""Patient data and bearer tokens travel over HTTPS only; plain HTTP is allowed to loopback alone.

Loopback is allowed because tests and a local FHIR facade on the same machine never leave it; the
settings layer already insists on https:// for what IT configures.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


class InsecureEndpoint(ValueError):
    pass


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def require_secure_url(url: str, what: str) -> str:
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname and is_loopback_host(parts.hostname):
        return url
    raise InsecureEndpoint(f"The {what} must be an https:// URL (plain http is accepted for loopback only)")


def same_origin(url: str, base_url: str) -> bool:
    """Paging links must stay on the EHR's origin, or we would send our bearer token elsewhere."""
    a, b = urlsplit(url), urlsplit(base_url)
    return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)
