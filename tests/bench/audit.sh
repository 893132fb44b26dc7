#!/bin/sh
# audit.sh - audit log bench: entries/s of 'audit verify' over one million
# entries built through audit_append, and the cost of one append on that
# log.  BENCH_DIR holds the bench binaries; AUDIT_BENCH_N the entry count.
# (Call this from tests/bench/run.sh.)
set -e
dir=${BENCH_DIR:-build/rel/bench}
"$dir/bench_audit" "${AUDIT_BENCH_N:-1000000}"
