"""Exceptions raised through command Futures."""

from __future__ import annotations

import traceback

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


def without_frames(exc: BaseException) -> BaseException:
    """``exc`` made safe to hand to another thread through a Future: its traceback (and those of
    its cause, context and group members) is dropped, after clearing the finished frames' locals.

    Why: a traceback keeps every frame it passed through alive, and with them their locals, e.g.
    the ``SipCall`` of a ``MakeCall`` that pjsua refused. A pjsua2 object that outlives
    ``libDestroy()`` aborts the process when it is finally freed, and a refused ``Call`` keeps the
    pjsua call slot number it was given: freed later, it would clear the user data of (and hang
    up) whichever call has that slot by then. The stack is kept as text in a note."""
    seen: set[int] = set()
    pending = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        tb = current.__traceback__
        if tb is not None:
            if current is exc:
                exc.add_note("On the SIP thread:\n" + "".join(traceback.format_tb(tb)).rstrip())
            traceback.clear_frames(tb)  # frames still running (the caller's) are left alone
            current.__traceback__ = None
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
    return exc
