#!/bin/sh
# t_readme.sh - the README's "Try it" session runs as written: the block is
# cut from README.md and run by sh in a folder whose ./lprsim is the binary
# under test (as in the clone after make run); only the database path is
# moved into the test's temporary folder.
. "$(dirname "$0")/lib.sh"

mkdir "$T/clone"
ln -s "$LPRSIM_BIN" "$T/clone/lprsim"
awk '/^## Try it/ { f = 1; next } /^## / { f = 0 }
     f && /^    / { sub(/^    /, ""); print }' "$ROOT/README.md" \
    | sed "s|/tmp/lprsim-try.db|$T/try.db|" > "$T/try.sh"
run grep -c . "$T/try.sh"
if [ "$OUT" -ge 10 ]; then ok; else bad "the Try it block was not found"; fi
expect_eq "$(head -n 1 "$T/try.sh")" 'export PATH="$PWD:$PATH"' "the block starts with its PATH line"
cd "$T/clone" || exit 1
run env -u LPRSIM_DB PATH=/usr/bin:/bin sh "$T/try.sh"
cd "$ROOT" || exit 1
expect_rc 0 "the session ends well (audit verify)"
expect_no_out 'not found' "every command is found"
if printf '%s' "$ERR" | grep -q 'not found'; then bad "a command of the README was not found"; else ok; fi
expect_err 'refused \(IV\.J\.2\).*earliest allowed start is 2021-03-02' "the look-back refusal, as the README says"
expect_err 'refused \(IV\.K\.2\)' "the hotlist note refusal"
finish
