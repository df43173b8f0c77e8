"""Who lives on the demo switchboard, and what each of them says.

Pure data (no pjsua2, no I/O) shared by the switchboard child process, the app-side controller,
the tour and the UI (which may show the ``text`` of each line as a caption: a demo laptop often
has no speakers on).

The speech was synthesised once with espeak-ng (``python -m softphone.demo.voice_recording``) and
ships as small 16 kHz mono WAVs under ``resources/demo/voices/``; nothing speaks at run time.

Caller numbers are chosen to hit the shapes the demo patient directory
(``resources/demo/patients.json``) holds: one known patient, another known patient, a home
number shared by a family (several matches), a number nobody has. They are synthetic, but
numbers and names are still treated as PHI: never logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

VOICES_FOLDER = ("demo", "voices")  # under resources/


class Role(StrEnum):
    PATIENT = "patient"
    CLINICIAN = "clinician"
    SUPERVISOR = "supervisor"


@dataclass(frozen=True, slots=True)
class Line:
    """One recorded utterance. ``file`` is relative to ``resources/demo/voices/``."""

    file: str
    text: str
    espeak_voice: str  # only used to (re)generate the recording


@dataclass(frozen=True, slots=True)
class StaffMember:
    """A simulated colleague with a SIP account of their own on the switchboard."""

    user: str  # SIP user part: sip:<user>@127.0.0.1:<switchboard port>
    role: Role
    title: str  # what the agent's screen may call them (synthetic, not a patient)
    greeting: Line  # said once when they pick up
    follow_up: tuple[Line, ...] = ()  # then these, in a loop, with pauses


@dataclass(frozen=True, slots=True)
class DemoCaller:
    """A simulated patient who phones the agent."""

    key: str  # stable name used by the UI and the tour ("chest-pain")
    number: str  # E.164, sent as the From and P-Asserted-Identity user part
    situation: str  # one line for the demo's menu; no names, no numbers
    expected_lookup: str  # LookupState value the screen-pop should reach (tested)
    lines: tuple[Line, ...]  # said in a loop, with pauses, once the agent answers


_MALE_CALLER = "en-us+m3"
_FEMALE_CALLER = "en-us+f3"
_DAUGHTER = "en-gb+f4"
_NEWCOMER = "en-us+m7"

CALLERS: tuple[DemoCaller, ...] = (
    DemoCaller(
        key="chest-pain",
        number="+16175550185",
        situation="Known patient, heart disease, chest pain since this morning",
        expected_lookup="found",
        lines=(
            Line("caller-chest-pain-1.wav",
                 "Hello? I have a heart condition, and since this morning I have a tight pain in my chest.",
                 _MALE_CALLER),
            Line("caller-chest-pain-2.wav",
                 "It gets worse when I climb the stairs. I take my warfarin every evening.",
                 _MALE_CALLER),
            Line("caller-chest-pain-3.wav",
                 "Should I go to the emergency room, or can a nurse talk to me?",
                 _MALE_CALLER),
        ),
    ),
    DemoCaller(
        key="dizzy-on-new-pills",
        number="+19195550158",
        situation="Known patient, new blood-pressure pill, dizzy when standing up",
        expected_lookup="found",
        lines=(
            Line("caller-dizzy-1.wav",
                 "Hi, I'm calling about my blood pressure pills. I feel dizzy when I stand up.",
                 _FEMALE_CALLER),
            Line("caller-dizzy-2.wav",
                 "I started the water pill two weeks ago. Is that normal?",
                 _FEMALE_CALLER),
        ),
    ),
    DemoCaller(
        key="family-home-line",
        number="+17135550174",
        situation="A home number shared by three patients of one family",
        expected_lookup="multiple",
        lines=(
            Line("caller-family-1.wav",
                 "Hello, I'm calling for my mother. She lives with us, and she had a fall last night.",
                 _DAUGHTER),
            Line("caller-family-2.wav",
                 "She seems fine, but her wrist is swollen. Can someone see her today?",
                 _DAUGHTER),
        ),
    ),
    DemoCaller(
        key="unknown-number",
        number="+12025550199",
        situation="A number the directory does not know: search by name and birth date",
        expected_lookup="not_found",
        lines=(
            Line("caller-unknown-1.wav",
                 "Hello, I'm new to the clinic, and I'd like to book a first appointment, please.",
                 _NEWCOMER),
        ),
    ),
)

ON_CALL_NURSE = StaffMember(
    user="oncall-nurse",
    role=Role.CLINICIAN,
    title="On-call nurse",
    greeting=Line("nurse-greeting.wav", "Nurse Patel, on call, go ahead.", "en-gb+f2"),
    follow_up=(
        Line("nurse-follow-up.wav", "I can see the chart. Tell me what is going on right now.", "en-gb+f2"),
    ),
)
ON_CALL_PHYSICIAN = StaffMember(
    user="oncall-physician",
    role=Role.CLINICIAN,
    title="On-call physician",
    greeting=Line("physician-greeting.wav", "Doctor Okafor, on call physician, go ahead.", "en-us+m1"),
)
BEHAVIOURAL_HEALTH = StaffMember(
    user="behavioural-health",
    role=Role.CLINICIAN,
    title="Behavioural health line",
    greeting=Line("behavioural-health-greeting.wav",
                  "Behavioural health line, this is Sam. I'm listening.", "en-us+m2"),
)
SUPERVISOR = StaffMember(
    user="supervisor",
    role=Role.SUPERVISOR,
    title="Shift supervisor",
    greeting=Line("supervisor-greeting.wav", "Hi, it's Dana, your supervisor. I'm joining your call.", "en-us+f4"),
    follow_up=(
        Line("supervisor-whisper.wav", "Remember to confirm the callback number.", "en-us+f4"),
    ),
)

STAFF: tuple[StaffMember, ...] = (ON_CALL_NURSE, ON_CALL_PHYSICIAN, BEHAVIOURAL_HEALTH, SUPERVISOR)


def caller(key: str) -> DemoCaller:
    for candidate in CALLERS:
        if candidate.key == key:
            return candidate
    raise KeyError(f"no demo caller {key!r}; known: {', '.join(c.key for c in CALLERS)}")


def staff_member(user: str) -> StaffMember:
    for member in STAFF:
        if member.user == user:
            return member
    raise KeyError(f"no demo staff member {user!r}")


def all_lines() -> tuple[Line, ...]:
    lines: list[Line] = []
    for demo_caller in CALLERS:
        lines.extend(demo_caller.lines)
    for member in STAFF:
        lines.append(member.greeting)
        lines.extend(member.follow_up)
    return tuple(lines)
