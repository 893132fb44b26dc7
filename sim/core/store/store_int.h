/*
 * store_int.h - internals shared by the store's source files (store*.c).
 * Nothing outside sim/core/store*.c includes this or <sqlite3.h>.
 */
#ifndef LPRSIM_STORE_INT_H
#define LPRSIM_STORE_INT_H

#include <sqlite3.h>

#include "core/site/site.h"
#include "core/store/store.h"

struct store {
    sqlite3 *db;
    char *path;
    struct lp_err err;
    int in_tx;
    sqlite3_stmt *read_ins;     /* bulk read insert */
    char *cam_strs[7];          /* strings of the last store_camera_get */
    char *person_strs[4];       /* strings of the last store_person_get */
    sqlite3_stmt *audit_head;   /* store_audit_head (store_audit.c) */
    sqlite3_stmt *audit_ins;    /* store_audit_insert (store_audit.c) */
};

/* Records the SQLite error of st->db in st->err with a context word and
 * returns the negative status. */
int store_fail(struct store *st, const char *what);

/* Prepares sql; on failure records the error and returns NULL. */
sqlite3_stmt *store_prepare(struct store *st, const char *sql);

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
