"""Screen-pop on a worker pool: the call never waits for the EHR.

The SIP layer reports an incoming call; ``start_lookup`` returns at once and a worker thread asks
the directory who is calling and, for a single match, loads the patient's context. The result is
delivered to ``on_update`` (on the worker thread: the UI re-emits it as a queued Qt signal) and
through the returned Future.

When the call ends, ``call_ended`` cancels whatever is still pending for it: queued work never
runs, running work finishes (an HTTP request cannot be interrupted safely) but its result is
dropped and the context is not loaded. A late answer must never pop a patient over the next
caller's call.

Results are cached in memory for a short time (repeat callers, transfers back to the queue):
found/multiple lookups by E.164 number, complete contexts by patient id. Nothing is written to disk.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Callable

from softphone.patients.directory import PatientDirectory
from softphone.patients.errors import PatientDirectoryError, PatientNotFound
from softphone.patients.expiring_cache import ExpiringCache
from softphone.patients.model import DirectoryProblem, LookupState, PatientContext, ScreenPopResult
from softphone.patients.phone_numbers import to_e164

log = logging.getLogger(__name__)

DEFAULT_LOOKUP_TTL_S = 60.0
DEFAULT_CONTEXT_TTL_S = 120.0
DEFAULT_MAX_CACHED = 64


@dataclass(frozen=True)
class ScreenPop:
    """What the screen-pop panel shows for one call at one moment."""

    call_id: str
    lookup: ScreenPopResult
    context: PatientContext | None = None
    # FOUND when the context loaded; otherwise why not (unavailable, invalid_response, not_found).
    context_state: LookupState | None = None
    context_problem: DirectoryProblem | None = None
    elapsed_s: float = 0.0
    from_cache: bool = False


ScreenPopCallback = Callable[[ScreenPop], None]


class ScreenPopService:
    def __init__(
        self,
        directory: PatientDirectory,
        *,
        on_update: ScreenPopCallback | None = None,
        max_workers: int = 2,
        lookup_ttl_s: float = DEFAULT_LOOKUP_TTL_S,
        context_ttl_s: float = DEFAULT_CONTEXT_TTL_S,
        max_cached: int = DEFAULT_MAX_CACHED,
    ):
        self._directory = directory
        self._on_update = on_update
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="screen-pop")
        self._lookups: ExpiringCache[str, ScreenPopResult] = ExpiringCache(max_cached, lookup_ttl_s)
        self._contexts: ExpiringCache[str, PatientContext] = ExpiringCache(max_cached, context_ttl_s)
        self._lock = threading.Lock()
        self._pending: dict[str, list[Future[ScreenPop]]] = defaultdict(list)

    # ------------------------------------------------------------------ commands

    def start_lookup(self, call_id: str, caller: str) -> Future[ScreenPop]:
        """Who is calling (SIP/tel URI or number); loads the context too when exactly one patient matches."""
        self.call_ended(call_id)  # a new lookup for the same call replaces any older one
        return self._submit(call_id, lambda outer: self._lookup_task(call_id, caller, outer))

    def choose_patient(self, call_id: str, patient_id: str, *, refresh: bool = False) -> Future[ScreenPop]:
        """The agent picked a patient from the list or the manual search: load their context."""
        return self._submit(call_id, lambda outer: self._context_task(call_id, patient_id, refresh, outer))

    def search_by_name_dob(self, call_id: str, family: str, given: str | None, birth_date: date) -> Future[ScreenPop]:
        def task(outer: Future[ScreenPop]) -> ScreenPop | None:
            started = time.monotonic()
            lookup = self._guarded_lookup(lambda: self._directory.search_by_name_dob(family, given, birth_date))
            return ScreenPop(call_id, lookup, elapsed_s=time.monotonic() - started)

        return self._submit(call_id, task)

    def call_ended(self, call_id: str) -> None:
        with self._lock:
            futures = self._pending.pop(call_id, [])
            for future in futures:
                future.cancel()
        if futures:
            log.debug("screen-pop: cancelled %d pending task(s) of call %s", len(futures), call_id)

    def clear_cache(self) -> None:
        """Forget every cached lookup and context (agent logout, end of shift)."""
        self._lookups.clear()
        self._contexts.clear()

    def shutdown(self) -> None:
        with self._lock:
            for futures in self._pending.values():
                for future in futures:
                    future.cancel()
            self._pending.clear()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self.clear_cache()

    # ------------------------------------------------------------------ tasks

    def _submit(self, call_id: str, work: Callable[[Future[ScreenPop]], ScreenPop | None]) -> Future[ScreenPop]:
        # Our own Future, never marked running: call_ended can cancel it at any time, and the
        # worker only sets a result if it is still pending (checked under the same lock).
        outer: Future[ScreenPop] = Future()
        with self._lock:
            self._pending[call_id].append(outer)

        def run() -> None:
            if outer.cancelled():
                return
            try:
                pop = work(outer)
            except Exception as error:  # a bug must not kill the worker or leave the Future hanging
                log.error("screen-pop task failed: %s", type(error).__name__)
                pop = ScreenPop(call_id, ScreenPopResult(LookupState.UNAVAILABLE))
            self._deliver(call_id, outer, pop)

        self._pool.submit(run)
        return outer

    def _deliver(self, call_id: str, outer: Future[ScreenPop], pop: ScreenPop | None) -> None:
        with self._lock:
            live = not outer.cancelled() and pop is not None
            if live:
                outer.set_result(pop)
            elif not outer.cancelled():
                outer.cancel()
            futures = self._pending.get(call_id)
            if futures and outer in futures:
                futures.remove(outer)
                if not futures:
                    del self._pending[call_id]
        if live and self._on_update is not None:
            try:
                self._on_update(pop)
            except Exception as error:
                log.error("screen-pop callback failed: %s", type(error).__name__)

    def _lookup_task(self, call_id: str, caller: str, outer: Future[ScreenPop]) -> ScreenPop | None:
        started = time.monotonic()
        e164 = to_e164(caller, self._directory.default_region)
        cached = self._lookups.get(e164) if e164 else None
        lookup = cached or self._guarded_lookup(lambda: self._directory.lookup_caller(caller))
        if cached is None and lookup.state in (LookupState.FOUND, LookupState.MULTIPLE) and e164:
            self._lookups.put(e164, lookup)
        if lookup.state is not LookupState.FOUND or lookup.patient is None:
            return ScreenPop(call_id, lookup, elapsed_s=time.monotonic() - started, from_cache=cached is not None)
        if outer.cancelled():
            return None  # the call ended while we searched: do not load (or log) a context for it
        pop = self._load_context(call_id, lookup, lookup.patient.patient_id, refresh=False, started=started)
        return pop

    def _context_task(self, call_id: str, patient_id: str, refresh: bool, outer: Future[ScreenPop]) -> ScreenPop:
        started = time.monotonic()
        lookup = ScreenPopResult(LookupState.FOUND)  # the agent's choice stands in for a lookup
        return self._load_context(call_id, lookup, patient_id, refresh=refresh, started=started)

    def _load_context(
        self, call_id: str, lookup: ScreenPopResult, patient_id: str, *, refresh: bool, started: float
    ) -> ScreenPop:
        cached = None if refresh else self._contexts.get(patient_id)
        if cached is not None:
            return ScreenPop(call_id, lookup, cached, LookupState.FOUND, None, time.monotonic() - started, True)
        try:
            context = self._directory.load_context(patient_id)
        except PatientNotFound:
            return ScreenPop(call_id, lookup, None, LookupState.NOT_FOUND, None, time.monotonic() - started)
        except PatientDirectoryError as error:
            log.warning(
                "patient context failed: patient=%s state=%s problem=%s", patient_id, error.state, error.problem
            )
            return ScreenPop(call_id, lookup, None, error.state, error.problem, time.monotonic() - started)
        if not context.unavailable_sections:
            self._contexts.put(patient_id, context)  # incomplete contexts are retried next time
        return ScreenPop(call_id, lookup, context, LookupState.FOUND, None, time.monotonic() - started)

    @staticmethod
    def _guarded_lookup(lookup: Callable[[], ScreenPopResult]) -> ScreenPopResult:
        try:
            return lookup()
        except PatientDirectoryError as error:  # directories return states, but be defensive
            return ScreenPopResult(error.state, problem=error.problem)
