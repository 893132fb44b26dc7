#!/bin/sh
# bench_gen.sh - the world generator beside a bare SQLite insert loop, at
# 1 and 10 million reads (BENCH_GEN_READS overrides the list), and the
# default `lprsim init` as a user runs it.
: "${BENCH_GEN_READS:=1000000 10000000}"
echo "generator vs bare insert loop (2000 vehicles, 1095 days; each run in"
echo "its own process; peak MB = ru_maxrss; bytes/rd = database file / reads)"
"$BENCH_DIR/bench_gen" "$WORK" $BENCH_GEN_READS
echo
echo "default init (300000 reads), as 'make run' does it:"
start=$(date +%s.%N)
"$LPRSIM_BIN" --db "$WORK/init.db" --quiet init >/dev/null
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v b="$(stat -c %s "$WORK/init.db")" \
    'BEGIN { printf "  lprsim init: %.2f s, %.1f MB, %.1f bytes/read\n", e - s, b / 1048576, b / 300000 }'
rm -f "$WORK"/init.db*
