#!/bin/sh
# t_audit.sh - the audit log from the command line: entries by hand,
# list/export, the quarterly review, checkpoint keys, and tampering with
# the database through sqlite3 (a changed reason, a cut tail, a forged
# checkpoint) that 'audit verify' must catch with exit 4.
. "$(dirname "$0")/lib.sh"

: >"$LPRSIM_DB"      # an empty file becomes a fresh database
export LPRSIM_NOW=2026-04-02T09:00:00Z
lp roster add --id alice --name "Alice Example" >/dev/null
lp roster add --id ivan --name "Ivan Instructor" --role instructor >/dev/null
sqlite3 "$LPRSIM_DB" "INSERT INTO cases(number,type,status,opened_at) VALUES
  ('2026-CR-0001','criminal','open',0);
  INSERT INTO cases(number,type,status,opened_at,closed_at) VALUES
  ('2025-CR-0099','criminal','closed',0,1767225600);"

# ---- audit add: the six fields by hand ----
run lp --user alice audit add --plate exa-1234 --case 2026-CR-0001 \
    --reason "Suspect vehicle in armed robbery downtown" \
    --results "2 reads, 2026-01-30" --at 2026-02-01T10:00:00Z --source PartnerNet
expect_rc 0 "audit add"; expect_out '^verdict: allow IV\.M\.1 \(audit entry 1,' "names the entry"
expect_out '^recorded by hand: EXA1234, case 2026-CR-0001, 2026-02-01T10:00:00Z' "what was recorded"

run lp --user alice --json audit add --plate EXA1234 --case 2026-CR-0001 \
    --reason "investigation" --results "2 reads" --at 2026-02-02
expect_rc 3 "vague reason refused"
expect_err "refused \(IV\.M\.1\): 'investigation' is too vague" "names rule and reason"
expect_out '"verdict":"deny","rules":\["IV.M.1"\]' "contract JSON"
expect_out '"audit_id":2' "refusal is audited"

run lp --user alice audit add --plate EXA1234 --case 2026-CR-0001 \
    --reason "Driver was seen at the protest downtown" --results "1 read" --at 2026-02-02
expect_rc 3 "First Amendment reason refused"; expect_err 'refused \(IV\.E\)' "by the policy engine's rule"

run lp --user alice audit add --plate EXA1234 --reason "Suspect vehicle in armed robbery downtown"
expect_rc 3 "missing fields refused"; expect_err 'refused \(IV\.M\.1\): no case number' "names the missing field"
expect_out '^deny +IV\.M\.1 +no results' "and the other"

run lp --user mallory audit add --plate EXA1234 --case 2026-CR-0001 --reason x --results y
expect_rc 2 "unknown user"; expect_err "unknown user 'mallory'" "says so"

run lp --user alice audit add --plate 'EX*' --case 2026-CR-0001 --reason x --results y
expect_rc 3 "wildcard plate"; expect_err 'refused \(IV\.B\): wildcard plate' "the engine's rule"

run lp --user alice audit add --plate EXA1234 --case 2026-CR-0001 \
    --reason "Suspect vehicle in armed robbery downtown" --results "1 read" --at 2026-05-01
expect_rc 2 "future --at"; expect_err 'after the sandbox clock' "says so"

run lp --user alice audit add --plate EXB5678 --case 2025-CR-0099 \
    --reason "Witness saw the car leave the burglary" --results "1 read" --at 2026-02-03
expect_rc 0 "closed case recorded"; expect_out '^warn +IV\.A\.1 +case 2025-CR-0099 was closed' "with a warning"

# a stalker: one plate, one person, changing reasons
i=0
for r in "Suspect vehicle in armed robbery downtown" "Witness statement about hit and run" \
         "Tip about burglary suspect vehicle"; do
    i=$((i + 1))
    lp --user alice audit add --plate EXC0001 --case 2026-CR-0001 --reason "$r" \
        --results "1 read" --at "2026-03-0${i}T08:00:00Z" >/dev/null
done

