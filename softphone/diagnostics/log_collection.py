"""Recent log files and SIP traces from the user's log folder, tail first, size-capped."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_BYTES_PER_FILE = 4_000_000
MAX_BYTES_TOTAL = 20_000_000
_BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class CollectedLog:
    name: str
    text: str
    truncated: bool


def collect_recent_logs(
    log_dir: Path, *, max_bytes_per_file: int = MAX_BYTES_PER_FILE, max_bytes_total: int = MAX_BYTES_TOTAL
) -> tuple[list[CollectedLog], list[str]]:
    """Text files of ``log_dir`` (logs, rotated logs, SIP traces), newest first.

    Returns the collected files and the names skipped (binary captures such as .pcap cannot be
    redacted line by line, so they never leave the machine this way).
    """
    if not log_dir.is_dir():
        return [], []
    files = sorted((path for path in log_dir.rglob("*") if path.is_file()), key=_mtime, reverse=True)
    collected: list[CollectedLog] = []
    skipped: list[str] = []
    budget = max_bytes_total
    for path in files:
        name = path.relative_to(log_dir).as_posix()
        if budget <= 0:
            skipped.append(f"{name} (size budget reached)")
            continue
        data, truncated = _tail(path, min(max_bytes_per_file, budget))
        if b"\0" in data[:_BINARY_SNIFF_BYTES]:
            skipped.append(f"{name} (binary)")
            continue
        budget -= len(data)
        collected.append(CollectedLog(name, data.decode("utf-8", errors="replace"), truncated))
    return collected, skipped


def _tail(path: Path, limit: int) -> tuple[bytes, bool]:
    size = path.stat().st_size
    with path.open("rb") as stream:
        if size <= limit:
            return stream.read(), False
        stream.seek(size - limit)
        data = stream.read()
    # Start at a line boundary: a cut line could be half a value the redaction no longer sees
    # as a phone number or a name.
    newline = data.find(b"\n")
    return (data[newline + 1 :] if newline >= 0 else b""), True


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
