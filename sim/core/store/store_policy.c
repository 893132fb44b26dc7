/*
 * store_policy.c - the tables the policy engine and the action layer work
 * on: cases and statutes, plate and area queries over reads, places,
 * hotlists with their ledger and hits, case files, device wipes, the
 * scenario transcript and audit read-back (see store.h).
 */
#include "core/store/store_int.h"

#include <stdlib.h>
#include <string.h>


/* ---- cases and statutes ---- */

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
    sqlite3_stmt *s = store_prepare(
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
    sqlite3_finalize(s);
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

int store_statute_limit(struct store *st, const char *code, int64_t *years)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT limitation_years FROM statutes WHERE code=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, code);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *years = sqlite3_column_type(s, 0) == SQLITE_NULL
                     ? -1 : sqlite3_column_int64(s, 0);
        rc = 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read statute");
    }
    sqlite3_finalize(s);
    return rc;
}

/* ---- reads ---- */

#define READ_COLS "r.id,r.plate,r.state,r.observed_at,r.camera_id,r.lat," \
    "r.lon,r.make,r.model,r.confidence,r.source,r.image_ref,r.vehicle_id," \
    "r.fault,c.owner,coalesce(c.keeps_audit,1),r.on_device,r.evidence_hold"

static void read_fill(sqlite3_stmt *s, struct lp_read_info *ri)
{
    ri->r.id = sqlite3_column_int64(s, 0);
    ri->r.plate = store_col_text(s, 1);
    ri->r.state = store_col_text(s, 2);
    ri->r.observed_at = sqlite3_column_int64(s, 3);
    ri->r.camera_id = store_col_text(s, 4);
    ri->r.lat = sqlite3_column_double(s, 5);
    ri->r.lon = sqlite3_column_double(s, 6);
    ri->r.make = store_col_text(s, 7);
    ri->r.model = store_col_text(s, 8);
    ri->r.confidence = sqlite3_column_double(s, 9);
    ri->r.source = store_col_text(s, 10);
    ri->r.image_ref = store_col_text(s, 11);
    ri->r.vehicle_id = sqlite3_column_int64(s, 12);
    ri->r.fault = sqlite3_column_int(s, 13);
    ri->cam_owner = store_col_text(s, 14);
    ri->keeps_audit = sqlite3_column_int(s, 15);
    ri->on_device = sqlite3_column_int(s, 16);
    ri->evidence_hold = sqlite3_column_int(s, 17);
}

static int reads_run(struct store *st, sqlite3_stmt *s, store_read_info_fn fn,
                     void *arg)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct lp_read_info ri;
        read_fill(s, &ri);
        int r = fn(arg, &ri);
        if (r) {
            sqlite3_finalize(s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "query reads");
    sqlite3_finalize(s);
    return rc;
}

int store_reads_by_plate(struct store *st, const char *plate,
                         const char *state, int64_t from, int64_t to,
                         int limit, store_read_info_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT " READ_COLS " FROM reads r "
            "LEFT JOIN cameras c ON c.id=r.camera_id "
            "WHERE r.plate=?1 AND r.observed_at BETWEEN ?2 AND ?3 "
            "AND (?4 IS NULL OR r.state=?4) "
            "ORDER BY r.observed_at, r.id LIMIT ?5");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, plate);
    sqlite3_bind_int64(s, 2, from);
    sqlite3_bind_int64(s, 3, to);
    store_bind_text(s, 4, state);
    sqlite3_bind_int(s, 5, limit > 0 ? limit : -1);
    return reads_run(st, s, fn, arg);
}

int store_reads_by_glob(struct store *st, const char *pattern,
                        const char *state, int64_t from, int64_t to,
                        int limit, store_read_info_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT " READ_COLS " FROM reads r "
            "LEFT JOIN cameras c ON c.id=r.camera_id "
            "WHERE r.plate GLOB ?1 AND r.observed_at BETWEEN ?2 AND ?3 "
            "AND (?4 IS NULL OR r.state=?4) "
            "ORDER BY r.observed_at, r.id LIMIT ?5");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, pattern);
    sqlite3_bind_int64(s, 2, from);
    sqlite3_bind_int64(s, 3, to);
    store_bind_text(s, 4, state);
    sqlite3_bind_int(s, 5, limit > 0 ? limit : -1);
    return reads_run(st, s, fn, arg);
}

