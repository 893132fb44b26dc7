#!/bin/sh
# t_report.sh - the instructor's and coordinator's records end to end:
# roster import/export (BOM, all or nothing, file:line:column, re-import
# updates, formula guard), report class/rules/due/person in text (80
# columns), --json and --csv, and xAPI statements: every kind checked by
# an independent validator (npm @learninglocker/xapi-validation, installed
# by make deps), posted to a minimal LRS on 127.0.0.1 (tests/xapi/lrs.js)
# with a retry, and posted again without sending anything twice.
. "$(dirname "$0")/lib.sh"
: "${CERTFIX:?CERTFIX must name the certificate fixture (make test-e2e)}"
X="$ROOT/tests/xapi"
export LPRSIM_NOW=2026-03-02T09:00:00Z
lp init --quiet --seed 1 --vehicles 30 --days 30 --reads 500 >/dev/null 2>&1 \
    || { echo "t_report: init failed"; exit 1; }
people() { sqlite3 "$LPRSIM_DB" "SELECT count(*) FROM people"; }
wide() { printf '%s\n' "$OUT" | awk 'length($0) > 80' | head -n 1; }

# ---- roster import
printf '\357\273\277id,name,login,role,unit,email\r\n' > "$T/r.csv"
printf 't.alvarez,Tomás Alvarez,talvarez,trainee,North,t.alvarez@training.example\r\n' >> "$T/r.csv"
printf 'b.okafor,"=HYPERLINK(""x""), Ben",bokafor,trainee,North,\r\n' >> "$T/r.csv"
printf 'c.reyes,Cam Reyes,,trainee,South,\r\n' >> "$T/r.csv"
printf 'instr,Ida Instructor,ida,instructor,,\r\n' >> "$T/r.csv"
run lp roster import "$T/r.csv"
expect_rc 0 "import with a BOM"; expect_out '4 rows: 4 added' "four added"
run lp roster import "$T/r.csv"
expect_rc 0 "again"; expect_out '0 added, 0 updated, 4 unchanged' "re-import changes nothing"
expect_eq "$(people)" 4 "no duplicates"
sed 's/Cam Reyes,,trainee,South/Cam Reyes,creyes,trainee,West/' "$T/r.csv" > "$T/r2.csv"
run lp roster import "$T/r2.csv"
expect_out '1 updated, 3 unchanged' "an edited row updates"
expect_eq "$(sqlite3 "$LPRSIM_DB" "SELECT login||' '||unit FROM people WHERE id='c.reyes'")" "creyes West" "updated in place"

printf 'id,name,login,role,unit,email\nd.new,Dee New,,trainee,,\nbad id,X,,trainee,,\n' > "$T/bad1.csv"
run lp roster import "$T/bad1.csv"
expect_rc 1 "a bad id"; expect_err 'bad1\.csv:3:1: personnel id' "file:line:column"
expect_err 'nothing imported' "says nothing was imported"
expect_eq "$(people)" 4 "all or nothing: the good row before it is not added"
printf 'id,name,login,role,unit,email\nd.new,Dee New,,boss,,\n' > "$T/bad2.csv"
run lp roster import "$T/bad2.csv"
expect_rc 1 "a bad role"; expect_err 'bad2\.csv:2:4: role must be' "role column"
printf 'id,name,login,role,unit,email\nd.new,Dee New,talvarez,trainee,,\n' > "$T/bad3.csv"
run lp roster import "$T/bad3.csv"
expect_rc 1 "a login taken"; expect_err "bad3\.csv:2:3: login 'talvarez' belongs to 't\.alvarez'" "names the holder"
printf 'id,name,login,role,unit,email\nd.new,Dee,,trainee,,\nd.new,Dee,,trainee,,\n' > "$T/bad4.csv"
run lp roster import "$T/bad4.csv"
expect_rc 1 "an id twice"; expect_err "bad4\.csv:3:1: id 'd\.new' is also on line 2" "both lines"
printf 'id,name,role\nd.new,Dee,trainee\n' > "$T/bad5.csv"
run lp roster import "$T/bad5.csv"
expect_rc 1 "a wrong header"; expect_err "bad5\.csv:1:3: header has 'role' where 'login' belongs" "header"
printf 'id,name,login,role,unit,email\nd.new,"Dee,,trainee,,\n' > "$T/bad6.csv"
run lp roster import "$T/bad6.csv"
expect_rc 1 "an open quote"; expect_err 'bad6\.csv:2:2: unterminated' "names the row"
printf 'id,name,login,role,unit,email\nd.new,Dee,,trainee,,dee@\n' > "$T/bad7.csv"
run lp roster import "$T/bad7.csv"
expect_rc 1 "a bad e-mail"; expect_err 'bad7\.csv:2:6:' "e-mail column"
printf 'id,name,login,role,unit,email\nd.new,D\377e,,trainee,,\n' > "$T/bad8.csv"
run lp roster import "$T/bad8.csv"
expect_rc 1 "invalid UTF-8"; expect_err 'bad8\.csv:2:2: invalid UTF-8' "names the cell"
expect_eq "$(people)" 4 "none of the bad files added anyone"

