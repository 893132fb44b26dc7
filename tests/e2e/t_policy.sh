#!/bin/sh
# t_policy.sh - the policy engine and the action layer from the shell: the
# case registry, queries inside and beyond the look-back, wildcard and area
# queries, reasons, hotlists with and without identifying notes, the JSON
# contract, a second profile, an untrained person, and that refusals leave
# nothing but their audit entry.
. "$(dirname "$0")/lib.sh"

export LPRSIM_NOW=2026-03-02T09:00:00Z
run lp init --seed 3 --vehicles 60 --days 400 --reads 20000 --quiet
expect_rc 0 "init"
lp roster add --id alice --name "Alice Trainee" >/dev/null
lp roster add --id bob --name "Bob Borrower" >/dev/null
# the most-read plate of the generated world, and one of its reads
P=$(sqlite3 "$LPRSIM_DB" "SELECT plate FROM reads GROUP BY plate ORDER BY count(*) DESC, plate LIMIT 1")
reads_before=$(sqlite3 "$LPRSIM_DB" "SELECT count(*) FROM reads")
audits() { sqlite3 "$LPRSIM_DB" "SELECT count(*) FROM audit"; }
json() { printf '%s' "$OUT" | python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# ---- who acts ----
run lp case list
expect_rc 2 "no user"; expect_err "no user" "says so"
run lp --user mallory case list
expect_rc 2 "unknown user"; expect_err "unknown user 'mallory'" "names the user"

export LPRSIM_USER=alice

# ---- the case registry ----
run lp case add --number ERO-2026-7 --type civil
expect_rc 0 "civil case"; expect_out "queries may start from 2021-03-02" "look-back date"
run lp case add --number HSI-2026-1 --type criminal --violation 8USC1325
expect_rc 0 "criminal case"; expect_out "five years" "statute's limitation"
run lp case add --number HSI-2026-2 --type criminal --violation NOPE99
expect_rc 2 "unknown violation"; expect_err "unknown violation code 'NOPE99'" "names it"
run lp case add --number HSI-2026-1 --type civil
expect_rc 2 "duplicate case"; expect_err "already in the registry" "says so"
run lp --json case list
expect_rc 0 "case list"
expect_eq "$(json 'len(d["results"])')" 2 "two cases listed"

# ---- a query inside the window ----
run lp query --plate "$P" --from 2025-06-01 --to 2026-03-01 --case ERO-2026-7 \
    --reason "locate the removal target vehicle"
expect_rc 0 "query inside the window"
expect_out "^READ +OBSERVED +PLATE" "result table"
expect_out "$P" "plate in results"
expect_out "verdict: (allow|warn)" "verdict line"
expect_out "IV.J.2 +civil immigration queries may reach back five years" "look-back named"

run lp --json query --plate "$P" --from 2025-06-01 --to 2026-03-01 \
    --case ERO-2026-7 --reason "locate the removal target vehicle"
expect_rc 0 "json query"
expect_eq "$(json 'd["verdict"] in ("allow","warn")')" True "verdict"
expect_eq "$(json '"IV.I" in d["rules"] and "IV.J.2" in d["rules"]')" True "rules"
expect_eq "$(json 'd["audit_id"] > 0')" True "audit id"
expect_eq "$(json 'len(d["results"]) > 0')" True "results"
expect_eq "$(json 'sorted(set(k for r in d["results"] for k in ["read_id","plate","state","observed_at","camera_id","lat","lon","make","model","confidence","source","flags"] if k in r)) == sorted(["read_id","plate","state","observed_at","camera_id","lat","lon","make","model","confidence","source","flags"])')" True "result fields"
expect_eq "$(json '{r["plate"] for r in d["results"]}')" "{'$P'}" "only the queried plate"
expect_eq "$(json 'min(r["observed_at"] for r in d["results"]) >= "2025-06-01" and max(r["observed_at"] for r in d["results"]) <= "2026-03-01T23:59:59Z"')" True "only inside the window"

# ---- beyond the window ----
a=$(audits)
run lp query --plate "$P" --from 2020-01-01 --to 2026-03-01 --case ERO-2026-7 \
    --reason "locate the removal target vehicle"
expect_rc 3 "query beyond five years"
expect_err "refused \(IV.J.2\): civil immigration queries may reach back five years: the earliest allowed start is 2021-03-02" "rule and number"
expect_no_out "^READ" "no results shown"
expect_eq "$(audits)" "$((a + 1))" "refusal audited"
run lp --json query --plate "$P" --from 2020-01-01 --to 2026-03-01 \
    --case ERO-2026-7 --reason "locate the removal target vehicle"
expect_rc 3 "json refusal"
expect_eq "$(json 'd["verdict"], d["rules"][0], d["results"]')" "deny IV.J.2 []" "deny document"
run lp query --plate "$P" --from 2019-01-01 --to 2026-03-01 --case HSI-2026-1 \
    --reason "trace the improper entry suspect vehicle"
expect_rc 3 "criminal beyond the statute"; expect_err "IV.J.1" "names IV.J.1"

# ---- refusals and usage errors of the contract ----
Q="--from 2025-06-01 --to 2026-03-01 --case ERO-2026-7"
run lp query --plate 'ABC*' $Q --reason "locate the removal target vehicle"
expect_rc 3 "wildcard"; expect_err "refused \(IV.B\): wildcard plate" "IV.B"
run lp query --plate 'AB?123' $Q --reason "locate the removal target vehicle"
expect_rc 3 "partial"; expect_err "IV.B" "IV.B"
run lp query --plate "AB'; DROP TABLE reads;--" $Q --reason "locate the removal target vehicle"
expect_rc 3 "malformed plate"; expect_err "IV.B.*not a licence plate" "IV.B"
run lp query $Q --reason "locate the removal target vehicle"
expect_rc 3 "missing plate"; expect_err "IV.B" "IV.B"
run lp query --plate "$P" --from 2025-06-01 --to 2026-03-01 --reason "locate the removal target vehicle"
expect_rc 3 "missing case"; expect_err "refused \(IV.A.1\)" "IV.A.1"
run lp query --plate "$P" $Q
expect_rc 3 "missing reason"; expect_err "refused \(IV.M.1\)" "IV.M.1"
run lp query --plate "$P" $Q --reason "test"
expect_rc 3 "vague reason"; expect_err "IV.M.1.*too vague" "IV.M.1"
run lp query --plate "$P" $Q --reason "x'); DELETE FROM reads; --"
expect_rc 3 "SQL-looking reason"; expect_err "IV.M.1.*database command" "IV.M.1"
long=$(python3 -c 'print("a" * 10000)')
run lp query --plate "$P" $Q --reason "$long"
expect_rc 3 "10000-character reason"; expect_err "IV.M.1.*10000 characters" "IV.M.1"
run lp query --plate "$P" $Q --reason "follow the worshippers to the mosque"
expect_rc 3 "protected characteristic"; expect_err "refused \(IV.E\)" "IV.E"
run lp query --plate "$P" --from 2026-03-01 --to 2025-06-01 --case ERO-2026-7 --reason "locate the removal target vehicle"
expect_rc 3 "end before start"; expect_err "IV.I" "IV.I"
run lp query --plate "$P" --from 2026-01-01 --to 2026-12-01 --case ERO-2026-7 --reason "locate the removal target vehicle"
expect_rc 3 "future window"; expect_err "IV.I.*future" "IV.I"
a=$(audits)
run lp query --plate "$P" --from yesterday --to 2026-03-01 --case ERO-2026-7 --reason "locate the removal target vehicle"
expect_rc 2 "bad time"; expect_err "bad time 'yesterday' for --from" "names the flag"
run lp query --plate "$P" --frobnicate 1
expect_rc 2 "unknown option"; expect_err "unknown option '--frobnicate'" "names it"
expect_eq "$(audits)" "$a" "usage errors write nothing"
run lp geoquery --lat 38.6 --lon -97.4 --radius 500 $Q --reason "who parks near the depot at night"
expect_rc 3 "geoquery"; expect_err "refused \(IV.B\): area" "IV.B"
expect_eq "$(sqlite3 "$LPRSIM_DB" "SELECT count(*) FROM reads")" "$reads_before" "reads untouched"

# ---- global options after the action, help from the action table ----
run lp query --plate "$P" $Q --reason "locate the removal target vehicle" --json --user alice
expect_rc 0 "globals after the action"; expect_out '^\{"action":"query"' "JSON"
run lp query --help
expect_rc 0 "query --help"; expect_out "^usage: lprsim query .*--plate P" "usage line"
run lp hotlist
expect_rc 2 "hotlist alone"; expect_err "hotlist add" "lists subcommands"

# ---- analyze ----
run lp --json analyze --plate "$P" $Q --reason "learn the target vehicle routine"
expect_rc 0 "analyze"; expect_eq "$(json 'len(d["hours"]), "IV.L" in d["rules"]')" "24 True" "pattern"
run lp analyze $Q --reason "learn the target vehicle routine"
expect_rc 3 "analyze without plate"; expect_err "IV.L" "IV.L"

# ---- hotlists ----
run lp hotlist add --plate "$P" --case ERO-2026-7 --tracking ERO-T-0042 \
    --note "owner is Dana Quill, phone 316-555-0142"
expect_rc 3 "note with a name"; expect_err "refused \(IV.K.2\)" "IV.K.2"
run lp hotlist add --plate "$P" --case ERO-2026-7
expect_rc 3 "no tracking number"; expect_err "IV.K.3" "IV.K.3"
run lp hotlist add --plate "$P" --case ERO-2026-7 --tracking ERO-T-0042 --note "ERO-T-0042"
expect_rc 0 "hotlist add"; expect_out "kept until 2031-03-02" "ledger kept five years"
run lp hotlist list
expect_rc 0 "hotlist list"; expect_out "$P +.*ERO-2026-7 +ERO-T-0042" "entry listed"
expect_no_out "Quill" "no refused note stored"
run lp --json hotlist ledger
expect_eq "$(json '[(r["event"], r["case"], r["tracking"]) for r in d["results"]]')" "[('add', 'ERO-2026-7', 'ERO-T-0042')]" "ledger row"
run lp hotlist review
expect_rc 0 "review"; expect_out "ok +$P" "entry reviewed"
run lp case close ERO-2026-7
expect_rc 0 "close case"; expect_out "IV.K.4" "reminds to remove"
run lp hotlist review
expect_rc 0 "review after close"; expect_out "^IV.K.1 +$P" "closed case named"
run lp hotlist remove --plate "$P" --reason "case closed, plate no longer needed"
expect_rc 0 "remove"

# ---- enforcement, share, device ----
R=$(sqlite3 "$LPRSIM_DB" "SELECT id FROM reads WHERE plate='$P' AND confidence>0.95 ORDER BY id LIMIT 1")
run lp enforce --read "$R" --case HSI-2026-1
expect_rc 3 "enforce on LPR alone"; expect_err "IV.A.3" "IV.A.3"
run lp share --to "Prairie Data Broker LLC" --read "$R"
expect_rc 3 "share to commercial"; expect_err "refused \(IV.C\)" "IV.C"
run lp device wipe --camera cam-21
expect_rc 3 "wipe a toll camera"; expect_err "IV.F" "IV.F"

# ---- another profile; an untrained person ----
run lp --policy state-60day query --plate "$P" --from 2024-06-01 --to 2026-03-01 \
    --case HSI-2026-1 --reason "trace the improper entry suspect vehicle"
expect_rc 3 "one-year cap"; expect_err "state-60day caps every query at 1 year" "names the cap"
printf '{"name": "x",\n "version": 1,,}\n' > "$T/bad.json"
run lp --policy "$T/bad.json" case list
expect_rc 1 "malformed profile"; expect_err "bad.json:2:" "file and line"
sqlite3 "$LPRSIM_DB" "UPDATE people SET trained=0 WHERE id='bob'"
run lp --user bob query --plate "$P" --from 2025-06-01 --to 2026-03-01 --case HSI-2026-1 --reason "trace the improper entry suspect vehicle"
expect_rc 3 "untrained"; expect_err "refused \(IV.H\)" "IV.H"

# ---- the audit log holds every action and still verifies ----
run lp audit verify
expect_rc 0 "audit verify"
expect_eq "$(sqlite3 "$LPRSIM_DB" "SELECT count(*) FROM audit WHERE profile LIKE 'ice-2017@%'")" \
    "$(sqlite3 "$LPRSIM_DB" "SELECT count(*) FROM audit WHERE action<>'' AND profile NOT LIKE 'state-60day@%'")" "profile recorded"

finish
