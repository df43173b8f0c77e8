"""What the OS-audio <-> bridge path costs: prints ONE JSON object.

- ``driven_by_bridge``: which OS side ran (``--backend auto``, the app's choice here: libpulse
  queues moved by the bridge's clock thread, ``softphone.audio.pulse_path``; ``portaudio``: the
  rings and PortAudio callbacks that Windows and macOS use).
- ``callback_us``: Python time spent inside each real-time callback per 20 ms frame (median,
  p99, max): the bridge port's ``onFrameRequested``/``onFrameReceived`` (pjmedia clock thread;
  on the driven path they include the libpulse calls) and, with PortAudio, its capture/playback
  callbacks. SWIG director and cffi entry costs are outside.
- ``cpu_percent_of_one_core``: process CPU over wall time with the bridge idle on the null device,
  then with the whole headset path running (both OS streams, drift control, port, a tone into
  the port); ``headset_path`` is the difference.
- ``round_trip_ms``: a click's trip through a loopback SIP call (G.722, RTP over 127.0.0.1, the
  callee echoes what it receives):
    * ``port_loop_no_device``: an AudioMediaPort injects and records on the bridge clock;
    * ``device_and_call``: an instrument plays clicks into the fake headset's mic feed and records
      the headset speaker monitor (PulseAudio); ``instrument_own_loop`` is the instrument from
      the mic feed straight to its monitor, and ``device_and_call_minus_instrument`` subtracts it.
      The headline instrument is libpulse with 5 ms blocks (own loop ~6 ms: it stands in for the
      agent's mouth and ear); ``with_portaudio_instrument`` repeats the measurement with the
      first benches' PortAudio duplex instrument (own loop ~70 ms) for comparison with them.
- ``reader``/``streams``: underruns, re-primes, drift correction and reopen counts seen meanwhile.

Needs the private PulseAudio server (``scripts/services/pulseaudio.sh start``, PULSE_SERVER set).
Loopback only, bounded in time (about 55 s).
Run: ``.venv/bin/python tests/bench/bench_audio.py [--backend portaudio] [--cushion-ms 50] [--block 320]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pjsua2 as pj

from softphone.audio.bridge_port import HeadsetBridgePort, audio_format
from softphone.audio.devices import DeviceChoice, pulse_routing
from softphone.audio.headset_path import HeadsetPath, HeadsetPathSettings
from softphone.audio.os_stream import StreamSettings

RATE = 16000
FRAME = 320
CLICK_PERIOD_S = 0.5
# A 4 ms windowed 2 kHz burst: short enough to time to a sample, tonal enough to survive G.722.
CLICK = (np.hanning(64) * np.sin(2 * np.pi * 2000 * np.arange(64) / RATE) * 12000).astype(np.int16)


# ------------------------------------------------------------------------------------------------
# pjsua2 scaffolding: one endpoint calling itself; the callee echoes.


class EchoCall(pj.Call):
    def __init__(self, account: pj.Account, call_id: int = pj.PJSUA_INVALID_ID, echo: bool = False) -> None:
        super().__init__(account, call_id)
        self.echo = echo
        self.media: pj.AudioMedia | None = None
        self.confirmed = False

    def onCallState(self, prm: Any) -> None:  # noqa: N802
        self.confirmed = self.getInfo().state == pj.PJSIP_INV_STATE_CONFIRMED

    def onCallMediaState(self, prm: Any) -> None:  # noqa: N802
        info = self.getInfo()  # keep it alive: .media points into it (a temporary would dangle)
        for index, media in enumerate(info.media):
            if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                self.media = self.getAudioMedia(index)
                if self.echo:
                    self.media.startTransmit(self.media)


class EchoAccount(pj.Account):
    def __init__(self) -> None:
        super().__init__()
        self.callee: EchoCall | None = None

    def onIncomingCall(self, prm: Any) -> None:  # noqa: N802
        self.callee = EchoCall(self, prm.callId, echo=True)
        answer = pj.CallOpParam()
        answer.statusCode = 200
        self.callee.answer(answer)


def start_endpoint() -> tuple[pj.Endpoint, int]:
    endpoint = pj.Endpoint()
    endpoint.libCreate()
    config = pj.EpConfig()
    config.uaConfig.threadCnt = 0
    config.logConfig.level = 1
    config.logConfig.consoleLevel = 1
    config.medConfig.noVad = True  # VAD would drop the silence between clicks
    config.medConfig.ecTailLen = 0  # no echo canceller: it would eat the echoed clicks
    endpoint.libInit(config)
    endpoint.audDevManager().setNullDev()
    transport = pj.TransportConfig()
    transport.port = 0
    transport.boundAddress = "127.0.0.1"
    transport_id = endpoint.transportCreate(pj.PJSIP_TRANSPORT_UDP, transport)
    endpoint.libStart()
    endpoint.codecSetPriority("G722/16000/1", 255)
    return endpoint, endpoint.transportGetInfo(transport_id).localName.split(":")[-1]


def pump(endpoint: pj.Endpoint, seconds: float, until: Callable[[], bool] | None = None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        endpoint.libHandleEvents(10)
        if until is not None and until():
            return


# ------------------------------------------------------------------------------------------------
# Click timing helpers.


def click_arrivals(recording: np.ndarray, threshold_ratio: float = 0.3) -> list[int]:
    """Sample indices where a click starts, from a matched filter over the recording."""
    if len(recording) < len(CLICK):
        return []
    score = np.abs(np.correlate(recording.astype(np.float64), CLICK.astype(np.float64), mode="valid"))
    if score.max() <= 0:
        return []
    threshold = score.max() * threshold_ratio
    arrivals, index, gap = [], 0, int(CLICK_PERIOD_S * RATE * 0.6)
    while index < len(score):
        if score[index] >= threshold:
            window_end = min(len(score), index + len(CLICK) * 2)
            arrivals.append(index + int(np.argmax(score[index:window_end])))
            index += gap
        else:
            index += 1
    return arrivals


def delays_ms(sent: list[int], received: list[int]) -> list[float]:
    """Pair each arrival with the latest click sent before it (clicks are 500 ms apart)."""
    delays = []
    for arrival in received:
        earlier = [s for s in sent if s <= arrival]
        if earlier:
            delays.append((arrival - earlier[-1]) * 1000 / RATE)
    return delays


def percentile_summary(values_ns: list[int]) -> dict[str, float]:
    if not values_ns:
        return {}
    values = np.array(values_ns) / 1000
    return {
        "median": round(float(np.median(values)), 1),
        "p99": round(float(np.percentile(values, 99)), 1),
        "max": round(float(values.max()), 1),
        "count": len(values_ns),
    }


# ------------------------------------------------------------------------------------------------
# Measurements.


class ClickPort(pj.AudioMediaPort):
    """Injects a click every 500 ms and records what comes back, both on the bridge's clock."""

    def __init__(self) -> None:
        super().__init__()
        self.sent_at: list[int] = []
        self.received = np.zeros(RATE * 30, dtype=np.int16)
        self.position = 0  # bridge ticks so far, in samples
        self.received_samples = 0

    def onFrameRequested(self, frame: Any) -> None:  # noqa: N802
        samples = np.zeros(FRAME, dtype=np.int16)
        if self.position % int(CLICK_PERIOD_S * RATE) == 0 and self.position > 0:
            samples[: len(CLICK)] = CLICK
            self.sent_at.append(self.position)
        frame.buf = pj.ByteVector(samples.view(np.uint8).tolist())  # slow path is fine here
        frame.size = FRAME * 2
        frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
        self.position += FRAME

    def onFrameReceived(self, frame: Any) -> None:  # noqa: N802
        # Received audio lands at the same bridge position as what was requested this tick.
        start = self.position - FRAME
        if frame.type == pj.PJMEDIA_FRAME_TYPE_AUDIO and frame.size == FRAME * 2 and start + FRAME <= len(self.received):
            self.received[start : start + FRAME] = np.frombuffer(bytes(frame.buf), dtype=np.int16)
            self.received_samples = start + FRAME


