#!/bin/sh
# t_json.sh - "--json" gives exactly one valid JSON document on stdout for
# every command that has a result, built by jansson (a quote or a
# backslash in a path stays valid), with numbers as short as round-trips.
. "$(dirname "$0")/lib.sh"
: "${CERTFIX:?CERTFIX must name the certificate fixture (make test-e2e)}"

# one_doc WHAT: stdout is exactly one JSON document (python's json module)
one_doc() {
    if printf '%s' "$OUT" | python3 -c 'import json,sys; json.loads(sys.stdin.read())' 2>"$T/pyerr"; then ok
    else bad "$1: not one JSON document: $(head -c 200 "$T/pyerr")"; fi
}
long_numbers() {    # numbers of 16 or more significant digits after the point
    printf '%s' "$OUT" | grep -oE '[0-9]\.[0-9]{15,}' | head -n 3
}
Q="$T/it's \"quoted\" \\ dir"; mkdir -p "$Q"

run lp --json init --seed 2 --vehicles 40 --days 30 --reads 3000 --quiet
expect_rc 0 "init"; one_doc "init"
expect_eq "$(long_numbers)" "" "init: short numbers"
run lp --json generate --reads 500 --days 5 --quiet
expect_rc 0 "generate"; one_doc "generate"
run lp --json generate --csv "$Q/gen.csv" --reads 50 --seed 3 --quiet
expect_rc 0 "generate --csv"; one_doc "generate --csv"
run lp --json roster add --id ana --name 'Ana "the" Trainee'
expect_rc 0 "roster add"; one_doc "roster add"
run lp --json roster list
one_doc "roster list"
run lp --json export reads "$Q/reads.csv"
expect_rc 0 "export reads into a quoted path"; one_doc "export reads"
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["file"])')" "$Q/reads.csv" "the path comes back intact"
lp init --force --seed 2 --vehicles 40 --days 30 --reads 10 --quiet >/dev/null
lp roster add --id ana --name Ana >/dev/null
run lp --json import reads "$Q/gen.csv"
expect_rc 0 "import reads"; one_doc "import reads"
export LPRSIM_USER=ana
lp case add --number C-1 --type civil >/dev/null
P=$(sqlite3 "$LPRSIM_DB" "SELECT plate FROM reads GROUP BY plate ORDER BY count(*) DESC LIMIT 1")
run lp --json query --plate "$P" --from 2000-01-01 --to 2100-01-01 --case C-1 --reason "locate the target vehicle"
one_doc "query"
run lp --json query --plate "$P" --from 2026-01-01 --to 2026-12-31 --case C-1 --reason "locate the target vehicle"
one_doc "query"
expect_eq "$(long_numbers)" "" "query: lat, lon, confidence as short as round-trips"
run lp --json case list; one_doc "case list"
run lp --json audit list; one_doc "audit list"
run lp --json audit verify; one_doc "audit verify"
run lp --json audit keygen --out "$Q/ak"; one_doc "audit keygen"
run lp --json audit checkpoint --key "$Q/ak/audit.key"; one_doc "audit checkpoint"
run lp --json scenario list; one_doc "scenario list"
run lp --json scenario check "$ROOT/scenarios/one-word-reason.lua" "$ROOT/scenarios/misread-hit.lua"; one_doc "scenario check"

# scenario run: one document (it printed one per action before)
lp scenario solution "$ROOT/scenarios/one-word-reason.lua" --seed 17 > "$T/sol.txt"
run lp --json scenario run "$ROOT/scenarios/one-word-reason.lua" --seed 17 --actions "$T/sol.txt"
expect_rc 0 "scenario run"; one_doc "scenario run"
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["report"]["passed"], len(d["steps"]) > 0)')" "True True" "the steps and the report in one document"
run lp --json scenario list --sessions; one_doc "scenario list --sessions"
SID=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(max(s["id"] for s in json.load(sys.stdin)))')
run lp --json scenario replay "$SID"; one_doc "scenario replay"
run sh -c "printf 'quit\n' | '$LPRSIM_BIN' --json scenario run '$ROOT/scenarios/one-word-reason.lua' --seed 17"
one_doc "scenario run, quit"

# certificates
run lp --json cert keygen --out "$Q/keys"; one_doc "cert keygen"
S=$("$CERTFIX" "$LPRSIM_DB" "$Q/keys/issuer.key" ana initial 92.5 "$(date -u -d '10 days ago' +%Y-%m-%dT%H:%M:%SZ)" | cut -d' ' -f1)
run lp --json cert show; one_doc "cert show"
run lp --json cert show "$S"; one_doc "cert show SERIAL"
lp cert export "$S" --format token --out "$T/c.token" 2>/dev/null
run lp --json cert verify "$T/c.token" --pubkey "$Q/keys/issuer.pub"; one_doc "cert verify"
run lp --json cert revoke --publish --key "$Q/keys/issuer.key" --out "$Q/rev.lrl"; one_doc "cert revoke"
finish
