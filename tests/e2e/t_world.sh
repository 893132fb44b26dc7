#!/bin/sh
# t_world.sh - the synthetic world: init, export, import into a second
# database and identical re-export, determinism, generate --csv, strict
# import errors (file:line:col, nothing imported), foreign and damaged
# databases, and kill -9 of a running generate followed by --resume.
. "$(dirname "$0")/lib.sh"

NOW=2026-03-02
A="$T/a.db"; B="$T/b.db"
count() { sqlite3 "$1" 'SELECT count(*) FROM reads'; }
integrity() { sqlite3 "$1" 'PRAGMA integrity_check'; }

# ---- init
run lp --db "$A" --now $NOW init --seed 5 --vehicles 300 --days 90 --reads 20000
expect_rc 0 "init"
expect_out 'created a world in' "init summary"
expect_out '20000 reads from 2025-12-02T00:00:00Z to 2026-03-02T00:00:00Z' "init window"
expect_eq "$(count "$A")" 20000 "init read count"
expect_eq "$(integrity "$A")" ok "integrity after init"
expect_eq "$(sqlite3 "$A" "SELECT value FROM meta WHERE key='policy_profile'")" ice-2017 "policy profile"
expect_eq "$(sqlite3 "$A" "SELECT value FROM meta WHERE key='seed'")" 5 "seed kept"
expect_eq "$(sqlite3 "$A" "SELECT count(*) FROM vehicles")" 300 "vehicles"
expect_eq "$(sqlite3 "$A" "SELECT count(*) FROM places WHERE sensitive=1 AND radius_m>0")" \
    "$(grep -c ',1$' "$ROOT/datasets/places.csv")" "sensitive places loaded"
expect_eq "$(sqlite3 "$A" "SELECT count(DISTINCT owner) FROM cameras")" 3 "three owner classes"
expect_eq "$(sqlite3 "$A" "SELECT count(*) FROM reads WHERE observed_at < strftime('%s','2025-12-02') OR observed_at >= strftime('%s','2026-03-02')")" 0 "reads inside the window"
expect_eq "$(sqlite3 "$A" "SELECT count(DISTINCT source) FROM reads")" 5 "reads from all five sources"
expect_eq "$(sqlite3 "$A" "SELECT count(*) FROM sqlite_master WHERE name='reads_plate_time'")" 1 "index built"

run lp --db "$A" init
expect_rc 1 "init on a world"; expect_err 'already holds a world.*--force' "refusal says --force"

run lp --db "$T/j.db" --now $NOW init --vehicles 50 --days 10 --reads 300 --json
expect_rc 0 "init --json"
expect_out '^\{"db":.*"reads":300,' "json object"

run lp --db "$T/x.db" init --reads many
expect_rc 2 "bad --reads"; expect_err "--reads 'many'" "names the option"
run lp --db "$T/x.db" init --fault-ocr 0.9
expect_rc 2 "bad rate"; expect_err "--fault-ocr" "names the rate"
run lp --db "$T/x.db" init --reads 100000000 --days 1 --vehicles 10
expect_rc 2 "too dense"; expect_err "per vehicle" "explains"
[ ! -e "$T/x.db" ]; expect_eq $? 0 "no database left by bad options"

# ---- export, import into a second database, identical re-export
run lp --db "$A" export reads "$T/a.csv"
expect_rc 0 "export"; expect_out 'exported 20000 reads' "export count"
expect_eq "$(head -n 1 "$T/a.csv" | tr -d '\r')" \
    "plate,state,observed_at,camera_id,lat,lon,make,model,confidence,source,image_ref" "header"
expect_eq "$(wc -l < "$T/a.csv")" 20001 "export lines"
run lp --db "$B" --now $NOW init --seed 6 --vehicles 10 --reads 0
expect_rc 0 "second db"
run lp --db "$B" import reads "$T/a.csv"
expect_rc 0 "import"; expect_out 'imported 20000 reads' "import count"
expect_eq "$(integrity "$B")" ok "integrity after import"
run lp --db "$B" export reads "$T/b.csv"
cmp -s "$T/a.csv" "$T/b.csv"; expect_eq $? 0 "re-export identical"
lp --db "$B" export reads - > "$T/b2.csv"
cmp -s "$T/a.csv" "$T/b2.csv"; expect_eq $? 0 "export to stdout identical"

