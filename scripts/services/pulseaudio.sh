#!/usr/bin/env bash
# A private PulseAudio server with a fake headset (pulse-headset.pa), for tests and CI.
#
#   scripts/services/pulseaudio.sh start   # idempotent: does nothing if ours already answers
#   scripts/services/pulseaudio.sh env     # prints: export PULSE_SERVER=unix:/.../native
#   scripts/services/pulseaudio.sh stop
#   eval "$(scripts/services/pulseaudio.sh env)"
#
# Works on a bare Debian box with no systemd user session, no D-Bus, no logged-in user, and as
# root. Why it is run this way:
#  - `pulseaudio --system` is NOT used: it needs the `pulse` user and `pulse-access` group, puts
#    its socket in /run/pulse, refuses runtime module loading and auth is group-based. A
#    per-test private server needs none of that.
#  - As root without --system, PulseAudio 16 only warns ("not intended to be run as root") and
#    runs, provided HOME, XDG_RUNTIME_DIR, PULSE_RUNTIME_PATH and PULSE_STATE_PATH point to a
#    writable private folder (otherwise it looks for /run/user/0 and root's ~/.config/pulse,
#    which a fresh box or CI container may not have). So no dedicated user is needed.
#  - `-n -F pulse-headset.pa`: no default.pa, so no hardware probing (udev/ALSA modules fail
#    noisily in containers) and no X11/D-Bus modules; only the fake headset.
#  - `--realtime=yes --high-priority=yes`: like a desktop's sound server, whose I/O threads run
#    with realtime scheduling (PulseAudio and PipeWire get it from rtkit). There is no rtkit here:
#    as root (CI) the daemon sets it itself; a user without the right logs a warning and runs at
#    normal priority. Measured (tests/bench/bench_audio_soak.py, GUI thread busy 25 ms in 50,
#    3-minute runs): at normal priority the mic arrived late or the speaker ran dry 2 times per
#    run, at realtime 0; the daemon's rlimit-rttime (200 ms) still stops a runaway RT thread.
#  - `--exit-idle-time=-1`: stays up between test modules even when no client is connected.
#  - `auth-anonymous=1` in the .pa file: clients need no cookie (private socket in a 0700 dir).
#
# SOFTPHONE_PULSE_DIR overrides the folder (default: ${TMPDIR:-/tmp}/softphone-pulse-<uid>).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
script="$here/pulse-headset.pa"
dir="${SOFTPHONE_PULSE_DIR:-${TMPDIR:-/tmp}/softphone-pulse-$(id -u)}"
socket="$dir/run/native"
pidfile="$dir/run/pid"
server="unix:$socket"

answers() {
    [ -S "$socket" ] && PULSE_SERVER="$server" timeout 5 pactl info >/dev/null 2>&1
}

private_env() {
    # Everything PulseAudio would otherwise look up in the user's session or home.
    env -u DBUS_SESSION_BUS_ADDRESS -u PULSE_SERVER \
        HOME="$dir/home" XDG_RUNTIME_DIR="$dir/run" XDG_CONFIG_HOME="$dir/home/.config" \
        PULSE_RUNTIME_PATH="$dir/run" PULSE_STATE_PATH="$dir/state" "$@"
}

start() {
    command -v pulseaudio >/dev/null || { echo "pulseaudio is not installed (apt-get install pulseaudio pulseaudio-utils)" >&2; exit 1; }
    if answers; then
        return 0
    fi
    # A stale socket or pid file from a killed server would make pulseaudio refuse to start.
    stop_quietly
    mkdir -p "$dir/home" "$dir/run" "$dir/state"
    chmod 700 "$dir" "$dir/run"
    private_env pulseaudio -n -F "$script" --daemonize=yes --exit-idle-time=-1 \
        --realtime=yes --high-priority=yes --use-pid-file=yes \
        --log-target="file:$dir/pulseaudio.log" --log-level=notice
    for _ in $(seq 1 50); do
        answers && return 0
        sleep 0.1
    done
    echo "PulseAudio did not come up; log follows ($dir/pulseaudio.log):" >&2
    cat "$dir/pulseaudio.log" >&2 || true
    exit 1
}

stop_quietly() {
    if [ -f "$pidfile" ]; then
        pid="$(cat "$pidfile" 2>/dev/null || true)"
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            kill -9 "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$socket" "$pidfile"
}

case "${1:-}" in
    start) start ;;
    stop) stop_quietly ;;
    env) echo "export PULSE_SERVER=$server" ;;
    status) if answers; then echo "running: $server"; else echo "not running"; exit 1; fi ;;
    *) echo "usage: $0 start|stop|env|status" >&2; exit 2 ;;
esac
