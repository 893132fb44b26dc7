#!/bin/sh
# scenario.sh - "make bench" section of the scenario engine: load + world
# setup of a 2,000-vehicle scenario and a 50-action replay (medians), and
# the self-tests of every scenario through the real binary.
: "${BENCH_DIR:?}" "${LPRSIM_BIN:?}"
"$BENCH_DIR/bench_scenario" tests/fixtures/scn/bench.lua
start=$(date +%s%N)
"$LPRSIM_BIN" --quiet scenario check scenarios/*.lua >/dev/null 2>&1
end=$(date +%s%N)
echo "scenario check scenarios/*.lua ($(ls scenarios/*.lua | wc -l) files, two seeds each): $(( (end - start) / 1000000 )) ms"
