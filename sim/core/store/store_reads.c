/*
 * store_reads.c - the reads table: bulk loading with a deferred
 * (plate, time) index, counting and iteration, the plate, pattern and area
 * queries, device wipes (see store_reads.h).
 */
#include "core/store/store_reads.h"
#include "core/store/store_int.h"

int store_reads_bulk_begin(struct store *st)
{
    /* Per TRAPS.md: load without the index, build it after. */
    return store_exec(st, "DROP INDEX IF EXISTS reads_plate_time");
}

int store_reads_bulk_end(struct store *st)
{
    sqlite3_finalize(st->read_ins);
    st->read_ins = NULL;
    return store_exec(st, "CREATE INDEX IF NOT EXISTS reads_plate_time "
                          "ON reads(plate, observed_at)");
}

int store_read_add(struct store *st, const struct lp_read *r, int64_t *id)
{
    if (!st->read_ins) {
        st->read_ins = store_prepare(
            st, "INSERT INTO reads(plate,state,observed_at,camera_id,lat,lon,"
                "make,model,confidence,source,image_ref,vehicle_id,fault) "
                "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
        if (!st->read_ins)
            return -st->err.status;
    }
    sqlite3_stmt *s = st->read_ins;
    sqlite3_bind_text(s, 1, r->plate, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, r->state, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, r->observed_at);
    sqlite3_bind_text(s, 4, r->camera_id, -1, SQLITE_STATIC);
    sqlite3_bind_double(s, 5, r->lat);
    sqlite3_bind_double(s, 6, r->lon);
    sqlite3_bind_text(s, 7, r->make, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, r->model, -1, SQLITE_STATIC);
    sqlite3_bind_double(s, 9, r->confidence);
    sqlite3_bind_text(s, 10, r->source, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 11, r->image_ref, -1, SQLITE_STATIC);
    if (r->vehicle_id)
        sqlite3_bind_int64(s, 12, r->vehicle_id);
    else
        sqlite3_bind_null(s, 12);
    sqlite3_bind_int(s, 13, r->fault);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, "add read");
    if (id)
        *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int64_t store_reads_count(struct store *st)
{
    int64_t n = -1;
    sqlite3_stmt *s = store_prepare(st, "SELECT count(*) FROM reads");
    if (!s)
        return -1;
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    else
        store_fail(st, "count reads");
    sqlite3_finalize(s);
    return n;
}

int store_reads_each(struct store *st, store_read_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT id,plate,state,observed_at,camera_id,lat,lon,make,model,"
            "confidence,source,image_ref,vehicle_id,fault FROM reads "
            "ORDER BY id");
    if (!s)
        return -st->err.status;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct lp_read r = {
            .id = sqlite3_column_int64(s, 0),
            .plate = store_col_text(s, 1),
            .state = store_col_text(s, 2),
            .observed_at = sqlite3_column_int64(s, 3),
            .camera_id = store_col_text(s, 4),
            .lat = sqlite3_column_double(s, 5),
            .lon = sqlite3_column_double(s, 6),
            .make = store_col_text(s, 7),
            .model = store_col_text(s, 8),
            .confidence = sqlite3_column_double(s, 9),
            .source = store_col_text(s, 10),
            .image_ref = store_col_text(s, 11),
            .vehicle_id = sqlite3_column_int64(s, 12),
            .fault = sqlite3_column_int(s, 13),
        };
        int r2 = fn(arg, &r);
        if (r2) {
            sqlite3_finalize(s);
            return r2;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read reads");
    sqlite3_finalize(s);
    return rc;
}

/* ---- queries of the action layer ---- */

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
            store_release(st, s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "query reads");
    store_release(st, s);
    return rc;
}

int store_reads_by_plate(struct store *st, const char *plate,
                         const char *state, int64_t from, int64_t to,
                         int limit, store_read_info_fn fn, void *arg)
{
    sqlite3_stmt *s = store_cached(
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
    sqlite3_stmt *s = store_cached(
        st, "SELECT EXISTS(SELECT 1 FROM reads WHERE plate=?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, plate);
    int rc = sqlite3_step(s);
    rc = rc == SQLITE_ROW ? sqlite3_column_int(s, 0)
                          : store_fail(st, "look up plate");
    store_release(st, s);
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
    sqlite3_stmt *s = store_cached(
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
