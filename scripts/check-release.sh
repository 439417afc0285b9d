#!/usr/bin/env bash
# Checks the Windows release in dist/ without Windows (Wine here cannot run a current Rust
# binary): the PE headers say the editor is a GUI program (no console window) and the
# command line a console one, both import only DLLs that ship with Windows (no mingw
# runtime to carry along), and the editor carries its icon and version information.
#
#   scripts/check-release.sh [dist/nianbao-<version>-windows-x86_64]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-$(ls -d dist/nianbao-*-windows-x86_64 | tail -1)}
objdump=x86_64-w64-mingw32-objdump
command -v "$objdump" >/dev/null || objdump=objdump
fail=0
# DLLs every Windows 10/11 has (checked names: Rust std, winit, glow, accesskit, rfd).
system='^(kernel32|user32|gdi32|opengl32|ntdll|advapi32|combase|rpcrt4|dwrite|shell32|ole32|oleaut32|uxtheme|dwmapi|imm32|ws2_32|userenv|comctl32|comdlg32|shlwapi|propsys|winmm|version|crypt32|setupapi|hid|bcrypt|bcryptprimitives|uiautomationcore|secur32|dbghelp|msvcrt|api-ms-win-.*)\.dll$'
for exe in nianbao.exe nianbao-cli.exe; do
  headers=$("$objdump" -p "$dir/$exe")
  subsystem=$(awk '/^Subsystem/ {print $2}' <<<"$headers")
  want=00000003; [ "$exe" = nianbao.exe ] && want=00000002
  if [ "$subsystem" = "$want" ]; then
    echo "$exe: subsystem $subsystem ($([ "$want" = 00000002 ] && echo 'Windows GUI' || echo console)) ok"
  else
    echo "$exe: subsystem $subsystem, expected $want"; fail=1
  fi
  dlls=$(awk '/DLL Name:/ {print $3}' <<<"$headers" | sort -u)
  for dll in $dlls; do
    if ! grep -qiE "$system" <<<"$dll"; then
      echo "$exe: imports $dll, which is not a Windows system DLL"; fail=1
    fi
  done
  echo "$exe: imports $(tr '\n' ' ' <<<"$dlls")"
done
# The resource section of the editor: an icon and version information.
if "$objdump" -h "$dir/nianbao.exe" | grep -q '\.rsrc'; then
  strings -el "$dir/nianbao.exe" | grep -q 'FileDescription' \
    && echo "nianbao.exe: icon and version information present" \
    || { echo "nianbao.exe: no version information"; fail=1; }
else
  echo "nianbao.exe: no resource section (icon, version information)"; fail=1
fi
exit $fail
