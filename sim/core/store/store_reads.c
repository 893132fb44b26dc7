/*
 * store_reads.c - the reads table: bulk loading with a deferred
 * (plate, time) index, counting and iteration (see store.h).
 */
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
