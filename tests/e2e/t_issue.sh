#!/bin/sh
# t_issue.sh - "cert issue" checks what the track file requires and replays
# the exams: every lesson read to its end, every knowledge check passed,
# every scenario passed in an exam of this track (seed drawn by lprsim)
# started after the module's lesson, by this person.  A person who never
# opened a lesson gets nothing; an exam taken before the lesson does not
# count; a refresher counts only refresher exams in the window before the
# current certificate expires; a database edited to show a pass gets
# nothing; a refresher adds a certificate and leaves the first as it was.
. "$(dirname "$0")/lib.sh"

if ! lp scenario solution --help >/dev/null 2>&1; then
    RC=1; OUT=""; ERR=""; bad "this build has no 'scenario solution' command"
    finish; exit $?
fi
lp init --quiet >/dev/null 2>&1 || { echo "t_issue: init failed"; exit 1; }
lp roster add --id t.alvarez --name "Tess Alvarez" >/dev/null
lp roster add --id b.okafor --name "Ben Okafor" >/dev/null
lp roster add --id c.lazy --name "Cal Lazy" >/dev/null
K="$T/keys"; mkdir "$K"
lp cert keygen --out "$K" >/dev/null

# the scenario files and lessons of a track, from its JSON
track_files() { sed -n 's/.*"file": *"\([^"]*\)".*/\1/p' "$ROOT/curriculum/tracks/$1.json" | sort -u; }
track_lessons() { sed -n 's/.*"lesson": *"lessons\/\([^"]*\)\.md".*/\1/p' "$ROOT/curriculum/tracks/$1.json" | sort -u; }
FILES=$(track_files initial)
[ -n "$FILES" ] && ok || bad "the initial track lists no scenario"

# What the trainee application records when a person reads a lesson to its
# end and passes its check (t_plain drives the application itself); AGO:
# seconds before now.
lessons_done() { # USER TRACK AGO
    for l in $(track_lessons "$2"); do
        sqlite3 "$LPRSIM_DB" "INSERT OR REPLACE INTO lesson_reads VALUES('$1','$l',strftime('%s','now')-($3));
            INSERT OR REPLACE INTO lesson_progress(user_id,lesson,right_answers,questions,passed,at,attempts)
            VALUES('$1','$l',3,3,1,strftime('%s','now')-($3),1);"
    done
}
sessions_py='import json,sys
u, what = sys.argv[1], sys.argv[2]
s = [x for x in json.load(sys.stdin) if x["user"] == u and x["status"] == "active"]
print(max(s, key=lambda x: x["id"])[what] if s else "")'
# exam USER FILE TRACK [ACTIONS]: starts an exam (lprsim draws the seed),
# answers with that seed's model answer (or ACTIONS) and finishes it.
exam() {
    printf 'quit\n' | lp --user "$1" scenario run --mode exam --track "$3" \
        "$ROOT/scenarios/$2" >"$T/exam.out" 2>&1
    sid=$(lp --json scenario list --sessions | python3 -c "$sessions_py" "$1" id)
    seed=$(lp --json scenario list --sessions | python3 -c "$sessions_py" "$1" seed)
    if [ -z "$sid" ]; then RC=9; OUT=$(cat "$T/exam.out"); ERR=""; return; fi
    lp scenario solution --seed "$seed" "$ROOT/scenarios/$2" > "$T/sol.act"
    run lp --user "$1" --quiet scenario resume --session "$sid" --actions "${4:-$T/sol.act}"
}

run lp --user t.alvarez cert issue --track initial --key "$K/issuer.key"
expect_rc 3 "nothing done yet: refused"; expect_err 'has not passed the initial track' "says why"

# ---- exam mode: the seed is lprsim's, one attempt at a time
F1=$(printf '%s\n' $FILES | head -n 1)
run lp --user t.alvarez scenario run --mode exam --seed 21 "$ROOT/scenarios/$F1"
expect_rc 2 "an exam seed cannot be chosen"; expect_err 'drawn by lprsim' "says why"
run lp --user t.alvarez scenario run --mode exam --track nosuch "$ROOT/scenarios/$F1"
expect_rc 2 "unknown track"
printf 'objectives\nhint\nquit\n' | lp --user t.alvarez scenario run --mode exam \
    --track initial "$ROOT/scenarios/$F1" > "$T/ex1" 2>&1