int store_reads_in_box(struct store *st, double lat0, double lat1,
                       double lon0, double lon1, int64_t from, int64_t to,
                       int limit, store_read_info_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT " READ_COLS " FROM reads r "
            "LEFT JOIN cameras c ON c.id=r.camera_id "
            "WHERE r.lat BETWEEN ?1 AND ?2 AND r.lon BETWEEN ?3 AND ?4 "
            "AND r.observed_at BETWEEN ?5 AND ?6 "
            "ORDER BY r.observed_at, r.id LIMIT ?7");
    if (!s)
        return -st->err.status;
    sqlite3_bind_double(s, 1, lat0);
    sqlite3_bind_double(s, 2, lat1);
    sqlite3_bind_double(s, 3, lon0);
    sqlite3_bind_double(s, 4, lon1);
    sqlite3_bind_int64(s, 5, from);
    sqlite3_bind_int64(s, 6, to);
    sqlite3_bind_int(s, 7, limit > 0 ? limit : -1);
    return reads_run(st, s, fn, arg);
}

int store_plate_seen(struct store *st, const char *plate)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT EXISTS(SELECT 1 FROM reads WHERE plate=?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, plate);
    int rc = sqlite3_step(s);
    rc = rc == SQLITE_ROW ? sqlite3_column_int(s, 0)
                          : store_fail(st, "look up plate");
    sqlite3_finalize(s);
    return rc;
}

struct one_read {
    store_read_info_fn fn;
    void *arg;
    int rc;
};

static int one_read_cb(void *arg, const struct lp_read_info *ri)
{
    struct one_read *o = arg;
    o->rc = o->fn(o->arg, ri);
    return 1;   /* stop: found */
}

int store_read_get(struct store *st, int64_t id, store_read_info_fn fn,
                   void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT " READ_COLS " FROM reads r "
            "LEFT JOIN cameras c ON c.id=r.camera_id WHERE r.id=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, id);
    struct one_read o = {fn, arg, 0};
    int rc = reads_run(st, s, one_read_cb, &o);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return 0;
    return o.rc < 0 ? o.rc : 1;
}

int store_camera_wipe(struct store *st, const char *camera_id, int64_t *n)
{
    sqlite3_stmt *s = store_prepare(
        st, "UPDATE reads SET on_device=0 WHERE camera_id=? AND on_device=1 "
            "AND evidence_hold=0");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, camera_id);
    if (sqlite3_step(s) != SQLITE_DONE) {
        sqlite3_finalize(s);
        return store_fail(st, "wipe device");
    }
    sqlite3_finalize(s);
    *n = sqlite3_changes(st->db);
    return 0;
}

int store_places_each(struct store *st, int sensitive_only,
                      store_place_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT id,slug,name,category,lat,lon,radius_m,sensitive "
            "FROM places WHERE ?1=0 OR sensitive=1 ORDER BY id");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int(s, 1, sensitive_only);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct lp_place p = {
            .id = sqlite3_column_int64(s, 0),
            .slug = store_col_text(s, 1),
            .name = store_col_text(s, 2),
            .category = store_col_text(s, 3),
            .lat = sqlite3_column_double(s, 4),
            .lon = sqlite3_column_double(s, 5),
            .radius_m = sqlite3_column_int(s, 6),
            .sensitive = sqlite3_column_int(s, 7),
        };
        int r = fn(arg, &p);
        if (r) {
            sqlite3_finalize(s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "list places");
    sqlite3_finalize(s);
    return rc;
}

/* ---- hotlists ---- */

