#!/bin/sh
# layers.sh - the house's layer rules, checked by folder (make lint).
#   usage: layers.sh "io store world ..."   (the core's folders, lowest first)
# A core folder may include only folders before it in that order; util
# includes nothing of the project; the core never includes script/, cli/ or
# tui/; each library header lives in its one folder; the core never prints.
set -u
order=$1
ok=1
say() { echo "layers: $*"; ok=0; }
rank() { i=0; for d in $order; do [ "$d" = "$1" ] && { echo $i; return; }; i=$((i+1)); done; echo -1; }

for d in sim/core/*/; do
    d=${d%/}; d=${d#sim/core/}
    [ "$(rank "$d")" -ge 0 ] || say "sim/core/$d is not in the order ($order)"
done
for f in $(find sim/core -name '*.[ch]'); do
    own=$(echo "$f" | cut -d/ -f3); r=$(rank "$own")
    grep -nE '^#include "core/[a-z_]+/' "$f" | while IFS= read -r line; do
        dep=$(echo "$line" | sed -E 's#.*"core/([a-z_]+)/.*#\1#')
        [ "$dep" = "$own" ] && continue
        if [ "$(rank "$dep")" -lt 0 ] || [ "$(rank "$dep")" -ge "$r" ]; then
            echo "layers: $f:${line%%:*}: core/$own includes core/$dep (order: $order)"
        fi
    done
done > /tmp/layers.$$ 2>&1
[ -s /tmp/layers.$$ ] && { cat /tmp/layers.$$; ok=0; }
rm -f /tmp/layers.$$

only() { # only PATTERN FOLDER-REGEX WHAT
    for f in $(grep -rlE "#include <($1)\\.h>" sim); do
        echo "$f" | grep -qE "^($2)" || say "$f includes $3 (only $2)"
    done
}
only 'sqlite3' 'sim/core/store/' 'sqlite3.h'
only 'csv' 'sim/core/io/' 'csv.h'
only 'lua|lauxlib|lualib' 'sim/script/' 'Lua'
only 'n?curses|ncursesw/curses|term' 'sim/tui/' 'curses'
only 'curl/curl' 'sim/core/learn/xapi_http.c' 'libcurl'
for f in $(grep -rlE '#include "(core|script|cli|tui)/' sim/util); do
    say "$f: util includes the project"; done
for f in $(grep -rlE '#include "(script|cli|tui)/' sim/core); do
    say "$f: the core includes a front end or the scenario host"; done
for f in $(grep -rlE '#include "(cli|tui)/' sim/script); do
    say "$f: the scenario host includes a front end"; done
# rule-id literals ("IV.A.1") only in the policy catalogue
grep -rnE '"IV\.[A-M]' sim | grep -v '^sim/core/policy/' \
    | grep -vE '^[^:]+:[0-9]+:\s*(/\*|\*)' > /tmp/layers.$$
[ -s /tmp/layers.$$ ] && { ok=0; sed -E 's/^([^:]+:[0-9]+):.*/layers: \1: a rule-id literal outside core\/policy (use RULE_IV_* of core\/policy\/rules.h)/' /tmp/layers.$$; }
rm -f /tmp/layers.$$
# the core never prints to the user
for f in $(grep -rlE '\b(printf|puts|putchar|perror)\s*\(|\b(fprintf|fputs)\s*\(\s*std(out|err)' sim/core); do
    say "$f: prints to stdout/stderr: $(grep -nE '\b(printf|puts|putchar|perror)\s*\(|\b(fprintf|fputs)\s*\(\s*std(out|err)' "$f" | head -n 1 | cut -c1-70)"
done
[ $ok = 1 ] && echo "layers: ok"
[ $ok = 1 ]
