#!/bin/sh
# t_gate.sh - the access gate end to end: yes only for a valid, unexpired,
# unrevoked certificate of that person; no (non-zero) on every doubt; and
# the same answers through PAM (pam_exec, checked with pamtester).
. "$(dirname "$0")/lib.sh"
: "${CERTFIX:?CERTFIX must name the certificate fixture (make test-e2e)}"
PAMSVC=/etc/pam.d/lprsim-test
trap 'rm -rf "$T"; [ -n "${PAM_INSTALLED:-}" ] && rm -f "$PAMSVC"' EXIT

iso() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }
"$CERTFIX" mkdb "$LPRSIM_DB" || { echo "cannot make a database"; exit 1; }
for p in t.alvarez b.okafor c.reyes d.nguyen; do
    lp roster add --id $p --name "Person $p" >/dev/null
done
K="$T/keys"; mkdir "$K" "$T/certs"
lp cert keygen --out "$K" >/dev/null
RECENT=$(iso '20 days ago')
"$CERTFIX" "$LPRSIM_DB" "$K/issuer.key" t.alvarez initial 91 "$RECENT" >/dev/null   # 1 valid
"$CERTFIX" "$LPRSIM_DB" "$K/issuer.key" b.okafor initial 85 2024-02-01 >/dev/null   # 2 expired
"$CERTFIX" "$LPRSIM_DB" "$K/issuer.key" c.reyes initial 97 "$RECENT" >/dev/null     # 3 revoked
lp cert revoke 3 --reason "access withdrawn" --key "$K/issuer.key" --out "$T/rev.lrl" >/dev/null
for s in 1 2 3; do
    u=$(lp --json cert show $s | sed -n 's/.*"person":"\([^"]*\)".*/\1/p')
    lp --quiet cert export $s --format token --out "$T/certs/$u.token"
done
G="--pubkey $K/issuer.pub --revocations $T/rev.lrl --state $T/gate.state"

# ---- the decision
run lp gate --user t.alvarez $G --certs "$T/certs"
expect_rc 0 "certified person let in"; expect_out '^gate: allow t\.alvarez: certificate 1' "says which certificate"
run lp gate --user b.okafor $G --certs "$T/certs"
expect_rc 4 "expired refused"; expect_err 'deny b\.okafor: certificate 2 expired' "says why"
run lp gate --user c.reyes $G --certs "$T/certs"
expect_rc 4 "revoked refused"; expect_err 'certificate 3 is revoked' "says why"
run lp gate --user d.nguyen $G --certs "$T/certs"
expect_rc 4 "uncertified refused"; expect_err 'd\.nguyen holds no certificate' "says why"
run lp gate $G --certs "$T/certs"
expect_rc 2 "no user at all"
run lp gate --user '../../etc/passwd' $G --certs "$T/certs"
expect_rc 2 "a user name outside the grammar"
run env PAM_USER=t.alvarez "$LPRSIM_BIN" gate $G --certs "$T/certs"
expect_rc 0 "user from PAM_USER"
run env PAM_USER=b.okafor "$LPRSIM_BIN" gate --user t.alvarez $G --certs "$T/certs"
expect_rc 2 "--user and PAM_USER differ"
run lp gate --user d.nguyen $G --cert "$T/certs/t.alvarez.token"
expect_rc 4 "someone else's certificate"; expect_err 'belongs to t\.alvarez, not to d\.nguyen' "says whose"
run lp gate --user t.alvarez --require refresher $G --certs "$T/certs"
expect_rc 4 "refresher required"; expect_err 'refresher certificate is required' "says so"
"$CERTFIX" "$LPRSIM_DB" "$K/issuer.key" t.alvarez refresher 93 "$RECENT" >/dev/null   # 4
run lp gate --user t.alvarez --require refresher $G --db "$LPRSIM_DB"
expect_rc 0 "refresher from the database"; expect_out 'certificate 4: t\.alvarez, refresher' "the newest"
run lp gate --user b.okafor $G --db "$LPRSIM_DB"
expect_rc 4 "expired, from the database"
run lp gate --user d.nguyen $G --db "$LPRSIM_DB"
expect_rc 4 "nobody's certificate in the database"
run lp gate --user t.alvarez --require expert $G --certs "$T/certs"
expect_rc 2 "unknown requirement"

# ---- fail closed
run lp gate --user t.alvarez --pubkey "$T/none.pub" --revocations "$T/rev.lrl" --state "$T/gate.state" --certs "$T/certs"
expect_rc 1 "missing public key"; expect_err 'none\.pub: cannot open' "names it"
run lp gate --user t.alvarez --pubkey "$K/issuer.pub" --revocations "$T/none.lrl" --state "$T/gate.state" --certs "$T/certs"
expect_rc 1 "missing revocation list"
chmod 000 "$T/rev.lrl"
if [ "$(id -u)" != 0 ]; then
    run lp gate --user t.alvarez $G --certs "$T/certs"
    expect_rc 1 "unreadable revocation list"
