#!/bin/sh
# cert.sh - certificate bench: verify throughput beside bare libsodium,
# the gate's token check and sign+store time (bench_cert).  The whole
# "cert issue" command, with the replay, runs only on a training host with
# real Unix users (tests/e2e/t_host.sh).  BENCH_DIR holds the bench
# binaries; CERT_BENCH_N the token count.
set -e
dir=${BENCH_DIR:-build/rel/bench}
"$dir/bench_cert" "${CERT_BENCH_N:-20000}"

echo "cert issue with replay: not timed here (certificates come only from a training host; tests/e2e/t_host.sh)"
