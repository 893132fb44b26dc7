/*
 * test_cert.c - certificates: base-45 (RFC 9285 vectors, strictness), keys
 * (files, modes, JWK set), the signed token (round trip, every kind of
 * damage), revocation lists, the gate's decision, QR drawing, the VC-JWT
 * signature and append-only issuance in the database.
 */
#include "harness.h"

#include <cairo.h>

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/cert/b45.h"
#include "core/cert/cert.h"
#include "core/cert/cert_db.h"
#include "core/cert/cert_jwt.h"
#include "core/cert/cert_page.h"
#include "core/cert/gate.h"
#include "core/cert/qr.h"
#include "core/cert/revlist.h"
#include "core/store/store_cert.h"
#include "core/world/roster.h"
#include "util/lptime.h"

#define T_ISSUED 1772409600   /* 2026-03-02T00:00:00Z */

static void test_b45_vectors(void **state)
{
    (void)state;
    static const struct { const char *bin, *txt; } v[] = {
        {"AB", "BB8"}, {"Hello!!", "%69 VD92EX0"},
        {"base-45", "UJCLQE7W581"}, {"ietf!", "QED8WEX0"}, {"", ""},
    };
    char out[64];
    uint8_t back[64];
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        size_t n = strlen(v[i].bin);
        size_t w = b45_encode((const uint8_t *)v[i].bin, n, out, sizeof out);
        assert_int_equal(w, strlen(v[i].txt));
        assert_string_equal(out, v[i].txt);
        long d = b45_decode(out, w, back, sizeof back);
        assert_int_equal(d, (long)n);
        assert_memory_equal(back, v[i].bin, n);
    }
    /* RFC 9285 section 4.3: "GGW" is 65536, not canonical */
    assert_int_equal(b45_decode("GGW", 3, back, sizeof back), -1);
    /* a final pair above 255 */
    assert_int_equal(b45_decode("::", 2, back, sizeof back), -1);
    /* lowercase, length 1 mod 3, characters outside the alphabet */
    assert_int_equal(b45_decode("bb8", 3, back, sizeof back), -1);
    assert_int_equal(b45_decode("BB8B", 4, back, sizeof back), -1);
    assert_int_equal(b45_decode("BB\n", 3, back, sizeof back), -1);
    assert_int_equal(b45_decode("BB8", 3, back, 1), -1);
    /* every 2-byte value round-trips */
    for (unsigned x = 0; x < 65536; x += 7) {
        uint8_t in[2] = {(uint8_t)(x >> 8), (uint8_t)x};
        b45_encode(in, 2, out, sizeof out);
        assert_int_equal(b45_decode(out, 3, back, sizeof back), 2);
        assert_memory_equal(in, back, 2);
    }
}

/* A fresh key pair in a temporary folder. */
static char *make_keys(struct cert_seckey *k, struct cert_pubkey *pub)
{
    struct lp_err err = {0};
    char *dir = harness_tmpdir();
    assert_ok(cert_crypto_init(&err), &err);
    assert_ok(cert_keygen(dir, pub, &err), &err);
    char *p = xasprintf("%s/issuer.key", dir);
    assert_ok(cert_seckey_load(p, k, &err), &err);
    free(p);
    return dir;
}

static void sample(struct cert *c)
{
    memset(c, 0, sizeof *c);
    c->serial = 42;
    memcpy(c->person, "t.alvarez", 10);
    c->track = CERT_TRACK_INITIAL;
    memcpy(c->curriculum, "1.0", 4);
    memcpy(c->profile, "2017", 5);
    c->score_bp = 9250;
    c->issued_at = T_ISSUED;
    c->expires_at = lptime_add_years(T_ISSUED, 1);
}