grep -q 'no hints in exam mode' "$T/ex1" && ok || { RC=0; OUT=$(cat "$T/ex1"); ERR=""; bad "exam gives no hints"; }
grep -q '^Your task: ' "$T/ex1" && ok || { RC=0; OUT=$(cat "$T/ex1"); ERR=""; bad "exam shows the task, not the objectives"; }
S1=$(lp --json scenario list --sessions | python3 -c "$sessions_py" t.alvarez seed)
[ "$S1" != "21" ] && ok || bad "a drawn seed"
run lp --user t.alvarez scenario run --mode exam --track initial "$ROOT/scenarios/$F1"
expect_rc 2 "a second exam of the same scenario while one is open"; expect_err 'one exam attempt at a time' "says why"
SID1=$(lp --json scenario list --sessions | python3 -c "$sessions_py" t.alvarez id)
run lp --user b.okafor scenario resume --session "$SID1" --actions /dev/null
expect_rc 2 "nobody else resumes a person's exam"; expect_err "is t\.alvarez's" "says whose"
lp --user t.alvarez --quiet scenario resume --session "$SID1" --actions /dev/null >/dev/null 2>&1

# ---- exams without lessons: refused, the requirements listed
exam c.lazy "$F1" initial; expect_rc 0 "c.lazy passes the exam $F1"
run lp --user c.lazy cert issue --track initial --key "$K/issuer.key"
expect_rc 3 "exams without lessons: refused"
expect_err "lesson 'queries' not read to its end" "lists an unread lesson"
expect_err "scenario $F1: no passed exam" "and the scenario"
expect_err "knowledge check of 'queries' not passed" "lists a check not passed"
# ... and lessons read only afterwards do not make those exams count
lessons_done c.lazy initial -5
run lp --user c.lazy cert issue --track initial --key "$K/issuer.key"
expect_rc 3 "exams taken before the lesson do not count"
expect_err "scenario $F1: no passed exam .*taken after the lesson" "says why"
if printf '%s\n' "$ERR" | grep -q 'not read to its end'; then bad "the lessons count now"; else ok; fi

# ---- practice runs do not count; exams after the lessons do
lessons_done t.alvarez initial 3600
lessons_done b.okafor initial 3600
lp scenario solution --seed 21 "$ROOT/scenarios/$F1" > "$T/sol.act"
lp --user b.okafor --quiet scenario run --seed 21 --actions "$T/sol.act" "$ROOT/scenarios/$F1" >/dev/null 2>&1
run lp --user b.okafor cert issue --track initial --key "$K/issuer.key"
expect_rc 3 "practice passes only: refused"; expect_err 'no passed exam' "says what is missing"
for f in $FILES; do
    exam t.alvarez "$f" initial; expect_rc 0 "t.alvarez passes the exam $f"
done
printf 'query --plate ABC1234 --from 2020-01-01 --to 2026-01-01 --case X --reason x\n' > "$T/bad.act"
exam b.okafor "$F1" initial "$T/bad.act"

# the trainee's certificate screen: ready, requested, the instructors' queue
run lp --user c.lazy cert status --track initial
expect_out '^initial: requirements left' "c.lazy: requirements left"
expect_out "^  - pass the exam of statute-expired.lua \(initial track\)" "listed"
run lp --user c.lazy cert request --track initial
expect_rc 2 "nothing to request yet"; expect_err 'requirements are left' "says why"
run lp --user t.alvarez cert status --track initial
expect_out '^initial: ready to request$' "t.alvarez: ready to request"
run lp --user t.alvarez cert request --track initial
expect_rc 0 "requested"; expect_out 'lprsim cert requests' "says where it goes"
run lp --user t.alvarez cert request --track initial
expect_rc 2 "not twice"; expect_err "status is 'requested'" "says why"
run lp cert requests
expect_out '^ +1 +t\.alvarez +initial ' "the instructors' queue"
run lp --user t.alvarez --json cert status --track initial
expect_out '"status":"requested"' "status requested"

