/*
 * store_report.c - the SQL of the instructor's and coordinator's records
 * (see store_report.h).  The per-rule tables it reads, session_rules and
 * session_misses, are filled by a trigger when a session is finished
 * (migration 2 in store.c).
 */
#include "core/store/store_report.h"

#include <stdlib.h>
#include <string.h>

#include "core/store/store_int.h"

static int walk_end(struct store *st, sqlite3_stmt *s, int rc,
                    const char *what)
{
    if (rc == SQLITE_DONE)
        rc = 0;
    else if (rc == SQLITE_ROW)
        rc = 0;
    else
        rc = store_fail(st, what);
    sqlite3_finalize(s);
    return rc;
}

/* Reports read much of a large file: map it instead of copying pages
 * through read() (per connection; a failure only costs speed). */
static void tune(struct store *st)
{
    sqlite3_exec(st->db, "PRAGMA mmap_size=1073741824;"
                         "PRAGMA cache_size=-65536", NULL, NULL, NULL);
}

int store_report_class(struct store *st, const char *unit, store_class_fn fn,
                       void *arg)
{
    tune(st);
    sqlite3_stmt *s = store_prepare(
        st,
        "WITH ex AS (SELECT user_id, scenario_id, max(score) best,"
        "  max(passed) ok FROM sessions WHERE mode='exam' AND status='done'"
        "  GROUP BY user_id, scenario_id),"
        " exu AS (SELECT user_id, count(*) tried, sum(ok) passed,"
        "  avg(best) score FROM ex GROUP BY user_id),"
        " les AS (SELECT user_id, count(*) n, sum(passed) p"
        "  FROM lesson_progress GROUP BY user_id),"
        " cur AS (SELECT user_id, coalesce(max(serial) FILTER (WHERE NOT"
        "  EXISTS (SELECT 1 FROM revocations r WHERE r.serial=c.serial)),"
        "  max(serial)) serial FROM certificates c GROUP BY user_id)"
        " SELECT p.id, p.name, p.role, p.unit, p.login, p.email,"
        "  coalesce(les.n,0), coalesce(les.p,0), coalesce(exu.tried,0),"
        "  coalesce(exu.passed,0), exu.score, c.serial, c.track,"
        "  c.issued_at, c.expires_at,"
        "  EXISTS (SELECT 1 FROM revocations r WHERE r.serial=c.serial)"
        " FROM people p LEFT JOIN les ON les.user_id=p.id"
        "  LEFT JOIN exu ON exu.user_id=p.id"
        "  LEFT JOIN cur ON cur.user_id=p.id"
        "  LEFT JOIN certificates c ON c.serial=cur.serial"
        " WHERE ?1 IS NULL OR p.unit=?1 ORDER BY p.unit, p.id");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, unit);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_class_row r = {
            .id = store_col_text(s, 0),
            .name = store_col_text(s, 1),
            .role = store_col_text(s, 2),
            .unit = store_col_text(s, 3),
            .login = store_col_text(s, 4),
            .email = store_col_text(s, 5),
            .lessons = sqlite3_column_int64(s, 6),
            .checks_passed = sqlite3_column_int64(s, 7),
            .exam_tried = sqlite3_column_int64(s, 8),
            .exam_passed = sqlite3_column_int64(s, 9),
            .exam_score = sqlite3_column_type(s, 10) == SQLITE_NULL
                              ? -1 : sqlite3_column_double(s, 10),
            .cert_serial = sqlite3_column_int64(s, 11),
            .cert_track = store_col_text(s, 12),
            .cert_issued = sqlite3_column_int64(s, 13),
            .cert_expires = sqlite3_column_int64(s, 14),
            .cert_revoked = sqlite3_column_int(s, 15),
        };
        int r2 = fn(arg, &r);
        if (r2) {
            sqlite3_finalize(s);
            return r2;
        }
    }
    return walk_end(st, s, rc, "report class");
}

static void bind_span(sqlite3_stmt *s, int64_t from, int64_t to)
{
    sqlite3_bind_int64(s, 1, from ? from : INT64_MIN);
    sqlite3_bind_int64(s, 2, to ? to : INT64_MAX);
}

int store_report_rules(struct store *st, const char *unit, int64_t from,
                       int64_t to, store_rule_fn fn, void *arg)
{
    tune(st);
    sqlite3_stmt *s = store_prepare(
        st,
        "SELECT rule, count(*), sum(earned < possible), sum(earned),"
        "  sum(possible) FROM session_rules"
        " WHERE mode='exam' AND finished_at BETWEEN ?1 AND ?2"
        "  AND (?3 IS NULL OR user_id IN"
        "   (SELECT id FROM people WHERE unit=?3))"
        " GROUP BY rule ORDER BY rule");
    if (!s)
        return -st->err.status;
    bind_span(s, from, to);
    store_bind_text(s, 3, unit);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_rule_row r = {
            .rule = store_col_text(s, 0),
            .attempts = sqlite3_column_int64(s, 1),
            .failures = sqlite3_column_int64(s, 2),
            .earned = sqlite3_column_double(s, 3),
            .possible = sqlite3_column_double(s, 4),
        };
        int r2 = fn(arg, &r);
        if (r2) {
            sqlite3_finalize(s);
            return r2;
        }
    }
    return walk_end(st, s, rc, "report rules");
}

