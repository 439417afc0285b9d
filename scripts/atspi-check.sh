#!/usr/bin/env bash
# The editor as a screen reader reaches it: its AccessKit tree published over AT-SPI, read
# from outside the process (scripts/atspi_tree.py, python3-pyatspi) under Xvfb with a
# session D-Bus and at-spi2-core, for tables 二, 三 and 四 of seed 003.
#
#   scripts/atspi-check.sh [EDITOR] [CLI]     (default: target/debug/nianbao, nianbao-cli)
#
# Needs: xvfb, xdotool, dbus (dbus-run-session), at-spi2-core, python3-pyatspi. The tree
# seen is written to target/atspi/, one file per table.
set -euo pipefail
cd "$(dirname "$0")/.."
editor=${1:-target/debug/nianbao}
cli=${2:-target/debug/nianbao-cli}
if [ -z "${NIANBAO_IN_SESSION:-}" ]; then
  exec env NIANBAO_IN_SESSION=1 dbus-run-session -- "$0" "$editor" "$cli"
fi
out=target/atspi
mkdir -p "$out"
seed=tests/data/seed-003.nianbao
"$cli" show "$seed" --json >"$out/expected.json"
d=93
while [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ]; do d=$((d + 1)); done
Xvfb :$d -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=:$d
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
bus=$!
trap 'kill $xvfb $bus 2>/dev/null || true' EXIT
sleep 1
# What a screen reader does when it starts: tell applications that one listens.
busctl --user set-property org.a11y.Bus /org/a11y/bus org.a11y.Status IsEnabled b true
status=0
for page in 2:表二 3:表三 4:表四; do
  focus=""; [ "${page%%:*}" = 3 ] && focus=--focus
  home=$(mktemp -d)
  NIANBAO_PAGE=${page%%:*} HOME=$home NIANBAO_DATA_DIR=$home "$editor" "$seed" >/dev/null 2>&1 &
  app=$!
  if /usr/bin/python3 scripts/atspi_tree.py "${page#*:}" "$out/expected.json" $focus >"$out/${page#*:}.txt" 2>&1; then
    tail -2 "$out/${page#*:}.txt"
  else
    status=1
    grep -E '^FAIL|^focus|cells,' "$out/${page#*:}.txt" || tail -5 "$out/${page#*:}.txt"
  fi
  kill $app 2>/dev/null || true
  wait $app 2>/dev/null || true
  rm -rf "$home"
done
exit $status
