#!/usr/bin/env bash
# Checks what scripts/release.sh put in dist/, on this Linux machine:
# - Linux (x86_64, aarch64): each binary is for its architecture, needs no glibc symbol
#   newer than 2.17 (NIANBAO_GLIBC) and no shared library beyond glibc's and libgcc's (the
#   windowing and graphics libraries are opened at run time); the command line validates a
#   seed draft, the aarch64 one under qemu-user; the editor of this machine's architecture
#   paints its first frame on a virtual display (xvfb-run) with OpenGL and with wgpu; the
#   .deb has its architecture, the
#   binaries, the desktop entry, the MIME type of .nianbao and the icons.
# - Windows (x86_64), without Windows (Wine here cannot run a current Rust binary): the PE
#   headers say the editor is a GUI program (no console window) and the command line a
#   console one, both import only DLLs that ship with Windows (no mingw runtime to carry
#   along), and the editor carries its icon and version information.
#
#   scripts/check-release.sh                   every system built for this version
#   scripts/check-release.sh windows|linux|linux-arm64
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)
max_glibc=${NIANBAO_GLIBC:-2.17}
seed=tests/data/seed-003.nianbao
fail=0
bad() { echo "FAIL: $*"; fail=1; }

check_windows() {
  local dir="dist/nianbao-$version-windows-x86_64" objdump=x86_64-w64-mingw32-objdump
  command -v "$objdump" >/dev/null || objdump=objdump
  # DLLs every Windows 10/11 has (checked names: Rust std, winit, glow, wgpu, accesskit, rfd).
  local system='^(kernel32|user32|gdi32|opengl32|ntdll|advapi32|combase|rpcrt4|dwrite|shell32|ole32|oleaut32|uxtheme|dwmapi|imm32|ws2_32|userenv|comctl32|comdlg32|shlwapi|propsys|winmm|version|crypt32|setupapi|hid|bcrypt|bcryptprimitives|uiautomationcore|secur32|dbghelp|msvcrt|d3d12|d3dcompiler_47|dxgi|dcomp|api-ms-win-.*)\.dll$'
  for exe in nianbao.exe nianbao-cli.exe; do
    local headers subsystem want dlls
    headers=$("$objdump" -p "$dir/$exe")
    subsystem=$(awk '/^Subsystem/ {print $2}' <<<"$headers")
    want=00000003; [ "$exe" = nianbao.exe ] && want=00000002
    if [ "$subsystem" = "$want" ]; then
      echo "$exe: subsystem $subsystem ($([ "$want" = 00000002 ] && echo 'Windows GUI' || echo console)) ok"
    else
      bad "$exe: subsystem $subsystem, expected $want"
    fi
    dlls=$(awk '/DLL Name:/ {print $3}' <<<"$headers" | sort -u)
    for dll in $dlls; do
      grep -qiE "$system" <<<"$dll" || bad "$exe: imports $dll, which is not a Windows system DLL"
    done
    echo "$exe: imports $(tr '\n' ' ' <<<"$dlls")"
  done
  # The resource section of the editor: an icon and version information.
  if "$objdump" -h "$dir/nianbao.exe" | grep -q '\.rsrc'; then
    strings -el "$dir/nianbao.exe" | grep -q 'FileDescription' \
      && echo "nianbao.exe: icon and version information present" \
      || bad "nianbao.exe: no version information"
  else
    bad "nianbao.exe: no resource section (icon, version information)"
  fi
  [ -f "$dir/register-nianbao-files.cmd" ] && echo "file association script present" \
    || bad "register-nianbao-files.cmd is missing"
  check_installer
}

