/*
 * store_world.c - the world tables the generator and the CSV import fill:
 * places, cameras, vehicles, statutes (see store_world.h).
 */
#include "core/store/store_world.h"
#include "core/store/store_int.h"

#include <stdlib.h>

int store_statute_add(struct store *st, const struct lp_statute *s)
{
    sqlite3_stmt *q = store_prepare(
        st, "INSERT INTO statutes(code,citation,description,"
            "limitation_years) VALUES(?,?,?,?)");
    if (!q)
        return -st->err.status;
    store_bind_text(q, 1, s->code);
    store_bind_text(q, 2, s->citation);
    store_bind_text(q, 3, s->description);
    if (s->limitation_years > 0)
        sqlite3_bind_int(q, 4, s->limitation_years);
    int rc = sqlite3_step(q) == SQLITE_DONE ? 0
                                            : store_fail(st, "add statute");
    sqlite3_finalize(q);
    return rc;
}

int store_place_add(struct store *st, const struct lp_place *p, int64_t *id)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO places(slug,name,category,lat,lon,radius_m,"
            "sensitive) VALUES(?,?,?,?,?,?,?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, p->slug);
    store_bind_text(s, 2, p->name);
    store_bind_text(s, 3, p->category);
    sqlite3_bind_double(s, 4, p->lat);
    sqlite3_bind_double(s, 5, p->lon);
    sqlite3_bind_int(s, 6, p->radius_m);
    sqlite3_bind_int(s, 7, p->sensitive);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : store_fail(st, "add place");
    if (!rc && id)
        *id = sqlite3_last_insert_rowid(st->db);
    sqlite3_finalize(s);
    return rc;
}

int store_camera_add(struct store *st, const struct lp_camera *c)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO cameras(id,name,owner,source,type,lat,lon,adjacent)"
            " VALUES(?,?,?,?,?,?,?,?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, c->id);
    store_bind_text(s, 2, c->name);
    store_bind_text(s, 3, c->owner);
    store_bind_text(s, 4, c->source);
    store_bind_text(s, 5, c->type);
    sqlite3_bind_double(s, 6, c->lat);
    sqlite3_bind_double(s, 7, c->lon);
    store_bind_text(s, 8, c->adjacent && *c->adjacent ? c->adjacent : NULL);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : store_fail(st, "add camera");
    sqlite3_finalize(s);
    return rc;
}

int store_camera_get(struct store *st, const char *id, struct lp_camera *c)
{
    sqlite3_stmt *s = store_cached(
        st, "SELECT id,name,owner,source,type,lat,lon,adjacent "
            "FROM cameras WHERE id=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        for (int i = 0; i < 7; i++) {
            free(st->cam_strs[i]);
            st->cam_strs[i] = store_col_dup(s, i < 5 ? i : 7);
        }
        c->id = st->cam_strs[0];
        c->name = st->cam_strs[1];
        c->owner = st->cam_strs[2];
        c->source = st->cam_strs[3];
        c->type = st->cam_strs[4];
        c->adjacent = st->cam_strs[6];
        c->lat = sqlite3_column_double(s, 5);
        c->lon = sqlite3_column_double(s, 6);
        rc = 1;
    } else if (rc == SQLITE_DONE) {
        rc = 0;
    } else {
        rc = store_fail(st, "read camera");
    }
    store_release(st, s);
    return rc;
}

int store_vehicle_add(struct store *st, const struct lp_vehicle *v,
                      int64_t *id)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO vehicles(plate,state,make,model,color,home_place,"
            "work_place) VALUES(?,?,?,?,?,?,?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, v->plate);
    store_bind_text(s, 2, v->state);
    store_bind_text(s, 3, v->make);
    store_bind_text(s, 4, v->model);
    store_bind_text(s, 5, v->color);
    if (v->home_place)
        sqlite3_bind_int64(s, 6, v->home_place);
    if (v->work_place)
        sqlite3_bind_int64(s, 7, v->work_place);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : store_fail(st, "add vehicle");
    if (!rc && id)
        *id = sqlite3_last_insert_rowid(st->db);
    sqlite3_finalize(s);
    return rc;
}

int store_places_each(struct store *st, int sensitive_only,
                      store_place_fn fn, void *arg)
{
    sqlite3_stmt *s = store_cached(
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
            store_release(st, s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "list places");
    store_release(st, s);
    return rc;
}

int store_statute_limit(struct store *st, const char *code, int64_t *years)
{
    sqlite3_stmt *s = store_cached(
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
    store_release(st, s);
    return rc;
}
