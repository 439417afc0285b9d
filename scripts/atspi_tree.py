#!/usr/bin/env python3
"""What a screen reader sees of the editor: its AT-SPI tree, read from outside the process.

    atspi_tree.py TABLE EXPECTED_JSON [--focus]

Finds the running `nianbao` on the accessibility bus, lists every node with a name (role,
name, description, states) and checks the table shown (表二, 表三 or 表四): as many cells as
the draft has (EXPECTED_JSON: `nianbao-cli show --json`), each named by table, row and
column, each with its value, totals read-only and the others editable; the findings panel's
items reachable; with --focus, that Tab from a cell moves the focus to the next one.
Prints the tree, then `ok` or the failures (exit 1).
"""
import json
import subprocess
import sys
import time

import pyatspi

table, expected_path = sys.argv[1], sys.argv[2]
check_focus = "--focus" in sys.argv
prefix = {"表二": "t2.", "表三": "t3.", "表四": "t4."}[table]
expected = json.load(open(expected_path, encoding="utf-8"))
failures = []


def app():
    deadline = time.time() + 40
    while time.time() < deadline:
        for a in pyatspi.Registry.getDesktop(0):
            if a is not None and a.name == "nianbao":
                return a
        time.sleep(0.5)
    sys.exit("the editor is not on the accessibility bus")


def nodes(root):
    out = []

    def walk(node, depth):
        for child in node:
            if child is None:
                continue
            out.append((depth, child))
            walk(child, depth + 1)

    walk(root, 0)
    return out


root = app()
# The table's cells are drawn a frame or two after the window appears.
for _ in range(40):
    tree = nodes(root)
    cells = [
        n
        for _, n in tree
        if (n.name or "").startswith(table + " ") and n.getRoleName() in ("entry", "table cell")
    ]
    if cells:
        break
    time.sleep(0.5)

for depth, n in tree:
    if not (n.name or n.description):
        continue
    states = n.getState()
    marks = [s for s, st in (("可编辑", pyatspi.STATE_EDITABLE), ("只读", pyatspi.STATE_READ_ONLY),
                               ("焦点", pyatspi.STATE_FOCUSED)) if states.contains(st)]
    desc = f" = {n.description}" if n.description else ""
    print("  " * depth + f"[{n.getRoleName()}] {n.name}{desc}" + (f" ({'，'.join(marks)})" if marks else ""))

want = {k: v for k, v in expected["cells"].items() if k.startswith(prefix)}
if len(cells) != len(want):
    failures.append(f"{table}: {len(cells)} cells named on the bus, the draft has {len(want)}")
for n in cells:
    states = n.getState()
    role = n.getRoleName()
    if not n.description:
        failures.append(f"{n.name}: no value")
    if role == "table cell":
        # A table cell cannot be editable in AT-SPI: a total is one, said to be computed.
        if states.contains(pyatspi.STATE_EDITABLE) or "自动计算" not in n.description:
            failures.append(f"{n.name}: a total not said to be computed")
    elif role == "entry":
        if not states.contains(pyatspi.STATE_EDITABLE) or states.contains(pyatspi.STATE_READ_ONLY):
            failures.append(f"{n.name}: an input cell not editable")
    else:
        failures.append(f"{n.name}: role {role}")
values = sorted(str(v) if v is not None else "空" for v in want.values())
said = sorted(n.description.replace("（自动计算）", "") for n in cells)
if values != said:
    missing = sorted(set(values) - set(said))[:5]
    extra = sorted(set(said) - set(values))[:5]
    failures.append(f"{table}: the values said differ from the draft's: {missing} / {extra}")
findings = [n for _, n in tree if (n.name or "").startswith("● ")]
if not findings:
    failures.append("no finding reachable in the 校验结果 panel")

if check_focus:
    first = next(n for n in cells if n.getRoleName() == "entry")
    ext = first.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    x, y = ext.x + ext.width // 2, ext.y + ext.height // 2
    # No window manager under Xvfb gives the window the keyboard focus: as one would.
    subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "nianbao", "windowfocus"], check=True)
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], check=True)
    time.sleep(1)
    subprocess.run(["xdotool", "key", "Tab"], check=True)
    time.sleep(1)
    focused = [n for _, n in nodes(root) if n.getState().contains(pyatspi.STATE_FOCUSED)]
    names = [n.name for n in focused]
    print(f"focus after a click on 「{first.name}」 and Tab: {names}")
    entries = [n.name for n in cells if n.getRoleName() == "entry"]
    if not names or names[-1] != entries[1]:
        failures.append(f"Tab from {entries[0]} did not move the focus to {entries[1]}: {names}")

print(f"{table}: {len(cells)} cells, {len(findings)} findings reachable")
if failures:
    print("\n".join("FAIL: " + f for f in failures))
    sys.exit(1)
print("ok")
