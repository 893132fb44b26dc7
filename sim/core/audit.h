/*
 * audit.h - the tamper-evident audit log (IV.M).  Each entry holds the six
 * fields of IV.M.1 (who, plate, when, results, case number, reason) plus
 * the action, verdict, rule ids and policy profile, and is chained to the
 * one before by SHA-256 over a canonical length-prefixed encoding.  Signed
 * checkpoints (entry count and head hash) catch a cut tail.
 */
#ifndef LPRSIM_AUDIT_H
#define LPRSIM_AUDIT_H

#include <stdint.h>

#include "core/store.h"
#include "util/util.h"

struct audit_entry {
    int64_t at;               /* sandbox time of the action */
    const char *user_id;      /* (1) who */
    const char *action;       /* "query", "hotlist add" ... */
    const char *plate;        /* (2) the plate entered, may be NULL */
    const char *case_number;  /* (5) may be NULL */
    const char *reason;       /* (6) may be NULL */
    const char *results;      /* (4) summary: "3 reads: 12,15,19" */
    const char *verdict;      /* allow, warn, deny */
    const char *rules;        /* comma-separated rule ids, may be "" */
    const char *profile;      /* policy profile in force */
    int manual;               /* written by hand (source kept no audit) */
    int64_t session_id;       /* scenario session or 0 */
    const char *detail;       /* JSON text with the full request, or NULL */
};

/* Appends e inside the caller's open transaction, chaining it to the
 * current head.  Sets *id.  Returns 0 or negative with err. */
int audit_append(struct store *st, const struct audit_entry *e, int64_t *id,
                 struct lp_err *err);

#endif
