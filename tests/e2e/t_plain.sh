#!/bin/sh
# t_plain.sh - the plain line mode driven from a script: the same flows as
# the terminal application (sign-in of a new trainee, dashboard, a lesson
# and its check, resume) as numbered prompts on plain lines.
. "$(dirname "$0")/lib.sh"

if ! lp init --help >/dev/null 2>&1; then
    echo "$NAME: skipped until 'lprsim init' exists"; finish; exit 0; fi
run lp init --seed 7 --vehicles 40 --days 20 --reads 2000 --quiet
expect_rc 0 "init a small world"

# stdout not a terminal: plain mode without --plain
plain() { printf "$1" | lp "$@" >"$T/out" 2>"$T/err"; RC=$?; OUT=$(cat "$T/out"); ERR=$(cat "$T/err"); }

# a new trainee: bad id, new id, name, then quit from the dashboard
printf 'bad id!\nnew.one\nNora New\nq\n' | lp >"$T/out" 2>"$T/err"; RC=$?
OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
expect_rc 0 "plain session"
expect_out 'plain mode' "says it is plain mode"
expect_out 'The roster is empty' "empty roster"
expect_out "personnel id 'bad id!' may hold only letters" "bad id explained"
expect_out "'new.one' is not on the roster yet" "new id asks for a name"
expect_out 'Signed in as new.one \(Nora New\)' "signed in"
expect_out '^Dashboard, track initial' "dashboard"
expect_out '0 of 8 modules done\. Status: no certificate yet\.' "progress and certificate"
expect_out '^  1\) Lesson 1: Using lprsim - not read' "numbered items"
expect_out '^  t\) switch to track refresher' "track switch offered"
expect_out 'Goodbye' "quits cleanly"

run lp roster list
expect_out 'new.one' "the new trainee is on the roster"

# --user signs in directly; lesson 1 and its check.  The questions are
# drawn from the lesson's bank and their options shuffled, so the test
# looks each one up in the lesson file (tests/e2e/check_answer.py), one
# run per answer: every run ends at the next question and the next run
# resumes in the lesson, and the saved attempt.
L1="$ROOT/curriculum/lessons/using-lprsim.md"
pl() { printf "$1" | lp --plain --user new.one >"$T/out" 2>"$T/err"; RC=$?; OUT=$(cat "$T/out"); ERR=$(cat "$T/err"); }
pick() { printf '%s\n' "$OUT" | python3 "$ROOT/tests/e2e/check_answer.py" "$L1" "$1"; }
pl '1\n1\n'
expect_rc 0 "lesson session"
expect_out '^Lesson: Using lprsim: the scenario console' "lesson title"
expect_out '^Rules: IV.A-M' "rules line"
expect_out 'The briefing tells you who you are' "lesson text"
expect_out '^Knowledge check: .*3 questions drawn from a bank of 6; attempt 1' "drawn from the bank"
expect_out '^Question 1 of 3' "check question"
expect_out '^  4\) ' "numbered options"
A1=$(pick wrong)
pl "1\n$A1\n"
expect_out 'Resuming your check: 0 of 3 answered' "the attempt survives the end of input"
expect_out '^Question 2 of 3' "second question"
expect_no_out '^Right\.|Not quite' "nothing marked while answering"
A2=$(pick right)
pl "1\n$A2\n"
expect_out 'Resuming your check: 1 of 3 answered' "the answer was kept"
A3=$(pick right)
pl "1\n$A3\ny\nq\n"
expect_out 'Submit your answers\? \(y submits, n answers again\)' "a confirmation before submitting"
expect_out '2 of 3 right: not passed yet' "below the pass mark"
expect_out 'right answers stay hidden until you pass or use attempt 3' "answers not revealed"
expect_no_out 'Right answer:' "no right answer shown"
expect_out 'Lesson 1: Using lprsim - tried 2/3' "dashboard shows the try"

# a fresh attempt: bad input at the prompts is explained, n answers again,
# then every answer right passes and reveals the answers with their why
pl 'n\n3\nyes\n1\n9\nx\n'
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^Please type 1 (the knowledge check) or 2')" 2 "a 1-or-2 menu rejects 3 and yes"
expect_out 'Please type a number from 1 to 4\.' "out-of-range answer explained"
expect_out 'attempt 2\)' "the second attempt"
for i in 1 2 3; do
    A=$(pick right); pl "1\n$A\n"
done
pl '1\nn\n'
expect_out 'Question 1 of 3' "n answers again from the first question"
for i in 1 2 3; do
    A=$(pick right); pl "1\n$A\n"
done
pl '1\ny\nt\nq\n'
expect_out '3 of 3 right: passed\.' "check passed"
expect_out 'Right answer: [1-4]\) ' "the right answers are revealed"
expect_out 'Why: ' "with the why"
expect_out 'Lesson 1: Using lprsim - passed 3/3' "dashboard updated"
expect_out 'Next: run scenario one-word-reason.lua' "next step is the scenario"
expect_out '^Dashboard, track refresher' "track switched"
run sqlite3 "$LPRSIM_DB" "SELECT count(*) FROM lesson_reads WHERE user_id='new.one' AND lesson='using-lprsim'"
expect_eq "$OUT" 1 "the lesson was recorded as read to its end"

