/*
 * store_report.h - the queries behind the instructor's and coordinator's
 * records (store_report.c): the class overview, exam results per rule and
 * the objectives missed most, one person's lessons and session rules, and
 * the source records of xAPI statements.  Strings are borrowed for the
 * call of fn; fn returning non-zero stops the walk and is returned.
 */
#ifndef LPRSIM_STORE_REPORT_H
#define LPRSIM_STORE_REPORT_H

#include <stdint.h>

#include "core/store/store.h"
#include "core/store/store_cert.h"
#include "core/store/store_people.h"
#include "core/store/store_scenario.h"

/* One person of the class with their training so far and their current
 * certificate: the newest one not revoked, else the newest (revoked). */
struct store_class_row {
    const char *id, *name, *role, *unit, *login, *email;
    int64_t lessons;          /* lessons whose knowledge check was taken */
    int64_t checks_passed;
    int64_t exam_tried;       /* scenarios with a finished exam session */
    int64_t exam_passed;      /* ... of which one passed */
    double exam_score;        /* mean of the best exam score per scenario,
                                 -1 when no exam */
    int64_t cert_serial;      /* 0: no certificate */
    const char *cert_track;
    int64_t cert_issued, cert_expires;
    int cert_revoked;
};
typedef int (*store_class_fn)(void *arg, const struct store_class_row *r);
/* Everyone on the roster (of unit when not NULL), ordered by unit, id. */
int store_report_class(struct store *st, const char *unit, store_class_fn fn,
                       void *arg);

/* Finished exam sessions per rule in [from, to] (0: open ends), of unit's
 * people when unit is not NULL: attempts (sessions scoring the rule) and
 * failures (sessions that did not earn all of its points).  Ordered by
 * rule. */
struct store_rule_row {
    const char *rule;
    int64_t attempts, failures;
    double earned, possible;
};
typedef int (*store_rule_fn)(void *arg, const struct store_rule_row *r);
int store_report_rules(struct store *st, const char *unit, int64_t from,
                       int64_t to, store_rule_fn fn, void *arg);

/* The objectives missed in the same exam sessions, per rule, the most
 * missed first (ties by objective id). */
struct store_miss_row {
    const char *rule, *objective, *text;
    int64_t count;
};
typedef int (*store_miss_fn)(void *arg, const struct store_miss_row *r);
int store_report_misses(struct store *st, const char *unit, int64_t from,
                        int64_t to, store_miss_fn fn, void *arg);

/* Knowledge-check results (of user, or everyone when NULL; at >= since),
 * ordered by time, user, lesson. */
struct store_lesson_row {
    const char *user_id, *lesson;
    int right, questions, passed;
    int64_t at;
};
typedef int (*store_lesson_fn)(void *arg, const struct store_lesson_row *r);
int store_report_lessons(struct store *st, const char *user, int64_t since,
                         store_lesson_fn fn, void *arg);

/* The per-rule results of one finished session, ordered by rule. */
int store_report_session_rules(struct store *st, int64_t session_id,
                               store_rule_fn fn, void *arg);

/* Sessions (of user, or everyone when NULL) started or finished at or
 * after since, in id order, with their rules as a comma-separated list
 * (NULL when none); abandoned ones are left out. */
struct store_session_row {
    int64_t id, seed, started_at, finished_at;   /* finished_at 0: active */
    const char *user_id, *scenario_id, *scenario_file, *mode, *status;
    double score;
    int passed;               /* -1: not scored */
    const char *rules;
};
typedef int (*store_session_row_fn)(void *arg,
                                    const struct store_session_row *r);
int store_report_sessions(struct store *st, const char *user, int64_t since,
                          store_session_row_fn fn, void *arg);

/* xAPI statements a learning record store acknowledged (the cursor of
 * "report xapi --lrs"): 1 when id was sent to lrs, 0 when not. */
int store_xapi_sent(struct store *st, const char *lrs, const char *id);
/* Records ids as sent to lrs (inside the caller's transaction or its
 * own). */
int store_xapi_mark(struct store *st, const char *lrs, const char *const *ids,
                    size_t n, int64_t at);

#endif
