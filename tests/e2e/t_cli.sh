#!/bin/sh
# t_cli.sh - the command-line frame: help, version, exit statuses, roster.
. "$(dirname "$0")/lib.sh"

run lp --version
expect_rc 0 "--version"; expect_out '^lprsim [0-9]+\.[0-9]+' "--version"

run lp --help
expect_rc 0 "--help"; expect_out 'roster add' "overview lists commands"
expect_out '^ cases and queries:' "overview grouped as the contract"
expect_no_out '^ other:' "every command belongs to a group"
# every command and action of the contract is listed once
for c in init generate 'roster add' 'case add' query geoquery analyze enforce upload \
         'device wipe' share 'hotlist add' 'hotlist review' 'audit verify' \
         'audit review' 'scenario run' 'cert issue' gate 'import reads'; do
    n=$(printf '%s\n' "$OUT" | grep -c "^  $c  ")
    expect_eq "$n" 1 "overview lists '$c' once"
done

run lp roster add --help
expect_rc 0 "roster add --help"; expect_out '^usage: lprsim roster add' "usage line"
expect_out '--id ID' "option listed"

run lp nosuchcommand
expect_rc 2 "unknown command"; expect_err "no command 'nosuchcommand'" "names it"

run lp roster add --id x --bogus 1
expect_rc 2 "unknown option"; expect_err "unknown option '--bogus'" "names the option"

run lp roster list
expect_rc 1 "missing database"; expect_err "no such database" "says so"

printf 'not a database, just text..................................................................................................' > "$T/junk.db"
run lp --db "$T/junk.db" roster list
expect_rc 4 "foreign file"; expect_err "not a database" "says so"

finish