# ---- list and export ----
run lp audit list --plate exc0001
expect_rc 0 "list"; expect_out '^#7 .* alice audit add plate=EXC0001' "filtered by plate"
expect_no_out 'EXA1234' "only that plate"
run lp --json audit list --user alice --limit 2
expect_out '"count":2' "limit"; expect_out '"id":8' "newest kept"
run lp audit list --case 2026-CR-0001 --from 2026-02-01 --to 2026-02-01
expect_out '^#1 ' "time window"; expect_no_out '^#7 ' "outside the window"

lp --user alice audit add --plate EXD0002 --case 2026-CR-0001 \
    --reason "=HYPERLINK(\"x\") suspect vehicle robbery" --results "+1 read" >/dev/null
run lp audit export "$T/audit.csv"
expect_rc 0 "export"; expect_out 'exported 10 audit entries' "counts"
run head -1 "$T/audit.csv"
expect_out '^id,at,user_id,action,plate,case_number,reason,results,verdict' "header"
run grep -c "'=HYPERLINK" "$T/audit.csv"
expect_out '^1$' "formula guarded"
run lp audit export -
expect_out "^10,2026-04-02T09:00:00Z,alice,audit add,EXD0002" "to stdout"

# ---- review ----
run lp --user ivan audit review --quarter 2026Q1
expect_rc 0 "review"
expect_out '^IV\.M\.2 +alice looked up EXC0001 3 times' "stalker found"
expect_out '^IV\.A\.1 +entry 6 .*case 2025-CR-0099 was closed' "closed case"
expect_out '^warn +IV\.M\.2 +no earlier audit review' "first review warns"
expect_out 'recorded as review 1' "recorded"
run lp --user ivan --json audit review --quarter 2026Q1
expect_out '"kind":"repeated-plate"' "json findings"; expect_out '"review_id":2' "second review"
expect_no_out 'no earlier' "recent review: no warning"
run lp --user ivan audit review --quarter 2026Q9
expect_rc 2 "bad quarter"; expect_err "is not a quarter" "says so"
run lp --user ivan --now 2027-01-10 audit review --quarter 2026Q4
expect_rc 0 "late review"; expect_out 'over a quarter ago' "warns"

# ---- verify, keys, checkpoints ----
run lp audit verify
expect_rc 0 "intact"; expect_out 'audit log ok: 13 entries' "counts"
expect_err 'no signed checkpoint' "warns without checkpoint"

run lp audit keygen --out "$T/keys"
expect_rc 0 "keygen"; expect_out 'secret: .*audit.key' "paths"
run lp audit keygen --out "$T/keys"
expect_rc 1 "keygen again"; expect_err 'never overwritten' "refused"
chmod 644 "$T/keys/audit.key"
run lp audit checkpoint --key "$T/keys/audit.key"
expect_rc 1 "open key refused"; expect_err 'open to group or others' "says why"
chmod 600 "$T/keys/audit.key"
run lp audit checkpoint --key "$T/keys/audit.pub"
expect_rc 2 "public key given"; expect_err 'is the audit public key' "says so"
run lp audit verify --checkpoint "$T/none.json" --pubkey "$T/keys/audit.pub"
expect_rc 1 "missing checkpoint file"; expect_err 'none.json: cannot open' "names it"
run lp audit checkpoint --key "$T/keys/audit.key" --out "$T/ck.note"
expect_rc 0 "checkpoint"; expect_out 'checkpoint 1 signed: 13 entries' "signed"
run lp audit verify
expect_rc 0 "with checkpoint, no pinned key"; expect_out '1 checkpoint\(s\) not checked \(no pinned key\); 13 entries not covered' "trusts no key the database names"
expect_err 'no pinned audit public key \(give --pubkey FILE\)' "says so"
run lp audit verify --require-covered
expect_rc 2 "--require-covered needs the pinned key"; expect_err 'needs the pinned key' "says so"
run lp audit verify --pubkey "$T/keys/audit.pub" --require-covered
expect_rc 0 "all covered"; expect_out '1 checkpoint\(s\) match, signed by key .*; 0 entries not covered' "checked"

run lp audit verify --pubkey "$T/keys/audit.pub"
expect_rc 0 "with --pubkey"; expect_no_out 'database names' "own key"
run lp audit export /nonexistent-dir/x.csv
expect_rc 1 "unwritable export"; expect_err 'cannot write' "says so"
run lp audit export
expect_rc 2 "export without FILE"; expect_err 'give one FILE' "says so"

