"""The single-instance check's QtNetwork-free first answer (issue 5, start-up time): "nobody listens"
exactly when no real QLocalServer has the name, and the socket name is the one it always was."""

from __future__ import annotations

import getpass
import hashlib
import os
import sys

import pytest

from softphone.config.paths import user_paths
from softphone.cti.names import nobody_listens, socket_name
from softphone.cti.server import CtiServer, instance_running

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the file check is Linux's")


class Handler:
    def open_uri(self, uri: str) -> bool:
        return True

    dial = open_uri

    def answer(self) -> bool:
        return False

    hangup = escalate = answer

    def status(self) -> dict:
        return {}


@pytest.mark.parametrize("tmpdir_env", ["default", "custom"])
def test_nobody_listens_until_a_server_does_and_again_once_it_closed(qtbot, tmp_path, monkeypatch, tmpdir_env):
    if tmpdir_env == "custom":
        monkeypatch.setenv("TMPDIR", str(tmp_path) + "/")  # QDir::tempPath() reads it each time
    name = f"softphone-cti-probe-{os.getpid()}-{tmpdir_env}"
    assert nobody_listens(name)
    server = CtiServer(name, "token", Handler())
    assert server.listen()
    try:
        if tmpdir_env == "custom":
            assert os.path.dirname(server.full_server_name) == str(tmp_path)
        assert os.path.exists(server.full_server_name)
        assert not nobody_listens(name)
        assert not nobody_listens(server.full_server_name)  # a path name is the file itself
        assert instance_running(name)
    finally:
        server.close()
    assert nobody_listens(name)
    assert not instance_running(name)


def test_a_stale_socket_file_is_left_to_qlocalsocket(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    name = f"softphone-cti-stale-{os.getpid()}"
    (tmp_path / name).write_text("")  # a crashed instance's leftover: the probe cannot tell
    assert not nobody_listens(name)
    assert not instance_running(name)


def test_a_missing_temp_folder_is_left_to_qlocalsocket(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path / "gone"))
    assert not nobody_listens("softphone-cti-anything")


def test_the_socket_name_is_unchanged_by_the_built_in_sha256(monkeypatch):
    monkeypatch.delenv("SOFTPHONE_CTI_SOCKET", raising=False)
    profile = str(user_paths().data_dir)
    expected = hashlib.sha256(f"{getpass.getuser()}\0{profile}".encode()).hexdigest()[:16]
    assert socket_name() == f"softphone-cti-{expected}"
