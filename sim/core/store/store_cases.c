/*
 * store_cases.c - the tables the policy engine and the action layer keep
 * about investigations: cases, hotlists with their ledger and hits, and
 * case files (see store_cases.h).
 */
#include "core/store/store_cases.h"
#include "core/store/store_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- cases ---- */

void store_case_clear(struct lp_case *c)
{
    if (!c)
        return;
    free(c->number);
    free(c->type);
    free(c->violation);
    free(c->status);
    free(c->owner);
    free(c->title);
    free(c->target);
    memset(c, 0, sizeof *c);
}

int store_case_add(struct store *st, const struct lp_case *c)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO cases(number,type,violation,limitation_years,"
            "status,opened_at,owner,title,target) "
            "VALUES(?,?,?,?,'open',?,?,?,?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, c->number);
    store_bind_text(s, 2, c->type);
    store_bind_text(s, 3, c->violation);
    if (c->limitation_years >= 0)
        sqlite3_bind_int64(s, 4, c->limitation_years);
    sqlite3_bind_int64(s, 5, c->opened_at);
    store_bind_text(s, 6, c->owner);
    store_bind_text(s, 7, c->title);
    store_bind_text(s, 8, c->target);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE)
        rc = 0;
    else if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT)
        rc = lp_errf(&st->err, LP_USAGE, "case '%s' is already in the "
                     "registry", c->number);
    else
        rc = store_fail(st, "add case");
    sqlite3_finalize(s);
    return rc;
}

#define CASE_COLS "number,type,violation,limitation_years,status,opened_at," \
                  "closed_at,owner,title,target"

static void case_fill(sqlite3_stmt *s, struct lp_case *c)
{
    c->number = store_col_dup(s, 0);
    c->type = store_col_dup(s, 1);
    c->violation = store_col_dup(s, 2);
    c->limitation_years = sqlite3_column_type(s, 3) == SQLITE_NULL
                              ? -1 : sqlite3_column_int64(s, 3);
    c->status = store_col_dup(s, 4);
    c->opened_at = sqlite3_column_int64(s, 5);
    c->closed_at = sqlite3_column_int64(s, 6);
    c->owner = store_col_dup(s, 7);
    c->title = store_col_dup(s, 8);
    c->target = store_col_dup(s, 9);
}

int store_case_get(struct store *st, const char *number, struct lp_case *c)
{
    memset(c, 0, sizeof *c);
    sqlite3_stmt *s = store_cached(
        st, "SELECT " CASE_COLS " FROM cases WHERE number=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, number);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        case_fill(s, c);
        rc = 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read case");
    }
    store_release(st, s);
    return rc;
}

int store_case_close(struct store *st, const char *number, int64_t at)
{
    sqlite3_stmt *s = store_prepare(
        st, "UPDATE cases SET status='closed', closed_at=? "
            "WHERE number=? AND status='open'");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, at);
    store_bind_text(s, 2, number);
    if (sqlite3_step(s) != SQLITE_DONE) {
        sqlite3_finalize(s);
        return store_fail(st, "close case");
    }
    sqlite3_finalize(s);
    return sqlite3_changes(st->db) > 0;
}

