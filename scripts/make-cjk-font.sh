#!/usr/bin/env bash
# Rebuilds assets/fonts/NotoSansSC-GB2312.otf: Noto Sans CJK SC (SIL OFL 1.1) cut down to
# GB2312 + punctuation, so Chinese renders on machines with no Chinese fonts. Deterministic.
# Needs: Debian fonts-noto-cjk, pip fonttools==4.68.0.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(dpkg -L fonts-noto-cjk | grep 'NotoSansCJK-Regular.ttc$')
mkdir -p target
python3 scripts/gb2312-chars.py > target/gb2312-chars.txt
pyftsubset "$src" --font-number=2 --text-file=target/gb2312-chars.txt \
  --layout-features='*' --name-IDs='*' --output-file=assets/fonts/NotoSansSC-GB2312.otf
ls -l assets/fonts/NotoSansSC-GB2312.otf
