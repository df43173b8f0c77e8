"""The app's headset audio: the agent's devices, the headset path, the ringer, hot-plug. No Qt.

Threads (see ARCHITECTURE.md):
- ``start()``/``stop()``: a worker thread (opening devices takes tens to hundreds of ms);
- ``attach(engine)``: any thread; the bridge port is created and attached on the SIP thread;
- ``on_sip_event``: the SIP thread (subscribe it to the engine); O(1), never blocks: tones are one
  attribute store, the ringer's stream is opened by the audio control thread;
- the audio control thread (``audio-control``): opens/closes/retargets streams, watches hot-plug;
- ``publish`` (given by the app) is called on the worker and control threads with
  ``softphone.audio.events`` objects; the app forwards them to the GUI through its EventBridge.

No audio device at all (a server, a VM, a CI box): ``start()`` reports ``HeadsetState.NONE`` and
the app runs on: the bridge port is still attached when PortAudio exists (calls connect, the rings
just go unheard); if PortAudio itself is missing the engine keeps its null device.
"""

from __future__ import annotations

import logging
import queue
import shutil
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import Any

from softphone.audio.call_tones import CallToneTracker
from softphone.audio.device_catalog import SYSTEM_DEFAULT, AudioDevice, DeviceCatalog
from softphone.audio.devices import Direction
from softphone.audio.events import HeadsetReplugged, HeadsetState, HeadsetStatus, HeadsetSwitchedBack, HeadsetUnplugged
from softphone.audio.headset_path import HeadsetPath, HeadsetPathSettings
from softphone.audio.hotplug import DIRECTIONS, HotplugPolicy, Move
from softphone.audio.os_stream import MonitoredStream, StreamFactory
from softphone.audio.tones import LoopingSource, Sound, load_sound, tone_party_files

log = logging.getLogger(__name__)

GIL_SWITCH_INTERVAL_S = 0.0005
"""The real-time callbacks (PortAudio's thread, pjmedia's clock thread) need the GIL for ~0.1 ms
each, but a busy Python thread keeps it for ``sys.getswitchinterval()`` (5 ms by default) every
time one asks, several times per callback when threads queue. Measured with the GUI thread
running Python 25 ms out of every 50 (tests/bench/bench_audio_soak.py): ~30 underruns a minute at
5 ms, ~1 at 1 ms, 0 at 0.5 ms; the CPU cost did not move (52.5 -> 52.7 % of a core)."""

AGENT_MIC = "agent_mic"  # the engine's party names (softphone.sip.default_routing)
AGENT_EAR = "agent_ear"


@dataclass(frozen=True)
class AudioPreferences:
    microphone: str = ""
    speaker: str = ""
    ringer: str = ""
    fallback_microphone: str = ""
    fallback_speaker: str = ""
    echo_cancellation: bool = False
    noise_suppression: bool = False

    @classmethod
    def from_settings(cls, audio: Any) -> AudioPreferences:
        return cls(
            microphone=audio.microphone,
            speaker=audio.speaker,
            ringer=audio.ringer,
            fallback_microphone=getattr(audio, "fallback_microphone", ""),
            fallback_speaker=getattr(audio, "fallback_speaker", ""),
            echo_cancellation=getattr(audio, "echo_cancellation", False),
            noise_suppression=getattr(audio, "noise_suppression", False),
        )

    def preferred(self, direction: Direction) -> str:
        return self.microphone if direction == "capture" else self.speaker

    def fallback(self, direction: Direction) -> str:
        return self.fallback_microphone if direction == "capture" else self.fallback_speaker