static void test_keys(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct cert_seckey k;
    struct cert_pubkey pub, pub2;
    char *dir = make_keys(&k, &pub);
    char *sk = xasprintf("%s/issuer.key", dir);
    char *pk = xasprintf("%s/issuer.pub", dir);
    char *jw = xasprintf("%s/issuer.jwks.json", dir);
    struct stat sb;
    assert_int_equal(stat(sk, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_string_equal(k.pub.kid_hex, pub.kid_hex);
    assert_int_equal(strlen(pub.kid_hex), 16);
    /* the public key file and the JWK set give the same key */
    assert_ok(cert_pubkey_load(pk, &pub2, &err), &err);
    assert_memory_equal(pub2.pk, pub.pk, 32);
    assert_ok(cert_pubkey_load(jw, &pub2, &err), &err);
    assert_memory_equal(pub2.pk, pub.pk, 32);
    assert_string_equal(pub2.kid_hex, pub.kid_hex);
    /* never overwrites */
    assert_int_equal(cert_keygen(dir, &pub2, &err), -LP_FAIL);
    assert_non_null(strstr(err.msg, "never overwrites"));
    /* a group-readable secret key is refused */
    chmod(sk, 0640);
    assert_int_equal(cert_seckey_load(sk, &k, &err), -LP_FAIL);
    assert_non_null(strstr(err.msg, "group or others"));
    chmod(sk, 0600);
    /* a damaged public key file: kid does not match the key */
    char buf[600];
    struct lp_err e2 = {0};
    long n = cert_read_file(pk, buf, 512, &e2);
    assert_true(n > 0);
    buf[strlen("lprsim-ed25519-public-key v1\nkid ")] ^= 1;
    char *bad = xasprintf("%s/bad.pub", dir);
    harness_write(bad, buf);
    assert_int_equal(cert_pubkey_load(bad, &pub2, &err), -LP_VERIFY);
    assert_int_equal(cert_pubkey_load("/nonexistent/x.pub", &pub2, &err),
                     -LP_FAIL);
    assert_int_equal(cert_pubkey_load(NULL, &pub2, &err), -LP_FAIL);
    harness_rmdir(dir);
    free(bad);
    free(sk);
    free(pk);
    free(jw);
    free(dir);
}

static void test_token_roundtrip_and_size(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct cert_seckey k;
    struct cert_pubkey pub;
    struct cert c, back;
    char tok[CERT_TOKEN_MAX + 1];
    char *dir = make_keys(&k, &pub);
    sample(&c);
    assert_ok(cert_sign_token(&c, &k, tok, sizeof tok, &err), &err);
    assert_int_equal(strncmp(tok, "LPR1:", 5), 0);
    assert_ok(cert_verify_token(tok, strlen(tok), &pub, &back, &err), &err);
    assert_int_equal(back.serial, 42);
    assert_string_equal(back.person, "t.alvarez");
    assert_int_equal(back.track, CERT_TRACK_INITIAL);
    assert_string_equal(back.curriculum, "1.0");
    assert_string_equal(back.profile, "2017");
    assert_int_equal(back.score_bp, 9250);
    assert_int_equal(back.issued_at, T_ISSUED);
    assert_int_equal(back.expires_at, lptime_add_years(T_ISSUED, 1));
    /* the largest record still fits CERT_TOKEN_MAX and a version 6 QR */
    memcpy(c.person, "abcdefghijklmnop", 17);
    memcpy(c.curriculum, "12345678", 9);
    memcpy(c.profile, "abcdefgh", 9);
    c.serial = UINT32_MAX;
    assert_ok(cert_sign_token(&c, &k, tok, sizeof tok, &err), &err);
    assert_true(strlen(tok) <= CERT_TOKEN_MAX);
    struct qr q;
    assert_ok(qr_make(tok, QR_MAX_VERSION, &q, &err), &err);
    assert_true(q.version <= 6);
    qr_free(&q);
    /* too long a person id is refused, not truncated */
    struct cert d;
    sample(&d);
    memset(d.person, 'a', sizeof d.person);
    d.person[CERT_PERSON_MAX] = '\0';
    d.person[3] = ' ';
    assert_int_equal(cert_sign_token(&d, &k, tok, sizeof tok, &err),
                     -LP_USAGE);
    harness_rmdir(dir);
    free(dir);
}

static void test_token_damage(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct cert_seckey k, k2;
    struct cert_pubkey pub, pub2;
    struct cert c, back;
    char tok[CERT_TOKEN_MAX + 1], t2[CERT_TOKEN_MAX + 8];
    char *dir = make_keys(&k, &pub);
    char *dir2 = make_keys(&k2, &pub2);
    sample(&c);
    assert_ok(cert_sign_token(&c, &k, tok, sizeof tok, &err), &err);
    size_t n = strlen(tok);
    /* every character changed to every other alphabet character */
    static const char alpha[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    int refused = 0, tried = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t a = 0; a < sizeof alpha - 1; a += 4) {
            if (alpha[a] == tok[i])
                continue;
            memcpy(t2, tok, n + 1);
            t2[i] = alpha[a];
            tried++;
            if (cert_verify_token(t2, n, &pub, &back, &err) != 0)
                refused++;
        }
    }
    assert_int_equal(refused, tried);
    /* a bit flipped in each character */
    for (size_t i = 0; i < n; i++) {
        memcpy(t2, tok, n + 1);
        t2[i] ^= 0x01;
        assert_int_equal(cert_verify_token(t2, n, &pub, &back, &err),
                         -LP_VERIFY);
    }
    /* truncated by 1, 2, 3 characters; padded; lowercase; other prefix */
    for (size_t cut = 1; cut <= 3; cut++)
        assert_int_equal(cert_verify_token(tok, n - cut, &pub, &back, &err),
                         -LP_VERIFY);
    memcpy(t2, tok, n);
    memcpy(t2 + n, "000", 4);
    assert_int_equal(cert_verify_token(t2, n + 3, &pub, &back, &err),
                     -LP_VERIFY);
    memcpy(t2, tok, n);
    memcpy(t2 + n, "=", 2);
    assert_int_equal(cert_verify_token(t2, n + 1, &pub, &back, &err),
                     -LP_VERIFY);
    memcpy(t2, tok, n + 1);
    t2[6] = (char)(t2[6] >= 'A' && t2[6] <= 'Z' ? t2[6] + 32 : t2[6]);
    if (t2[6] != tok[6])
        assert_int_equal(cert_verify_token(t2, n, &pub, &back, &err),
                         -LP_VERIFY);
    memcpy(t2, tok, n + 1);
    t2[3] = '2';
    assert_int_equal(cert_verify_token(t2, n, &pub, &back, &err),
                     -LP_VERIFY);
    assert_non_null(strstr(err.msg, "LPR1:"));
    /* a re-encoded token: record and signature moved around */
    uint8_t bin[200];
    long bn = b45_decode(tok + 5, n - 5, bin, sizeof bin);
    assert_true(bn > 64);
    bin[0] = 2;   /* unknown format */
    memcpy(t2, "LPR1:", 5);
    b45_encode(bin, (size_t)bn, t2 + 5, sizeof t2 - 5);
    assert_int_equal(cert_verify_token(t2, strlen(t2), &pub, &back, &err),
                     -LP_VERIFY);
    /* the right token, a wrong key */
    assert_int_equal(cert_verify_token(tok, n, &pub2, &back, &err),
                     -LP_VERIFY);
    assert_non_null(strstr(err.msg, "signed by key"));
    /* a forged kid with another key's signature: bad signature */
    struct cert f;
    sample(&f);
    assert_ok(cert_sign_token(&f, &k2, t2, sizeof t2, &err), &err);
    bn = b45_decode(t2 + 5, strlen(t2) - 5, bin, sizeof bin);
    memcpy(bin + 1, pub.kid, CERT_KID_BYTES);
    b45_encode(bin, (size_t)bn, t2 + 5, sizeof t2 - 5);
    assert_int_equal(cert_verify_token(t2, strlen(t2), &pub, &back, &err),
                     -LP_VERIFY);
    assert_non_null(strstr(err.msg, "bad signature"));
    /* another person, a refresher requirement, the clock */
    assert_int_equal(gate_check_token(tok, n, &pub, NULL, "someone", 0,
                                      T_ISSUED + 10, &back, &err),
                     -LP_VERIFY);
    assert_non_null(strstr(err.msg, "belongs to t.alvarez"));
    assert_int_equal(gate_check_token(tok, n, &pub, NULL, "t.alvarez",
                                      CERT_TRACK_REFRESHER, T_ISSUED + 10,
                                      &back, &err), -LP_VERIFY);
    assert_int_equal(gate_check_token(tok, n, &pub, NULL, "t.alvarez", 0,
                                      T_ISSUED - 1, &back, &err), -LP_VERIFY);
    assert_non_null(strstr(err.msg, "before the certificate's issue"));
    assert_int_equal(gate_check_token(tok, n, &pub, NULL, "t.alvarez", 0,
                                      c.expires_at, &back, &err), -LP_VERIFY);
    assert_non_null(strstr(err.msg, "expired"));
    assert_ok(gate_check_token(tok, n, &pub, NULL, "t.alvarez", 0,
                               c.expires_at - 1, &back, &err), &err);
    harness_rmdir(dir);
    harness_rmdir(dir2);
    free(dir);
    free(dir2);
}

static void test_revlist(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct cert_seckey k, k2;
    struct cert_pubkey pub, pub2;
    static struct revlist rl, back;
    char *dir = make_keys(&k, &pub);
    char *dir2 = make_keys(&k2, &pub2);
    char *path = xasprintf("%s/rev.lrl", dir);
    rl.number = 7;
    rl.issued_at = T_ISSUED;
    rl.valid_until = T_ISSUED + 30 * LPTIME_DAY;
    rl.n = 3;
    rl.serials[0] = 2;
    rl.serials[1] = 5;
    rl.serials[2] = 40;
    assert_ok(revlist_write(path, &rl, &k, &err), &err);
    assert_ok(revlist_load(path, &pub, &back, &err), &err);
    assert_int_equal(back.number, 7);
    assert_int_equal(back.n, 3);
    assert_true(revlist_has(&back, 5));
    assert_false(revlist_has(&back, 6));
    assert_true(revlist_has(&back, 40));
    assert_ok(revlist_check_fresh(&back, T_ISSUED + 29 * LPTIME_DAY, &err),
              &err);
    assert_int_equal(revlist_check_fresh(&back, T_ISSUED + 30 * LPTIME_DAY,
                                         &err), -LP_VERIFY);
    assert_non_null(strstr(err.msg, "stale"));
    assert_int_equal(revlist_check_fresh(&back, T_ISSUED - 1, &err),
                     -LP_VERIFY);
    /* wrong key */
    assert_int_equal(revlist_load(path, &pub2, &back, &err), -LP_VERIFY);
    /* every byte of the body changed: refused */
    char *text = revlist_text(&rl, &k);
    size_t n = strlen(text);
    for (size_t i = 0; i < n; i++) {
        char *t = xstrdup(text);
        t[i] = t[i] == '7' ? '8' : (char)(t[i] ^ 0x02);
        assert_int_not_equal(revlist_parse("x", t, n, &pub, &back, &err), 0);
        free(t);
    }
    /* a serial dropped and the rest kept: bad signature */
    char *t = xstrdup(text);
    char *s5 = strstr(t, "serial 5\n");
    memmove(s5, s5 + 9, strlen(s5 + 9) + 1);
    assert_int_equal(revlist_parse("x", t, strlen(t), &pub, &back, &err),
                     -LP_VERIFY);
    assert_non_null(strstr(err.msg, "bad signature"));
    free(t);
    free(text);
    assert_int_equal(revlist_load("/nonexistent/rev", &pub, &back, &err),
                     -LP_FAIL);
    harness_rmdir(dir);
    harness_rmdir(dir2);
    free(path);
    free(dir);
    free(dir2);
}

/* Writes a token file for c signed with k; returns its path. */
static char *token_file(const char *dir, const char *name, struct cert *c,
                        const struct cert_seckey *k)
{
    struct lp_err err = {0};
    char tok[CERT_TOKEN_MAX + 1];
    assert_ok(cert_sign_token(c, k, tok, sizeof tok, &err), &err);
    char *p = xasprintf("%s/%s.token", dir, name);
    char *line = xasprintf("%s\n", tok);
    harness_write(p, line);
    free(line);
    return p;
}

static void test_gate(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct cert_seckey k;
    struct cert_pubkey pub;
    struct cert c, got;
    static struct revlist rl;
    char *dir = make_keys(&k, &pub);
    char *pk = xasprintf("%s/issuer.pub", dir);
    char *rlp = xasprintf("%s/rev.lrl", dir);
    char *stp = xasprintf("%s/gate.state", dir);
    sample(&c);
    char *tf = token_file(dir, "t.alvarez", &c, &k);
    rl.number = 3;
    rl.issued_at = T_ISSUED;
    rl.valid_until = T_ISSUED + 60 * LPTIME_DAY;
    assert_ok(revlist_write(rlp, &rl, &k, &err), &err);
    struct gate_req g = {.user = "t.alvarez", .pubkey_path = pk,
                         .revlist_path = rlp, .cert_dir = dir,
                         .state_path = stp, .now = T_ISSUED + 86400};
    assert_ok(gate_check(&g, &got, &err), &err);
    assert_int_equal(got.serial, 42);
    /* the state file now holds the trusted time: a clock before it fails */
    g.now = T_ISSUED + 3600;
    assert_int_equal(gate_check(&g, &got, &err), -LP_VERIFY);
    assert_non_null(strstr(err.msg, "last trusted time"));
    g.now = T_ISSUED + 2 * 86400;
    assert_ok(gate_check(&g, &got, &err), &err);
    /* a newer list seen, then the older one again: refused */
    rl.number = 4;
    assert_ok(revlist_write(rlp, &rl, &k, &err), &err);
    assert_ok(gate_check(&g, &got, &err), &err);
    rl.number = 3;
    assert_ok(revlist_write(rlp, &rl, &k, &err), &err);
    assert_int_equal(gate_check(&g, &got, &err), -LP_VERIFY);
    assert_non_null(strstr(err.msg, "older than number 4"));
    /* revoked */
    rl.number = 5;
    rl.n = 1;
    rl.serials[0] = 42;
    assert_ok(revlist_write(rlp, &rl, &k, &err), &err);
    assert_int_equal(gate_check(&g, &got, &err), -LP_VERIFY);
    assert_non_null(strstr(err.msg, "revoked"));
    rl.number = 6;
    rl.n = 0;
    assert_ok(revlist_write(rlp, &rl, &k, &err), &err);
    assert_ok(gate_check(&g, &got, &err), &err);
    /* someone without a token file; a token of another person under
     * their name; missing key; missing list; damaged state */
    g.user = "b.nobody";
    assert_int_equal(gate_check(&g, &got, &err), -LP_VERIFY);
    char *copy = xasprintf("cp '%s' '%s/b.nobody.token'", tf, dir);
    assert_int_equal(system(copy), 0);
    assert_int_equal(gate_check(&g, &got, &err), -LP_VERIFY);
    assert_non_null(strstr(err.msg, "belongs to t.alvarez"));
    g.user = "t.alvarez";
    g.pubkey_path = "/nonexistent/issuer.pub";
    assert_int_equal(gate_check(&g, &got, &err), -LP_FAIL);
    g.pubkey_path = pk;
    g.revlist_path = "/nonexistent/rev.lrl";
    assert_int_equal(gate_check(&g, &got, &err), -LP_FAIL);
    g.revlist_path = rlp;
    g.user = "../etc/x";
    assert_int_equal(gate_check(&g, &got, &err), -LP_USAGE);
    g.user = "t.alvarez";
    harness_write(stp, "garbage\n");
    assert_int_equal(gate_check(&g, &got, &err), -LP_VERIFY);
    assert_non_null(strstr(err.msg, "damaged gate state"));
    unlink(stp);
    /* a stale list */
    g.now = T_ISSUED + 61 * LPTIME_DAY;
    assert_int_equal(gate_check(&g, &got, &err), -LP_VERIFY);
    assert_non_null(strstr(err.msg, "stale"));
    harness_rmdir(dir);
    free(copy);
    free(tf);
    free(pk);
    free(rlp);
    free(stp);
    free(dir);
}

/* Decodes a half-block drawing back into ink bits. */
static int drawn_ink(char **lines, size_t nlines, int x, int y)
{
    const char *l = lines[y / 2];
    (void)nlines;
    int col = 0;
    while (*l && col < x) {
        l += (*l == ' ') ? 1 : 3;
        col++;
    }
    if (*l == ' ')
        return 0;
    if (strncmp(l, "\xe2\x96\x88", 3) == 0)
        return 1;
    if (strncmp(l, "\xe2\x96\x80", 3) == 0)
        return y % 2 == 0;
    if (strncmp(l, "\xe2\x96\x84", 3) == 0)
        return y % 2 == 1;
    fail_msg("unexpected character in the drawing");
    return -1;
}

static void test_qr_drawing(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct cert_seckey k;
    struct cert_pubkey pub;
    struct cert c;
    char tok[CERT_TOKEN_MAX + 1];
    char *dir = make_keys(&k, &pub);
    sample(&c);
    assert_ok(cert_sign_token(&c, &k, tok, sizeof tok, &err), &err);
    struct qr q;
    assert_ok(qr_make(tok, QR_MAX_VERSION, &q, &err), &err);
    assert_true(q.version >= 1 && q.version <= 6);
    assert_int_equal(q.width, 17 + 4 * q.version);
    int quiet = qr_term_quiet(&q);
    assert_true(quiet >= 2);
    size_t n = 0;
    for (int invert = 0; invert <= 1; invert++) {
        char **lines = qr_lines(&q, quiet, invert, &n);
        assert_true(n <= QR_TERM_ROWS);
        int full = q.width + 2 * quiet;
        assert_true(full <= 80);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(lp_utf8_valid(lines[i], strlen(lines[i]), NULL),
                             1);
        for (int y = 0; y < full; y++)
            for (int x = 0; x < full; x++) {
                int dark = 0;
                if (x >= quiet && y >= quiet && x < quiet + q.width &&
                    y < quiet + q.width)
                    dark = q.dark[(y - quiet) * q.width + (x - quiet)];
                assert_int_equal(drawn_ink(lines, n, x, y),
                                 invert ? dark : !dark);
            }
        qr_lines_free(lines);
    }
    /* the TUI's one call gives the same drawing */
    char **tl = qr_token_lines(tok, 0, &n, &err);
    assert_non_null(tl);
    assert_true(n <= QR_TERM_ROWS);
    qr_lines_free(tl);
    qr_free(&q);
    /* characters outside the alphanumeric set are refused */
    assert_int_equal(qr_make("lower case", 6, &q, &err), -LP_FAIL);
    qr_free(&q);
    harness_rmdir(dir);
    free(dir);
}

/* base64url-decodes part of a JWT into out (NUL-terminated). */
static size_t b64url_part(const char *s, size_t n, char *out, size_t cap)
{
    size_t len = 0;
    assert_int_equal(sodium_base642bin((unsigned char *)out, cap - 1, s, n,
                                       NULL, &len, NULL,
                                       sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                     0);
    out[len] = '\0';
    return len;
}

static void test_jwt(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct cert_seckey k;
    struct cert_pubkey pub;
    struct cert c;
    char tok[CERT_TOKEN_MAX + 1];
    char *dir = make_keys(&k, &pub);
    sample(&c);
    assert_ok(cert_sign_token(&c, &k, tok, sizeof tok, &err), &err);
    char *jwt = cert_jwt_make(&c, &k, &err);
    assert_non_null(jwt);
    char *d1 = strchr(jwt, '.'), *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
    assert_non_null(d2);
    char hdr[256], pl[4096], sig[80];
    b64url_part(jwt, (size_t)(d1 - jwt), hdr, sizeof hdr);
    b64url_part(d1 + 1, (size_t)(d2 - d1 - 1), pl, sizeof pl);
    assert_int_equal(b64url_part(d2 + 1, strlen(d2 + 1), sig, sizeof sig),
                     64);
    assert_int_equal(crypto_sign_verify_detached(
                         (unsigned char *)sig, (unsigned char *)jwt,
                         (size_t)(d2 - jwt), pub.pk), 0);
    json_error_t je;
    json_t *h = json_loads(hdr, 0, &je), *p = json_loads(pl, 0, &je);
    assert_string_equal(json_string_value(json_object_get(h, "alg")),
                        "EdDSA");
    assert_string_equal(json_string_value(json_object_get(h, "typ")), "JWT");
    /* kid: the issuer's did:key plus its fragment (OB 3.0 8.2) */
    char did[CERT_KID_URI_MAX], kid[CERT_KID_URI_MAX];
    cert_did_key(&pub, did, sizeof did);
    cert_kid_uri(&pub, kid, sizeof kid);
    assert_int_equal(strncmp(did, "did:key:z6Mk", 12), 0);
    assert_string_equal(json_string_value(json_object_get(h, "kid")), kid);
    assert_int_equal(strncmp(kid, did, strlen(did)), 0);
    assert_int_equal(kid[strlen(did)], '#');
    assert_string_equal(kid + strlen(did) + 1, did + strlen("did:key:"));
    assert_int_equal(json_integer_value(json_object_get(p, "nbf")),
                     c.issued_at);
    assert_int_equal(json_integer_value(json_object_get(p, "exp")),
                     c.expires_at);
    assert_string_equal(json_string_value(json_object_get(p, "sub")),
                        "urn:lprsim:person:t.alvarez");
    assert_string_equal(json_string_value(json_object_get(p, "jti")),
                        "urn:lprsim:certificate:42");
    /* VC data model 2.0: the credential is the payload, no "vc" claim */
    assert_null(json_object_get(p, "vc"));
    assert_string_equal(json_string_value(json_array_get(
                            json_object_get(p, "type"), 1)),
                        "OpenBadgeCredential");
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(p, "issuer"), "id")), did);
    assert_string_equal(json_string_value(json_object_get(p, "iss")), did);
    assert_string_equal(json_string_value(json_object_get(p, "validUntil")),
                        "2027-03-02T00:00:00Z");
    /* the result names the achievement's ResultDescription by id */
    json_t *subj = json_object_get(p, "credentialSubject");
    json_t *rd = json_array_get(json_object_get(json_object_get(
                     subj, "achievement"), "resultDescription"), 0);
    json_t *res = json_array_get(json_object_get(subj, "result"), 0);
    assert_non_null(rd);
    assert_string_equal(json_string_value(json_object_get(res,
                            "resultDescription")),
                        json_string_value(json_object_get(rd, "id")));
    assert_string_equal(json_string_value(json_object_get(rd, "resultType")),
                        "Percent");
    json_decref(h);
    json_decref(p);
    free(jwt);
    harness_rmdir(dir);
    free(dir);
}

