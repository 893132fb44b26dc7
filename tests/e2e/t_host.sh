#!/bin/sh
# t_host.sh - a training host, as root: installs lprsim with SITE=1 into a
# scratch prefix with throw-away groups and Unix users (removed at the
# end, even on failure), then runs lprsim as each user (runuser) and
# proves that a trainee cannot act as someone else, read the database or
# the model answers, pick an exam seed or issue; that a trainee's own
# honest track gets a certificate the gate accepts for them only; and
# that an instructor can issue, revoke and read solutions.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null 2>&1 ||
   ! command -v runuser >/dev/null 2>&1; then
    echo "t_host: skipped (needs root, useradd and runuser)"
    echo "t_host: 0 passed, 0 failed"; exit 0
fi
unset LPRSIM_DB LPRSIM_ROOT
SUF=$$$(date +%M%S)
G=lpg$SUF; GI=lpi$SUF; GA=lpa$SUF
UA=lpta$SUF; UB=lptb$SUF; UI=lpti$SUF
S=$(mktemp -d /tmp/lprsim-host-XXXXXX)
TS="lprsim-host-$$"
cleanup() {
    runuser -u "$UA" -- tmux -L "$TS" kill-server >/dev/null 2>&1
    ida=$(id -u "$UA" 2>/dev/null) && rm -rf "/tmp/tmux-$ida"
    # -f: a process of the user still ending (tmux) must not keep the
    # account alive
    for u in $UA $UB $UI lptx$SUF; do userdel -f "$u" >/dev/null 2>&1; done
    for g in $G $GI $GA; do groupdel "$g" >/dev/null 2>&1; done
    rm -rf "$S" "$T"
}
trap cleanup EXIT
chmod 755 "$S"
mkdir -p "$S/home"; chmod 755 "$S/home"
for g in $G $GI $GA; do groupadd "$g" || { echo "t_host: groupadd failed"; exit 1; }; done
for u in $UA $UB $UI; do
    useradd -M -d "$S/home/$u" -s /bin/sh "$u" || { echo "t_host: useradd failed"; exit 1; }
    mkdir -p "$S/home/$u"; chown "$u" "$S/home/$u"; chmod 700 "$S/home/$u"
done
usermod -a -G "$GI" "$UI"