cp "$LPRSIM_DB" "$T/clean.db"

# a changed reason
sqlite3 "$LPRSIM_DB" "UPDATE audit SET reason='Owner asked' WHERE id=4"
run lp audit verify
expect_rc 4 "changed reason"; expect_err 'entry 4 was changed' "names entry 4"
run lp --json audit verify
expect_rc 4 "json too"; expect_out '"ok":false,"entries":13,"first_bad":4' "json names it"
run lp --user ivan audit review --quarter 2026Q1
expect_rc 0 "review of a tampered log"; expect_out '^IV\.M\.2 +the audit log is not intact: entry 4 was changed' "says so first"
run lp audit checkpoint --key "$T/keys/audit.key"
expect_rc 4 "broken chain not signed"; expect_err 'not intact, not signed: entry 4 was changed' "says why"

# the last rows deleted after the checkpoint
cp "$T/clean.db" "$LPRSIM_DB"
sqlite3 "$LPRSIM_DB" "DELETE FROM audit WHERE id>9"
run lp audit verify
expect_rc 4 "cut tail"
expect_err 'log shorter than checkpoint 1 \(13 entries signed, 9 present\)' "names the checkpoint"
expect_err 'first bad entry 10' "first missing entry"

# ... and the id counters and checkpoints too: only the file carried off
# the machine sees it
sqlite3 "$LPRSIM_DB" "DELETE FROM audit_checkpoints; DELETE FROM sqlite_sequence WHERE name='audit_checkpoints'; UPDATE sqlite_sequence SET seq=9 WHERE name='audit'"
run lp audit verify --pubkey "$T/keys/audit.pub"
expect_rc 0 "database alone cannot see it"
run lp audit verify --checkpoint "$T/ck.note" --pubkey "$T/keys/audit.pub"
expect_rc 4 "checkpoint file"; expect_err 'log shorter than ck.note \(13 entries signed, 9 present\)' "names the file"
# a cut with the counter left alone shows without any checkpoint
cp "$T/clean.db" "$LPRSIM_DB"
sqlite3 "$LPRSIM_DB" "DELETE FROM audit WHERE id>11; DELETE FROM audit_checkpoints"
run lp audit verify
expect_rc 4 "cut tail, no checkpoint"; expect_err 'entries 12 to 13 were deleted at the tail' "the id counter shows it"
expect_err 'checkpoint 1 was deleted' "and the deleted checkpoint"

# a deleted middle row
cp "$T/clean.db" "$LPRSIM_DB"
sqlite3 "$LPRSIM_DB" "DELETE FROM audit WHERE id=5"
run lp audit verify
expect_rc 4 "deleted row"; expect_err 'entry 5 is missing' "names it"

# two rows swapped
cp "$T/clean.db" "$LPRSIM_DB"
sqlite3 "$LPRSIM_DB" "UPDATE audit SET id=-1 WHERE id=3; UPDATE audit SET id=3 WHERE id=7; UPDATE audit SET id=7 WHERE id=-1"
run lp audit verify
expect_rc 4 "swapped rows"; expect_err 'entry 3 does not follow entry 2' "names it"

# a forged checkpoint: the count raised after signing
cp "$T/clean.db" "$LPRSIM_DB"
sqlite3 "$LPRSIM_DB" "UPDATE audit_checkpoints SET entries=10"
run lp audit verify --pubkey "$T/keys/audit.pub"
expect_rc 4 "forged checkpoint"; expect_err 'signature does not verify' "says so"

# a checkpoint signed with a trainee's own key
cp "$T/clean.db" "$LPRSIM_DB"
lp audit keygen --out "$T/mine" >/dev/null
lp audit checkpoint --key "$T/mine/audit.key" >/dev/null
run lp audit verify --pubkey "$T/keys/audit.pub"
expect_rc 4 "foreign key"; expect_err 'not the audit key' "says so"