static void test_db_issue_append_only(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct cert_seckey k;
    struct cert_pubkey pub, pub2;
    struct cert c, back;
    struct store_cert row;
    char tok[CERT_TOKEN_MAX + 1];
    char *dir = make_keys(&k, &pub);
    char *dbp = xasprintf("%s/t.db", dir);
    char *rlp = xasprintf("%s/rev.lrl", dir);
    struct store *st = store_open(dbp, STORE_CREATE, &err);
    assert_non_null(st);
    assert_ok(roster_add(st, "t.alvarez", "Test Alvarez", "trainee",
                         T_ISSUED, &err), &err);
    sample(&c);
    assert_ok(cert_db_issue(st, &c, &k, "scenario a: 90%", tok, sizeof tok,
                            &err), &err);
    assert_int_equal(c.serial, 1);
    sample(&c);
    c.track = CERT_TRACK_REFRESHER;
    assert_ok(cert_db_issue(st, &c, &k, NULL, tok, sizeof tok, &err), &err);
    assert_int_equal(c.serial, 2);
    assert_int_equal(cert_db_get(st, 2, &back, &row, &err), 1);
    assert_int_equal(back.track, CERT_TRACK_REFRESHER);
    assert_string_equal(row.token, tok);
    assert_string_equal(row.key_id, pub.kid_hex);
    store_cert_clear(&row);
    assert_int_equal(cert_db_get(st, 9, &back, NULL, &err), 0);
    /* the newest one of a person, for the terminal application */
    char ltok[CERT_TOKEN_MAX + 1];
    assert_int_equal(cert_db_latest(st, "t.alvarez", &back, ltok,
                                    sizeof ltok, &err), 1);
    assert_int_equal(back.serial, 2);
    assert_string_equal(ltok, tok);
    assert_int_equal(cert_db_latest(st, "nobody", &back, ltok, sizeof ltok,
                                    &err), 0);
    assert_ok(cert_db_pubkey(st, pub.kid_hex, &pub2, &err), &err);
    assert_memory_equal(pub2.pk, pub.pk, 32);
    /* a page in both formats */
    char *pdf = xasprintf("%s/c.pdf", dir), *png = xasprintf("%s/c.png", dir);
    struct cert_page pg = {&back, "Test Alvarez", tok, "line one\nline two",
                           NULL, 0, NULL};
    assert_ok(cert_page_write(pdf, CERT_PAGE_PDF, &pg, &err), &err);
    assert_ok(cert_page_write(png, CERT_PAGE_PNG, &pg, &err), &err);
    char head[8];
    assert_true(cert_read_file(pdf, head, 4, &err) == -LP_VERIFY);
    /* revoke: list numbers increase, the serial is listed */
    static struct revlist rl;
    assert_ok(cert_db_revoke(st, 1, "left the unit", "instr", T_ISSUED + 5,
                             30, &k, rlp, &rl, &err), &err);
    assert_int_equal(rl.number, 1);
    assert_int_equal(cert_db_revoke(st, 1, "again", "instr", T_ISSUED + 6,
                                    30, &k, rlp, &rl, &err), -LP_USAGE);
    assert_ok(cert_db_revoke(st, 0, NULL, "instr", T_ISSUED + 7, 30, &k, rlp,
                             &rl, &err), &err);
    assert_int_equal(rl.number, 2);
    assert_ok(revlist_load(rlp, &pub, &rl, &err), &err);
    assert_int_equal(rl.number, 2);
    assert_int_equal(rl.n, 1);
    assert_true(revlist_has(&rl, 1));
    store_close(st);
    /* editing or deleting a certificate is refused by the schema */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(dbp, &db), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "UPDATE certificates SET score=100",
                                      0, 0, 0), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM certificates", 0, 0,
                                      0), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM revocations", 0, 0,
                                      0), SQLITE_OK);
    sqlite3_close(db);
    harness_rmdir(dir);
    free(pdf);
    free(png);
    free(dbp);
    free(rlp);
    free(dir);
}

