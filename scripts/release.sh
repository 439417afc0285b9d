#!/usr/bin/env bash
# Release archives and packages in dist/: the editor (nianbao) and the command line
# (nianbao-cli, built without the editor's code) with the README and the licences of the
# bundled font and character table. One archive per system to download and run, and a .deb
# for each Linux architecture (统信UOS, 银河麒麟 and Debian/Ubuntu install .deb).
#
#   scripts/release.sh                     every system below
#   scripts/release.sh linux               x86_64 Linux: .tar.gz and _amd64.deb
#   scripts/release.sh linux-arm64         aarch64 Linux (鲲鹏, 飞腾): .tar.gz and _arm64.deb
#   scripts/release.sh windows             x86_64 Windows: the installer (-installer.exe) and a
#                                          portable .zip
#
# Linux builds link against glibc 2.17 (NIANBAO_GLIBC to change it), so that they start on
# Kylin V10, UOS 20 and other systems older than the build machine: cargo-zigbuild with
# Zig as the linker and its glibc 2.17 stubs. Windows is cross-built with Debian's mingw-w64.
# Built with the `dist` profile (release with whole-program optimisation, see Cargo.toml);
# NIANBAO_PROFILE=release builds without it, NIANBAO_PROFILE=dev without optimisation, in a
# fraction of the time (CI checks the archives' form that way); NIANBAO_BINS=nianbao-cli
# builds only the command line.
#
# Needs: for Linux, `pip install ziglang` and `cargo install cargo-zigbuild`, plus rustup's
# target aarch64-unknown-linux-gnu for linux-arm64; for Windows, rustup's target
# x86_64-pc-windows-gnu and the Debian packages gcc-mingw-w64-x86-64
# binutils-mingw-w64-x86-64, and nsis (makensis) for the installer; for the .deb, dpkg-deb. Missing ones are installed where this
# machine allows it (root, apt-get, pip, cargo), else named.
# scripts/check-release.sh checks what this makes.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)
systems=("$@")
[ ${#systems[@]} -gt 0 ] || systems=(linux linux-arm64 windows)
mkdir -p dist
profile=${NIANBAO_PROFILE:-dist}
out=$profile
[ "$profile" = dev ] && out=debug
glibc=${NIANBAO_GLIBC:-2.17}
# NIANBAO_BINS=nianbao-cli builds the command line alone (a quick check of a Linux target:
# no editor, so no .deb).
bins=${NIANBAO_BINS:-nianbao nianbao-cli}

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

need_target() {
  rustup target list --installed | grep -q "^$1\$" || rustup target add "$1"
}

need_zig() {
  if ! python3 -m ziglang version >/dev/null 2>&1 && ! command -v zig >/dev/null 2>&1; then
    pip install -q ziglang >/dev/null 2>&1 || pip3 install -q ziglang >/dev/null 2>&1 \
      || { echo "Zig is missing: pip install ziglang" >&2; exit 1; }
  fi
  if ! command -v cargo-zigbuild >/dev/null 2>&1; then
    cargo install --locked cargo-zigbuild \
      || { echo "cargo-zigbuild is missing: cargo install cargo-zigbuild" >&2; exit 1; }
  fi
}

build() { # build COMMAND TARGET: the editor, and the command line without the editor's code
  # (with the PDF export: typst's crates are built once for both)
  if [ "$bins" != nianbao-cli ]; then
    cargo $1 --profile "$profile" --locked --target "$2" --bin nianbao
  fi
  cargo $1 --profile "$profile" --locked --target "$2" --bin nianbao-cli --no-default-features --features pdf
}

bundle() { # bundle DIR: the files that go with the binaries
  mkdir -p "$1/licenses"
  cp README.md "$1/"
  cp assets/fonts/OFL.txt "$1/licenses/NotoSansSC-OFL.txt"
  cp assets/fonts/OFL.txt "$1/licenses/NotoSerifSC-OFL.txt"
  cp assets/hanzi/LICENSE-Apache-2.0.txt "$1/licenses/OpenCC-Apache-2.0.txt"
}

deb() { # deb DEB_ARCH DIR: a Debian package of the binaries in DIR
  local arch=$1 dir=$2 root
  root=$(mktemp -d)
  install -Dm755 "$dir/nianbao" "$root/usr/bin/nianbao"
  install -Dm755 "$dir/nianbao-cli" "$root/usr/bin/nianbao-cli"
  install -Dm644 assets/linux/nianbao.desktop "$root/usr/share/applications/nianbao.desktop"
  install -Dm644 assets/linux/nianbao-mime.xml "$root/usr/share/mime/packages/nianbao.xml"
  install -Dm644 assets/linux/nianbao-256.png "$root/usr/share/icons/hicolor/256x256/apps/nianbao.png"
  install -Dm644 assets/nianbao-64.png "$root/usr/share/icons/hicolor/64x64/apps/nianbao.png"
  install -Dm644 README.md "$root/usr/share/doc/nianbao/README.md"
  cp -r "$dir/licenses" "$root/usr/share/doc/nianbao/"
  mkdir -p "$root/DEBIAN"
  # The desktop, MIME and icon caches are refreshed by the triggers of desktop-file-utils,
  # shared-mime-info and the icon theme: no maintainer scripts.
  cat > "$root/DEBIAN/control" <<EOF
Package: nianbao
Version: $version
Architecture: $arch
Maintainer: nianbao 开发组
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: libc6 (>= $glibc)
Recommends: libgl1 | libvulkan1, libegl1, libxkbcommon0, libx11-6, libxcursor1, libxrandr2, libxi6, zenity
Section: misc
Priority: optional
Description: 政府信息公开工作年度报告编制工具 (annual report editor)
 年报按国办公开办函〔2021〕30号的统一格式编制《政府信息公开工作年度报告》：
 表单填写，总计自动重算，勾稽关系和常见错误就地标出，导出 Word 和纯文本。
 Includes the editor (nianbao) and the command line (nianbao-cli); opens
 .nianbao drafts from the file manager.
EOF
  rm -f "dist/nianbao_${version}_$arch.deb"
  local compression=-Zxz
  [ "$profile" = dev ] && compression=-Zgzip # a check build: fast rather than small
  dpkg-deb --root-owner-group "$compression" --build "$root" "dist/nianbao_${version}_$arch.deb" >/dev/null
  rm -rf "$root"
  echo "built dist/nianbao_${version}_$arch.deb"
}

strip_elf() { # strip_elf RUST_ARCH FILE…: release builds are stripped by rustc; dev ones here
  local arch=$1 tool=strip
  shift
  if [ "$arch" != "$(uname -m)" ]; then
    tool="$arch-linux-gnu-strip"
    if ! command -v "$tool" >/dev/null 2>&1 && can_install; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "binutils-$arch-linux-gnu" >/dev/null 2>&1 || true
    fi
  fi
  if command -v "$tool" >/dev/null 2>&1; then
    "$tool" "$@"
  else
    echo "$tool is missing (Debian: binutils-$arch-linux-gnu): the binaries keep their symbols"
  fi
}

linux() { # linux RUST_ARCH DEB_ARCH NAME_ARCH
  local target="$1-unknown-linux-gnu" name="nianbao-$version-linux-$3"
  need_target "$target"
  need_zig
  build zigbuild "$target.$glibc"
  rm -rf "dist/$name"; mkdir -p "dist/$name"
  local bin
  for bin in $bins; do
    cp "target/$target/$out/$bin" "dist/$name/"
    strip_elf "$1" "dist/$name/$bin"
  done
  bundle "dist/$name"
  tar -C dist -czf "dist/$name.tar.gz" "$name"
  echo "built dist/$name.tar.gz"
  if [ ! -f "dist/$name/nianbao" ]; then
    rm -f "dist/nianbao_${version}_$2.deb"
    echo "no .deb without the editor"
  elif command -v dpkg-deb >/dev/null 2>&1; then
    deb "$2" "dist/$name"
  else
    echo "skipped the .deb: dpkg-deb is not installed"
  fi
}

windows() {
  local target=x86_64-pc-windows-gnu name="nianbao-$version-windows-x86_64"
  need_target "$target"
  if ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
    if can_install; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 >/dev/null
    else
      echo "mingw-w64 is missing: apt-get install gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64" >&2
      exit 1
    fi
  fi
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc build build "$target"
  rm -rf "dist/$name"; mkdir -p "dist/$name"
  cp "target/$target/$out/nianbao.exe" "target/$target/$out/nianbao-cli.exe" "dist/$name/"
  x86_64-w64-mingw32-strip "dist/$name/nianbao.exe" "dist/$name/nianbao-cli.exe"
  # Opening .nianbao files from Explorer, for the current user (no administrator rights).
  cp assets/windows/register-nianbao-files.cmd assets/windows/unregister-nianbao-files.cmd "dist/$name/"
  bundle "dist/$name"
  rm -f "dist/$name.zip"
  (cd dist && python3 -m zipfile -c "$name.zip" "$name")
  echo "built dist/$name.zip"
  installer "dist/$name"
}

installer() { # installer DIR: 年报 安装程序 from the files in DIR (assets/windows/installer.nsi)
  local dir=$1 out="dist/nianbao-$version-windows-x86_64-installer.exe"
  if ! command -v makensis >/dev/null 2>&1; then
    if can_install; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nsis >/dev/null
    else
      echo "skipped the installer: makensis is missing (apt-get install nsis)"
      return
    fi
  fi
  rm -f "$out"
  makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DSRCDIR="$PWD/$dir" \
    -DICON="$PWD/assets/nianbao.ico" -DOUTFILE="$PWD/$out" assets/windows/installer.nsi
  echo "built $out"
}

for system in "${systems[@]}"; do
  case "$system" in
    linux) linux x86_64 amd64 x86_64 ;;
    linux-arm64) linux aarch64 arm64 aarch64 ;;
    windows) windows ;;
    *) echo "unknown system: $system (linux, linux-arm64, windows)" >&2; exit 2 ;;
  esac
done
ls -l dist/*.tar.gz dist/*.zip dist/*.exe dist/*.deb 2>/dev/null || true
