#!/bin/sh
# t_help.sh - every help page: exit 0, "-h" the same as "--help", no line
# past 80 columns (the overview, each command, each group).
. "$(dirname "$0")/lib.sh"

lp help --commands > "$T/cmds"
n=$(wc -l < "$T/cmds")
if [ "$n" -ge 40 ]; then ok; else bad "help --commands lists only $n commands"; fi
long=""; diff=""; fails=""
check_page() {  # WHAT FILE
    w=$(LC_ALL=C.UTF-8 wc -L < "$2")
    [ "$w" -le 80 ] || long="$long [$1: $w]"
}
lp --help > "$T/o1"; lp -h > "$T/o2"
check_page "--help" "$T/o1"
cmp -s "$T/o1" "$T/o2" || diff="$diff [lprsim -h]"
while read -r a b; do
    # shellcheck disable=SC2086
    lp $a $b --help > "$T/h1" 2>&1 || fails="$fails [$a $b]"
    # shellcheck disable=SC2086
    lp $a $b -h > "$T/h2" 2>&1 || fails="$fails [$a $b -h]"
    cmp -s "$T/h1" "$T/h2" || diff="$diff [$a $b]"
    check_page "$a $b" "$T/h1"
    if [ -n "$b" ]; then
        lp $a -h > "$T/g" 2>&1 || fails="$fails [$a -h]"
        check_page "$a" "$T/g"
    fi
done < "$T/cmds"
expect_eq "$fails" "" "every help page exits 0"
expect_eq "$diff" "" "-h prints what --help prints"
expect_eq "$long" "" "no help line is longer than 80 columns"
run lp cert verify --pubkey k.pub -h
expect_rc 0 "-h after other options"; expect_out '^usage: lprsim cert verify' "is help"
run lp query --reason -h --help
expect_rc 0 "an option's value '-h' is a value"
run lp help --man
expect_out '^\.TH LPRSIM 1' "help --man is a man page"
finish
