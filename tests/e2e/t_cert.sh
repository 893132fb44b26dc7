#!/bin/sh
# t_cert.sh - cert keygen/issue/verify/revoke/show/export end to end: the
# keys and their modes, the terminal QR and its text, zbarimg reading the
# PNGs back to the exact token, the VC-JWT checked by the npm "jose"
# package, and every kind of bad token, key and revocation list refused.
. "$(dirname "$0")/lib.sh"
: "${CERTFIX:?CERTFIX must name the certificate fixture (make test-e2e)}"

iso() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }
"$CERTFIX" mkdb "$LPRSIM_DB" || { echo "cannot make a database"; exit 1; }
lp roster add --id t.alvarez --name "Tess Alvarez" >/dev/null
lp roster add --id b.okafor --name "Ben Okafor" >/dev/null
lp roster add --id c.reyes --name "Cam Reyes" >/dev/null
K="$T/keys"; K2="$T/other"; mkdir "$K" "$K2"

# ---- keys
run lp cert keygen --out "$K"
expect_rc 0 "keygen"; expect_out 'issuer key [0-9a-f]{16}' "keygen names the key id"
expect_eq "$(stat -c %a "$K/issuer.key")" 600 "secret key mode"
KID=$(sed -n 's/^kid //p' "$K/issuer.pub")
expect_out "$KID" "key id printed is the file's"
run grep -c '"kty": "OKP"' "$K/issuer.jwks.json"; expect_eq "$OUT" 1 "JWK set: OKP"
# the JWK set's kid is the key's did:key URI, computed here independently
# (Python: base58btc of the Ed25519 multicodec 0xed01 and the key)
DIDKEY=$(python3 -c '
import base64, sys
pk = base64.b64decode([l[4:] for l in open(sys.argv[1]) if l.startswith("key ")][0].strip())
n = int.from_bytes(b"\xed\x01" + pk, "big"); s = ""
A = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
while n: n, r = divmod(n, 58); s = A[r] + s
print("did:key:z" + s)' "$K/issuer.pub")
KIDURI="$DIDKEY#${DIDKEY#did:key:}"
run grep -c "\"kid\": \"$KIDURI\"" "$K/issuer.jwks.json"; expect_eq "$OUT" 1 "JWK set: kid is the did:key URI"
run lp cert keygen --out "$K"
expect_rc 1 "keygen again"; expect_err 'never overwrites' "refuses to overwrite"
run lp cert keygen --out "$T/new/issuer"
expect_rc 0 "keygen --out DIR creates DIR"
expect_eq "$(stat -c %a "$T/new/issuer")" 700 "a created key folder is 0700"
run lp cert keygen --out "$K/issuer.key"
expect_rc 1 "keygen --out an existing file"; expect_err 'issuer.key' "names it"
lp cert keygen --out "$K2" >/dev/null
chmod 640 "$K/issuer.key"
run lp cert revoke --publish --key "$K/issuer.key" --out "$T/x.lrl"
expect_rc 1 "group-readable key"; expect_err 'group or others' "says why"
chmod 600 "$K/issuer.key"

# ---- issue: only a track passed on replay is signed
run lp --user t.alvarez cert issue --track initial --key "$K/issuer.key"
if [ "$RC" = 0 ]; then bad "issue without any transcript signed a certificate"; else ok; fi
run lp cert show
expect_out '^no certificates issued' "nothing was stored"
run lp --user t.alvarez cert issue --track final --key "$K/issuer.key"
expect_rc 2 "unknown track"

# Fixture certificates (signed through the core without replay: the
# replay itself is tested where the scenario engine is).
NOW_30=$(iso '30 days ago'); OLD=2024-01-15T09:00:00Z
S1=$("$CERTFIX" "$LPRSIM_DB" "$K/issuer.key" t.alvarez initial 92.5 "$NOW_30" | cut -d' ' -f1)
S2=$("$CERTFIX" "$LPRSIM_DB" "$K/issuer.key" b.okafor initial 88 "$OLD" | cut -d' ' -f1)
S3=$("$CERTFIX" "$LPRSIM_DB" "$K/issuer.key" c.reyes initial 95 "$NOW_30" | cut -d' ' -f1)
expect_eq "$S1 $S2 $S3" "1 2 3" "serials increase"

# ---- show
run lp cert show
expect_rc 0 "show"
expect_out '^1 +t\.alvarez +initial +92\.50% .*valid \(33[4-6] days left\)' "valid one listed"
expect_out '^2 +b\.okafor .*expired' "expired one listed"
run lp cert show --expiring 400
expect_out 't\.alvarez' "expiring within 400 days"; expect_no_out 'b\.okafor' "expired is not 'expiring'"
run lp cert show --expiring 10
expect_out "nobody's certificate expires within 10 days" "none within 10 days"
run lp cert show 1
expect_rc 0 "show one"
expect_out 'person +t\.alvarez \(Tess Alvarez\)' "names the person"
QR_LINES=$(printf '%s\n' "$OUT" | grep -c '[▀▄█]')
if [ "$QR_LINES" -ge 15 ] && [ "$QR_LINES" -le 24 ]; then ok; else bad "QR drawing has $QR_LINES lines (15-24 expected)"; fi
QR_COLS=$(printf '%s\n' "$OUT" | grep '[▀▄█]' | LC_ALL=C.UTF-8 wc -L)
if [ "$QR_COLS" -le 80 ]; then ok; else bad "QR drawing is $QR_COLS columns wide"; fi
SHOWN_TOKEN=$(printf '%s\n' "$OUT" | grep -A1 'token (for screen readers' | tail -n 1)
# what a phone sees on the screen: the drawing painted on a dark terminal
printf '%s\n' "$OUT" | "$CERTFIX" term2pgm dark > "$T/term.pgm"
run zbarimg -q --raw "$T/term.pgm"
expect_eq "$OUT" "$SHOWN_TOKEN" "the terminal drawing (dark background) scans to the token"
run lp cert show 1 --light
printf '%s\n' "$OUT" | "$CERTFIX" term2pgm light > "$T/term-light.pgm"
run zbarimg -q --raw "$T/term-light.pgm"
expect_eq "$OUT" "$SHOWN_TOKEN" "the --light drawing (light background) scans to the token"

# ---- the QR code alone on a real terminal (tmux), scanned from the screen
if command -v tmux >/dev/null 2>&1; then
    TS="lprsim-qr-$$"
    qr_screen() {  # COLS ROWS ARGS...: the screen of "cert show ARGS"
        c=$1; r=$2; shift 2
        tmux -L "$TS" kill-session -t qr 2>/dev/null
        tmux -L "$TS" -f /dev/null new-session -d -s qr -x "$c" -y "$r" \
            "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LPRSIM_DB='$LPRSIM_DB' '$LPRSIM_BIN' cert show $*; echo; echo DONE; sleep 30"
        tmux -L "$TS" set -g status off >/dev/null
        tmux -L "$TS" resize-window -t qr -x "$c" -y "$r" 2>/dev/null
        i=0
        while [ $i -lt 100 ]; do
            SCR=$(tmux -L "$TS" capture-pane -p -t qr -S 0 -E $((r - 1)))
            tmux -L "$TS" capture-pane -p -t qr -S - | grep -q DONE && break
            i=$((i + 1)); sleep 0.05
        done
        # the window as it was when the drawing ended: the rows above DONE
        SCR=$(tmux -L "$TS" capture-pane -p -t qr -S - | sed '/^DONE$/,$d')
    }
    qr_screen 80 24 1 --qr
    H=$(printf '%s\n' "$SCR" | grep -c '[▀▄█]')
    expect_eq "$H" 24 "at 80x24 the QR code alone fills the 24 rows"
    printf '%s\n' "$SCR" | tail -n 24 | "$CERTFIX" term2pgm dark > "$T/scr.pgm"
    run zbarimg -q --raw "$T/scr.pgm"
    expect_eq "$OUT" "$SHOWN_TOKEN" "the 80x24 screen scans to the exact token"
    qr_screen 200 60 1 --qr
    H=$(printf '%s\n' "$SCR" | grep -c '[▀▄█]')
    if [ "$H" -gt 30 ]; then ok; else bad "a 200x60 window draws the QR code larger (got $H rows)"; fi
    printf '%s\n' "$SCR" | "$CERTFIX" term2pgm dark > "$T/scr2.pgm"
    run zbarimg -q --raw "$T/scr2.pgm"
    expect_eq "$OUT" "$SHOWN_TOKEN" "the larger drawing scans to the exact token"
    qr_screen 60 20 1 --qr
    if printf '%s' "$SCR" | tr -d '\n' | grep -q 'needs a window of at least 45 columns and 23 rows (this one is 60x20): enlarge'; then ok; else bad "a 60x20 window is told to enlarge: $SCR"; fi
    qr_screen 80 24 1
    if printf '%s\n' "$SCR" | grep -q 'lprsim cert show 1 --qr'; then ok; else bad "cert show at 80x24 points to --qr: $SCR"; fi
    tmux -L "$TS" kill-server 2>/dev/null
fi

# ---- export
run lp cert export 1 --format token --out "$T/c1.token"
expect_rc 0 "export token"
TOK=$(cat "$T/c1.token")
expect_eq "$SHOWN_TOKEN" "$TOK" "the text under the QR is the token"
case "$TOK" in LPR1:*) ok;; *) bad "token prefix";; esac
if printf '%s' "$TOK" | grep -qE '^[0-9A-Z $%*+./:-]+$'; then ok; else bad "token outside the QR alphanumeric set"; fi
if [ ${#TOK} -le 195 ]; then ok; else bad "token ${#TOK} chars: too long for QR version 6-L"; fi
run lp cert export 1 --format png --out "$T/c1.png"
expect_rc 0 "export png"
run zbarimg -q --raw "$T/c1.png"
expect_eq "$OUT" "$TOK" "zbarimg reads the QR PNG back to the exact token"
run lp cert export 1 --format page-png --out "$T/page.png"
expect_rc 0 "export page png"
run zbarimg -q --raw "$T/page.png"
expect_eq "$OUT" "$TOK" "zbarimg reads the page's QR back to the exact token"
run lp cert export 1 --format pdf --out "$T/c1.pdf"
expect_rc 0 "export pdf"; expect_eq "$(head -c 5 "$T/c1.pdf")" "%PDF-" "a PDF"
run lp cert export 1 --format gif --out "$T/x"
expect_rc 2 "unknown format"
run lp cert export 99 --format token
expect_rc 1 "no such serial"; expect_err 'no certificate with serial 99' "says so"

# ---- verify
run lp cert verify "$TOK" --pubkey "$K/issuer.pub"
expect_rc 0 "verify token"
expect_out '^valid: certificate 1' "valid"; expect_out 'person +t\.alvarez' "person"
expect_out 'track +initial' "track"; expect_out 'score +92\.50%' "score"
expect_out "issued +${NOW_30%%T*}" "issue date"; expect_out 'expires +20[0-9-]+T' "expiry"
run lp cert verify "$T/c1.token" --pubkey "$K/issuer.jwks.json"
expect_rc 0 "verify a token file with the JWK set"
run lp --json cert verify "$TOK" --pubkey "$K/issuer.pub"
expect_out '"valid":true' "json"; expect_out '"person":"t.alvarez"' "json person"
LEN=${#TOK}
TRUNC=$(printf '%s' "$TOK" | cut -c1-$((LEN - 1)))
run lp cert verify "$TRUNC" --pubkey "$K/issuer.pub"
expect_rc 4 "truncated token"; expect_err 'refused: ' "reason"
run lp cert verify "${TOK}00" --pubkey "$K/issuer.pub"
expect_rc 4 "padded token"
run lp cert verify "$(printf '%s' "$TOK" | tr 'A-Z' 'a-z' | sed 's/^lpr1/LPR1/')" --pubkey "$K/issuer.pub"
expect_rc 4 "re-encoded (lowercase) token"; expect_err 'base-45' "names the encoding"
C20=$(printf '%s' "$TOK" | cut -c20)
if [ "$C20" = A ]; then R=B; else R=A; fi
FLIP="$(printf '%s' "$TOK" | cut -c1-19)$R$(printf '%s' "$TOK" | cut -c21-)"
run lp cert verify "$FLIP" --pubkey "$K/issuer.pub"
expect_rc 4 "changed character"; expect_err 'refused' "refused"
# a damaged token claims nothing: no "signature good", no stack garbage
DAMAGED="LPR1:$(printf '%%%.0s' $(seq 1 60))"
run lp cert verify "$DAMAGED" --pubkey "$K/issuer.pub"
expect_rc 4 "damaged token"; expect_err 'not canonical base-45' "names the damage"
if printf '%s' "$ERR" | grep -q 'signature good'; then bad "a damaged token was called 'signature good'"; else ok; fi
for BADTOK in "$DAMAGED" "$TRUNC" "$FLIP" "$(cat "$ROOT/tests/fuzz/seeds/damaged-b45.txt")"; do
    # (valgrind cannot run an AddressSanitizer build: make test-full)
    if command -v valgrind >/dev/null 2>&1 && ! ldd "$LPRSIM_BIN" 2>/dev/null | grep -q libasan; then
        run valgrind -q --error-exitcode=99 "$LPRSIM_BIN" cert verify "$BADTOK" --pubkey "$K/issuer.pub"
        expect_rc 4 "valgrind: no uninitialised memory on a damaged token"
    fi
done
run lp cert verify "$TOK" --pubkey "$K2/issuer.pub"
expect_rc 4 "wrong key"; expect_err 'signed by key' "names the key"
run lp cert verify "$TOK" --pubkey "$T/nokey.pub"
expect_rc 1 "missing key"; expect_err 'nokey.pub: cannot open' "names the file"
run lp cert verify "$TOK"
expect_rc 1 "no key given"; expect_err 'no issuer public key' "says so"
# "-" is standard input, with the grammar of a token file
run sh -c "printf '%s\n' '$TOK' | '$LPRSIM_BIN' cert verify - --pubkey '$K/issuer.pub'"
expect_rc 0 "verify - reads the token from standard input"; expect_out '^valid: certificate 1' "valid"
run sh -c "'$LPRSIM_BIN' cert verify - --pubkey '$K/issuer.pub' < '$T/c1.token'"
expect_rc 0 "verify - < token file"
run sh -c "printf 'LPR1:AB\nLPR1:CD\n' | '$LPRSIM_BIN' cert verify - --pubkey '$K/issuer.pub'"
expect_rc 4 "two lines on standard input"; expect_err 'one token on one line' "says so"
run sh -c "'$LPRSIM_BIN' cert verify - --pubkey '$K/issuer.pub' < /dev/null"
expect_rc 4 "empty standard input"; expect_err 'no token' "says so"
run sh -c "head -c 5000 /dev/zero | tr '\\0' A | '$LPRSIM_BIN' cert verify - --pubkey '$K/issuer.pub'"
expect_rc 4 "a flood on standard input"; expect_err 'too long' "says so"
run lp cert verify "$T/nofile.token" --pubkey "$K/issuer.pub"
expect_rc 1 "missing token file"
run lp cert verify "$TOK" --pubkey "$K/issuer.pub" --person b.okafor
expect_rc 4 "another person's certificate"; expect_err 'belongs to t.alvarez, not to b.okafor' "says whose"
run lp --now 2020-01-01 cert verify "$TOK" --pubkey "$K/issuer.pub"
expect_rc 4 "clock before issue"; expect_err 'before the certificate' "says so"
lp cert export 2 --format token --out "$T/c2.token" 2>/dev/null
run lp cert verify "$T/c2.token" --pubkey "$K/issuer.pub"
expect_rc 4 "expired"; expect_err 'expired on 2025-01-15' "says when"
expect_err 'b\.okafor, initial track' "still says what it certified"

# ---- revoke
run lp --user instr cert revoke 3 --reason "left the unit" --key "$K/issuer.key" --out "$T/rev.lrl"
expect_rc 0 "revoke"; expect_out 'revocation list 1 ' "first list"
run grep -c '^serial 3$' "$T/rev.lrl"; expect_eq "$OUT" 1 "serial listed"
run lp cert revoke 3 --reason again --key "$K/issuer.key" --out "$T/rev.lrl"
expect_rc 2 "revoked twice"; expect_err 'already revoked' "says so"
run lp cert revoke 77 --reason x --key "$K/issuer.key" --out "$T/rev.lrl"
expect_rc 2 "no such serial"
run lp cert revoke 1 --key "$K/issuer.key" --out "$T/rev.lrl"
expect_rc 2 "no reason"
lp cert export 3 --format token --out "$T/c3.token" 2>/dev/null
run lp cert verify "$T/c3.token" --pubkey "$K/issuer.pub" --revocations "$T/rev.lrl"
expect_rc 4 "revoked refused"; expect_err 'certificate 3 is revoked' "says so"
run lp cert verify "$TOK" --pubkey "$K/issuer.pub" --revocations "$T/rev.lrl"
expect_rc 0 "unrevoked one passes"; expect_out 'not revoked \(list 1\)' "names the list"
run lp cert show
expect_out '^3 .*revoked: left the unit' "show says revoked and why"
sed 's/^serial 3$/serial 4/' "$T/rev.lrl" > "$T/forged.lrl"
run lp cert verify "$T/c3.token" --pubkey "$K/issuer.pub" --revocations "$T/forged.lrl"
expect_rc 4 "list with a bad signature"; expect_err 'bad signature' "says so"
run lp cert verify "$TOK" --pubkey "$K2/issuer.pub" --revocations "$T/rev.lrl"
expect_rc 4 "list of another key"
run lp --now "$(iso '40 days')" cert verify "$TOK" --pubkey "$K/issuer.pub" --revocations "$T/rev.lrl"
expect_rc 4 "stale list"; expect_err 'stale' "says so"
run lp cert verify "$TOK" --pubkey "$K/issuer.pub" --revocations "$T/none.lrl"
expect_rc 1 "missing list"
run lp cert revoke --publish --key "$K/issuer.key" --out "$T/rev.lrl"
expect_rc 0 "publish"; expect_out 'revocation list 2 ' "number increases"

# ---- Open Badges 3.0 VC-JWT, checked by the npm package jose
lp cert export 1 --format jwt --out "$T/c1.jwt" 2>/dev/null
lp cert export 1 --format jwks --out "$T/c1.jwks" 2>/dev/null
lp cert export 2 --format jwt --out "$T/c2.jwt" 2>/dev/null
run cmp "$T/c1.jwks" "$K/issuer.jwks.json"
expect_rc 0 "exported JWK set is the issuer's"
E2E="$ROOT/tests/e2e"
# jose is pinned in tests/e2e/package-lock.json and fetched by make deps
# (npm ci): the tests never install anything.
JOSE_PINNED=$(sed -n 's/^ *"jose": "\([0-9.]*\)".*/\1/p' "$E2E/package.json")
JOSE_HAVE=$(sed -n 's/^ *"version": "\([0-9.]*\)".*/\1/p' "$E2E/node_modules/jose/package.json" 2>/dev/null | head -n 1)
if [ -z "$JOSE_HAVE" ] || [ "$JOSE_HAVE" != "$JOSE_PINNED" ]; then
    RC=1; OUT=""; ERR="jose $JOSE_HAVE installed, $JOSE_PINNED pinned"
    bad "jose $JOSE_PINNED is not installed in tests/e2e: run make deps (npm ci)"
else
    run node "$E2E/jose_verify.mjs" "$T/c1.jwt" "$K/issuer.jwks.json"
    expect_rc 0 "jose verifies the VC-JWT"
    expect_out 'sub=urn:lprsim:person:t\.alvarez jti=urn:lprsim:certificate:1 ' "sub and jti"
    expect_out "kid=$KIDURI iss=$DIDKEY " "kid (issuer id + fragment, dereferencing to the key) and iss"
    expect_out ' result=92\.50$' "the score as a Result"
    expect_out 'type=VerifiableCredential,OpenBadgeCredential' "OB 3.0 type"
    EXP=$(printf '%s' "$OUT" | sed -n 's/.* exp=\([0-9]*\).*/\1/p')
    EXPIRES=$(lp --json cert show 1 | sed -n 's/.*"expires":"\([^"]*\)".*/\1/p')
    expect_eq "$(date -u -d "@$EXP" +%Y-%m-%dT%H:%M:%SZ)" "$EXPIRES" "exp is the certificate's expiry"
    run node "$E2E/ob3_schema.mjs" "$T/c1.jwt" "$ROOT/tests/fixtures/ob3/openbadgecredential.schema.json"
    expect_rc 0 "the credential passes the OB 3.0 JSON schema (ajv)"; expect_out '^schema ok$' "schema ok"
    # the schema check refuses what breaks it: a payload without validFrom
    awk -F. '{ print $2 }' "$T/c1.jwt" | tr '_-' '/+' | base64 -d 2>/dev/null \
        | python3 -c 'import json,sys,base64; d=json.load(sys.stdin); del d["validFrom"]; print("x." + base64.urlsafe_b64encode(json.dumps(d).encode()).decode().rstrip("=") + ".x")' > "$T/novf.jwt"
    run node "$E2E/ob3_schema.mjs" "$T/novf.jwt" "$ROOT/tests/fixtures/ob3/openbadgecredential.schema.json"
    expect_rc 4 "a credential without validFrom fails the schema"; expect_out "validFrom" "names it"
    # one byte of the payload changed
    python_free_flip() { awk -F. '{ p=$2; c=substr(p,40,1); r=(c=="A")?"B":"A"; printf "%s.%s%s%s.%s\n", $1, substr(p,1,39), r, substr(p,41), $3 }' "$1"; }
    python_free_flip "$T/c1.jwt" > "$T/bad.jwt"
    run node "$E2E/jose_verify.mjs" "$T/bad.jwt" "$K/issuer.jwks.json"
    expect_rc 4 "jose refuses a changed byte"; expect_out 'invalid ' "invalid"
    run node "$E2E/jose_verify.mjs" "$T/c2.jwt" "$K/issuer.jwks.json"
    expect_rc 4 "jose refuses an expired certificate"; expect_out 'ERR_JWT_EXPIRED' "expired"
    run node "$E2E/jose_verify.mjs" "$T/c1.jwt" "$K2/issuer.jwks.json"
    expect_rc 4 "jose refuses another issuer's key set"
fi

# ---- append-only
run sqlite3 "$LPRSIM_DB" "UPDATE certificates SET score = 100 WHERE serial = 2"
if [ "$RC" != 0 ]; then ok; else bad "a certificate was edited"; fi
expect_err 'append-only' "the schema refuses"
run sqlite3 "$LPRSIM_DB" "DELETE FROM revocations"
expect_err 'append-only' "revocations too"

finish
