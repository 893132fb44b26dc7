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

# --user signs in directly; lesson 1, check with one wrong answer (2/3)
printf '1\n1\n1\n2\n2\nq\n' | lp --plain --user new.one >"$T/out" 2>"$T/err"; RC=$?
OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
expect_rc 0 "lesson session"
expect_out '^Lesson: Using lprsim: the scenario console' "lesson title"
expect_out '^Rules: IV.A-M' "rules line"
expect_out 'The briefing tells you who you are' "lesson text"
expect_out '^Question 1 of 3' "check question"
expect_out '^  2\) Refuse it and cite the rule it would break' "numbered options"
expect_out 'Not quite\. The right answer is 2\)' "wrong answer corrected"
expect_out '^Right\.' "right answer"
expect_out '2 of 3 right: not passed yet' "below the pass mark"
expect_out 'Lesson 1: Using lprsim - tried 2/3' "dashboard shows the try"

# bad input at a prompt is explained, then the check passes
printf 'n\n1\n9\nx\n2\n2\n2\nt\nq\n' | lp --plain --user new.one >"$T/out" 2>"$T/err"; RC=$?
OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
expect_out 'Please type a number from 1 to 3\.' "out-of-range answer explained"
expect_out '3 of 3 right: passed\.' "check passed"
expect_out 'Lesson 1: Using lprsim - passed 3/3' "dashboard updated"
expect_out 'Next: the lesson .Purposes' "next step moves on"
expect_out '^Dashboard, track refresher' "track switched"

# end of input in the middle of a lesson: the next start resumes it
printf 'n\n' | lp --plain --user new.one >"$T/out" 2>"$T/err"; RC=$?
expect_rc 0 "end of input is a clean exit"
printf 'q\n' | lp --plain --user new.one >"$T/out" 2>"$T/err"; RC=$?
OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
expect_out 'Resuming the lesson you were reading' "resumed"
expect_out '^Lesson: Purposes and limits of use' "in the same lesson"

finish
