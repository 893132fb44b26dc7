/*
 * store.h - the SQLite store: the only module that speaks SQL.  It owns the
 * schema and its migrations, transactions, and typed functions for every
 * table.  Errors leave their message in store_errmsg().
 */
#ifndef LPRSIM_STORE_H
#define LPRSIM_STORE_H

#include <stdint.h>

#include "core/model.h"
#include "util/util.h"

struct store;

#define STORE_SCHEMA_VERSION 1

enum store_open_flags {
    STORE_CREATE = 1,     /* create the file and schema if missing */
    STORE_READONLY = 2
};

/* Opens (or with STORE_CREATE creates) the database at path, applying
 * migrations.  Refuses files that are not lprsim databases or come from a
 * newer lprsim.  Returns NULL and fills err on failure; free with
 * store_close(). ":memory:" gives an in-memory store. */
struct store *store_open(const char *path, int flags, struct lp_err *err);
/* Closes the store; NULL does nothing. */
void store_close(struct store *st);

/* The last error on this store (borrowed). */
const char *store_errmsg(const struct store *st);
/* The last error as an lp_err status (LP_FAIL or LP_VERIFY for damage). */
const struct lp_err *store_err(const struct store *st);

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

/* True (1) if the world tables already hold data. */
int store_has_world(struct store *st);

/* World setup. */
int store_place_add(struct store *st, const struct lp_place *p, int64_t *id);
int store_camera_add(struct store *st, const struct lp_camera *c);
int store_vehicle_add(struct store *st, const struct lp_vehicle *v,
                      int64_t *id);
/* Returns 1 and fills the camera (strings owned by the store until the next
 * call) if the id exists, 0 if not, negative on error. */
int store_camera_get(struct store *st, const char *id, struct lp_camera *c);

/* Reads.  For bulk loads call store_reads_bulk_begin(), then
 * store_read_add() many times inside a transaction, then
 * store_reads_bulk_end() which (re)builds the (plate, time) index. */
int store_reads_bulk_begin(struct store *st);
int store_read_add(struct store *st, const struct lp_read *r, int64_t *id);
int store_reads_bulk_end(struct store *st);
int64_t store_reads_count(struct store *st);

/* Calls fn for every read in id order (strings borrowed for the call);
 * stops when fn returns non-zero and returns that value. */
typedef int (*store_read_fn)(void *arg, const struct lp_read *r);
int store_reads_each(struct store *st, store_read_fn fn, void *arg);

/* Runs PRAGMA quick_check (full=0) or integrity_check (full=1).  Returns 0
 * when the database is sound, else LP_VERIFY status with the message. */
int store_check(struct store *st, int full);

/* The file name the store was opened with (borrowed). */
const char *store_path(const struct store *st);

/* People on the roster. */
struct lp_person {
    const char *id, *name, *role;
    int trained;          /* 0: a scenario marked this person untrained */
    int64_t created_at;
};
/* Adds a person; a duplicate id gives LP_USAGE with a clear message. */
int store_person_add(struct store *st, const struct lp_person *p);
/* Returns 1 and fills p (strings valid until the next call on st) when the
 * id exists, 0 when not, negative on error. */
int store_person_get(struct store *st, const char *id, struct lp_person *p);
typedef int (*store_person_fn)(void *arg, const struct lp_person *p);
/* Calls fn for each person ordered by id; stops on non-zero. */
int store_people_each(struct store *st, store_person_fn fn, void *arg);

/* ---- Scenario sessions, transcripts and sandbox worlds (script) ---- */

/* A scenario session row.  Strings are owned by the record after
 * store_session_get (free with store_session_clear). */
struct store_session {
    int64_t id;
    char *user_id, *scenario_id, *scenario_file, *scenario_hash, *mode;
    char *status, *report, *sandbox;
    int64_t seed, started_at, finished_at;
    double score;
    int passed;            /* -1 when not scored */
};
void store_session_clear(struct store_session *s);
/* Inserts a session (s->id 0: a new id, else that id); sets *id. */
int store_session_add(struct store *st, const struct store_session *s,
                      int64_t *id);
/* Sets the sandbox path of a session. */
int store_session_set_sandbox(struct store *st, int64_t id,
                              const char *sandbox);
/* 1 and fills s when found, 0 when not, negative on error. */
int store_session_get(struct store *st, int64_t id, struct store_session *s);
/* Marks a session done with its score and report. */
int store_session_finish(struct store *st, int64_t id, int64_t at,
                         double score, int passed, const char *report);
/* Calls fn for each session (of user when not NULL, of scenario id when not
 * NULL, with status when not NULL) ordered by id; stops on non-zero. */
typedef int (*store_session_fn)(void *arg, const struct store_session *s);
int store_sessions_each(struct store *st, const char *user,
                        const char *scenario_id, const char *status,
                        store_session_fn fn, void *arg);

/* One transcript row. */
struct store_tline {
    int64_t seq, at, audit_id;
    const char *line, *verdict, *rules;
};
/* Adds a transcript row (inside the caller's transaction). */
int store_scn_transcript_add(struct store *st, int64_t session_id,
                             const struct store_tline *t);
/* Calls fn for each row of a session in seq order (strings borrowed). */
typedef int (*store_tline_fn)(void *arg, const struct store_tline *t);
int store_scn_transcript_each(struct store *st, int64_t session_id,
                              store_tline_fn fn, void *arg);
/* The next free seq of a session (1 for none). */
int store_scn_transcript_next(struct store *st, int64_t session_id,
                              int64_t *seq);

/* World setup of a scenario sandbox (inside one transaction). */
struct store_case {
    const char *number, *type, *violation, *status, *owner, *title;
    int limitation_years;  /* 0: none */
    int64_t opened_at, closed_at;
};
int store_scn_case_add(struct store *st, const struct store_case *c);
int store_scn_hotlist_add(struct store *st, const char *name,
                          int64_t created_at, int64_t last_review_at,
                          int64_t *id);
/* An entry plus its ledger row (kept five years after list creation). */
struct store_hot_entry {
    int64_t hotlist_id;
    const char *plate, *state, *case_number, *tracking, *note, *added_by;
    int64_t added_at, reviewed_at, keep_until;
};
int store_scn_hotlist_entry_add(struct store *st,
                                const struct store_hot_entry *e);
/* A read with a chosen id (0: the next one); sets *id. */
int store_scn_read_put(struct store *st, const struct lp_read *r,
                       int64_t want_id, int64_t *id);
/* Marks whether a camera's source keeps its own audit (IV.M.1). */
int store_scn_camera_audit(struct store *st, const char *camera_id,
                           int keeps_audit);
/* Marks a person (un)trained (IV.H). */
int store_scn_person_trained(struct store *st, const char *id, int trained);

/* Final state for scoring.  Hotlist entries (active, or removed when
 * removed is set), with their list name; strings borrowed for the call. */
typedef int (*store_hot_fn)(void *arg, const char *hotlist,
                            const struct store_hot_entry *e,
                            const char *removed_reason);
int store_scn_hotlist_each(struct store *st, int removed, store_hot_fn fn,
                           void *arg);
/* Audit entries in id order (fields of audit.h's record, as text). */
struct store_audit_row {
    int64_t id, at;
    const char *user_id, *action, *plate, *case_number, *reason, *results;
    const char *verdict, *rules;
    int manual;
};
typedef int (*store_audit_fn)(void *arg, const struct store_audit_row *a);
int store_scn_audit_each(struct store *st, store_audit_fn fn, void *arg);

#endif
