"""When to try REGISTER again after a failure, and on which server.  Pure logic so the
policy can be unit-tested without a registrar."""

from __future__ import annotations

import random
from dataclasses import dataclass

# Answers that say "this server cannot serve you right now": worth trying the next one.
# Authentication failures are not: every server would refuse the same credentials.
_SERVER_TROUBLE_CODES = frozenset({408, 480})
_AUTH_FAILURE_CODES = frozenset({401, 403, 407})


@dataclass(frozen=True, slots=True)
class RetryDecision:
    server_index: int
    delay_s: float


def is_server_trouble(code: int) -> bool:
    """No answer (code < 100: transport error), timeouts and 5xx/6xx."""
    return code < 100 or code in _SERVER_TROUBLE_CODES or code >= 500


def next_attempt(
    *,
    code: int,
    server_index: int,
    server_count: int,
    consecutive_failures: int,
    first_delay_s: float,
    max_delay_s: float,
    rng: random.Random | None = None,
) -> RetryDecision:
    """``consecutive_failures`` counts this failure (>= 1).

    Server trouble moves to the next server straight away while untried servers remain
    in this round; once every server has failed, wait with exponential backoff
    (first, 2x, 4x ... capped) and +/-20 % jitter before starting the next round from the
    first (preferred) server.  Authentication failures stay on the same server and wait
    the maximum delay: retrying faster would only lock the account.
    """
    rng = rng or random.Random()
    if code in _AUTH_FAILURE_CODES:
        return RetryDecision(server_index, _jitter(max_delay_s, rng))
    if server_count > 1 and is_server_trouble(code):
        round_position = (consecutive_failures - 1) % server_count
        if round_position < server_count - 1:
            return RetryDecision((server_index + 1) % server_count, 0.0)
        rounds = (consecutive_failures - 1) // server_count
        delay = min(max_delay_s, first_delay_s * (2**rounds))
        return RetryDecision(0, _jitter(delay, rng))
    delay = min(max_delay_s, first_delay_s * (2 ** (consecutive_failures - 1)))
    return RetryDecision(server_index, _jitter(delay, rng))


def _jitter(delay: float, rng: random.Random) -> float:
    return max(0.0, delay * rng.uniform(0.8, 1.2))
