"""PulseAudio streams through libpulse's asynchronous API (ctypes), driven like PortAudio callbacks.

Why not PortAudio on Linux: Debian's PortAudio reaches PulseAudio (and PipeWire's pulse server)
only through ALSA's ``pulse`` plugin, which turns the ALSA period/buffer sizes PortAudio picks into
PulseAudio buffer metrics. Measured here (PortAudio duplex loop through a null sink and its
monitor, 6 s each): ``latency="low"`` gave 20-30 ms per stream and a 40 ms loop with 10 ms blocks
(70-90 ms with 20 ms blocks); asking for less (``latency=0.005``/``0.01`` s, 5 ms blocks) did not
go lower and started to xrun; ``PULSE_LATENCY_MSEC=10`` (libpulse's override, read by the plugin)
overran/underran constantly (97-157 status flags in 6 s) and 5 ms never started. Talking to
libpulse directly lets us ask for exactly what a call needs: the playback ``tlength`` and the record
``fragsize`` as the *total* latency, with ``PA_STREAM_ADJUST_LATENCY`` so the server sizes the
device's own buffer to match: the same loop measured 6 ms with 5 ms blocks.

The class offers the part of ``sounddevice.InputStream``/``OutputStream`` that ``MonitoredStream``
uses (constructor keywords, ``start``/``abort``/``close``, ``active``, ``latency``, a
``callback(data, frames, time_info, status)`` of exactly ``blocksize`` frames and a
``finished_callback``), so the watchdog, hot-plug and the tests treat both backends alike.

Threads: each stream owns a ``pa_threaded_mainloop``; the callbacks run on its thread with the
mainloop lock held (the real-time side, same rules as PortAudio's callback thread: O(block), no
blocking, no logging, no pjsua2). ``start``/``close`` run on the app's control threads. ctypes
releases the GIL around every libpulse call, so a stream waiting for the server costs no GIL.

Death: when the server goes away or the device is removed, libpulse moves the stream or context
to FAILED; we call ``finished_callback`` and ``active`` turns False, so the watchdog reopens it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
import time
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np

from softphone.audio.devices import Direction
from softphone.audio.ring import memmove_holding_gil

# pulse/def.h, pulse/context.h, pulse/stream.h (stable ABI since 0.9.x)
_PA_SAMPLE_S16LE = 3
_PA_CONTEXT_NOAUTOSPAWN = 0x1
_PA_CONTEXT_READY, _PA_CONTEXT_FAILED, _PA_CONTEXT_TERMINATED = 4, 5, 6
_PA_STREAM_READY, _PA_STREAM_FAILED, _PA_STREAM_TERMINATED = 2, 3, 4
_PA_STREAM_START_CORKED = 0x0001
_PA_STREAM_INTERPOLATE_TIMING = 0x0002
_PA_STREAM_AUTO_TIMING_UPDATE = 0x0008
_PA_STREAM_ADJUST_LATENCY = 0x2000
_PA_SEEK_RELATIVE = 0
_UINT32_DEFAULT = 0xFFFFFFFF  # (uint32_t) -1: "let the server choose"

OPEN_TIMEOUT_S = 3.0


class _SampleSpec(ctypes.Structure):
    _fields_ = [("format", ctypes.c_int), ("rate", ctypes.c_uint32), ("channels", ctypes.c_uint8)]


class _BufferAttr(ctypes.Structure):
    _fields_ = [
        ("maxlength", ctypes.c_uint32),
        ("tlength", ctypes.c_uint32),
        ("prebuf", ctypes.c_uint32),
        ("minreq", ctypes.c_uint32),
        ("fragsize", ctypes.c_uint32),
    ]


_ContextNotify = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)
_StreamNotify = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)
_StreamRequest = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p)
_Success = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)


class PulseUnavailable(RuntimeError):
    """libpulse is not installed (or not loadable): use PortAudio."""


class PulseStreamError(RuntimeError):
    """The server refused the stream (no such device, server gone, timeout)."""


class _TimingInfo(ctypes.Structure):
    # The head of pa_timing_info: only the timestamp of the latest update is read.
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_usec", ctypes.c_long)]


@cache
def _library() -> ctypes.CDLL:
    return _load(ctypes.CDLL)


@cache
def _library_holding_gil() -> ctypes.PyDLL:
    """The same functions called *without* releasing the GIL, for the bridge thread's short calls.

    Every call ctypes makes through ``CDLL`` drops the GIL and takes it back; with a busy GUI thread
    each take-back can wait a switch interval, several times per 20 ms frame. The calls made through
    this handle never block (they touch libpulse's memory queues and write to a non-blocking
    socket), so holding the GIL over them is safe. ``pa_threaded_mainloop_lock`` is the exception:
    it can wait for libpulse's thread, so it always goes through ``CDLL`` (see ``PulseStream``).
    """
    return _load(ctypes.PyDLL)


def _load(kind: type[ctypes.CDLL]) -> ctypes.CDLL:
    name = ctypes.util.find_library("pulse") or "libpulse.so.0"
    try:
        lib = kind(name)
    except OSError as error:
        raise PulseUnavailable(f"cannot load libpulse: {error}") from error
    vp, sz, i = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int
    signatures: dict[str, tuple[Any, list[Any]]] = {
        "pa_threaded_mainloop_new": (vp, []),
        "pa_threaded_mainloop_free": (None, [vp]),
        "pa_threaded_mainloop_start": (i, [vp]),
        "pa_threaded_mainloop_stop": (None, [vp]),
        "pa_threaded_mainloop_lock": (None, [vp]),
        "pa_threaded_mainloop_unlock": (None, [vp]),
        "pa_threaded_mainloop_get_api": (vp, [vp]),
        "pa_context_new": (vp, [vp, ctypes.c_char_p]),
        "pa_context_connect": (i, [vp, ctypes.c_char_p, i, vp]),
        "pa_context_disconnect": (None, [vp]),
        "pa_context_unref": (None, [vp]),
        "pa_context_get_state": (i, [vp]),
        "pa_context_errno": (i, [vp]),
        "pa_context_set_state_callback": (None, [vp, _ContextNotify, vp]),
        "pa_strerror": (ctypes.c_char_p, [i]),
        "pa_stream_new": (vp, [vp, ctypes.c_char_p, ctypes.POINTER(_SampleSpec), vp]),
        "pa_stream_unref": (None, [vp]),
        "pa_stream_get_state": (i, [vp]),
        "pa_stream_set_state_callback": (None, [vp, _StreamNotify, vp]),
        "pa_stream_set_read_callback": (None, [vp, _StreamRequest, vp]),
        "pa_stream_set_write_callback": (None, [vp, _StreamRequest, vp]),
        "pa_stream_set_underflow_callback": (None, [vp, _StreamNotify, vp]),
        "pa_stream_set_overflow_callback": (None, [vp, _StreamNotify, vp]),
        "pa_stream_connect_playback": (i, [vp, ctypes.c_char_p, ctypes.POINTER(_BufferAttr), i, vp, vp]),
        "pa_stream_connect_record": (i, [vp, ctypes.c_char_p, ctypes.POINTER(_BufferAttr), i]),
        "pa_stream_disconnect": (i, [vp]),
        "pa_stream_cork": (vp, [vp, i, vp, vp]),
        "pa_operation_unref": (None, [vp]),
        "pa_stream_peek": (i, [vp, ctypes.POINTER(vp), ctypes.POINTER(sz)]),
        "pa_stream_drop": (i, [vp]),
        "pa_stream_write": (i, [vp, vp, sz, vp, ctypes.c_int64, i]),
        "pa_stream_get_buffer_attr": (ctypes.POINTER(_BufferAttr), [vp]),
        "pa_stream_get_device_name": (ctypes.c_char_p, [vp]),
        "pa_stream_readable_size": (sz, [vp]),
        "pa_stream_get_latency": (i, [vp, ctypes.POINTER(ctypes.c_uint64), ctypes.POINTER(i)]),
        "pa_stream_get_underflow_index": (ctypes.c_int64, [vp]),
        "pa_stream_get_timing_info": (ctypes.POINTER(_TimingInfo), [vp]),
        "pa_stream_update_timing_info": (vp, [vp, vp, vp]),
    }
    for function, (restype, argtypes) in signatures.items():
        handle = getattr(lib, function)
        handle.restype = restype
        handle.argtypes = argtypes
    return lib


def available() -> bool:
    try:
        _library()
    except PulseUnavailable:
        return False
    return True


class _Status:
    """What PortAudio's ``CallbackFlags`` tells the callback, for the flags MonitoredStream reads."""

    __slots__ = ("input_overflow", "output_underflow")

    def __init__(self) -> None:
        self.input_overflow = False
        self.output_underflow = False

    def __bool__(self) -> bool:
        return self.input_overflow or self.output_underflow