int store_cases_each(struct store *st, store_case_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT " CASE_COLS " FROM cases ORDER BY number");
    if (!s)
        return -st->err.status;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct lp_case c;
        case_fill(s, &c);
        int r = fn(arg, &c);
        store_case_clear(&c);
        if (r) {
            sqlite3_finalize(s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "list cases");
    sqlite3_finalize(s);
    return rc;
}

/* ---- hotlists ---- */

int store_hotlist_get(struct store *st, const char *name, int create,
                      int64_t at, struct lp_hotlist *h)
{
    memset(h, 0, sizeof *h);
    if (create) {
        sqlite3_stmt *s = store_cached(
            st, "INSERT OR IGNORE INTO hotlists(name,created_at) "
                "VALUES(?,?)");
        if (!s)
            return -st->err.status;
        store_bind_text(s, 1, name);
        sqlite3_bind_int64(s, 2, at);
        if (store_step_release(st, s, "create hotlist"))
            return -st->err.status;
    }
    sqlite3_stmt *s = store_cached(
        st, "SELECT id,created_at,coalesce(last_review_at,0) FROM hotlists "
            "WHERE name=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, name);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        h->id = sqlite3_column_int64(s, 0);
        h->created_at = sqlite3_column_int64(s, 1);
        h->last_review_at = sqlite3_column_int64(s, 2);
        rc = 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read hotlist");
    }
    store_release(st, s);
    return rc;
}

int store_hotlist_reviewed(struct store *st, int64_t id, int64_t at)
{
    sqlite3_stmt *s = store_prepare(
        st, "UPDATE hotlists SET last_review_at=? WHERE id=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, at);
    sqlite3_bind_int64(s, 2, id);
    return store_step_done(st, s, "review hotlist");
}

int store_hotlist_entries_each(struct store *st, int64_t hotlist_id,
                               int active_only, const char *plate,
                               store_hotlist_entry_fn fn, void *arg)
{
    sqlite3_stmt *s = store_cached(
        st, "SELECT e.id,e.hotlist_id,e.plate,e.state,e.case_number,"
            "e.tracking,e.note,e.added_by,e.added_at,"
            "coalesce(e.reviewed_at,0),coalesce(e.removed_at,0),"
            "c.status,coalesce(c.closed_at,0) "
            "FROM hotlist_entries e LEFT JOIN cases c "
            "ON c.number=e.case_number WHERE e.hotlist_id=?1 "
            "AND (?2=0 OR e.removed_at IS NULL) "
            "AND (?3 IS NULL OR e.plate=?3) ORDER BY e.id");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, hotlist_id);
    sqlite3_bind_int(s, 2, active_only);
    store_bind_text(s, 3, plate);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct lp_hotlist_entry e = {
            .id = sqlite3_column_int64(s, 0),
            .hotlist_id = sqlite3_column_int64(s, 1),
            .plate = store_col_text(s, 2),
            .state = store_col_text(s, 3),
            .case_number = store_col_text(s, 4),
            .tracking = store_col_text(s, 5),
            .note = store_col_text(s, 6),
            .added_by = store_col_text(s, 7),
            .added_at = sqlite3_column_int64(s, 8),
            .reviewed_at = sqlite3_column_int64(s, 9),
            .removed_at = sqlite3_column_int64(s, 10),
            .case_status = store_col_text(s, 11),
            .case_closed_at = sqlite3_column_int64(s, 12),
        };
        if (e.tracking && !*e.tracking)
            e.tracking = NULL;
        int r = fn(arg, &e);
        if (r) {
            store_release(st, s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "list hotlist");
    store_release(st, s);
    return rc;
}

int store_hotlist_entry_add(struct store *st,
                            const struct lp_hotlist_entry *e, int64_t *id)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO hotlist_entries(hotlist_id,plate,state,case_number,"
            "tracking,note,added_by,added_at) VALUES(?,?,?,?,?,?,?,?)");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, e->hotlist_id);
    store_bind_text(s, 2, e->plate);
    store_bind_text(s, 3, e->state);
    store_bind_text(s, 4, e->case_number);
    /* "any associated" tracking number: "" when there is none */
    store_bind_text(s, 5, e->tracking ? e->tracking : "");
    store_bind_text(s, 6, e->note);
    store_bind_text(s, 7, e->added_by);
    sqlite3_bind_int64(s, 8, e->added_at);
    int rc = store_step_done(st, s, "add hotlist entry");
    if (!rc && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_hotlist_entry_remove(struct store *st, int64_t id, const char *by,
                               int64_t at, const char *reason)
{
    sqlite3_stmt *s = store_prepare(
        st, "UPDATE hotlist_entries SET removed_at=?,removed_by=?,"
            "removed_reason=? WHERE id=? AND removed_at IS NULL");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, at);
    store_bind_text(s, 2, by);
    store_bind_text(s, 3, reason);
    sqlite3_bind_int64(s, 4, id);
    return store_step_done(st, s, "remove hotlist entry");
}

int store_hotlist_entry_reviewed(struct store *st, int64_t id, int64_t at)
{
    sqlite3_stmt *s = store_prepare(
        st, "UPDATE hotlist_entries SET reviewed_at=? WHERE id=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, at);
    sqlite3_bind_int64(s, 2, id);
    return store_step_done(st, s, "review hotlist entry");
}

int store_ledger_add(struct store *st, const struct lp_ledger *l)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO hotlist_ledger(hotlist_id,event,plate,state,"
            "case_number,tracking,by_user,at,keep_until,detail) "
            "VALUES(?,?,?,?,?,?,?,?,?,?)");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, l->hotlist_id);
    store_bind_text(s, 2, l->event);
    store_bind_text(s, 3, l->plate);
    store_bind_text(s, 4, l->state);
    store_bind_text(s, 5, l->case_number);
    store_bind_text(s, 6, l->tracking);
    store_bind_text(s, 7, l->by_user);
    sqlite3_bind_int64(s, 8, l->at);
    sqlite3_bind_int64(s, 9, l->keep_until);
    store_bind_text(s, 10, l->detail);
    return store_step_done(st, s, "add ledger row");
}

int store_ledger_each(struct store *st, store_ledger_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT id,hotlist_id,event,plate,state,case_number,tracking,"
            "by_user,at,keep_until,detail FROM hotlist_ledger ORDER BY id");
    if (!s)
        return -st->err.status;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct lp_ledger l = {
            .id = sqlite3_column_int64(s, 0),
            .hotlist_id = sqlite3_column_int64(s, 1),
            .event = store_col_text(s, 2),
            .plate = store_col_text(s, 3),
            .state = store_col_text(s, 4),
            .case_number = store_col_text(s, 5),
            .tracking = store_col_text(s, 6),
            .by_user = store_col_text(s, 7),
            .at = sqlite3_column_int64(s, 8),
            .keep_until = sqlite3_column_int64(s, 9),
            .detail = store_col_text(s, 10),
        };
        int r = fn(arg, &l);
        if (r) {
            sqlite3_finalize(s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "list ledger");
    sqlite3_finalize(s);
    return rc;
}

