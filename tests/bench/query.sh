#!/bin/sh
# query.sh - query bench: plate-and-window queries on a 10-million-read
# database, the bare indexed SQLite query beside the full action (policy,
# flags, audit entry with hash, transcript row, durable commit): p50, p99
# and their ratio.  The database (about 1.5 GB) is built in WORK and
# removed with it, unless QUERY_BENCH_DB names a file to build once and
# reuse.  QUERY_BENCH_N reads (default 10 million), QUERY_BENCH_Q queries.
set -e
dir=${BENCH_DIR:-build/rel/bench}
"$dir/bench_query" "${QUERY_BENCH_N:-10000000}" \
    "${QUERY_BENCH_DB:-${WORK:-/tmp}/lprsim-bench-query.db}" \
    "${QUERY_BENCH_Q:-2000}"
