#!/bin/sh
# t_policy.sh - the policy engine and the action layer from the shell: the
# case registry, queries inside and beyond the look-back, wildcard and area
# queries, reasons (padded, inflected, "solely" with an approval), hotlists
# without free text, the partner registry, structured corroboration,
# device wipes with evidence holds, case files, referrals, the JSON
# contract, a second profile, an untrained person, and that refusals leave
# nothing but their audit entry.
. "$(dirname "$0")/lib.sh"

export LPRSIM_NOW=2026-03-02T09:00:00Z
run lp init --seed 3 --vehicles 60 --days 400 --reads 20000 --quiet
expect_rc 0 "init"
lp roster add --id alice --name "Alice Trainee" >/dev/null
lp roster add --id bob --name "Bob Borrower" >/dev/null
lp roster add --id ivy --name "Ivy Instructor" --role instructor >/dev/null
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
run lp query --plate "$P" $Q --reason "Just checking this plate for the ongoing investigation, please!"
expect_rc 3 "padded vague reason"; expect_err "IV.M.1.*too vague" "as vague as the bare word"
run lp query --plate "$P" $Q --reason "where my ex parks these days"
expect_rc 3 "personal purpose"; expect_err "refused \(IV.A.1\).*personal" "IV.A.1"
run lp query --plate "$P" $Q --reason "identify the marchers downtown"
expect_rc 3 "marchers"; expect_err "refused \(IV.E\).*First Amendment" "IV.E"
run lp query --plate "$P" $Q --reason "driver had a heavy accent"
expect_rc 3 "accent"; expect_err "refused \(IV.E\).*proxy for national origin" "IV.E"
run lp query --plate "$P" $Q --reason "locate the removal target, driver speaks Spanish"
expect_rc 3 "protected beside a lawful purpose"; expect_err "IV.E.*needs a supervisor's approval" "asks for approval"
run lp --json query --plate "$P" $Q --reason "locate the removal target, driver speaks Spanish" --approval SUP-4411
expect_rc 0 "with approval"; expect_eq "$(json 'd["verdict"], "SUP-4411" in d["reason"]')" "warn True" "warns, approval recorded"
expect_eq "$(sqlite3 "$LPRSIM_DB" "SELECT count(*) FROM audit WHERE id=$(json 'd["audit_id"]') AND detail LIKE '%SUP-4411%' AND verdict='warn'")" 1 "approval in the audit entry"
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

# ---- hotlists: no free text under ice-2017 ----
run lp hotlist add --plate "$P" --case ERO-2026-7 --tracking ERO-T-0042 \
    --note "owner is Dana Quill, phone 316-555-0142"
