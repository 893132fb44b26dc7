/*
 * report.c - the instructor's and coordinator's reports (see report.h):
 * the store's rows turned into tables with certificate statuses, failure
 * rates and the objectives missed most.
 */
#include "core/learn/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/policy/rules.h"
#include "core/store/store_report.h"
#include "util/lptime.h"

#define MISSED_SHOWN 3

void report_table_clear(struct report_table *t)
{
    json_decref(t->rows);
    memset(t, 0, sizeof *t);
}

const char *report_cert_status(int64_t serial, int revoked, int64_t expires,
                               int64_t now)
{
    if (!serial)
        return "none";
    if (revoked)
        return "revoked";
    if (expires <= now)
        return "expired";
    if (expires - now <= (int64_t)REPORT_EXPIRY_WARN_DAYS * LPTIME_DAY)
        return "expiring";
    return "valid";
}

static json_t *date_or_null(int64_t t)
{
    char buf[16];
    if (!t)
        return json_null();
    lptime_format_date(t, buf, sizeof buf);
    return json_string(buf);
}

static json_t *time_or_null(int64_t t)
{
    char buf[32];
    if (!t)
        return json_null();
    lptime_format(t, buf, sizeof buf);
    return json_string(buf);
}

static double round1(double v)
{
    return round(v * 10.0) / 10.0;
}

static int store_error(struct store *st, struct lp_err *err)
{
    *err = *store_err(st);
    if (!err->status)
        err->status = LP_FAIL;
    return -err->status;
}

/* ---- class ---- */

static const struct report_col class_cols[] = {
    {"id", "ID", 12, 0},
    {"name", "NAME", 16, 0},
    {"unit", "UNIT", 8, 0},
    {"lessons", "LES", 3, 1},
    {"checks_passed", "CHK", 3, 1},
    {"exams", "EXAMS", 5, 1},
    {"exam_score", "SCORE", 5, 1},
    {"cert_status", "CERT", 8, 0},
    {"cert_expires", "EXPIRES", 10, 0},
};

struct class_ctx {
    int64_t now;
    json_t *rows;
    int due_only;
    int64_t until;
};

static json_t *class_row(const struct store_class_row *r, int64_t now)
{
    char exams[32];
    snprintf(exams, sizeof exams, "%lld/%lld", (long long)r->exam_passed,
             (long long)r->exam_tried);
    json_t *o = json_pack(
        "{s:s,s:s,s:s,s:s?,s:s?,s:I,s:I,s:I,s:I,s:s}",
        "id", r->id, "name", r->name, "role", r->role, "unit", r->unit,
        "login", r->login, "lessons", (json_int_t)r->lessons,
        "checks_passed", (json_int_t)r->checks_passed,
        "exam_scenarios", (json_int_t)r->exam_tried,
        "exam_passed", (json_int_t)r->exam_passed, "exams", exams);
    json_object_set_new(o, "exam_score", r->exam_score < 0
                                             ? json_null()
                                             : json_real(round1(r->exam_score)));
    json_object_set_new(o, "cert_serial", r->cert_serial
                                              ? json_integer(r->cert_serial)
                                              : json_null());
    json_object_set_new(o, "cert_track", r->cert_track
                                             ? json_string(r->cert_track)
                                             : json_null());
    json_object_set_new(o, "cert_status", json_string(report_cert_status(
                               r->cert_serial, r->cert_revoked,
                               r->cert_expires, now)));
    json_object_set_new(o, "cert_expires", date_or_null(r->cert_expires));
    return o;
}

static int class_cb(void *arg, const struct store_class_row *r)
{
    struct class_ctx *c = arg;
    if (c->due_only) {
        if (!r->cert_serial)
            return 0;
        int lapsed = r->cert_revoked || r->cert_expires <= c->now;
        if (!lapsed && r->cert_expires > c->until)
            return 0;
        json_t *o = class_row(r, c->now);
        json_object_set_new(o, "due", json_string(lapsed ? "lapsed" : "due"));
        int64_t days = (r->cert_expires - c->now) / LPTIME_DAY;
        json_object_set_new(o, "days_left", lapsed ? json_integer(0)
                                                   : json_integer(days));
        json_object_set_new(o, "email", r->email ? json_string(r->email)
                                                 : json_null());
        json_array_append_new(c->rows, o);
        return 0;
    }
    json_array_append_new(c->rows, class_row(r, c->now));
    return 0;
}

