#!/bin/sh
# run.sh - "make bench": speed and memory figures.  Never fails on time.
# Called with LPRSIM_BIN (the binary) and BENCH_DIR (the bench binaries).
# Each part of lprsim adds its own section as tests/bench/NAME.sh (or
# bench_NAME.sh): this script runs every *.sh here but itself, in name
# order, each in its own shell from the repository root, with LPRSIM_BIN,
# BENCH_DIR and WORK (a scratch folder, removed at the end).
# Set BENCH_ONLY=NAME (e.g. BENCH_ONLY=gen) to run one section.
: "${LPRSIM_BIN:?LPRSIM_BIN must name the lprsim binary}"
: "${BENCH_DIR:?BENCH_DIR must name the folder of the bench binaries}"
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d /tmp/lprsim-bench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export LPRSIM_BIN BENCH_DIR WORK LPRSIM_ROOT="$ROOT"
cd "$ROOT" || exit 0
uname -srm; echo "cpus: $(nproc 2>/dev/null || echo ?)"
for f in "$HERE"/*.sh; do
    [ -e "$f" ] || continue
    [ "$(basename "$f")" = run.sh ] && continue
    name=$(basename "$f" .sh); name=${name#bench_}
    [ -n "${BENCH_ONLY:-}" ] && [ "$BENCH_ONLY" != "$name" ] && continue
    echo
    echo "== $name ($(basename "$f"))"
    sh "$f" || echo "bench section $name: exited $? (figures above may be partial)"
done
exit 0
