"""Secrets in the OS keyring: SIP passwords, the database key, the EHR client key, the CTI token."""

from softphone.credentials.store import (
    CredentialStore,
    CredentialStoreError,
    CredentialStoreLocked,
    CredentialStoreUnavailable,
    SecretName,
    open_os_credential_store,
)

__all__ = [
    "CredentialStore",
    "CredentialStoreError",
    "CredentialStoreLocked",
    "CredentialStoreUnavailable",
    "SecretName",
    "open_os_credential_store",
]