int store_hotlist_get(struct store *st, const char *name, int create,
                      int64_t at, struct lp_hotlist *h)
{
    memset(h, 0, sizeof *h);
    if (create) {
        sqlite3_stmt *s = store_prepare(
            st, "INSERT OR IGNORE INTO hotlists(name,created_at) "
                "VALUES(?,?)");
        if (!s)
            return -st->err.status;
        store_bind_text(s, 1, name);
        sqlite3_bind_int64(s, 2, at);
        if (store_step_done(st, s, "create hotlist"))
            return -st->err.status;
    }
    sqlite3_stmt *s = store_prepare(
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
    sqlite3_finalize(s);
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
    sqlite3_stmt *s = store_prepare(
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
            sqlite3_finalize(s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "list hotlist");
    sqlite3_finalize(s);
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
    sqlite3_stmt *s = store_prepare(st, "SELECT coalesce(max(id),0) "
                                        "FROM reads");
    if (!s)
        return -st->err.status;
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return store_fail(st, "scan reads");
    }
    int64_t max = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (max <= since_read_id) {
        *max_read_id = max > since_read_id ? max : since_read_id;
        return 0;
    }
    s = store_prepare(
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
    if (store_step_done(st, s, "scan hits"))
        return -st->err.status;
    *added = sqlite3_changes(st->db);
    *max_read_id = max;
    return 0;
}

int store_hits_each(struct store *st, int unseen_only, const char *plate,
                    store_hit_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
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
            sqlite3_finalize(s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "list hits");
    sqlite3_finalize(s);
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
    sqlite3_stmt *s = store_prepare(
        st, "INSERT OR IGNORE INTO case_files(case_number,read_id,"
            "uploaded_by,at) VALUES(?,?,?,?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, case_number);
    sqlite3_bind_int64(s, 2, read_id);
    store_bind_text(s, 3, by);
    sqlite3_bind_int64(s, 4, at);
    if (store_step_done(st, s, "upload to case file"))
        return -st->err.status;
    return sqlite3_changes(st->db) > 0;
}

int store_case_pertains(struct store *st, const char *case_number,
                        const char *plate)
{
    sqlite3_stmt *s = store_prepare(
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
    sqlite3_finalize(s);
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

/* ---- transcript, audit read-back, people ---- */

int store_transcript_add(struct store *st, int64_t session_id, int64_t at,
                         const char *line, const char *verdict,
                         const char *rules, int64_t audit_id, int64_t *seq)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO transcript(session_id,seq,at,line,verdict,rules,"
            "audit_id) VALUES(?1,(SELECT coalesce(max(seq),0)+1 FROM "
            "transcript WHERE session_id=?1),?2,?3,?4,?5,?6) "
            "RETURNING seq");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, session_id);
    sqlite3_bind_int64(s, 2, at);
    store_bind_text(s, 3, line);
    store_bind_text(s, 4, verdict);
    store_bind_text(s, 5, rules);
    if (audit_id > 0)
        sqlite3_bind_int64(s, 6, audit_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        if (seq)
            *seq = sqlite3_column_int64(s, 0);
        rc = sqlite3_step(s) == SQLITE_DONE ? 0
                                            : store_fail(st, "add transcript");
    } else {
        rc = store_fail(st, "add transcript");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_audit_row_get(struct store *st, int64_t id, store_audit_row_fn fn,
                        void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT at,user_id,action,plate,case_number,reason,results,"
            "verdict,rules,profile,manual,coalesce(session_id,0),detail "
            "FROM audit WHERE id=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        struct audit_entry e = {
            .at = sqlite3_column_int64(s, 0),
            .user_id = store_col_text(s, 1),
            .action = store_col_text(s, 2),
            .plate = store_col_text(s, 3),
            .case_number = store_col_text(s, 4),
            .reason = store_col_text(s, 5),
            .results = store_col_text(s, 6),
            .verdict = store_col_text(s, 7),
            .rules = store_col_text(s, 8),
            .profile = store_col_text(s, 9),
            .manual = sqlite3_column_int(s, 10),
            .session_id = sqlite3_column_int64(s, 11),
            .detail = store_col_text(s, 12),
        };
        int r = fn(arg, id, &e);
        rc = r < 0 ? r : 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read audit entry");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_audit_review_times(struct store *st, int64_t *last_review,
                             int64_t *first_entry)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT (SELECT coalesce(max(at),0) FROM audit_reviews),"
            "coalesce((SELECT at FROM audit ORDER BY id LIMIT 1),0)");
    if (!s)
        return -st->err.status;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *last_review = sqlite3_column_int64(s, 0);
        *first_entry = sqlite3_column_int64(s, 1);
        rc = 0;
    } else {
        rc = store_fail(st, "read audit reviews");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_person_set_trained(struct store *st, const char *id, int trained)
{
    sqlite3_stmt *s = store_prepare(
        st, "UPDATE people SET trained=? WHERE id=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int(s, 1, trained != 0);
    store_bind_text(s, 2, id);
    if (store_step_done(st, s, "mark person"))
        return -st->err.status;
    return sqlite3_changes(st->db) > 0;
}