# export of the checkpoints
cp "$T/clean.db" "$LPRSIM_DB"
run lp audit checkpoint --export -
expect_rc 0 "export checkpoint"; expect_out '^lprsim\.local/audit/[0-9a-f]{16}$' "C2SP origin line"
expect_out '^13$' "size"; expect_out '^— lprsim-audit-[0-9a-f]{16} [A-Za-z0-9+/=]{90,}$' "signature line"
# the note verifies independently of lprsim (the spec's steps in node)
run node "$ROOT/tests/e2e/note_verify.mjs" "$T/ck.note" "$T/keys/audit.pub"
expect_rc 0 "independent signed-note check"; expect_out '^ok 13 ' "verified"
sed 's/^13$/14/' "$T/ck.note" > "$T/ck-forged.note"
run node "$ROOT/tests/e2e/note_verify.mjs" "$T/ck-forged.note" "$T/keys/audit.pub"
expect_rc 1 "a changed note fails the independent check"
run lp audit verify --checkpoint "$T/ck-forged.note" --pubkey "$T/keys/audit.pub"
expect_rc 4 "and lprsim's"; expect_err 'no valid signature by the audit key' "says so"
run lp audit checkpoint
expect_rc 2 "no key"; expect_err 'give --key FILE' "says so"
run lp --json audit checkpoint --key "$T/keys/audit.key"
expect_rc 0 "checkpoint --json"; expect_out '^\{"checkpoint":2,"entries":13,"head":"[0-9a-f]{64}"' "json"
run lp --json audit keygen --out "$T/k3"
expect_rc 0 "keygen --json"; expect_out '"key_id":"[0-9a-f]{16}"' "json"
LPRSIM_AUDIT_KEY="$T/k3/audit.key" run lp audit checkpoint
expect_rc 0 "key from the environment"; expect_out 'checkpoint 3 signed' "signed"
run lp --json audit verify --pubkey "$T/keys/audit.pub"
expect_rc 4 "mixed keys"; expect_out '"checkpoint":"checkpoint 3",[^}]*"ok":false' "names the foreign one"

# ---- queries through the action layer, then tampering with them ----
export LPRSIM_DB="$T/q.db"
lp --quiet init --vehicles 40 --days 20 --reads 1500 >/dev/null 2>&1
lp roster add --id bob --name "Bob Example" >/dev/null
lp --user bob case add --number 2026-CR-0002 --type criminal --violation 8USC1324 \
    --opened 2026-01-01 >/dev/null
P=$(sqlite3 "$LPRSIM_DB" "SELECT plate FROM reads GROUP BY plate ORDER BY count(*) DESC, plate LIMIT 1")
for r in "Suspect vehicle in smuggling ring at the port" \
         "Vehicle seen near the warehouse burglary" \
         "Owner wanted for questioning about stolen trailer"; do
    lp --user bob query --plate "$P" --from 2026-03-20 --to 2026-04-01 \
        --case 2026-CR-0002 --reason "$r" >/dev/null
done
run lp --user bob query --plate "$P" --from 2010-01-01 --to 2026-04-01 \
    --case 2026-CR-0002 --reason "Suspect vehicle in smuggling ring at the port"
expect_rc 3 "query beyond the statute"
run lp audit list --plate "$P"
expect_out "^#5 .* bob query plate=$P case=2026-CR-0002 deny IV.J.1" "refused query audited"
expect_out "results: [0-9]+ reads: " "results recorded"
lp roster add --id ivan --name "Ivan Instructor" --role instructor >/dev/null
run lp --user ivan audit review --quarter 2026Q2
expect_out "^IV\.J\.1 +entry 5 .* refused query" "review: refused attempt"
expect_out "^IV\.M\.2 +bob looked up $P 4 times" "review: repeated look-ups"
run lp audit checkpoint --key "$T/keys/audit.key"
expect_out 'checkpoint 1 signed: 6 entries' "signed"
cp "$LPRSIM_DB" "$T/q-clean.db"
# hide what a query returned
sqlite3 "$LPRSIM_DB" "UPDATE audit SET results='0 reads' WHERE id=3"
run lp audit verify --pubkey "$T/keys/audit.pub"
expect_rc 4 "query results rewritten"; expect_err 'entry 3 was changed' "names it"
# delete the refused query and everything after it
cp "$T/q-clean.db" "$LPRSIM_DB"
sqlite3 "$LPRSIM_DB" "DELETE FROM audit WHERE id>=5"
run lp audit verify --pubkey "$T/keys/audit.pub"
expect_rc 4 "refused query cut"
expect_err 'log shorter than checkpoint 1 \(6 entries signed, 4 present\)' "names the checkpoint"
# a query appended after the cut does not hide it
lp --user bob query --plate "$P" --from 2026-03-20 --to 2026-04-01 \
    --case 2026-CR-0002 --reason "Suspect vehicle in smuggling ring at the port" >/dev/null
