#!/usr/bin/env python3
# check_answer.py LESSON [right|wrong] - reads a screen or plain-mode
# output on stdin, finds the last question of LESSON's knowledge check on
# it and prints the number of a right (or a wrong) option as shown: the
# options are shuffled per attempt, so the tests look them up like a
# trainee who learned the lesson (or one who did not).
import re
import sys

lesson, want = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "right")
bank, q = [], None
for line in open(lesson, encoding="utf-8"):
    t = line.strip()
    if t.startswith("Q:"):
        q = {"text": t[2:].strip(), "opts": []}
        bank.append(q)
    elif q and (t.startswith("- [ ]") or t.startswith("- [x]")):
        q["opts"].append((t[5:].strip(), t.startswith("- [x]")))
screen = sys.stdin.read()
norm = lambda s: re.sub(r"\s+", " ", s).strip()
flat = norm(screen)
# the question shown last on the screen
best, pos = None, -1
for b in bank:
    p = flat.rfind(norm(b["text"])[:50])
    if p > pos:
        best, pos = b, p
if best is None:
    sys.exit("no question of %s on the screen" % lesson)
tail = screen[screen.rfind(norm(best["text"])[:20]):]
for m in re.finditer(r"(\d)\) (.+)", tail):
    num, text = m.group(1), norm(m.group(2))
    for o, ok in best["opts"]:
        if norm(o)[:40] == text[:40] and ok == (want == "right"):
            print(num)
            sys.exit(0)
sys.exit("no %s option found" % want)
