"""Single instance and the local control API (JSON lines, per-user local socket, keyring token).

    server = CtiServer(socket_name(), ensure_cti_token(credentials), handler)
    if not server.listen(): hand_off(socket_name(), token, uri)  # another instance is running
"""
