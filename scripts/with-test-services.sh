#!/usr/bin/env bash
# Runs a command with the services the tests need: PostgreSQL, PulseAudio, and a D-Bus session with
# an unlocked GNOME Keyring (a real Secret Service) in a scratch HOME, so no developer keyring is touched.
# Kamailio and SIP peers are started by the pytest fixtures themselves, on free ports.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

scratch=$(mktemp -d /tmp/softphone-tests.XXXXXX)
# A private PulseAudio folder per run, so two runs on one machine never stop each other's server.
export SOFTPHONE_PULSE_DIR="$scratch/pulse"
cleanup() {
  "$root/scripts/services/pulseaudio.sh" stop >/dev/null 2>&1 || true
  "$root/scripts/services/postgres.sh" stop >/dev/null 2>&1 || true
  rm -rf "$scratch"
}
trap cleanup EXIT

"$root/scripts/services/postgres.sh" start >/dev/null
SOFTPHONE_TEST_PG_URL=$("$root/scripts/services/postgres.sh" url)
export SOFTPHONE_TEST_PG_URL
"$root/scripts/services/pulseaudio.sh" start
eval "$("$root/scripts/services/pulseaudio.sh" env)"

export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share" XDG_CONFIG_HOME="$scratch/home/.config"
export XDG_RUNTIME_DIR="$scratch/runtime" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

# The keyring's password is a throw-away: the keyring lives and dies in $scratch.
exec dbus-run-session -- bash -c '
  printf "test-keyring-password" | gnome-keyring-daemon --daemonize --unlock --components=secrets >/dev/null
  exec "$@"' with-test-services "$@"
