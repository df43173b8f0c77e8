"""One time budget for a whole directory operation, shared by all the HTTP requests it makes.

httpx timeouts are per phase (connect, each read...), not per request: a server that trickles a
byte every second never trips a 3 s read timeout. Each request therefore gets the *remaining*
budget as its timeout, and body reads check the deadline between chunks.
"""

from __future__ import annotations

import time

from softphone.patients.errors import DirectoryUnavailable
from softphone.patients.model import DirectoryProblem

# Below this a request cannot succeed anyway; fail fast instead of a doomed connect.
_MIN_USEFUL_SECONDS = 0.01


class Deadline:
    def __init__(self, seconds: float):
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self._end - time.monotonic()

    def check(self) -> None:
        if self.remaining() < _MIN_USEFUL_SECONDS:
            raise DirectoryUnavailable(DirectoryProblem.TIMEOUT, "time budget spent")

    def request_timeout(self, per_request_cap: float) -> float:
        """The timeout for the next request: the cap, or less when the budget is nearly spent."""
        self.check()
        return min(per_request_cap, self.remaining())
