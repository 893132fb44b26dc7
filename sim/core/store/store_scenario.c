/*
 * store_scenario.c - scenario sessions, transcripts, the world setup of a
 * scenario sandbox and the final-state reads used for scoring (see
 * store_scenario.h).
 */
#include "core/store/store_scenario.h"
#include "core/store/store_int.h"

#include <stdlib.h>
#include <string.h>

void store_session_clear(struct store_session *s)
{
    if (!s)
        return;
    free(s->user_id);
    free(s->scenario_id);
    free(s->scenario_file);
    free(s->scenario_hash);
    free(s->mode);
    free(s->status);
    free(s->report);
    free(s->sandbox);
    free(s->track);
    memset(s, 0, sizeof *s);
}

int store_session_add(struct store *st, const struct store_session *ss,
                      int64_t *id)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO sessions(id,user_id,scenario_id,scenario_file,"
            "scenario_hash,seed,mode,status,started_at,sandbox,track,deadline) "
            "VALUES(?,?,?,?,?,?,?,'active',?,?,?,?)");
    if (!s)
        return -st->err.status;
    if (ss->id)
        sqlite3_bind_int64(s, 1, ss->id);
    store_bind_text(s, 2, ss->user_id);
    store_bind_text(s, 3, ss->scenario_id);
    store_bind_text(s, 4, ss->scenario_file);
    store_bind_text(s, 5, ss->scenario_hash);
    sqlite3_bind_int64(s, 6, ss->seed);
    store_bind_text(s, 7, ss->mode);
    sqlite3_bind_int64(s, 8, ss->started_at);
    store_bind_text(s, 9, ss->sandbox);
    store_bind_text(s, 10, ss->track);
    if (ss->deadline)
        sqlite3_bind_int64(s, 11, ss->deadline);
    int rc = store_step_done(st, s, "add session");
    if (!rc && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_session_set_sandbox(struct store *st, int64_t id,
                              const char *sandbox)
{
    sqlite3_stmt *s = store_prepare(st, "UPDATE sessions SET sandbox=? "
                                        "WHERE id=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, sandbox);
    sqlite3_bind_int64(s, 2, id);
    return store_step_done(st, s, "update session");
}

#define SESSION_COLS "id,user_id,scenario_id,scenario_file,scenario_hash," \
    "seed,mode,status,started_at,finished_at,score,passed,report,sandbox," \
    "track,deadline"

static void session_fill(sqlite3_stmt *s, struct store_session *o)
{
    o->id = sqlite3_column_int64(s, 0);
    o->user_id = store_col_dup(s, 1);
    o->scenario_id = store_col_dup(s, 2);
    o->scenario_file = store_col_dup(s, 3);
    o->scenario_hash = store_col_dup(s, 4);
    o->seed = sqlite3_column_int64(s, 5);
    o->mode = store_col_dup(s, 6);
    o->status = store_col_dup(s, 7);
    o->started_at = sqlite3_column_int64(s, 8);
    o->finished_at = sqlite3_column_int64(s, 9);
    o->score = sqlite3_column_double(s, 10);
    o->passed = sqlite3_column_type(s, 11) == SQLITE_NULL
                    ? -1 : sqlite3_column_int(s, 11);
    o->report = store_col_dup(s, 12);
    o->sandbox = store_col_dup(s, 13);
    o->track = store_col_dup(s, 14);
    o->deadline = sqlite3_column_int64(s, 15);
}

int store_session_get(struct store *st, int64_t id, struct store_session *o)
{
    memset(o, 0, sizeof *o);
    sqlite3_stmt *s = store_prepare(st, "SELECT " SESSION_COLS
                                        " FROM sessions WHERE id=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        session_fill(s, o);
        rc = 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read session");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_session_delete(struct store *st, int64_t id)
{
    sqlite3_stmt *s = store_prepare(st, "DELETE FROM transcript WHERE "
                                        "session_id=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, id);
    int rc = store_step_done(st, s, "delete session");
    if (rc)
        return rc;
    s = store_prepare(st, "DELETE FROM sessions WHERE id=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, id);
    return store_step_done(st, s, "delete session");
}

int store_session_finish(struct store *st, int64_t id, int64_t at,
                         double score, int passed, const char *report)
{
    sqlite3_stmt *s = store_prepare(
        st, "UPDATE sessions SET status='done',finished_at=?,score=?,"
            "passed=?,report=? WHERE id=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, at);
    sqlite3_bind_double(s, 2, score);
    sqlite3_bind_int(s, 3, passed);
    store_bind_text(s, 4, report);
    sqlite3_bind_int64(s, 5, id);
    return store_step_done(st, s, "finish session");
}

int store_sessions_each(struct store *st, const char *user,
                        const char *scenario_id, const char *status,
                        store_session_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT " SESSION_COLS " FROM sessions WHERE "
            "(?1 IS NULL OR user_id=?1) AND (?2 IS NULL OR scenario_id=?2) "
            "AND (?3 IS NULL OR status=?3) ORDER BY id");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, user);
    store_bind_text(s, 2, scenario_id);
    store_bind_text(s, 3, status);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_session o;
        session_fill(s, &o);
        int r = fn(arg, &o);
        store_session_clear(&o);
        if (r) {
            sqlite3_finalize(s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "list sessions");
    sqlite3_finalize(s);
    return rc;
}

int store_scn_transcript_add(struct store *st, int64_t session_id,
                             const struct store_tline *t, int64_t *seq)
{
    sqlite3_stmt *s = store_cached(
        st, "INSERT INTO transcript(session_id,seq,at,line,verdict,rules,"
            "audit_id) VALUES(?1,CASE WHEN ?2>0 THEN ?2 ELSE (SELECT "
            "coalesce(max(seq),0)+1 FROM transcript WHERE session_id=?1) "
            "END,?3,?4,?5,?6,?7) RETURNING seq");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, session_id);
    sqlite3_bind_int64(s, 2, t->seq);
    sqlite3_bind_int64(s, 3, t->at);
    store_bind_text(s, 4, t->line);
    store_bind_text(s, 5, t->verdict);
    store_bind_text(s, 6, t->rules);
    if (t->audit_id > 0)
        sqlite3_bind_int64(s, 7, t->audit_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        if (seq)
            *seq = sqlite3_column_int64(s, 0);
        rc = sqlite3_step(s) == SQLITE_DONE
                 ? 0 : store_fail(st, "add transcript row");
    } else {
        rc = store_fail(st, "add transcript row");
    }
    store_release(st, s);
    return rc;
}

int store_scn_transcript_each(struct store *st, int64_t session_id,
                              store_tline_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT seq,at,line,verdict,rules,audit_id FROM transcript "
            "WHERE session_id=? ORDER BY seq");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, session_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_tline t = {
            .seq = sqlite3_column_int64(s, 0),
            .at = sqlite3_column_int64(s, 1),
            .line = store_col_text(s, 2), .verdict = store_col_text(s, 3),
            .rules = store_col_text(s, 4),
            .audit_id = sqlite3_column_int64(s, 5),
        };
        int r = fn(arg, &t);
        if (r) {
            sqlite3_finalize(s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read transcript");
    sqlite3_finalize(s);
    return rc;
}

int store_scn_transcript_next(struct store *st, int64_t session_id,
                              int64_t *seq)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT coalesce(max(seq),0)+1 FROM transcript WHERE session_id=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, session_id);
    int rc = 0;
    if (sqlite3_step(s) == SQLITE_ROW)
        *seq = sqlite3_column_int64(s, 0);
    else
        rc = store_fail(st, "read transcript");
    sqlite3_finalize(s);
    return rc;
}

/* Not store_read_add (store_reads.c): that is the generator's bulk insert
 * on one cached statement, always with the next id.  A scenario's reads
 * keep the id the author chose (action lines name them), and a chosen id
 * used twice is the author's usage error, not a store failure. */
int store_scn_read_put(struct store *st, const struct lp_read *r,
                       int64_t want_id, int64_t *id)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO reads(id,plate,state,observed_at,camera_id,lat,lon,"
            "make,model,confidence,source,image_ref,vehicle_id,fault) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!s)
        return -st->err.status;
    if (want_id > 0)
        sqlite3_bind_int64(s, 1, want_id);
    store_bind_text(s, 2, r->plate);
    store_bind_text(s, 3, r->state);
    sqlite3_bind_int64(s, 4, r->observed_at);
    store_bind_text(s, 5, r->camera_id);
    sqlite3_bind_double(s, 6, r->lat);
    sqlite3_bind_double(s, 7, r->lon);
    store_bind_text(s, 8, r->make);
    store_bind_text(s, 9, r->model);
    sqlite3_bind_double(s, 10, r->confidence);
    store_bind_text(s, 11, r->source);
    store_bind_text(s, 12, r->image_ref);
    if (r->vehicle_id)
        sqlite3_bind_int64(s, 13, r->vehicle_id);
    sqlite3_bind_int(s, 14, r->fault);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        rc = 0;
        if (id)
            *id = sqlite3_last_insert_rowid(st->db);
    } else if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT) {
        rc = lp_errf(&st->err, LP_USAGE, "read id %lld is used twice",
                     (long long)want_id);
    } else {
        rc = store_fail(st, "add read");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_scn_camera_audit(struct store *st, const char *camera_id,
                           int keeps_audit)
{
    sqlite3_stmt *s = store_prepare(st, "UPDATE cameras SET keeps_audit=? "
                                        "WHERE id=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int(s, 1, keeps_audit);
    store_bind_text(s, 2, camera_id);
    return store_step_done(st, s, "update camera");
}

int store_scn_hotlist_each(struct store *st, int removed, store_hot_fn fn,
                           void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT h.name,e.plate,e.state,e.case_number,e.tracking,e.note,"
            "e.added_by,e.added_at,e.removed_reason FROM hotlist_entries e "
            "JOIN hotlists h ON h.id=e.hotlist_id WHERE "
            "(e.removed_at IS NULL) = (?1 = 0) ORDER BY e.id");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int(s, 1, removed);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct lp_hotlist_entry e = {
            .plate = store_col_text(s, 1), .state = store_col_text(s, 2),
            .case_number = store_col_text(s, 3),
            .tracking = store_col_text(s, 4),
            .note = store_col_text(s, 5), .added_by = store_col_text(s, 6),
            .added_at = sqlite3_column_int64(s, 7),
        };
        int r = fn(arg, store_col_text(s, 0), &e, store_col_text(s, 8));
        if (r) {
            sqlite3_finalize(s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read hotlists");
    sqlite3_finalize(s);
    return rc;
}