/* Counts pixels that are not white in a box of the page PNG (points; the
 * PNG has 2 pixels a point). */
static int ink_in(cairo_surface_t *img, double x0, double y0, double x1,
                  double y1)
{
    int stride = cairo_image_surface_get_stride(img);
    const unsigned char *d = cairo_image_surface_get_data(img);
    int n = 0;
    for (int y = (int)(2 * y0); y < (int)(2 * y1); y++)
        for (int x = (int)(2 * x0); x < (int)(2 * x1); x++) {
            const unsigned char *px = d + y * stride + 4 * x;
            n += px[0] < 200 || px[1] < 200 || px[2] < 200;
        }
    return n;
}

/* The printable page lays text out with Pango: a long name (with or
 * without spaces) stays inside the text margins, non-Latin names find a
 * font, the score table and the rule groups fit. */
static void test_page_layout(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct cert_seckey k;
    struct cert_pubkey pub;
    struct cert c;
    char tok[CERT_TOKEN_MAX + 1];
    char *dir = make_keys(&k, &pub);
    sample(&c);
    assert_ok(cert_sign_token(&c, &k, tok, sizeof tok, &err), &err);
    char *png = xasprintf("%s/p.png", dir);
    char nospace[201];
    memset(nospace, 'W', 200);
    nospace[200] = '\0';
    const char *names[] = {
        nospace,
        "Maximiliana Evangelina Wolkenstein-Oberhausen-F\xc3\xbcrstenberg "
        "de la Cruz y Hohenzollern-Sigmaringen von und zu Liechtenstein",
        "\xce\x9d\xce\xb9\xce\xba\xce\xbf\xce\xbb\xce\xad\xcf\x84\xce\xb1 "
        "\xd0\x90\xd0\xbb\xd0\xb5\xd0\xba\xd1\x81\xd0\xb5\xd0\xb9",
        /* CJK: no Latin font has it; fallback finds the CJK font */
        "\xe6\x9d\x8e\xe5\xb0\x8f\xe9\xbe\x8d Li",
    };
    const char *groups[] = {"Purposes and limits of use (IV.A-B)",
                            "Hotlists (IV.K)", "Auditing (IV.M)"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int unknown = -1;
        struct cert_page pg = {
            &c, names[i], tok,
            "one-word-reason               100.00%  passed (pass mark 80%)\n"
            "misread-hit                    92.50%  passed (pass mark 80%)\n"
            "statute-expired                 8.00%  NOT passed (pass mark "
            "80%)\n",
            groups, 3, &unknown};
        assert_ok(cert_page_write(png, CERT_PAGE_PNG, &pg, &err), &err);
        assert_int_equal(unknown, 0);
        cairo_surface_t *img = cairo_image_surface_create_from_png(png);
        assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
        cairo_surface_flush(img);
        /* between the inner frame (30 pt) and the text margin (70 pt) on
         * the left, and right of the QR code: nothing drawn */
        assert_int_equal(ink_in(img, 32, 34, 66, 560), 0);
        assert_int_equal(ink_in(img, 786, 34, 810, 560), 0);
        /* the name was drawn (ink in the name's band) */
        assert_true(ink_in(img, 70, 150, 772, 240) > 100);
        cairo_surface_destroy(img);
    }
    harness_rmdir(dir);
    free(png);
    free(dir);
}

const char harness_name[] = "cert";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_b45_vectors),
    cmocka_unit_test(test_keys),
    cmocka_unit_test(test_token_roundtrip_and_size),
    cmocka_unit_test(test_token_damage),
    cmocka_unit_test(test_revlist),
    cmocka_unit_test(test_gate),
    cmocka_unit_test(test_qr_drawing),
    cmocka_unit_test(test_jwt),
    cmocka_unit_test(test_db_issue_append_only),
    cmocka_unit_test(test_page_layout),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
