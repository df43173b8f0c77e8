"""Optional echo cancellation (and noise suppression) on the headset path, with pjmedia's canceller.

pjsua2's own echo canceller sits on its sound-device port, which does not exist here (the bridge
runs on the null device and the headset is an ``AudioMediaPort``), so ``ecTailLen`` has no effect
on this path (verified in issue 4). pjmedia's canceller API (``pjmedia_echo_*``) is not wrapped by
SWIG either, but the Linux wheel's ``_pjsua2`` shared object exports it, so we call it through
``ctypes``. The Windows wheel's ``.pyd`` exports nothing but ``PyInit__pjsua2``: there
``available()`` is False and the option is reported as unavailable. (macOS: untested.)

Both halves run on pjmedia's clock thread, inside ``HeadsetBridgePort``'s callbacks: the frame the
bridge sends to the speaker goes to ``playback``, the frame read from the microphone goes through
``capture`` (cancelled in place) before the bridge gets it. That thread is pjlib's own, so pjmedia's
locks are safe to take there. ``pjmedia_echo_playback``/``capture`` keep their own delay buffer,
which absorbs the device path's latency (``latency_ms``).

Algorithm: pjmedia's default (WebRTC AEC in this build, speex's otherwise). Noise suppression is
the canceller's ``PJMEDIA_ECHO_USE_NOISE_SUPPRESSOR`` option, so it exists only with echo
cancellation on.

Lifetime: create and destroy on a pjlib-registered thread (the SIP thread) between ``libInit``
and ``libDestroy``: the memory pool comes from pjsua (``pjsua_pool_create``).
"""

from __future__ import annotations

import ctypes
import logging
import sys
from functools import cache

log = logging.getLogger(__name__)


@cache
def _library() -> ctypes.CDLL | None:
    try:
        import pjsua2._pjsua2 as native  # the extension module: already loaded, so this only finds it
    except ImportError:
        return None
    try:
        library = ctypes.CDLL(native.__file__)
        for name in ("pjsua_pool_create", "pj_pool_release", "pjmedia_echo_create", "pjmedia_echo_playback",
                     "pjmedia_echo_capture", "pjmedia_echo_destroy"):
            getattr(library, name)
    except (OSError, AttributeError) as error:
        log.info("echo cancellation unavailable: %s", error)
        return None
    library.pjsua_pool_create.restype = ctypes.c_void_p
    library.pjsua_pool_create.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_size_t]
    library.pj_pool_release.argtypes = [ctypes.c_void_p]
    library.pjmedia_echo_create.argtypes = [
        ctypes.c_void_p, ctypes.c_uint, ctypes.c_uint, ctypes.c_uint, ctypes.c_uint, ctypes.c_uint,
        ctypes.POINTER(ctypes.c_void_p),
    ]
    library.pjmedia_echo_playback.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    library.pjmedia_echo_capture.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint]
    library.pjmedia_echo_destroy.argtypes = [ctypes.c_void_p]
    for name in ("pjmedia_echo_create", "pjmedia_echo_playback", "pjmedia_echo_capture", "pjmedia_echo_destroy"):
        getattr(library, name).restype = ctypes.c_int
    return library


def available() -> bool:
    """Whether this build of pjsua2 exposes pjmedia's echo canceller (Linux: yes; Windows: no)."""
    return _library() is not None


def unavailable_reason() -> str | None:
    if available():
        return None
    if sys.platform == "win32":
        return "this pjsua2 build for Windows exports no echo canceller"
    return "pjsua2's echo canceller is not reachable in this build"


class EchoCanceller:
    """One pjmedia echo canceller for 16-bit mono frames of ``frame_samples``."""

    def __init__(
        self,
        clock_rate: int = 16000,
        frame_samples: int = 320,
        *,
        tail_ms: int = 200,
        latency_ms: int = 150,
        noise_suppression: bool = False,
    ) -> None:
        library = _library()
        if library is None:
            raise RuntimeError(unavailable_reason())
        import pjsua2 as pj

        self._library = library
        self.frame_samples = frame_samples
        self._pool = library.pjsua_pool_create(b"softphone-aec", 4096, 4096)
        if not self._pool:
            raise RuntimeError("pjsua_pool_create failed (is pjsua initialised?)")
        options = pj.PJMEDIA_ECHO_DEFAULT
        if noise_suppression:
            options |= pj.PJMEDIA_ECHO_USE_NOISE_SUPPRESSOR
        handle = ctypes.c_void_p()
        status = library.pjmedia_echo_create(
            self._pool, clock_rate, frame_samples, tail_ms, latency_ms, options, ctypes.byref(handle)
        )
        if status != 0 or not handle.value:
            library.pj_pool_release(self._pool)
            raise RuntimeError(f"pjmedia_echo_create failed: status {status}")
        self._handle = handle.value
        self.errors = 0

    def playback(self, frame_address: int) -> None:
        """The frame about to be played (far end). Clock thread."""
        if self._library.pjmedia_echo_playback(self._handle, frame_address) != 0:
            self.errors += 1

    def capture(self, frame_address: int) -> None:
        """The frame just captured (near end): the echo is removed in place. Clock thread."""
        if self._library.pjmedia_echo_capture(self._handle, frame_address, 0) != 0:
            self.errors += 1

    def close(self) -> None:
        """SIP thread (or any pjlib thread), before ``libDestroy``."""
        if self._handle:
            self._library.pjmedia_echo_destroy(self._handle)
            self._handle = None
        if self._pool:
            self._library.pj_pool_release(self._pool)
            self._pool = None

    def __del__(self) -> None:
        self.close()