int report_class(struct store *st, int64_t now, const char *unit,
                 struct report_table *out, struct lp_err *err)
{
    struct class_ctx c = {.now = now, .rows = json_array()};
    if (store_report_class(st, unit, class_cb, &c)) {
        json_decref(c.rows);
        return store_error(st, err);
    }
    out->title = "class";
    out->cols = class_cols;
    out->ncols = sizeof class_cols / sizeof class_cols[0];
    out->rows = c.rows;
    return 0;
}

/* ---- due ---- */

static const struct report_col due_cols[] = {
    {"id", "ID", 12, 0},
    {"name", "NAME", 16, 0},
    {"unit", "UNIT", 8, 0},
    {"due", "DUE", 6, 0},
    {"cert_status", "CERT", 8, 0},
    {"cert_expires", "EXPIRES", 10, 0},
    {"days_left", "DAYS", 4, 1},
    {"cert_track", "TRACK", 8, 0},
};

int report_due(struct store *st, int64_t now, int64_t within,
               const char *unit, struct report_table *out,
               struct lp_err *err)
{
    struct class_ctx c = {.now = now, .rows = json_array(), .due_only = 1,
                          .until = now + within};
    if (store_report_class(st, unit, class_cb, &c)) {
        json_decref(c.rows);
        return store_error(st, err);
    }
    out->title = "due";
    out->cols = due_cols;
    out->ncols = sizeof due_cols / sizeof due_cols[0];
    out->rows = c.rows;
    return 0;
}

/* ---- rules ---- */

static const struct report_col rule_cols[] = {
    {"rule", "RULE", 6, 0},
    {"attempts", "ATTEMPTS", 8, 1},
    {"failures", "FAILURES", 8, 1},
    {"failure_rate", "FAIL%", 5, 1},
    {"most_missed", "MOST MISSED OBJECTIVES", 47, 0},
};

static int rule_cb(void *arg, const struct store_rule_row *r)
{
    json_t *rows = arg;
    json_array_append_new(rows, json_pack(
        "{s:s,s:s?,s:I,s:I,s:f,s:[],s:s}", "rule", r->rule,
        "text", rule_text(r->rule), "attempts", (json_int_t)r->attempts,
        "failures", (json_int_t)r->failures, "failure_rate",
        round1(r->attempts ? 100.0 * (double)r->failures /
                                 (double)r->attempts : 0.0),
        "missed", "most_missed", ""));
    return 0;
}

struct miss_ctx {
    json_t *rows;
    size_t at;          /* index of the row of the current rule */
};

static int miss_cb(void *arg, const struct store_miss_row *m)
{
    struct miss_ctx *c = arg;
    size_t n = json_array_size(c->rows);
    while (c->at < n &&
           strcmp(json_string_value(json_object_get(
                      json_array_get(c->rows, c->at), "rule")), m->rule) < 0)
        c->at++;
    if (c->at >= n)
        return 0;
    json_t *row = json_array_get(c->rows, c->at);
    if (strcmp(json_string_value(json_object_get(row, "rule")), m->rule))
        return 0;
    json_t *missed = json_object_get(row, "missed");
    if (json_array_size(missed) >= MISSED_SHOWN)
        return 0;
    json_array_append_new(missed, json_pack(
        "{s:s,s:s?,s:I}", "objective", m->objective, "text", m->text,
        "count", (json_int_t)m->count));
    const char *prev = json_string_value(json_object_get(row, "most_missed"));
    char *s = xasprintf("%s%s%s (%lld)", prev, *prev ? "; " : "",
                        m->objective, (long long)m->count);
    json_object_set_new(row, "most_missed", json_string(s));
    free(s);
    return 0;
}

int report_rules(struct store *st, const char *unit, int64_t from,
                 int64_t to, struct report_table *out, struct lp_err *err)
{
    json_t *rows = json_array();
    struct miss_ctx mc = {.rows = rows};
    if (store_report_rules(st, unit, from, to, rule_cb, rows) ||
        store_report_misses(st, unit, from, to, miss_cb, &mc)) {
        json_decref(rows);
        return store_error(st, err);
    }
    out->title = "rules";
    out->cols = rule_cols;
    out->ncols = sizeof rule_cols / sizeof rule_cols[0];
    out->rows = rows;
    return 0;
}

/* ---- person ---- */