run lp audit verify --pubkey "$T/keys/audit.pub"
expect_rc 4 "cut then appended"; expect_err 'log shorter than checkpoint 1 \(6 entries signed, 5 present\)' "still seen"

# ---- automatic checkpoints every N entries (what the training host runs)
export LPRSIM_DB="$T/auto.db"
: > "$LPRSIM_DB"
lp roster add --id carol --name "Carol Example" >/dev/null
for i in 1 2 3 4 5; do
    LPRSIM_AUDIT_KEY="$T/keys/audit.key" LPRSIM_AUDIT_EVERY=2 lp --user carol \
        audit add --plate EXA000$i --case 2026-CR-0001 --results "1 read" \
        --reason "Suspect vehicle in armed robbery downtown" --at 2026-02-01 >/dev/null 2>&1
done
run lp audit verify --pubkey "$T/keys/audit.pub"
expect_rc 0 "auto checkpoints"; expect_out '2 checkpoint\(s\) match.*; 1 entry not covered' "every 2 entries"
run lp audit verify --pubkey "$T/keys/audit.pub" --require-covered
expect_rc 4 "one entry uncovered"; expect_err '1 entry lies after the last verified checkpoint' "says how many"
run lp audit checkpoint --key "$T/keys/audit.key" --every 2
expect_rc 0 "below N: nothing signed"; expect_out 'no checkpoint signed: fewer than 2' "says so"
run lp audit checkpoint --key "$T/keys/audit.key" --every 1 --out "$T/auto.note"
expect_rc 0 "at N: signed"; expect_out '^checkpoint 3 signed' "the third"
run lp audit verify --pubkey "$T/keys/audit.pub" --require-covered --checkpoint "$T/auto.note"
expect_rc 0 "all covered now"; expect_out '; 0 entries not covered' "none left"
LPRSIM_AUDIT_KEY="$T/keys/audit.key" LPRSIM_AUDIT_EVERY=zero run lp --user carol \
    audit add --plate EXA0009 --case 2026-CR-0001 --results "1 read" \
    --reason "Suspect vehicle in armed robbery downtown" --at 2026-02-01
expect_rc 0 "a bad N does not undo the action"; expect_err "LPRSIM_AUDIT_EVERY 'zero' is not a positive number" "warns"

# ---- read-only commands on a read-only database in a read-only folder
RO="$T/ro"; mkdir "$RO"; cp "$T/auto.db" "$RO/r.db"; cp "$T/keys/audit.pub" "$RO/"
chmod 444 "$RO/r.db"; chmod 555 "$RO"; chmod 755 "$T"
if [ "$(id -u)" = 0 ]; then as_user() { su nobody -s /bin/sh -c "$*"; }; else as_user() { sh -c "$*"; }; fi
run as_user "LPRSIM_DB=$RO/r.db $LPRSIM_BIN audit verify --pubkey $RO/audit.pub"
expect_rc 0 "verify on a read-only file"; expect_out 'audit log ok: 6 entries' "reads it"
run as_user "LPRSIM_DB=$RO/r.db $LPRSIM_BIN audit export -"
expect_rc 0 "audit export on a read-only file"; expect_out '^6,' "all rows"
run as_user "LPRSIM_DB=$RO/r.db $LPRSIM_BIN audit checkpoint --export -"
expect_rc 0 "checkpoint export on a read-only file"
run as_user "LPRSIM_DB=$RO/r.db $LPRSIM_BIN export reads -"
expect_rc 0 "export reads on a read-only file"
chmod 755 "$RO"

