/*
 * audit.h - the tamper-evident audit log (IV.M).  Each entry holds the six
 * fields of IV.M.1 (who, plate, when, results, case number, reason) plus
 * the action, verdict, rule ids and policy profile, and is chained to the
 * one before by SHA-256 over a canonical length-prefixed encoding.  Signed
 * checkpoints (entry count and head hash) catch a cut tail.
 */
#ifndef LPRSIM_AUDIT_H
#define LPRSIM_AUDIT_H

#include <jansson.h>
#include <stdint.h>

#include "core/store/store.h"
#include "core/store/store_audit.h"
#include "util/util.h"

#define AUDIT_HASH_LEN 32
#define AUDIT_KEY_ID_LEN 16      /* hex characters of a key id */

/* struct audit_entry: the plain record, in core/store/model.h. */

/* Appends e inside the caller's open transaction (store_begin), chaining it
 * to the current head (one indexed lookup; nothing cached between calls).
 * rules and profile may be NULL (stored as "").  Sets *id.  Returns 0 or
 * negative with err (a call outside a transaction is refused). */
int audit_append(struct store *st, const struct audit_entry *e, int64_t *id,
                 struct lp_err *err);

/* ---- the hash chain ---- */

/* Appends the canonical encoding (v2) of entry id to out: a version tag,
 * then the id and every hashed column in table order, each exactly as the
 * STRICT table stores it: a type byte (0 NULL, 1 integer, 2 real, 3 text,
 * 4 blob) followed by an 8-byte big-endian value (integer, IEEE double) or
 * an 8-byte big-endian byte length and the bytes (text, blob: the full
 * sqlite3_column_bytes, so text after a NUL byte counts).  ("ab","c") and
 * ("a","bc") differ; so do 5 and '5', NULL and ''. */
void audit_encode_vals(struct sb *out, int64_t id,
                       const struct store_val v[STORE_AUDIT_NVALS],
                       const struct store_val *login);
/* (login: the Unix login that acted, appended only when not NULL, so
 * entries written before schema 3 keep their hashes; may be NULL.) */
/* The same for an entry as audit_append stores it (NULL text stays NULL,
 * session 0 is stored as NULL). */
void audit_encode(struct sb *out, int64_t id, const struct audit_entry *e);

/* hash = SHA-256(prev || audit_encode(id, e)).  scratch is reused between
 * calls (may be NULL: a temporary one is used). */
void audit_hash(const unsigned char prev[AUDIT_HASH_LEN], int64_t id,
                const struct audit_entry *e, struct sb *scratch,
                unsigned char out[AUDIT_HASH_LEN]);

/* ---- verification ---- */

/* One checkpoint's outcome. */
struct audit_ckpt_report {
    char source[80];          /* "checkpoint 3" or "FILE checkpoint 1" */
    int64_t entries, at;
    char key_id[AUDIT_KEY_ID_LEN + 1];
    int sig_checked;          /* 0: no public key to check it with */
    int ok;
    char problem[300];        /* when !ok */
};

struct audit_verify_report {
    int ok;                   /* 1: chain and checkpoints all sound */
    int64_t entries;          /* rows present */
    int64_t first_bad;        /* first bad entry id, 0 when none */
    char problem[400];        /* the first problem, "" when ok */
    char key_id[AUDIT_KEY_ID_LEN + 1];   /* pinned key used, "" if none */
    int have_key;             /* 1: signatures were checked with it */
    int64_t covered;          /* entries 1..covered lie under a checkpoint
                               * whose signature the pinned key verified */
    int64_t uncovered;        /* entries no verified checkpoint covers (all
                               * of them without a pinned key) */
    size_t nckpt;
    struct audit_ckpt_report *ckpt;      /* owned */
    size_t nwarn;
    char warn[4][300];
    size_t nalso;             /* further problems besides the first */
    char also[4][300];
};

struct audit_verify_opts {
    const char *pubkey;       /* the pinned public key file; NULL: none
                               * (the database's own pointer is never
                               * trusted) */
    const unsigned char *pubkey_raw;  /* or the pinned key's 32 bytes */
    const char *const *files; /* exported checkpoint files to check */
    size_t nfiles;
    int chain_only;           /* walk the chain; skip the checkpoints */
};

