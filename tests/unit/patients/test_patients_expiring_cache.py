from __future__ import annotations

from softphone.patients.expiring_cache import ExpiringCache


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_entries_expire_after_their_ttl():
    clock = FakeClock()
    cache: ExpiringCache[str, int] = ExpiringCache(10, 60, clock)
    cache.put("a", 1)
    clock.now += 59
    assert cache.get("a") == 1
    clock.now += 1
    assert cache.get("a") is None


def test_the_oldest_used_entry_goes_first_when_full():
    cache: ExpiringCache[str, int] = ExpiringCache(2, 60, FakeClock())
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("a")
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)


def test_clear_forgets_everything():
    cache: ExpiringCache[str, int] = ExpiringCache(2, 60, FakeClock())
    cache.put("a", 1)
    cache.clear()
    assert len(cache) == 0 and cache.get("a") is None
