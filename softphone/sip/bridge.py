"""Applies a routing matrix to the pjsua2 conference bridge.

The matrix (who hears whom) is computed elsewhere as a set of (source, sink) party ids,
e.g. ("agent_mic", "call-3") or ("call-3", "agent_ear").  This class maps party ids
to bridge ports and starts/stops only the connections that differ from what is applied.

Ports come and go independently of the matrix (a call's media appears after the 200 OK,
is re-created by some re-INVITEs, disappears at hang-up), so the applier keeps the
*desired* matrix and reconciles whenever either the matrix or the set of ports changes.
Must only be used on the SIP thread.
"""

from __future__ import annotations

import logging
from typing import Protocol

from .commands import Route

log = logging.getLogger(__name__)


class BridgePort(Protocol):
    """What the applier needs from a pjsua2 ``AudioMedia`` (or a test double)."""

    def getPortId(self) -> int: ...
    def startTransmit(self, sink: BridgePort) -> None: ...
    def stopTransmit(self, sink: BridgePort) -> None: ...


class BridgeApplier:
    def __init__(self) -> None:
        self._ports: dict[str, BridgePort] = {}
        self._desired: frozenset[Route] = frozenset()
        self._applied: set[Route] = set()
        self.failures: list[tuple[Route, str]] = []  # last reconcile's failed routes

    @property
    def desired(self) -> frozenset[Route]:
        return self._desired

    @property
    def applied(self) -> frozenset[Route]:
        return frozenset(self._applied)

    def has_port(self, party_id: str) -> bool:
        return party_id in self._ports

    def port(self, party_id: str) -> BridgePort | None:
        return self._ports.get(party_id)

    def party_ids(self) -> frozenset[str]:
        return frozenset(self._ports)

    def apply(self, desired: frozenset[Route] | set[Route]) -> None:
        self._desired = frozenset(desired)
        self._reconcile()

    def set_port(self, party_id: str, port: BridgePort) -> None:
        old = self._ports.get(party_id)
        if old is not None and old.getPortId() == port.getPortId():
            self._ports[party_id] = port  # same bridge slot, newer wrapper object
            return
        if old is not None:
            # The old slot may already be gone (media re-created): forget its routes
            # rather than calling stopTransmit on a dead slot.
            self._forget_routes_of(party_id)
        self._ports[party_id] = port
        self._reconcile()

    def remove_port(self, party_id: str, disconnect: bool = False) -> None:
        """Forget a party.

        For a slot that is gone or about to be destroyed (a call's media, an engine-owned
        port) leave ``disconnect`` False: destroying a slot tears down its connections
        inside pjmedia, and stopTransmit on a dead slot id could hit a reused one.  For
        a port that lives on elsewhere (the sound device), pass True to stop its routes.
        """
        port = self._ports.pop(party_id, None)
        if port is None:
            return
        if disconnect:
            for source, sink in sorted(self._applied):
                if party_id not in (source, sink):
                    continue
                src = port if source == party_id else self._ports.get(source)
                dst = port if sink == party_id else self._ports.get(sink)
                if src is not None and dst is not None:
                    try:
                        src.stopTransmit(dst)
                    except Exception as exc:  # noqa: BLE001
                        log.debug("stopTransmit %s->%s failed: %s", source, sink, exc)
        self._forget_routes_of(party_id)

    def clear(self) -> None:
        self._ports.clear()
        self._applied.clear()
        self._desired = frozenset()

    def _forget_routes_of(self, party_id: str) -> None:
        self._applied = {r for r in self._applied if party_id not in r}

    def _reconcile(self) -> None:
        self.failures = []
        for route in sorted(self._applied - self._desired):
            source, sink = route
            src, dst = self._ports.get(source), self._ports.get(sink)
            if src is not None and dst is not None:
                try:
                    src.stopTransmit(dst)
                except Exception as exc:  # pj.Error: slot vanished under us
                    log.debug("stopTransmit %s failed: %s", route, exc)
            self._applied.discard(route)
        for route in sorted(self._desired - self._applied):
            source, sink = route
            src, dst = self._ports.get(source), self._ports.get(sink)
            if src is None or dst is None:
                continue  # applied later, when the missing port appears
            try:
                src.startTransmit(dst)
            except Exception as exc:
                self.failures.append((route, str(exc)))
                log.warning("startTransmit %s failed: %s", route, exc)
                continue
            self._applied.add(route)
