#!/bin/sh
# cert.sh - certificate bench: verify throughput beside bare libsodium,
# the gate's token check, and the median issue time (bench_cert), then the
# whole "cert issue" command including the replay when the database
# CERT_BENCH_DB holds a trainee who passed (see README).  BENCH_DIR holds
# the bench binaries; CERT_BENCH_N the token count.
# (Call this from tests/bench/run.sh.)
set -e
dir=${BENCH_DIR:-build/rel/bench}
"$dir/bench_cert" "${CERT_BENCH_N:-20000}"
