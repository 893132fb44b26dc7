#!/bin/sh
# t_tui.sh - the terminal application driven in tmux at 80x24: sign-in of
# a new trainee, a lesson and its knowledge check, help, resize, a kill
# mid-lesson and the resume, a broken lesson reported on screen; the
# scenario console's forms, message log, confirmations; q closes a screen,
# Q quits; TERM=dumb falls back to the plain mode.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui_lib.sh"

if ! lp init --help >/dev/null 2>&1; then
    echo "$NAME: skipped until 'lprsim init' exists"; finish; exit 0; fi
run lp init --seed 7 --vehicles 40 --days 20 --reads 2000 --quiet
expect_rc 0 "init a small world"

# a new trainee signs in: a new id asks for the name
tui_start
wait_for 'The roster is empty' "empty roster says so"
keys Enter
wait_for 'type your personnel id first' "Enter on an empty field is marked"
type_text 'bad id!'
wait_for 'Personnel id: *badid' "only id characters are taken"
keys C-u; type_text 'trainee7'; keys Enter
wait_for "'trainee7' is not on the roster yet" "new id asks for a name"
type_text 'Tess Trainee'; keys Enter
wait_for 'Signed in as trainee7 \(Tess Trainee\)' "signed in"
wait_for 'Next: the lesson .Using lprsim. and its check' "dashboard names the next step"
wait_for 'initial \(0/8\) +refresher \(0/7\)' "tracks with progress"
wait_for 'no certificate yet' "certificate status"

# help on ? and F1, closed by any key
keys '?'
wait_for 'Help: Dashboard' "? opens help"
keys x
wait_for 'Module +Lesson +Scenarios' "any key closes help"
keys F1
wait_for 'Help: Dashboard' "F1 opens help"
keys x

# the lesson reader and its knowledge check
keys n
wait_for 'Using lprsim: the scenario console' "n opens the next lesson"
wait_for 'lines 1-16 of' "scroll position shown"
keys NPage
wait_for 'End of the lesson: press c' "PgDn reaches the end"
L1="$ROOT/curriculum/lessons/using-lprsim.md"
# the options are shuffled per attempt: look each one up in the lesson
ans() { screen | python3 "$ROOT/tests/e2e/check_answer.py" "$L1" "$1"; }
keys c
wait_for 'Question 1 of 3 \(drawn from 6; attempt 1\)' "check starts"
A=$(ans wrong); keys "$A"
wait_for "> $A\) " "a digit picks"
expect_screen_no 'Question 2 of 3' "a digit alone does not answer"
keys Enter
wait_for 'Question 2 of 3' "Enter answers"
expect_screen_no 'Right\.|Not quite' "nothing marked while answering"
A=$(ans right); keys "$A" Enter
wait_for 'Question 3 of 3' "third question"
A=$(ans right); keys "$A" Enter
wait_for 'Submit your answers\? \(y submits, n answers again\)' "a confirmation before submitting"
keys y
wait_for '2 of 3 right: not passed yet' "2/3 is below the pass mark"
wait_for 'stay hidden until you pass or use attempt 3' "answers not revealed"
keys Enter
wait_for 'lines 1-16 of' "back to the lesson to read again"
keys c
wait_for 'Question 1 of 3 \(drawn from 6; attempt 2\)' "a fresh attempt"
A=$(ans right); keys "$A" Enter
wait_for 'Question 2 of 3 \(drawn from 6; attempt 2' "second question"
A=$(ans right); keys "$A" Enter
wait_for 'Question 3 of 3 \(drawn from 6; attempt 2' "third question"
A=$(ans right); keys "$A" Enter
wait_for 'Submit your answers' "confirm"
keys y
wait_for '3 of 3 right: passed' "3/3 passes"
wait_for 'The answers: question 1 of 3' "the answers are revealed"
wait_for 'Why: ' "with the why"
keys Right
wait_for 'The answers: question 2 of 3' "Right goes to the next answer"
keys Enter
wait_for 'Using lprsim +passed 3/3' "dashboard shows the result"
wait_for 'Next: run scenario one-word-reason.lua' "next step is the scenario"