# ---- determinism: same seed, same bytes; other seed, other bytes
lp --db "$T/a2.db" --now $NOW init --seed 5 --vehicles 300 --days 90 --reads 20000 >/dev/null
lp --db "$T/a2.db" export reads "$T/a2.csv" >/dev/null
cmp -s "$T/a.csv" "$T/a2.csv"; expect_eq $? 0 "same seed, same export"
lp --db "$T/a3.db" --now $NOW init --seed 7 --vehicles 300 --days 90 --reads 20000 >/dev/null
lp --db "$T/a3.db" export reads "$T/a3.csv" >/dev/null
cmp -s "$T/a.csv" "$T/a3.csv"; expect_eq $? 1 "other seed, other export"
# generate --csv with init's options gives init's reads; the db is untouched
before=$(count "$A")
run lp --db "$A" generate --csv "$T/g.csv" --seed 5 --reads 20000 --days 90
expect_rc 0 "generate --csv"
cmp -s "$T/a.csv" "$T/g.csv"; expect_eq $? 0 "generate --csv equals init's reads"
expect_eq "$(count "$A")" "$before" "generate --csv leaves the db alone"
run lp --db "$A" generate --reads 1000 --days 30
expect_rc 0 "generate adds"; expect_out 'added 1000 reads' "added"
expect_eq "$(count "$A")" $((before + 1000)) "count after generate"

# ---- strict import: each bad file is refused whole, with file:line:col
H="plate,state,observed_at,camera_id,lat,lon,make,model,confidence,source,image_ref"
G="ABC1234,KS,2026-03-01T10:00:00Z,cam-01,38.6,-97.4,Ford,F-150,0.9,agency,i.jpg"
printf '%s\n%s\n%s\n' "$H" "$G" 'ABC1234,KS,2026-03-01T10:00:00Z,cam-01,38.6,-97.4,"Ford,F-150,0.9,agency,i' > "$T/quote.csv"
printf '%s\n%s\n%s\n' "$H" "$G" 'ABC1234,KS,2026-03-01T10:00:00Z,cam-01,38.6' > "$T/cols.csv"
printf '%s\n%s\n%s\n' "$H" "$G" 'ABC1234,KS,2026-03-01T10:00:00Z,cam-01,38.6,west,Ford,F-150,0.9,agency,i' > "$T/num.csv"
printf '%s\n%s\n%s\n' "$H" "$G" 'ABC1234,KS,2026-02-30T10:00:00Z,cam-01,38.6,-97.4,Ford,F-150,0.9,agency,i' > "$T/date.csv"
{ printf '%s\n%s\n' "$H" "$G"; printf 'ABC1234,KS,2026-03-01T10:00:00Z,cam-01,38.6,-97.4,Ford,F\3771,0.9,agency,i\n'; } > "$T/utf8.csv"
{ printf '%s\n%s\nABC1234,KS,2026-03-01T10:00:00Z,cam-01,38.6,-97.4,Ford,' "$H" "$G"
  head -c 10485760 /dev/zero | tr '\0' 'x'; printf ',0.9,agency,i\n'; } > "$T/big.csv"
