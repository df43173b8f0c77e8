"""``softphone --self-test``: the product's smoke test, run by CI and by IT after installing.

It runs the embedded demo headless (Qt offscreen) in a throw-away profile, so it never touches the
agent's own data, and prints one JSON line: every step with ok/ms/detail (and the figures a step
measured, e.g. the escalation's ``time_to_clinician_ms``). Exit 0 only if every step worked. Each
feature adds its steps here.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from softphone import __version__


class StepFailed(Exception):
    pass


@dataclass
class SelfTest:
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)

    def run(self, name: str, step: Callable[["SelfTest"], str | tuple[str, dict[str, Any]]]) -> bool:
        """A step returns its detail, or (detail, figures): figures go into the step's JSON entry."""
        started = time.perf_counter()
        figures: dict[str, Any] = {}
        try:
            outcome, ok = step(self), True
            detail, figures = outcome if isinstance(outcome, tuple) else (outcome, {})
        except StepFailed as error:
            detail, ok = str(error), False
        except Exception as error:  # a smoke test reports every failure instead of stopping at the first
            detail, ok = f"{type(error).__name__}: {error}", False
            self.state.setdefault("tracebacks", []).append(traceback.format_exc())
        self.results[name] = {"ok": ok, "ms": round((time.perf_counter() - started) * 1000, 1), "detail": detail,
                              **{key: value for key, value in figures.items() if key not in ("ok", "ms", "detail")}}
        return ok

    @property
    def ok(self) -> bool:
        return bool(self.results) and all(result["ok"] for result in self.results.values())


def run_self_test(out: TextIO) -> int:
    from softphone.selftest import steps

    # Headless whatever the caller's environment: IT runs this over SSH, CI has no screen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    test = SelfTest()
    with tempfile.TemporaryDirectory(prefix="softphone-selftest-") as scratch:
        test.state["scratch"] = Path(scratch)
        if test.run("settings", steps.check_settings):
            # From here on the run lives in the scratch profile, so the agent's data is untouched.
            previous_home = os.environ.get("SOFTPHONE_HOME")
            os.environ["SOFTPHONE_HOME"] = str(Path(scratch) / "home")
            try:
                for name, step in steps.DEMO_STEPS:
                    test.run(name, step)
            finally:
                steps.close(test)
                if previous_home is None:
                    os.environ.pop("SOFTPHONE_HOME", None)
                else:
                    os.environ["SOFTPHONE_HOME"] = previous_home
    summary = {"ok": test.ok, "version": __version__, "steps": test.results}
    out.write(json.dumps(summary, separators=(",", ":")) + "\n")
    out.flush()
    return 0 if test.ok else 1


def random_marker(prefix: str) -> str:
    """A distinctive string to look for later (in the database file, in the logs)."""
    return f"{prefix}-{secrets.token_hex(6)}"