SAN=0; case "$LPRSIM_BIN" in */build/san/*) SAN=1;; esac
make -s -C "$ROOT" install SITE=1 SAN=$SAN PREFIX="$S/usr" SYSCONFDIR="$S/etc" \
    LOCALSTATEDIR="$S/var" SITE_ID=test-host SITE_GROUP="$G" \
    INSTRUCTORS="$GI" ADMINS="$GA" \
    SITE_INIT="--vehicles 60 --days 60 --reads 3000" >"$T/install.log" 2>&1 ||
    { cat "$T/install.log"; echo "t_host: make install SITE=1 failed"; exit 1; }
LP="$S/usr/bin/lprsim"; DB="$S/var/lib/lprsim/lprsim.db"
SCN="$S/usr/share/lprsim/scenarios"; KEY="$S/etc/lprsim/private/issuer.key"
PUB="$S/etc/lprsim/private/issuer.pub"

# as USER ARGS...: lprsim as that Unix user, in their home folder
as() { u=$1; shift; (cd "$S/home/$u" && runuser -u "$u" -- "$LP" "$@"); }
asenv() { u=$1; v=$2; shift 2; (cd "$S/home/$u" && runuser -u "$u" -- env "$v" "$LP" "$@"); }

run stat -c '%a %G' "$LP"; expect_eq "$OUT" "2755 $G" "lprsim is setgid to the site group"
run stat -c '%a %G' "$DB"; expect_eq "$OUT" "660 $G" "the database is the group's"
run stat -c '%a' "$KEY"; expect_eq "$OUT" "640" "the issuer key: group only"

# ---- the roster binds people to logins (instructor role: root here)
run "$LP" roster add --id A100 --name "Avery Ample" --login "$UA"
expect_rc 0 "roster add --login"; expect_out "login $UA" "says the login"
"$LP" roster add --id B200 --name "Blake Byway" --login "$UB" >/dev/null
"$LP" roster add --id I300 --name "Indi Instructor" --login "$UI" --role instructor >/dev/null
run "$LP" roster add --id A101 --name "Again" --login "$UA"
expect_rc 2 "a login binds one person"; expect_err 'already bound' "says why"

# ---- nothing is readable around lprsim
F=misread-hit.lua
[ -f "$SCN/$F" ] || F=$(ls "$SCN" | head -n 1)
run runuser -u "$UA" -- cat "$DB"; [ "$RC" != 0 ] && ok || bad "trainee read the database with cat"
run runuser -u "$UA" -- sqlite3 "$DB" "SELECT count(*) FROM people"
[ "$RC" != 0 ] && ok || bad "trainee opened the database with sqlite3"
run runuser -u "$UA" -- cat "$SCN/$F"; [ "$RC" != 0 ] && ok || bad "trainee read a scenario file (its solution)"
run runuser -u "$UA" -- cat "$KEY"; [ "$RC" != 0 ] && ok || bad "trainee read the issuer key"
run runuser -u "$UA" -- cp "$DB" "$S/home/$UA/copy.db"; [ "$RC" != 0 ] && ok || bad "trainee copied the database"
ln -s "$DB" "$S/home/$UA/link.db" 2>/dev/null
run as "$UA" import reads "$S/home/$UA/link.db"
expect_rc 3 "import through a symlink: refused"

# ---- a trainee acts only as themself (exit 3, role named)
run as "$UA" --user B200 scenario list --sessions
expect_rc 3 "--user as a trainee"; expect_err 'act as yourself.*instructor role' "names the role"
run asenv "$UA" LPRSIM_USER=B200 scenario list --sessions
expect_rc 3 "LPRSIM_USER as a trainee"; expect_err 'LPRSIM_USER: on this training host you act as yourself' "names the variable"
run as "$UA" --db "$S/home/$UA/mine.db" roster list
expect_rc 3 "--db as a trainee"; expect_err 'instructor role' "names the role"
run asenv "$UA" LPRSIM_DB=/tmp/x.db scenario list
expect_rc 3 "LPRSIM_DB as a trainee"
run as "$UA" --now 2020-01-01 scenario list
expect_rc 3 "--now"; expect_err "clock of a training host is the system's" "says why"
run asenv "$UA" LPRSIM_NOW=2020-01-01 scenario list
expect_rc 3 "LPRSIM_NOW"
run as "$UA" --policy state-60day scenario list
expect_rc 3 "--policy"
run as "$UA" scenario solution "$SCN/$F" --seed 5
expect_rc 3 "scenario solution"; expect_err "'lprsim scenario solution' needs the instructor role \\($UA is a trainee" "one line naming the role"
run as "$UA" scenario run "$F" --seed 5 --actions /dev/null
expect_rc 3 "scenario run --seed"; expect_err 'scenario run --seed needs the instructor role' "names the role"
printf 'return {}\n' > "$S/home/$UA/mine.lua"; chown "$UA" "$S/home/$UA/mine.lua"
run as "$UA" scenario check "$S/home/$UA/mine.lua"
expect_rc 3 "scenario check outside the installed set"; expect_err 'outside the installed set needs the instructor role' "names the role"
run as "$UA" cert issue --track initial
expect_rc 3 "cert issue as a trainee"; expect_err 'needs the instructor role' "names the role"
run as "$UA" roster add --id X1 --name X --login "$UA"
expect_rc 3 "roster add as a trainee"
run as "$UA" init --force
expect_rc 3 "init as a trainee"; expect_err 'administrator role' "names the role"
run as "$UA" audit keygen --out "$S/home/$UA/k"
expect_rc 3 "audit keygen as a trainee"
run sh -c "printf 'q\n' | (cd $S/home/$UA && runuser -u $UA -- $LP --plain)"
expect_out "Signed in as A100" "the plain sign-in is the login, no picker"
run sh -c "printf 'q\n' | (cd $S/home/$UA && runuser -u $UA -- env LPRSIM_USER=B200 $LP --plain)"
expect_rc 3 "the application refuses LPRSIM_USER"
useradd -M -d "$S/home" -s /bin/sh "lptx$SUF" && {
    run sh -c "printf '1\n' | (cd $S && runuser -u lptx$SUF -- $LP --plain)"
    expect_rc 3 "a login off the roster gets no sign-in picker"
    expect_err "login lptx$SUF is not on this training host's roster: ask an instructor" "says whom to ask"
    userdel "lptx$SUF"; }

# ---- the sign-in screen, in a terminal (tmux, A's own private server)
tmA() { runuser -u "$UA" -- tmux -L "$TS" "$@"; }
tui() {   # tui ENV=VALUE...: lprsim as A in an 80x24 terminal
    tmA kill-session -t app >/dev/null 2>&1
    tmA new-session -d -s app -x 80 -y 24 "cd $S/home/$UA; env LANG=C.UTF-8 TERM=screen $* $LP; echo EXITED \$?; sleep 30"
}
screen_has() {   # screen_has PATTERN WHAT: polls the screen, bounded
    i=0
    while [ $i -lt 100 ]; do
        SCREEN=$(tmA capture-pane -p -t app 2>/dev/null)
        printf '%s\n' "$SCREEN" | grep -qE -- "$1" && { ok; return 0; }
        i=$((i + 1)); sleep 0.05
    done
    RC=; OUT=$SCREEN; ERR=; bad "$2: screen lacks /$1/"
}
tmA new-session -d -s keep -x 80 -y 24 "sleep 3600"
tui
screen_has 'Avery Ample|A100' "the application opens as A, with no picker"
SCREEN=$(tmA capture-pane -p -t app)
printf '%s\n' "$SCREEN" | grep -q 'B200' && bad "the screen offers B" || ok
tui LPRSIM_USER=B200
screen_has 'act as yourself' "LPRSIM_USER in the application: refused"
screen_has 'EXITED 3' "exit 3"

# ---- A's own honest track, played through action files as A
# What a certificate requires (curriculum/tracks/initial.json): every
# lesson read to its end and its knowledge check passed -- written here as
# the trainee application records them (t_plain drives the application
# itself), with A's login -- and every scenario passed in an exam of the
# track, started after its lesson, as A.
FILES=$(sed -n 's/.*"file": *"\([^"]*\)".*/\1/p' "$ROOT/curriculum/tracks/initial.json" | sort -u)
LESSONS=$(sed -n 's/.*"lesson": *"lessons\/\([^"]*\)\.md".*/\1/p' "$ROOT/curriculum/tracks/initial.json" | sort -u)
run as "$UA" cert status --track initial
expect_out '^initial: ' "A sees the certificate status"
expect_out 'read the lesson' "the lessons left are listed"
for l in $LESSONS; do
    sqlite3 "$DB" "INSERT OR REPLACE INTO lesson_reads(user_id,lesson,at) VALUES('A100','$l',strftime('%s','now')-3600);
        INSERT OR REPLACE INTO lesson_progress(user_id,lesson,right_answers,questions,passed,at,attempts,login)
        VALUES('A100','$l',3,3,1,strftime('%s','now')-3600,1,'$UA');"
