#!/usr/bin/env bash
# Build the Debian package: OUT_DIR/softphone_VERSION_ARCH.deb
#
#   installer/linux/build-deb.sh [--version VERSION] [--frozen DIR] [--out OUT_DIR]
#
#   --version  package version (default: softphone.__version__)
#   --frozen   an already built frozen app folder (default: build it with installer/build-frozen.sh)
#   --out      where the .deb goes (default: build/deb)
#
# Layout: the frozen app in /opt/softphone, /usr/bin/softphone -> /opt/softphone/softphone, a
# .desktop file registering the sip:, sips: and tel: URL handlers, hicolor icons, a udev rule
# giving the seat user the headsets' call buttons (/usr/lib/udev/rules.d), and the
# commented settings template as the conffile /etc/softphone/settings.toml (kept on upgrades).
# Needs: dpkg-deb with zstd (dpkg >= 1.21.18), readelf (binutils), the build venv.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
python=${PYTHON:-$repo/.venv/bin/python}
version="" frozen="" out="$repo/build/deb"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --version) version=$2; shift 2 ;;
    --frozen) frozen=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[[ -n "$version" ]] || version=$(cd "$repo" && "$python" -c 'import softphone; print(softphone.__version__)')
if [[ -z "$frozen" ]]; then
  "$repo/installer/build-frozen.sh" "$repo/build/frozen"
  frozen="$repo/build/frozen/softphone"
fi
frozen=$(realpath "$frozen")
[[ -x "$frozen/softphone" ]] || { echo "no frozen app in $frozen" >&2; exit 1; }
arch=$(dpkg --print-architecture)
mkdir -p "$out"
out=$(realpath "$out")

stage=$(mktemp -d "$out/.stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
mkdir -p "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/etc/softphone" \
  "$root/usr/share/doc/softphone" "$root/DEBIAN"

# Hard links when the build folder is on the same file system: no 260 MB copy.
cp -al "$frozen" "$root/opt/softphone" 2>/dev/null || cp -a "$frozen" "$root/opt/softphone"
# PyInstaller's bootloader resolves its own symlink to find _internal/, so a link is enough.
ln -s /opt/softphone/softphone "$root/usr/bin/softphone"
install -m 0644 "$repo/installer/linux/softphone.desktop" "$root/usr/share/applications/softphone.desktop"
for png in "$repo"/resources/icons/softphone-*.png; do
  size=$(basename "$png" .png); size=${size#softphone-}
  install -D -m 0644 "$png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/softphone.png"
done
install -D -m 0644 "$repo/resources/icons/softphone.svg" "$root/usr/share/icons/hicolor/scalable/apps/softphone.svg"
# Headset buttons: the seat user may open telephony headsets' /dev/hidraw* (TAG+="uaccess").
install -D -m 0644 "$repo/installer/linux/70-softphone-headsets.rules" "$root/usr/lib/udev/rules.d/70-softphone-headsets.rules"
(cd "$repo" && "$python" -m installer.settings_reference template) >"$root/etc/softphone/settings.toml"
chmod 0644 "$root/etc/softphone/settings.toml"
install -m 0644 "$repo/installer/README.md" "$root/usr/share/doc/softphone/README.md"

depends=$(cd "$repo" && "$python" -m installer.linux.debian_depends "$root/opt/softphone")
installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: softphone
Version: $version
Architecture: $arch
Maintainer: Softphone IT packaging <softphone-packaging@localhost>
Installed-Size: $installed_kb
Depends: $depends
Recommends: gnome-keyring | keepassxc, dbus-user-session | dbus-x11, pulseaudio-utils, xdg-utils
Section: comm
Priority: optional
Description: softphone for healthcare call-centre agents
 SIP calls on the agent's USB headset with the patient's context from the EHR
 beside them, call notes that are never lost, and one-press escalation that
 brings the on-call clinician into the live call.
 .
 IT provisions /etc/softphone/settings.toml (see /usr/share/doc/softphone/README.md);
 check an installation with: softphone --self-test
CONTROL
echo "/etc/softphone/settings.toml" >"$root/DEBIAN/conffiles"
install -m 0755 "$repo/installer/linux/postinst" "$root/DEBIAN/postinst"
install -m 0755 "$repo/installer/linux/postrm" "$root/DEBIAN/postrm"

deb="$out/softphone_${version}_${arch}.deb"
# zstd: ~2 s here against ~160 s for xz, for a package ~15% larger.
dpkg-deb --root-owner-group -Zzstd -z3 --build "$root" "$deb" >&2
echo "$deb"
