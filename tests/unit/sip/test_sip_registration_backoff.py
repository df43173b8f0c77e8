from __future__ import annotations

import random

import pytest

from softphone.sip.registration_backoff import is_server_trouble, next_attempt


def _attempt(code, index, count, failures):
    return next_attempt(code=code, server_index=index, server_count=count,
                        consecutive_failures=failures, first_delay_s=2, max_delay_s=60,
                        rng=random.Random(1))


def test_single_server_backs_off_exponentially_with_cap():
    delays = [_attempt(408, 0, 1, n).delay_s for n in range(1, 9)]
    assert all(0.8 * 2 <= delays[0] <= 1.2 * 2 for _ in [0])
    assert delays[1] > delays[0] and delays[2] > delays[1]
    assert max(delays) <= 60 * 1.2


def test_failover_walks_the_list_then_backs_off_from_the_first():
    assert _attempt(503, 0, 3, 1) == pytest.approx(_attempt(503, 0, 3, 1))
    assert _attempt(503, 0, 3, 1).server_index == 1 and _attempt(503, 0, 3, 1).delay_s == 0
    assert _attempt(408, 1, 3, 2).server_index == 2 and _attempt(408, 1, 3, 2).delay_s == 0
    end_of_round = _attempt(408, 2, 3, 3)
    assert end_of_round.server_index == 0 and end_of_round.delay_s > 0


def test_auth_failure_stays_put_and_waits_long():
    decision = _attempt(403, 1, 3, 1)
    assert decision.server_index == 1 and decision.delay_s >= 0.8 * 60


@pytest.mark.parametrize("code,trouble", [(0, True), (408, True), (503, True), (404, False), (401, False)])
def test_server_trouble(code, trouble):
    assert is_server_trouble(code) is trouble
