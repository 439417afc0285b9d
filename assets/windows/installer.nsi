; 年报 安装程序: the Windows installer, built on Linux with NSIS by scripts/release.sh
; (makensis -INPUTCHARSET UTF8 -DVERSION=… -DSRCDIR=<the release folder> -DOUTFILE=…).
;
; It installs for the current user without administrator rights (%LOCALAPPDATA%\Programs
; \nianbao, the user's part of the registry); run as administrator it offers to install for
; all users (Program Files, the machine's part). Start-menu shortcut, an optional desktop
; shortcut, the .nianbao file association with its icon, and an uninstaller listed in
; 应用和功能 that removes what was installed and leaves the user's drafts and recovery files
; (%APPDATA%\nianbao) alone.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!define APPNAME "年报"
!define APPID "nianbao"
!define PUBLISHER "nianbao"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"

!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${APPID}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "Software\${APPID}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallDir"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "Software\${APPID}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!include MultiUser.nsh
!include MUI2.nsh

Name "${APPNAME} ${VERSION}"
Caption "${APPNAME} 安装程序"
OutFile "${OUTFILE}"
BrandingText "年报 ${VERSION}：政府信息公开工作年度报告编制工具"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\nianbao.exe"
!define MUI_FINISHPAGE_RUN_TEXT "现在启动年报"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  !insertmacro MULTIUSER_INIT
FunctionEnd

Function un.onInit
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

Section "年报（编辑器和命令行）" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${SRCDIR}\nianbao.exe"
  File "${SRCDIR}\nianbao-cli.exe"
  File "${SRCDIR}\README.md"
  File /r "${SRCDIR}\licenses"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Where it is installed, and for whom: read again by the uninstaller and an upgrade.
  WriteRegStr SHCTX "Software\${APPID}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "Software\${APPID}" "InstallMode" "$MultiUser.InstallMode"

  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\nianbao.exe"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\卸载年报.lnk" "$INSTDIR\uninstall.exe"

  ; Double-clicking a .nianbao draft opens it in the editor.
  WriteRegStr SHCTX "Software\Classes\.nianbao" "" "nianbao.draft"
  WriteRegStr SHCTX "Software\Classes\nianbao.draft" "" "年报草稿"
  WriteRegStr SHCTX "Software\Classes\nianbao.draft\DefaultIcon" "" '"$INSTDIR\nianbao.exe",0'
  WriteRegStr SHCTX "Software\Classes\nianbao.draft\shell\open\command" "" '"$INSTDIR\nianbao.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; 应用和功能
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\nianbao.exe"
  WriteRegStr SHCTX "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

Section /o "桌面快捷方式" SecDesktop
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\nianbao.exe"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "编辑器（nianbao.exe）、命令行（nianbao-cli.exe）、说明和许可证；开始菜单快捷方式；双击 .nianbao 草稿即用年报打开。"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "在桌面上放一个年报的快捷方式。"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "Uninstall"
  ; Only what the installer put there: the user's drafts and %APPDATA%\nianbao stay.
  Delete "$INSTDIR\nianbao.exe"
  Delete "$INSTDIR\nianbao-cli.exe"
  Delete "$INSTDIR\README.md"
  RMDir /r "$INSTDIR\licenses"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk"
  Delete "$SMPROGRAMS\${APPNAME}\卸载年报.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  Delete "$DESKTOP\${APPNAME}.lnk"

  ; The association, only if it is still ours.
  ReadRegStr $0 SHCTX "Software\Classes\.nianbao" ""
  StrCmp $0 "nianbao.draft" 0 +2
    DeleteRegKey SHCTX "Software\Classes\.nianbao"
  DeleteRegKey SHCTX "Software\Classes\nianbao.draft"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey SHCTX "${UNINSTKEY}"
  DeleteRegKey SHCTX "Software\${APPID}"
SectionEnd