run lp --user t.alvarez cert issue --track initial --key "$K/issuer.key"
expect_rc 0 "passed on replay: issued"
expect_out '^certificate 1$' "serial 1"; expect_out 'track +initial' "track"
expect_out 'curriculum +2026\.1, policy profile ice-2017' "curriculum and profile versions"
expect_out 'score +[0-9]+\.[0-9]{2}%' "score"
TOK1=$(printf '%s\n' "$OUT" | grep -A1 'token (for screen readers' | tail -n 1)
run lp --user t.alvarez cert status --track initial
expect_out '^initial: issued \(certificate 1\)' "issued"
printf 'c\ns\nb\nq\n' | lp --plain --user t.alvarez > "$T/pc" 2>&1
grep -q '^Your certificate, track initial: issued (certificate 1)' "$T/pc" && ok || { RC=0; OUT=$(cat "$T/pc"); ERR=""; bad "plain certificate screen"; }
grep -qF "$TOK1" "$T/pc" && ok || { RC=0; OUT=$(cat "$T/pc"); ERR=""; bad "the screen shows the token"; }
run lp cert verify "$TOK1" --pubkey "$K/issuer.pub"
expect_rc 0 "the issued token verifies"; expect_out 'person +t\.alvarez' "for t.alvarez"

run lp --user b.okafor cert issue --track initial --key "$K/issuer.key"
expect_rc 3 "failed on replay: refused"; expect_err 'IV\.H: b\.okafor has not passed' "names the rule"
expect_err 'NOT passed' "lists the failed scenarios"
sqlite3 "$LPRSIM_DB" "UPDATE sessions SET score = 100, passed = 1 WHERE user_id = 'b.okafor'"
run lp --user b.okafor cert issue --track initial --key "$K/issuer.key"
expect_rc 3 "a database edited to show a pass gets nothing"
run lp cert show
expect_no_out 'b\.okafor' "no certificate for b.okafor"

run lp --user nobody cert issue --track initial --key "$K/issuer.key"
expect_rc 2 "unknown person"
chmod 644 "$K/issuer.key"
run lp --user t.alvarez cert issue --track initial --key "$K/issuer.key"
expect_rc 1 "group-readable key refused"; expect_err 'group or others' "says why"
chmod 600 "$K/issuer.key"

# ---- the refresher: only refresher exams, only in the window
RFILES=$(track_files refresher)
lessons_done t.alvarez refresher 3600
run lp --user t.alvarez cert issue --track refresher --key "$K/issuer.key"
expect_rc 3 "initial-track exams do not count for the refresher"
expect_err 'in the refresher window' "says what counts"
for f in $RFILES; do exam t.alvarez "$f" refresher; expect_rc 0 "refresher exam $f"; done
run lp --user t.alvarez cert issue --track refresher --key "$K/issuer.key"
expect_rc 3 "a certificate a year from expiry: the window is not open"
# a certificate issued 300 days ago: the 90-day window is open
AGO=$(date -u -d '300 days ago' +%Y-%m-%dT%H:%M:%SZ)
run lp --user t.alvarez --now "$AGO" cert issue --track initial --key "$K/issuer.key"
expect_rc 0 "an older initial certificate"
for f in $RFILES; do exam t.alvarez "$f" refresher; expect_rc 0 "refresher exam $f in the window"; done
run lp --user t.alvarez cert issue --track refresher --key "$K/issuer.key"
expect_rc 3 "the newest certificate is still a year from expiry"
# once the newest one is revoked, the older one (in its window) is current
run lp cert revoke 1 --reason "re-issued for the test" --key "$K/issuer.key" --out "$T/rev.lrl"
expect_rc 0 "revoke the newer initial certificate"
run lp --user t.alvarez cert issue --track refresher --key "$K/issuer.key"
expect_rc 0 "refresher issued in the window"; expect_out '^certificate 3$' "a new serial"
expect_out 'track +refresher' "refresher track"
run lp cert export 1 --format token
expect_eq "$OUT" "$TOK1" "certificate 1 unchanged"
run lp cert show
expect_out '^1 +t\.alvarez +initial ' "first listed"; expect_out '^3 +t\.alvarez +refresher ' "refresher listed"

finish