# ---- foreign schema objects: every open for writing refuses, verify names
export LPRSIM_DB="$T/fs.db"
cp "$T/auto.db" "$LPRSIM_DB"
sqlite3 "$LPRSIM_DB" "CREATE TRIGGER hide AFTER INSERT ON audit WHEN new.user_id='carol' BEGIN DELETE FROM audit WHERE id=new.id; END"
run lp --user carol audit add --plate EXA0010 --case 2026-CR-0001 --results "1 read" \
    --reason "Suspect vehicle in armed robbery downtown"
expect_rc 4 "write open refused"; expect_err "foreign trigger 'hide' on audit is not in the schema lprsim made" "names it"
run lp audit verify --pubkey "$T/keys/audit.pub"
expect_rc 4 "verify refuses"; expect_err "foreign trigger 'hide'" "names it"
sqlite3 "$LPRSIM_DB" "DROP TRIGGER hide; CREATE VIEW v AS SELECT 1"
run lp audit verify; expect_rc 4 "a view"; expect_err "foreign view 'v'" "names it"
sqlite3 "$LPRSIM_DB" "DROP VIEW v; DROP TABLE audit_checkpoints"
run lp audit verify; expect_rc 4 "dropped checkpoints table: exit 4"; expect_err "table 'audit_checkpoints' is missing" "names it"
cp "$T/auto.db" "$LPRSIM_DB"; sqlite3 "$LPRSIM_DB" "PRAGMA user_version=-3"
run lp audit verify; expect_rc 4 "negative schema version"; expect_err 'schema version -3 is not one lprsim writes' "says so"

# ---- a database of schema 1 (lprsim 0.1): migrated to STRICT tables
FX="$ROOT/tests/fixtures/audit-v1"
export LPRSIM_DB="$T/v1.db"
sqlite3 "$LPRSIM_DB" < "$FX/v1.sql"
mkdir "$T/ro1"; cp "$LPRSIM_DB" "$T/ro1/v1.db"; chmod 444 "$T/ro1/v1.db"; chmod 555 "$T/ro1"
run as_user "LPRSIM_DB=$T/ro1/v1.db $LPRSIM_BIN audit verify"
expect_rc 1 "an old database nobody may write"; expect_err 'made by an older lprsim \(schema 1\): it is upgraded when opened for writing' "says what to do"
chmod 755 "$T/ro1"
run lp audit verify --pubkey "$FX/audit.pub"
expect_rc 0 "verify upgrades a database it may write"; expect_out '6 entries, chain intact; 1 checkpoint\(s\) match' "the v1 chain and checkpoint"
run lp --user alice audit add --plate EXA1006 --case 2026-CR-0001 --results "6 reads" \
    --reason "Suspect vehicle in armed robbery downtown" --at 2026-02-06T10:00:00Z
expect_rc 0 "migrated on the first write"; expect_out 'audit entry 7' "appends after the old entries"
run lp audit verify --pubkey "$FX/audit.pub"
expect_rc 0 "old chain and checkpoint still verify"; expect_out '7 entries, chain intact; 1 checkpoint\(s\) match' "v1 hashes and signature"
run sqlite3 "$LPRSIM_DB" "SELECT group_concat(strict) FROM pragma_table_list WHERE name IN ('audit','audit_checkpoints','audit_reviews')"
expect_out '^1,1,1$' "the three tables are STRICT"
sqlite3 "$LPRSIM_DB" "UPDATE audit SET reason='Owner asked' WHERE id=3"
run lp audit verify --pubkey "$FX/audit.pub"
expect_rc 4 "a changed v1 entry"; expect_err 'entry 3 was changed' "found"
export LPRSIM_DB="$T/v1bad.db"
sqlite3 "$LPRSIM_DB" < "$FX/v1.sql"
sqlite3 "$LPRSIM_DB" "UPDATE audit SET at=CAST(at AS TEXT)||'x' WHERE id=2"
run lp roster list
expect_rc 4 "a type trick in an old log"; expect_err 'cannot move the audit log to strict tables: cannot store TEXT value in INTEGER column' "migration refused"

finish