class PulseEvents:
    """``pactl subscribe``: wakes the hot-plug check when a sink or source comes or goes."""

    def __init__(self, wake: threading.Event) -> None:
        self._wake = wake
        self._process: subprocess.Popen[str] | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> bool:
        if shutil.which("pactl") is None:
            return False
        try:
            self._process = subprocess.Popen(
                ["pactl", "subscribe"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
            )
        except OSError:
            return False
        self._thread = threading.Thread(target=self._read, name="audio-pulse-events", daemon=True)
        self._thread.start()
        return True

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        for line in self._process.stdout:
            # "Event 'new' on sink #3", "Event 'remove' on source #5"
            if ("'new'" in line or "'remove'" in line) and (" sink " in line or " source " in line):
                self._wake.set()

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self._process.kill()
        if self._thread is not None:
            self._thread.join(timeout=2)


class HeadsetAudio:
    def __init__(
        self,
        preferences: AudioPreferences,
        publish: Callable[[object], None],
        *,
        catalog: DeviceCatalog | None = None,
        path_settings: HeadsetPathSettings | None = None,
        capture_factory: StreamFactory | None = None,
        playback_factory: StreamFactory | None = None,
        local_call_tones: bool = True,
        tone_parties: bool = True,
        safety_poll_seconds: float = 5.0,
        watch_pulse: bool = True,
        gil_switch_interval_s: float | None = GIL_SWITCH_INTERVAL_S,
    ) -> None:
        self.preferences = preferences
        self._publish = publish
        self.catalog = catalog or DeviceCatalog()
        self._path_settings = path_settings
        self._capture_factory = capture_factory
        self._playback_factory = playback_factory
        self.local_call_tones = local_call_tones
        self.tone_parties = tone_parties
        self._safety_poll_seconds = safety_poll_seconds
        self.settle_seconds = 0.3
        self._watch_pulse = watch_pulse
        self.gil_switch_interval_s = gil_switch_interval_s
        self.path: HeadsetPath | None = None
        self.echo_unavailable: str | None = None
        self.policy = HotplugPolicy(
            preferred={d: preferences.preferred(d) for d in DIRECTIONS},
            fallback={d: preferences.fallback(d) for d in DIRECTIONS},
        )
        self.status: HeadsetStatus = HeadsetStatus(HeadsetState.NONE, None, None, "not started")
        self.tones = CallToneTracker()
        self.ringing = False
        self.ringer_stream: MonitoredStream | None = None
        self._descriptions: dict[str, str] = {SYSTEM_DEFAULT: "System default"}
        self._port_ref: Callable[[], Any] = lambda: None
        self._commands: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._control: threading.Thread | None = None
        self._pulse_events: PulseEvents | None = None

    # ------------------------------------------------------------------ lifecycle (worker thread)

    def start(self) -> HeadsetStatus:
        """Open the agent's devices. Blocks for device I/O: never call it on the GUI thread."""
        if self.gil_switch_interval_s is not None and sys.getswitchinterval() > self.gil_switch_interval_s:
            sys.setswitchinterval(self.gil_switch_interval_s)  # process-wide: see GIL_SWITCH_INTERVAL_S
        for sound in (Sound.RINGBACK, Sound.CALL_WAITING, Sound.RINGTONE):
            load_sound(sound)  # read the files now, not on a real-time or the SIP thread
        devices = self._list_devices()
        chosen: dict[Direction, AudioDevice | None] = {}
        for direction in DIRECTIONS:
            chosen[direction] = self._pick(direction, devices[direction])
            self.policy.current[direction] = None if chosen[direction] is None else chosen[direction].name
        default = self.catalog.default_choice()
        try:
            self.path = HeadsetPath(
                chosen["capture"].choice if chosen["capture"] else default,
                chosen["playback"].choice if chosen["playback"] else default,
                self._path_settings,
                capture_factory=self._capture_factory,
                playback_factory=self._playback_factory,
            )
        except Exception as error:  # noqa: BLE001 - no PortAudio library: stay on the null device
            log.warning("audio: no headset path: %s: %s", type(error).__name__, error)
            self._set_status(HeadsetStatus(HeadsetState.NONE, None, None, "no audio library"))
            return self.status
        for direction, stream in (("capture", self.path.capture_stream), ("playback", self.path.playback_stream)):
            if chosen[direction] is None:
                continue
            try:
                stream.start()
            except Exception as error:  # noqa: BLE001 - the watchdog keeps retrying a wanted stream
                log.warning("audio: %s stream did not open: %s: %s", direction, type(error).__name__, error)
        self.path.watchdog.start()
        self._control = threading.Thread(target=self._control_loop, name="audio-control", daemon=True)
        self._control.start()
        if self._watch_pulse and self.catalog.uses_pulse:
            self._pulse_events = PulseEvents(self._wake)
            self._pulse_events.start()
        self._set_status(self._current_status())
        return self.status

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self._pulse_events is not None:
            self._pulse_events.stop()
        if self._control is not None:
            self._control.join(timeout=5)
        if self.ringer_stream is not None:
            self.ringer_stream.close()
            self.ringer_stream = None
        if self.path is not None:
            self.path.stop()

    # ------------------------------------------------------------------ the engine

    def attach(self, engine: Any) -> Future[Any]:
        """Make the headset the engine's ``agent_mic``/``agent_ear`` (and add the tone parties).

        The port is created on the SIP thread and handed to the engine as an *owned* port, so the
        engine drops it before ``libDestroy``; we keep only a weak reference for diagnostics.
        """
        path = self.path
        if path is None:
            done: Future[Any] = Future()
            done.set_result(False)
            return done
        tone_files = tone_party_files() if self.tone_parties else {}

        def on_sip_thread() -> bool:
            import pjsua2 as pj

            port = path.create_bridge_port("headset")
            if self.preferences.echo_cancellation:
                port.echo = self._echo_canceller(path)
            engine.attach_port(AGENT_MIC, port, True)
            engine.attach_port(AGENT_EAR, port, True)
            self._port_ref = weakref.ref(port)
            for party, wav in tone_files.items():
                player = pj.AudioMediaPlayer()
                player.createPlayer(str(wav), 0)  # 0: loop
                engine.attach_port(party, player, True)
            engine.reroute()
            return True

        return engine.submit(on_sip_thread)

    def _echo_canceller(self, path: HeadsetPath) -> Any:
        """SIP thread. None (and a log line) where this pjsua2 build has no canceller (Windows)."""
        from softphone.audio import echo

        if not echo.available():
            log.warning("audio: echo cancellation requested but unavailable: %s", echo.unavailable_reason())
            self.echo_unavailable = echo.unavailable_reason()
            return None
        settings = path.settings
        # The echo comes back after the speaker cushion, both device latencies and the mic cushion.
        device_ms = sum(
            1000 * (stream.latency_seconds or 0.05) for stream in (path.capture_stream, path.playback_stream)
        )
        latency_ms = int(sum(path.cushions_ms()) + device_ms)
        return echo.EchoCanceller(
            settings.stream.sample_rate, 320, tail_ms=200, latency_ms=latency_ms,
            noise_suppression=self.preferences.noise_suppression,
        )

    @property
    def bridge_port(self) -> Any:
        return self._port_ref()

    def on_sip_event(self, event: object) -> None:
        """SIP thread: keep the ringer (and, with ``local_call_tones``, the headset tones) in step with the calls."""
        if not self.tones.handle(event):
            return
        wanted = self.tones.tones()
        if self.local_call_tones and self.path is not None:
            self.path.tone_mixer.set_tone(wanted.headset)
        if wanted.ringer != self.ringing:
            self.ringing = wanted.ringer
            self._commands.put(self._apply_ringer)
            self._wake.set()

    # ------------------------------------------------------------------ the agent (any thread)

    def switch_back(self) -> None:
        """Move back to the agent's chosen devices (the answer to ``HeadsetReplugged``)."""
        self._commands.put(self._switch_back)
        self._wake.set()

    def devices(self) -> list[AudioDevice]:
        """Every capture and playback device now (for the settings' combos). Blocks: not the GUI thread."""
        listed = self._list_devices()
        return listed["capture"] + listed["playback"]

    def check_devices_now(self) -> None:
        self._wake.set()

    def levels(self) -> tuple[float, float]:
        """Mic and speaker peaks of the last device block, 0..1 (for level meters; any thread)."""
        if self.path is None:
            return 0.0, 0.0
        return self.path.capture_stream.peak / 32768.0, self.path.playback_stream.peak / 32768.0

    # ------------------------------------------------------------------ audio control thread

    def _control_loop(self) -> None:
        next_poll = time.monotonic() + self._safety_poll_seconds
        while not self._stopping.is_set():
            woken = self._wake.wait(timeout=max(0.0, next_poll - time.monotonic()))
            if woken and self._commands.empty():
                # A USB headset's sink and source appear (or vanish) a few ms apart: let both
                # land so the agent gets one notice, not two.
                self._stopping.wait(self.settle_seconds)
            self._wake.clear()
            if self._stopping.is_set():
                break
            while True:
                try:
                    command = self._commands.get_nowait()
                except queue.Empty:
                    break
                self._safely(command)
            self._safely(self._check_devices)
            next_poll = time.monotonic() + self._safety_poll_seconds

    def _safely(self, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception:  # noqa: BLE001 - the control thread must outlive any single failure
            log.exception("audio control action failed")

    def _check_devices(self) -> None:
        moves, events = self.policy.check(self._present())
        self._apply_moves(moves)
        for event in events:
            self._publish(self._described(event))
        if moves or events:
            self._set_status(self._current_status())

    def _switch_back(self) -> None:
        moves = self.policy.switch_back(self._present())
        self._apply_moves(moves)
        if moves:
            directions = tuple(m.direction for m in moves)
            self._publish(HeadsetSwitchedBack(directions, self._describe(moves[0].device)))
        self._set_status(self._current_status())

    def _apply_moves(self, moves: list[Move]) -> None:
        if self.path is None:
            return
        devices = self._list_devices()
        for move in moves:
            device = self.catalog.resolve(move.device, move.direction, devices[move.direction])
            if device is None:
                continue
            stream = self.path.capture_stream if move.direction == "capture" else self.path.playback_stream
            reason = f"moving to {device.description}"
            if stream.wanted:
                stream.retarget(device.choice, reason)
            else:  # it never opened (no device at start): open it now
                stream.choice = device.choice
                try:
                    stream.start()
                except Exception as error:  # noqa: BLE001 - the watchdog retries it
                    log.warning("audio: %s did not open: %s", device.description, type(error).__name__)

    def _apply_ringer(self) -> None:
        if self.ringing and self.ringer_stream is None:
            device = self.catalog.resolve(self.preferences.ringer, "playback") or self.catalog.resolve(
                SYSTEM_DEFAULT, "playback"
            )
            if device is None:
                return
            block = (self._path_settings or HeadsetPathSettings()).stream.block_samples
            stream = MonitoredStream(
                "playback",
                device.choice,
                reader=LoopingSource(load_sound(Sound.RINGTONE), block),  # type: ignore[arg-type]
                settings=(self._path_settings or HeadsetPathSettings()).stream,
                factory=self._playback_factory,
            )
            stream.start()
            self.ringer_stream = stream
        elif not self.ringing and self.ringer_stream is not None:
            stream, self.ringer_stream = self.ringer_stream, None
            stream.close()

    # ------------------------------------------------------------------ helpers

    def _list_devices(self) -> dict[Direction, list[AudioDevice]]:
        devices: dict[Direction, list[AudioDevice]] = {}
        for direction in DIRECTIONS:
            try:
                devices[direction] = self.catalog.devices(direction)
            except Exception as error:  # noqa: BLE001 - no sound server answering: no devices
                log.info("audio: cannot list %s devices: %s", direction, type(error).__name__)
                devices[direction] = []
            for device in devices[direction]:
                self._descriptions[device.name] = device.description
        return devices

    def _present(self) -> dict[Direction, set[str]]:
        devices = self._list_devices()
        present: dict[Direction, set[str]] = {}
        for direction in DIRECTIONS:
            names = {d.name for d in devices[direction]}
            if names:
                names.add(SYSTEM_DEFAULT)
            if not self.catalog.uses_pulse and self.path is not None:
                # Without PulseAudio the list never changes while running: a device in use whose
                # stream died and cannot be reopened is what an unplugged headset looks like.
                stream = self.path.capture_stream if direction == "capture" else self.path.playback_stream
                if stream.wanted and not stream.is_open and stream.reopens > 0:
                    names.discard(self.policy.current.get(direction) or "")
            present[direction] = names
        return present

    def _pick(self, direction: Direction, devices: list[AudioDevice]) -> AudioDevice | None:
        for wanted in (self.preferences.preferred(direction), self.preferences.fallback(direction), SYSTEM_DEFAULT):
            device = self.catalog.resolve(wanted, direction, devices)
            if device is not None:
                if wanted != self.preferences.preferred(direction):
                    log.warning("audio: %s %r not found; using %s", direction, self.preferences.preferred(direction), device.description)
                return device
        return None

    def _described(self, event: object) -> object:
        if isinstance(event, HeadsetUnplugged):
            return replace(event, device_description=self._describe(event.device) or "",
                           fallback_description=self._describe(event.fallback))
        if isinstance(event, HeadsetReplugged):
            return replace(event, device_description=self._describe(self.preferences.preferred(event.directions[0])) or "")
        return event

    def _describe(self, name: str | None) -> str | None:
        if name is None:
            return None
        return self._descriptions.get(name, name)

    def _current_status(self) -> HeadsetStatus:
        mic, speaker = self.policy.current.get("capture"), self.policy.current.get("playback")
        if mic is None and speaker is None:
            return HeadsetStatus(HeadsetState.NONE, None, None, "no audio device")
        state = HeadsetState.FALLBACK if self.policy.on_fallback() else HeadsetState.OK
        return HeadsetStatus(state, self._describe(mic), self._describe(speaker))

    def _set_status(self, status: HeadsetStatus) -> None:
        self.status = status
        self._publish(status)