static int lesson_cb(void *arg, const struct store_lesson_row *r)
{
    json_array_append_new(arg, json_pack(
        "{s:s,s:i,s:i,s:b,s:o}", "lesson", r->lesson, "right", r->right,
        "questions", r->questions, "passed", r->passed, "at",
        time_or_null(r->at)));
    return 0;
}

static int srule_cb(void *arg, const struct store_rule_row *r)
{
    json_array_append_new(arg, json_pack(
        "{s:s,s:f,s:f,s:f}", "rule", r->rule, "earned", r->earned,
        "possible", r->possible, "percent",
        round1(r->possible > 0 ? 100.0 * r->earned / r->possible : 100.0)));
    return 0;
}

struct sess_ctx {
    struct store *st;
    json_t *rows;
    int failed;
};

static int sess_cb(void *arg, const struct store_session_row *r)
{
    struct sess_ctx *c = arg;
    json_t *rules = json_array();
    if (store_report_session_rules(c->st, r->id, srule_cb, rules)) {
        json_decref(rules);
        c->failed = 1;
        return 1;
    }
    json_t *o = json_pack(
        "{s:I,s:s,s:s?,s:s,s:I,s:s,s:o,s:o,s:o}", "session", (json_int_t)r->id,
        "scenario", r->scenario_id, "file", r->scenario_file, "mode", r->mode,
        "seed", (json_int_t)r->seed, "status", r->status,
        "started_at", time_or_null(r->started_at),
        "finished_at", time_or_null(r->finished_at), "rules", rules);
    json_object_set_new(o, "score", r->passed < 0 ? json_null()
                                                  : json_real(r->score));
    json_object_set_new(o, "passed", r->passed < 0 ? json_null()
                                                   : json_boolean(r->passed));
    json_array_append_new(c->rows, o);
    return 0;
}

struct cert_ctx {
    json_t *rows;
    int64_t now;
};

static int cert_cb(void *arg, const struct store_cert *ce)
{
    struct cert_ctx *c = arg;
    json_t *o = json_pack(
        "{s:I,s:s,s:f,s:o,s:o,s:s}", "serial", (json_int_t)ce->serial,
        "track", ce->track, "score", ce->score,
        "issued_at", time_or_null(ce->issued_at),
        "expires_at", time_or_null(ce->expires_at), "status",
        report_cert_status(ce->serial, ce->revoked, ce->expires_at, c->now));
    if (ce->revoked)
        json_object_set_new(o, "revoked_reason",
                            json_string(ce->revoke_reason ? ce->revoke_reason
                                                          : ""));
    json_array_insert_new(c->rows, 0, o);   /* oldest first */
    return 0;
}

int report_person(struct store *st, int64_t now, const char *id,
                  json_t **out, struct lp_err *err)
{
    struct lp_person p;
    *out = NULL;
    int rc = store_person_get(st, id, &p);
    if (rc < 0)
        return store_error(st, err);
    if (rc == 0)
        return lp_errf(err, LP_USAGE, "report person: '%s' is not on the "
                       "roster (see lprsim roster list)", id);
    json_t *doc = json_object();
    json_object_set_new(doc, "person", json_pack(
        "{s:s,s:s,s:s,s:s?,s:s?,s:s?}", "id", p.id, "name", p.name,
        "role", p.role, "login", p.login, "unit", p.unit, "email", p.email));
    json_object_set_new(doc, "printed_at", time_or_null(now));
    json_t *lessons = json_array(), *certs = json_array();
    json_object_set_new(doc, "lessons", lessons);
    struct sess_ctx sc = {.st = st, .rows = json_array()};
    json_object_set_new(doc, "sessions", sc.rows);
    json_object_set_new(doc, "certificates", certs);
    struct cert_ctx cc = {.rows = certs, .now = now};
    if (store_report_lessons(st, id, INT64_MIN, lesson_cb, lessons) ||
        store_report_sessions(st, id, INT64_MIN, sess_cb, &sc) || sc.failed ||
        store_cert_each(st, id, cert_cb, &cc)) {
        json_decref(doc);
        return store_error(st, err);
    }
    *out = doc;
    return 0;
}

int report_parse_days(const char *s, int64_t *secs)
{
    if (!s || !*s)
        return -1;
    size_t n = strlen(s);
    int64_t mult = LPTIME_DAY;
    char num[24];
    char last = s[n - 1];
    if (last == 'd' || last == 'w' || last == 'm') {
        mult = last == 'w' ? 7 * LPTIME_DAY
             : last == 'm' ? 30 * LPTIME_DAY : LPTIME_DAY;
        n--;
    }
    if (n == 0 || n >= sizeof num)
        return -1;
    memcpy(num, s, n);
    num[n] = '\0';
    int64_t v;
    if (lp_parse_i64(num, 0, 36500, &v))
        return -1;
    *secs = v * mult;
    return 0;
}