# the scenario: look at the inbox, leave (saved)
printf 't\nn\n2\n8\nq\n' | lp --plain --user new.one >"$T/out" 2>"$T/err"; RC=$?
OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
expect_out '^Scenario: The one-word reason \(practice mode' "scenario opens"
expect_out '^Briefing' "briefing"
expect_out '^Inbox \(1 request\)' "inbox"
expect_out '^  1\) request r1 \[open\] from ' "an open request is marked open"
expect_out '^  \[ \] Run ' "objectives"
expect_out 'Scenario saved: choose it again to resume' "left, saved"
PLATE=$(printf '%s\n' "$OUT" | tr '\n' ' ' | sed -n 's/.*with plate \([A-Z0-9]*\)\..*/\1/p')
CASE=$(printf '%s\n' "$OUT" | grep -o 'HSI-2026-[0-9]*' | head -n 1)
expect_eq "$(printf '%s' "$PLATE" | grep -cE '^[A-Z0-9]{5,8}$')" 1 "plate from the inbox ($PLATE)"
expect_out 'Scenario one-word-reason.lua - in progress' "dashboard: in progress"
# the window: the 30 days up to the scenario's own "today"
TODAY=$(printf '%s\n' "$OUT" | sed -n 's/^Today (sandbox clock): //p' | head -n 1)
FROM=$(date -u -d "$TODAY -30 days" +%F)
expect_eq "$(printf '%s' "$TODAY" | grep -cE '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')" 1 "today shown ($TODAY)"

# a failed run: the guided query without a case, then finish
printf 'n\n3\n%s\n\nlast week\n%s\n%s\n\nmovements of the suspect car\n7\nq\n' "$PLATE" "$FROM" "$TODAY" |
    lp --plain --user new.one >"$T/out" 2>"$T/err"; RC=$?
OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
expect_out 'not a date: use YYYY-MM-DD' "bad date explained at the prompt"
expect_out "^Running: query --plate $PLATE --from $FROM" "the action line shown"
expect_out 'Verdict: Refused under IV.A.1' "practice feedback names the rule"
expect_out 'NOT PASSED' "scored: not passed"
expect_out 'Refused attempts: 1, 10 points off the score' "the refused attempt costs points"
expect_out 'Scenario one-word-reason.lua - best 0%, not passed' "dashboard keeps it"

# a lawful query typed as an action line; input ends (closed terminal)
printf "n\n9\nquery --plate %s --from %s --to %s --case %s --reason 'Case %s: movements of the suspect car seen at the stake-out'\n12\n9\n77\n900001\n" "$PLATE" "$FROM" "$TODAY" "$CASE" "$CASE" |
    lp --plain --user new.one >"$T/out" 2>"$T/err"; RC=$?
OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
expect_rc 0 "end of input mid-scenario is a clean exit"
expect_out 'No reads yet: run a query first' "details before a query explained"
expect_out 'Verdict: Allowed: 2 results' "query allowed"
expect_out '900001' "results listed"
expect_out '^Please type a number from 1 to 9, or an action line' "a number off the menu is rejected"
expect_out '^Reads of the last query: 900001 900002' "details list the reads"
expect_out '^Please type the id of a read of the last query' "a wrong read id is rejected"
expect_out "^  Read 900001: $PLATE \([A-Z]{2}\) 20" "a read's details"
expect_out '^  vehicle [A-Za-z]+ [A-Za-z0-9 -]+; confidence [0-9.]+' "with make and model"
expect_out '^  flags: ' "and its flags"

# the next start resumes the scenario: answer the request, finish
printf '4\n1\n1\n\nran it, two reads\n2\n5\n7\nq\n' |
    lp --plain --user new.one >"$T/out" 2>"$T/err"; RC=$?
OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
expect_out 'Resuming scenario one-word-reason.lua' "resumed at start"
expect_out 'Resumed: 1 action\(s\) kept' "the query was kept"
expect_out 'answer to r1 recorded: comply' "reply recorded"
expect_out '^  1\) request r1 \[answered\] from ' "the inbox marks it answered"
expect_out '^  \[x\] Tell ' "objectives met"
expect_out 'Score 100.0% \(pass mark 80%\): PASSED' "scenario passed"
expect_out '^Debrief' "debrief"
expect_out 'Scenario one-word-reason.lua - practiced, exam next' "practice passed"
expect_out 'Next: the exam of one-word-reason.lua .*a new variant, no hints' "the exam comes next: only exams count"
expect_out '0 of 8 modules done' "a module is done only with its exam"

# the refresher runs scenarios in exam mode: no verdict until the end, and
# a pass in practice does not count there
printf "t\n2\nquery --plate %s --from %s --to %s --case %s --reason investigation\n7\nq\n" "$PLATE" "$FROM" "$TODAY" "$CASE" |
    lp --plain --user new.one >"$T/out" 2>"$T/err"; RC=$?
OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
expect_out '^Scenario: The one-word reason \(exam mode' "exam mode in the refresher"
expect_out 'Recorded \(exam mode: the verdicts come with the results\)' "verdict withheld"
expect_no_out 'Verdict: Refused' "no practice feedback"
expect_out 'Refused or warned by the policy engine' "verdicts come with the results"
expect_out 'NOT PASSED' "scored at the end"
expect_out 'Scenario one-word-reason.lua - exam best [0-9]+%, not passed' "refresher progress is its own"

# end of input in the middle of a lesson: the next start resumes it
printf 't\n4\n' | lp --plain --user new.one >"$T/out" 2>"$T/err"; RC=$?
expect_rc 0 "end of input is a clean exit"
printf 'q\n' | lp --plain --user new.one >"$T/out" 2>"$T/err"; RC=$?
OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
expect_out 'Resuming the lesson you were reading' "resumed"
expect_out '^Lesson: Purposes and limits of use' "in the same lesson"

finish
