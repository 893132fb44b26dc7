/*
 * cert_db.h - certificates in the database: issuing (sign, then append
 * one row in one transaction), revoking (append, then publish the signed
 * list with the next number), reading a stored certificate back, and the
 * issuer public keys remembered for JWK export.
 */
#ifndef LPRSIM_CERT_DB_H
#define LPRSIM_CERT_DB_H

#include "core/cert/cert.h"
#include "core/cert/revlist.h"
#include "core/store/store.h"
#include "core/store/store_cert.h"

/* Signs and records a certificate.  c holds everything but serial and
 * kid, which are set here; summary (may be NULL) is kept for the page.
 * The token is written into tok (cap > CERT_TOKEN_MAX).  One
 * transaction: nothing is stored on failure.  0 or negative with err. */
int cert_db_issue(struct store *st, struct cert *c, const struct cert_seckey *k,
                  const char *summary, char *tok, size_t cap,
                  struct lp_err *err);

/* Reads certificate serial back from its stored token.  Returns 1 (found:
 * c, and *row when row is not NULL, owned: store_cert_clear), 0 (no such
 * serial: err says so), negative on error. */
int cert_db_get(struct store *st, int64_t serial, struct cert *c,
                struct store_cert *row, struct lp_err *err);

/* The newest certificate of person (for the terminal application's
 * certificate screen): 1 and fills c and tok (cap > CERT_TOKEN_MAX), 0
 * when the person has none, negative with err.  Does not judge validity:
 * use gate_check_token for that. */
int cert_db_latest(struct store *st, const char *person, struct cert *c,
                   char *tok, size_t cap, struct lp_err *err);

/* The issuer public key with id kid_hex that issued certificates here.
 * 0 or negative with err. */
int cert_db_pubkey(struct store *st, const char *kid_hex,
                   struct cert_pubkey *pub, struct lp_err *err);

/* Revokes serial (when serial > 0) and publishes the revocation list to
 * path, numbered one above the last published, issued at now and valid
 * for valid_days.  The database change is rolled back when the file
 * cannot be written.  Fills rl.  0 or negative with err. */
int cert_db_revoke(struct store *st, int64_t serial, const char *reason,
                   const char *by_user, int64_t now, int valid_days,
                   const struct cert_seckey *k, const char *path,
                   struct revlist *rl, struct lp_err *err);

#endif