# The installer: an NSIS archive (7z lists it) holding both programs, the README and the
# licences; a 32-bit GUI program whose manifest asks for no more than the user has
# (highestAvailable: a user without administrator rights installs for themselves).
check_installer() {
  local setup="dist/nianbao-$version-windows-x86_64-installer.exe" listing
  if [ ! -f "$setup" ]; then
    if command -v makensis >/dev/null; then bad "the installer was not built"; else
      echo "installer not checked: makensis is not installed (release.sh skipped it)"; fi
    return
  fi
  if ! command -v 7z >/dev/null; then
    echo "installer contents not checked: 7z is not installed (apt-get install p7zip-full)"
  else
    listing=$(7z l "$setup")
    grep -q 'Type = Nsis' <<<"$listing" || bad "$setup: not an NSIS installer"
    for f in nianbao.exe nianbao-cli.exe README.md uninstall.exe licenses/NotoSansSC-OFL.txt; do
      grep -qE "[[:space:]]$f\$" <<<"$listing" && echo "installer holds $f" || bad "$setup: $f missing"
    done
  fi
  local headers
  headers=$("$objdump" -p "$setup")
  grep -q '^Magic[[:space:]]*010b' <<<"$headers" || bad "$setup: not a PE32 program"
  [ "$(awk '/^Subsystem/ {print $2}' <<<"$headers")" = 00000002 ] \
    && echo "installer: Windows GUI program" || bad "$setup: not a GUI program"
  grep -aq 'requestedExecutionLevel level="highestAvailable"' "$setup" \
    && echo "installer: manifest asks for highestAvailable (per user without administrator rights)" \
    || bad "$setup: its manifest does not ask for highestAvailable"
  python3 -c 'import sys; sys.exit("年报 安装程序".encode("utf-16-le") not in open(sys.argv[1], "rb").read())' "$setup" \
    && echo "installer: described as 年报 安装程序 in its version information" \
    || bad "$setup: no Chinese version information"
}

# The highest GLIBC_x.y a binary needs: objdump -T where it reads the architecture,
# readelf (which reads any) otherwise.
highest_glibc() {
  { objdump -T "$1" 2>/dev/null || readelf --dyn-syms -W "$1"; } \
    | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1
}

# How to run a binary of this architecture here: directly, or under qemu-user with the
# cross glibc (Debian's qemu-user-static and libc6-arm64-cross).
runner() {
  if [ "$(uname -m)" = "$1" ]; then
    echo ""
  elif command -v "qemu-$1-static" >/dev/null && [ -d "/usr/$1-linux-gnu/lib" ]; then
    echo "qemu-$1-static -L /usr/$1-linux-gnu"
  else
    echo none
  fi
}

