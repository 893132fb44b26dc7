#!/bin/sh
# t_issue.sh - the assessment rules in a personal database: exams (seed
# drawn by lprsim, one attempt at a time, no hints, the task and not the
# objectives), what a certificate requires ("cert status" lists what is
# left: every lesson read to its end, every knowledge check passed, every
# scenario passed in an exam of this track started after the module's
# lesson, by this person), "cert request" and the instructors' queue.  A
# personal database issues nothing, even for a track passed in exams (the
# ten-second forgery of issue 10): "cert issue" refuses and says how to set
# up a training host.  Issuing, with the replay, is tested as real Unix
# users in t_host.sh.
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
# refused_here WHAT: the personal-mode refusal of "cert issue"
refused_here() {
    expect_rc 3 "$1"
    expect_err 'IV\.H: cert issue: certificates come only from a training host' "$1: names the rule"
    expect_err 'make install SITE=1' "$1: says how to set up a host"
}

run lp --user t.alvarez cert issue --track initial --key "$K/issuer.key"
refused_here "nothing done yet: refused"

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

# ---- exams without lessons: the requirements left are listed
exam c.lazy "$F1" initial; expect_rc 0 "c.lazy passes the exam $F1"
run lp --user c.lazy cert status --track initial
expect_out '^initial: requirements left' "exams without lessons: requirements left"
expect_out "read the lesson 'Queries and look-back windows \\(IV\\.I-J\\)' to its end" "lists an unread lesson"
expect_out "pass the knowledge check of 'Queries" "lists a check not passed"
run lp --user c.lazy cert issue --track initial --key "$K/issuer.key"
refused_here "exams without lessons: refused"
# ... lessons read afterwards are no longer listed
lessons_done c.lazy initial -5
run lp --user c.lazy cert status --track initial
expect_out '^initial: requirements left' "the other exams are still left"
expect_no_out "read the lesson 'Queries" "the lessons count now"

# ---- practice runs do not count; exams after the lessons do
lessons_done t.alvarez initial 3600
lessons_done b.okafor initial 3600
lp scenario solution --seed 21 "$ROOT/scenarios/$F1" > "$T/sol.act"
lp --user b.okafor --quiet scenario run --seed 21 --actions "$T/sol.act" "$ROOT/scenarios/$F1" >/dev/null 2>&1
run lp --user b.okafor cert status --track initial
expect_out '^initial: requirements left' "practice passes only: requirements left"
expect_out "pass the exam of $F1" "the practised scenario is still listed"
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

# every requirement met, in exams: a personal database still issues nothing
run lp --user t.alvarez cert issue --track initial --key "$K/issuer.key"
refused_here "passed in personal mode: still refused"
run lp --user t.alvarez --json cert status --track initial
expect_out '"status":"requested"' "still requested, not issued"
run lp cert show
expect_out '^no certificates issued' "nothing was stored"
run lp --user nobody cert issue --track initial --key "$K/issuer.key"
expect_rc 2 "unknown person"

# ---- the refresher: initial-track exams do not count for it
lessons_done t.alvarez refresher 3600
run lp --user t.alvarez cert status --track refresher
expect_out '^refresher: ' "refresher status"
expect_no_out '^refresher: ready to request' "initial-track exams do not count for the refresher"
run lp --user t.alvarez cert issue --track refresher --key "$K/issuer.key"
refused_here "refresher in personal mode: refused"

finish
