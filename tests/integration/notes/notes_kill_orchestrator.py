"""Inside one private keyring session (so the demo database and its key survive the kill): start the
app typing a note, SIGKILL it mid-typing, start it again and let it reopen the note. Prints JSON.

    python notes_kill_orchestrator.py KEYSTROKE_LOG SEED
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

DRIVER = Path(__file__).with_name("notes_app_driver.py")


def first_keystroke_time(log: Path, child: subprocess.Popen, timeout: float = 90) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise SystemExit(json.dumps({"error": "the typing app exited early", "stdout": child.stdout.read()[-2000:]}))
        if log.exists():
            for line in log.read_text().splitlines():
                parts = line.split()
                if len(parts) == 2 and parts[0].isdigit():
                    return float(parts[1])
        time.sleep(0.01)
    child.kill()
    raise SystemExit(json.dumps({"error": "the app did not start typing"}))


def main() -> None:
    log, seed = Path(sys.argv[1]), int(sys.argv[2])
    typist = subprocess.Popen([sys.executable, str(DRIVER), "type", str(log), str(seed)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    started = first_keystroke_time(log, typist)
    kill_at = started + random.Random(seed).uniform(2.0, 5.0)
    while time.time() < kill_at:
        time.sleep(0.005)
    killed_at = time.time()
    os.kill(typist.pid, signal.SIGKILL)
    typist.wait(30)
    reopened = subprocess.run([sys.executable, str(DRIVER), "reopen"], capture_output=True, text=True, timeout=120)
    lines = [line for line in reopened.stdout.splitlines() if line.startswith("{")]
    print(json.dumps({
        "killed_at": killed_at,
        "typist_returncode": typist.returncode,
        "reopen": json.loads(lines[-1]) if lines else None,
        "reopen_stderr": reopened.stderr[-3000:],
        "reopen_returncode": reopened.returncode,
    }))


if __name__ == "__main__":
    main()
