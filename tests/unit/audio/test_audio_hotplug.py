"""Hot-plug decisions (pure): fall back when the device in use goes, offer the preferred one back."""

from __future__ import annotations

from softphone.audio.events import HeadsetReplugged, HeadsetUnplugged
from softphone.audio.hotplug import HotplugPolicy, Move

BOTH = {"capture": {"", "head_in", "desk_in"}, "playback": {"", "head_out", "desk_out"}}
NO_HEADSET = {"capture": {"", "desk_in"}, "playback": {"", "desk_out"}}


def policy() -> HotplugPolicy:
    return HotplugPolicy(
        preferred={"capture": "head_in", "playback": "head_out"},
        fallback={"capture": "desk_in", "playback": "desk_out"},
        current={"capture": "head_in", "playback": "head_out"},
    )


def test_nothing_happens_while_the_headset_stays() -> None:
    p = policy()
    assert p.check(BOTH) == ([], [])
    assert not p.on_fallback()


def test_unplug_moves_both_directions_to_the_provisioned_fallback_and_says_so() -> None:
    p = policy()
    moves, events = p.check(NO_HEADSET)
    assert moves == [Move("capture", "desk_in"), Move("playback", "desk_out")]
    assert events == [HeadsetUnplugged("capture", "head_in", "desk_in"), HeadsetUnplugged("playback", "head_out", "desk_out")]
    assert p.on_fallback()
    assert p.check(NO_HEADSET) == ([], [])  # told once


def test_without_a_provisioned_fallback_the_system_default_is_used() -> None:
    p = policy()
    moves, _ = p.check({"capture": {"", "other"}, "playback": {"", "other"}})
    assert moves == [Move("capture", ""), Move("playback", "")]


def test_with_no_device_left_the_agent_is_told_there_is_nowhere_to_go() -> None:
    p = policy()
    moves, events = p.check({"capture": set(), "playback": set()})
    assert moves == []
    assert events == [HeadsetUnplugged("capture", "head_in", None), HeadsetUnplugged("playback", "head_out", None)]
    moves, events = p.check(NO_HEADSET)  # a device appears again: audio resumes there, silently
    assert moves == [Move("capture", "desk_in"), Move("playback", "desk_out")] and events == []


def test_replug_is_offered_once_and_not_switched_by_itself() -> None:
    p = policy()
    p.check(NO_HEADSET)
    moves, events = p.check(BOTH)
    assert moves == []
    assert events == [HeadsetReplugged(("capture", "playback"), "head_in")]
    assert p.check(BOTH) == ([], [])
    assert p.switch_back(BOTH) == [Move("capture", "head_in"), Move("playback", "head_out")]
    assert not p.on_fallback()


def test_a_headset_that_leaves_and_returns_again_is_offered_again() -> None:
    p = policy()
    p.check(NO_HEADSET)
    p.check(BOTH)
    p.check(NO_HEADSET)  # still on the fallback: nothing to move
    _, events = p.check(BOTH)
    assert events == [HeadsetReplugged(("capture", "playback"), "head_in")]


def test_losing_the_fallback_while_the_headset_is_back_goes_to_the_headset() -> None:
    p = policy()
    p.check(NO_HEADSET)
    moves, events = p.check({"capture": {"", "head_in"}, "playback": {"", "head_out"}})
    assert moves == [Move("capture", "head_in"), Move("playback", "head_out")]
    assert HeadsetUnplugged("capture", "desk_in", "head_in") in events
