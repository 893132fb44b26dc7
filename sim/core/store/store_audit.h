/*
 * store_audit.h - the audit tables (audit, audit_checkpoints,
 * audit_reviews): the rows of the hash chain, its checkpoints and reviews,
 * and the joins the quarterly review needs (store_audit.c; the chain
 * itself is core/audit/audit.h).
 */
#ifndef LPRSIM_STORE_AUDIT_H
#define LPRSIM_STORE_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "core/store/model.h"
#include "core/store/store.h"

#define STORE_AUDIT_HASH 32

/* A value exactly as SQLite stores it (sqlite3_column_type and _bytes):
 * what the chain hashes. */
enum store_val_type {
    STORE_VAL_NULL = 0, STORE_VAL_INT = 1, STORE_VAL_REAL = 2,
    STORE_VAL_TEXT = 3, STORE_VAL_BLOB = 4
};
struct store_val {
    int type;                 /* enum store_val_type */
    int64_t i;                /* STORE_VAL_INT */
    double r;                 /* STORE_VAL_REAL */
    const unsigned char *p;   /* TEXT/BLOB bytes (borrowed), n of them:
                               * text may hold a NUL byte */
    size_t n;
};
/* The hashed columns after id, in table order: at, user_id, action,
 * plate, case_number, reason, results, verdict, rules, profile, manual,
 * session_id, detail. */
#define STORE_AUDIT_NVALS 13

/* One audit row as stored; strings and blobs are borrowed for the call
 * (NULL for SQL NULL).  prev_hash/hash may have a length other than 32 in
 * a damaged log: check prev_len/hash_len.  val holds the hashed columns
 * as stored (the C fields are the same values: text only when stored as
 * text, integers only when stored as integers). */
struct store_audit_row {
    struct store_val val[STORE_AUDIT_NVALS];
    int id_type;              /* stored type of id (always INT in STRICT) */
    int64_t id, at;
    const char *user_id, *action, *plate, *case_number, *reason, *results;
    const char *verdict, *rules, *profile;
    int manual;
    int64_t session_id;       /* 0 for NULL */
    const char *detail;
    const unsigned char *prev_hash, *hash;
    size_t prev_len, hash_len;
    /* The Unix login that acted (schema 3 on), as stored and as text;
     * hashed only when it is not NULL (entries written before it keep
     * their hashes). */
    struct store_val login_val;
    const char *login;
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
/* The highest id ever given in table ("audit", "audit_checkpoints"):
 * sqlite_sequence, never lowered by a delete (0: none yet). */
int store_audit_seq(struct store *st, const char *table, int64_t *seq);
/* Inserts a row with id r->id (the next id); sets *id. */
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

/* Audit read-back for the action layer and its tests: calls fn with the
 * entry of id (strings borrowed); 1 found, 0 not, negative on error. */
typedef int (*store_audit_row_fn)(void *arg, int64_t id,
                                  const struct audit_entry *e);
int store_audit_row_get(struct store *st, int64_t id, store_audit_row_fn fn,
                        void *arg);
/* The time of the last audit review (0: none) and of the first audit
 * entry (0: empty log). */
int store_audit_review_times(struct store *st, int64_t *last_review,
                             int64_t *first_entry);

#endif
