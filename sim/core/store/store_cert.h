/*
 * store_cert.h - the certificates and revocations tables, both append-only
 * (store_cert.c).
 */
#ifndef LPRSIM_STORE_CERT_H
#define LPRSIM_STORE_CERT_H

#include <stdint.h>

#include "core/store/store.h"

/* One issued certificate as stored; revoked/revoke_* come from the
 * revocations table.  In store_cert_each the strings are borrowed for the
 * call; store_cert_get copies them (free with store_cert_clear). */
struct store_cert {
    int64_t serial;
    const char *user_id, *track, *curriculum_version, *profile_version;
    double score;
    int64_t issued_at, expires_at;
    const char *key_id, *token, *jwt, *summary;
    const char *site;         /* the training host's site id, or NULL */
    int revoked;
    const char *revoke_reason;
    int64_t revoked_at;
};
/* The serial for the next certificate: the largest + 1, from 1. */
int store_cert_next_serial(struct store *st, int64_t *serial);
/* Appends a certificate (never updates one: the table is append-only). */
int store_cert_add(struct store *st, const struct store_cert *c);
/* Returns 1 and fills c (owned copies: store_cert_clear) when the serial
 * exists, 0 when not, negative on error. */
int store_cert_get(struct store *st, int64_t serial, struct store_cert *c);
/* Frees the strings store_cert_get copied; zeroes c. */
void store_cert_clear(struct store_cert *c);
typedef int (*store_cert_fn)(void *arg, const struct store_cert *c);
/* Calls fn for the certificates of user (NULL: everyone), newest serial
 * first; stops when fn returns non-zero and returns that. */
int store_cert_each(struct store *st, const char *user, store_cert_fn fn,
                    void *arg);
/* Records a revocation; a serial revoked twice gives LP_USAGE. */
int store_revocation_add(struct store *st, int64_t serial, const char *reason,
                         int64_t at, const char *by_user);
typedef int (*store_serial_fn)(void *arg, int64_t serial);
/* Calls fn for every revoked serial in increasing order. */
int store_revocations_each(struct store *st, store_serial_fn fn, void *arg);

#endif
