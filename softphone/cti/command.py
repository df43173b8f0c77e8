"""``softphone --cti-status``: the running instance's status through the local control API."""

from __future__ import annotations

import json
from typing import TextIO


def run_cti_status(out: TextIO, err: TextIO) -> int:
    from PySide6.QtCore import QCoreApplication

    from softphone.credentials import CredentialStoreError, SecretName, open_os_credential_store
    from softphone.cti.names import socket_name
    from softphone.cti.server import send_request

    _app = QCoreApplication.instance() or QCoreApplication([])
    try:
        token = open_os_credential_store().get(SecretName.CTI_TOKEN) or ""
    except CredentialStoreError as error:
        print(f"softphone: {error}", file=err)
        return 1
    reply = send_request(socket_name(), {"token": token, "cmd": "status"})
    if reply is None:
        print("softphone: no running instance", file=err)
        return 1
    print(json.dumps(reply), file=out)
    return 0 if reply.get("ok") else 1
