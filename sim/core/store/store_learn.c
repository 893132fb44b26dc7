/*
 * store_learn.c - the records the assessment needs (see the "assessment"
 * part of store.h): when a person first read a lesson to its end, a
 * knowledge check in progress (so it survives quit and crash), and the
 * certificate requests instructors see in 'cert requests'.
 */
#include "core/store/store_int.h"
#include "core/store/store_people.h"

#include <stdlib.h>
#include <string.h>

int store_lesson_read_mark(struct store *st, const char *user,
                           const char *lesson, int64_t at)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT OR IGNORE INTO lesson_reads(user_id,lesson,at) "
            "VALUES(?,?,?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, user);
    store_bind_text(s, 2, lesson);
    sqlite3_bind_int64(s, 3, at);
    return store_step_done(st, s, "record lesson read");
}

int store_lesson_read_get(struct store *st, const char *user,
                          const char *lesson, int64_t *at)
{
    *at = 0;
    sqlite3_stmt *s = store_prepare(
        st, "SELECT at FROM lesson_reads WHERE user_id=? AND lesson=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, user);
    store_bind_text(s, 2, lesson);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *at = sqlite3_column_int64(s, 0);
        rc = 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read lesson reads");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_check_state_set(struct store *st, const char *user,
                          const char *lesson, int64_t seed,
                          const char *answers, int64_t at)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO check_state(user_id,lesson,seed,answers,at) "
            "VALUES(?,?,?,?,?) ON CONFLICT(user_id,lesson) DO UPDATE SET "
            "seed=excluded.seed,answers=excluded.answers,at=excluded.at");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, user);
    store_bind_text(s, 2, lesson);
    sqlite3_bind_int64(s, 3, seed);
    store_bind_text(s, 4, answers);
    sqlite3_bind_int64(s, 5, at);
    return store_step_done(st, s, "save check progress");
}

int store_check_state_get(struct store *st, const char *user,
                          const char *lesson, int64_t *seed, char **answers)
{
    *seed = 0;
    *answers = NULL;
    sqlite3_stmt *s = store_prepare(
        st, "SELECT seed,answers FROM check_state WHERE user_id=? AND "
            "lesson=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, user);
    store_bind_text(s, 2, lesson);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *seed = sqlite3_column_int64(s, 0);
        *answers = store_col_dup(s, 1);
        rc = 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read check progress");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_check_state_clear(struct store *st, const char *user,
                            const char *lesson)
{
    sqlite3_stmt *s = store_prepare(
        st, "DELETE FROM check_state WHERE user_id=? AND lesson=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, user);
    store_bind_text(s, 2, lesson);
    return store_step_done(st, s, "clear check progress");
}

int store_lesson_attempts(struct store *st, const char *user,
                          const char *lesson, int *attempts)
{
    *attempts = 0;
    sqlite3_stmt *s = store_prepare(
        st, "SELECT attempts FROM lesson_progress WHERE user_id=? AND "
            "lesson=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, user);
    store_bind_text(s, 2, lesson);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *attempts = sqlite3_column_int(s, 0);
    rc = (rc == SQLITE_ROW || rc == SQLITE_DONE)
             ? 0 : store_fail(st, "read check attempts");
    sqlite3_finalize(s);
    return rc;
}

int store_cert_request_add(struct store *st, const char *user,
                           const char *track, int64_t at, int64_t *id)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO cert_requests(user_id,track,at) VALUES(?,?,?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, user);
    store_bind_text(s, 2, track);
    sqlite3_bind_int64(s, 3, at);
    int rc = store_step_done(st, s, "record certificate request");
    if (!rc && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_cert_requests_each(struct store *st, const char *user,
                             store_cert_request_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT id,user_id,track,at FROM cert_requests "
            "WHERE ?1 IS NULL OR user_id=?1 ORDER BY id");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, user);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_cert_request r = {
            .id = sqlite3_column_int64(s, 0),
            .user_id = store_col_text(s, 1),
            .track = store_col_text(s, 2),
            .at = sqlite3_column_int64(s, 3),
        };
        int r2 = fn(arg, &r);
        if (r2) {
            sqlite3_finalize(s);
            return r2;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read certificate requests");
    sqlite3_finalize(s);
    return rc;
}