/* Checks the schema (store_schema_check: a foreign trigger, view, index
 * or table, or a dropped one, is a problem), walks the whole chain in one
 * read snapshot (stored types, ids, links, hashes; ids the counter gave
 * but that are gone), then every stored checkpoint (deleted ones show as
 * gaps in their ids) and every checkpoint file (C2SP signed notes):
 * signature by the pinned key, "log shorter than checkpoint", head hash.
 * Returns 0 when the check ran (see rep->ok), or negative with err (cannot
 * read the store or a file; LP_USAGE when a checkpoint file is given
 * without a public key).  Free rep with audit_verify_report_free. */
int audit_verify(struct store *st, const struct audit_verify_opts *o,
                 struct audit_verify_report *rep, struct lp_err *err);
void audit_verify_report_free(struct audit_verify_report *rep);

/* ---- checkpoint keys and signing (audit_ckpt.c) ---- */

/* Creates dir (0700) if missing and writes a new Ed25519 key pair:
 * dir/audit.key (0600, never overwritten) and dir/audit.pub.  Returns the
 * two paths (caller frees) and the key id. */
int audit_keygen(const char *dir, char **key_path, char **pub_path,
                 char key_id[AUDIT_KEY_ID_LEN + 1], struct lp_err *err);

/* The key id of a public key: the first 8 bytes of its SHA-256, hex. */
void audit_key_id(const unsigned char pk[32], char id[AUDIT_KEY_ID_LEN + 1]);

/* Reads a public key file; fills pk (32 bytes) and key_id. */
int audit_pubkey_load(const char *path, unsigned char pk[32],
                      char key_id[AUDIT_KEY_ID_LEN + 1], struct lp_err *err);

/* What a new checkpoint holds. */
struct audit_ckpt_info {
    int64_t id, entries, at;
    unsigned char head[AUDIT_HASH_LEN];
    char key_id[AUDIT_KEY_ID_LEN + 1];
    unsigned char sig[64];
};

/* Walks the chain and, when it is intact, signs the current head (entry
 * count and head hash, as the body of a C2SP checkpoint note) with the
 * secret key in keyfile (refused unless mode
 * 0600 or stricter) and stores the checkpoint; a broken chain is never
 * signed (LP_VERIFY).  Uses the caller's transaction if one is open,
 * else its own.
 * When the key's public half lies beside it (NAME.pub for NAME.key) and the
 * database names no public key yet, records its path in meta
 * "audit.pubkey".  Fills out (may be NULL). */
int audit_checkpoint(struct store *st, const char *keyfile, int64_t now,
                     struct audit_ckpt_info *out, struct lp_err *err);

/* Automatic checkpoints (the training host; issue 10's site
 * configuration passes its key path and N here).  When keyfile is NULL or
 * "" nothing happens (returns 0).  Otherwise, when at least every_n
 * entries (every_n <= 0: at least one) lie after the newest stored
 * checkpoint, verifies the chain (and the stored checkpoints against the
 * key's own public half, so a cut below an earlier checkpoint is never
 * re-signed) and signs a new checkpoint at now, in its own transaction
 * (call it after the action's commit, never inside it).  Fills out (may
 * be NULL) with the new checkpoint, out->id 0 when none was signed.
 * Returns 0, or negative with err (LP_VERIFY: the log does not verify and
 * was not signed). */
int audit_autocheckpoint(struct store *st, const char *keyfile,
                         int64_t every_n, int64_t now,
                         struct audit_ckpt_info *out, struct lp_err *err);

/* ---- C2SP signed notes (https://c2sp.org/tlog-checkpoint,
 * https://c2sp.org/signed-note) ---- */

#define AUDIT_ORIGIN_MAX 96
#define AUDIT_NOTE_MAX 4096

/* The log's origin line, "lprsim.local/audit/" and 16 random hex digits,
 * kept in meta audit.origin; create: make one when missing (inside the
 * caller's transaction).  Without create a missing origin gives "".
 * Returns 0 or negative with err. */
int audit_origin(struct store *st, int create, char out[AUDIT_ORIGIN_MAX],
                 struct lp_err *err);
/* The checkpoint body a signature covers: "ORIGIN\nSIZE\nBASE64(HEAD)\n".
 * Returns its length (< cap). */
