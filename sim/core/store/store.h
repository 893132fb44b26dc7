/*
 * store.h - the SQLite store: the only module that speaks SQL.  It owns the
 * schema and its migrations, transactions, and typed functions for every
 * table.  Errors leave their message in store_errmsg().
 */
#ifndef LPRSIM_STORE_H
#define LPRSIM_STORE_H

#include <stdint.h>

#include "core/store/model.h"
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

/* ---- World generation and CSV import (gen; store_world.c) ---- */

struct lp_statute {
    const char *code, *citation, *description;
    int limitation_years;   /* 0 = no limitation */
};
/* Adds a statute of the criminal violations table. */
int store_statute_add(struct store *st, const struct lp_statute *s);

/* People on the roster. */
struct lp_person {
    const char *id, *name, *role;
    const char *login;    /* the Unix login bound to the person, or NULL */
    int trained;          /* 0: a scenario marked this person untrained */
    int64_t created_at;
};
/* Adds a person; a duplicate id gives LP_USAGE with a clear message. */
int store_person_add(struct store *st, const struct lp_person *p);
/* Returns 1 and fills p (strings valid until the next call on st) when the
 * id exists, 0 when not, negative on error. */
int store_person_get(struct store *st, const char *id, struct lp_person *p);
/* The same by the bound Unix login. */
int store_person_by_login(struct store *st, const char *login,
                          struct lp_person *p);
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

/* (store_statute_add: see the world section.)  Returns 1 and sets *years (-1: no limitation) when the code exists,
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
/* The same for a GLOB pattern of plates ('*', '?'), for profiles that
 * allow wildcard or partial plates. */
int store_reads_by_glob(struct store *st, const char *pattern,
                        const char *state, int64_t from, int64_t to,
                        int limit, store_read_info_fn fn, void *arg);
/* Reads inside a lat/lon box in [from, to] (no index: area queries are
 * refused under the default profile). */
int store_reads_in_box(struct store *st, double lat0, double lat1,
                       double lon0, double lon1, int64_t from, int64_t to,
                       int limit, store_read_info_fn fn, void *arg);
/* 1 when some read holds exactly this plate, 0 when none, negative. */
int store_plate_seen(struct store *st, const char *plate);
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

/* ---- Scenario sessions, transcripts and sandbox worlds (script) ---- */

/* A scenario session row.  Strings are owned by the record after
 * store_session_get (free with store_session_clear). */