# a failed scenario: the query cites no case (a critical violation)
keys n
wait_for 'Scenario: The one-word reason \(practice\)' "console opens on the brief"
wait_for 'You work case HSI-2026-[0-9]+' "briefing names the case"
CASE=$(printf '%s\n' "$SCREEN" | grep -o 'HSI-2026-[0-9]*' | head -n 1)
# the brief does not fit: a marker says more follows (the hints come last)
wait_for 'more below: Down, PgDn or End \(lines 1-15 of' "cut text has a more marker"
keys End
wait_for 'f: finish and see your score' "End shows the end of the brief"
wait_gone 'more below' "no marker once all is in sight"
keys Home
# the audit pane seen before any query (it must not stay stale)
keys 7
wait_for '\(nothing yet\)' "audit pane empty before the first query"
keys 2
wait_for '> r1 +open' "inbox lists the request"
PLATE=$(screen | tr '\n' ' ' | sed -n 's/.*with plate \([A-Z0-9]*\)\..*/\1/p')
expect_eq "$(printf '%s' "$PLATE" | grep -cE '^[A-Z0-9]{5,8}$')" 1 "plate read from the inbox ($PLATE)"
keys 3
wait_for 'Today \(sandbox clock\): [0-9-]+' "query form with today's date"
TODAY=$(printf '%s\n' "$SCREEN" | sed -n 's/.*Today (sandbox clock): \([0-9-]*\).*/\1/p' | head -n 1)
FROM=$(date -u -d "$TODAY -30 days" +%F)
type_text "$PLATE"; keys Enter Enter
type_text 'last month'; keys Enter
wait_for 'not a date: use YYYY-MM-DD' "bad date marked at the field"
keys C-u; type_text "$FROM"; keys Enter
type_text "$TODAY"; keys Enter Enter
type_text 'movements of the suspect car after the stake-out'; keys Enter
wait_for 'Refused under IV.A.1' "practice feedback names the rule"
# a long verdict is cut at a word, with the marker; F2 shows it in full
wait_for 'LPR data is used only for an open case in$' "verdict wrapped at a word"
wait_for '(…|\.\.\.) \[F2 more\]' "the rest of the verdict is marked"
keys F2
wait_for 'Messages, newest last' "F2 opens the message log"
wait_for 'Action: query --plate '"$PLATE" "the log names the action"
wait_for 'open case of your own' "the verdict's rule line in full"
wait_for 'Query, field From: not a date: use YYYY-MM-DD' "the field error is logged"
keys x
wait_gone 'Messages, newest last' "any key closes the log"
# after a refusal the form keeps the keys: digits type into the plate
wait_for 'Tab/Up/Down field' "the form still has the keys"
keys C-u; type_text '4242'
wait_for 'Plate: +4242' "digits typed after a refusal go into the plate"
expect_screen_no 'No results yet' "no switch to the results pane"
wait_for 'Query one known plate' "still on the query form"
keys C-u; type_text "$PLATE"
# the audit pane shows the refused query (it refreshes after the form)
keys Escape 7
wait_for ' 1 20[0-9-]+T[0-9:]+ trainee7 +'"$PLATE" "audit pane refreshed after a query"
# back to the form: Enter starts at the first field, nothing runs
keys 3 Enter
wait_for 'State:' "form again"
keys Escape 7
wait_for ' 1 20[0-9-]+T[0-9:]+ trainee7' "audit pane"
expect_screen_no ' 2 20[0-9-]+T' "Enter on the form did not re-run the query"
# Enter on the last field of an unchanged form asks before running again
keys 3 Up Enter
wait_for 'This query ran already' "same query: asked, not re-run"
keys Escape 7
wait_for ' 1 20[0-9-]+T[0-9:]+ trainee7' "audit pane"
expect_screen_no ' 2 20[0-9-]+T' "still one query in the audit log"
# f asks first; n keeps the scenario open
keys f
wait_for 'Finish and score the scenario now' "f asks before finishing"
keys n
wait_for 'Still in the scenario' "n keeps it"
keys Escape 9
wait_for '\[ \] Run '"$PLATE" "objective not met"
keys f
wait_for 'Finish and score' "asked"
keys y
wait_for 'NOT PASSED' "the failed scenario is scored"
keys q  # q closes the results (tig), as Enter does
wait_for 'scenario one-word-reason.lua +best 0%, not passed' "dashboard keeps the failed try"