class TimedPort(HeadsetBridgePort):
    """HeadsetBridgePort with its callbacks timed (perf_counter_ns)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.requested_ns: list[int] = []
        self.received_ns: list[int] = []

    def onFrameRequested(self, frame: Any) -> None:  # noqa: N802
        start = time.perf_counter_ns()
        super().onFrameRequested(frame)
        self.requested_ns.append(time.perf_counter_ns() - start)

    def onFrameReceived(self, frame: Any) -> None:  # noqa: N802
        start = time.perf_counter_ns()
        super().onFrameReceived(frame)
        self.received_ns.append(time.perf_counter_ns() - start)


def timed(callback: Callable[..., None], sink: list[int]) -> Callable[..., None]:
    def wrapper(*args: Any) -> None:
        start = time.perf_counter_ns()
        callback(*args)
        sink.append(time.perf_counter_ns() - start)

    return wrapper


class PortAudioInstrument:
    """A duplex PortAudio stream that plays clicks into one PulseAudio sink and records a source.

    Its own loop (ALSA pulse plugin, 20 ms blocks) is ~70 ms, more than the headset path it
    measures; kept for comparison with the first measurements (issue 4: 194 ms, then 213 ms).
    """

    def __init__(self, sink: str, source: str) -> None:
        import sounddevice

        self.recording = np.zeros(RATE * 30, dtype=np.int16)
        self.sent_at: list[int] = []
        self.position = 0
        with pulse_routing("playback", sink), pulse_routing("capture", source):
            self.stream = sounddevice.Stream(
                device="pulse", samplerate=RATE, blocksize=FRAME, channels=1, dtype="int16",
                latency="low", callback=self._callback,
            )

    def _callback(self, indata: np.ndarray, outdata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        outdata[:] = 0
        period = int(CLICK_PERIOD_S * RATE)
        if self.position % period == 0 and self.position >= RATE:  # first click after 1 s
            outdata[: len(CLICK), 0] = CLICK
            self.sent_at.append(self.position)
        end = min(self.position + frames, len(self.recording))
        self.recording[self.position : end] = indata[: end - self.position, 0]
        self.position += frames

    def run(self, seconds: float, pump_events: Callable[[float], None]) -> list[float]:
        self.stream.start()
        pump_events(seconds)
        self.stream.close()
        return delays_ms(self.sent_at, click_arrivals(self.recording[: self.position]))


class PulseInstrument:
    """Plays clicks into one PulseAudio sink and records a source through libpulse, 5 ms blocks.

    Stands in for the agent's mouth and ear with as little delay of its own as the server allows
    (its own loop, measured the same way, is reported and subtracted). The two streams have no
    common sample clock, so both sides are stamped with ``time.monotonic()`` in their callbacks:
    a click is sent when its block is handed to the server (it then waits out the playback queue)
    and arrives when the server hands over the block holding it, less the rest of that block.
    """

    BLOCK = 80

    def __init__(self, sink: str, source: str) -> None:
        from softphone.audio.pulse_stream import PulseStream

        self.sent: list[float] = []
        self.received: list[float] = []
        self.position = 0
        self._last_arrival = -1.0
        self._click = np.zeros(int(CLICK_PERIOD_S * RATE), dtype=np.int16)
        self._click[: len(CLICK)] = CLICK
        self.output = PulseStream("playback", device=sink, samplerate=RATE, blocksize=self.BLOCK, latency=0.01,
                                  callback=self._play, stream_name="bench mouth")
        self.input = PulseStream("capture", device=source, samplerate=RATE, blocksize=self.BLOCK, latency=0.005,
                                 callback=self._record, stream_name="bench ear")

    def _play(self, outdata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        now = time.monotonic()
        period = len(self._click)
        start = self.position % period
        outdata[:, 0] = self._click[start : start + frames]
        if start == 0 and self.position >= RATE:  # first click after 1 s
            self.sent.append(now)
        elif start == 0:
            outdata[:, 0] = 0
        self.position += frames

    def _record(self, indata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        now = time.monotonic()
        block = indata[:, 0]
        loud = np.flatnonzero(np.abs(block) > 3000)
        if len(loud):
            arrival = now - (frames - loud[0]) / RATE
            if arrival - self._last_arrival > CLICK_PERIOD_S * 0.6:
                self.received.append(arrival)
            self._last_arrival = arrival

    def run(self, seconds: float, pump_events: Callable[[float], None]) -> list[float]:
        self.input.start()
        self.output.start()
        pump_events(seconds)
        self.output.close()
        self.input.close()
        delays = []
        for sent in self.sent:
            later = [r for r in self.received if sent <= r < sent + CLICK_PERIOD_S * 0.9]
            if later:
                delays.append((later[0] - sent) * 1000)
        return delays


def main(cushion_ms: int | None, block_samples: int | None, backend: str, instrument_names: list[str]) -> dict[str, Any]:
    if not os.environ.get("PULSE_SERVER"):
        raise SystemExit("PULSE_SERVER unset: scripts/services/pulseaudio.sh start; eval \"$(scripts/services/pulseaudio.sh env)\"")
    endpoint, sip_port = start_endpoint()
    result: dict[str, Any] = {"bench": "audio", "python": platform.python_version(), "machine": platform.machine()}

    # 1. CPU with the bridge idle on the null device.
    wall, cpu = time.monotonic(), time.process_time()
    pump(endpoint, 5.0)
    idle_percent = 100 * (time.process_time() - cpu) / (time.monotonic() - wall)

    # 2. The headset path running: tone -> port -> speaker stream; mic stream -> port -> (nothing).
    defaults = HeadsetPathSettings()
    overrides: dict[str, Any] = {"stream": StreamSettings(block_samples=block_samples or defaults.stream.block_samples, backend=backend)}
    if cushion_ms is not None:
        overrides.update(mic_cushion_ms=cushion_ms, speaker_cushion_ms=cushion_ms,
                         pulse_mic_cushion_ms=cushion_ms, pulse_speaker_cushion_ms=cushion_ms)
    if block_samples is not None:
        overrides["pulse_mic"] = StreamSettings(block_samples=block_samples, latency=defaults.pulse_mic.latency)
        overrides["pulse_speaker"] = StreamSettings(block_samples=block_samples, latency=defaults.pulse_speaker.latency)
    settings = HeadsetPathSettings(**overrides)
    result["backend"] = backend
    result["cushion_ms"] = {
        "portaudio_rings": [settings.mic_cushion_ms, settings.speaker_cushion_ms],
        "pulse_driven": [settings.pulse_mic_cushion_ms, settings.pulse_speaker_cushion_ms],
    }
    result["block_samples"] = {"portaudio": settings.stream.block_samples, "pulse": settings.pulse_mic.block_samples}
    path = HeadsetPath(DeviceChoice(pulse_endpoint="headset_mic"), DeviceChoice(pulse_endpoint="headset_speaker"), settings)
    capture_ns: list[int] = []
    playback_ns: list[int] = []
    path.capture_stream._capture_callback = timed(path.capture_stream._capture_callback, capture_ns)  # type: ignore[method-assign]
    path.playback_stream._playback_callback = timed(path.playback_stream._playback_callback, playback_ns)  # type: ignore[method-assign]
    result["driven_by_bridge"] = {"mic": path.mic_driven, "speaker": path.speaker_driven}
    path.start()
    port = TimedPort(path.mic_reader, path.speaker_input)
    port.register("headset")
    tone = pj.ToneGenerator()
    tone.createToneGenerator(RATE, 1)
    description = pj.ToneDesc()
    description.freq1, description.freq2, description.on_msec, description.off_msec = 440, 0, 30000, 0
    descriptions = pj.ToneDescVector()
    descriptions.append(description)
    tone.play(descriptions, True)
    tone.startTransmit(port)
    # The bridge only pulls a port that transmits somewhere; the null device's port discards
    # what it gets and keeps the mic side clocked (as the app can do between calls).
    discard = endpoint.audDevManager().getPlaybackDevMedia()
    port.startTransmit(discard)
    pump(endpoint, 3.0)  # let the streams settle (PulseAudio start-up) before measuring
    wall, cpu = time.monotonic(), time.process_time()
    pump(endpoint, 10.0)
    path_percent = 100 * (time.process_time() - cpu) / (time.monotonic() - wall)
    tone.stopTransmit(port)
    port.stopTransmit(discard)
    result["cpu_percent_of_one_core"] = {
        "bridge_idle_null_device": round(idle_percent, 2),
        "with_headset_path": round(path_percent, 2),
        "headset_path": round(path_percent - idle_percent, 2),
    }

    # 3. A loopback call: account calls itself, callee echoes.
    account = EchoAccount()
    account_config = pj.AccountConfig()
    account_config.idUri = f"sip:bench@127.0.0.1:{sip_port}"
    # RTP on loopback too (by default pjsua advertises the host's interface address).
    account_config.mediaConfig.transportConfig.boundAddress = "127.0.0.1"
    account_config.mediaConfig.transportConfig.publicAddress = "127.0.0.1"
    account.create(account_config)
    caller = EchoCall(account)
    caller.makeCall(f"sip:echo@127.0.0.1:{sip_port}", pj.CallOpParam(True))
    def call_has_media() -> bool:
        return caller.media is not None and account.callee is not None and account.callee.media is not None

    pump(endpoint, 5.0, until=call_has_media)
    if caller.media is None:
        raise SystemExit("loopback call did not get media")

    # 3a. No device: click port <-> call.
    clicks = ClickPort()
    clicks.createPort("clicks", audio_format(RATE, 20))
    clicks.startTransmit(caller.media)
    caller.media.startTransmit(clicks)
    pump(endpoint, 6.0)
    caller.media.stopTransmit(clicks)
    clicks.stopTransmit(caller.media)
    no_device = delays_ms(clicks.sent_at, click_arrivals(clicks.received[: clicks.received_samples]))

    # 3b. Through the devices: instrument -> mic feed -> headset path -> call -> echo -> headset path -> speaker.
    def median(values: list[float]) -> float | None:
        return round(statistics.median(values), 1) if values else None

    port.startTransmit(caller.media)
    caller.media.startTransmit(port)
    instruments = {"pulse": PulseInstrument, "portaudio": PortAudioInstrument}
    loops: dict[str, dict[str, Any]] = {}
    for name in instrument_names:
        loops[name] = {"through": instruments[name]("headset_mic_feed", "headset_speaker.monitor").run(8.0, lambda s: pump(endpoint, s))}
    caller.media.stopTransmit(port)
    port.stopTransmit(caller.media)
    # 3c. Each instrument's own loop (mic feed straight to its monitor), to subtract.
    for name in instrument_names:
        loops[name]["own"] = instruments[name]("headset_mic_feed", "headset_mic_feed.monitor").run(5.0, lambda s: pump(endpoint, s))

    primary = loops[instrument_names[0]]
    result["round_trip_ms"] = {
        "instrument": instrument_names[0],
        "port_loop_no_device": median(no_device),
        "device_and_call": median(primary["through"]),
        "instrument_own_loop": median(primary["own"]),
        "device_and_call_minus_instrument": (
            round(median(primary["through"]) - median(primary["own"]), 1) if primary["through"] and primary["own"] else None
        ),
        "clicks_measured": {"no_device": len(no_device), "device_and_call": len(primary["through"]), "instrument": len(primary["own"])},
    }
    for name in instrument_names[1:]:
        loop = loops[name]
        result["round_trip_ms"][f"with_{name}_instrument"] = {
            "device_and_call": median(loop["through"]),
            "instrument_own_loop": median(loop["own"]),
            "clicks_measured": {"device_and_call": len(loop["through"]), "instrument": len(loop["own"])},
        }
    result["callback_us"] = {
        "bridge_onFrameRequested": percentile_summary(port.requested_ns),
        "bridge_onFrameReceived": percentile_summary(port.received_ns),
        "portaudio_capture": percentile_summary(capture_ns),
        "portaudio_playback": percentile_summary(playback_ns),
    }
    result["reader"] = {"mic": path.mic_reader.stats().__dict__, "speaker": path.speaker_reader.stats().__dict__}
    result["streams"] = {
        "capture": path.capture_stream.health().__dict__,
        "playback": path.playback_stream.health().__dict__,
        "device_latency_s": {"capture": path.capture_stream.latency_seconds, "playback": path.playback_stream.latency_seconds},
    }
    result["port"] = port.stats().__dict__

    # Tear down on this (the SIP) thread, calls and ports before libDestroy.
    caller.hangup(pj.CallOpParam(True))
    pump(endpoint, 1.0)
    path.stop()
    account.callee = None
    # Drop every pjsua2 object on this thread before libDestroy (their destructors call pjsua).
    tone = clicks = port = caller = account = None  # noqa: F841
    endpoint.libDestroy()
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cushion-ms", type=int, default=None,
                        help="cushion of each direction (the main latency knob; default: the app's)")
    parser.add_argument("--block", type=int, default=None,
                        help="device block in samples (320 = 20 ms; default: the app's)")
    parser.add_argument("--backend", choices=("auto", "pulse", "portaudio"), default="auto",
                        help="auto = what the app uses here (libpulse driven by the bridge when it loads)")
    parser.add_argument("--instruments", default="pulse,portaudio",
                        help="comma-separated; the first one gives the headline figure")
    arguments = parser.parse_args()
    # pjlib logs to stdout (its first lines even before logConfig applies): send fd 1 to stderr
    # while measuring so stdout carries only the one JSON object.
    json_out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    figures = main(arguments.cushion_ms, arguments.block, arguments.backend, arguments.instruments.split(","))
    sys.stdout.flush()
    json_out.write(json.dumps(figures, default=str) + "\n")
    json_out.flush()
    sys.stdout.flush()
