"""The CTI server on a real local socket (user-only permissions), and a second process handing a
``tel:`` link to the running instance."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap

from softphone.cti.server import CtiServer, instance_running

TOKEN = "s3cret-token"


class Handler:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def open_uri(self, uri: str) -> bool:
        self.calls.append(("open", uri))
        return True

    def dial(self, uri: str) -> bool:
        return self.open_uri(uri)

    def answer(self) -> bool:
        return False

    hangup = escalate = answer

    def status(self) -> dict:
        return {"agent_state": "available", "calls": []}


def test_second_process_hands_a_uri_to_the_running_instance_over_the_user_only_socket(qtbot, tmp_path):
    name = f"softphone-cti-test-{os.getpid()}"
    handler = Handler()
    server = CtiServer(name, TOKEN, handler)
    assert server.listen()
    try:
        mode = os.stat(server.full_server_name).st_mode
        assert stat.S_IMODE(mode) & 0o077 == 0, oct(mode)  # only this user may connect
        assert instance_running(name)

        client = textwrap.dedent(f"""
            import json, sys
            from PySide6.QtCore import QCoreApplication
            from softphone.cti.server import hand_off, send_request
            app = QCoreApplication([])
            handed = hand_off({name!r}, {TOKEN!r}, "tel:+34600111222")
            wrong = send_request({name!r}, {{"token": "nope", "cmd": "status"}})
            status = send_request({name!r}, {{"token": {TOKEN!r}, "cmd": "status"}})
            print(json.dumps({{"handed": handed, "wrong": wrong, "status": status}}))
        """)
        process = subprocess.Popen([sys.executable, "-c", client], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        # The server answers from this (GUI) thread's event loop: keep it running while the client talks.
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=20_000)
        out, err = process.communicate()
        result = json.loads(out.strip().splitlines()[-1])
        assert result["handed"] is True, err
        assert result["wrong"] == {"ok": False, "error": "unauthorized"}
        assert result["status"]["ok"] and result["status"]["result"]["agent_state"] == "available"
        assert handler.calls == [("open", "tel:+34600111222")]
    finally:
        server.close()
    assert not instance_running(name)


def test_a_stale_socket_left_by_a_crash_is_taken_over(qtbot):
    name = f"softphone-cti-stale-{os.getpid()}"
    first = CtiServer(name, TOKEN, Handler())
    assert first.listen()
    second = CtiServer(name, TOKEN, Handler())
    assert not second.listen()  # a live instance keeps its name
    first.close()
    third = CtiServer(name, TOKEN, Handler())
    assert third.listen()
    third.close()