# second try: one query, the process killed, resumed, then passed
keys n
wait_for 'Scenario: The one-word reason' "console again"
keys 3
type_text "$PLATE"; keys Enter Enter
type_text "$FROM"; keys Enter
type_text "$TODAY"; keys Enter
type_text "$CASE"; keys Enter
type_text "Case $CASE: movements of the suspect car seen at the stake-out"
keys Enter
wait_for 'Allowed: 2 results' "lawful query allowed"
wait_for '900002 +'"$PLATE" "results table"
wait_for 'flags' "with the flags column"
keys Enter
wait_for 'Read 900001: '"$PLATE" "read details"
keys s
wait_for 'sorted by plate' "sortable"
keys Home Space Space u
wait_for '2 reads in the case file of '"$CASE" "marked reads uploaded (IV.G)"
# the pattern analysis beside the map: cut lines marked, Enter shows all
keys 8 a
wait_for 'pattern of '"$PLATE" "analysis beside the map"
wait_for 'Enter: all of it' "cut analysis says how to see it all"
keys Enter
wait_for 'The pattern analysis\. Enter or Esc: back to the map' "analysis full width"
wait_for 'verdict: allow' "with its verdict line"
keys Escape
wait_for 'Reads of '"$PLATE"' on the metro area' "Esc: back to the map"
kill -9 "$(app_pid)"
wait_for 'EXITED' "killed mid-scenario"
tui_start
wait_for 'Pick yourself' "sign-in after the kill"
keys Enter
wait_for 'Resumed where you left off: 3 actions kept' "resumed the session"
keys 9
wait_for '\[x\] Run '"$PLATE" "the query survived the kill"
keys 8
wait_for 'No reads to plot|Reads of' "map pane"
keys 7
wait_for 'trainee7 +'"$PLATE"' +'"$CASE" "audit pane lists the query"
keys :
wait_for 'Type any action as on the command line' "command line"
type_text 'case list'; keys Enter
wait_for "$CASE"'.*criminal|criminal.*'"$CASE" "its output shown"
keys 2 c
wait_for 'Answer: comply' "reply form"
keys Enter Enter
type_text 'ran it, two reads'; keys Enter
wait_for 'answer recorded' "reply recorded"
keys f y
wait_for 'PASSED - score 100.0%' "the scenario is passed"
wait_for 'Objectives:' "score per objective"
keys NPage
wait_for 'Debrief:' "debrief"
keys Enter
wait_for 'scenario one-word-reason.lua +practiced, exam next' "practice passed on the dashboard"
wait_for 'Next: the exam of one-word-reason.lua' "the exam comes next: only exams count"

# resize: too small is refused with a message, then restored
tm resize-window -t "$TSESS" -x 60 -y 20
wait_for 'This terminal is 60x20' "small terminal message"
wait_for 'at least 80x24' "names the minimum"
tm resize-window -t "$TSESS" -x 80 -y 24
wait_for 'Module +Lesson +Scenarios' "redrawn after resize"
keys q
wait_for 'EXITED 0' "quit to pick up the command-line run"
tui_start
wait_for '> trainee7 +Tess Trainee' "last user preselected"
keys Enter


