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

/* Appends the canonical encoding of entry id/e to out: a version tag, then
 * every field in a fixed order, each as a type byte (0 NULL, 1 text, 2
 * integer) followed by an 8-byte big-endian length and the bytes (text) or
 * an 8-byte big-endian value (integer).  ("ab","c") and ("a","bc") differ. */
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
    char key_id[AUDIT_KEY_ID_LEN + 1];   /* public key used, "" if none */
    int key_from_db;          /* 1: the key file the database names (a
                               * hint, not a trust anchor: --pubkey) */
    size_t nckpt;
    struct audit_ckpt_report *ckpt;      /* owned */
    size_t nwarn;
    char warn[4][300];
};

struct audit_verify_opts {
    const char *pubkey;       /* public key file; NULL: meta audit.pubkey */
    const char *const *files; /* exported checkpoint files to check */
    size_t nfiles;
    int chain_only;           /* walk the chain; skip the checkpoints */
};

/* Walks the whole chain in one read snapshot, then checks every stored
 * checkpoint and every checkpoint file: signature, "log shorter than
 * checkpoint", head hash.  Returns 0 when the check ran (see rep->ok), or
 * negative with err (cannot read the store or a file; LP_USAGE when a
 * checkpoint file is given without any public key).  Free rep with
 * audit_verify_report_free. */
int audit_verify(struct store *st, const struct audit_verify_opts *o,
                 struct audit_verify_report *rep, struct lp_err *err);
void audit_verify_report_free(struct audit_verify_report *rep);

/* ---- checkpoint keys and signing (audit_ckpt.c) ---- */

/* Creates dir (0700) if missing and writes a new Ed25519 key pair:
 * dir/audit.key (0600, never overwritten) and dir/audit.pub.  Returns the
 * two paths (caller frees) and the key id. */
int audit_keygen(const char *dir, char **key_path, char **pub_path,
                 char key_id[AUDIT_KEY_ID_LEN + 1], struct lp_err *err);

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
 * count and head hash) with the secret key in keyfile (refused unless mode
 * 0600 or stricter) and stores the checkpoint; a broken chain is never
 * signed (LP_VERIFY).  Uses the caller's transaction if one is open,
 * else its own.
 * When the key's public half lies beside it (NAME.pub for NAME.key) and the
 * database names no public key yet, records its path in meta
 * "audit.pubkey".  Fills out (may be NULL). */
int audit_checkpoint(struct store *st, const char *keyfile, int64_t now,
                     struct audit_ckpt_info *out, struct lp_err *err);

/* Writes every stored checkpoint to path as JSON, to carry off the
 * machine (write to a temporary file, then rename).  Sets *n. */
int audit_checkpoint_export(struct store *st, const char *path, int64_t *n,
                            struct lp_err *err);

/* The message a checkpoint signs (exposed for verify and tests): writes
 * it into out (at most 128 bytes) and returns its length. */
size_t audit_ckpt_message(int64_t entries,
                          const unsigned char head[AUDIT_HASH_LEN],
                          int64_t at, const char *key_id,
                          unsigned char out[128]);

/* ---- export (audit_csv.c) ---- */

/* Writes the entries matching f (may be NULL) as CSV to path ("-" is
 * standard output; a file is written whole through a temporary file and a
 * rename, or not at all).  Columns: id,at,user_id,action,plate,
 * case_number,reason,results,verdict,rules,profile,manual,session_id,
 * detail,prev_hash,hash; text cells are guarded against formulas.  Sets
 * *n to the rows written. */
int audit_export_csv(struct store *st, const struct store_audit_filter *f,
                     const char *path, int64_t *n, struct lp_err *err);

/* ---- by hand and review (audit_review.c) ---- */

/* Returns NULL when reason says what a query is for, else a borrowed
 * phrase saying why it is vague ("too short", "says nothing specific"). */
const char *audit_reason_vague(const char *reason);

/* IV.M.1 by hand: a query made in a source that keeps no audit. */
struct audit_manual {
    const char *user, *plate, *case_number, *reason, *results;
    const char *source;       /* the system queried, may be NULL */
    const char *at_text;      /* when the query was made; NULL: now */
    const char *profile;      /* policy profile in force; NULL: the
                               * database's (meta policy_profile) */
    int64_t session_id;
};

/* An action's outcome, in the words of the CLI contract. */
struct audit_outcome {
    int status;               /* LP_OK or LP_REFUSED */
    char verdict[8];          /* allow, warn, deny */
    char rules[64];           /* comma-separated rule ids */
    char reason[300];         /* one line a trainee understands */
    int64_t audit_id;
};

/* Records a manual audit entry (manual=1, action "audit add") in the
 * caller's open transaction: the user must be on the roster (else
 * -LP_USAGE, nothing written); a malformed plate or time is -LP_USAGE; a
 * missing or vague field is refused (IV.M.1, status LP_REFUSED) and the
 * refusal itself is audited; an unknown or closed case is recorded with a
 * warning (IV.A.1).  This entry is the action's audit entry: the action
 * layer must not append a second one.  Commit on return 0 (also when
 * refused). */
int audit_add_manual(struct store *st, const struct audit_manual *m,
                     int64_t now, struct audit_outcome *out,
                     struct lp_err *err);

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
