#!/bin/sh
# cert.sh - certificate bench: verify throughput beside bare libsodium,
# the gate's token check and sign+store time (bench_cert), then the median
# time of the whole "cert issue" command for the initial track, including
# the replay of every transcript.  BENCH_DIR holds the bench binaries,
# LPRSIM_BIN the binary, WORK a scratch folder; CERT_BENCH_N the token count.
set -e
dir=${BENCH_DIR:-build/rel/bench}
"$dir/bench_cert" "${CERT_BENCH_N:-20000}"

lp() { "$LPRSIM_BIN" "$@"; }
if ! lp scenario solution --help >/dev/null 2>&1; then
    echo "cert issue with replay: skipped (no 'scenario solution' command)"
    exit 0
fi
W=${WORK:-$(mktemp -d)}/cert; mkdir -p "$W"
export LPRSIM_DB="$W/main.db"
lp init --quiet >/dev/null 2>&1
lp roster add --id t.bench --name "Bench Trainee" >/dev/null
lp cert keygen --out "$W" >/dev/null
# what the trainee application records for lessons read and checks passed
for l in $(sed -n 's/.*"lesson": *"lessons\/\([^"]*\)\.md".*/\1/p' curriculum/tracks/initial.json | sort -u); do
    sqlite3 "$LPRSIM_DB" "INSERT INTO lesson_reads VALUES('t.bench','$l',strftime('%s','now')-3600);
        INSERT INTO lesson_progress(user_id,lesson,right_answers,questions,passed,at,attempts)
        VALUES('t.bench','$l',3,3,1,strftime('%s','now')-3600,1);"
done
files=$(sed -n 's/.*"file": *"\([^"]*\)".*/\1/p' curriculum/tracks/initial.json | sort -u)
n=0
for f in $files; do
    # an exam draws its seed: start, read it, answer with its model answer
    printf 'quit\n' | lp --user t.bench scenario run --mode exam \
        "scenarios/$f" > "$W/exam.txt" 2>&1
    s=$(sed -n 's/.*, seed \([0-9]*\), exam mode$/\1/p' "$W/exam.txt")
    lp scenario solution --seed "$s" "scenarios/$f" > "$W/sol.act"
    lp --user t.bench --quiet scenario resume --actions "$W/sol.act" >/dev/null
    n=$((n + 1))
done
times=""
for i in 1 2 3 4 5 6 7; do
    t0=$(date +%s%N)
    lp --user t.bench --quiet cert issue --track initial --key "$W/issuer.key" >/dev/null
    t1=$(date +%s%N)
    times="$times $(( (t1 - t0) / 1000000 ))"
done
med=$(printf '%s\n' $times | sort -n | sed -n 4p)
echo "cert issue (initial track, $n scenarios replayed and re-scored, sign, store): median $med ms of 7 runs (all:$times ms)"