fi
chmod 644 "$T/rev.lrl"
sed 's/^number 1$/number 9/' "$T/rev.lrl" > "$T/forged.lrl"
run lp gate --user t.alvarez --pubkey "$K/issuer.pub" --revocations "$T/forged.lrl" --state "$T/gate.state" --certs "$T/certs"
expect_rc 4 "list with a bad signature"; expect_err 'bad signature' "says so"
cp "$T/rev.lrl" "$T/rev-old.lrl"
lp cert revoke --publish --key "$K/issuer.key" --out "$T/rev.lrl" >/dev/null
run lp gate --user t.alvarez $G --certs "$T/certs"
expect_rc 0 "newer list accepted"
run lp gate --user t.alvarez --pubkey "$K/issuer.pub" --revocations "$T/rev-old.lrl" --state "$T/gate.state" --certs "$T/certs"
expect_rc 4 "older list refused"; expect_err 'number 1, older than number 2' "says so"
cp "$T/gate.state" "$T/gate.saved"
printf 'lprsim-gate-state v1\nlast-time 4102444800\nlist-number 2\n' > "$T/gate.state"
run lp gate --user t.alvarez $G --certs "$T/certs"
expect_rc 4 "clock before the last trusted time"; expect_err 'before the last trusted time 2100-01-01' "says so"
printf 'garbage' > "$T/gate.state"
run lp gate --user t.alvarez $G --certs "$T/certs"
expect_rc 4 "damaged state file"
cp "$T/gate.saved" "$T/gate.state"
head -c 1000 /dev/zero | tr '\0' 'A' > "$T/certs/big.token"
run lp gate --user big $G --certs "$T/certs"
expect_rc 4 "oversized token file"; expect_err 'larger than|too long' "says so"
printf 'LPR1:ABC\nLPR1:DEF\n' > "$T/certs/two.token"
run lp gate --user two $G --certs "$T/certs"
expect_rc 4 "two lines"
mkfifo "$T/fifo"
run lp gate --user t.alvarez --pubkey "$K/issuer.pub" --revocations "$T/fifo" --state "$T/gate.state" --certs "$T/certs"
expect_rc 1 "a FIFO as the list does not hang the login"; expect_err 'not a regular file' "says so"
run lp gate --user t.alvarez $G --cert "$T/fifo"
expect_rc 1 "a FIFO as the certificate"; expect_err 'not a regular file' "says so"
run lp gate --user t.alvarez $G --certs "$T/certs" extra
expect_rc 2 "stray argument"
run lp --now 2026-01-01 gate --user t.alvarez $G --certs "$T/certs"
expect_rc 2 "a sandbox clock is refused"; expect_err 'wall clock only' "says so"

# ---- a gate that cannot hang: a parent that hands down SIGALRM blocked or
# ignored (both survive exec) must not turn the 5-second bound off.  The
# hang: a FIFO as the database blocks in open() until the alarm ends it.
mkfifo "$T/db.fifo"
cat > "$T/sigwrap.py" <<'PY'
import os, signal, sys
if sys.argv[1] == 'block':
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
else:
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
os.execv(sys.argv[2], sys.argv[2:])
PY
printf '#!/bin/sh\nkill -STOP $$\nexec "$@"\n' > "$T/stopme.sh"
PY3=/usr/bin/python3
[ -x "$PY3" ] || PY3=$(command -v python3)
for mode in block ignore; do
    run timeout -s KILL 20 "$PY3" "$T/sigwrap.py" $mode "$LPRSIM_BIN" gate \
        --user t.alvarez $G --db "$T/db.fifo"
    expect_rc 142 "SIGALRM $mode by the parent: the alarm still ends the gate"
done

# ---- through PAM: account requisite pam_exec.so quiet seteuid lprsim gate
if [ "$(id -u)" != 0 ]; then
    echo "t_gate: SKIP the PAM checks: not root (they install $PAMSVC)"
elif ! command -v pamtester >/dev/null 2>&1; then
    RC=1; OUT=""; ERR="pamtester missing (make deps installs it)"
    bad "pamtester is not installed"
else
    PAM_INSTALLED=1
    cat > "$PAMSVC" <<PAM
# lprsim e2e test service (removed by tests/e2e/t_gate.sh)
auth     required  pam_permit.so
account  requisite pam_exec.so quiet seteuid $LPRSIM_BIN gate $G --certs $T/certs
account  sufficient pam_permit.so
PAM
    run pamtester lprsim-test t.alvarez acct_mgmt
    expect_rc 0 "PAM lets the certified person in"; expect_out 'account management done' "pamtester says done"
    for u in d.nguyen b.okafor c.reyes; do
        run pamtester lprsim-test $u acct_mgmt
        if [ "$RC" != 0 ]; then ok; else bad "PAM let $u in"; fi
        expect_no_out 'account management done' "PAM refuses $u"
    done
    # the README's line: an outer bound of 5 s for a gate that is stopped
    # (SIGSTOP: neither its alarm nor pam_exec can end it)
    pamsvc() {
        printf '# lprsim e2e test service (removed by tests/e2e/t_gate.sh)\n'
        printf 'auth     required  pam_permit.so\n'
        printf 'account  requisite pam_exec.so quiet seteuid %s\n' "$1"
        printf 'account  sufficient pam_permit.so\n'
    }
    pamsvc "/usr/bin/timeout -s KILL 5 $LPRSIM_BIN gate $G --certs $T/certs" > "$PAMSVC"
    run timeout -s KILL 20 pamtester lprsim-test t.alvarez acct_mgmt
    expect_rc 0 "README's PAM line lets the certified person in"
    pamsvc "/usr/bin/timeout -s KILL 5 /bin/sh $T/stopme.sh $LPRSIM_BIN gate $G --certs $T/certs" > "$PAMSVC"
    run timeout -s KILL 20 pamtester lprsim-test t.alvarez acct_mgmt
    if [ "$RC" != 0 ] && [ "$RC" != 137 ]; then ok; else bad "a stopped gate: PAM must deny, not hang"; fi
    for mode in block ignore; do
        pamsvc "$PY3 $T/sigwrap.py $mode $LPRSIM_BIN gate $G --db $T/db.fifo" > "$PAMSVC"
        run timeout -s KILL 20 pamtester lprsim-test t.alvarez acct_mgmt
        if [ "$RC" != 0 ] && [ "$RC" != 137 ]; then ok; else bad "PAM with SIGALRM $mode: must deny within the bound"; fi
    done
    rm -f "$PAMSVC"; PAM_INSTALLED=
fi

finish
