"""Developer tool: (re)record the demo's speech with espeak-ng and sox.

    python -m softphone.demo.voice_recording [--out resources/demo/voices]

Run it after changing a line in ``cast.py`` and commit the WAVs. The app never runs this (agent
machines have no espeak): it plays the committed files.

Each file is 16 kHz mono 16-bit PCM (the bridge's clock rate, so no resampling), peak-normalised
to -3 dBFS, with the silence espeak puts around speech cut off: the switchboard inserts the pauses
between sentences itself, so the files stay small (a pause costs 32 kB per second of WAV).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from softphone.demo.cast import VOICES_FOLDER, all_lines
from softphone.resources_path import resource

SAMPLE_RATE = 16000
WORDS_PER_MINUTE = 150


def record_line(text: str, voice: str, destination: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / "raw.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(WORDS_PER_MINUTE), "-w", str(raw), text],
            check=True,
        )
        subprocess.run(
            ["sox", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(destination),
             "silence", "1", "0.05", "0.5%", "reverse", "silence", "1", "0.05", "0.5%", "reverse",
             "norm", "-3"],
            check=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=resource(*VOICES_FOLDER))
    args = parser.parse_args()
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            parser.error(f"{tool} is not installed")
    args.out.mkdir(parents=True, exist_ok=True)
    for line in all_lines():
        record_line(line.text, line.espeak_voice, args.out / line.file)
        print(line.file)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