done
# the active exam of A: its session id and the seed lprsim drew
active_py='import json,sys
s = [x for x in json.load(sys.stdin) if x["user"] == "A100" and x["status"] == "active"]
print(max(s, key=lambda x: x["id"])[sys.argv[1]] if s else "")'
for f in $FILES; do
    printf 'quit\n' | (cd "$S/home/$UA" && runuser -u "$UA" -- "$LP" scenario run --mode exam --track initial "$f") >"$T/exam.out" 2>&1
    as "$UA" --json scenario list --sessions > "$T/sess.json" 2>"$T/sess.err"
    sid=$(python3 -c "$active_py" id < "$T/sess.json")
    seed=$(python3 -c "$active_py" seed < "$T/sess.json")
    [ -n "$sid" ] && [ -n "$seed" ] && ok || { RC=0; OUT=$(cat "$T/exam.out"); ERR=$(cat "$T/sess.err"); bad "no exam session of $f for A"; continue; }
    "$LP" scenario solution "$SCN/$f" --seed "$seed" > "$S/home/$UA/sol.act"
    chown "$UA" "$S/home/$UA/sol.act"
    run as "$UA" --quiet scenario resume --session "$sid" --actions sol.act
    expect_rc 0 "A passes the exam of $f as A"
done
run as "$UA" cert status --track initial
expect_out '^initial: ready to request$' "A: every requirement met"
run as "$UA" cert request --track initial
expect_rc 0 "A requests the certificate"
run runuser -u "$UA" -- sh -c "cd $S/home/$UA && $LP scenario list --sessions"
expect_out 'A100' "sessions recorded for A100"
run sqlite3 "$DB" "SELECT DISTINCT login FROM sessions WHERE user_id='A100'"
expect_eq "$OUT" "$UA" "every session records A's login"
run sqlite3 "$DB" "SELECT count(*) FROM audit WHERE user_id='A100' AND login IS NOT '$UA'"
expect_eq "$OUT" 0 "every audit row of A records A's login"

