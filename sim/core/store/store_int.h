/*
 * store_int.h - internals shared by the store's source files (store*.c).
 * Nothing outside sim/core/store*.c includes this or <sqlite3.h>.
 */
#ifndef LPRSIM_STORE_INT_H
#define LPRSIM_STORE_INT_H

#include <sqlite3.h>

#include "core/store/store.h"

/* A prepared statement kept for reuse (store_cached). */
struct store_cached_stmt {
    const char *sql;            /* a string literal: its address is the key */
    sqlite3_stmt *s;
    int busy;                   /* handed out, not yet released */
};
#define STORE_CACHE_MAX 48

struct store {
    sqlite3 *db;
    char *path;
    struct lp_err err;
    int in_tx;
    sqlite3_stmt *read_ins;     /* bulk read insert */
    char *cam_strs[7];          /* strings of the last store_camera_get */
    char *person_strs[6];       /* strings of the last store_person_get */
    sqlite3_stmt *audit_head;   /* store_audit_head (store_audit.c) */
    sqlite3_stmt *audit_ins;    /* store_audit_insert (store_audit.c) */
    size_t ncached;             /* the statement cache of store_cached */
    struct store_cached_stmt cached[STORE_CACHE_MAX];
};

/* Records the SQLite error of st->db in st->err with a context word and
 * returns the negative status. */
int store_fail(struct store *st, const char *what);

/* Prepares sql; on failure records the error and returns NULL. */
sqlite3_stmt *store_prepare(struct store *st, const char *sql);

/* The statement cache, for the statements every action runs: sql must be
 * a string literal (its address is the key).  Returns a statement ready
 * to bind (prepared once per connection), or NULL with the error.  Give
 * it back with store_release (never sqlite3_finalize): that resets it and
 * clears its bindings.  A statement already handed out (a nested use of
 * the same SQL) is prepared afresh and finalized on release. */
sqlite3_stmt *store_cached(struct store *st, const char *sql);
void store_release(struct store *st, sqlite3_stmt *s);
/* store_step_done for a cached statement: steps, releases, 0 or the
 * negative status with the error. */
int store_step_release(struct store *st, sqlite3_stmt *s, const char *what);

/* Binds a possibly-NULL text. */
int store_bind_text(sqlite3_stmt *s, int i, const char *v);

/* Runs one statement with no result rows. */
int store_exec(struct store *st, const char *sql);

/* Column i of the current row as text, borrowed until the next step
 * (NULL for SQL NULL). */
const char *store_col_text(sqlite3_stmt *s, int i);
/* The same as an owned copy (caller frees), NULL for SQL NULL. */
char *store_col_dup(sqlite3_stmt *s, int i);
/* Steps a statement that returns no rows and finalizes it: 0, or the
 * negative status with the error (what: a context word) in st. */
int store_step_done(struct store *st, sqlite3_stmt *s, const char *what);

#endif
