from __future__ import annotations

from softphone.demo.controller import DemoEndpoints
from softphone.sip.config import EngineConfig, TransportKind

ENDPOINTS = DemoEndpoints(host="127.0.0.1", udp_port=5070, tcp_port=5071, pid=1)


def test_uris_of_the_simulated_people():
    assert ENDPOINTS.on_call_nurse_uri == "sip:oncall-nurse@127.0.0.1:5070"
    assert ENDPOINTS.supervisor_uri == "sip:supervisor@127.0.0.1:5070"
    assert ENDPOINTS.uri("oncall-nurse", "tcp") == "sip:oncall-nurse@127.0.0.1:5071;transport=tcp"
    assert ENDPOINTS.caller_uri("chest-pain").startswith("sip:+1")
    targets = ENDPOINTS.escalation_targets
    assert [t.user for t in targets] == ["oncall-nurse", "oncall-physician", "behavioural-health"]
    assert all(t.uri.startswith("sip:") and t.title for t in targets)


def test_agent_account_and_engine_settings():
    account = ENDPOINTS.agent_account_config()
    assert account.aor == "sip:agent@127.0.0.1"
    assert account.transport is TransportKind.UDP and account.password() == ""
    base = EngineConfig(auto_routing=False)
    config = ENDPOINTS.engine_config(base)
    assert config.bind_address == "127.0.0.1"  # the demo is never reachable from the LAN
    assert "X-Supervise" in config.captured_headers
    assert config.auto_routing is False
    assert ENDPOINTS.engine_config(config).captured_headers.count("X-Supervise") == 1
