#!/bin/sh
# kill_loop.sh - kill -9 landed at random points of lprsim actions (KILLS
# of them, default 200; make test-full): queries, hotlist additions, audit
# entries by hand and case additions, each killed after a random 1-160 ms
# (timeout -s KILL), one in five left to finish.  Every run leaves its own
# mark (reason, plate, case number): after each run the log has not shrunk
# and holds that mark at most once; every 20 runs the log verifies and the
# file passes quick_check; at the end every acknowledged action (exit 0 or
# a refusal, 3) is there exactly once, integrity_check passes and the whole
# log verifies under a fresh checkpoint.
. "$(dirname "$0")/lib.sh"
KILLS=${KILLS:-200}
export LPRSIM_NOW=2026-03-02T09:00:00Z
lp --quiet init --seed 3 --vehicles 30 --days 30 --reads 3000 >/dev/null 2>&1
lp roster add --id kim --name "Kim Example" >/dev/null
lp --user kim case add --number 2026-CR-0101 --type criminal --violation 8USC1324 \
    --opened 2026-01-01 >/dev/null
P=$(sqlite3 "$LPRSIM_DB" "SELECT plate FROM reads GROUP BY plate ORDER BY count(*) DESC, plate LIMIT 1")
count() {
    c=$(sqlite3 -cmd '.timeout 5000' "$LPRSIM_DB" "SELECT count(*) FROM audit" 2>"$T/count.err")
    [ -n "$c" ] || c="error: $(cat "$T/count.err")"
    printf '%s\n' "$c"
}
r=12345
next() { r=$(( (r * 1103515245 + 12345) % 2147483648 )); }
kills=0; runs=0; acked=0
n=$(count)
: > "$T/acked"
while [ "$kills" -lt "$KILLS" ]; do
    runs=$((runs + 1))
    next; kind=$((r % 4))
    # every run leaves a mark of its own: the reason, plate or case number
    case $kind in
    0) set -- --user kim query --plate "$P" --from 2026-02-01 --to 2026-03-01 \
           --case 2026-CR-0101 --reason "Suspect vehicle in smuggling ring at the port, run $runs"
       mark="SELECT count(*) FROM audit WHERE reason='Suspect vehicle in smuggling ring at the port, run $runs'" ;;
    1) set -- --user kim hotlist add --plate "KL${runs}" --case 2026-CR-0101 --tracking "T-$runs"
       mark="SELECT count(*) FROM audit WHERE plate='KL$runs'" ;;
    2) set -- --user kim audit add --plate "KM$runs" --case 2026-CR-0101 \
           --reason "Suspect vehicle in smuggling ring at the port" --results "1 read"
       mark="SELECT count(*) FROM audit WHERE plate='KM$runs'" ;;
    *) set -- --user kim case add --number "2026-CR-$((2000 + runs))" --type civil
       mark="SELECT count(*) FROM cases WHERE number='2026-CR-$((2000 + runs))'" ;;
    esac
    next; ms=$((1 + r % 160))
    if [ $((r % 5)) = 0 ]; then
        "$LPRSIM_BIN" "$@" >/dev/null 2>&1          # left to finish
    else
        timeout -s KILL "0.$(printf '%03d' "$ms")" "$LPRSIM_BIN" "$@" >/dev/null 2>&1
    fi
    RC=$?
    m=$(count)
    if [ "$RC" = 137 ]; then
        kills=$((kills + 1))
    elif [ "$RC" = 0 ] || [ "$RC" = 3 ]; then
        acked=$((acked + 1))
        printf '%s\n' "$mark" >> "$T/acked"
    else
        OUT=""; ERR="exit $RC"; bad "run $runs (kind $kind) failed without a kill"
    fi
    # the log only grows; each run's mark is there at most once
    if [ "$m" -lt "$n" ] 2>/dev/null || [ "$(sqlite3 -cmd '.timeout 5000' "$LPRSIM_DB" "$mark")" -gt 1 ]; then
        OUT=""; ERR="entries $n -> $m"; bad "run $runs (kind $kind, exit $RC): the log shrank or holds the action twice"
    fi
    n=$m
    if [ $((runs % 20)) = 0 ]; then
        run sqlite3 "$LPRSIM_DB" "PRAGMA quick_check"
        expect_out '^ok$' "quick_check after run $runs"
        run lp audit verify
        expect_rc 0 "audit log intact after run $runs"
    fi
done
# no acknowledged action lost: every one's mark is there, once
lost=0
while IFS= read -r q; do
    [ "$(sqlite3 "$LPRSIM_DB" "$q")" = 1 ] || { lost=$((lost + 1)); echo "lost: $q" >&2; }
done < "$T/acked"
expect_eq "$lost" 0 "acknowledged actions lost"
run sqlite3 "$LPRSIM_DB" "PRAGMA integrity_check"
expect_out '^ok$' "integrity_check after $kills kills"
lp audit keygen --out "$T/k" >/dev/null
run lp audit checkpoint --key "$T/k/audit.key"
expect_rc 0 "the log is signed after the kills"
run lp audit verify --pubkey "$T/k/audit.pub" --require-covered
expect_rc 0 "and verifies, all covered"; expect_out "audit log ok: $n entries" "every entry there"
echo "kill loop: $kills kills in $runs runs, $acked acknowledged actions, $lost lost"
finish
