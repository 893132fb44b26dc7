#!/bin/sh
# report.sh - records bench: a synthetic agency (REPORT_BENCH_PEOPLE,
# default 20,000 people, three years of training) built through the store
# API by bench_report, then 'report class' and 'report rules' timed in the
# core (best of 3) and as whole commands.  The agency is kept beside the
# bench binaries and built again only when bench_report changes (building
# it takes about a minute of CPU: 160,000 lesson results commit one by one,
# as the application writes them).
set -e
dir=${BENCH_DIR:-build/rel/bench}
n=${REPORT_BENCH_PEOPLE:-20000}
db="$dir/agency-$n.db"
if [ ! -s "$db" ] || [ "$dir/bench_report" -nt "$db" ]; then
    rm -f "$db" "$db-wal" "$db-shm"
    # built in memory when /dev/shm is there: each commit syncs the file
    tmp=$(mktemp -d /dev/shm/lprsim-agency-XXXXXX 2>/dev/null || mktemp -d)
    "$dir/bench_report" gen "$tmp/agency.db" "$n" 3 7
    mv "$tmp/agency.db" "$db.tmp" && mv "$db.tmp" "$db"
    rm -rf "$tmp"
else
    echo "agency: $n people, three years (kept from an earlier run: $db)"
fi
"$dir/bench_report" time "$db" 2026-03-01
for cmd in "report class" "report rules"; do
    best=
    for i in 1 2 3; do
        a=$(date +%s.%N)
        "$LPRSIM_BIN" --db "$db" --now 2026-03-01 $cmd >/dev/null
        b=$(date +%s.%N)
        best=$(awk -v a="$a" -v b="$b" -v best="$best" \
            'BEGIN { t = b - a; if (best == "" || t < best) best = t; print best }')
    done
    printf 'lprsim %-14s (whole command, text): %.3f s\n' "$cmd" "$best"
done
ls -l "$db" | awk '{printf "database: %.0f MB\n", $5 / 1048576}'
