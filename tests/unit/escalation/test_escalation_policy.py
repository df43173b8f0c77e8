"""The provisioned policy: validation with errors that name the key, plans, pre-selection."""

from __future__ import annotations

import pytest

from softphone.config.loader import SettingsError, load_settings
from softphone.config.model import EscalationSettings
from softphone.escalation import Mode, Urgency, build_plan, is_instant, preselected_reason
from softphone.escalation.headers import context_headers, header_token
from softphone.notes import REASON_CODES, detect_red_flags


def test_defaults_cover_every_red_flag_reason_and_ring_the_demo_staff():
    policy = EscalationSettings()
    assert {reason.code for reason in policy.reasons} == set(REASON_CODES)
    assert {target.destination for target in policy.targets} == {"oncall-nurse", "oncall-physician", "behavioural-health"}
    plan = build_plan(policy, "suicidal_ideation")
    assert plan.urgency is Urgency.EMERGENCY and plan.mode is Mode.CONFERENCE
    assert [t.target_id for t in plan.targets] == ["behavioural-health", "nurse"]
    assert all(t.ring_timeout_s == 20 for t in plan.targets)


def test_a_provisioned_policy_is_validated_with_file_and_key(tmp_path):
    system = tmp_path / "system.toml"
    system.write_text(
        '[escalation]\nmode = "consult"\nring_timeout_s = 12\ninstant_reasons = ["stroke"]\n'
        'targets = [{ id = "line", title = "Nurse line", destination = "sip:nurses@pbx.example" }]\n'
        'reasons = [{ code = "stroke", label = "Stroke", urgency = "emergency", targets = ["line"], fallback = "Call 911" }]\n'
    )
    loaded = load_settings(system, tmp_path / "user.toml")
    policy = loaded.settings.escalation
    plan = build_plan(policy, "stroke")
    assert plan.mode is Mode.CONSULT and plan.targets[0].ring_timeout_s == 12
    assert is_instant(policy, "stroke")

    system.write_text(
        '[escalation]\n'
        'reasons = [{ code = "stroke", label = "Stroke", targets = ["nobody"], fallback = "Call 911" }]\n'
    )
    with pytest.raises(SettingsError) as error:
        load_settings(system, tmp_path / "user.toml")
    assert "escalation.reasons" in str(error.value) and "nobody" in str(error.value)


@pytest.mark.parametrize(
    "change",
    [
        {"ring_timeout_s": 1},
        {"mode": "telepathy"},
        {"instant_reasons": ("unknown",)},
        {"targets": ({"id": "a", "title": "A", "destination": "x y"},)},
        {"targets": ({"id": "a", "title": "A", "destination": "a"}, {"id": "a", "title": "B", "destination": "b"})},
    ],
)
def test_invalid_policies_are_refused(change):
    with pytest.raises(ValueError):
        EscalationSettings.model_validate({**EscalationSettings().model_dump(), **change})


def test_the_red_flag_in_the_notes_preselects_the_most_urgent_reason():
    policy = EscalationSettings()
    flags = [flag.reason_code for flag in detect_red_flags("Question about refills. Now says crushing chest pain.")]
    assert preselected_reason(policy, flags) == "chest_pain"
    assert preselected_reason(policy, ["clinical_question", "stroke_signs"]) == "stroke_signs"
    assert preselected_reason(policy, []) is None
    assert preselected_reason(policy, ["not_in_policy"]) is None
    assert not is_instant(policy, "chest_pain")  # instant mode is off unless IT turns it on


def test_headers_are_tokens_without_injection():
    headers = dict(context_headers("esc-1", "chest_pain\r\nX-Evil: 1", Urgency.URGENT, "agent 7", "P-1",
                                   signalling_secure=False))
    assert headers["X-Escalation-Reason"] == "chest_pain--X-Evil:-1"
    assert headers["X-Escalation-Agent"] == "agent-7" and "X-Patient-Ref" not in headers
    assert header_token("a" * 100) == "a" * 64
