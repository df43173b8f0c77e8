"""The headset's port on pjsua2's conference bridge.

pjsua2 runs on its null sound device, so the bridge has no microphone or speaker of its own.
This ``AudioMediaPort`` stands in for both: connect it to a call like a sound device
(``port.startTransmit(call_media)`` = the agent's mic, ``call_media.startTransmit(port)`` = the
agent's ear).

- ``onFrameRequested`` (bridge wants the mic): read one frame from the mic ring through a
  ``DriftCompensatedReader`` (the sound card's clock is the producer, the bridge's the consumer);
- ``onFrameReceived`` (bridge delivers what the agent hears): write the frame into the speaker
  ring; the playback stream's reader on the PortAudio thread drains it.

Both run on pjmedia's clock thread, every 20 ms, with the GIL. Rules for code running there:

- O(frame) work, no blocking, no logging, no I/O;
- no pjsua2 API calls. The thread is created by pjlib (so pjlib's "unregistered thread" assert
  would not fire) but pjsua2 does not list it (``libIsThreadRegistered()`` answers False there,
  measured), and the bridge is mid-mix: connecting ports or touching calls from here risks
  deadlock on the conference's locks. Only the ``MediaFrame`` passed in is touched;
- never let an exception escape: a Python exception in a SWIG director callback becomes a C++
  exception thrown through pjmedia's C frames, which terminates the process. Errors are counted.

Fast frame access: ``MediaFrame.buf`` is a SWIG ``std::vector<unsigned char>`` without the buffer
protocol; ``bytes(frame.buf)`` walks it element by element (~230-450 us per 640-byte frame,
measured). The vector object itself is three pointers (begin, end, end-of-capacity) in libstdc++,
libc++ and MSVC release builds alike, so we read ``begin`` through ``ctypes`` from the SWIG
object's address and ``memmove`` the samples (~3 us per frame; without dropping the GIL, see
``ring.memmove_holding_gil``). ``fast_buffer_access_works()``
verifies that layout once at start-up on a real ``ByteVector`` (size, write, read back through SWIG)
and the port falls back to the slow SWIG path if it ever does not hold.
"""

from __future__ import annotations

import ctypes
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import pjsua2 as pj

from softphone.audio.drift_reader import DriftCompensatedReader
from softphone.audio.ring import SampleRing, memmove_holding_gil

BYTES_PER_SAMPLE = 2
MAX_FRAME_SAMPLES = 1920  # 40 ms at 48 kHz: more than the bridge ever asks of a 16 kHz/20 ms port

_VectorPointers = ctypes.c_void_p * 3  # std::vector<T>: begin, end, end of capacity


def byte_vector_address(vector: pj.ByteVector) -> int:
    """Address of the first byte of a SWIG ``ByteVector`` (valid until the vector is resized)."""
    return _VectorPointers.from_address(int(vector.this))[0] or 0


@cache
def fast_buffer_access_works() -> bool:
    """Check, on a real ``ByteVector``, that ``byte_vector_address`` reads the vector's storage."""
    probe = pj.ByteVector()
    probe.resize(64)
    try:
        pointers = _VectorPointers.from_address(int(probe.this))
        begin, end = pointers[0], pointers[1]
        if not begin or end - begin != 64:
            return False
        pattern = bytes(range(7, 71))
        ctypes.memmove(begin, pattern, len(pattern))
        return bytes(probe[i] for i in range(64)) == pattern and probe.size() == 64
    except Exception:  # noqa: BLE001 - any surprise means "do not use the fast path"
        return False


def audio_format(sample_rate: int = 16000, frame_ms: int = 20) -> pj.MediaFormatAudio:
    fmt = pj.MediaFormatAudio()
    fmt.type = pj.PJMEDIA_TYPE_AUDIO
    fmt.clockRate = sample_rate
    fmt.channelCount = 1
    fmt.bitsPerSample = 16
    fmt.frameTimeUsec = frame_ms * 1000
    return fmt


@dataclass(frozen=True)
class BridgePortStats:
    frames_requested: int
    frames_received: int
    silent_frames_received: int
    callback_errors: int
    last_error: str | None
    fast_buffers: bool


