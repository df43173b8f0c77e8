<#
.SYNOPSIS
  Build the Softphone MSI on Windows: the frozen app (PyInstaller), then the MSI (WiX 3.14).

.DESCRIPTION
  PyInstaller does not cross-build, so the Windows payload is made here, on Windows, with
  CPython 3.11 x64. Steps:
    1. the locked environment (uv sync --locked) plus the packaging tools (pins below);
    2. installer\softphone.spec -> build\frozen\softphone\ (softphone.exe, softphone-cli.exe, _internal\);
    3. heat.exe harvests _internal\ into the AppInternalFiles component group;
    4. candle.exe + light.exe compile installer\windows\softphone.wxs into build\msi\softphone-<version>.msi.

  Requires: uv, Python 3.11 x64 (uv installs it), WiX Toolset 3.14 (the WIX environment variable
  or candle.exe on PATH; `choco install wixtoolset --version 3.14.1`).

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installer\windows\build-msi.ps1
  powershell -ExecutionPolicy Bypass -File installer\windows\build-msi.ps1 -Version 0.2.0
#>
param(
  [string]$Version = "",
  [string]$OutDir = "",
  # Package an existing build\frozen\softphone again (e.g. the same app as a newer version, to
  # test upgrades) instead of running PyInstaller.
  [switch]$ReuseFrozen
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Repo = (Resolve-Path "$PSScriptRoot\..\..").Path
if (-not $OutDir) { $OutDir = Join-Path $Repo "build" }
# Keep these pins in step with installer/README.md ("Build machine").
$PackagingPins = @("pyinstaller==6.22.3", "pyinstaller-hooks-contrib==2026.9")

function Invoke-Checked([string]$Program, [string[]]$Arguments) {
  & $Program @Arguments
  if ($LASTEXITCODE -ne 0) { throw "$Program failed with exit code $LASTEXITCODE" }
}

function Find-WixTool([string]$Name) {
  if ($env:WIX) {
    $candidate = Join-Path $env:WIX "bin\$Name"
    if (Test-Path $candidate) { return $candidate }
  }
  $onPath = Get-Command $Name -ErrorAction SilentlyContinue
  if ($onPath) { return $onPath.Source }
  throw "$Name not found: install WiX Toolset 3.14 (choco install wixtoolset --version 3.14.1)"
}

Push-Location $Repo
try {
  $Python = Join-Path $Repo ".venv\Scripts\python.exe"
  $Frozen = Join-Path $OutDir "frozen"
  $App = Join-Path $Frozen "softphone"
  if (-not $ReuseFrozen) {
    Invoke-Checked "uv" @("sync", "--locked", "--python", "3.11")
    Invoke-Checked "uv" (@("pip", "install", "-p", $Python) + $PackagingPins)
    Invoke-Checked $Python @("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
      "--workpath", (Join-Path $OutDir "pyinstaller-work"), "--distpath", $Frozen,
      (Join-Path $Repo "installer\softphone.spec"))
  }
  if (-not $Version) { $Version = (& $Python -c "import softphone; print(softphone.__version__)").Trim() }
  foreach ($exe in @("softphone.exe", "softphone-cli.exe")) {
    if (-not (Test-Path (Join-Path $App $exe))) { throw "PyInstaller did not produce $exe" }
  }
  # The frozen app must start before it is packaged.
  Invoke-Checked (Join-Path $App "softphone-cli.exe") @("--version")

  $MsiDir = Join-Path $OutDir "msi"
  New-Item -ItemType Directory -Force -Path $MsiDir | Out-Null
  $Payload = Join-Path $MsiDir "payload.wxs"
  # -dr INSTALLDIR with the harvested folder kept (no -srd): files land in INSTALLDIR\_internal\.
  # -ag: component GUIDs from the install path, stable across builds, as upgrades need.
  Invoke-Checked (Find-WixTool "heat.exe") @("dir", (Join-Path $App "_internal"), "-nologo",
    "-cg", "AppInternalFiles", "-dr", "INSTALLDIR", "-var", "var.InternalDir",
    "-ag", "-scom", "-sreg", "-sfrag", "-out", $Payload)

  $Objects = Join-Path $MsiDir "obj\"
  Invoke-Checked (Find-WixTool "candle.exe") @("-nologo", "-arch", "x64", "-out", $Objects,
    "-dVersion=$Version", "-dSourceDir=$App", "-dInternalDir=$(Join-Path $App '_internal')",
    "-dResourcesDir=$(Join-Path $Repo 'resources\icons')", "-dWin64=yes",
    (Join-Path $PSScriptRoot "softphone.wxs"), $Payload)
  $Msi = Join-Path $MsiDir "softphone-$Version.msi"
  # ICE38/ICE43/ICE57 expect a per-user shortcut's key path under HKCU; ours is per-machine
  # (ALLUSERS=1, HKLM key path), which those checks do not model.
  Invoke-Checked (Find-WixTool "light.exe") @("-nologo", "-sice:ICE38", "-sice:ICE43", "-sice:ICE57",
    "-out", $Msi, (Join-Path $Objects "softphone.wixobj"), (Join-Path $Objects "payload.wixobj"))
  Write-Output $Msi
}
finally {
  Pop-Location
}
