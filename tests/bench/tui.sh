#!/bin/sh
# tui.sh - terminal application bench: start-up to the first drawn
# dashboard on a database of TUI_BENCH_READS reads (default 10 million;
# TUI_BENCH_DB reuses an existing database), medians of bench_tui runs in a
# pseudo-terminal.  (Call this from tests/bench/run.sh.)
set -e
dir=${BENCH_DIR:-build/rel/bench}
bin=${LPRSIM_BIN:-./lprsim}
db=${TUI_BENCH_DB:-}
if [ -z "$db" ]; then
    tmp=$(mktemp -d /tmp/lprsim-bench-tui-XXXXXX)
    trap 'rm -rf "$tmp"' EXIT
    db=$tmp/bench.db
    echo "tui: generating ${TUI_BENCH_READS:-10000000} reads ..."
    "$bin" --db "$db" --quiet init --reads "${TUI_BENCH_READS:-10000000}" >/dev/null
fi
"$bin" --db "$db" roster list | grep -q '^bench ' ||
    "$bin" --db "$db" roster add --id bench --name "Bench Trainee" >/dev/null
echo "tui: $(sqlite3 "$db" 'select count(*) from reads' 2>/dev/null || echo '?') reads in $db"
"$dir/bench_tui" "$bin" "$db" bench "${TUI_BENCH_RUNS:-11}"
