#!/bin/sh
# t_issue.sh - "cert issue" with the real replay: a trainee who passed
# every scenario of the track (their model answers run in exam mode) gets
# a certificate; one who failed gets nothing, even after the database is
# edited to show a pass; a refresher adds a new certificate and leaves the
# first one as it was.
. "$(dirname "$0")/lib.sh"

if ! lp scenario solution --help >/dev/null 2>&1; then
    RC=1; OUT=""; ERR=""; bad "this build has no 'scenario solution' command"
    finish; exit $?
fi
lp init --quiet >/dev/null 2>&1 || { echo "t_issue: init failed"; exit 1; }
lp roster add --id t.alvarez --name "Tess Alvarez" >/dev/null
lp roster add --id b.okafor --name "Ben Okafor" >/dev/null
K="$T/keys"; mkdir "$K"
lp cert keygen --out "$K" >/dev/null

# the scenario files of a track, from its JSON
track_files() { sed -n 's/.*"file": *"\([^"]*\)".*/\1/p' "$ROOT/curriculum/tracks/$1.json" | sort -u; }
FILES=$(track_files initial)
[ -n "$FILES" ] && ok || bad "the initial track lists no scenario"

run lp --user t.alvarez cert issue --track initial --key "$K/issuer.key"
expect_rc 3 "nothing run yet: refused"; expect_err 'training host' "a personal database issues nothing"

# A personal database is for practice: even a track passed there gets no
# certificate (the ten-second forgery of issue 10).  Issuing on a training
# host, with the replay, is tested as real Unix users in t_host.sh.
for f in $FILES; do
    lp scenario solution --seed 21 "$ROOT/scenarios/$f" > "$T/sol.act"
    run lp --user t.alvarez --quiet scenario run --seed 21 --mode exam --actions "$T/sol.act" "$ROOT/scenarios/$f"
    expect_rc 0 "t.alvarez passes $f"
done
run lp --user t.alvarez cert issue --track initial --key "$K/issuer.key"
expect_rc 3 "passed in personal mode: still refused"
expect_err 'IV\.H: cert issue: certificates come only from a training host' "names the rule"
expect_err "make install SITE=1" "says how to set up a host"
run lp cert show
expect_out '^no certificates issued' "nothing was stored"
run lp --user nobody cert issue --track initial --key "$K/issuer.key"
expect_rc 2 "unknown person"

finish
