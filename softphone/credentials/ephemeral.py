"""An in-memory keyring for the embedded demo on machines without an OS keyring.

Only the demo uses it, only explicitly, and only with a throw-away database: demo data is
synthetic, and a key that dies with the process makes the demo database unreadable afterwards,
which is the point. It is never selected for real data (a negative priority keeps ``keyring`` from choosing
it on its own).
"""

from __future__ import annotations

import keyring.backend
import keyring.errors


class EphemeralKeyring(keyring.backend.KeyringBackend):
    priority = -10  # below every real backend, so keyring never picks it on its own

    def __init__(self) -> None:
        super().__init__()
        self._secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._secrets.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)
