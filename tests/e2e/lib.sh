# lib.sh - helpers for the end-to-end tests: each test is a shell script
# sourcing this file, driving the real binary ($LPRSIM_BIN) in a temporary
# directory.  check/expect_* record failures; finish prints the tally.
set -u
: "${LPRSIM_BIN:?LPRSIM_BIN must name the lprsim binary}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/lprsim-e2e-XXXXXX)
trap 'rm -rf "$T"' EXIT
export LPRSIM_DB="$T/test.db" LPRSIM_ROOT="$ROOT"
unset LPRSIM_USER LPRSIM_NOW
PASS=0
FAIL=0
NAME=$(basename "$0" .sh)

lp() { "$LPRSIM_BIN" "$@"; }

# run CMD...: runs it, keeping stdout in $OUT, stderr in $ERR, status in $RC.
run() {
    "$@" >"$T/out" 2>"$T/err"
    RC=$?
    OUT=$(cat "$T/out")
    ERR=$(cat "$T/err")
}

ok() { PASS=$((PASS + 1)); }
bad() {
    FAIL=$((FAIL + 1))
    echo "FAIL [$NAME] $*" >&2
    echo "  rc=$RC" >&2
    echo "  stdout: $(printf '%s' "$OUT" | head -c 600)" >&2
    echo "  stderr: $(printf '%s' "$ERR" | head -c 600)" >&2
}

# expect_rc N WHAT
expect_rc() { if [ "$RC" = "$1" ]; then ok; else bad "$2: expected exit $1"; fi; }
# expect_out PATTERN WHAT (grep -E on stdout)
expect_out() { if printf '%s\n' "$OUT" | grep -qE -- "$1"; then ok; else bad "$2: stdout lacks /$1/"; fi; }
expect_err() { if printf '%s\n' "$ERR" | grep -qE -- "$1"; then ok; else bad "$2: stderr lacks /$1/"; fi; }
expect_no_out() { if printf '%s\n' "$OUT" | grep -qE -- "$1"; then bad "$2: stdout has /$1/"; else ok; fi; }
# expect_eq A B WHAT
expect_eq() { if [ "$1" = "$2" ]; then ok; else bad "$3: '$1' != '$2'"; fi; }

finish() {
    echo "$NAME: $PASS passed, $FAIL failed"
    [ "$FAIL" = 0 ]
}
