/*
 * store.h - the SQLite store: the only module that speaks SQL.  It owns the
 * schema and its migrations, transactions and settings; the typed functions
 * of each table family have their own header (store_world.h, store_reads.h,
 * store_cases.h, store_people.h, store_scenario.h, store_audit.h,
 * store_cert.h) and the plain records are in model.h.  Errors stay on the
 * connection, as in SQLite: store_err() / store_errmsg() (see HACKING.md).
 */
#ifndef LPRSIM_STORE_H
#define LPRSIM_STORE_H

#include <stdint.h>

#include "util/util.h"

struct store;

#define STORE_SCHEMA_VERSION 5

enum store_open_flags {
    STORE_CREATE = 1,     /* create the file and schema if missing */
    STORE_READONLY = 2,
    STORE_UPGRADE = 4     /* with READONLY: an older schema is opened
                           * read-write once to migrate it (when the
                           * file may be written) */
};

/* Opens (or with STORE_CREATE creates) the database at path, applying
 * migrations.  Refuses files that are not lprsim databases or come from a
 * newer lprsim.  Returns NULL and fills err on failure; free with
 * store_close(). ":memory:" gives an in-memory store. */
struct store *store_open(const char *path, int flags, struct lp_err *err);
/* Closes the store; NULL does nothing. */
void store_close(struct store *st);

/* Compares the database's sqlite_schema with the schema lprsim's own
 * migrations make (SQL compared with white space normalised): 0 when they
 * match, else -LP_VERIFY naming the first foreign or changed object
 * (trigger, view, index, table) or missing table.  A missing index is
 * allowed (the generator drops one around a bulk load).  store_open runs
 * it on every open for writing; audit verify runs it too. */
int store_schema_check(struct store *st);

/* The last error on this store (borrowed). */
const char *store_errmsg(const struct store *st);
/* The last error as an lp_err status (LP_FAIL or LP_VERIFY for damage). */
const struct lp_err *store_err(const struct store *st);
/* The boundary between the two error conventions (HACKING.md): copies the
 * store's last error into err, with status LP_FAIL when the store set none,
 * and returns the negative status, ready to return. */
int store_err_copy(const struct store *st, struct lp_err *err);

/* Transactions: one per user action.  begin is BEGIN IMMEDIATE. */
int store_begin(struct store *st);
int store_commit(struct store *st);
/* Rolls back if a transaction is open; safe to call on any path. */
void store_rollback(struct store *st);

/* Settings (the meta table).  store_meta_get returns a string the caller
 * frees, or NULL if the key is absent (or on error: see store_errmsg). */
char *store_meta_get(struct store *st, const char *key);
int store_meta_set(struct store *st, const char *key, const char *value);
int store_meta_get_i64(struct store *st, const char *key, int64_t dflt,
                       int64_t *out);
int store_meta_set_i64(struct store *st, const char *key, int64_t v);

/* Runs PRAGMA quick_check (full=0) or integrity_check (full=1).  Returns 0
 * when the database is sound, else LP_VERIFY status with the message. */
int store_check(struct store *st, int full);

/* The file name the store was opened with (borrowed). */
const char *store_path(const struct store *st);

#endif
