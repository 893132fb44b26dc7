#!/bin/sh
# t_install.sh - make install / uninstall into a scratch DESTDIR: the
# installed binary finds its data from any folder (nothing of PREFIX is
# compiled in), the man page renders and lists every command, the bash
# completion offers every command, and uninstall leaves no folder it made.
. "$(dirname "$0")/lib.sh"
unset LPRSIM_ROOT
D="$T/dest"; P=/opt/lprsim-test
mk() { make -s --no-print-directory -C "$ROOT" "$@" >"$T/make.out" 2>&1; }

# the same build installed under two prefixes: neither is stale
for PFX in /usr/other "$P"; do
    if mk install PREFIX="$PFX" DESTDIR="$D"; then ok; else RC=1; OUT=$(cat "$T/make.out"); ERR=""; bad "make install PREFIX=$PFX"; fi
done
B="$D$P/bin/lprsim"
expect_eq "$(stat -c %a "$B" 2>/dev/null)" 755 "binary installed 0755"
for f in share/lprsim/datasets share/lprsim/scenarios share/lprsim/curriculum \
         share/man/man1/lprsim.1 share/bash-completion/completions/lprsim; do
    if [ -e "$D$P/$f" ]; then ok; else bad "not installed: $P/$f"; fi
done

# from another folder, with no LPRSIM_ROOT: data found beside the binary
cd / || exit 1
run "$B" scenario list
expect_rc 0 "installed binary lists the scenarios from /"
expect_out 'misread-hit\.lua' "a scenario of the installed share folder"
run "$B" --db "$T/inst.db" init --seed 3 --vehicles 30 --days 20 --reads 2000
expect_rc 0 "installed binary makes a world from its datasets"
run "$D/usr/other/bin/lprsim" --db "$T/inst2.db" init --seed 3 --vehicles 30 --days 20 --reads 2000
expect_rc 0 "the other prefix's binary finds its own data"
cd "$ROOT" || exit 1

# the man page: renders, and holds every command of the table
run man -l "$D$P/share/man/man1/lprsim.1"
expect_rc 0 "man -l renders lprsim(1)"
expect_out '^COMMANDS' "a COMMANDS section"
"$B" help --commands > "$T/cmds"
expect_eq "$(wc -l < "$T/cmds")" "$("$B" --help | grep -c '^  [a-z]')" "help --commands lists what --help lists"
MAN_TEXT=$(MANWIDTH=200 man -l "$D$P/share/man/man1/lprsim.1" 2>/dev/null)
missing=""
while read -r cmd; do
    printf '%s\n' "$MAN_TEXT" | grep -q "^       $cmd\( \|$\)" || missing="$missing [$cmd]"
done < "$T/cmds"
expect_eq "$missing" "" "every command has its entry in the man page"
run sh -c "groff -man -Tutf8 -z '$D$P/share/man/man1/lprsim.1' 2>&1 | grep -v 'cannot adjust line'"
expect_eq "$OUT" "" "groff finds no error in the man page"

# bash completion: the first word offers every command, a group its own
if command -v bash >/dev/null 2>&1; then
    COMP="$D$P/share/bash-completion/completions/lprsim"
    run bash -c ". '$COMP'; COMP_WORDS=(lprsim ''); COMP_CWORD=1; _lprsim; printf '%s\n' \"\${COMPREPLY[@]}\""
    missing=""
    for w in $(cut -d' ' -f1 "$T/cmds" | sort -u); do
        printf '%s\n' "$OUT" | grep -qx "$w" || missing="$missing $w"
    done
    expect_eq "$missing" "" "completion offers every command"
    run bash -c ". '$COMP'; COMP_WORDS=(lprsim --db x.db cert ''); COMP_CWORD=4; _lprsim; printf '%s\n' \"\${COMPREPLY[@]}\" | sort | tr '\n' ' '"
    expect_eq "$OUT" "export issue keygen request requests revoke show status verify " "completion of 'cert' lists its subcommands"
    run bash -c ". '$COMP'; COMP_WORDS=(lprsim cert verify --re); COMP_CWORD=3; _lprsim; printf '%s\n' \"\${COMPREPLY[@]}\""
    expect_eq "$OUT" "--revocations" "completion of an option of 'cert verify'"
fi

# uninstall: nothing left, not even the folders install made
for PFX in "$P" /usr/other; do
    mk uninstall PREFIX="$PFX" DESTDIR="$D"
done
run find "$D" -mindepth 1
expect_eq "$OUT" "" "uninstall removes every file and folder it made"
# a folder that existed before install is kept
mkdir -p "$T/keep/usr/local/bin"
mk install PREFIX=/usr/local DESTDIR="$T/keep"; mk uninstall PREFIX=/usr/local DESTDIR="$T/keep"
run find "$T/keep" -mindepth 1
expect_eq "$(echo $OUT)" "$T/keep/usr $T/keep/usr/local $T/keep/usr/local/bin" "folders that were there before stay"
finish