# ---- someone else's session: not resumed, not read
printf 'quit\n' | (cd "$S/home/$UB" && runuser -u "$UB" -- "$LP" scenario run "$f") >"$T/b.out" 2>&1 || cat "$T/b.out"
BS=$(sqlite3 "$DB" "SELECT max(id) FROM sessions WHERE user_id='B200'")
run as "$UA" scenario resume --session "$BS" --actions sol.act
expect_rc 3 "A cannot resume B's session"; expect_err "another person's" "says why"
run as "$UA" scenario transcript "$BS"
expect_rc 3 "A cannot read B's transcript"; expect_err 'instructor role' "names the role"
run as "$UI" scenario transcript "$BS"
expect_rc 0 "an instructor reads B's transcript"

# ---- the instructor issues; the gate takes it for A only
run as "$UI" --user A100 cert issue --track initial
expect_rc 0 "instructor issues A's certificate"; expect_out '^certificate 1$' "serial 1"
run sqlite3 "$DB" "SELECT login FROM audit WHERE action='cert issue' AND user_id='A100'"
expect_eq "$OUT" "$UI" "acting for A is audited with the instructor's login"
run sqlite3 "$DB" "SELECT site FROM certificates WHERE serial=1"
expect_eq "$OUT" "test-host" "the certificate records the site"
run as "$UI" --user B200 cert issue --track initial
expect_rc 3 "B did nothing: refused"; expect_err 'has not passed' "says why"
# a database edited to show a pass for B gets B nothing: the replay decides
sqlite3 "$DB" "UPDATE sessions SET status='done', score=100, passed=1 WHERE user_id='B200'"
run as "$UI" --user B200 cert issue --track initial
expect_rc 3 "an edited database gets B nothing"; expect_err 'IV\.H: B200 has not passed' "names the rule"
# the site key readable by others is refused
chmod 644 "$KEY"
run as "$UI" --user A100 cert issue --track initial
expect_rc 1 "an issuer key open to others: refused"; expect_err 'group or others' "says why"
chmod 640 "$KEY"
run as "$UI" cert export 1 --format token --out a.token
expect_rc 0 "export the token as the instructor"
run stat -c '%U %G' "$S/home/$UI/a.token"
expect_eq "$OUT" "$UI $(id -gn "$UI")" "the export has the user's own owner and group"
run as "$UI" cert export 1 --format jwt
expect_rc 0 "the VC"
SITE=$(printf '%s' "$OUT" | cut -d. -f2 | tr '_-' '/+' | base64 -d 2>/dev/null)
printf '%s' "$SITE" | grep -q '"site":"test-host"' && ok || bad "the VC names the site"
run as "$UI" cert revoke --publish --key "$KEY" --out rev.lrl
expect_rc 0 "instructor publishes the revocation list"
H="$S/home/$UI"; mkdir -p "$T/gate"
run "$LP" gate --user A100 --cert "$H/a.token" --pubkey "$PUB" --revocations "$H/rev.lrl" --state "$T/gate/state"
expect_rc 0 "gate --user A accepts A's certificate"
run "$LP" gate --user B200 --cert "$H/a.token" --pubkey "$PUB" --revocations "$H/rev.lrl" --state "$T/gate/state"
if [ "$RC" != 0 ]; then ok; else bad "gate --user B accepted A's certificate"; fi
run as "$UI" scenario solution "$SCN/$F" --seed 3
expect_rc 0 "instructor reads a solution"; [ -n "$OUT" ] && ok || bad "solution printed"
run as "$UI" cert revoke 1 --reason "test" --key "$KEY" --out rev.lrl
expect_rc 0 "instructor revokes"
run "$LP" gate --user A100 --cert "$H/a.token" --pubkey "$PUB" --revocations "$H/rev.lrl" --state "$T/gate/state"
if [ "$RC" != 0 ]; then ok; else bad "gate accepted a revoked certificate"; fi

