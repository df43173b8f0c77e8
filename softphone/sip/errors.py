"""Exceptions raised through command Futures."""

from __future__ import annotations

import pjsua2 as pj


class SipEngineError(Exception):
    """Base class for engine errors raised through command Futures."""


class EngineNotRunning(SipEngineError):
    """The engine was never started, failed to start, or has been stopped."""


class UnknownAccount(SipEngineError, KeyError):
    pass


class InvalidCallState(SipEngineError):
    """The command does not apply to the call in its current state."""


def describe_error(exc: BaseException) -> str:
    """A one-line description; pjsua2's ``Error`` keeps its text in ``info()``."""
    if isinstance(exc, pj.Error):
        try:
            return f"{exc.title}: {exc.reason} (status={exc.status})"
        except Exception:  # noqa: BLE001
            return exc.info()
    return f"{type(exc).__name__}: {exc}"