struct newest {
    int found, revoked;
    int64_t serial, expires;
    char track[32];
};

/* store_cert_each goes newest first: keep the newest not revoked, else
 * the newest. */
static int newest_cb(void *arg, const struct store_cert *c)
{
    struct newest *n = arg;
    if (n->found && !n->revoked)
        return 0;
    if (n->found && c->revoked)
        return 0;
    n->found = 1;
    n->revoked = c->revoked;
    n->serial = c->serial;
    n->expires = c->expires_at;
    snprintf(n->track, sizeof n->track, "%s", c->track);
    return 0;
}

char *report_expiry_line(struct store *st, const char *user, int64_t now,
                         int *urgent)
{
    struct newest n = {0};
    *urgent = 0;
    if (store_cert_each(st, user, newest_cb, &n) < 0) {
        *urgent = -1;
        return NULL;
    }
    if (!n.found)
        return NULL;
    char day[16];
    lptime_format_date(n.expires, day, sizeof day);
    if (n.revoked) {
        *urgent = 1;
        return xasprintf("Certificate %lld revoked: no real LPR system "
                         "access; see your instructor.", (long long)n.serial);
    }
    if (n.expires <= now) {
        *urgent = 1;
        return xasprintf("Certificate expired on %s: pass the refresher "
                         "track to renew it.", day);
    }
    int64_t days = (n.expires - now + LPTIME_DAY - 1) / LPTIME_DAY;
    if (days <= REPORT_EXPIRY_WARN_DAYS) {
        *urgent = 1;
        return xasprintf("Expires %s, in %lld day%s: pass the refresher "
                         "track to renew it.", day, (long long)days,
                         days == 1 ? "" : "s");
    }
    return xasprintf("Certificate valid until %s (%lld days).", day,
                     (long long)days);
}

static int tline_cb(void *arg, const struct store_tline *t)
{
    json_t *rules = json_array();
    for (const char *p = t->rules ? t->rules : ""; *p;) {
        size_t n = strcspn(p, ", ");
        if (n)
            json_array_append_new(rules, json_stringn(p, n));
        p += n;
        while (*p == ',' || *p == ' ')
            p++;
    }
    json_array_append_new(arg, json_pack(
        "{s:I,s:s,s:s?,s:o,s:n}", "seq", (json_int_t)t->seq, "line", t->line,
        "verdict", t->verdict, "rules", rules, "reason"));
    return 0;
}

int report_session_steps(struct store *st, int64_t session_id, json_t **out,
                         struct lp_err *err)
{
    struct store_session s = {0};
    *out = NULL;
    int rc = store_session_get(st, session_id, &s);
    if (rc < 0)
        return store_error(st, err);
    if (rc == 0)
        return lp_errf(err, LP_USAGE, "no session %lld", (long long)session_id);
    json_t *doc = json_pack(
        "{s:I,s:s,s:s,s:s,s:I,s:s}", "session", (json_int_t)s.id, "user",
        s.user_id ? s.user_id : "", "scenario",
        s.scenario_id ? s.scenario_id : "", "mode", s.mode ? s.mode : "",
        "seed", (json_int_t)s.seed, "status", s.status ? s.status : "");
    json_object_set_new(doc, "score", s.passed < 0 ? json_null()
                                                   : json_real(s.score));
    json_object_set_new(doc, "passed", s.passed < 0 ? json_null()
                                                    : json_boolean(s.passed));
    json_t *rep = s.report ? json_loads(s.report, 0, NULL) : NULL;
    json_t *fb = json_object_get(rep, "feedback");
    if (json_is_array(fb)) {
        json_object_set(doc, "steps", fb);
        json_object_set(doc, "objectives", json_object_get(rep,
                                                           "objectives"));
    } else {
        json_t *steps = json_array();
        json_object_set_new(doc, "steps", steps);
        if (store_scn_transcript_each(st, session_id, tline_cb, steps)) {
            json_decref(rep);
            json_decref(doc);
            store_session_clear(&s);
            return store_error(st, err);
        }
    }
    json_decref(rep);
    store_session_clear(&s);
    *out = doc;
    return 0;
}
