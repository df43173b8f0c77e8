from __future__ import annotations

import pytest

from softphone.sip.events import IdentitySource
from softphone.sip.routing import SupervisionMode
from softphone.supervision import Refusal, SupervisionPolicy, canonical_identity, decide, parse_mode
from softphone.supervision.authorisation import identity_ref

from .fakes import patient_invite, supervision_invite

POLICY = SupervisionPolicy(frozenset({"supervisor@sip.test"}))


@pytest.mark.parametrize(("value", "mode"), [
    ("listen", SupervisionMode.LISTEN), (" Whisper ", SupervisionMode.WHISPER), ("barge;x=1", SupervisionMode.BARGE),
    ("", None), ("listen whisper", None), ("spy", None), (None, None), ("<b>barge</b>", None),
])
def test_parse_mode_accepts_only_the_three_tokens(value, mode):
    assert parse_mode(value) is mode


@pytest.mark.parametrize(("uri", "canonical"), [
    ('"Sup" <sip:Supervisor@SIP.test;transport=tcp>', "supervisor@sip.test"),
    ("sips:supervisor@sip.test:5061", "supervisor@sip.test"),
    ("<sip:supervisor@sip.test>;tag=1", "supervisor@sip.test"),
    ("sip:sip.test", "sip.test"),
])
def test_canonical_identity(uri, canonical):
    assert canonical_identity(uri) == canonical


def test_an_ordinary_call_is_not_a_supervision_call():
    assert decide(patient_invite(), POLICY) is None


def test_a_provisioned_supervisor_asserted_by_the_proxy_is_accepted():
    decision = decide(supervision_invite("call-2", "whisper"), POLICY)
    assert decision.accepted and decision.mode is SupervisionMode.WHISPER and decision.identity == "supervisor@sip.test"


@pytest.mark.parametrize(("invite", "why"), [
    (supervision_invite("c", "listen", source=IdentitySource.FROM), Refusal.NOT_ASSERTED),  # From is not enough
    (supervision_invite("c", "listen", uri="sip:agent2@sip.test"), Refusal.NOT_AUTHORISED),
    (supervision_invite("c", "listen", uri="sip:supervisor@evil.example"), Refusal.NOT_AUTHORISED),
    (supervision_invite("c", "eavesdrop"), Refusal.BAD_MODE),
])
def test_everything_else_is_refused_with_a_reason(invite, why):
    decision = decide(invite, POLICY)
    assert not decision.accepted and decision.refusal is why


def test_from_is_enough_only_when_it_explicitly_is():
    lenient = SupervisionPolicy(POLICY.authorised, require_asserted_identity=False)
    assert decide(supervision_invite("c", source=IdentitySource.FROM), lenient).accepted


def test_indicator_policy_default_hides_listen():
    assert POLICY.indicator(SupervisionMode.LISTEN) is None
    assert POLICY.indicator(SupervisionMode.WHISPER) is SupervisionMode.WHISPER
    assert POLICY.indicator(SupervisionMode.BARGE) is SupervisionMode.BARGE


def test_identity_ref_is_a_short_hash_not_the_identity():
    ref = identity_ref("+15550100@sip.test")
    assert ref.startswith("sha256:") and "5550100" not in ref and len(ref) == 23
