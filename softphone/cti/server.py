"""The single-instance / CTI server on a per-user QLocalSocket (a Unix socket with user-only
permissions on Linux, a named pipe restricted to the user on Windows), and its blocking client.

Runs on the GUI thread's event loop (QtNetwork, no widgets): requests are tiny and the handler only
queues engine commands, so nothing here blocks.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from softphone.cti.protocol import COMMANDS, CtiHandler, CtiSession, encode, error, split_lines
from softphone.cti.token import ensure_cti_token  # noqa: F401 - its home before; still importable here

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 500
REPLY_TIMEOUT_MS = 3000


class CtiServer(QObject):
    def __init__(self, name: str, token: str, handler: CtiHandler, allowed: tuple[str, ...] = COMMANDS, parent=None):
        super().__init__(parent)
        self.name = name
        self._token = token
        self._handler = handler
        self._allowed = frozenset(allowed)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.setMaxPendingConnections(8)
        self._server.newConnection.connect(self._accept)
        self._clients: dict[QLocalSocket, tuple[bytearray, CtiSession]] = {}

    def listen(self) -> bool:
        """False when another live instance owns the name. A stale socket (crash) is removed.

        Asked first, because with ``UserAccessOption`` Qt creates the socket aside and renames it
        over an existing one: a second instance would silently steal the name."""
        if instance_running(self.name):
            return False
        QLocalServer.removeServer(self.name)
        ok = self._server.listen(self.name)
        if not ok:
            log.warning("cti: cannot listen: %s", self._server.errorString())
        return ok

    @property
    def full_server_name(self) -> str:
        return self._server.fullServerName()

    def close(self) -> None:
        for socket in list(self._clients):
            socket.abort()
        self._clients.clear()
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            session = CtiSession(self._token, self._handler, self._allowed)
            self._clients[socket] = (bytearray(), session)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _read(self, socket: QLocalSocket) -> None:
        entry = self._clients.get(socket)
        if entry is None:
            return
        buffer, session = entry
        buffer.extend(bytes(socket.readAll()))
        if len(buffer) > 64 * 1024 and b"\n" not in buffer:
            socket.write(encode(error("bad_request")))
            socket.disconnectFromServer()
            return
        for line in split_lines(buffer):
            socket.write(encode(session.handle_line(line)))
            if session.closed:
                socket.flush()
                socket.disconnectFromServer()
                return

    def _drop(self, socket: QLocalSocket) -> None:
        self._clients.pop(socket, None)
        socket.deleteLater()


def instance_running(name: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    alive = socket.waitForConnected(CONNECT_TIMEOUT_MS)
    socket.abort()
    return alive


def send_request(name: str, request: dict[str, Any], timeout_ms: int = REPLY_TIMEOUT_MS) -> dict[str, Any] | None:
    """One request to the running instance; None when nobody listens (or it did not answer)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return None
    socket.write(encode(request))
    socket.flush()
    buffer = bytearray()
    while b"\n" not in buffer:
        if not socket.waitForReadyRead(timeout_ms):
            socket.abort()
            return None
        buffer.extend(bytes(socket.readAll()))
    socket.disconnectFromServer()
    try:
        return json.loads(bytes(buffer).split(b"\n", 1)[0])
    except ValueError:
        return None


def hand_off(name: str, token: str | None, uri: str | None) -> bool:
    """The second-instance path: give ``uri`` (or just "show yourself") to the running instance."""
    reply = send_request(name, {"token": token or "", "cmd": "open", "uri": uri or ""})
    return bool(reply and (reply.get("ok") or reply.get("error") == "refused"))
