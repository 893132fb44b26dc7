/*
 * cert_db.c - issuing and revoking certificates in the database (see
 * cert_db.h).  Each operation is one transaction; the tables are
 * append-only, so a retake issues a new certificate and never edits one.
 */
#include "core/cert/cert_db.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cert/cert_jwt.h"
#include "core/store/store_cert.h"
#include "util/lptime.h"

#define META_PUBKEY "cert.pubkey."
#define META_LISTNUM "cert.revlist_number"

/* Keeps the issuer's public key for JWK export of its certificates. */
static int remember_pubkey(struct store *st, const struct cert_pubkey *pub,
                           struct lp_err *err)
{
    char key[64];
    char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
    snprintf(key, sizeof key, META_PUBKEY "%s", pub->kid_hex);
    sodium_bin2base64(b64, sizeof b64, pub->pk, 32,
                      sodium_base64_VARIANT_ORIGINAL);
    if (store_meta_set(st, key, b64))
        return store_err_copy(st, err);
    return 0;
}

int cert_db_issue(struct store *st, struct cert *c, const struct cert_seckey *k,
                  const char *summary, char *tok, size_t cap,
                  struct lp_err *err)
{
    int64_t serial = 0;
    char *jwt = NULL;
    int rc;
    if ((rc = cert_crypto_init(err)))
        return rc;
    if (store_begin(st))
        return store_err_copy(st, err);
    if (store_cert_next_serial(st, &serial)) {
        rc = store_err_copy(st, err);
        goto fail;
    }
    if (serial > UINT32_MAX) {
        rc = lp_errf(err, LP_FAIL, "certificate serials exhausted");
        goto fail;
    }
    c->serial = (uint32_t)serial;
    if ((rc = cert_sign_token(c, k, tok, cap, err)))
        goto fail;
    if (!(jwt = cert_jwt_make(c, k, err))) {
        rc = -err->status;
        goto fail;
    }
    struct store_cert row = {
        .serial = serial, .user_id = c->person,
        .track = cert_track_name(c->track),
        .curriculum_version = c->curriculum, .profile_version = c->profile,
        .score = c->score_bp / 100.0, .issued_at = c->issued_at,
        .expires_at = c->expires_at, .key_id = k->pub.kid_hex, .token = tok,
        .jwt = jwt, .summary = summary, .site = c->site[0] ? c->site : NULL,
    };
    if (store_cert_add(st, &row)) {
        rc = store_err_copy(st, err);
        goto fail;
    }
    if ((rc = remember_pubkey(st, &k->pub, err)))
        goto fail;
    if (store_commit(st)) {
        rc = store_err_copy(st, err);
        goto fail;
    }
    free(jwt);
    return 0;
fail:
    store_rollback(st);
    free(jwt);
    tok[0] = '\0';
    return rc;
}

int cert_db_get(struct store *st, int64_t serial, struct cert *c,
                struct store_cert *row, struct lp_err *err)
{
    struct store_cert r;
    int rc = store_cert_get(st, serial, &r);
    if (rc < 0)
        return store_err_copy(st, err);
    if (rc == 0) {
        lp_errf(err, LP_FAIL, "no certificate with serial %lld",
                (long long)serial);
        return 0;
    }
    rc = cert_parse_token(r.token, strlen(r.token), c, err);
    if (rc == 0 && c->serial != serial)
        rc = lp_errf(err, LP_VERIFY, "certificate %lld: stored token says "
                     "serial %u", (long long)serial, (unsigned)c->serial);
    if (rc || !row)
        store_cert_clear(&r);
    else
        *row = r;
    return rc ? rc : 1;
}

struct latest {
    struct cert *c;
    char *tok;
    size_t cap;
    struct lp_err *err;
    int rc;
};

static int latest_one(void *arg, const struct store_cert *sc)
{
    struct latest *l = arg;
    size_t n = strlen(sc->token);
    if (n >= l->cap) {
        l->rc = lp_errf(l->err, LP_VERIFY, "certificate %lld: stored token "
                        "too long", (long long)sc->serial);
        return 1;
    }
    memcpy(l->tok, sc->token, n + 1);
    l->rc = cert_parse_token(l->tok, n, l->c, l->err);
    if (l->rc == 0)
        l->rc = 1;
    return 1;
}

