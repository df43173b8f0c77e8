"""The whole audio path of one headset, assembled: two streams, two rings, two readers, one port.

    mic:     sound card --(PortAudio thread)--> mic ring --(DriftCompensatedReader)--> bridge port
    speaker: bridge port --(pjmedia clock thread)--> speaker ring --(DriftCompensatedReader)--> ToneMixer --> sound card

The ``ToneMixer`` adds the agent-only call-progress tones (ringback, call waiting) on the way out.

Thread ownership (see ARCHITECTURE.md):
- ``start()``/``stop()``: any thread except the two real-time ones (the app's control thread);
- ``create_bridge_port()`` and everything pjsua2: the SIP thread only;
- the callbacks run on PortAudio's thread and on pjmedia's clock thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from softphone.audio.bridge_port import HeadsetBridgePort
from softphone.audio.devices import DeviceChoice
from softphone.audio.drift_reader import DriftCompensatedReader
from softphone.audio.os_stream import (
    FRAME_SAMPLES,
    MonitoredStream,
    StreamFactory,
    StreamSettings,
    StreamWatchdog,
)
from softphone.audio.ring import SampleRing
from softphone.audio.tones import ToneMixer


@dataclass(frozen=True)
class HeadsetPathSettings:
    stream: StreamSettings = field(default_factory=StreamSettings)
    # Cushion kept in each ring, as a continuous (burst-free) fill. It must cover one producer
    # block plus one consumer block plus their scheduling jitter; every millisecond of it is
    # also a millisecond of mouth-to-ear delay, so it is the main latency knob.
    # 40 ms = 10 ms device block + 20 ms bridge frame + 10 ms of jitter. 30 ms underran
    # (measured); 50 ms with 20 ms device blocks also held, at ~64 ms more round trip.
    mic_cushion_ms: int = 40
    speaker_cushion_ms: int = 40
    ring_ms: int = 1000
    # After a mid-call underrun the cushion grows by this much, up to the maximum (see
    # DriftCompensatedReader): measured with a busy GUI thread, 40 ms starved ~1.4 times a minute.
    cushion_grow_ms: int = 10
    max_cushion_ms: int = 80

    def samples(self, milliseconds: int) -> int:
        return self.stream.sample_rate * milliseconds // 1000


class HeadsetPath:
    def __init__(
        self,
        capture: DeviceChoice,
        playback: DeviceChoice,
        settings: HeadsetPathSettings | None = None,
        *,
        capture_factory: StreamFactory | None = None,
        playback_factory: StreamFactory | None = None,
    ) -> None:
        self.settings = settings or HeadsetPathSettings()
        rate = self.settings.stream.sample_rate
        block = self.settings.stream.block_samples
        self.mic_ring = SampleRing(self.settings.samples(self.settings.ring_ms))
        self.speaker_ring = SampleRing(self.settings.samples(self.settings.ring_ms))
        growth = {
            "grow_step": self.settings.samples(self.settings.cushion_grow_ms),
            "max_target_fill": self.settings.samples(self.settings.max_cushion_ms),
        }
        self.mic_reader = DriftCompensatedReader(
            self.mic_ring, rate, self.settings.samples(self.settings.mic_cushion_ms), max_block=max(block, FRAME_SAMPLES),
            **growth,
        )
        self.speaker_reader = DriftCompensatedReader(
            self.speaker_ring, rate, self.settings.samples(self.settings.speaker_cushion_ms), max_block=block, **growth
        )
        self.capture_stream = MonitoredStream(
            "capture", capture, ring=self.mic_ring, settings=self.settings.stream, factory=capture_factory
        )
        self.tone_mixer = ToneMixer(self.speaker_reader, block)
        self.playback_stream = MonitoredStream(
            "playback", playback, reader=self.tone_mixer, settings=self.settings.stream, factory=playback_factory
        )
        self.watchdog = StreamWatchdog([self.capture_stream, self.playback_stream])

    def start(self) -> None:
        self.playback_stream.start()
        self.capture_stream.start()
        self.watchdog.start()

    def stop(self) -> None:
        self.watchdog.stop()
        self.capture_stream.close()
        self.playback_stream.close()

    def create_bridge_port(self, name: str = "headset") -> HeadsetBridgePort:
        """Build and register the bridge port. SIP thread only; keep the returned object alive."""
        port = HeadsetBridgePort(self.mic_reader, self.speaker_ring)
        port.register(name, self.settings.stream.sample_rate, 20)
        return port
