"""Interop with a SIP stack that is not pjsua: SIPp's built-in UAC scenario calls the
agent through Kamailio and echoes the agent's RTP back (PCMU only)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pathlib import Path

from kamailio.server import free_port_pair
from softphone.sip import Answer, CallState

from sip_harness import AGENT_TONE

pytestmark = pytest.mark.integration

SCENARIO = Path(__file__).parents[1] / "peers" / "sipp_uac_routed.xml"


@pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (Debian sip-tester) not installed")
def test_sipp_calls_agent_and_echoes_audio(agent, kamailio, tmp_path):
    sipp = subprocess.Popen(
        [
            "sipp", kamailio.udp_address, "-sf", str(SCENARIO), "-s", "agent", "-m", "1",
            "-i", "127.0.0.1", "-p", str(free_port_pair()), "-mi", "127.0.0.1",
            "-mp", str(free_port_pair()), "-rtp_echo", "-d", "4000", "-nostdin",
            "-trace_err", "-error_file", str(tmp_path / "sipp-errors.log"),
            "-timeout", "20s", "-nd",
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path,
    )
    try:
        incoming = agent.events.wait_incoming()
        agent.run(Answer(incoming.call_id))
        agent.events.wait_call_state(incoming.call_id, CallState.CONFIRMED)
        heard = agent.listen(1.5)
        # SIPp has no tone of its own: hearing our 600 Hz back proves both directions.
        assert heard.present(AGENT_TONE), heard
        ended = agent.events.wait_call_state(incoming.call_id, CallState.DISCONNECTED, timeout=10)
        assert ended.status_code == 200  # SIPp hung up with BYE after its pause
        assert sipp.wait(timeout=10) == 0, sipp.stderr.read().decode() if sipp.stderr else ""
    finally:
        if sipp.poll() is None:
            sipp.kill()
            sipp.wait()
