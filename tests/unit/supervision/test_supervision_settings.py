from __future__ import annotations

import pytest
from pydantic import ValidationError

from softphone.config.model import Settings, SupervisionSettings
from softphone.supervision import SupervisionPolicy


def test_defaults_agent_role_nobody_authorised_badge_for_whisper_and_barge():
    settings = Settings().supervision
    assert settings.role == "agent" and settings.authorised_supervisors == () and settings.require_asserted_identity
    assert settings.indicator_modes == ("whisper", "barge") and settings.method == "client"


def test_policy_from_settings_uses_canonical_identities():
    settings = SupervisionSettings(authorised_supervisors=("sip:Supervisor@sip.test;transport=tls",),
                                   indicator_modes=("barge",))
    policy = SupervisionPolicy.from_settings(settings)
    assert policy.authorised == frozenset({"supervisor@sip.test"})
    assert [m.value for m in policy.indicator_modes] == ["barge"]


@pytest.mark.parametrize("bad", [
    {"authorised_supervisors": ("supervisor",)},
    {"authorised_supervisors": ("tel:+15550100",)},
    {"indicator_modes": ("spy",)},
    {"method": "pbx"},  # needs its feature codes
    {"feature_codes": {"listen": "*222 {agent}"}},
    {"feature_codes": {"listen": "*222{extension}"}},
    {"team": ({"id": "a", "name": "A", "uri": "sip:a@x"}, {"id": "a", "name": "B", "uri": "sip:b@x"})},
    {"team": ({"id": "a", "name": "A", "uri": "tel:+1555"},)},
    {"role": "admin"},
])
def test_invalid_values_are_refused(bad):
    with pytest.raises(ValidationError):
        SupervisionSettings(**bad)


def test_pbx_mode_with_codes():
    settings = SupervisionSettings(method="pbx", feature_codes={"listen": "*222{agent}", "whisper": "*223{agent}",
                                                                "barge": "*224{agent}"})
    assert settings.feature_codes.whisper == "*223{agent}"
