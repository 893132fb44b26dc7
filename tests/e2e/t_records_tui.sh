#!/bin/sh
# t_records_tui.sh - the instructor's screen of the terminal application
# (driven in tmux): r on an instructor's dashboard opens the class
# overview, Enter a person's record, Enter again steps through a session
# action by action with each verdict as the trainee saw it; trainees get
# no r; the dashboard shows a certificate that expires within 60 days
# with what to do.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui_lib.sh"
: "${CERTFIX:?CERTFIX must name the certificate fixture (make test-e2e)}"
export LPRSIM_NOW=2026-03-02T09:00:00Z
lp init --quiet --seed 1 --vehicles 30 --days 30 --reads 500 >/dev/null 2>&1 \
    || { echo "t_records_tui: init failed"; exit 1; }
printf 'id,name,login,role,unit,email\ninstr,Ida Instructor,,instructor,,\nt.alvarez,Tess Alvarez,,trainee,North,\n' > "$T/r.csv"
lp roster import "$T/r.csv" >/dev/null
printf 'query --plate ABC1234 --from 2020-01-01 --to 2026-01-01 --case X --reason x\n' > "$T/bad.act"
lp --user t.alvarez --quiet scenario run --mode exam --track initial --actions "$T/bad.act" "$ROOT/scenarios/misread-hit.lua" >/dev/null 2>&1
K="$T/keys"; mkdir "$K"; lp cert keygen --out "$K" >/dev/null
"$CERTFIX" "$LPRSIM_DB" "$K/issuer.key" t.alvarez initial 90 2025-03-22T09:00:00Z >/dev/null

# a trainee: the expiry line, and no records
tui_start LPRSIM_NOW=$LPRSIM_NOW LPRSIM_USER=t.alvarez
wait_for 'Expires 2026-03-22, in 20 days: pass the refresher track' "expiry and what to do"
expect_screen_no 'r records' "no records key for a trainee"
keys r
wait_for 'Module +Lesson +Scenarios' "r does nothing for a trainee"
expect_screen_no 'Class overview' "no class overview"

# an instructor
tui_start LPRSIM_NOW=$LPRSIM_NOW LPRSIM_USER=instr
wait_for 'r records' "the key line offers the records"
keys r
wait_for 'Class overview: 2 people' "class overview"
wait_for 't\.alvarez +Tess Alvarez +North +0 +0 +0/1 +0\.0 +expiring 2026-03-22' "a person's row"
keys Down Enter
wait_for 'Tess Alvarez \(t\.alvarez\), trainee, unit North' "the person's record"
wait_for 'misread-hit +exam +[0-9]+ +0\.0% failed' "the session with its seed and score"
keys Enter
wait_for 'Action 1 of 1, as the trainee saw it' "the session stepped through"
wait_for 'query --plate ABC1234' "the action as typed"
wait_for 'Verdict: deny \(' "the verdict"
keys Right
wait_for 'last action of the session' "the end is said"
keys Escape
wait_for 'SCENARIO +MODE' "Esc goes back to the record"
keys Escape
wait_for 'Class overview' "and to the class"
keys q
wait_for 'Module +Lesson +Scenarios' "q back to the dashboard"
keys Q
wait_for 'EXITED 0' "quits"
finish
