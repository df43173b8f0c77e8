#!/usr/bin/env bash
# Runs every tests/bench/bench_*.py; each prints one JSON object of figures. Collected into one file.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/artifacts/bench
mkdir -p "$out"
for bench in tests/bench/bench_*.py; do
  name=$(basename "$bench" .py)
  echo "== $name" >&2
  .venv/bin/python "$bench" | tee "$out/$name.json"
done