class HeadsetBridgePort(pj.AudioMediaPort):
    """Moves 20 ms frames between the bridge and the headset's two rings.

    Create and register it on the SIP thread (``register``); keep a reference for as long as it
    is registered, and drop it on the SIP thread before ``libDestroy()`` -- its C++ destructor
    unregisters from the bridge and must not run on any other thread.
    """

    def __init__(
        self,
        mic_reader: DriftCompensatedReader,
        speaker_ring: SampleRing,
        *,
        clock: Callable[[], float] = time.monotonic,
        fast_buffers: bool | None = None,
    ) -> None:
        super().__init__()
        self._mic_reader = mic_reader
        self._speaker_ring = speaker_ring
        self._clock = clock
        self.fast_buffers = fast_buffer_access_works() if fast_buffers is None else fast_buffers
        self._mic_frame = np.zeros(MAX_FRAME_SAMPLES, dtype=np.int16)
        self._mic_frame_address = self._mic_frame.ctypes.data
        self._speaker_frame = np.zeros(MAX_FRAME_SAMPLES, dtype=np.int16)
        self._speaker_frame_address = self._speaker_frame.ctypes.data
        self._silence = np.zeros(MAX_FRAME_SAMPLES, dtype=np.int16)
        self._silence_address = self._silence.ctypes.data
        self._audio_frame_type = pj.PJMEDIA_FRAME_TYPE_AUDIO
        # Counters written on the clock thread, read by diagnostics (atomic int stores).
        self.frames_requested = 0
        self.frames_received = 0
        self.silent_frames_received = 0
        self.callback_errors = 0
        self.last_error: str | None = None
        self.last_callback_at: float | None = None
        self.expected_frame_samples = 320
        self.echo = None
        """Optional ``softphone.audio.echo.EchoCanceller`` (set on the SIP thread before frames flow):
        it sees every frame sent to the speaker and cleans every frame read from the mic."""

    def register(self, name: str = "headset", sample_rate: int = 16000, frame_ms: int = 20) -> None:
        """Add the port to the bridge. SIP thread only."""
        self.expected_frame_samples = sample_rate * frame_ms // 1000
        self.createPort(name, audio_format(sample_rate, frame_ms))

    def stats(self) -> BridgePortStats:
        return BridgePortStats(
            frames_requested=self.frames_requested,
            frames_received=self.frames_received,
            silent_frames_received=self.silent_frames_received,
            callback_errors=self.callback_errors,
            last_error=self.last_error,
            fast_buffers=self.fast_buffers,
        )

    # -- pjmedia clock thread --------------------------------------------------------------------

    def onFrameRequested(self, frame: pj.MediaFrame) -> None:  # noqa: N802 - pjsua2's name
        try:
            self.frames_requested += 1
            self.last_callback_at = self._clock()
            # The bridge presets frame.size to the bytes it wants; pjsua2 copies
            # min(buf.size(), size) into the bridge's buffer, so never hand back more.
            requested = frame.size
            samples = min(requested // BYTES_PER_SAMPLE, MAX_FRAME_SAMPLES)
            mic = self._mic_frame[:samples]
            self._mic_reader.read_into(mic)
            echo = self.echo
            if echo is not None and samples == echo.frame_samples:
                echo.capture(self._mic_frame_address)
            size = samples * BYTES_PER_SAMPLE
            buffer = frame.buf
            if self.fast_buffers:
                buffer.resize(size)
                memmove_holding_gil(byte_vector_address(buffer), self._mic_frame_address, size)
            else:
                frame.buf = pj.ByteVector(mic.view(np.uint8).tolist())
            frame.size = size
            frame.type = self._audio_frame_type
        except Exception as error:  # noqa: BLE001 - must not reach C++ (process abort)
            self._note_error(error)

    def onFrameReceived(self, frame: pj.MediaFrame) -> None:  # noqa: N802 - pjsua2's name
        try:
            self.frames_received += 1
            now = self._clock()
            self.last_callback_at = now
            size = frame.size
            if frame.type != self._audio_frame_type or size == 0:
                # Nothing transmits to the port (no call, or call on hold): the bridge still
                # ticks us with empty frames. Keep the speaker fed with silence so its stream
                # neither underruns nor loses the drift controller's lock.
                self.silent_frames_received += 1
                self._speaker_ring.write(self._silence[: self.expected_frame_samples], at=now)
                echo = self.echo
                if echo is not None:
                    echo.playback(self._silence_address)
                return
            samples = min(size // BYTES_PER_SAMPLE, MAX_FRAME_SAMPLES)
            size = samples * BYTES_PER_SAMPLE
            if self.fast_buffers:
                memmove_holding_gil(self._speaker_frame_address, byte_vector_address(frame.buf), size)
            else:
                self._speaker_frame[:samples] = np.frombuffer(bytes(frame.buf), dtype=np.int16, count=samples)
            self._speaker_ring.write(self._speaker_frame[:samples], at=now)
            echo = self.echo
            if echo is not None and samples == echo.frame_samples:
                echo.playback(self._speaker_frame_address)
        except Exception as error:  # noqa: BLE001 - must not reach C++ (process abort)
            self._note_error(error)

    def _note_error(self, error: Exception) -> None:
        self.callback_errors += 1
        self.last_error = f"{type(error).__name__}: {error}"
