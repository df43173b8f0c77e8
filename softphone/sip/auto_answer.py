"""Auto-answer requests: ``Call-Info: <uri>;answer-after=N`` (the de-facto header sent by
PBXs for intercom/paging) and ``Alert-Info: ...;info=alert-autoanswer``.  Pure."""

from __future__ import annotations

from .config import AutoAnswerPolicy


def requested_answer_delay(call_info: str | None, alert_info: str | None) -> float | None:
    """Seconds after which the caller asks us to answer, or None when not requested."""
    if call_info:
        for param in call_info.split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "answer-after":
                try:
                    delay = float(value.strip().strip('"'))
                except ValueError:
                    return None
                return delay if delay >= 0 else None
    if alert_info and "alert-autoanswer" in alert_info.lower():
        return 0.0
    return None


def auto_answer_delay(
    policy: AutoAnswerPolicy, call_info: str | None, alert_info: str | None
) -> float | None:
    """The delay to honour under ``policy``; None means ring normally."""
    if not policy.enabled:
        return None
    delay = requested_answer_delay(call_info, alert_info)
    if delay is None:
        return None
    return min(delay, policy.max_delay_s)
