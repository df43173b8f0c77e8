"""Hot-plug decisions as a pure function: which device each direction should use now.

Inputs per direction: the device the agent chose (``preferred``), the device IT provisioned as a
fallback, the device in use, and the names present now. Outputs: moves to make and what to tell
the agent.

- the device in use vanished -> move to the fallback if present, else to the system default
  (``""``), else nowhere; tell the agent (``HeadsetUnplugged``). The call is untouched: only the
  OS stream moves; the bridge port and the rings stay;
- the preferred device is present again while we run elsewhere -> offer to switch back, once per
  return (``HeadsetReplugged``); the agent decides (``switch_back``), because switching the ear
  mid-sentence on a replug the agent did not mean (a loose cable) would be worse.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from softphone.audio.device_catalog import SYSTEM_DEFAULT
from softphone.audio.devices import Direction
from softphone.audio.events import HeadsetReplugged, HeadsetUnplugged

DIRECTIONS: tuple[Direction, ...] = ("capture", "playback")


@dataclass(frozen=True)
class Move:
    direction: Direction
    device: str  # a device name; "" = system default


@dataclass
class HotplugPolicy:
    preferred: dict[Direction, str]
    fallback: dict[Direction, str]
    current: dict[Direction, str | None] = field(default_factory=dict)
    """Device name in use per direction; None = no device could be used."""
    _offered: set[Direction] = field(default_factory=set)

    def check(self, present: dict[Direction, set[str]]) -> tuple[list[Move], list[object]]:
        moves: list[Move] = []
        events: list[object] = []
        for direction in DIRECTIONS:
            names = present.get(direction, set())
            current = self.current.get(direction)
            if current is None or current not in names:
                target = self._fallback_for(direction, names)
                if target != current and (target is not None or current is not None):
                    if target is not None:
                        moves.append(Move(direction, target))
                    if current is not None:
                        events.append(HeadsetUnplugged(direction, current, target))
                    self.current[direction] = target
                    self._offered.discard(direction)
        back = [
            d for d in DIRECTIONS
            if self.current.get(d) != self.preferred[d] and self.preferred[d] in present.get(d, set())
        ]
        fresh = [d for d in back if d not in self._offered]
        if fresh:
            self._offered.update(back)
            events.append(HeadsetReplugged(tuple(back), self.preferred[back[0]] or "system default"))
        for direction in DIRECTIONS:  # a preferred device that left again may be offered again later
            if direction not in back:
                self._offered.discard(direction)
        return moves, events

    def switch_back(self, present: dict[Direction, set[str]]) -> list[Move]:
        moves = []
        for direction in DIRECTIONS:
            wanted = self.preferred[direction]
            if self.current.get(direction) != wanted and wanted in present.get(direction, set()):
                moves.append(Move(direction, wanted))
                self.current[direction] = wanted
        self._offered.clear()
        return moves

    def on_fallback(self) -> bool:
        return any(self.current.get(d) != self.preferred[d] for d in DIRECTIONS)

    def _fallback_for(self, direction: Direction, names: set[str]) -> str | None:
        for candidate in (self.preferred[direction], self.fallback[direction], SYSTEM_DEFAULT):
            if candidate in names:
                return candidate
        return None
