#!/bin/sh
# t_hits.sh - new reads of a hotlisted plate raise hits: reads that arrive
# through generate or import after the entry are found, older ones are not.
. "$(dirname "$0")/lib.sh"

lp --quiet init --vehicles 200 --reads 20000 --days 30 --now 2026-03-01 >/dev/null
lp roster add --id t.ash --name "Trainee Ash" >/dev/null
export LPRSIM_USER=t.ash
lp case add --number ERO-26-0100 --type civil >/dev/null
plate=$(sqlite3 "$LPRSIM_DB" "select plate from reads group by plate order by count(*) desc limit 1")
run lp hotlist add --plate "$plate" --case ERO-26-0100 --tracking TRK-1
expect_rc 0 "hotlist add"

# Reads generated before the entry (ending at the clock) are no hits.
run lp generate --reads 2000 --days 5
expect_rc 0 "generate in the past"
expect_out '; 0 new hotlist hits' "no hits from older reads"

# Reads after the entry are.
run lp --now 2026-03-11 --json generate --reads 20000 --days 10
expect_rc 0 "generate after the entry"
hits=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"])')
want=$(sqlite3 "$LPRSIM_DB" "select count(*) from reads where plate='$plate' and observed_at >= (select added_at from hotlist_entries where plate='$plate')")
expect_eq "$hits" "$want" "hits counted by generate equal the later reads of the plate"
[ "$hits" -gt 0 ] && ok || bad "expected some hits"

# An imported read of the plate raises one more hit.
printf 'plate,state,observed_at,camera_id,lat,lon,make,model,confidence,source,image_ref\n%s,KS,2026-03-11T12:00:00Z,cam-01,38.6,-97.4,Ford,F-150,0.95,agency,img-1\n' "$plate" > "$T/one.csv"
run lp --now 2026-03-12 import reads "$T/one.csv"
expect_rc 0 "import"
expect_out '; 1 new hotlist hits' "import raises the hit"

run lp --now 2026-03-12 hotlist hits
expect_out "$plate" "hits list names the plate"

finish
