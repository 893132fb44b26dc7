/*
 * revlist.c - the signed revocation list file (see revlist.h).
 * Format, one item a line, in this order:
 *   lprsim-revocations v1 / kid HEX / number N / issued TIME /
 *   valid-until TIME / serial N (zero or more, increasing) /
 *   signature BASE64 (Ed25519 over every byte before this line)
 */
#include "core/cert/revlist.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/lptime.h"

#define RL_MAGIC "lprsim-revocations v1"
static const char rl_domain[] = "lprsim-revocations-v1\n";

/* The domain-separated SHA-512 digest of body that the signature covers. */
static void rl_digest(const char *body, size_t n, uint8_t h[64])
{
    crypto_hash_sha512_state hs;
    crypto_hash_sha512_init(&hs);
    crypto_hash_sha512_update(&hs, (const uint8_t *)rl_domain,
                              sizeof rl_domain - 1);
    crypto_hash_sha512_update(&hs, (const uint8_t *)body, n);
    crypto_hash_sha512_final(&hs, h);
}

/* Signs body (domain-separated) into sig. */
static void rl_sign(const char *body, size_t n, const uint8_t sk[64],
                    uint8_t sig[64])
{
    uint8_t h[64];
    rl_digest(body, n, h);
    crypto_sign_detached(sig, NULL, h, sizeof h, sk);
}

static int rl_verify(const char *body, size_t n, const uint8_t pk[32],
                     const uint8_t sig[64])
{
    uint8_t h[64];
    rl_digest(body, n, h);
    return crypto_sign_verify_detached(sig, h, sizeof h, pk);
}

char *revlist_text(const struct revlist *rl, const struct cert_seckey *k)
{
    struct sb s;
    char t1[24], t2[24];
    uint8_t sig[64];
    char sig64[sodium_base64_ENCODED_LEN(64, sodium_base64_VARIANT_ORIGINAL)];
    sb_init(&s);
    lptime_format(rl->issued_at, t1, sizeof t1);
    lptime_format(rl->valid_until, t2, sizeof t2);
    sb_printf(&s, RL_MAGIC "\nkid %s\nnumber %llu\nissued %s\nvalid-until "
              "%s\n", k->pub.kid_hex, (unsigned long long)rl->number, t1, t2);
    for (size_t i = 0; i < rl->n; i++)
        sb_printf(&s, "serial %u\n", (unsigned)rl->serials[i]);
    rl_sign(s.buf, s.len, k->sk, sig);
    sodium_bin2base64(sig64, sizeof sig64, sig, sizeof sig,
                      sodium_base64_VARIANT_ORIGINAL);
    sb_printf(&s, "signature %s\n", sig64);
    return sb_steal(&s);
}

int revlist_write(const char *path, const struct revlist *rl,
                  const struct cert_seckey *k, struct lp_err *err)
{
    if (rl->n > REVLIST_MAX_SERIALS)
        return lp_errf(err, LP_FAIL, "more than %d revoked serials",
                       REVLIST_MAX_SERIALS);
    for (size_t i = 1; i < rl->n; i++)
        if (rl->serials[i] <= rl->serials[i - 1])
            return lp_errf(err, LP_FAIL, "revoked serials not increasing");
    char *text = revlist_text(rl, k);
    int rc = cert_write_file(path, text, strlen(text), 0644, err);
    free(text);
    return rc;
}

/* A cursor over lines. */
struct rl_cur {
    const char *p, *end;
    int line;
};

/* Takes the next line if it starts with "key "; *val points at the value
 * and *vlen is its length.  Returns 0, or -1 when the line differs. */
static int rl_take(struct rl_cur *c, const char *key, const char **val,
                   size_t *vlen)
{
    size_t kl = strlen(key);
    const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
    if (!nl || (size_t)(nl - c->p) < kl + 2 || memcmp(c->p, key, kl) != 0 ||
        c->p[kl] != ' ')
        return -1;
    *val = c->p + kl + 1;
    *vlen = (size_t)(nl - *val);
    c->p = nl + 1;
    c->line++;
    return 0;
}

