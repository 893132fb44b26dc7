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
expect_rc 3 "nothing run yet: refused"; expect_err 'has not passed the initial track on replay' "says why"

for f in $FILES; do
    lp scenario solution --seed 21 "$ROOT/scenarios/$f" > "$T/sol.act"
    run lp --user t.alvarez --quiet scenario run --seed 21 --mode exam --actions "$T/sol.act" "$ROOT/scenarios/$f"
    expect_rc 0 "t.alvarez passes $f"
    printf 'query --plate ABC1234 --from 2020-01-01 --to 2026-01-01 --case X --reason x\n' > "$T/bad.act"
    lp --user b.okafor --quiet scenario run --seed 21 --mode exam --actions "$T/bad.act" "$ROOT/scenarios/$f" >/dev/null 2>&1
done

run lp --user t.alvarez cert issue --track initial --key "$K/issuer.key"
expect_rc 0 "passed on replay: issued"
expect_out '^certificate 1$' "serial 1"; expect_out 'track +initial' "track"
expect_out 'curriculum +2026\.1, policy profile ice-2017' "curriculum and profile versions"
expect_out 'score +[0-9]+\.[0-9]{2}%' "score"
TOK1=$(printf '%s\n' "$OUT" | grep -A1 'token (for screen readers' | tail -n 1)
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

# the refresher adds a certificate; the first stays as it was
run lp --user t.alvarez cert issue --track refresher --key "$K/issuer.key"
expect_rc 0 "refresher issued"; expect_out '^certificate 2$' "a new serial"
expect_out 'track +refresher' "refresher track"
run lp cert export 1 --format token
expect_eq "$OUT" "$TOK1" "certificate 1 unchanged"
run lp cert show
expect_out '^1 +t\.alvarez +initial ' "first listed"; expect_out '^2 +t\.alvarez +refresher ' "second listed"

finish