run lp roster export
expect_rc 0 "export"
expect_out '^id,name,login,role,unit,email' "header"
expect_out "^b\.okafor,\"'=HYPERLINK\(\"\"x\"\"\), Ben\",bokafor" "formula guard"
lp roster export "$T/out.csv" >/dev/null
run lp roster import "$T/out.csv"
expect_out '0 added, 0 updated, 4 unchanged' "export then import is the same roster"
run lp roster import --help
expect_rc 0 "import --help"; expect_out 'file:line:column' "help"

# ---- exams: t.alvarez passes with the model answers, b.okafor fails
# exam USER FILE [ACTIONS]: an exam (lprsim draws its seed), answered with
# that seed's model answer or ACTIONS; sets SEED to the drawn seed
sessions_py='import json,sys
u, what = sys.argv[1], sys.argv[2]
s = [x for x in json.load(sys.stdin) if x["user"] == u and x["status"] == "active"]
print(max(s, key=lambda x: x["id"])[what] if s else "")'
exam() {
    printf 'quit\n' | lp --user "$1" scenario run --mode exam --track initial \
        "$ROOT/scenarios/$2" >/dev/null 2>&1
    sid=$(lp --json scenario list --sessions | python3 -c "$sessions_py" "$1" id)
    SEED=$(lp --json scenario list --sessions | python3 -c "$sessions_py" "$1" seed)
    lp scenario solution --seed "$SEED" "$ROOT/scenarios/$2" > "$T/sol.act"
    lp --user "$1" --quiet scenario resume --session "$sid" --actions "${3:-$T/sol.act}" >/dev/null 2>&1
}
printf 'query --plate ABC1234 --from 2020-01-01 --to 2026-01-01 --case X --reason x\n' > "$T/bad.act"
for f in misread-hit.lua one-word-reason.lua; do
    exam t.alvarez "$f"; [ "$f" = misread-hit.lua ] && SEED_T=$SEED
    exam b.okafor "$f" "$T/bad.act"; [ "$f" = misread-hit.lua ] && SEED_B=$SEED
done
# a knowledge check each (the application writes these rows)
sqlite3 "$LPRSIM_DB" "INSERT INTO lesson_progress(user_id,lesson,right_answers,questions,passed,at) VALUES('t.alvarez','queries',5,5,1,1772442000),('b.okafor','queries',2,5,0,1772442000)"

# ---- certificates: valid, expiring in 20 days, revoked
K="$T/keys"; mkdir "$K"; lp cert keygen --out "$K" >/dev/null
"$CERTFIX" "$LPRSIM_DB" "$K/issuer.key" t.alvarez initial 100 2026-02-01T09:00:00Z >/dev/null
"$CERTFIX" "$LPRSIM_DB" "$K/issuer.key" b.okafor initial 85 2025-03-22T09:00:00Z >/dev/null
"$CERTFIX" "$LPRSIM_DB" "$K/issuer.key" c.reyes initial 90 2025-12-01T09:00:00Z >/dev/null
lp --user instr cert revoke 3 --reason "left the unit" --key "$K/issuer.key" --out "$T/rev.lrl" >/dev/null

