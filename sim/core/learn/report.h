/*
 * report.h - the instructor's and coordinator's records: the class
 * overview, exam results per rule, who is due for a refresher, and one
 * person's transcript.  Each report is a table: JSON rows (one object a
 * row) and the columns a front end shows in text or CSV.  The store's
 * queries are in core/store/store_report.c; nothing here prints.
 */
#ifndef LPRSIM_REPORT_H
#define LPRSIM_REPORT_H

#include <jansson.h>
#include <stdint.h>

#include "core/store/store.h"

/* A certificate is "expiring" this long before its expiry: the dashboard
 * then tells the trainee to take the refresher. */
#define REPORT_EXPIRY_WARN_DAYS 60

/* One column shown in text (width characters, right-aligned when num) and
 * in CSV: the value of key in each row.  Static. */
struct report_col {
    const char *key, *head;
    int width, num;
};

/* A report: rows (a JSON array of objects, owned) and its columns. */
struct report_table {
    const char *title;
    const struct report_col *cols;
    size_t ncols;
    json_t *rows;
};
/* Frees the rows; zeroes t. */
void report_table_clear(struct report_table *t);

/* The status of a certificate at now: "valid", "expiring" (within
 * REPORT_EXPIRY_WARN_DAYS), "expired", "revoked", or "none" (serial 0).
 * Static string. */
const char *report_cert_status(int64_t serial, int revoked, int64_t expires,
                               int64_t now);

/* Everyone (of unit when not NULL): lessons read, checks passed, exam
 * scenarios passed of those tried, the mean best exam score, certificate
 * status and expiry.  Returns 0 or negative with err. */
int report_class(struct store *st, int64_t now, const char *unit,
                 struct report_table *out, struct lp_err *err);

/* Per rule id: exam attempts and failures in [from, to] (0: open), and
 * the three objectives missed most, across everyone or unit. */
int report_rules(struct store *st, const char *unit, int64_t from,
                 int64_t to, struct report_table *out, struct lp_err *err);

/* Who needs a refresher: a current certificate expiring before now +
 * within seconds ("due"), or none current any more ("lapsed": expired or
 * revoked).  People never certified are not listed (see report_class). */
int report_due(struct store *st, int64_t now, int64_t within,
               const char *unit, struct report_table *out,
               struct lp_err *err);

/* One person's transcript: a JSON object {person, lessons, sessions (each
 * with its seed, score and rules), certificates}.  A person not on the
 * roster is LP_USAGE.  *out is the caller's (json_decref). */
int report_person(struct store *st, int64_t now, const char *id,
                  json_t **out, struct lp_err *err);

/* One session stepped through action by action, as the trainee saw it:
 * {session, user, scenario, mode, seed, status, score, passed, steps:
 * [{seq, line, verdict, rules, reason}], objectives}.  The verdicts and
 * reasons come from the session's scored report (what practice showed at
 * once and the exam at its end); an unfinished session gives its
 * transcript's verdicts without reasons.  Unknown id: LP_USAGE. */
int report_session_steps(struct store *st, int64_t session_id, json_t **out,
                         struct lp_err *err);

/* What the trainee's dashboard says about their certificate: a line the
 * caller frees, or NULL when there is no certificate.  Within
 * REPORT_EXPIRY_WARN_DAYS of expiry, or once expired or revoked, the line
 * says what to do; *urgent is then 1.  On a store error returns NULL with
 * *urgent -1. */
char *report_expiry_line(struct store *st, const char *user, int64_t now,
                         int *urgent);

/* Parses a duration "30d", "8w", "2m" (30-day months) or "45" (days) into
 * seconds; 0 or -1 for bad text. */
int report_parse_days(const char *s, int64_t *secs);

#endif