int store_report_misses(struct store *st, const char *unit, int64_t from,
                        int64_t to, store_miss_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st,
        "SELECT m.rule, m.objective, (SELECT t.text FROM session_misses t"
        "  WHERE t.mode='exam' AND t.rule=m.rule AND t.objective=m.objective"
        "  AND t.text IS NOT NULL LIMIT 1), count(*)"
        " FROM session_misses m"
        " WHERE m.mode='exam' AND m.finished_at BETWEEN ?1 AND ?2"
        "  AND (?3 IS NULL OR m.user_id IN"
        "   (SELECT id FROM people WHERE unit=?3))"
        " GROUP BY m.rule, m.objective"
        " ORDER BY m.rule, count(*) DESC, m.objective");
    if (!s)
        return -st->err.status;
    bind_span(s, from, to);
    store_bind_text(s, 3, unit);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_miss_row r = {
            .rule = store_col_text(s, 0),
            .objective = store_col_text(s, 1),
            .text = store_col_text(s, 2),
            .count = sqlite3_column_int64(s, 3),
        };
        int r2 = fn(arg, &r);
        if (r2) {
            sqlite3_finalize(s);
            return r2;
        }
    }
    return walk_end(st, s, rc, "report misses");
}

int store_report_lessons(struct store *st, const char *user, int64_t since,
                         store_lesson_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st,
        "SELECT user_id, lesson, right_answers, questions, passed, at"
        " FROM lesson_progress WHERE (?1 IS NULL OR user_id=?1) AND at>=?2"
        " ORDER BY at, user_id, lesson");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, user);
    sqlite3_bind_int64(s, 2, since);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_lesson_row r = {
            .user_id = store_col_text(s, 0),
            .lesson = store_col_text(s, 1),
            .right = sqlite3_column_int(s, 2),
            .questions = sqlite3_column_int(s, 3),
            .passed = sqlite3_column_int(s, 4),
            .at = sqlite3_column_int64(s, 5),
        };
        int r2 = fn(arg, &r);
        if (r2) {
            sqlite3_finalize(s);
            return r2;
        }
    }
    return walk_end(st, s, rc, "report lessons");
}

int store_report_session_rules(struct store *st, int64_t session_id,
                               store_rule_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st,
        "SELECT rule, 1, earned < possible, earned, possible"
        " FROM session_rules WHERE session_id=? ORDER BY rule");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, session_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_rule_row r = {
            .rule = store_col_text(s, 0),
            .attempts = sqlite3_column_int64(s, 1),
            .failures = sqlite3_column_int64(s, 2),
            .earned = sqlite3_column_double(s, 3),
            .possible = sqlite3_column_double(s, 4),
        };
        int r2 = fn(arg, &r);
        if (r2) {
            sqlite3_finalize(s);
            return r2;
        }
    }
    return walk_end(st, s, rc, "report session rules");
}

int store_report_sessions(struct store *st, const char *user, int64_t since,
                          store_session_row_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st,
        "SELECT id, seed, started_at, coalesce(finished_at,0), user_id,"
        "  scenario_id, scenario_file, mode, status, coalesce(score,0),"
        "  coalesce(passed,-1),"
        "  (SELECT group_concat(rule, ',') FROM (SELECT rule FROM"
        "   session_rules r WHERE r.session_id=s.id ORDER BY rule))"
        " FROM sessions s WHERE status!='abandoned'"
        "  AND (?1 IS NULL OR user_id=?1)"
        "  AND (started_at>=?2 OR finished_at>=?2) ORDER BY id");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, user);
    sqlite3_bind_int64(s, 2, since);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_session_row r = {
            .id = sqlite3_column_int64(s, 0),
            .seed = sqlite3_column_int64(s, 1),
            .started_at = sqlite3_column_int64(s, 2),
            .finished_at = sqlite3_column_int64(s, 3),
            .user_id = store_col_text(s, 4),
            .scenario_id = store_col_text(s, 5),
            .scenario_file = store_col_text(s, 6),
            .mode = store_col_text(s, 7),
            .status = store_col_text(s, 8),
            .score = sqlite3_column_double(s, 9),
            .passed = sqlite3_column_int(s, 10),
            .rules = store_col_text(s, 11),
        };
        int r2 = fn(arg, &r);
        if (r2) {
            sqlite3_finalize(s);
            return r2;
        }
    }
    return walk_end(st, s, rc, "report sessions");
}

int store_xapi_sent(struct store *st, const char *lrs, const char *id)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT 1 FROM xapi_sent WHERE lrs=? AND id=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, lrs);
    store_bind_text(s, 2, id);
    int rc = sqlite3_step(s);
    rc = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0
                                                  : store_fail(st, "xapi");
    sqlite3_finalize(s);
    return rc;
}

int store_xapi_mark(struct store *st, const char *lrs, const char *const *ids,
                    size_t n, int64_t at)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT OR IGNORE INTO xapi_sent(lrs,id,at) VALUES(?,?,?)");
    if (!s)
        return -st->err.status;
    for (size_t i = 0; i < n; i++) {
        sqlite3_reset(s);
        store_bind_text(s, 1, lrs);
        store_bind_text(s, 2, ids[i]);
        sqlite3_bind_int64(s, 3, at);
        if (sqlite3_step(s) != SQLITE_DONE) {
            int rc = store_fail(st, "record xapi cursor");
            sqlite3_finalize(s);
            return rc;
        }
    }
    sqlite3_finalize(s);
    return 0;
}
