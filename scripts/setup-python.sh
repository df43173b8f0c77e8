#!/usr/bin/env bash
# Creates .venv from uv.lock (the exact versions every machine gets). `--test` adds the test extras.
set -euo pipefail
cd "$(dirname "$0")/.."

export UV_PYTHON_DOWNLOADS=never  # use the machine's Python 3.11; there is no download site here
if ! command -v uv >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check "uv==0.13.9"
fi
extras=()
for option in "$@"; do
  case "$option" in
    --test) extras+=(--extra test) ;;
    --bench) extras+=(--extra test --extra bench) ;;
  esac
done
uv sync --quiet --locked --python 3.11 "${extras[@]}"