int cert_db_latest(struct store *st, const char *person, struct cert *c,
                   char *tok, size_t cap, struct lp_err *err)
{
    struct latest l = {c, tok, cap, err, 0};
    memset(c, 0, sizeof *c);
    if (cap)
        tok[0] = '\0';
    if (store_cert_each(st, person, latest_one, &l) < 0)
        return store_err_copy(st, err);
    return l.rc;
}

int cert_db_pubkey(struct store *st, const char *kid_hex,
                   struct cert_pubkey *pub, struct lp_err *err)
{
    char key[64];
    uint8_t pk[32];
    size_t len = 0;
    snprintf(key, sizeof key, META_PUBKEY "%s", kid_hex);
    char *v = store_meta_get(st, key);
    if (!v)
        return lp_errf(err, LP_FAIL, "no issuer key %s recorded in %s",
                       kid_hex, store_path(st));
    int bad = sodium_base642bin(pk, 32, v, strlen(v), NULL, &len, NULL,
                                sodium_base64_VARIANT_ORIGINAL) ||
              len != 32;
    free(v);
    if (bad)
        return lp_errf(err, LP_VERIFY, "issuer key %s in %s is damaged",
                       kid_hex, store_path(st));
    cert_pubkey_from_pk(pk, pub);
    if (strcmp(pub->kid_hex, kid_hex) != 0)
        return lp_errf(err, LP_VERIFY, "issuer key %s in %s is damaged",
                       kid_hex, store_path(st));
    return 0;
}

static int collect(void *arg, int64_t serial)
{
    struct revlist *rl = arg;
    if (rl->n == REVLIST_MAX_SERIALS || serial <= 0 || serial > UINT32_MAX)
        return 1;
    rl->serials[rl->n++] = (uint32_t)serial;
    return 0;
}

int cert_db_revoke(struct store *st, int64_t serial, const char *reason,
                   const char *by_user, int64_t now, int valid_days,
                   const struct cert_seckey *k, const char *path,
                   struct revlist *rl, struct lp_err *err)
{
    int64_t num = 0;
    int rc;
    memset(rl, 0, sizeof *rl);
    if (valid_days < 1 || valid_days > 366)
        return lp_errf(err, LP_USAGE, "--valid-days must be 1-366");
    if (store_begin(st))
        return store_err_copy(st, err);
    if (serial > 0) {
        struct store_cert row;
        rc = store_cert_get(st, serial, &row);
        store_cert_clear(&row);
        if (rc < 0) {
            rc = store_err_copy(st, err);
            goto fail;
        }
        if (rc == 0) {
            rc = lp_errf(err, LP_USAGE, "no certificate with serial %lld",
                         (long long)serial);
            goto fail;
        }
        if (!reason || !*reason || strlen(reason) > 200 ||
            !lp_utf8_valid(reason, strlen(reason), NULL)) {
            rc = lp_errf(err, LP_USAGE, "revoke: --reason TEXT (1-200 "
                         "characters) is required");
            goto fail;
        }
        if (store_revocation_add(st, serial, reason, now, by_user)) {
            rc = store_err_copy(st, err);
            goto fail;
        }
    }
    if (store_meta_get_i64(st, META_LISTNUM, 0, &num) ||
        store_meta_set_i64(st, META_LISTNUM, num + 1) ||
        (rc = store_revocations_each(st, collect, rl)) < 0) {
        rc = store_err_copy(st, err);
        goto fail;
    }
    if (rc > 0) {
        rc = lp_errf(err, LP_FAIL, "more than %d revoked certificates: the "
                     "list cannot hold them", REVLIST_MAX_SERIALS);
        goto fail;
    }
    rl->number = (uint64_t)num + 1;
    rl->issued_at = now;
    rl->valid_until = now + (int64_t)valid_days * LPTIME_DAY;
    memcpy(rl->kid_hex, k->pub.kid_hex, CERT_KID_HEX);
    if ((rc = revlist_write(path, rl, k, err)))
        goto fail;
    if (store_commit(st)) {
        rc = store_err_copy(st, err);
        goto fail;
    }
    return 0;
fail:
    store_rollback(st);
    return rc;
}
