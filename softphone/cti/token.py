"""The local control API's token, kept in the OS keyring. No Qt: read on the start-up thread
(softphone.startup), where no Qt type may be created."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from softphone.credentials import CredentialStore


def ensure_cti_token(credentials: CredentialStore) -> str:
    """The token local clients must present; created in the keyring on first use."""
    from softphone.credentials import SecretName

    token = credentials.get(SecretName.CTI_TOKEN)
    if not token:
        token = secrets.token_urlsafe(32)
        credentials.set(SecretName.CTI_TOKEN, token)
    return token
