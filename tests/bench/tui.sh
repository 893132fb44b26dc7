#!/bin/sh
# tui.sh - terminal application bench, medians of bench_tui runs in a
# pseudo-terminal (80x24):
#  - start-up to the first drawn dashboard on a database of
#    TUI_BENCH_READS reads (default 10 million; TUI_BENCH_DB reuses one,
#    else the query section's database when it exists);
#  - Enter on the scenario console's query form to the drawn results, in
#    the bench scenario's sandbox (tests/bench/bench-query.lua: 20,000
#    vehicles, 1 million background reads, the largest world a scenario
#    may build), and the same query through 'lprsim query' on the big
#    database for comparison.
# (Call this from tests/bench/run.sh.)
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=${BENCH_DIR:-build/rel/bench}
bin=${LPRSIM_BIN:-./lprsim}
db=${TUI_BENCH_DB:-}
# the query section's 10-million-read database, when it was built
qdb=${QUERY_BENCH_DB:-${WORK:-/nonexistent}/lprsim-bench-query.db}
[ -z "$db" ] && [ -f "$qdb" ] && db=$qdb
tmp=$(mktemp -d /tmp/lprsim-bench-tui-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$db" ]; then
    db=$tmp/bench.db
    echo "tui: generating ${TUI_BENCH_READS:-10000000} reads ..."
    "$bin" --db "$db" --quiet init --reads "${TUI_BENCH_READS:-10000000}" >/dev/null
fi
uq=bq$$
for u in bench $uq; do
    "$bin" --db "$db" roster list | grep -q "^$u " ||
        "$bin" --db "$db" roster add --id $u --name "Bench Trainee" >/dev/null
done
echo "tui: $(sqlite3 "$db" 'select count(*) from reads' 2>/dev/null || echo '?') reads in $db"
"$dir/bench_tui" "$bin" "$db" bench "${TUI_BENCH_RUNS:-11}"

# the query form, in a data root whose track holds the bench scenario
q=$tmp/root
mkdir -p "$q/curriculum/tracks" "$q/scenarios"
ln -s "$root/datasets" "$q/datasets"
ln -s "$root/curriculum/lessons" "$q/curriculum/lessons"
ln -s "$root/curriculum/policies" "$q/curriculum/policies"
cp "$here/bench-query.lua" "$q/scenarios/"
cat > "$q/curriculum/tracks/bench.json" <<'JSON'
{"id":"bench","title":"Bench","version":"2026.1","profile":"ice-2017",
 "modules":[{"id":"orientation","title":"Bench","lesson":"lessons/using-lprsim.md",
 "scenarios":[{"file":"bench-query.lua","pass":80}]}]}
JSON
"$dir/bench_tui" "$bin" "$db" "$uq" "${TUI_BENCH_RUNS:-11}" "$q"

# the same query on the big database through the command line
plate=$(sqlite3 "$db" 'select plate from reads where id=1')
"$bin" --db "$db" --user bench case add --number BENCH-1 --type civil >/dev/null 2>&1 || true
t=""
for i in 1 2 3 4 5 6 7 8 9 10 11; do
    s=$(date +%s%N)
    "$bin" --db "$db" --user bench --json query --plate "$plate" \
        --from 2024-01-01 --to 2026-11-01 --case BENCH-1 \
        --reason "bench query of one known plate" >/dev/null 2>&1 || true
    e=$(date +%s%N)
    t="$t $(( (e - s) / 1000 ))"
done
echo "$t" | tr ' ' '\n' | grep . | sort -n |
    awk '{a[NR]=$1} END {printf "tui: lprsim query (whole process) on the big database: median %.1f ms (%d runs)\n", a[int((NR+1)/2)]/1000, NR}'