/* Parses a decimal number of at most 20 digits, no sign, no leading 0. */
static int rl_num(const char *s, size_t n, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;
    if (n < 1 || n > 20 || (n > 1 && s[0] == '0'))
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        uint64_t d = (uint64_t)(s[i] - '0');
        if (v > (max - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

static int rl_time(const char *s, size_t n, int64_t *out)
{
    char buf[24];
    if (n != 20)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return lptime_parse(buf, out);
}

int revlist_parse(const char *name, const char *text, size_t n,
                  const struct cert_pubkey *pub, struct revlist *rl,
                  struct lp_err *err)
{
    struct rl_cur c = {text, text + n, 1};
    const char *v;
    size_t vl;
    uint64_t num;
    memset(rl, 0, sizeof *rl);
    if (n > REVLIST_MAX_BYTES)
        return lp_errf(err, LP_VERIFY, "%s: larger than %d bytes", name,
                       REVLIST_MAX_BYTES);
    if (memchr(text, '\0', n))
        return lp_errf(err, LP_VERIFY, "%s: holds a NUL byte", name);
    size_t ml = strlen(RL_MAGIC);
    if (n < ml + 1 || memcmp(text, RL_MAGIC "\n", ml + 1) != 0)
        return lp_errf(err, LP_VERIFY, "%s:1: not an lprsim revocation list",
                       name);
    c.p += ml + 1;
    c.line = 2;
    if (rl_take(&c, "kid", &v, &vl) || vl != CERT_KID_HEX - 1)
        return lp_errf(err, LP_VERIFY, "%s:%d: expected 'kid HEX'", name,
                       c.line);
    memcpy(rl->kid_hex, v, vl);
    rl->kid_hex[vl] = '\0';
    if (rl_take(&c, "number", &v, &vl) || rl_num(v, vl, UINT64_MAX, &num))
        return lp_errf(err, LP_VERIFY, "%s:%d: expected 'number N'", name,
                       c.line);
    rl->number = num;
    if (rl_take(&c, "issued", &v, &vl) || rl_time(v, vl, &rl->issued_at))
        return lp_errf(err, LP_VERIFY, "%s:%d: expected 'issued "
                       "YYYY-MM-DDTHH:MM:SSZ'", name, c.line);
    if (rl_take(&c, "valid-until", &v, &vl) ||
        rl_time(v, vl, &rl->valid_until))
        return lp_errf(err, LP_VERIFY, "%s:%d: expected 'valid-until "
                       "YYYY-MM-DDTHH:MM:SSZ'", name, c.line);
    while (rl_take(&c, "serial", &v, &vl) == 0) {
        if (rl_num(v, vl, UINT32_MAX, &num) || num == 0)
            return lp_errf(err, LP_VERIFY, "%s:%d: bad serial", name,
                           c.line - 1);
        if (rl->n == REVLIST_MAX_SERIALS)
            return lp_errf(err, LP_VERIFY, "%s:%d: more than %d serials",
                           name, c.line - 1, REVLIST_MAX_SERIALS);
        if (rl->n && num <= rl->serials[rl->n - 1])
            return lp_errf(err, LP_VERIFY, "%s:%d: serials not in "
                           "increasing order", name, c.line - 1);
        rl->serials[rl->n++] = (uint32_t)num;
    }
    size_t body = (size_t)(c.p - text);
    uint8_t sig[64];
    size_t bin_len = 0;
    const char *end = NULL;
    if (rl_take(&c, "signature", &v, &vl))
        return lp_errf(err, LP_VERIFY, "%s:%d: expected 'serial N' or "
                       "'signature BASE64'", name, c.line);
    if (sodium_base642bin(sig, sizeof sig, v, vl, NULL, &bin_len, &end,
                          sodium_base64_VARIANT_ORIGINAL) ||
        bin_len != 64 || end != v + vl)
        return lp_errf(err, LP_VERIFY, "%s:%d: signature is not 64 bytes of "
                       "base64", name, c.line - 1);
    if (c.p != c.end)
        return lp_errf(err, LP_VERIFY, "%s:%d: text after the signature",
                       name, c.line);
    if (strcmp(rl->kid_hex, pub->kid_hex) != 0)
        return lp_errf(err, LP_VERIFY, "%s: signed by key %s, not by the "
                       "issuer key %s", name, rl->kid_hex, pub->kid_hex);
    if (rl_verify(text, body, pub->pk, sig) != 0)
        return lp_errf(err, LP_VERIFY, "%s: bad signature: the revocation "
                       "list was altered", name);
    if (rl->valid_until <= rl->issued_at)
        return lp_errf(err, LP_VERIFY, "%s: valid-until is not after issued",
                       name);
    return 0;
}

int revlist_load(const char *path, const struct cert_pubkey *pub,
                 struct revlist *rl, struct lp_err *err)
{
    static char buf[REVLIST_MAX_BYTES + 1];
    if (!path)
        return lp_errf(err, LP_FAIL, "no revocation list given "
                       "(--revocations FILE)");
    long n = cert_read_file(path, buf, REVLIST_MAX_BYTES, err);
    if (n < 0)
        return (int)n;
    return revlist_parse(path, buf, (size_t)n, pub, rl, err);
}

int revlist_check_fresh(const struct revlist *rl, int64_t now,
                        struct lp_err *err)
{
    char t[24];
    if (now < rl->issued_at) {
        lptime_format(rl->issued_at, t, sizeof t);
        return lp_errf(err, LP_VERIFY, "revocation list %llu was issued at "
                       "%s, after the clock: clock wrong?",
                       (unsigned long long)rl->number, t);
    }
    if (now >= rl->valid_until) {
        lptime_format(rl->valid_until, t, sizeof t);
        return lp_errf(err, LP_VERIFY, "revocation list %llu is stale (valid "
                       "until %s): publish a new one (cert revoke --publish)",
                       (unsigned long long)rl->number, t);
    }
    return 0;
}

int revlist_has(const struct revlist *rl, uint32_t serial)
{
    size_t lo = 0, hi = rl->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rl->serials[mid] == serial)
            return 1;
        if (rl->serials[mid] < serial)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}