struct store_session {
    int64_t id;
    char *user_id, *scenario_id, *scenario_file, *scenario_hash, *mode;
    char *status, *report, *sandbox;
    char *login;           /* the Unix login that ran it (NULL: unknown) */
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
/* Removes a session that never got its sandbox (a failed start), with any
 * transcript rows. */
int store_session_delete(struct store *st, int64_t id);
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

/* World setup of a scenario sandbox (inside one transaction): cases and
 * hotlists go through store_case_add, store_hotlist_get,
 * store_hotlist_entry_add and store_ledger_add above. */
/* A read with a chosen id (0: the next one); sets *id. */
int store_scn_read_put(struct store *st, const struct lp_read *r,
                       int64_t want_id, int64_t *id);
/* Marks whether a camera's source keeps its own audit (IV.M.1). */
int store_scn_camera_audit(struct store *st, const char *camera_id,
                           int keeps_audit);

/* Final state for scoring.  Hotlist entries (active, or removed when
 * removed is set), with their list name; strings borrowed for the call. */
typedef int (*store_hot_fn)(void *arg, const char *hotlist,
                            const struct lp_hotlist_entry *e,
                            const char *removed_reason);
int store_scn_hotlist_each(struct store *st, int removed, store_hot_fn fn,
                           void *arg);
/* Audit entries for scoring: store_audit_each (audit part, below). */
/* ---- Audit log (store_audit.c; see core/audit/audit.h) ---- */

#define STORE_AUDIT_HASH 32

/* One audit row as stored; strings and blobs are borrowed for the call
 * (NULL for SQL NULL).  prev_hash/hash may have a length other than 32 in
 * a damaged log: check prev_len/hash_len. */
struct store_audit_row {
    int64_t id, at;
    const char *user_id, *action, *plate, *case_number, *reason, *results;
    const char *verdict, *rules, *profile;
    int manual;
    int64_t session_id;       /* 0 for NULL */
    const char *detail;
    const unsigned char *prev_hash, *hash;
    size_t prev_len, hash_len;
    const char *login;        /* the Unix login that acted, or NULL */
    /* Filled by store_audit_review_each only: the cited case. */
    int case_known;           /* 1 when the case number is in the registry */
    const char *case_type, *case_status;
    int64_t case_opened_at, case_closed_at;   /* closed_at 0: open */
    int64_t limitation_years;                 /* -1: none known */
};
typedef int (*store_audit_fn)(void *arg, const struct store_audit_row *r);

/* A read snapshot (deferred BEGIN) for a consistent walk; end it with
 * store_audit_snapshot_end (a COMMIT that changes nothing). */
int store_audit_snapshot_begin(struct store *st);
void store_audit_snapshot_end(struct store *st);
/* 1 when a transaction is open on st (the chain may only grow inside one). */
int store_audit_in_tx(struct store *st);

/* The newest entry: returns 1 and fills *id and hash, 0 when the log is
 * empty, negative on error (a damaged head hash is an LP_VERIFY error). */
int store_audit_head(struct store *st, int64_t *id,
                     unsigned char hash[STORE_AUDIT_HASH]);
/* Inserts a row with id r->id (the head's id + 1); sets *id. */
int store_audit_insert(struct store *st, const struct store_audit_row *r,
                       int64_t *id);
/* Calls fn for every row in id order; stops on non-zero and returns it. */
int store_audit_each(struct store *st, store_audit_fn fn, void *arg);
/* Number of rows (or negative on error). */
int64_t store_audit_count(struct store *st);
/* The hash stored in the row with this id: 1 found, 0 not, negative on
 * error.  A hash of the wrong size is copied as zeros and *ok set to 0. */
int store_audit_hash_of(struct store *st, int64_t id,
                        unsigned char hash[STORE_AUDIT_HASH], int *ok);

/* Filters for listing and export; zero/NULL fields do not filter.  limit
 * > 0 keeps the newest N matching rows (still given oldest first). */
struct store_audit_filter {
    const char *user, *plate, *case_number;
    int has_from, has_to;
    int64_t from, to;         /* inclusive, on the "at" column */
    int64_t limit;
};
int store_audit_select(struct store *st, const struct store_audit_filter *f,
                       store_audit_fn fn, void *arg);

/* Rows with from <= at < to, with the cited case's registry data (see the
 * case_* fields), in id order. */
int store_audit_review_each(struct store *st, int64_t from, int64_t to,
                            store_audit_fn fn, void *arg);

/* One user's repeated look-ups of one plate in [from, to): rows of the
 * given actions grouped by (user, upper(plate)). */
struct store_audit_repeat {
    const char *user_id, *plate;
    int64_t count, reasons, cases, first_at, last_at;
    const char *ids_json;      /* JSON array of entry ids */
    const char *reasons_json;  /* JSON array of the distinct reasons */
};
typedef int (*store_audit_repeat_fn)(void *arg,
                                     const struct store_audit_repeat *r);
/* Calls fn for each group with at least min_count rows and at least
 * min_reasons distinct reasons (compared trimmed, case-insensitive).
 * actions_json is a JSON array of action names that count as look-ups. */
int store_audit_repeats(struct store *st, int64_t from, int64_t to,
                        const char *actions_json, int64_t min_count,
                        int64_t min_reasons, store_audit_repeat_fn fn,
                        void *arg);

/* Signed checkpoints. */
struct store_audit_ckpt {
    int64_t id, entries, at;
    const unsigned char *head;   /* head_len bytes */
    size_t head_len;
    const char *key_id;
    const unsigned char *sig;    /* sig_len bytes */
    size_t sig_len;
};
typedef int (*store_audit_ckpt_fn)(void *arg,
                                   const struct store_audit_ckpt *c);
int store_audit_ckpt_add(struct store *st, const struct store_audit_ckpt *c,
                         int64_t *id);
/* Calls fn for each checkpoint in id order. */
int store_audit_ckpts_each(struct store *st, store_audit_ckpt_fn fn,
                           void *arg);

/* Reviews (IV.M.2). */
int store_audit_review_add(struct store *st, const char *quarter,
                           const char *reviewer, int64_t at,
                           const char *findings_json, int64_t audit_id,
                           int64_t *id);
/* The newest review: 1 and fills *at and quarter (caller frees), 0 when
 * none was recorded, negative on error. */
int store_audit_review_last(struct store *st, int64_t *at, char **quarter);

/* The case registry as the audit sees it (limitation years from the case,
 * else from its violation's statute). */
struct store_audit_case {
    char type[16], status[16];
    int64_t opened_at, closed_at;  /* closed_at 0: not closed */
    int64_t limitation_years;      /* -1: none known */
};
/* 1 and fills c when the case number is in the registry, 0 when not,
 * negative on error. */
int store_audit_case(struct store *st, const char *number,
                     struct store_audit_case *c);
/* ---- certificates (store_cert.c) ---- */

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
/* ---- trainee progress (store_progress.c) ---- */

/* A knowledge check result for one lesson of one person. */
struct lp_lesson_result {
    int right, questions, passed;
    int64_t at;
};
/* Records a check result; a passed result is never replaced by a failed
 * one.  Runs in its own transaction.  Returns 0 or negative status. */
int store_lesson_result_set(struct store *st, const char *user,
                            const char *lesson,
                            const struct lp_lesson_result *r);
/* Returns 1 and fills r when the person has a result for the lesson, 0
 * when not, negative on error. */
int store_lesson_result_get(struct store *st, const char *user,
                            const char *lesson, struct lp_lesson_result *r);

/* What a person did with one scenario (matched by its file name). */
struct lp_scenario_progress {
    int attempts;            /* finished sessions */
    double best;             /* best score of a finished session, or -1 */
    int passed;              /* 1 if any finished session passed */
    int64_t active_session;  /* an unfinished session to resume, or 0 */
};
/* mode "practice"/"exam" counts only sessions of that mode; NULL: any. */
int store_scenario_progress(struct store *st, const char *user,
                            const char *file, const char *mode,
                            struct lp_scenario_progress *p);


/* Sets an unfinished (active) session aside as 'abandoned', so that the
 * scenario can start afresh (its file changed, say).  Returns 0 or
 * negative; a session that is not active is left as it is. */
int store_progress_abandon(struct store *st, int64_t session_id);
/* Calls fn for every place of the world ordered by id (strings borrowed
 * for the call); stops when fn returns non-zero. */
typedef int (*store_place_fn)(void *arg, const struct lp_place *p);
int store_progress_places(struct store *st, store_place_fn fn, void *arg);

#endif
