#!/usr/bin/env bash
# Build the MSI on Linux with wixl around a placeholder payload, to check the installer's tables
# (properties, registry, shortcut, upgrade) without Windows. The real MSI is built on Windows by
# build-msi.ps1 (PyInstaller cannot cross-build a Windows app).
#
#   installer/windows/build-placeholder-msi.sh [OUT_DIR] [VERSION]     prints the .msi path
#
# Needs: wixl, wixl-heat, msibuild (apt-get install wixl msitools).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=$(realpath -m "${1:-$repo/build/msi-placeholder}")
version=${2:-$(cd "$repo" && "${PYTHON:-$repo/.venv/bin/python}" -c 'import softphone; print(softphone.__version__)')}

rm -rf "$out/stage"
mkdir -p "$out/stage/softphone/_internal/PySide6" "$out/stage/icons"
cd "$out/stage"
# The payload's shape, not its content: two executables and a harvested _internal\ tree.
printf 'placeholder for the PyInstaller GUI executable\n' >softphone/softphone.exe
printf 'placeholder for the PyInstaller console executable\n' >softphone/softphone-cli.exe
printf 'placeholder\n' >softphone/_internal/base_library.zip
printf 'placeholder\n' >softphone/_internal/python311.dll
printf 'placeholder\n' >softphone/_internal/PySide6/Qt6Core.dll
cp "$repo/resources/icons/softphone.ico" icons/

# wixl resolves sources relative to the working directory (absolute paths trip its GFile calls).
find softphone/_internal -type f | sort | sed 's|^softphone/||' |
  wixl-heat --prefix "" --directory-ref INSTALLDIR --component-group AppInternalFiles \
    --var var.SourceDir --win64 >payload.wxs
msi="$out/softphone-$version-placeholder.msi"
wixl -a x64 -D Win64=yes -D "Version=$version" -D SourceDir=softphone -D ResourcesDir=icons \
  -o "$msi" "$here/softphone.wxs" payload.wxs 2> >(grep -v "has no property named 'Secure'" | grep -v '^$' >&2)

# wixl ignores Secure="yes": add those properties to SecureCustomProperties (which wixl fills
# with the upgrade properties), so they reach the elevated part of a per-machine install.
secure=$(grep -o '<Property Id="[A-Z_]*" Secure="yes"' "$here/softphone.wxs" | cut -d'"' -f2 | paste -sd';')
current=$(msiinfo export "$msi" Property | tr -d '\r' | awk -F'\t' '$1 == "SecureCustomProperties" { print $2 }')
msibuild "$msi" -q "UPDATE \`Property\` SET \`Value\` = '${current:+$current;}$secure' WHERE \`Property\` = 'SecureCustomProperties'"
cd "$out" && rm -rf stage
echo "$msi"
