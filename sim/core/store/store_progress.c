/*
 * store_progress.c - what the trainee application shows on its dashboard:
 * knowledge-check results per lesson, scenario attempts and best scores
 * (from the sessions table).
 */
#include "core/store/store_people.h"
#include "core/store/store_int.h"

#include <stdio.h>
#include <string.h>

int store_lesson_result_set(struct store *st, const char *user,
                            const char *lesson,
                            const struct lp_lesson_result *r)
{
    int rc = 0;
    sqlite3_stmt *s = NULL;
    if (store_begin(st))
        return -st->err.status;
    s = store_prepare(
        st, "INSERT INTO lesson_progress(user_id,lesson,right_answers,"
            "questions,passed,at,attempts) VALUES(?,?,?,?,?,?,1) "
            "ON CONFLICT(user_id,lesson) DO UPDATE SET "
            "attempts=lesson_progress.attempts+1,"
            "right_answers=excluded.right_answers,"
            "questions=excluded.questions,passed=excluded.passed,"
            "at=excluded.at WHERE lesson_progress.passed=0 "
            "OR excluded.passed=1");
    if (!s) {
        rc = -st->err.status;
        goto out;
    }
    store_bind_text(s, 1, user);
    store_bind_text(s, 2, lesson);
    sqlite3_bind_int(s, 3, r->right);
    sqlite3_bind_int(s, 4, r->questions);
    sqlite3_bind_int(s, 5, r->passed ? 1 : 0);
    sqlite3_bind_int64(s, 6, r->at);
    if (sqlite3_step(s) != SQLITE_DONE) {
        rc = store_fail(st, "record lesson result");
        goto out;
    }
    sqlite3_finalize(s);
    s = NULL;
    rc = store_commit(st);
out:
    sqlite3_finalize(s);
    if (rc)
        store_rollback(st);
    return rc;
}

int store_lesson_result_get(struct store *st, const char *user,
                            const char *lesson, struct lp_lesson_result *r)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT right_answers,questions,passed,at FROM lesson_progress "
            "WHERE user_id=? AND lesson=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, user);
    store_bind_text(s, 2, lesson);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        r->right = sqlite3_column_int(s, 0);
        r->questions = sqlite3_column_int(s, 1);
        r->passed = sqlite3_column_int(s, 2);
        r->at = sqlite3_column_int64(s, 3);
        rc = 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read lesson result");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_scenario_progress(struct store *st, const char *user,
                            const char *file, const char *mode,
                            struct lp_scenario_progress *p)
{
    return store_exam_progress(st, user, file, mode, NULL, p);
}

int store_exam_progress(struct store *st, const char *user, const char *file,
                        const char *mode, const char *track,
                        struct lp_scenario_progress *p)
{
    memset(p, 0, sizeof *p);
    p->best = -1;
    /* scenario_file may hold a path: match the name after the last '/' */
    sqlite3_stmt *s = store_prepare(
        st, "SELECT count(*) FILTER (WHERE status='done'),"
            " max(score) FILTER (WHERE status='done'),"
            " max(passed) FILTER (WHERE status='done'),"
            " max(id) FILTER (WHERE status='active')"
            " FROM sessions WHERE user_id=?1 AND (scenario_file=?2"
            " OR scenario_file LIKE '%/' || ?2 OR scenario_id=?3)"
            " AND (?4 IS NULL OR mode=?4) AND (?5 IS NULL OR track=?5)");
    if (!s)
        return -st->err.status;
    char stem[256];
    snprintf(stem, sizeof stem, "%s", file);
    char *dot = strrchr(stem, '.');
    if (dot && strcmp(dot, ".lua") == 0)
        *dot = '\0';
    store_bind_text(s, 1, user);
    store_bind_text(s, 2, file);
    store_bind_text(s, 3, stem);
    store_bind_text(s, 4, mode);
    store_bind_text(s, 5, track);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        p->attempts = sqlite3_column_int(s, 0);
        if (sqlite3_column_type(s, 1) != SQLITE_NULL)
            p->best = sqlite3_column_double(s, 1);
        p->passed = sqlite3_column_int(s, 2);
        p->active_session = sqlite3_column_int64(s, 3);
        rc = 0;
    } else {
        rc = store_fail(st, "read scenario progress");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_progress_abandon(struct store *st, int64_t session_id)
{
    sqlite3_stmt *s = store_prepare(
        st, "UPDATE sessions SET status='abandoned' WHERE id=? AND "
            "status='active'");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, session_id);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0
                                            : store_fail(st, "set aside session");
    sqlite3_finalize(s);
    return rc;
}
