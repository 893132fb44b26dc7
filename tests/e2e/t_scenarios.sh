#!/bin/sh
# t_scenarios.sh - the scenario engine end to end: every scenario's
# self-tests, bad scenario files, a scripted run, quit and resume, replay
# byte for byte (sessions and transcript files), and a certificate issued
# only for a track passed on replay.
. "$(dirname "$0")/lib.sh"

# ---- every scenario lints and passes its self-tests
run lp scenario check "$ROOT"/scenarios/*.lua
expect_rc 0 "scenario check scenarios/*.lua"
N=$(ls "$ROOT"/scenarios/*.lua | wc -l)
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^ok .* seed 1: solution 100.0%')" "$N" \
    "each scenario's solution scores full marks"

# --json: one document for all files, a bad file among them
printf 'return {id="x", title="y", rules={"IV.A.1"}, now="2026-03-02", briefing="b",\n objectives={{text="q", weight=1, rules={"IV.A.1"}, check={did="query"}}},\n solution={"query --plat ABC1234"}}\n' > "$T/typo.lua"
run lp --json scenario check "$ROOT/scenarios/misread-hit.lua" "$T/typo.lua"
expect_rc 2 "json check with a lint error"
run python3 -c "import json,sys; d=json.loads(sys.stdin.read()); f=d['files']; print(len(f), f[0]['ok'], f[1]['ok'], f[1]['error'])" <<EOF_JSON
$OUT
EOF_JSON
expect_out "^2 True False .*typo\.lua:3: solution line 1: query: unknown option '--plat'" \
    "one JSON document, the typo named at its line"
# coverage: every rule taught by >= 2 scenarios of each track, every module >= 2
run lp scenario check --coverage
expect_rc 0 "the shipped tracks cover every rule and module twice"
expect_no_out 'problem:' "no coverage problem"
# coverage: every rule of the catalogue in the matrix of each track
run lp --json scenario check --coverage
run python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print(' '.join('%s:%d' % (t['track'], len(t['rules'])) for t in d['tracks']))" <<EOF_JSON
$OUT
EOF_JSON
expect_out '^initial:20 refresher:20$' "coverage lists the 20 rules per track"

# the 20-minute walk-through's file passes its own self-tests
awk '/^-- parked-outside.lua - /{f=1} f&&/^```$/{f=0} f' \
    "$ROOT/scenarios/README.md" > "$T/first.lua"
run lp scenario check "$T/first.lua" --seeds 3
expect_rc 0 "README walk-through file"
expect_out 'seeds 1 and 2 differ in their answer' "its answer depends on the seed"

# the worked example of the authoring guide passes its own self-tests
awk '/^-- one-word-reason.lua \(abridged\)/{f=1} f&&/^```$/{f=0} f' \
    "$ROOT/scenarios/README.md" > "$T/example.lua"
run lp scenario check "$T/example.lua"
expect_rc 0 "README example"; expect_out '^ok .*example\.lua' "checked"

run lp scenario list
expect_rc 0 "list"; expect_out 'misread-hit\.lua +A hit on a misread' "lists titles"
expect_out 'rules: IV\.A\.2' "lists rules"

# ---- bad scenario files: file:line, usage status, nothing written
printf 'return {\n  id = "x" title = "y",\n}\n' > "$T/syntax.lua"
run lp scenario check "$T/syntax.lua"
expect_rc 2 "syntax error"; expect_err 'syntax\.lua:2:' "names the line"
printf 'while true do end\n' > "$T/loop.lua"
run lp scenario check "$T/loop.lua"
expect_rc 2 "endless loop"; expect_err 'loop\.lua:1: instruction budget' "stopped"
printf 'local s = ("x"):rep(2^30)\n' > "$T/bomb.lua"
run lp scenario check "$T/bomb.lua"
expect_rc 2 "memory bomb"; expect_err 'bomb\.lua:1: string\.rep: result too large' "refused"
printf '\nlocal f = io.open("/etc/passwd")\n' > "$T/io.lua"
run lp scenario check "$T/io.lua"
expect_rc 2 "io"; expect_err "io\.lua:2: .*global 'io'" "no io"
sed 's/objectives = {/objectivs = {}, objectives = {/' \
    "$ROOT/scenarios/one-word-reason.lua" > "$T/key.lua"
run lp scenario check "$T/key.lua"
expect_rc 2 "unknown key"; expect_err "key\.lua:[0-9]+: unknown key 'objectivs'" "names it"

# ---- a scripted run
lp init --vehicles 20 --days 2 --reads 100 --quiet >/dev/null
lp roster add --id ana --name "Ana Trainee" >/dev/null
run lp --user nobody scenario run "$ROOT/scenarios/one-word-reason.lua"
expect_rc 2 "unknown user"; expect_err "unknown user 'nobody'" "says so"
lp scenario solution "$ROOT/scenarios/one-word-reason.lua" --seed 17 > "$T/sol.txt"
run lp --user ana scenario run "$ROOT/scenarios/one-word-reason.lua" --seed 17 \
    --actions "$T/sol.txt"
expect_rc 0 "run passes"; expect_out 'Score 100\.0% .*PASSED' "full marks"
# an exam draws its own seed: the trainee learns it from the briefing
printf 'quit\n' | lp --user ana scenario run "$ROOT/scenarios/one-word-reason.lua" \
    --mode exam > "$T/exam.txt" 2>&1
XS=$(sed -n 's/.*, seed \([0-9]*\), exam mode$/\1/p' "$T/exam.txt")
[ -n "$XS" ] && [ "$XS" != 17 ] && ok || { RC=0; OUT=$(cat "$T/exam.txt"); ERR=""; bad "the exam's seed is drawn"; }
lp scenario solution "$ROOT/scenarios/one-word-reason.lua" --seed "$XS" > "$T/xsol.txt"
run lp --user ana scenario resume --actions "$T/xsol.txt"
expect_rc 0 "exam passes"; expect_out 'Score 100\.0% .*PASSED' "full marks"
expect_no_out '^allow ' "exam mode hides the findings while running"
run lp --json scenario list --sessions
expect_out '"status":"done"' "session done"
# the session commands of the help work in an action file as typed
{ echo objectives; echo hint; cat "$T/sol.txt"; echo finish
  echo "query --plate AFTER99 --from 2026-01-01 --to 2026-01-02 --case X --reason r"; } > "$T/sol2.txt"
run lp --user ana scenario run "$ROOT/scenarios/one-word-reason.lua" --seed 17 \
    --actions "$T/sol2.txt"
expect_rc 0 "action file with session commands"
expect_no_out 'not recorded' "no session command is taken for an action"
expect_err '^$' "nothing refused on stderr"
expect_out '^  \[ \] ' "objectives listed with their state"
expect_out '^hint: ' "a hint given"
expect_no_out 'AFTER99' "nothing after finish runs"
run ls -A "$LPRSIM_DB.sandbox"
expect_rc 2 "a finished session leaves no sandbox file or folder behind"

# ---- quit and resume: nothing lost
printf 'query --plate NOPE123 --from 2026-01-01 --to 2026-02-01 --case X --reason investigation\nquit\n' |
    lp --user ana scenario run "$ROOT/scenarios/one-word-reason.lua" --seed 17 >"$T/o1" 2>&1
run lp --user ana scenario resume --actions "$T/sol.txt"
expect_rc 0 "resume"; expect_out 'resumed after 1 recorded action' "resumed"
expect_out 'IV\.A\.1 +1 time' "the action before the quit counts"

# ---- a signed audit checkpoint at the end of each session
expect_out 'no audit checkpoint signed: no instructor key' "without a key the report says so"
run ls -A "$LPRSIM_DB.sandbox"
expect_rc 2 "nor does a resumed one once finished"
AK="$T/akeys"; lp audit keygen --out "$AK" >/dev/null
for i in 1 2 3; do
    lp --user ana query --plate CKP123$i --from 2026-01-01 --to 2026-01-20 \
        --case C-$i --reason "Case C-$i: vehicle seen at the port" >/dev/null 2>&1
done
run env LPRSIM_AUDIT_KEY="$AK/audit.key" "$LPRSIM_BIN" --user ana \
    scenario run "$ROOT/scenarios/one-word-reason.lua" --seed 17 --actions "$T/sol.txt"
expect_rc 0 "run with a key"
expect_out '^Audit checkpoint 1 signed: 3 entries, head [0-9a-f]{16}\.\.\., key [0-9a-f]{16}$' \
    "the report names the checkpoint"
SID=$(lp --json scenario list --sessions | python3 -c "import json,sys;print(max(s['id'] for s in json.load(sys.stdin)))")
lp scenario transcript "$SID" > "$T/trk.json"
run python3 -c "import json,base64;c=json.load(open('$T/trk.json'))['audit_checkpoint'];print(c['signed'],c['entries'],len(c['head']),len(base64.b64decode(c['signature'])))"
expect_out '^True 3 64 64$' "the transcript carries the checkpoint (entries, head, 64-byte signature)"
run lp audit verify
expect_rc 0 "verified with the checkpoint"
sqlite3 "$LPRSIM_DB" "DELETE FROM audit WHERE id >= 2"
run lp audit verify
expect_rc 4 "a cut tail"; expect_err 'log shorter than checkpoint 1 \(3 entries signed, 1 present\)' "is caught"
printf 'quit\n' | env LPRSIM_AUDIT_KEY="$AK/audit.key" "$LPRSIM_BIN" --user ana \
    scenario run "$ROOT/scenarios/one-word-reason.lua" --seed 17 > "$T/oq" 2>&1
run tail -n 3 "$T/oq"
expect_out 'no audit checkpoint signed: .*(log shorter than checkpoint|deleted at the tail)' "a cut log is never signed"

# ---- replay: the same bytes every time, in fresh processes
lp --json scenario replay 2 > "$T/r1.json"
for i in 1 2 3 4 5; do
    lp --json scenario replay 2 > "$T/r2.json"
    cmp -s "$T/r1.json" "$T/r2.json" || bad "replay $i differs"
done
ok
lp scenario transcript 2 > "$T/tr.json"
run lp --json scenario replay "$T/tr.json"
expect_eq "$(printf '%s\n' "$OUT" | md5sum)" "$(md5sum < "$T/r1.json")" \
    "a transcript file replays to the same report"
run lp scenario replay 99
expect_rc 2 "unknown session"
# a changed scenario file: the session is not re-scored against it
SF=$(python3 -c "import json;print(json.load(open('$T/tr.json'))['file'])")
sed 's/^return {/local changed = 1\nreturn {/' "$SF" > "$T/changed.lua"
run lp scenario replay 2 --scenario "$T/changed.lua"
expect_rc 4 "session against a changed file"
expect_err 'changed\.lua changed since the session ran \(SHA-256 [0-9a-f]{12}\.\.\., now [0-9a-f]{12}\.\.\.\)' \
    "the change is named"
run lp --json scenario replay "$T/tr.json" --scenario "$T/changed.lua"
expect_rc 4 "transcript against a changed file"

# ---- practice passes in a personal database: no certificate (t_host.sh issues)
K="$T/keys"; mkdir -p "$K"; lp cert keygen --out "$K" >/dev/null
for f in $(python3 -c "import json;d=json.load(open('$ROOT/curriculum/tracks/refresher.json'));print(' '.join(s['file'] for m in d['modules'] for s in m['scenarios']))"); do
    lp scenario solution "$ROOT/scenarios/$f" --seed 5 > "$T/s.txt"
    lp --user ana --quiet scenario run "$ROOT/scenarios/$f" --seed 5 --actions "$T/s.txt" >/dev/null ||
        bad "solution of $f did not pass"
done
run lp --user ana cert issue --track refresher --key "$K/issuer.key"
expect_rc 3 "a personal database issues no certificate (see t_host.sh)"
expect_err 'training host' "says a training host issues"

finish
