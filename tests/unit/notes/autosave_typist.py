"""A simulated agent typing a note into a NoteAutosaver, for the kill -9 test.

    python autosave_typist.py DB_PATH KEYSTROKE_LOG SEED      (database key in TYPIST_DB_KEY, hex)

After every keystroke it appends "<keystroke index> <time.time()>" to the log and flushes, so the
log is complete up to the moment the process is killed. The keystrokes come from
``keystrokes(seed)``, which the test calls too, to know the text after each keystroke.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

KEYSTROKE_COUNT = 400
WORDS = (
    "caller reports dizziness since morning advised fluids and rest will call back if worse "
    "no known allergies takes metformin daughter present pharmacy closed until monday"
).split()


def keystrokes(seed: int) -> list[tuple[str, float]]:
    """(text after the keystroke, pause before the next one): typing with typos and pauses."""
    rng = random.Random(seed)
    typed = ""
    source = " ".join(rng.choice(WORDS) for _ in range(KEYSTROKE_COUNT))
    position = 0
    result = []
    while len(result) < KEYSTROKE_COUNT:
        if typed and rng.random() < 0.05:
            typed = typed[:-1]  # backspace
        else:
            typed += source[position % len(source)]
            position += 1
        # Mostly quick typing; now and then a pause long enough for the idle save.
        pause = rng.uniform(0.35, 0.7) if rng.random() < 0.08 else rng.uniform(0.02, 0.09)
        result.append((typed, pause))
    return result


def main() -> None:
    from softphone.notes import NoteAutosaver, NoteDraft
    from softphone.storage import open_database

    database_path, log_path, seed = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    database = open_database(None, sqlite_path=database_path, key=bytes.fromhex(os.environ["TYPIST_DB_KEY"]))
    saver = NoteAutosaver(database, "crash-call", "agent-1")
    with log_path.open("w", encoding="utf-8") as log:
        for index, (text, pause) in enumerate(keystrokes(seed)):
            saver.update(NoteDraft(reason_for_call="typing test", free_text=text))
            log.write(f"{index} {time.time():.6f}\n")
            log.flush()  # in the kernel's hands now: survives SIGKILL
            time.sleep(pause)
    time.sleep(600)  # the test kills us long before


if __name__ == "__main__":
    main()