/* ---- hits ---- */

int store_hits_scan(struct store *st, int64_t since_read_id, int64_t at,
                    int64_t *added, int64_t *max_read_id)
{
    *added = 0;
    *max_read_id = since_read_id;
    sqlite3_stmt *s = store_cached(st, "SELECT coalesce(max(id),0) "
                                        "FROM reads");
    if (!s)
        return -st->err.status;
    if (sqlite3_step(s) != SQLITE_ROW) {
        store_release(st, s);
        return store_fail(st, "scan reads");
    }
    int64_t max = sqlite3_column_int64(s, 0);
    store_release(st, s);
    if (max <= since_read_id) {
        *max_read_id = max > since_read_id ? max : since_read_id;
        return 0;
    }
    s = store_cached(
        st, "INSERT INTO hits(entry_id,read_id,at) "
            "SELECT e.id,r.id,?1 FROM hotlist_entries e "
            "JOIN reads r ON r.plate=e.plate AND r.observed_at>=e.added_at "
            /* IV.K.1: a closed case's plate raises no alert */
            "JOIN cases c ON c.number=e.case_number AND c.status='open' "
            "WHERE e.removed_at IS NULL AND r.id>?2 "
            "AND (e.state IS NULL OR e.state=r.state) "
            "AND NOT EXISTS(SELECT 1 FROM hits h WHERE h.entry_id=e.id "
            "AND h.read_id=r.id) ORDER BY r.id");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, at);
    sqlite3_bind_int64(s, 2, since_read_id);
    if (store_step_release(st, s, "scan hits"))
        return -st->err.status;
    *added = sqlite3_changes(st->db);
    *max_read_id = max;
    return 0;
}

int store_hits_each(struct store *st, int unseen_only, const char *plate,
                    store_hit_fn fn, void *arg)
{
    sqlite3_stmt *s = store_cached(
        st, "SELECT h.id,h.entry_id,h.read_id,h.at,h.seen,e.plate,"
            "e.case_number,e.tracking,r.camera_id,r.observed_at "
            "FROM hits h JOIN hotlist_entries e ON e.id=h.entry_id "
            "JOIN reads r ON r.id=h.read_id "
            "JOIN cases c ON c.number=e.case_number AND c.status='open' "
            "WHERE (?1=0 OR h.seen=0) AND (?2 IS NULL OR e.plate=?2) "
            "ORDER BY h.id");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int(s, 1, unseen_only);
    store_bind_text(s, 2, plate);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct lp_hit h = {
            .id = sqlite3_column_int64(s, 0),
            .entry_id = sqlite3_column_int64(s, 1),
            .read_id = sqlite3_column_int64(s, 2),
            .at = sqlite3_column_int64(s, 3),
            .seen = sqlite3_column_int(s, 4),
            .plate = store_col_text(s, 5),
            .case_number = store_col_text(s, 6),
            .tracking = store_col_text(s, 7),
            .camera_id = store_col_text(s, 8),
            .observed_at = sqlite3_column_int64(s, 9),
        };
        int r = fn(arg, &h);
        if (r) {
            store_release(st, s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "list hits");
    store_release(st, s);
    return rc;
}

int store_hits_mark_seen(struct store *st)
{
    return store_exec(st, "UPDATE hits SET seen=1 WHERE seen=0");
}

/* ---- case files ---- */

int store_case_file_add(struct store *st, const char *case_number,
                        int64_t read_id, const char *by, int64_t at)
{
    sqlite3_stmt *s = store_cached(
        st, "INSERT OR IGNORE INTO case_files(case_number,read_id,"
            "uploaded_by,at) VALUES(?,?,?,?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, case_number);
    sqlite3_bind_int64(s, 2, read_id);
    store_bind_text(s, 3, by);
    sqlite3_bind_int64(s, 4, at);
    if (store_step_release(st, s, "upload to case file"))
        return -st->err.status;
    return sqlite3_changes(st->db) > 0;
}

int store_case_pertains(struct store *st, const char *case_number,
                        const char *plate)
{
    sqlite3_stmt *s = store_cached(
        st, "SELECT EXISTS(SELECT 1 FROM cases WHERE number=?1 AND target=?2)"
            " OR EXISTS(SELECT 1 FROM hotlist_entries WHERE case_number=?1 "
            "AND plate=?2) OR EXISTS(SELECT 1 FROM audit WHERE "
            "case_number=?1 AND plate=?2 AND action IN('query','analyze') "
            "AND verdict<>'deny')");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, case_number);
    store_bind_text(s, 2, plate);
    int rc = sqlite3_step(s);
    rc = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) != 0
                          : store_fail(st, "check case target");
    store_release(st, s);
    return rc;
}

int64_t store_case_files_count(struct store *st, const char *case_number)
{
    int64_t n = -1;
    sqlite3_stmt *s = store_prepare(
        st, "SELECT count(*) FROM case_files WHERE case_number=?");
    if (!s)
        return -1;
    store_bind_text(s, 1, case_number);
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    else
        store_fail(st, "count case files");
    sqlite3_finalize(s);
    return n;
}
