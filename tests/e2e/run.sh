#!/bin/sh
# run.sh - runs every end-to-end test script and prints the tally.
cd "$(dirname "$0")" || exit 1
pass=0; fail=0; failed=""
for t in t_*.sh; do
    out=$(sh "$t" 2>&1); rc=$?
    printf '%s\n' "$out" | grep -v '^FAIL\|^  ' | tail -n 1
    [ $rc -ne 0 ] && printf '%s\n' "$out" | grep '^FAIL\|^  ' >&2
    p=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' | tail -n 1)
    f=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' | tail -n 1)
    pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
    if [ $rc -ne 0 ]; then failed="$failed $t"; [ "${f:-0}" = 0 ] && fail=$((fail + 1)); fi
done
echo "e2e: $pass passed, $fail failed"
[ -z "$failed" ] || { echo "failed:$failed" >&2; exit 1; }
