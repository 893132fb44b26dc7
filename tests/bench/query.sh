#!/bin/sh
# query.sh - query bench: plate-and-window queries on a 10-million-read
# database, the bare indexed SQLite query beside the full action (policy,
# flags, audit entry with hash, transcript row, durable commit): p50, p99
# and their ratio.  The database is built once and kept at QUERY_BENCH_DB
# (about 1.5 GB; delete it when done).  BENCH_DIR holds the bench binaries.
# (Call this from tests/bench/run.sh.)
set -e
dir=${BENCH_DIR:-build/rel/bench}
"$dir/bench_query" "${QUERY_BENCH_N:-10000000}" \
    "${QUERY_BENCH_DB:-/tmp/lprsim-bench-query.db}" "${QUERY_BENCH_Q:-2000}"
