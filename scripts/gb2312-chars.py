"""Prints every character of GB2312 plus ASCII and common CJK punctuation: the subset of
Noto Sans SC bundled with nianbao (scripts/make-cjk-font.sh)."""
import sys

chars = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for a, b in [(0x20, 0x7F), (0x3000, 0x3040), (0xFF00, 0xFFF0), (0x2010, 0x2028), (0x2030, 0x205F), (0xB7, 0xB8),
             (0x2190, 0x2194), (0x25A0, 0x25D0), (0x2713, 0x2718)]:
    chars.update(chr(c) for c in range(a, b))
sys.stdout.write("".join(sorted(chars)))