_NO_FLAGS = _Status()


class PulseStream:
    """One direction of 16-bit audio on a PulseAudio sink or source.

    ``device`` is the sink/source name (``None``: the server's default). ``latency`` is the total
    buffering asked of the server, in seconds: the playback ``tlength`` (what the server keeps
    queued ahead of the speaker, the device's own buffer included) or the record ``fragsize``
    (how much the server gathers before handing it over). ``blocksize`` frames is the unit of
    exchange: each callback's size, the playback ``minreq``.

    Two modes:

    - *callback* (``callback`` given): like PortAudio, libpulse's thread calls ``callback`` for
      every block (the ringer, the mic test);
    - *driven* (``callback=None``): libpulse's thread runs no Python at all; the bridge's clock
      thread pushes playback with ``write`` and pulls capture with ``read_into_ring``, and
      libpulse's own queues are the cushion (the headset path, see ``pulse_path``). That leaves
      one Python real-time thread instead of three, so a GIL held by the GUI delays one thread.
    """

    def __init__(
        self,
        direction: Direction,
        *,
        device: str | None,
        samplerate: int,
        blocksize: int,
        channels: int = 1,
        dtype: str = "int16",
        latency: float | str = "low",
        callback: Callable[..., None] | None = None,
        finished_callback: Callable[[], None] | None = None,
        server: str | None = None,
        client_name: str = "Softphone",
        stream_name: str | None = None,
        max_buffer_seconds: float = 1.0,
    ) -> None:
        if dtype != "int16":
            raise ValueError("PulseStream handles int16 only")
        if blocksize <= 0:
            raise ValueError("PulseStream needs a fixed blocksize")
        self._lib = _library()
        self._fast = _library_holding_gil()
        self.direction = direction
        self.driven = callback is None
        self.samplerate = samplerate
        self.blocksize = blocksize
        self.channels = channels
        self._frame_bytes = 2 * channels
        self._block_bytes = blocksize * self._frame_bytes
        self._max_bytes = max(2 * self._block_bytes, round(max_buffer_seconds * samplerate) * self._frame_bytes)
        self._callback = callback
        self._finished_callback = finished_callback
        self._requested_latency = _latency_seconds(latency, blocksize / samplerate)
        self._block = np.zeros((blocksize, channels), dtype=np.int16)
        self._block_address = self._block.ctypes.data
        self._status = _Status()
        self._peek_data = ctypes.c_void_p()
        self._peek_bytes = ctypes.c_size_t()
        self._latency_usec = ctypes.c_uint64()
        self._latency_negative = ctypes.c_int()
        self._pending = 0  # record, callback mode: bytes of a partial block kept in self._block
        # Serialises the bridge thread's use of the handles with close() on a control thread.
        self._use = threading.Lock()
        self._started = False
        self._failed = False
        self._closed = False
        self._finished_sent = False
        self.callbacks_raised = 0
        self.output_underflows = 0
        self.input_overflows = 0
        self.holes = 0
        """Record: gaps the server reported (data lost before it reached us)."""
        self._underflow_index = -1
        self._timing_stamp = (0, 0)
        self.alive_at: float | None = None
        """``time.monotonic()`` of the latest sign that the server serves this stream (``progress``)."""
        # ctypes function objects must outlive every call libpulse may make to them.
        self._on_context_state = _ContextNotify(self._context_state)
        self._on_stream_state = _StreamNotify(self._stream_state)
        self._on_request = _StreamRequest(self._write_request if direction == "playback" else self._read_ready)
        self._on_underflow = _StreamNotify(self._underflow)
        self._on_overflow = _StreamNotify(self._overflow)
        self._mainloop = self._lib.pa_threaded_mainloop_new()
        self._context: int | None = None
        self._stream: int | None = None
        self.latency = self._requested_latency
        self.device_name: str | None = None
        try:
            self._open(device, server, client_name, stream_name or f"headset {direction}")
        except BaseException:
            self.close()
            raise

    # -- lifecycle (control threads) --------------------------------------------------------------

    def _open(self, device: str | None, server: str | None, client_name: str, stream_name: str) -> None:
        lib = self._lib
        if not self._mainloop:
            raise PulseStreamError("pa_threaded_mainloop_new failed")
        api = lib.pa_threaded_mainloop_get_api(self._mainloop)
        self._context = lib.pa_context_new(api, client_name.encode())
        if not self._context:
            raise PulseStreamError("pa_context_new failed")
        if not self.driven:
            lib.pa_context_set_state_callback(self._context, self._on_context_state, None)
        if lib.pa_context_connect(self._context, server.encode() if server else None, _PA_CONTEXT_NOAUTOSPAWN, None) < 0:
            raise PulseStreamError(f"cannot connect to the sound server: {self._context_error()}")
        if lib.pa_threaded_mainloop_start(self._mainloop) < 0:
            raise PulseStreamError("pa_threaded_mainloop_start failed")
        self._wait(lambda: lib.pa_context_get_state(self._context), _PA_CONTEXT_READY,
                   (_PA_CONTEXT_FAILED, _PA_CONTEXT_TERMINATED), "connecting to the sound server")

        spec = _SampleSpec(_PA_SAMPLE_S16LE, self.samplerate, self.channels)
        attr = self._buffer_attr()
        flags = _PA_STREAM_ADJUST_LATENCY | _PA_STREAM_INTERPOLATE_TIMING | _PA_STREAM_AUTO_TIMING_UPDATE
        flags |= _PA_STREAM_START_CORKED
        name = device.encode() if device else None
        lib.pa_threaded_mainloop_lock(self._mainloop)
        try:
            self._stream = lib.pa_stream_new(self._context, stream_name.encode(), ctypes.byref(spec), None)
            if not self._stream:
                raise PulseStreamError(f"pa_stream_new failed: {self._context_error()}")
            if not self.driven:
                lib.pa_stream_set_state_callback(self._stream, self._on_stream_state, None)
            if self.direction == "playback":
                if not self.driven:
                    lib.pa_stream_set_write_callback(self._stream, self._on_request, None)
                    lib.pa_stream_set_underflow_callback(self._stream, self._on_underflow, None)
                result = lib.pa_stream_connect_playback(self._stream, name, ctypes.byref(attr), flags, None, None)
            else:
                if not self.driven:
                    lib.pa_stream_set_read_callback(self._stream, self._on_request, None)
                    lib.pa_stream_set_overflow_callback(self._stream, self._on_overflow, None)
                result = lib.pa_stream_connect_record(self._stream, name, ctypes.byref(attr), flags)
        finally:
            lib.pa_threaded_mainloop_unlock(self._mainloop)
        if result < 0:
            raise PulseStreamError(f"cannot open {device or 'the default device'}: {self._context_error()}")
        self._wait(lambda: lib.pa_stream_get_state(self._stream), _PA_STREAM_READY,
                   (_PA_STREAM_FAILED, _PA_STREAM_TERMINATED), f"opening {device or 'the default device'}")
        lib.pa_threaded_mainloop_lock(self._mainloop)
        try:
            got = lib.pa_stream_get_buffer_attr(self._stream)
            if got:
                obtained = got.contents.tlength if self.direction == "playback" else got.contents.fragsize
                self.latency = obtained / self._frame_bytes / self.samplerate
            device_name = lib.pa_stream_get_device_name(self._stream)
            self.device_name = device_name.decode(errors="replace") if device_name else None
        finally:
            lib.pa_threaded_mainloop_unlock(self._mainloop)

    def _buffer_attr(self) -> _BufferAttr:
        latency_bytes = max(self._block_bytes, round(self._requested_latency * self.samplerate) * self._frame_bytes)
        if self.direction == "playback":
            # tlength: what the server keeps queued ahead of the speaker; minreq: the server asks
            # for whole blocks; prebuf: start (and restart after an underflow) once one block is
            # queued, rather than after a full tlength that would add its length to the delay.
            # maxlength bounds what a driven writer may queue beyond tlength.
            return _BufferAttr(self._max_bytes, latency_bytes, self._block_bytes, self._block_bytes, _UINT32_DEFAULT)
        # maxlength bounds the record queue while nobody reads it (between calls).
        return _BufferAttr(self._max_bytes, _UINT32_DEFAULT, _UINT32_DEFAULT, _UINT32_DEFAULT, latency_bytes)

    def _wait(self, state: Callable[[], int], ready: int, failed: tuple[int, ...], what: str) -> None:
        # Polling with a deadline rather than pa_threaded_mainloop_wait, which has no timeout: a
        # wedged server must not wedge the thread opening the stream.
        deadline = time.monotonic() + OPEN_TIMEOUT_S
        while True:
            self._lib.pa_threaded_mainloop_lock(self._mainloop)
            try:
                current = state()
            finally:
                self._lib.pa_threaded_mainloop_unlock(self._mainloop)
            if current == ready:
                return
            if current in failed:
                raise PulseStreamError(f"{what}: {self._context_error()}")
            if time.monotonic() > deadline:
                raise PulseStreamError(f"{what}: no answer within {OPEN_TIMEOUT_S:.0f} s")
            time.sleep(0.002)

    def _context_error(self) -> str:
        if not self._context:
            return "no context"
        code = self._lib.pa_context_errno(self._context)
        message = self._lib.pa_strerror(code)
        return message.decode(errors="replace") if message else f"error {code}"

    def start(self) -> None:
        if self._closed or self._stream is None:
            raise PulseStreamError("stream is closed")
        self._started = True
        self.alive_at = time.monotonic()
        self._cork(False)

    def abort(self) -> None:
        if self._stream is not None and not self._closed:
            self._started = False
            self._cork(True)

    def stop(self) -> None:
        self.abort()

    def _cork(self, cork: bool) -> None:
        lib = self._lib
        with self._use:  # see "Locks" below: every mainloop-lock holder but libpulse's thread holds _use
            if self._closed:
                return
            lib.pa_threaded_mainloop_lock(self._mainloop)
            try:
                if self._stream is not None and lib.pa_stream_get_state(self._stream) == _PA_STREAM_READY:
                    operation = lib.pa_stream_cork(self._stream, int(cork), None, None)
                    if operation:
                        lib.pa_operation_unref(operation)
            finally:
                lib.pa_threaded_mainloop_unlock(self._mainloop)

    def close(self) -> None:
        """Release everything. Never from this stream's own callbacks (they hold the mainloop lock)."""
        with self._use:  # the bridge thread is not inside write/read_into_ring after this
            if self._closed:
                return
            self._closed = True
            self._started = False
        lib = self._lib
        if not self._mainloop:
            return
        lib.pa_threaded_mainloop_lock(self._mainloop)
        try:
            if self._stream is not None:
                lib.pa_stream_disconnect(self._stream)
                lib.pa_stream_unref(self._stream)
                self._stream = None
            if self._context is not None:
                lib.pa_context_disconnect(self._context)
                lib.pa_context_unref(self._context)
                self._context = None
        finally:
            lib.pa_threaded_mainloop_unlock(self._mainloop)
        lib.pa_threaded_mainloop_stop(self._mainloop)
        lib.pa_threaded_mainloop_free(self._mainloop)
        self._mainloop = None

    @property
    def active(self) -> bool:
        return self._started and not self._failed and not self._closed

    def progress(self) -> float | None:
        """Watchdog: when the server last answered for this stream (driven mode has no callbacks to count).

        libpulse refreshes the stream's timing info from the server (we ask for a refresh here
        too); a new timestamp means the server is alive and serving the stream, whether or not
        the bridge is moving audio through it right now. A driven stream also learns here that
        the server dropped it (no state callbacks: they would run Python on libpulse's thread).
        """
        failed = False
        with self._use:
            if self._closed or self._stream is None:
                return self.alive_at
            fast = self._fast
            self._enter()
            try:
                failed = (
                    fast.pa_context_get_state(self._context) in (_PA_CONTEXT_FAILED, _PA_CONTEXT_TERMINATED)
                    or fast.pa_stream_get_state(self._stream) in (_PA_STREAM_FAILED, _PA_STREAM_TERMINATED)
                )
                info = fast.pa_stream_get_timing_info(self._stream)
                if info:
                    stamp = (info.contents.tv_sec, info.contents.tv_usec)
                    if stamp != self._timing_stamp:
                        self._timing_stamp = stamp
                        self.alive_at = time.monotonic()
                operation = fast.pa_stream_update_timing_info(self._stream, None, None)
                if operation:
                    fast.pa_operation_unref(operation)
            finally:
                fast.pa_threaded_mainloop_unlock(self._mainloop)
        if failed:
            self._fail()
        return self.alive_at

    def _enter(self) -> None:
        """Take the mainloop lock; the caller holds ``self._use``.

        Driven mode: with the GIL held (no hand-over to the GUI thread per frame). That cannot
        deadlock because nothing that holds the mainloop lock ever waits for the GIL: libpulse's
        thread runs no Python in this mode, and every other holder holds ``self._use`` first.
        Callback mode: libpulse's thread calls Python with the mainloop lock held, so the lock
        must be waited for with the GIL released.
        """
        (self._fast if self.driven else self._lib).pa_threaded_mainloop_lock(self._mainloop)

    # -- bridge thread (driven mode) ------------------------------------------------------------------
    #
    # Locks: self._use (a Python lock: waiting for it releases the GIL), then the mainloop lock
    # (``_enter``), then only non-blocking calls that keep the GIL. Once the stream is published
    # to other threads, every mainloop-lock holder except libpulse's thread holds self._use.

    def write(self, address: int, count: int) -> bool:
        """Queue ``count`` frames at ``address`` for playback; False if the stream is not usable."""
        with self._use:
            if self._closed or not self._started:
                return False
            fast = self._fast
            self._enter()
            try:
                fast.pa_stream_write(self._stream, address, count * self._frame_bytes, None, 0, _PA_SEEK_RELATIVE)
            finally:
                fast.pa_threaded_mainloop_unlock(self._mainloop)
            return True

    def _note_underflow_index(self, index: int) -> None:
        # libpulse keeps the write index of the latest underflow (no callback needed): a new
        # value is a new underflow.
        if index != self._underflow_index:
            if index >= 0:
                self.output_underflows += 1
            self._underflow_index = index

    def queued_frames(self) -> float | None:
        """Playback: frames between the next write and the speaker (libpulse's latency estimate).

        Also brings ``output_underflows`` up to date, so a caller sees an underflow before it writes.
        """
        with self._use:
            if self._closed or not self._started:
                return None
            fast = self._fast
            self._enter()
            try:
                result = fast.pa_stream_get_latency(
                    self._stream, ctypes.byref(self._latency_usec), ctypes.byref(self._latency_negative)
                )
                self._note_underflow_index(fast.pa_stream_get_underflow_index(self._stream))
            finally:
                fast.pa_threaded_mainloop_unlock(self._mainloop)
        if result < 0:
            return None  # no timing information yet
        usec = -self._latency_usec.value if self._latency_negative.value else self._latency_usec.value
        return usec * self.samplerate / 1e6

    def read_into_ring(self, ring: Any) -> int:
        """Record: move everything libpulse has received into ``ring`` (oldest dropped if it is full)."""
        with self._use:
            if self._closed or not self._started:
                return 0
            fast = self._fast
            data, size = self._peek_data, self._peek_bytes
            moved = 0
            self._enter()
            try:
                while fast.pa_stream_peek(self._stream, ctypes.byref(data), ctypes.byref(size)) == 0 and size.value:
                    frames = size.value // self._frame_bytes
                    if data.value:
                        ring.write_from_address(data.value, frames, keep_newest=True)
                        moved += frames
                    else:
                        self.holes += 1
                    fast.pa_stream_drop(self._stream)
            finally:
                fast.pa_threaded_mainloop_unlock(self._mainloop)
            return moved

    # -- mainloop thread, callback mode (real time) -------------------------------------------------

    def _write_request(self, stream: int, nbytes: int, userdata: int) -> None:
        try:
            lib = self._fast
            # Whole blocks only: minreq is one block, so the server asks again once a block is free.
            for _ in range(nbytes // self._block_bytes):
                self._callback(self._block, self.blocksize, None, self._take_status())  # type: ignore[misc]
                lib.pa_stream_write(stream, self._block_address, self._block_bytes, None, 0, _PA_SEEK_RELATIVE)
        except Exception:  # noqa: BLE001 - a ctypes callback must not raise into libpulse
            self.callbacks_raised += 1

    def _read_ready(self, stream: int, nbytes: int, userdata: int) -> None:
        try:
            lib = self._fast
            data, size = self._peek_data, self._peek_bytes
            while lib.pa_stream_peek(stream, ctypes.byref(data), ctypes.byref(size)) == 0 and size.value:
                if data.value:
                    self._deliver(data.value, size.value)
                else:
                    self.holes += 1  # the server lost data: nothing to copy
                lib.pa_stream_drop(stream)
        except Exception:  # noqa: BLE001 - a ctypes callback must not raise into libpulse
            self.callbacks_raised += 1

    def _deliver(self, address: int, length: int) -> None:
        """Cut the server's fragment into ``blocksize`` blocks, carrying a partial block over."""
        offset = 0
        while offset < length:
            take = min(self._block_bytes - self._pending, length - offset)
            memmove_holding_gil(self._block_address + self._pending, address + offset, take)
            self._pending += take
            offset += take
            if self._pending == self._block_bytes:
                self._pending = 0
                self._callback(self._block, self.blocksize, None, self._take_status())  # type: ignore[misc]

    def _take_status(self) -> _Status:
        status = self._status
        if not status:
            return _NO_FLAGS
        self._status = _Status()
        return status

    # -- mainloop thread, both modes (rare events) ---------------------------------------------------

    def _underflow(self, stream: int, userdata: int) -> None:
        self._status.output_underflow = True
        if not self.driven:
            self.output_underflows += 1  # driven mode counts them from the underflow index instead

    def _overflow(self, stream: int, userdata: int) -> None:
        self._status.input_overflow = True
        self.input_overflows += 1

    def _context_state(self, context: int, userdata: int) -> None:
        if self._lib.pa_context_get_state(context) in (_PA_CONTEXT_FAILED, _PA_CONTEXT_TERMINATED):
            self._fail()

    def _stream_state(self, stream: int, userdata: int) -> None:
        if self._lib.pa_stream_get_state(stream) in (_PA_STREAM_FAILED, _PA_STREAM_TERMINATED):
            self._fail()

    def _fail(self) -> None:
        if self._closed:
            return  # our own close() disconnecting
        self._failed = True
        if self._finished_callback is not None and not self._finished_sent:
            self._finished_sent = True
            try:
                self._finished_callback()
            except Exception:  # noqa: BLE001 - must not raise into libpulse
                self.callbacks_raised += 1


def _latency_seconds(latency: float | str, block_seconds: float) -> float:
    """PortAudio's "low"/"high" in seconds for libpulse (see ``PULSE_LATENCY``)."""
    if isinstance(latency, str):
        return PULSE_LATENCY.get(latency, PULSE_LATENCY["low"])
    return max(float(latency), block_seconds)


PULSE_LATENCY = {"low": 0.02, "high": 0.06}
"""Server-side buffering per stream for PortAudio's latency words (callback streams: the ringer,
the mic test). "low" matches what PortAudio got through the ALSA plugin here (20 ms); the
headset path asks for its own figures in seconds (``HeadsetPathSettings.pulse``)."""


def pulse_factory(direction: Direction, *, driven: bool = False) -> Callable[..., PulseStream]:
    """A ``MonitoredStream`` factory. ``driven``: the bridge moves the audio (no callback is installed)."""

    def factory(**keywords: Any) -> PulseStream:
        if driven:
            keywords["callback"] = None
        return PulseStream(direction, **keywords)

    factory.opens_pulse_endpoints = True  # type: ignore[attr-defined]
    return factory