# ---- report class
run lp report class
expect_rc 0 "class"
expect_out '^t\.alvarez +Tomás Alvarez +North +1 +1 +2/2 +100\.0 valid +2027-02-01$' "t.alvarez's row"
expect_out '^b\.okafor .* +1 +0 +0/2 +0\.0 expiring 2026-03-22$' "b.okafor expiring"
expect_out '^c\.reyes .* revoked ' "c.reyes revoked"
expect_eq "$(wide)" "" "text fits 80 columns"
run lp report class --unit North
expect_no_out 'c\.reyes' "--unit filters"; expect_out '2 people' "two in North"
run lp --json report class
expect_out '"exam_passed":2' "JSON"
run lp report class --csv
expect_out '^id,name,unit,lessons,checks_passed,exams,exam_score,cert_status,cert_expires' "CSV header"
expect_out "^b\.okafor,\"'=HYPERLINK" "CSV formula guard"
run lp --json report class --csv
expect_rc 2 "--json and --csv together"

# ---- report rules
run lp report rules
expect_rc 0 "rules"
expect_out '^IV\.A\.1 +4 +2 +50\.0 ' "IV.A.1: four attempts, two failures"
expect_eq "$(wide)" "" "rules text fits 80 columns"
run lp --json report rules
expect_out '"missed":\[\{"objective":' "missed objectives in JSON"
run lp report rules --unit South
expect_out ': 0 rule attempts' "nobody of South took an exam"
run lp report rules --from 2030-01-01
expect_out ': 0 rule attempts' "--from in the future"
run lp report rules --from yesterday
expect_rc 2 "a bad --from"; expect_err "--from 'yesterday' is not a time" "says so"

# ---- report due (exit 1 when someone is due, for cron)
run lp report due --within 30d
expect_rc 1 "someone is due"
expect_out '^b\.okafor .* due +expiring 2026-03-22 +20 initial' "due in 20 days"
expect_out '^c\.reyes .* lapsed +revoked' "revoked: lapsed"
expect_no_out 't\.alvarez' "valid for long: not due"
expect_eq "$(wide)" "" "due fits 80 columns"
run lp report due --within 30d --unit West
expect_rc 1 "West: c.reyes lapsed"
run lp report due --within 10d --unit North
expect_rc 0 "nobody of North due within 10 days"; expect_out '^0 people due' "says so"
run lp --quiet report due --within 10d --unit North
expect_rc 0 "quiet"; expect_eq "$OUT" "" "--quiet prints nothing when nobody is due (cron mails nothing)"
run lp --quiet report due --within 30d
expect_rc 1 "quiet, someone due"; expect_out '^b\.okafor' "--quiet still lists them"
run lp --json report due
expect_rc 1 "JSON too"; expect_out '"due":"lapsed"' "JSON rows"
run lp report due --within soon
expect_rc 2 "a bad --within"
run lp --now 2027-06-01 report due --within 30d
expect_out '^t\.alvarez .* lapsed +expired' "expired: lapsed"

# ---- report person
run lp report person t.alvarez
expect_rc 0 "transcript"
expect_out '^Training transcript of Tomás Alvarez \(t\.alvarez\)' "heading"
expect_out "misread-hit +exam +seed $SEED_T +100\\.0% passed" "a session with its seed and score"
expect_out 'IV\.A\.1 +100%' "score per rule"
expect_out '#1 +initial .*valid' "the certificate"
expect_eq "$(wide)" "" "transcript fits 80 columns"
run lp --json report person b.okafor
expect_out "\"seed\":$SEED_B" "JSON transcript"
run lp report person nobody
expect_rc 2 "unknown person"; expect_err "'nobody' is not on the roster" "says so"

