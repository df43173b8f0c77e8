"""The context the clinician's phone receives in the INVITE.

``X-Escalation-Id``, ``-Reason``, ``-Urgency``, ``-Agent`` always (identifiers and codes: no
PHI); ``Priority`` (RFC 3261: emergency / urgent / normal) so a PBX or phone can ring
differently; ``X-Patient-Ref`` (the EHR patient id) only when the signalling is TLS and the
policy allows it: over clear SIP the clinician finds the patient from the escalation id.
"""

from __future__ import annotations

import re

from softphone.escalation.model import Urgency

ESCALATION_ID_HEADER = "X-Escalation-Id"
REASON_HEADER = "X-Escalation-Reason"
URGENCY_HEADER = "X-Escalation-Urgency"
AGENT_HEADER = "X-Escalation-Agent"
PATIENT_REF_HEADER = "X-Patient-Ref"
PRIORITY_HEADER = "Priority"
CONTEXT_HEADERS = (ESCALATION_ID_HEADER, REASON_HEADER, URGENCY_HEADER, AGENT_HEADER, PATIENT_REF_HEADER, PRIORITY_HEADER)

_PRIORITY = {Urgency.EMERGENCY: "emergency", Urgency.URGENT: "urgent", Urgency.ROUTINE: "normal"}
_TOKEN = re.compile(r"[^A-Za-z0-9._:@+-]")


def header_token(value: str, limit: int = 64) -> str:
    """A header-safe token: no spaces, quotes, separators or line breaks (header injection)."""
    return _TOKEN.sub("-", value)[:limit]


def context_headers(
    escalation_id: str,
    reason_code: str,
    urgency: Urgency,
    agent_id: str,
    patient_ref: str | None,
    *,
    signalling_secure: bool,
    patient_ref_policy: str = "tls_only",
) -> tuple[tuple[str, str], ...]:
    headers = [
        (ESCALATION_ID_HEADER, header_token(escalation_id)),
        (REASON_HEADER, header_token(reason_code)),
        (URGENCY_HEADER, urgency.value),
        (AGENT_HEADER, header_token(agent_id)),
        (PRIORITY_HEADER, _PRIORITY[urgency]),
    ]
    if patient_ref and signalling_secure and patient_ref_policy == "tls_only":
        headers.append((PATIENT_REF_HEADER, header_token(patient_ref)))
    return tuple(headers)
