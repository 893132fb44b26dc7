/*
 * store_cert.c - the certificates and revocations tables (see store_cert.h).
 * Both are append-only: the schema's triggers refuse UPDATE and DELETE, and
 * nothing here offers either.
 */
#include <stdlib.h>
#include <string.h>

#include "core/store/store_cert.h"
#include "core/store/store_int.h"

#define CERT_COLS                                                           \
    "c.serial, c.user_id, c.track, c.curriculum_version, c.profile_version," \
    " c.score, c.issued_at, c.expires_at, c.key_id, c.token, c.jwt,"        \
    " c.summary, r.serial IS NOT NULL, r.reason, r.at"
#define CERT_FROM \
    " FROM certificates c LEFT JOIN revocations r ON r.serial = c.serial"

int store_cert_next_serial(struct store *st, int64_t *serial)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT COALESCE(MAX(serial), 0) + 1 FROM certificates");
    if (!s)
        return -st->err.status;
    int rc = 0;
    if (sqlite3_step(s) == SQLITE_ROW)
        *serial = sqlite3_column_int64(s, 0);
    else
        rc = store_fail(st, "next certificate serial");
    sqlite3_finalize(s);
    return rc;
}

int store_cert_add(struct store *st, const struct store_cert *c)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO certificates(serial, user_id, track,"
            " curriculum_version, profile_version, score, issued_at,"
            " expires_at, key_id, token, jwt, summary, site)"
            " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, c->serial);
    store_bind_text(s, 2, c->user_id);
    store_bind_text(s, 3, c->track);
    store_bind_text(s, 4, c->curriculum_version);
    store_bind_text(s, 5, c->profile_version);
    sqlite3_bind_double(s, 6, c->score);
    sqlite3_bind_int64(s, 7, c->issued_at);
    sqlite3_bind_int64(s, 8, c->expires_at);
    store_bind_text(s, 9, c->key_id);
    store_bind_text(s, 10, c->token);
    store_bind_text(s, 11, c->jwt);
    store_bind_text(s, 12, c->summary);
    store_bind_text(s, 13, c->site);
    int rc = sqlite3_step(s) == SQLITE_DONE
                 ? 0 : store_fail(st, "add certificate");
    sqlite3_finalize(s);
    return rc;
}

/* Fills c from a row of CERT_COLS (strings borrowed from s). */
static void cert_row(sqlite3_stmt *s, struct store_cert *c)
{
    c->serial = sqlite3_column_int64(s, 0);
    c->user_id = store_col_text(s, 1);
    c->track = store_col_text(s, 2);
    c->curriculum_version = store_col_text(s, 3);
    c->profile_version = store_col_text(s, 4);
    c->score = sqlite3_column_double(s, 5);
    c->issued_at = sqlite3_column_int64(s, 6);
    c->expires_at = sqlite3_column_int64(s, 7);
    c->key_id = store_col_text(s, 8);
    c->token = store_col_text(s, 9);
    c->jwt = store_col_text(s, 10);
    c->summary = store_col_text(s, 11);
    c->revoked = sqlite3_column_int(s, 12);
    c->revoke_reason = store_col_text(s, 13);
    c->revoked_at = sqlite3_column_int64(s, 14);
}

int store_cert_get(struct store *st, int64_t serial, struct store_cert *c)
{
    memset(c, 0, sizeof *c);
    sqlite3_stmt *s = store_prepare(st, "SELECT " CERT_COLS CERT_FROM
                                        " WHERE c.serial = ?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, serial);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        cert_row(s, c);
        c->user_id = xstrdup(c->user_id);
        c->track = xstrdup(c->track);
        c->curriculum_version = xstrdup(c->curriculum_version);
        c->profile_version = xstrdup(c->profile_version);
        c->key_id = xstrdup(c->key_id);
        c->token = xstrdup(c->token);
        c->jwt = xstrdup(c->jwt);
        c->summary = xstrdup(c->summary);
        c->revoke_reason = xstrdup(c->revoke_reason);
        rc = 1;
    } else if (rc == SQLITE_DONE) {
        rc = 0;
    } else {
        rc = store_fail(st, "read certificate");
    }
    sqlite3_finalize(s);
    return rc;
}

void store_cert_clear(struct store_cert *c)
{
    free((char *)c->user_id);
    free((char *)c->track);
    free((char *)c->curriculum_version);
    free((char *)c->profile_version);
    free((char *)c->key_id);
    free((char *)c->token);
    free((char *)c->jwt);
    free((char *)c->summary);
    free((char *)c->revoke_reason);
    memset(c, 0, sizeof *c);
}

int store_cert_each(struct store *st, const char *user, store_cert_fn fn,
                    void *arg)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT " CERT_COLS CERT_FROM
                                        " WHERE ?1 IS NULL OR c.user_id = ?1"
                                        " ORDER BY c.serial DESC");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, user);
    int rc = 0, step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_cert c;
        cert_row(s, &c);
        if ((rc = fn(arg, &c)) != 0)
            break;
    }
    if (!rc && step != SQLITE_DONE)
        rc = store_fail(st, "list certificates");
    sqlite3_finalize(s);
    return rc;
}

int store_revocation_add(struct store *st, int64_t serial, const char *reason,
                         int64_t at, const char *by_user)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO revocations(serial, reason, at, by_user)"
            " VALUES(?,?,?,?)");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, serial);
    store_bind_text(s, 2, reason);
    sqlite3_bind_int64(s, 3, at);
    store_bind_text(s, 4, by_user);
    int rc = 0;
    if (sqlite3_step(s) != SQLITE_DONE) {
        if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT)
            rc = lp_errf(&st->err, LP_USAGE, "certificate %lld is already "
                         "revoked", (long long)serial);
        else
            rc = store_fail(st, "add revocation");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_revocations_each(struct store *st, store_serial_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT serial FROM revocations"
                                        " ORDER BY serial");
    if (!s)
        return -st->err.status;
    int rc = 0, step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW)
        if ((rc = fn(arg, sqlite3_column_int64(s, 0))) != 0)
            break;
    if (!rc && step != SQLITE_DONE)
        rc = store_fail(st, "list revocations");
    sqlite3_finalize(s);
    return rc;
}
