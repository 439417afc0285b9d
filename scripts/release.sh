#!/usr/bin/env bash
# Release archives in dist/: the editor (nianbao) and the command line (nianbao-cli) for
# Linux (x86_64-unknown-linux-gnu) and Windows (x86_64-pc-windows-gnu, cross-built with
# Debian's mingw-w64), stripped, with the README and the licences of the bundled font and
# character table. One file per system to download and run. Built with the `dist` profile
# (release with whole-program optimisation, see Cargo.toml); NIANBAO_PROFILE=release builds
# without it, NIANBAO_PROFILE=dev without optimisation, in a fraction of the time (CI checks
# the archive's form that way: PE headers, imported DLLs, icon and version information).
#
#   scripts/release.sh            both systems
#   scripts/release.sh linux      or: windows
#
# Needs for Windows: rustup target x86_64-pc-windows-gnu and the Debian packages
# gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 (installed here when missing and allowed).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)
systems=("$@")
[ ${#systems[@]} -gt 0 ] || systems=(linux windows)
mkdir -p dist
profile=${NIANBAO_PROFILE:-dist}
out=$profile
[ "$profile" = dev ] && out=debug

build() { # build TARGET: the editor, and the command line without the editor's code
  cargo build --profile "$profile" --locked --target "$1" --bin nianbao
  cargo build --profile "$profile" --locked --target "$1" --bin nianbao-cli --no-default-features
}

bundle() { # bundle DIR: the files that go with the binaries
  mkdir -p "$1/licenses"
  cp README.md "$1/"
  cp assets/fonts/OFL.txt "$1/licenses/NotoSansSC-OFL.txt"
  cp assets/hanzi/LICENSE-Apache-2.0.txt "$1/licenses/OpenCC-Apache-2.0.txt"
}

for system in "${systems[@]}"; do
  case "$system" in
    linux)
      target=x86_64-unknown-linux-gnu
      build "$target"
      name="nianbao-$version-linux-x86_64"
      rm -rf "dist/$name"; mkdir -p "dist/$name"
      cp "target/$target/$out/nianbao" "target/$target/$out/nianbao-cli" "dist/$name/"
      strip "dist/$name/nianbao" "dist/$name/nianbao-cli"
      bundle "dist/$name"
      tar -C dist -czf "dist/$name.tar.gz" "$name"
      ;;
    windows)
      target=x86_64-pc-windows-gnu
      rustup target list --installed | grep -q "^$target\$" || rustup target add "$target"
      if ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
          DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 >/dev/null
        else
          echo "mingw-w64 is missing: apt-get install gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64" >&2
          exit 1
        fi
      fi
      CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc build "$target"
      name="nianbao-$version-windows-x86_64"
      rm -rf "dist/$name"; mkdir -p "dist/$name"
      cp "target/$target/$out/nianbao.exe" "target/$target/$out/nianbao-cli.exe" "dist/$name/"
      x86_64-w64-mingw32-strip "dist/$name/nianbao.exe" "dist/$name/nianbao-cli.exe"
      bundle "dist/$name"
      rm -f "dist/$name.zip"
      (cd dist && python3 -m zipfile -c "$name.zip" "$name")
      ;;
    *) echo "unknown system: $system (linux, windows)" >&2; exit 2 ;;
  esac
  echo "built dist/$name"
done
ls -l dist/*.tar.gz dist/*.zip 2>/dev/null || true
