# Builds the Windows installer: bundle (PyInstaller onedir), signed executables, Inno Setup installer, signed.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1                      # unsigned (test builds)
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 -CertThumbprint <SHA1>   # signed release
#
# Needs, on a Windows 10/11 x64 machine: Python 3.11+ (python.org, x64) on PATH as `py`, Inno Setup 6.3+
# (iscc.exe; default folder or -Iscc), and for signing the Windows SDK's signtool.exe with the code-signing
# certificate in the certificate store (an EV/OV certificate on a token or in Azure Key Vault: see
# docs\packaging.md). Not run on the Linux development machines. Output: dist\installer\dispense-app-<version>-setup.exe
param(
    [string]$CertThumbprint = "",
    [string]$TimestampUrl = "http://timestamp.digicert.com",
    [string]$Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
    [string]$SignTool = "signtool.exe"
)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe failed with exit code $LASTEXITCODE" }
}

# 1. Virtual environment with the app and PyInstaller (the `packaging` extra)
if (-not (Test-Path .venv\Scripts\python.exe)) { Invoke-Checked py @("-3.11", "-m", "venv", ".venv") }
$py = ".venv\Scripts\python.exe"
Invoke-Checked $py @("-m", "pip", "install", "-q", "--upgrade", "pip")
Invoke-Checked $py @("-m", "pip", "install", "-q", ".[packaging]")

# 2. Icon, then the bundle (translations are compiled by the spec into build\frozen-i18n)
Invoke-Checked $py @("packaging\make_icon.py", "build\app.ico")
if (Test-Path dist\dispense-app) { Remove-Item -Recurse -Force dist\dispense-app }
Invoke-Checked $py @("-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", "dist", "--workpath", "build\pyinstaller",
    "packaging\dispense-app.spec")
$size = (Get-ChildItem -Recurse dist\dispense-app | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("bundle dist\dispense-app: {0:N0} MB (bar: 250 MB)" -f $size)
if ($size -gt 250) { throw ("the bundle is {0:N0} MB, over the 250 MB bar (see docs\packaging.md, Size)" -f $size) }

# 3. Smoke test of the frozen bundle (the console executable)
Invoke-Checked $py @("packaging\smoke_test.py", "dist\dispense-app\dispense-app-cli.exe")

# 4. Sign the executables BEFORE packaging them (the installer then carries signed files)
$signArgs = @("sign", "/fd", "sha256", "/tr", $TimestampUrl, "/td", "sha256", "/sha1", $CertThumbprint)
if ($CertThumbprint) {
    Invoke-Checked $SignTool ($signArgs + @("dist\dispense-app\dispense-app.exe", "dist\dispense-app\dispense-app-cli.exe"))
    Invoke-Checked $SignTool @("verify", "/pa", "/v", "dist\dispense-app\dispense-app.exe")
}

# 5. The installer; with a certificate Inno Setup signs the uninstaller and the finished setup (SignTool directive)
if ($CertThumbprint) {
    $signCmd = "$SignTool sign /fd sha256 /tr $TimestampUrl /td sha256 /sha1 $CertThumbprint `$f"
    Invoke-Checked $Iscc @("/DSIGN", "/Sdispensesign=$signCmd", "packaging\windows\dispense-app.iss")
} else {
    Invoke-Checked $Iscc @("packaging\windows\dispense-app.iss")
}
$setup = Get-ChildItem dist\installer\dispense-app-*-setup.exe | Sort-Object LastWriteTime | Select-Object -Last 1

# 6. Check the installer's signature AFTER packaging
if ($CertThumbprint) { Invoke-Checked $SignTool @("verify", "/pa", "/v", $setup.FullName) }
Write-Host ("installer {0}: {1:N0} MB" -f $setup.FullName, ($setup.Length / 1MB))
