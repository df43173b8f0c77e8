"""Routes pjsua's own log lines into Python ``logging`` instead of stdout.

pjsua prints to stdout by default, which would corrupt anything speaking over stdout
(and leak SIP URIs, which are PHI, into terminals).  pjsua levels map as
1=error, 2=warning, 3=info, 4+=debug.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import sys
import threading
from collections.abc import Iterator

import pjsua2 as pj

pjsua_log = logging.getLogger("softphone.sip.pjsua")

_LEVELS = {0: logging.CRITICAL, 1: logging.ERROR, 2: logging.WARNING, 3: logging.INFO}


class PythonLogWriter(pj.LogWriter):
    """Called from any pjsip thread (media clock included): must never raise."""

    def write(self, entry: pj.LogEntry) -> None:  # noqa: N802 (pjsua2 name)
        try:
            level = _LEVELS.get(entry.level, logging.DEBUG)
            if pjsua_log.isEnabledFor(level):
                pjsua_log.log(level, "%s", entry.msg.rstrip())
        except Exception:  # noqa: BLE001 - an exception here would be swallowed by SWIG anyway
            pass


_stdout_lock = threading.Lock()


def _flush_c_stdio() -> None:
    try:
        # Python 3.11 and the pjsua2 .pyd on Windows both use the universal CRT.
        libc = ctypes.CDLL(None) if sys.platform != "win32" else ctypes.CDLL("ucrtbase")
        libc.fflush(None)
    except (OSError, AttributeError):
        pass  # no C runtime we can reach: nothing buffered that we could flush either


@contextlib.contextmanager
def stdout_silenced() -> Iterator[None]:
    """Discard fd 1 while pjsua starts: ``libCreate`` logs a few lines to stdout before
    any LogConfig can apply.  Only used around ``libCreate`` (about a millisecond)."""
    with _stdout_lock:
        try:
            saved = os.dup(1)
        except OSError:
            yield
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            yield
        finally:
            # pjsua writes through C stdio, which buffers when stdout is a pipe (the frozen app's
            # self-test, CI): flush those lines into /dev/null now, or they come out at exit, after
            # our JSON, on the real stdout.
            _flush_c_stdio()
            os.dup2(saved, 1)
            os.close(saved)
            os.close(devnull)
