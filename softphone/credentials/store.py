"""A small secrets API over ``keyring`` that refuses insecure backends.

``keyring`` picks a backend by priority and may quietly land on a plaintext file (keyrings.alt) or
on the "fail" backend. For a clinical tool both are wrong: a password in a plaintext file is a
finding in every security review, and a silent failure loses the DB key. So we choose the backend
ourselves from an allow-list of OS stores and turn every failure into one of two clear errors.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import keyring.backend
import keyring.errors

SERVICE = "softphone"
DATABASE_KEY_BYTES = 32

# Backends that keep secrets encrypted by the OS, unlocked by the user's login.
_SECURE_BACKEND_MODULES = (
    "keyring.backends.SecretService",  # GNOME Keyring, KeePassXC... over D-Bus (Linux)
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
    "keyring.backends.Windows",  # Windows Credential Manager
    "keyring.backends.macOS",
)


class CredentialStoreError(Exception):
    """The OS keyring cannot be used. The message says what the agent or IT should do."""


class CredentialStoreUnavailable(CredentialStoreError):
    pass


class CredentialStoreLocked(CredentialStoreError):
    pass


class SecretName:
    """The names of our secrets in the keyring, in one place so they never drift apart."""

    DATABASE_KEY = "database-key"
    DEMO_DATABASE_KEY = "demo-database-key"
    FHIR_CLIENT_KEY = "fhir-client-key"
    FHIR_BEARER_TOKEN = "fhir-bearer-token"
    CTI_TOKEN = "cti-token"

    @staticmethod
    def sip_password(username: str, domain: str) -> str:
        return f"sip-password:{username}@{domain}"

    @staticmethod
    def database_password(url_without_password: str) -> str:
        return f"database-password:{url_without_password}"


@dataclass
class CredentialStore:
    backend: keyring.backend.KeyringBackend
    service: str = SERVICE

    @property
    def backend_name(self) -> str:
        return type(self.backend).__module__.removeprefix("keyring.backends.")

    def get(self, name: str) -> str | None:
        return self._guard(lambda: self.backend.get_password(self.service, name))

    def set(self, name: str, value: str) -> None:
        self._guard(lambda: self.backend.set_password(self.service, name, value))

    def delete(self, name: str) -> None:
        try:
            self._guard(lambda: self.backend.delete_password(self.service, name))
        except CredentialStoreError as error:
            if isinstance(error.__cause__, keyring.errors.PasswordDeleteError):
                return  # already absent: deleting is idempotent
            raise

    def database_key(self, *, demo: bool = False) -> bytes:
        """The raw 256-bit key of the local encrypted database, created on first use."""
        name = SecretName.DEMO_DATABASE_KEY if demo else SecretName.DATABASE_KEY
        stored = self.get(name)
        if stored is not None:
            try:
                key = bytes.fromhex(stored)
            except ValueError:
                key = b""
            if len(key) != DATABASE_KEY_BYTES:
                raise CredentialStoreError(
                    f"The database key in the OS keyring ({self.service}/{name}) is damaged; "
                    "restore it from your backup or ask IT to reset the local database."
                )
            return key
        key = secrets.token_bytes(DATABASE_KEY_BYTES)
        self.set(name, key.hex())
        return key

    def _guard(self, operation):
        try:
            return operation()
        except keyring.errors.KeyringLocked as error:
            raise CredentialStoreLocked(
                "The OS keyring is locked. Unlock it (log out and in again, or open your keyring "
                "manager) and retry; the softphone never stores secrets anywhere else."
            ) from error
        except keyring.errors.PasswordDeleteError as error:
            raise CredentialStoreError("That secret is not in the OS keyring.") from error
        except (keyring.errors.KeyringError, OSError) as error:
            raise CredentialStoreUnavailable(
                f"The OS keyring ({self.backend_name}) did not answer: {error}. "
                "On Linux a Secret Service (GNOME Keyring or KeePassXC) must be running in your session."
            ) from error
        except Exception as error:  # D-Bus errors surface as backend-specific exception types
            raise CredentialStoreUnavailable(
                f"The OS keyring ({self.backend_name}) failed: {type(error).__name__}: {error}"
            ) from error


def open_os_credential_store(service: str = SERVICE) -> CredentialStore:
    """The most preferred secure OS keyring that is usable here, or CredentialStoreUnavailable."""
    candidates = [
        backend
        for backend in keyring.backend.get_all_keyring()
        if type(backend).__module__.startswith(_SECURE_BACKEND_MODULES) and backend.priority > 0
    ]
    if not candidates:
        raise CredentialStoreUnavailable(
            "No secure OS keyring is available. On Linux start a Secret Service (GNOME Keyring or "
            "KeePassXC) in the desktop session; on Windows the Credential Manager is used. "
            "The softphone will not store passwords or keys in a plain file."
        )
    best = max(candidates, key=lambda backend: backend.priority)
    return CredentialStore(best, service)