# kill mid-lesson: the next start resumes in the same lesson
keys Home Down Down Down Enter
wait_for 'Purposes and limits of use' "second lesson open"
keys Down Down Down
wait_for 'lines 4-19 of' "scrolled"
kill -9 "$(app_pid)"
wait_for 'EXITED' "process killed"
tui_start
wait_for '> trainee7 +Tess Trainee' "last user preselected"
keys Enter
wait_for 'Purposes and limits of use' "resumed in the lesson after kill -9"
wait_for 'lines 4-19 of' "at the same line"
# SIGHUP (terminal closed) keeps the scroll position
keys Up
wait_for 'lines 3-18 of' "scrolled again"
kill -HUP "$(app_pid)"
wait_for 'EXITED' "hung up"
tui_start
keys Enter
wait_for 'lines 3-18 of' "resumed at the same line after SIGHUP"
# q closes the lesson (tig); on the dashboard q quits; Q quits anywhere
keys q
wait_for 'Module +Lesson +Scenarios' "q on a lesson goes back to the dashboard"
keys Home Down Down Down Enter
wait_for 'Purposes and limits of use' "the lesson again"
keys c
wait_for 'Question 1 of' "its check"
keys q
wait_for 'lines [0-9]+-[0-9]+ of' "q on the check goes back to the lesson"
keys Q
wait_for 'EXITED 0' "Q quits from a lesson with status 0"
tui_start
keys Enter
wait_for 'Purposes and limits of use' "resumed in the lesson"
keys q q
wait_for 'EXITED 0' "q on the dashboard quits with status 0"

# NO_COLOR and an ASCII terminal still show every text
tui_start NO_COLOR=1 LANG=C LC_ALL=C
wait_for 'Pick yourself' "sign-in in ASCII"
keys Enter
wait_for 'Purposes and limits of use' "monochrome ASCII start"
keys Escape
wait_for 'Using lprsim +passed 3/3' "dashboard in ASCII"
keys q
wait_for 'EXITED 0' "quit"

# a broken lesson is reported on screen, without a crash
mkdir -p "$T/root"
cp -r "$ROOT/curriculum" "$ROOT/datasets" "$T/root/" 2>/dev/null
[ -d "$ROOT/scenarios" ] && cp -r "$ROOT/scenarios" "$T/root/"
printf '# Broken\n## Check\nQ: x?\n- [ ] a\n' > "$T/root/curriculum/lessons/purposes.md"
OLDROOT=$LPRSIM_ROOT; LPRSIM_ROOT="$T/root"
tui_start
LPRSIM_ROOT=$OLDROOT
wait_for 'Pick yourself' "sign-in"
keys Enter
wait_for 'Module +Lesson +Scenarios' "dashboard"
keys Home Down Down Down Enter
wait_for 'This lesson cannot be shown' "broken lesson reported"
wait_for 'purposes.md:3: question' "with file:line"
wait_for 'needs at least two options' "and the problem"
keys Escape
wait_for 'Module +Lesson +Scenarios' "still usable"
# a scenario file changed under an unfinished attempt: start afresh
keys Home Down Enter
wait_for 'Scenario: The one-word reason' "scenario opened from this root"
keys q
wait_for 'Leave the scenario\? It is saved' "q asks before leaving"
keys y
wait_for 'Module +Lesson +Scenarios' "left it unfinished"
keys q
wait_for 'EXITED 0' "quit"
printf '\n-- changed by the instructor\n' >> "$T/root/scenarios/one-word-reason.lua"
OLDROOT=$LPRSIM_ROOT; LPRSIM_ROOT="$T/root"
tui_start
LPRSIM_ROOT=$OLDROOT
wait_for 'Pick yourself' "sign-in"
keys Enter
wait_for 'one-word-reason.lua changed since' "the change is explained"
wait_for 'Press n to start it afresh' "with the way out"
keys n
wait_for 'Scenario: The one-word reason \(exam\)' "started afresh (its exam: the practice was passed)"
keys q y
wait_for 'Module +Lesson +Scenarios' "dashboard"
# a broken scenario file: reported in the console, no crash
printf 'return {id = "x", title = \n' > "$T/root/scenarios/one-word-reason.lua"
keys Home Down Enter
wait_for 'This scenario cannot be run' "broken scenario reported"
wait_for 'one-word-reason.lua:[0-9]+:' "with file:line"
keys q
wait_for 'Module +Lesson +Scenarios' "back on the dashboard"
keys q
wait_for 'EXITED 0' "quit"

