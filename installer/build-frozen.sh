#!/usr/bin/env bash
# Build the frozen one-folder app with PyInstaller: OUT_DIR/softphone/softphone (+ _internal/).
#
#   installer/build-frozen.sh [OUT_DIR]        default OUT_DIR: build/frozen
#
# The build is skipped when OUT_DIR/fingerprint matches the inputs (the app's sources, resources,
# the spec and hooks, and the exact set of installed Python packages), so tests and package
# builds can call it every time. PYTHON selects the interpreter (default: .venv/bin/python), which
# must have pyinstaller installed (see installer/README.md for the pins).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$repo/build/frozen}")
python=${PYTHON:-$repo/.venv/bin/python}

fingerprint() {
  # Source and data files by content; the environment by its package list (pins change builds).
  (
    cd "$repo"
    find softphone resources installer/softphone.spec installer/hooks installer/frozen_entry.py \
      -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 | sort -z | xargs -0 sha256sum
    "$python" -m pip --version >/dev/null 2>&1 && "$python" -m pip freeze 2>/dev/null \
      || uv pip freeze -p "$python" 2>/dev/null
  ) | sha256sum | cut -d' ' -f1
}

wanted=$(fingerprint)
if [[ -x "$out/softphone/softphone" && "$(cat "$out/fingerprint" 2>/dev/null)" == "$wanted" ]]; then
  echo "frozen app up to date: $out/softphone" >&2
  exit 0
fi

"$python" -c "import PyInstaller" 2>/dev/null || {
  echo "pyinstaller is not installed in $python (see installer/README.md)" >&2
  exit 1
}
rm -rf "$out"
mkdir -p "$out"
started=$SECONDS
# --noconfirm: replace a previous build; workpath/distpath under OUT_DIR keep the tree clean.
"$python" -m PyInstaller --noconfirm --log-level WARN \
  --workpath "$out/work" --distpath "$out" "$repo/installer/softphone.spec" >&2
rm -rf "$out/work"
echo "$wanted" >"$out/fingerprint"
echo "frozen app built in $((SECONDS - started)) s: $out/softphone ($(du -sh "$out/softphone" | cut -f1))" >&2