expect_rc 3 "note with a name"; expect_err "refused \(IV.K.2\)" "IV.K.2"
run lp hotlist add --plate "$P" --case ERO-2026-7 --tracking ERO-T-0042 --note "grey sedan"
expect_rc 3 "any note"; expect_err "refused \(IV.K.2\).*no free text" "IV.K.2"
run lp hotlist add --plate "$P" --case ERO-2026-7 --tracking DanaQuill
expect_rc 3 "a name as tracking number"; expect_err "IV.K.2" "IV.K.2"
run lp hotlist add --plate "$P" --case ERO-2026-7 --tracking ERO-T-0042
expect_rc 0 "hotlist add"; expect_out "kept until 2031-03-02" "ledger kept five years"
run lp hotlist list
expect_rc 0 "hotlist list"; expect_out "$P +.*ERO-2026-7 +ERO-T-0042" "entry listed"
expect_no_out "Quill" "no refused note stored"
run lp --json hotlist ledger
expect_eq "$(json '[(r["event"], r["case"], r["tracking"]) for r in d["results"]]')" "[('add', 'ERO-2026-7', 'ERO-T-0042')]" "ledger row"
run lp hotlist add --plate "$P" --case HSI-2026-1
expect_rc 0 "second case, no tracking number"; expect_out "second case" "ledger names it"
run lp --json hotlist ledger
expect_eq "$(json '[(r["case"], r["tracking"]) for r in d["results"]]')" "[('ERO-2026-7', 'ERO-T-0042'), ('HSI-2026-1', None)]" "both cases in the ledger"
run lp hotlist review
expect_rc 0 "review"; expect_out "ok +$P" "entry reviewed"
run lp case close ERO-2026-7
expect_rc 0 "close case"; expect_out "IV.K.4" "reminds to remove"
run lp hotlist review
expect_rc 0 "review after close"; expect_out "^IV.K.1 +$P +stale" "closed case named stale"
run lp hotlist remove --plate "$P" --reason "case closed, plate no longer needed"
expect_rc 0 "remove"
run lp --now 2031-03-03T09:00:00Z hotlist review
expect_rc 0 "review five years on"; expect_out "IV.K.3 .*hotlist purge" "purge due"
run lp --now 2031-03-03T09:00:00Z --json hotlist purge
expect_rc 0 "purge"; expect_eq "$(json 'd["purged"] >= 3')" True "rows purged"
expect_eq "$(sqlite3 "$LPRSIM_DB" "SELECT count(*) FROM hotlist_ledger")" 0 "ledger empty"
run lp hotlist purge --help
expect_rc 0 "purge --help"; expect_out "IV.K.3" "help names the rule"

# ---- enforcement: structured corroboration ----
R=$(sqlite3 "$LPRSIM_DB" "SELECT id FROM reads WHERE plate='$P' AND confidence>0.95 ORDER BY id LIMIT 1")
run lp enforce --read "$R" --case HSI-2026-1
expect_rc 3 "enforce on LPR alone"; expect_err "IV.A.3" "IV.A.3"
run lp enforce --read "$R" --case HSI-2026-1 --corroboration "officer saw the car"
expect_rc 2 "corroboration without a kind"; expect_err "KIND:TEXT" "names the syntax"
run lp enforce --read "$R" --case HSI-2026-1 --corroboration "lpr: the plate again at the toll plaza"
expect_rc 3 "LPR-derived kind"; expect_err "IV.A.3.*LPR-derived" "IV.A.3"
run lp enforce --read "$R" --case HSI-2026-1 --corroboration "visual: seen on a vendor photo of the lot"
expect_rc 3 "LPR-derived words"; expect_err "IV.A.3.*LPR-derived" "whatever the kind"
run lp --json enforce --read "$R" --case HSI-2026-1 --corroboration "witness: informant says the suspect drives it daily" --approval SUP-1234
expect_rc 0 "witness corroboration"; expect_eq "$(json 'd["corroboration"][0]["kind"]')" witness "kind recorded"

# ---- sharing: the partner registry ----
run lp partner add --name "Port Calder Police Department" --kind local --jurisdiction "Port Calder, KS"
expect_rc 3 "a trainee cannot register"; expect_err "refused \(IV.C\)" "IV.C"
run lp --user ivy partner add --name "Port Calder Police Department" --kind local --jurisdiction "Port Calder, KS"
expect_rc 0 "instructor registers"
run lp --user ivy partner add --name "Prairie Turnpike Authority" --kind commercial --jurisdiction Kansas
expect_rc 0 "a company, as commercial"
run lp partner list
expect_rc 0 "partner list"; expect_out "Port Calder Police Department +local" "listed"
run lp share --to "Port Calder Police Department" --read "$R" --case HSI-2026-1
expect_rc 0 "share with a partner"; expect_out "IV.C .*registered" "IV.C"
run lp share --to "Prairie Data Broker LLC" --read "$R" --case HSI-2026-1
expect_rc 3 "share to commercial"; expect_err "refused \(IV.C\).*commercial" "by name"
run lp share --to "Prairie Turnpike Authority" --read "$R" --case HSI-2026-1
expect_rc 3 "share to a registered company"; expect_err "refused \(IV.C\)" "by kind"
run lp share --to "County Task Force" --read "$R" --case HSI-2026-1
expect_rc 3 "unknown recipient"; expect_err "refused \(IV.C\).*not in the partner registry" "fails closed"
run lp share --to "Port Calder Police Department" --read "$R"
expect_rc 3 "share without a case"; expect_err "refused \(IV.A.1\)" "IV.A.1"

