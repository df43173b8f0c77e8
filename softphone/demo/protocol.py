"""The pipe between the app and the switchboard child: one JSON object per line.

    app -> child   {"id": 7, "cmd": "place_patient_call", "caller": "chest-pain", "voice": {...}}
    child -> app   {"id": 7, "ok": true, "result": "sb-1"}      or  {"id": 7, "ok": false, "error": "..."}
    child -> app   {"event": "call_state", "call": "sb-1", ...}  (unsolicited)

Pure (no pjsua2) so both sides and the unit tests share it. The child's stdout carries nothing else:
pjsua's own console output is moved to stderr before pjsua2 is imported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from softphone.demo.cast import DemoCaller, StaffMember

# Commands (app -> child)
SET_AGENT = "set_agent"
PLACE_PATIENT_CALL = "place_patient_call"
CALL_AS_SUPERVISOR = "call_as_supervisor"
CHANGE_SUPERVISION_MODE = "change_supervision_mode"
HANG_UP = "hang_up"
SET_STAFF_VOICE = "set_staff_voice"
LISTEN = "listen"
QUIT = "quit"

# Events (child -> app)
READY = "ready"
CALL_STATE = "call_state"
MESSAGE_STATUS = "message_status"
ERROR = "error"

SUPERVISE_HEADER = "X-Supervise"
SUPERVISION_MODES = ("listen", "whisper", "barge")
# In-dialog MESSAGE that switches the mode of a supervisor's call (the header carries the mode,
# the body repeats it for a human reading a trace).
SUPERVISION_MESSAGE_CONTENT_TYPE = "text/plain"


@dataclass(frozen=True, slots=True)
class Voice:
    """What a simulated party plays into its call.

    Either a steady tone (tests and the self-test prove audio by content with distinct tones) or
    recorded clips played one after the other with a pause between them; after the last clip
    playback starts again at ``loop_from`` (``None``: stop, then silence).
    """

    tone_hz: int = 0
    clips: tuple[str, ...] = ()
    pause_s: float = 1.5
    loop_from: int | None = 0

    @classmethod
    def tone(cls, hz: int) -> Voice:
        return cls(tone_hz=hz)

    @classmethod
    def of_caller(cls, caller: DemoCaller) -> Voice:
        return cls(clips=tuple(line.file for line in caller.lines), pause_s=2.5, loop_from=0)

    @classmethod
    def of_staff(cls, member: StaffMember) -> Voice:
        clips = (member.greeting.file, *(line.file for line in member.follow_up))
        # The greeting is said once; only the follow-up lines repeat (slowly).
        return cls(clips=clips, pause_s=6.0, loop_from=1 if member.follow_up else None)

    def as_dict(self) -> dict[str, Any]:
        return {"tone_hz": self.tone_hz, "clips": list(self.clips), "pause_s": self.pause_s,
                "loop_from": self.loop_from}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Voice:
        loop_from = data.get("loop_from", 0)
        return cls(
            tone_hz=int(data.get("tone_hz", 0)),
            clips=tuple(str(clip) for clip in data.get("clips", ())),
            pause_s=float(data.get("pause_s", 1.5)),
            loop_from=None if loop_from is None else int(loop_from),
        )

    def next_clip_index(self, index: int) -> int | None:
        """The clip after ``index``, wrapping to ``loop_from``; None when playback is over."""
        if index + 1 < len(self.clips):
            return index + 1
        if self.loop_from is None or not (0 <= self.loop_from < len(self.clips)):
            return None
        return self.loop_from


@dataclass(frozen=True, slots=True)
class Request:
    id: int
    cmd: str
    args: dict[str, Any] = field(default_factory=dict)

    def encode(self) -> bytes:
        return (json.dumps({"id": self.id, "cmd": self.cmd, **self.args}, separators=(",", ":")) + "\n").encode()


def decode_request(line: bytes | str) -> Request:
    data = json.loads(line)
    if not isinstance(data, dict) or not isinstance(data.get("cmd"), str):
        raise ValueError("not a switchboard request")
    request_id = data.pop("id", 0)
    command = data.pop("cmd")
    return Request(int(request_id or 0), command, data)


def encode_reply(request_id: int, result: Any = None, error: str | None = None) -> str:
    if error is not None:
        return json.dumps({"id": request_id, "ok": False, "error": error}, separators=(",", ":"))
    return json.dumps({"id": request_id, "ok": True, "result": result}, separators=(",", ":"))


def encode_event(name: str, **fields: Any) -> str:
    return json.dumps({"event": name, **fields}, separators=(",", ":"))


def decode_message(line: bytes | str) -> dict[str, Any] | None:
    """A reply or an event from the child; None for anything that is not one (never raises)."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict) or ("event" not in data and "id" not in data):
        return None
    return data
