#!/usr/bin/env bash
# Rebuilds the bundled CJK fonts, each cut down to GB2312 + punctuation (SIL OFL 1.1):
# - assets/fonts/NotoSansSC-GB2312.otf: Noto Sans CJK SC, the editor's font (and 黑体's
#   stand-in in the PDF export), so Chinese renders on machines with no Chinese fonts;
# - assets/fonts/NotoSerifSC-GB2312.otf and NotoSerifSC-Bold-GB2312.otf: Noto Serif CJK SC,
#   the PDF export's stand-ins for 仿宋/宋体 and the title's 小标宋.
# Deterministic. Needs: Debian fonts-noto-cjk, pip fonttools==4.68.0.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
python3 scripts/gb2312-chars.py > target/gb2312-chars.txt
subset() { # collection, output
  # Face 2 of each Noto CJK collection is SC (simplified Chinese).
  pyftsubset "$1" --font-number=2 --text-file=target/gb2312-chars.txt \
    --layout-features='*' --name-IDs='*' --output-file="$2"
  ls -l "$2"
}
subset "$(dpkg -L fonts-noto-cjk | grep 'NotoSansCJK-Regular.ttc$')" assets/fonts/NotoSansSC-GB2312.otf
subset "$(dpkg -L fonts-noto-cjk | grep 'NotoSerifCJK-Regular.ttc$')" assets/fonts/NotoSerifSC-GB2312.otf
subset "$(dpkg -L fonts-noto-cjk | grep 'NotoSerifCJK-Bold.ttc$')" assets/fonts/NotoSerifSC-Bold-GB2312.otf