# ---- xAPI statements
run lp report xapi --homepage https://training.example --iri https://training.example/xapi/lprsim
expect_rc 0 "xapi"
printf '%s\n' "$OUT" > "$T/x.json"
run lp report xapi --homepage https://training.example --iri https://training.example/xapi/lprsim
expect_eq "$(printf '%s\n' "$OUT" | md5sum)" "$(md5sum < "$T/x.json")" "stable: the same statements, ids included"
for v in experienced attempted passed failed completed revoked; do
    if grep -q "\"id\": \"[^\"]*/verbs/$v\"" "$T/x.json"; then ok; else
        RC=0; OUT=""; ERR=""; bad "no '$v' statement"; fi
done
expect_eq "$(grep -c '"mbox"' "$T/x.json")" 0 "no e-mail without --with-email"
grep -q '"homePage": "https://training.example"' "$T/x.json" && ok || bad "account homePage"
grep -q '"https://training.example/xapi/lprsim/ext/rules": \[' "$T/x.json" && ok || bad "rule ids extension"
grep -q '"duration": "PT' "$T/x.json" && ok || bad "duration"
grep -q '"en-US": "Knowledge check: Queries and look-back windows"' "$T/x.json" && ok || bad "the lesson's title"
tr -d ' \n' < "$T/x.json" | grep -q '"en-US":"Knowledgecheck:Queriesandlook-backwindows"},"type":"http://adlnet.gov/expapi/activities/assessment"}},"timestamp":"[^"]*","result":{[^}]*}[^}]*"extensions":{"https://training.example/xapi/lprsim/ext/rules":\["IV.I","IV.J.1","IV.J.2"\]' && ok || bad "the check's rule ids from the lesson's Rules: line (IV.I-J)"
if [ -d "$X/node_modules/@learninglocker/xapi-validation" ]; then
    run node "$X/validate.js" "$T/x.json"
    expect_rc 0 "every statement valid for the independent validator"
    expect_out '^ok: [0-9]+ statements \(attempted=4 completed=3 experienced=2 failed=3 passed=3 revoked=1\)' "every kind"
    printf '[{"id":"x","actor":{},"verb":{"id":"p"},"object":{"id":"a"}}]' > "$T/bad.json"
    run node "$X/validate.js" "$T/bad.json"
    expect_rc 1 "the validator refuses a bad statement"
else
    RC=1; OUT=""; ERR="run make deps"; bad "the xAPI validator is not installed (make deps: npm ci --prefix tests/xapi)"
fi
run lp report xapi --with-email
expect_out '"mbox": "mailto:t\.alvarez@training\.example"' "--with-email"
run lp report xapi --since 2027-01-01
expect_eq "$OUT" "[]" "--since after everything"
run lp report xapi --homepage ftp://x
expect_rc 2 "a bad homepage"

