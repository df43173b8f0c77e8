from __future__ import annotations

from softphone.sip.bridge import BridgeApplier
from softphone.sip.default_routing import (
    AGENT_EAR,
    AGENT_MIC,
    CallAudioState,
    default_routes,
)


class FakePort:
    def __init__(self, port_id: int, log: list, fail: bool = False) -> None:
        self.port_id, self.log, self.fail = port_id, log, fail

    def getPortId(self) -> int:  # noqa: N802
        return self.port_id

    def startTransmit(self, sink: FakePort) -> None:  # noqa: N802
        if self.fail:
            raise RuntimeError("boom")
        self.log.append(("start", self.port_id, sink.port_id))

    def stopTransmit(self, sink: FakePort) -> None:  # noqa: N802
        self.log.append(("stop", self.port_id, sink.port_id))


def _bridge(log):
    bridge = BridgeApplier()
    bridge.set_port("mic", FakePort(1, log))
    bridge.set_port("ear", FakePort(2, log))
    bridge.set_port("call-1", FakePort(3, log))
    return bridge


def test_applies_only_the_difference():
    log: list = []
    bridge = _bridge(log)
    bridge.apply({("mic", "call-1"), ("call-1", "ear")})
    assert sorted(log) == [("start", 1, 3), ("start", 3, 2)]
    log.clear()
    bridge.apply({("call-1", "ear")})
    assert log == [("stop", 1, 3)]
    log.clear()
    bridge.apply({("call-1", "ear")})
    assert log == []


def test_routes_wait_for_missing_ports_and_survive_port_replacement():
    log: list = []
    bridge = BridgeApplier()
    bridge.set_port("mic", FakePort(1, log))
    bridge.apply({("mic", "call-2")})
    assert log == [] and bridge.applied == frozenset()
    bridge.set_port("call-2", FakePort(5, log))
    assert log == [("start", 1, 5)]
    log.clear()
    # Media re-created on a new slot: no stop on the dead slot, start on the new one.
    bridge.set_port("call-2", FakePort(6, log))
    assert log == [("start", 1, 6)]
    log.clear()
    bridge.remove_port("call-2")
    assert log == [] and bridge.applied == frozenset()


def test_remove_live_port_with_disconnect_stops_its_routes():
    log: list = []
    bridge = _bridge(log)
    bridge.apply({("mic", "call-1")})
    log.clear()
    bridge.remove_port("mic", disconnect=True)
    assert log == [("stop", 1, 3)]


def test_failed_start_is_reported_and_retried_later():
    log: list = []
    bridge = BridgeApplier()
    bridge.set_port("a", FakePort(1, log, fail=True))
    bridge.set_port("b", FakePort(2, log))
    bridge.apply({("a", "b")})
    assert bridge.failures and bridge.applied == frozenset()
    bridge.set_port("a", FakePort(3, log))
    assert bridge.applied == {("a", "b")}


def test_default_routes_connect_active_calls_only():
    routes = default_routes(
        {
            "call-1": CallAudioState(media_active=True, muted=False),
            "call-2": CallAudioState(media_active=False, muted=False),
            "call-3": CallAudioState(media_active=True, muted=True),
        }
    )
    assert routes == {
        (AGENT_MIC, "call-1"),
        ("call-1", AGENT_EAR),
        ("call-3", AGENT_EAR),
    }


def test_apply_routes_accepts_routing_routes_and_role_aliases():
    from softphone.sip.commands import ApplyRoutes
    from softphone.sip.routing import Route

    command = ApplyRoutes(
        frozenset({Route("agent_mic", "patient"), Route("patient", "agent_ear"), ("tone:hold", "clinician")}),
        parties=(("patient", "call-3"), ("clinician", "call-4")),
    )
    assert command.resolved() == {
        ("agent_mic", "call-3"), ("call-3", "agent_ear"), ("tone:hold", "call-4"),
    }