# hotlist hits arrive with the query of a hotlisted plate
tui_start
wait_for 'Pick yourself' "sign-in"
keys Enter
wait_for 'Module +Lesson +Scenarios|cannot be run' "dashboard or the broken attempt"
printf '%s\n' "$SCREEN" | grep -q 'cannot be run' && keys q
wait_for 'Module +Lesson +Scenarios' "dashboard"
keys Home Down Down Down Down Down
wait_for '> +scenario misread-hit.lua' "pick the hotlist-hit scenario"
keys Enter
wait_for 'Scenario: A hit on a misread' "it opens"
wait_for 'on the hotlist' "its brief is drawn"
HPLATE=$(printf '%s\n' "$SCREEN" | tr '\n' ' ' | sed -n 's/.*plate  *\([A-Z0-9]*\), on the hotlist.*/\1/p')
HCASE=$(printf '%s\n' "$SCREEN" | grep -o 'HSI-2026-[0-9]*' | head -n 1)
keys 3
wait_for 'Today \(sandbox clock\): [0-9-]+' "query form with today's date"
HTODAY=$(printf '%s\n' "$SCREEN" | sed -n 's/.*Today (sandbox clock): \([0-9-]*\).*/\1/p' | head -n 1)
type_text "$HPLATE"; keys Enter Enter
type_text "$(date -u -d "$HTODAY -30 days" +%F)"; keys Enter
type_text "$HTODAY"; keys Enter
type_text "$HCASE"; keys Enter
type_text "Case $HCASE: checking the hotlist hit on the target"; keys Enter
wait_for 'new hotlist hits?: press 5 then h' "hits announced"
keys 5 h
wait_for "$HPLATE"' .*read [0-9]+ +case '"$HCASE" "hits listed"
wait_gone 'new hotlist hits?: press' "announcement cleared"
# a refused hotlist add keeps what was typed
keys a
wait_for 'Add a plate to the hotlist' "hotlist add form"
type_text 'ZQX4417'; keys Enter; type_text 'KS'; keys Enter Enter
type_text 'T-1'; keys Enter; type_text 'watch it'; keys Enter
wait_for 'Refused under .*IV.K.1' "hotlist add without a case refused"
wait_for 'Add a plate to the hotlist' "the form stays open"
wait_for 'Plate: +ZQX4417' "with the plate typed"
wait_for 'Note: +watch it' "and the note"
keys Escape
wait_gone 'Add a plate to the hotlist' "Esc cancels it"
# Q in a scenario asks too; y quits
keys Q
wait_for 'Quit lprsim\? The scenario is saved' "Q asks in a scenario"
keys y
wait_for 'EXITED 0' "quit"

# a terminal curses cannot drive falls back to the plain mode
tui_start TERM=nosuchterm
wait_for 'cannot be driven; using the plain mode' "unknown TERM explained"
wait_for 'Type a number, or your personnel id' "plain sign-in instead"
keys q Enter
wait_for 'EXITED 0' "quit"
# so does a terminal without cursor addressing (it gave a blank screen)
tui_start TERM=dumb
wait_for 'TERM=dumb. cannot be driven; using the plain mode' "TERM=dumb explained"
wait_for 'Type a number, or your personnel id' "plain sign-in for TERM=dumb"
keys q Enter
wait_for 'EXITED 0' "quit"

# an id may start with q; Esc leaves the sign-in screen
tui_start
wait_for 'Pick yourself' "sign-in"
type_text 'quinn'
wait_for 'Personnel id: +quinn' "q is typed, not a quit"
keys Escape
wait_for 'EXITED 0' "Esc quits the sign-in screen"

finish
