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

/* ---- Cases, statutes, queries, hotlists, case files, transcript
 * (store_policy.c: the policy engine and the action layer). ---- */

/* One case of the registry.  From store_case_get the strings are owned by
 * the record: free them with store_case_clear(). */
struct lp_case {
    char *number, *type;      /* type: criminal or civil */
    char *violation;          /* statute code or NULL */
    int64_t limitation_years; /* explicit override, -1 when none */
    char *status;             /* open or closed */
    int64_t opened_at, closed_at;  /* closed_at 0 while open */
    char *owner, *title, *target;  /* may be NULL */
};
void store_case_clear(struct lp_case *c);
/* Adds a case (strings borrowed); a duplicate number gives LP_USAGE. */
int store_case_add(struct store *st, const struct lp_case *c);
/* Returns 1 and fills c (caller clears), 0 when absent, negative on error. */
int store_case_get(struct store *st, const char *number, struct lp_case *c);
/* Closes an open case: 1 done, 0 when absent or already closed. */
int store_case_close(struct store *st, const char *number, int64_t at);
typedef int (*store_case_fn)(void *arg, const struct lp_case *c);
/* Calls fn for each case ordered by number (strings borrowed). */
int store_cases_each(struct store *st, store_case_fn fn, void *arg);

/* A criminal statute and its limitation (-1: none, i.e. no limit). */
struct lp_statute {
    const char *code, *citation, *description;
    int64_t limitation_years;
};
int store_statute_add(struct store *st, const struct lp_statute *s);
/* Returns 1 and sets *years (-1: no limitation) when the code exists,
 * 0 when not, negative on error. */
int store_statute_limit(struct store *st, const char *code, int64_t *years);

/* A read with what the query layer needs from its camera. */
struct lp_read_info {
    struct lp_read r;
    const char *cam_owner;   /* agency, partner, commercial; NULL unknown */
    int keeps_audit;         /* the source keeps its own audit (IV.M.1) */
    int on_device;           /* raw data still on the camera's device */
    int evidence_hold;
};
typedef int (*store_read_info_fn)(void *arg, const struct lp_read_info *ri);
/* Reads of exactly plate (and state when not NULL) observed in [from, to],
 * oldest first, at most limit rows (limit <= 0: no cap).  Uses the
 * (plate, time) index.  fn's strings are borrowed for the call. */
int store_reads_by_plate(struct store *st, const char *plate,
                         const char *state, int64_t from, int64_t to,
                         int limit, store_read_info_fn fn, void *arg);
/* Reads inside a lat/lon box in [from, to] (no index: area queries are
 * refused under the default profile). */
int store_reads_in_box(struct store *st, double lat0, double lat1,
                       double lon0, double lon1, int64_t from, int64_t to,
                       int limit, store_read_info_fn fn, void *arg);
/* Calls fn for read id: returns 1 when found, 0 when not, negative. */
int store_read_get(struct store *st, int64_t id, store_read_info_fn fn,
                   void *arg);
/* Marks the reads of an agency camera as wiped from its device (keeps
 * those on evidence hold); *n gets how many. */
int store_camera_wipe(struct store *st, const char *camera_id, int64_t *n);

/* Calls fn for every place (sensitive_only: just sensitive ones). */
typedef int (*store_place_fn)(void *arg, const struct lp_place *p);
int store_places_each(struct store *st, int sensitive_only,
                      store_place_fn fn, void *arg);

/* Hotlists. */
struct lp_hotlist {
    int64_t id, created_at, last_review_at;   /* last_review_at 0: never */
};
/* Gets the hotlist called name, creating it at `at` when create is set;
 * returns 1 found/created, 0 absent, negative on error. */
int store_hotlist_get(struct store *st, const char *name, int create,
                      int64_t at, struct lp_hotlist *h);
int store_hotlist_reviewed(struct store *st, int64_t id, int64_t at);
struct lp_hotlist_entry {
    int64_t id, hotlist_id;
    const char *plate, *state, *case_number, *tracking, *note, *added_by;
    int64_t added_at, reviewed_at, removed_at;  /* 0 when unset */
    const char *case_status;   /* status of its case, NULL if unknown */
    int64_t case_closed_at;
};
typedef int (*store_hotlist_entry_fn)(void *arg,
                                      const struct lp_hotlist_entry *e);
/* Entries of a hotlist (active_only: not removed), for plate when not
 * NULL, ordered by id. */
int store_hotlist_entries_each(struct store *st, int64_t hotlist_id,
                               int active_only, const char *plate,
                               store_hotlist_entry_fn fn, void *arg);
int store_hotlist_entry_add(struct store *st,
                            const struct lp_hotlist_entry *e, int64_t *id);
int store_hotlist_entry_remove(struct store *st, int64_t id, const char *by,
                               int64_t at, const char *reason);
int store_hotlist_entry_reviewed(struct store *st, int64_t id, int64_t at);
/* One ledger row (IV.K.3). */
struct lp_ledger {
    int64_t id, hotlist_id;
    const char *event;        /* add, remove, review */
    const char *plate, *state, *case_number, *tracking, *by_user;
    int64_t at, keep_until;
    const char *detail;
};
int store_ledger_add(struct store *st, const struct lp_ledger *l);
typedef int (*store_ledger_fn)(void *arg, const struct lp_ledger *l);
int store_ledger_each(struct store *st, store_ledger_fn fn, void *arg);

/* Hits: reads of an active hotlist entry's plate observed after it was
 * added.  scan adds hits for reads with id > since_read_id and sets
 * *added and *max_read_id (the highest read id now in the store). */
int store_hits_scan(struct store *st, int64_t since_read_id, int64_t at,
                    int64_t *added, int64_t *max_read_id);
struct lp_hit {
    int64_t id, entry_id, read_id, at;
    int seen;
    const char *plate, *case_number, *tracking, *camera_id;
    int64_t observed_at;
};
typedef int (*store_hit_fn)(void *arg, const struct lp_hit *h);
/* Hits (unseen_only: not yet shown; plate: only that plate when not NULL),
 * ordered by id. */
int store_hits_each(struct store *st, int unseen_only, const char *plate,
                    store_hit_fn fn, void *arg);
int store_hits_mark_seen(struct store *st);

/* Case files (IV.F, IV.G): 1 added, 0 already there. */
int store_case_file_add(struct store *st, const char *case_number,
                        int64_t read_id, const char *by, int64_t at);
/* 1 when plate pertains to the case: its target, one of its hotlist
 * entries, or an allowed query or analysis under the case. */
int store_case_pertains(struct store *st, const char *case_number,
                        const char *plate);
int64_t store_case_files_count(struct store *st, const char *case_number);

/* Appends a transcript row for a session with the next seq; *seq set. */
int store_transcript_add(struct store *st, int64_t session_id, int64_t at,
                         const char *line, const char *verdict,
                         const char *rules, int64_t audit_id, int64_t *seq);

/* Audit read-back for the action layer and its tests: calls fn with the
 * entry of id (strings borrowed); 1 found, 0 not, negative on error. */
struct audit_entry;
typedef int (*store_audit_row_fn)(void *arg, int64_t id,
                                  const struct audit_entry *e);
int store_audit_row_get(struct store *st, int64_t id, store_audit_row_fn fn,
                        void *arg);
/* The time of the last audit review (0: none) and of the first audit
 * entry (0: empty log). */
int store_audit_review_times(struct store *st, int64_t *last_review,
                             int64_t *first_entry);

/* Marks a person trained or untrained (IV.H); 1 done, 0 unknown id. */
int store_person_set_trained(struct store *st, const char *id, int trained);

#endif