check_linux() { # check_linux ARCH(x86_64|aarch64) ELF_MACHINE DEB_ARCH
  local arch=$1 machine=$2 deb_arch=$3 dir="dist/nianbao-$version-linux-$1"
  if [ ! -f "$dir/nianbao-cli" ]; then
    bad "no $dir/nianbao-cli: run scripts/release.sh linux$([ "$arch" = aarch64 ] && echo -arm64)"
    return
  fi
  for bin in nianbao nianbao-cli; do
    local file="$dir/$bin" found highest libs
    if [ "$bin" = nianbao ] && [ ! -f "$file" ]; then
      echo "skipped the $arch editor: the archive has the command line only (NIANBAO_BINS)"
      continue
    fi
    found=$(readelf -h "$file" | awk -F: '/Machine:/ {gsub(/^ +/, "", $2); print $2}')
    [[ "$found" == *"$machine"* ]] && echo "$bin ($arch): $found ok" || bad "$bin ($arch): machine $found, expected $machine"
    highest=$(highest_glibc "$file")
    if [ "$(printf '%s\n%s\n' "$highest" "$max_glibc" | sort -V | tail -1)" = "$max_glibc" ]; then
      echo "$bin ($arch): highest glibc symbol GLIBC_$highest (≤ $max_glibc) ok"
    else
      bad "$bin ($arch): needs GLIBC_$highest, more than $max_glibc"
    fi
    libs=$(readelf -d "$file" | awk -F'[][]' '/NEEDED/ {print $2}' | sort | tr '\n' ' ')
    echo "$bin ($arch): needs $libs"
    for lib in $libs; do
      [[ "$lib" =~ ^(libc|libm|libdl|libpthread|librt|libgcc_s|ld-linux.*)\.so ]] \
        || bad "$bin ($arch): links $lib (should be opened at run time, if at all)"
    done
  done
  local run
  run=$(runner "$arch")
  if [ "$run" = none ]; then
    echo "skipped running the $arch command line: qemu-user-static or libc6-arm64-cross is not installed"
  else
    local output code=0
    output=$($run "$dir/nianbao-cli" validate "$seed" 2>&1) || code=$?
    if [ "$code" -le 1 ] && grep -q '共0个错误' <<<"$output"; then
      echo "nianbao-cli ($arch${run:+, under ${run%% *}}): validates $seed: $(tail -1 <<<"$output")"
    else
      bad "nianbao-cli ($arch): exit code $code: $output"
    fi
  fi
  # The editor, where this machine can run it: started on a virtual display, it paints its
  # first frame and exits (NIANBAO_STARTUP_TIMING), with OpenGL and with wgpu forced.
  if [ ! -f "$dir/nianbao" ]; then
    :
  elif [ "$run" = "" ] && command -v xvfb-run >/dev/null 2>&1; then
    for renderer in glow wgpu; do
      local shown
      shown=$(NIANBAO_STARTUP_TIMING=1 NIANBAO_RENDERER=$renderer timeout 120 \
        xvfb-run -a "$dir/nianbao" 2>&1 | grep 'first frame after' || true)
      [ -n "$shown" ] && echo "nianbao ($arch, $renderer): $shown" \
        || bad "nianbao ($arch, $renderer): no first frame under Xvfb"
    done
  else
    echo "skipped starting the $arch editor (needs this architecture and xvfb-run)"
  fi
  local deb="dist/nianbao_${version}_$deb_arch.deb"
  if [ ! -f "$dir/nianbao" ]; then
    echo "skipped $deb: no editor to package"
  elif [ -f "$deb" ]; then
    local field contents
    field=$(dpkg-deb -f "$deb" Architecture)
    [ "$field" = "$deb_arch" ] && echo "$deb: architecture $field ok" || bad "$deb: architecture $field"
    contents=$(dpkg-deb -c "$deb")
    for path in usr/bin/nianbao usr/bin/nianbao-cli usr/share/applications/nianbao.desktop \
      usr/share/mime/packages/nianbao.xml usr/share/icons/hicolor/256x256/apps/nianbao.png; do
      grep -q "\./$path\$" <<<"$contents" || bad "$deb: no $path"
    done
    local unpacked
    unpacked=$(mktemp -d)
    dpkg-deb -x "$deb" "$unpacked"
    cmp -s "$unpacked/usr/bin/nianbao-cli" "$dir/nianbao-cli" || bad "$deb: nianbao-cli differs from the archive's"
    grep -q '^MimeType=application/x-nianbao;' "$unpacked/usr/share/applications/nianbao.desktop" \
      || bad "$deb: the desktop entry does not open .nianbao files"
    grep -q 'glob pattern="\*.nianbao"' "$unpacked/usr/share/mime/packages/nianbao.xml" \
      || bad "$deb: the MIME type does not match *.nianbao"
    if command -v desktop-file-validate >/dev/null; then
      desktop-file-validate "$unpacked/usr/share/applications/nianbao.desktop" || bad "$deb: desktop entry"
    fi
    rm -rf "$unpacked"
    echo "$deb: binaries, desktop entry, MIME type and icons present"
  else
    bad "$deb is missing"
  fi
}

systems=("$@")
if [ ${#systems[@]} -eq 0 ]; then
  [ -d "dist/nianbao-$version-linux-x86_64" ] && systems+=(linux)
  [ -d "dist/nianbao-$version-linux-aarch64" ] && systems+=(linux-arm64)
  [ -d "dist/nianbao-$version-windows-x86_64" ] && systems+=(windows)
fi
[ ${#systems[@]} -gt 0 ] || { echo "nothing in dist/ for version $version: run scripts/release.sh"; exit 1; }
for system in "${systems[@]}"; do
  echo "== $system"
  case "$system" in
    linux) check_linux x86_64 X86-64 amd64 ;;
    linux-arm64) check_linux aarch64 AArch64 arm64 ;;
    windows) check_windows ;;
    *) echo "unknown system: $system (linux, linux-arm64, windows)" >&2; exit 2 ;;
  esac
done
exit $fail
