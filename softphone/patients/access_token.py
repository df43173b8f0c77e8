"""Where the bearer token for the EHR comes from: a static token, or SMART Backend Services."""

from __future__ import annotations

from typing import Protocol

from softphone.patients.deadline import Deadline


class AccessTokenSource(Protocol):
    def access_token(self, deadline: Deadline) -> str:
        """A token to send now; may fetch one (within the deadline)."""
        ...

    def invalidate(self) -> None:
        """The EHR answered 401 with the last token: forget it so the next call fetches a new one."""
        ...


class StaticBearerToken:
    """A long-lived token issued by the EHR team (kept in the OS keyring by the caller)."""

    def __init__(self, token: str):
        if not token or any(ch.isspace() for ch in token):
            raise ValueError("a bearer token must be a non-empty string without spaces")
        self._token = token

    def access_token(self, deadline: Deadline) -> str:
        return self._token

    def invalidate(self) -> None:
        # Nothing to refresh: a second 401 will surface as "unauthorized".
        pass

    def __repr__(self) -> str:  # never print the secret
        return "StaticBearerToken(***)"