# ---- the classic setgid traps
# A symbolic link in /tmp to the database: an export as A never writes
# through it (O_NOFOLLOW, A's own rights); the database is untouched.
SUM=$(md5sum < "$DB")
L=/tmp/lprsim-link-$SUF.png
runuser -u "$UA" -- ln -s "$DB" "$L"
run as "$UA" cert export 1 --format png --out "$L"
if [ "$RC" != 0 ]; then ok; else bad "an export wrote through a symlink"; fi
expect_eq "$(md5sum < "$DB")" "$SUM" "the database is unchanged"
rm -f "$L"
# PATH and other variables: lprsim keeps only terminal and locale ones
run asenv "$UA" "PATH=$S/home/$UA" scenario list
expect_rc 0 "a hostile PATH changes nothing"
# a kill mid-run: the log still verifies, the session resumes
f1=$(printf '%s\n' $FILES | head -n 1)
yes 'query --plate ABC1234 --from 2026-01-01 --to 2026-01-02 --case X --reason "look"' | head -n 400 > "$S/home/$UA/many.act"
chown "$UA" "$S/home/$UA/many.act"
(cd "$S/home/$UA" && exec runuser -u "$UA" -- "$LP" --quiet scenario run "$f1" --actions many.act) >/dev/null 2>&1 &
KP=$!
i=0; while [ $i -lt 200 ]; do
    n=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action='query' AND user_id='A100'" 2>/dev/null)
    [ "${n:-0}" -gt 3 ] && break; i=$((i + 1)); sleep 0.05; done
pkill -KILL -P "$KP" 2>/dev/null; kill -KILL "$KP" 2>/dev/null; wait "$KP" 2>/dev/null
run "$LP" audit verify
expect_rc 0 "after a kill -9 the audit log verifies"
run sqlite3 "$DB" "PRAGMA integrity_check"
expect_eq "$OUT" ok "the database is sound"

# ---- the ten-second forgery fails on a host
"$LP" scenario solution "$SCN/$F" --seed 5 > "$S/home/$UB/s.act"; chown "$UB" "$S/home/$UB/s.act"
run as "$UB" --user A100 scenario run "$F" --seed 5 --actions s.act
expect_rc 3 "B cannot run as A"
run as "$UI" --user A100 scenario run "$F" --actions "$S/home/$UB/s.act"
expect_rc 3 "an instructor acts for others only in instructor commands"
expect_err 'only in instructor commands' "says so"

finish
