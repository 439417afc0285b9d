#!/usr/bin/env bash
# Regenerates assets/hanzi/ts-characters.txt: one line per Traditional character that has a
# different Simplified form, written as the two characters side by side (繁简). Source: the
# TSCharacters dictionary of OpenCC (Apache-2.0, see assets/hanzi/LICENSE-Apache-2.0.txt), as
# shipped in the opencc-python-reimplemented wheel; where OpenCC lists several Simplified
# forms, the first (OpenCC's default) is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pip download opencc-python-reimplemented==0.1.7 --no-deps -d "$tmp" >/dev/null
(cd "$tmp" && python3 -m zipfile -e ./*.whl .)
python3 - "$tmp/opencc/dictionary/TSCharacters.txt" assets/hanzi/ts-characters.txt <<'PY'
import sys
pairs = []
for line in open(sys.argv[1], encoding="utf-8"):
    t, s = line.rstrip("\n").split("\t")
    s = s.split(" ")[0]
    if len(t) == 1 and len(s) == 1 and t != s:
        pairs.append(t + s)
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(pairs) + "\n")
print(len(pairs), "pairs")
PY
