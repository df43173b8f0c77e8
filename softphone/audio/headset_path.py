"""The whole audio path of one headset, assembled: two streams, the drift control, one port.

With PortAudio (Windows, macOS, ALSA-only Linux), two rings and two readers:

    mic:     sound card --(PortAudio thread)--> mic ring --(DriftCompensatedReader)--> bridge port
    speaker: bridge port --(pjmedia clock thread)--> speaker ring --(DriftCompensatedReader)--> ToneMixer --> sound card

With PulseAudio/PipeWire (libpulse loads), the bridge's clock thread moves both directions itself
and libpulse's queues are the cushions (``pulse_path``: lower latency, one Python real-time
thread instead of three):

    mic:     source --> libpulse record queue --(PulseCaptureReader)--> bridge port
    speaker: bridge port --(PulsePlaybackWriter, ToneMixer)--> libpulse playback queue --> sink

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
    uses_libpulse,
)
from softphone.audio.pulse_path import PulseCaptureReader, PulsePlaybackWriter
from softphone.audio.ring import SampleRing
from softphone.audio.tones import ToneMixer


@dataclass(frozen=True)
class HeadsetPathSettings:
    stream: StreamSettings = field(default_factory=StreamSettings)
    # --- PortAudio (Windows, macOS, Linux without libpulse): a ring per direction. -----------------
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
    # ...and shrinks back a step after this long without one (AdaptiveCushion): one bad minute
    # should not cost every later call its delay, the path living as long as the app.
    cushion_shrink_after_s: float = 600.0
    # Average fill this far above the cushion is cut at once instead of slewed away at the drift
    # controller's 2000 ppm (2 ms a second): a stall that left 100 ms queued would otherwise
    # delay the call for most of a minute.
    max_excess_ms: int = 30
    # --- libpulse, driven by the bridge (Linux with PulseAudio/PipeWire; see pulse_path). ----------
    # 5 ms blocks. The mic's latency is the record fragment: the server hands audio over every
    # 5 ms, so the bridge finds at most 5 ms less than the average (10 ms fragments put a 10 ms
    # phase lottery on the round trip: 109 or 119 ms from run to run). The speaker's is the
    # playback tlength: 10 ms keeps the sink's own buffer as small as the server allows.
    pulse_mic: StreamSettings = field(default_factory=lambda: StreamSettings(block_samples=80, latency=0.005))
    pulse_speaker: StreamSettings = field(default_factory=lambda: StreamSettings(block_samples=80, latency=0.01))
    # mic: the record queue's fill just before the bridge takes a 20 ms frame (so > 20 ms);
    # speaker: what is queued ahead of the speaker just before the bridge adds a frame.
    # Measured (tests/bench/bench_audio.py, test headset, shared 2-core box): 30/20 gave a
    # 109-110 ms round trip through device + call (53 ms without the device; 119 ms in a run
    # where an underrun grew a cushion; PortAudio rings at 40/40: 143 ms; the first bench:
    # 213 ms). tests/bench/bench_audio_soak.py (GUI busy 25 ms in 50), sound server at realtime
    # priority as on a desktop: two 10-minute runs had 0 glitches and 1 (one stall that hit
    # mic and speaker at the same instant); at normal server priority 1-3 per 2-10 minute run.
    # Each grows that cushion by 10 ms (cushion_grow_ms). The dips were 10-30 ms deep (the
    # server or the bridge thread descheduled on a loaded box): a cushion that never glitched
    # there would cost ~40 ms more on every call.
    pulse_mic_cushion_ms: int = 30
    pulse_speaker_cushion_ms: int = 20

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
        backend = self.settings.stream.backend
        # Each direction is driven by the bridge through libpulse when its device is a pulse
        # sink/source and libpulse loads (and no test factory stands in for the OS streams).
        self.mic_driven = capture_factory is None and uses_libpulse(capture, backend)
        self.speaker_driven = playback_factory is None and uses_libpulse(playback, backend)
        growth = {
            "grow_step": self.settings.samples(self.settings.cushion_grow_ms),
            "max_target_fill": self.settings.samples(self.settings.max_cushion_ms),
            "shrink_after_seconds": self.settings.cushion_shrink_after_s,
        }
        max_excess = self.settings.samples(self.settings.max_excess_ms)
        self.mic_ring = SampleRing(self.settings.samples(self.settings.ring_ms))
        self.mic_reader: DriftCompensatedReader
        if self.mic_driven:
            self.capture_stream = MonitoredStream("capture", capture, settings=self.settings.pulse_mic, driven=True)
            self.mic_reader = PulseCaptureReader(
                self.capture_stream, self.mic_ring, rate, self.settings.samples(self.settings.pulse_mic_cushion_ms),
                max_block=FRAME_SAMPLES, max_excess=max_excess, **growth,
            )
        else:
            self.capture_stream = MonitoredStream(
                "capture", capture, ring=self.mic_ring, settings=self.settings.stream, factory=capture_factory
            )
            self.mic_reader = DriftCompensatedReader(
                self.mic_ring, rate, self.settings.samples(self.settings.mic_cushion_ms),
                max_block=max(block, FRAME_SAMPLES), max_excess=max_excess, **growth,
            )
        self.speaker_ring: SampleRing | None = None
        self.speaker_reader: DriftCompensatedReader | PulsePlaybackWriter
        if self.speaker_driven:
            self.playback_stream = MonitoredStream("playback", playback, settings=self.settings.pulse_speaker, driven=True)
            self.tone_mixer = ToneMixer(None, 2 * FRAME_SAMPLES + 16)
            self.speaker_reader = PulsePlaybackWriter(
                self.playback_stream, rate, self.settings.samples(self.settings.pulse_speaker_cushion_ms),
                self.tone_mixer, frame_samples=FRAME_SAMPLES, max_excess=max_excess, **growth,
            )
            self.speaker_input: SampleRing | PulsePlaybackWriter = self.speaker_reader
        else:
            self.speaker_ring = SampleRing(self.settings.samples(self.settings.ring_ms))
            self.speaker_reader = DriftCompensatedReader(
                self.speaker_ring, rate, self.settings.samples(self.settings.speaker_cushion_ms), max_block=block,
                max_excess=max_excess, **growth,
            )
            self.tone_mixer = ToneMixer(self.speaker_reader, block)
            self.playback_stream = MonitoredStream(
                "playback", playback, reader=self.tone_mixer, settings=self.settings.stream, factory=playback_factory
            )
            self.speaker_input = self.speaker_ring
        self.watchdog = StreamWatchdog([self.capture_stream, self.playback_stream])

    def cushions_ms(self) -> tuple[float, float]:
        """The mic and speaker cushions in force now (they grow after underruns)."""
        rate = self.settings.stream.sample_rate / 1000
        return self.mic_reader.target_fill / rate, self.speaker_reader.target_fill / rate

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
        port = HeadsetBridgePort(self.mic_reader, self.speaker_input)
        port.register(name, self.settings.stream.sample_rate, 20)
        return port