# ---- posting to an LRS on 127.0.0.1 (a free port; started and stopped here)
printf 'lprsim-key:s3cret\n' > "$T/auth"; chmod 600 "$T/auth"
node "$X/lrs.js" "$T/port" "lprsim-key:s3cret" 1 > "$T/lrs.log" 2>&1 &
LRS=$!
n=0; while [ ! -s "$T/port" ] && [ $n -lt 100 ]; do n=$((n + 1)); sleep 0.1; done
URL="http://127.0.0.1:$(cat "$T/port")/xapi/"
run lp report xapi --lrs "$URL" --auth "$T/auth" --batch 4 --homepage https://training.example
expect_rc 0 "posted"; expect_out ' sent in [0-9]+ batches, 0 sent before, 1 retries' "a 503 is retried"
SENT=$(printf '%s\n' "$OUT" | sed -n 's/.*statements: \([0-9]*\) sent.*/\1/p')
expect_eq "$SENT" "$(grep -c '"verb"' "$T/x.json")" "every statement sent"
run lp report xapi --lrs "$URL" --auth "$T/auth" --homepage https://training.example
expect_rc 0 "posted again"; expect_out ': 0 sent in 0 batches, [0-9]+ sent before' "nothing twice"
expect_eq "$(grep -c '^POST' "$T/lrs.log")" "$(( (SENT + 3) / 4 ))" "the LRS got each batch once"
chmod 640 "$T/auth"
run lp report xapi --lrs "$URL" --auth "$T/auth"
expect_rc 1 "a group-readable credentials file"; expect_err 'readable or writable by group or others' "refused"
chmod 600 "$T/auth"; printf 'lprsim-key:wrong\n' > "$T/auth"
sqlite3 "$LPRSIM_DB" "DELETE FROM xapi_sent"
run lp report xapi --lrs "$URL" --auth "$T/auth"
expect_rc 1 "wrong credentials"; expect_err 'HTTP 401' "the LRS's answer"
kill "$LRS"; wait "$LRS" 2>/dev/null
printf 'lprsim-key:s3cret\n' > "$T/auth"
run lp report xapi --lrs "$URL" --auth "$T/auth" --retries 0
expect_rc 1 "the LRS is down"; expect_err "Could(n't| not) connect" "says so"
run lp report xapi --lrs "$URL"
expect_rc 2 "--lrs without --auth"
run lp report xapi --lrs http://lrs.training.example/xapi/ --auth "$T/auth"
expect_rc 2 "plain http to another machine"; expect_err 'clear text' "says why"
run lp report xapi --lrs "http://127.0.0.1.training.example/xapi/" --auth "$T/auth"
expect_rc 2 "a name that only starts like the loopback address"

# ---- the trainee's dashboard: expiry, and within 60 days what to do
printf 'b.okafor\nq\n' | lp --plain >"$T/out" 2>&1; OUT=$(cat "$T/out"); RC=0
expect_out '^Attention: Expires 2026-03-22, in 20 days: pass the refresher track to renew it\.$' "plain: expiring"
printf 't.alvarez\nq\n' | lp --plain >"$T/out" 2>&1; OUT=$(cat "$T/out")
expect_out '^Certificate valid until 2027-02-01 \(336 days\)\.$' "plain: valid, no alarm"
printf 'c.reyes\nq\n' | lp --plain >"$T/out" 2>&1; OUT=$(cat "$T/out")
expect_out '^Attention: Certificate 3 revoked' "plain: revoked"
printf 'instr\nq\n' | lp --plain >"$T/out" 2>&1; OUT=$(cat "$T/out")
expect_no_out 'Certificate|Expires' "plain: no certificate, no line"
expect_out '^  r\) records: class, people, sessions \(instructors\)' "instructors get the records"
printf 't.alvarez\nr\nq\n' | lp --plain >"$T/out" 2>&1; OUT=$(cat "$T/out")
expect_no_out 'records: class' "trainees do not"

# ---- the instructor's screen in plain mode: class, person, session steps
B1=$(sqlite3 "$LPRSIM_DB" "SELECT min(id) FROM sessions WHERE user_id='b.okafor'")
printf 'instr\nr\nb.okafor\n#%s\n\np\nq\nq\nq\nq\n' "$B1" | lp --plain >"$T/out" 2>&1
OUT=$(cat "$T/out")
expect_out '^Class overview: 4 people' "class overview"
expect_out '^Training transcript of .*\(b\.okafor\)' "the person's record"
expect_out "^Session $B1: misread-hit, exam of b\\.okafor \\(seed $SEED_B\\)" "the session"
expect_out '^1 action, score 0\.0% \(failed\)' "its score"
expect_out '^Action 1 of 1:' "stepped through"
expect_out '^     -> deny \(' "the verdict as the trainee saw it"
expect_out "^End of session $B1" "to its end"
expect_eq "$(printf '%s\n' "$OUT" | sed -n '/^Class overview/,/^End of session/p;/^End of session/q' | awk 'length($0) > 80' | head -n 1)" "" "plain records fit 80 columns"

finish
