; Inno Setup 6.3+ script: the per-machine Windows installer of dispense-app.
;
; Input: the PyInstaller onedir bundle dist\dispense-app\ (packaging\dispense-app.spec, built on
; Windows), its executables already signed. Output: dist\installer\dispense-app-<version>-setup.exe.
;
;   iscc packaging\windows\dispense-app.iss                       (unsigned, for testing)
;   iscc /DSIGN "/Sdispensesign=signtool.exe sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /sha1 <THUMBPRINT> $f" packaging\windows\dispense-app.iss
;
; packaging\windows\build.ps1 runs all steps; docs\packaging.md explains them. Not built or run on
; the Linux development machines: only on Windows with Inno Setup installed.
;
; Upgrades: the AppId below never changes. A newer installer run over an installed version replaces
; it in place (same folder, Start-menu entries, one entry in Apps & features); the old bundle's
; files are deleted first so no stale module of the old version stays beside the new one. An older
; installer refuses to downgrade unless run with /ALLOWDOWNGRADE. Silent deployment by IT:
;   dispense-app-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG=C:\Windows\Temp\dispense-app-setup.log
;   (add /TASKS="shareddata" for a station shared by several Windows users, see [Tasks])
; Data never live beside the executable: the app keeps its station data in the user's folder
; (%LOCALAPPDATA%\dispense-app\dispense-app, platformdirs) or, with the "shareddata" task, in
; %ProgramData%\dispense-app (DISPENSE_APP_HOME set machine-wide). Uninstalling keeps the data:
; dispensing records are kept for years by law; IT deletes them deliberately, never the uninstaller.

#define AppName "Dispense App"
#define AppExeName "dispense-app.exe"
#define AppCliName "dispense-app-cli.exe"
#define AppPublisher "dispense-app"
; Fixed forever: the identity Windows uses to recognise an installed dispense-app for upgrades.
#define AppGuid "{B9409614-57D0-4717-94AB-4B1DC994B31E}"
#define BundleDir SourcePath + "..\..\dist\dispense-app"

; The version comes from the executable's version resource, which the spec writes from
; dispense_app\_version.py: the one place the version is written.
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BundleDir + "\" + AppExeName, "ProductVersion")
#endif
#if AppVersion == ""
  #error "No version in dist\dispense-app\dispense-app.exe: build the bundle first (packaging\windows\build.ps1)"
#endif

[Setup]
AppId={#StringChange(AppGuid, "{", "{{")}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
; per machine, for every user of the PC: needs administrator rights, no per-user fallback
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
DefaultDirName={autopf}\{#AppName}
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
; close a running dispense-app (Restart Manager) before replacing its files
CloseApplications=force
RestartApplications=no
ChangesEnvironment=yes
OutputDir={#SourcePath}..\..\dist\installer
OutputBaseFilename=dispense-app-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
SetupLogging=yes
#ifdef SIGN
; iscc /Sdispensesign=... defines the tool; Inno signs the uninstaller and then the finished setup
SignTool=dispensesign
SignedUninstaller=yes
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "shareddata"; Description: "Shared station: keep the data of all Windows users in %ProgramData%\dispense-app"; Flags: unchecked

[InstallDelete]
; the previous version's bundle: an upgrade must not mix old and new modules
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; only with the shared-station task; kept on uninstall (records must outlive the program)
Name: "{commonappdata}\dispense-app"; Permissions: users-modify; Flags: uninsneveruninstall; Tasks: shareddata

[Registry]
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: expandsz; ValueName: "DISPENSE_APP_HOME"; ValueData: "{commonappdata}\dispense-app"; Flags: uninsdeletevalue; Tasks: shareddata

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppName} (training)"; Filename: "{app}\{#AppExeName}"; Parameters: "demo"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ Refuse a downgrade (an older installer over a newer install), like an MSI MajorUpgrade with a
  DowngradeErrorMessage; /ALLOWDOWNGRADE on the command line overrides it. }
function InitializeSetup(): Boolean;
var
  Installed: String;
  InstalledPacked, NewPacked: Int64;
begin
  Result := True;
  if RegQueryStringValue(HKLM, 'Software\Microsoft\Windows\CurrentVersion\Uninstall\{#AppGuid}_is1',
                         'DisplayVersion', Installed) then
  begin
    if StrToVersion(Installed, InstalledPacked) and StrToVersion('{#AppVersion}', NewPacked) and
       (ComparePackedVersion(InstalledPacked, NewPacked) > 0) and
       (Pos('/ALLOWDOWNGRADE', Uppercase(GetCmdTail)) = 0) then
    begin
      SuppressibleMsgBox('{#AppName} ' + Installed + ' is installed; this installer holds the older ' +
        '{#AppVersion}. Uninstall it first, or run this installer with /ALLOWDOWNGRADE.',
        mbError, MB_OK, IDOK);
      Result := False;
    end;
  end;
end;