size_t audit_note_body(const char *origin, int64_t entries,
                       const unsigned char head[AUDIT_HASH_LEN], char *out,
                       size_t cap);
/* The signature line's key name: "lprsim-audit-KEYID". */
void audit_note_key_name(const char *key_id, char out[64]);
/* 1 when sig is the pinned key pk's signature of the checkpoint: over
 * the signed-note body (schema 2), or over the v1 message (checkpoints
 * made before). */
int audit_ckpt_sig_ok(const char *origin, int64_t entries,
                      const unsigned char head[AUDIT_HASH_LEN], int64_t at,
                      const char *key_id, const unsigned char sig[64],
                      const unsigned char pk[32]);

/* A parsed signed-note checkpoint file. */
struct audit_note {
    char origin[AUDIT_ORIGIN_MAX];
    int64_t entries;
    unsigned char head[AUDIT_HASH_LEN];
    char *text;               /* owned: the whole file */
    size_t body_len;          /* the signed part: text[0..body_len) */
    size_t sig_off;           /* where the signature lines start */
};
/* Reads path (at most AUDIT_NOTE_MAX bytes) as a checkpoint note: body
 * lines origin, size, base64 root hash (extension lines ignored), a blank
 * line, signature lines.  Returns 0 or negative with err naming the line.
 * Free with audit_note_free. */
int audit_note_read(const char *path, struct audit_note *n,
                    struct lp_err *err);
void audit_note_free(struct audit_note *n);
/* 0 when a signature line of the key (name lprsim-audit-KEYID and the
 * spec's 4-byte key hash) verifies over the body, else -1. */
int audit_note_verify(const struct audit_note *n, const unsigned char pk[32],
                      const char *key_id);

/* Writes the newest stored checkpoint as a C2SP signed note to path ("-":
 * standard output; a file through a temporary file and a rename).  Sets
 * *id to that checkpoint's id. */
int audit_checkpoint_export(struct store *st, const char *path, int64_t *id,
                            struct lp_err *err);

/* ---- export (audit_csv.c) ---- */

/* Writes the entries matching f (may be NULL) as CSV to path ("-" is
 * standard output; a file is written whole through a temporary file and a
 * rename, or not at all).  Columns: id,at,user_id,action,plate,
 * case_number,reason,results,verdict,rules,profile,manual,session_id,
 * detail,prev_hash,hash; text cells are guarded against formulas.  Sets
 * *n to the rows written. */
int audit_export_csv(struct store *st, const struct store_audit_filter *f,
                     const char *path, int64_t *n, struct lp_err *err);

/* ---- the quarterly review (audit_review.c) ---- */

/* Parses "2026Q1" into [from, to).  Returns 0 or -LP_USAGE with err. */
int audit_quarter_parse(const char *q, int64_t *from, int64_t *to,
                        struct lp_err *err);

/* The quarterly review (IV.M.2) of quarter by user, in the caller's open
 * transaction: finds vague or missing fields (IV.M.1), look-ups on unknown
 * or closed cases (IV.A.1), windows beyond the limit (IV.J.1, IV.J.2),
 * refused attempts (their rules) and one user's repeated look-ups of one
 * plate under changing reasons (IV.M.2); records the review (audit_reviews
 * and an audit entry) and warns when the previous review is over a quarter
 * old.  *doc gets {"quarter","from","to","entries","findings":[...],
 * "warnings":[...],"review_id","audit_id"} (caller decrefs); text gets the
 * lines a person reads.  Returns 0 or negative with err. */
int audit_review_quarter(struct store *st, const char *user,
                         const char *quarter, int64_t now, json_t **doc,
                         struct sb *text, struct lp_err *err);

/* The same review for the action layer ("audit review" in the action
 * table): records the review row (naming audit entry audit_id, the one the
 * action layer appends next) but appends no audit entry itself. */
int audit_review_findings(struct store *st, const char *user,
                          const char *quarter, int64_t now, int64_t audit_id,
                          json_t **doc, struct sb *text, struct lp_err *err);

/* 1 when no review was recorded or the newest is over a quarter old at
 * now (sets *last_at, 0 for none), 0 when a review is recent, negative on
 * error. */
int audit_review_due(struct store *st, int64_t now, int64_t *last_at,
                     struct lp_err *err);

#endif