before=$(count "$B")
for c in "quote:3:7:unterminated" "cols:3:6:row has 5 columns" "num:3:6:lon 'west' is not a number" \
         "date:3:3:is not a time" "utf8:3:8:invalid UTF-8" "big:3:8:too large"; do
    f=${c%%:*}; rest=${c#*:}; line=${rest%%:*}; rest=${rest#*:}; col=${rest%%:*}; text=${rest#*:}
    run lp --db "$B" import reads "$T/$f.csv"
    expect_rc 1 "import $f"
    expect_err "$T/$f.csv:$line:$col: .*$text" "import $f names file:line:col"
    expect_err "nothing imported" "import $f says nothing imported"
    expect_eq "$(count "$B")" "$before" "import $f leaves the count"
done
run lp --db "$B" import reads
expect_rc 2 "import without FILE"
run lp --db "$B" import reads "$T/none.csv"
expect_rc 1 "missing file"; expect_err "none.csv: cannot open" "says so"

# ---- foreign and damaged databases
printf 'just some text, not a database at all .....................................................................' > "$T/junk.db"
run lp --db "$T/junk.db" import reads "$T/a.csv"
expect_rc 4 "non-database"; expect_err "not a database" "clear line"
run lp --db "$T/junk.db" init --force
expect_rc 4 "init --force on a foreign file"; expect_err "not touching it" "keeps it"
sqlite3 "$T/other.db" 'CREATE TABLE t(x)'
run lp --db "$T/other.db" export reads -
expect_rc 1 "foreign sqlite"; expect_err "not an lprsim database" "clear line"
cp "$T/a2.db" "$T/bad.db"
dd if=/dev/urandom of="$T/bad.db" bs=4096 seek=40 count=60 conv=notrunc 2>/dev/null
run lp --db "$T/bad.db" export reads -
expect_rc 4 "damaged db"; expect_err "damaged" "clear line"

# ---- kill -9 during generate, then --resume: same result as no kill
K="$T/k.db"; U="$T/u.db"
lp --db "$K" --now $NOW init --seed 3 --vehicles 400 --days 365 --reads 0 >/dev/null
lp --db "$U" --now $NOW init --seed 3 --vehicles 400 --days 365 --reads 0 >/dev/null
"$LPRSIM_BIN" --db "$K" --quiet generate --reads 1000000 --days 365 > /dev/null 2>&1 &
pid=$!
n=0
while kill -0 $pid 2>/dev/null; do
    n=$(sqlite3 "$K" 'SELECT count(*) FROM reads' 2>/dev/null || echo 0)
    [ "${n:-0}" -ge 200000 ] && break
done
kill -9 $pid 2>/dev/null; killed=$?
wait $pid 2>/dev/null
expect_eq "$killed" 0 "generate was still running when killed"
expect_eq "$(integrity "$K")" ok "integrity after kill -9"
partial=$(count "$K")
[ "$partial" -ge 200000 ] && [ "$partial" -lt 1000000 ]; expect_eq $? 0 "a partial, committed batch ($partial)"
run lp --db "$K" init
expect_rc 1 "init on the half-filled db"; expect_err "generate --resume" "points to --resume"
run lp --db "$K" import reads "$T/a.csv"
expect_rc 1 "import refused while unfinished"; expect_err "generate --resume" "points to --resume"
run lp --db "$K" generate --resume
expect_rc 0 "resume"; expect_out 'finished the interrupted generation' "resume says so"
expect_eq "$(count "$K")" 1000000 "count after resume"
expect_eq "$(integrity "$K")" ok "integrity after resume"
run lp --db "$K" generate --resume
expect_rc 0 "second resume"; expect_out 'nothing to resume' "nothing left"
lp --db "$U" --quiet generate --reads 1000000 --days 365 >/dev/null
lp --db "$K" export reads "$T/k.csv" >/dev/null
lp --db "$U" export reads "$T/u.csv" >/dev/null
cmp -s "$T/k.csv" "$T/u.csv"; expect_eq $? 0 "resumed db equals an uninterrupted one"

# ---- init killed before it saved the world: the schema and nothing else
E="$T/early.db"
: > "$E"
lp --db "$E" roster list >/dev/null 2>&1   # makes the schema only
run lp --db "$E" generate --resume
expect_rc 1 "resume of an init stopped before the world"
expect_err "holds no world: 'lprsim init' was stopped before it saved one; run 'lprsim init' again" "says exactly what to do"
run lp --db "$E" --quiet init --vehicles 20 --days 5 --reads 100
expect_rc 0 "init again makes it"

finish
