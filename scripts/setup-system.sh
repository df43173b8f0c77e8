#!/usr/bin/env bash
# Installs the Debian packages the softphone needs: `--app` for running it, `--test` for the test suite
# (real Kamailio, SIP peers, PostgreSQL, PulseAudio, a Secret Service). Idempotent and quick when
# everything is already there, so `make demo` / `make test` can call it every time.
set -euo pipefail

app_packages=(
  # Qt's xcb/offscreen platforms and fonts (PySide6 wheels bundle Qt, not these system libraries)
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libfontconfig1 libdbus-1-3
  # audio: libpulse for the headset bridge (PortAudio as fallback); a Secret Service for the keyring
  libpulse0 libportaudio2 gnome-keyring dbus
)
test_packages=(
  kamailio kamailio-tls-modules sip-tester baresip
  postgresql
  pulseaudio pulseaudio-utils sox espeak-ng
  dbus-user-session libsecret-tools openssl
  # installers: .deb checks, MSI built and inspected with wixl/msiinfo
  msitools wixl xdg-utils desktop-file-utils binutils zstd
)

wanted=("${app_packages[@]}")
[[ "${1:-}" == "--test" ]] && wanted+=("${test_packages[@]}")

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing Debian packages: ${missing[*]}"
sudo=()
[[ $(id -u) -ne 0 ]] && sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts kamailio and postgresql as system services on install; the tests run their own
# instances on free loopback ports, so stop the packaged ones where a service manager started them.
"${sudo[@]}" service kamailio stop >/dev/null 2>&1 || true
"${sudo[@]}" service postgresql stop >/dev/null 2>&1 || true