# ---- agency devices: upload window, evidence hold, wipe, case file ----
AG=$(sqlite3 "$LPRSIM_DB" "SELECT plate FROM reads r JOIN cameras c ON c.id=r.camera_id WHERE c.owner='agency' GROUP BY plate ORDER BY count(*) DESC, plate LIMIT 1")
CAM=$(sqlite3 "$LPRSIM_DB" "SELECT r.camera_id FROM reads r WHERE r.plate='$AG' AND r.camera_id IN (SELECT id FROM cameras WHERE owner='agency') GROUP BY r.camera_id ORDER BY count(*) DESC LIMIT 1")
set -- $(sqlite3 "$LPRSIM_DB" "SELECT id FROM reads WHERE plate='$AG' AND camera_id='$CAM' ORDER BY id LIMIT 2")
R_UP=$1 R_HOLD=$2
on_cam=$(sqlite3 "$LPRSIM_DB" "SELECT count(*) FROM reads WHERE camera_id='$CAM'")
lp case add --number ERO-2026-9 --type civil --target "$AG" >/dev/null
run lp upload --read "$R_UP" --case ERO-2026-9
expect_rc 0 "upload"; expect_out "device wipe" "reminds to wipe"
sqlite3 "$LPRSIM_DB" "INSERT INTO reads(plate,state,observed_at,camera_id,lat,lon,confidence,source) SELECT plate,state,strftime('%s','2016-05-01'),camera_id,lat,lon,confidence,source FROM reads WHERE id=$R_UP"
OLD=$(sqlite3 "$LPRSIM_DB" "SELECT max(id) FROM reads")
run lp upload --read "$OLD" --case ERO-2026-9
expect_rc 3 "upload outside the look-back"; expect_err "refused \(IV.J.2\).*look-back" "IV.J.2"
run lp evidence hold --read "$R_HOLD" --case ERO-2026-9 --reason "original evidence of the removal target route"
expect_rc 0 "evidence hold"
run lp --json device wipe --camera "$CAM"
expect_rc 0 "wipe"
expect_eq "$(json 'd["results"][0]["kept_uploaded"], d["results"][0]["kept_held"]')" "1 1" "survivors counted"
expect_eq "$(json 'd["results"][0]["deleted"]')" "$((on_cam + 1 - 2))" "the rest deleted"
expect_eq "$(sqlite3 "$LPRSIM_DB" "SELECT count(*) FROM reads WHERE camera_id='$CAM'")" 2 "two reads left"
expect_eq "$(sqlite3 "$LPRSIM_DB" "SELECT results LIKE '%uploaded $R_UP%' AND results LIKE '%held $R_HOLD%' FROM audit WHERE action='device wipe' ORDER BY id DESC LIMIT 1")" 1 "audit names the survivors"
run lp --json case file ERO-2026-9
expect_rc 0 "case file"; expect_eq "$(json '[r["read_id"] for r in d["results"]]')" "[$R_UP]" "lists the upload"
run lp device wipe --camera cam-21
expect_rc 3 "wipe a toll camera"; expect_err "IV.F" "IV.F"

# ---- referring misuse ----
run lp refer --person bob --reason "looked up one plate under unrelated cases"
expect_rc 0 "refer"; expect_out "IV.M.2 .*referred" "referral recorded"
run lp refer --help
expect_rc 0 "refer --help"; expect_out "Office of Professional" "help"

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
