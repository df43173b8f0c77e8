"""The settings' microphone test: record a few seconds from a microphone, then play them back.

Runs on a worker thread (``run`` blocks for about twice ``seconds``); the dialog polls ``level``
and ``phase`` from a timer. It opens its own streams, so it works with or without a call and on
devices other than the ones in use.
"""

from __future__ import annotations

import threading
import time

import numpy as np
import numpy.typing as npt

from softphone.audio.device_catalog import DeviceCatalog
from softphone.audio.os_stream import MonitoredStream, StreamFactory, StreamSettings
from softphone.audio.ring import SampleRing


class OneShotSource:
    """Plays ``samples`` once, then silence (a reader for a playback stream)."""

    def __init__(self, samples: npt.NDArray[np.int16], max_block: int) -> None:
        self.samples = samples
        self.max_block = max_block
        self.position = 0

    @property
    def finished(self) -> bool:
        return self.position >= len(self.samples)

    def read_into(self, out: npt.NDArray[np.int16]) -> int:
        take = max(0, min(len(out), len(self.samples) - self.position))
        out[:take] = self.samples[self.position : self.position + take]
        out[take:] = 0
        self.position += take
        return take


class MicTest:
    def __init__(
        self,
        microphone: str,
        speaker: str,
        *,
        seconds: float = 3.0,
        catalog: DeviceCatalog | None = None,
        settings: StreamSettings | None = None,
        capture_factory: StreamFactory | None = None,
        playback_factory: StreamFactory | None = None,
    ) -> None:
        self.microphone = microphone
        self.speaker = speaker
        self.seconds = seconds
        self.catalog = catalog or DeviceCatalog()
        self.settings = settings or StreamSettings()
        self._capture_factory = capture_factory
        self._playback_factory = playback_factory
        self.phase = "idle"  # idle -> recording -> playing -> done | failed
        self.error: str | None = None
        self.level = 0.0  # 0..1, the latest block's peak
        self.max_level = 0.0
        self.recording: npt.NDArray[np.int16] | None = None
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            self._record()
            if not self._cancel.is_set():
                self._play()
            self.phase = "done"
        except Exception as error:  # noqa: BLE001 - shown to the agent
            self.error = f"{type(error).__name__}: {error}"
            self.phase = "failed"

    def _record(self) -> None:
        device = self.catalog.resolve(self.microphone, "capture")
        if device is None:
            raise LookupError("no microphone")
        rate = self.settings.sample_rate
        wanted = int(self.seconds * rate)
        ring = SampleRing(wanted + rate)
        stream = MonitoredStream("capture", device.choice, ring=ring, settings=self.settings, factory=self._capture_factory)
        self.phase = "recording"
        stream.start()
        try:
            deadline = time.monotonic() + self.seconds + 5.0  # a fresh stream may start slowly
            while ring.fill < wanted and time.monotonic() < deadline and not self._cancel.is_set():
                self.level = stream.peak / 32768.0
                self.max_level = max(self.max_level, self.level)
                time.sleep(0.02)
        finally:
            stream.close()
        self.recording = np.zeros(min(ring.fill, wanted), dtype=np.int16)
        ring.read_into(self.recording)
        if len(self.recording):
            self.max_level = max(self.max_level, float(np.abs(self.recording.astype(np.int32)).max()) / 32768.0)
        self.level = 0.0

    def _play(self) -> None:
        device = self.catalog.resolve(self.speaker, "playback")
        if device is None or self.recording is None:
            raise LookupError("no speaker")
        source = OneShotSource(self.recording, self.settings.block_samples)
        stream = MonitoredStream("playback", device.choice, reader=source, settings=self.settings, factory=self._playback_factory)  # type: ignore[arg-type]
        self.phase = "playing"
        stream.start()
        try:
            deadline = time.monotonic() + self.seconds + 5.0
            while not source.finished and time.monotonic() < deadline and not self._cancel.is_set():
                self.level = stream.peak / 32768.0
                time.sleep(0.02)
            time.sleep(0.2)  # let the device play out its buffer
        finally:
            stream.close()
        self.level = 0.0
