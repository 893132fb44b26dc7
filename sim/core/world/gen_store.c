/*
 * gen_store.c - the generator writing into the store (see gen.h): a new
 * world in one transaction, then reads committed in chunks with the
 * progress kept in the settings, so that a killed run can be resumed to
 * the same final database.
 */
#include "core/world/gen.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store/store_reads.h"
#include "core/store/store_world.h"

#define DEFAULT_CHUNK 200000

static int store_error(struct store *st, struct lp_err *err)
{
    return store_err_copy(st, err);
}

static void digest_text(uint64_t d, char *buf, size_t n)
{
    snprintf(buf, n, "%016" PRIx64, d);
}

int gen_store_world(struct store *st, const struct dataset *ds,
                    const struct gen_world *w, const struct gen_params *p,
                    struct lp_err *err)
{
    char *json = NULL, *prof = NULL;
    char dig[32];
    if (store_begin(st))
        return store_error(st, err);
    for (size_t i = 0; i < ds->n_places; i++) {
        const struct ds_place *q = &ds->places[i];
        struct lp_place pl = {
            .slug = q->id, .name = q->name, .category = q->category,
            .lat = q->lat, .lon = q->lon, .radius_m = q->radius_m,
            .sensitive = q->sensitive,
        };
        if (store_place_add(st, &pl, NULL))
            goto fail;
    }
    for (size_t i = 0; i < ds->n_cameras; i++) {
        const struct ds_camera *q = &ds->cameras[i];
        struct lp_camera c = {
            .id = q->id, .name = q->name, .owner = q->owner,
            .source = q->source, .type = q->type, .lat = q->lat,
            .lon = q->lon, .adjacent = q->adjacent,
        };
        if (store_camera_add(st, &c))
            goto fail;
    }
    for (size_t i = 0; i < ds->n_statutes; i++) {
        const struct ds_statute *q = &ds->statutes[i];
        struct lp_statute s = {q->code, q->citation, q->description,
                               q->limitation_years};
        if (store_statute_add(st, &s))
            goto fail;
    }
    for (size_t i = 0; i < gen_world_vehicle_count(w); i++) {
        struct lp_vehicle v;
        gen_world_vehicle(w, i, &v);
        if (store_vehicle_add(st, &v, NULL))
            goto fail;
    }
    json = gen_params_to_json(p);
    digest_text(gen_world_digest(w), dig, sizeof dig);
    prof = store_meta_get(st, "policy_profile");
    /* The reads batch is marked running in the same transaction: a world
     * without its reads is always an unfinished generation. */
    if (store_meta_set_i64(st, "clock", p->now) ||
        store_meta_set_i64(st, "seed", (int64_t)p->seed) ||
        store_meta_set(st, "params", json) ||
        store_meta_set(st, "world_digest", dig) ||
        (!prof && store_meta_set(st, "policy_profile", "ice-2017")) ||
        store_meta_set(st, "gen_state", "running") ||
        store_meta_set(st, "gen_batch", json) ||
        store_meta_set_i64(st, "gen_next_day", 0) ||
        store_meta_set_i64(st, "gen_done", 0) ||
        store_meta_set_i64(st, "gen_base", 0))
        goto fail;
    free(json);
    free(prof);
    if (store_commit(st))
        return store_error(st, err);
    return 0;
fail:
    free(json);
    free(prof);
    store_error(st, err);
    store_rollback(st);
    return -err->status;
}

int gen_store_world_params(struct store *st, struct gen_params *p,
                           struct lp_err *err)
{
    char *json = store_meta_get(st, "params");
    if (!json) {
        if (store_errmsg(st)[0])
            return store_error(st, err);
        return lp_errf(err, LP_FAIL, "%s holds no world: create one with "
                       "'lprsim init'", store_path(st));
    }
    int rc = gen_params_from_json(json, p, err);
    free(json);
    return rc;
}

int gen_store_unfinished(struct store *st)
{
    char *s = store_meta_get(st, "gen_state");
    if (!s)
        return store_errmsg(st)[0] ? -store_err(st)->status : 0;
    int r = strcmp(s, "running") == 0;
    free(s);
    return r;
}

/* The sink that writes reads into the store and commits in chunks. */
struct db_sink {
    struct store *st;
    int64_t chunk, last_commit;
    gen_progress_fn progress;
    void *arg;
};

static int db_read(void *arg, const struct lp_read *r)
{
    struct db_sink *s = arg;
    return store_read_add(s->st, r, NULL);
}

static int db_day(void *arg, int64_t next_day, int64_t done)
{
    struct db_sink *s = arg;
    if (done - s->last_commit < s->chunk)
        return 0;
    if (store_meta_set_i64(s->st, "gen_next_day", next_day) ||
        store_meta_set_i64(s->st, "gen_done", done) || store_commit(s->st) ||
        store_begin(s->st))
        return -store_err(s->st)->status;
    s->last_commit = done;
    return 0;
}

static void db_progress(void *arg, int64_t done, int64_t total)
{
    struct db_sink *s = arg;
    if (s->progress)
        s->progress(s->arg, done, total);
}

/* Runs the batch p from (first_day, done) with the transaction open and
 * finishes it: state done, batch count, index. */
static int run_batch(struct store *st, struct gen_world *w,
                     const struct gen_params *p, int64_t first_day,
                     int64_t done, int64_t chunk, gen_progress_fn progress,
                     void *arg, struct lp_err *err)
{
    struct db_sink ds = {st, chunk > 0 ? chunk : DEFAULT_CHUNK, done,
                         progress, arg};
    struct gen_sink sink = {db_read, db_day, db_progress, &ds};
    int64_t batches = 0;
    int rc = gen_run(w, p, first_day, done, &sink, err);
    if (rc) {
        if (store_errmsg(st)[0])
            store_error(st, err);
        store_rollback(st);
        return rc < 0 ? rc : -LP_FAIL;
    }
    if (store_meta_get_i64(st, "gen_batches", 0, &batches) ||
        store_meta_set_i64(st, "gen_batches", batches + 1) ||
        store_meta_set(st, "gen_state", "done") ||
        store_meta_set_i64(st, "gen_next_day", gen_day_count(p)) ||
        store_meta_set_i64(st, "gen_done", p->reads) ||
        store_reads_bulk_end(st) || store_commit(st)) {
        store_error(st, err);
        store_rollback(st);
        return -err->status;
    }
    return 0;
}

int gen_store_reads(struct store *st, struct gen_world *w,
                    const struct gen_params *p, int64_t chunk,
                    gen_progress_fn progress, void *arg, struct lp_err *err)
{
    char *json = gen_params_to_json(p);
    int64_t base = store_reads_count(st);
    if (base < 0 || store_begin(st)) {
        free(json);
        return store_error(st, err);
    }
    if (store_meta_set(st, "gen_state", "running") ||
        store_meta_set(st, "gen_batch", json) ||
        store_meta_set_i64(st, "gen_next_day", 0) ||
        store_meta_set_i64(st, "gen_done", 0) ||
        store_meta_set_i64(st, "gen_base", base) ||
        store_reads_bulk_begin(st) || store_commit(st) || store_begin(st)) {
        free(json);
        store_error(st, err);
        store_rollback(st);
        return -err->status;
    }
    free(json);
    return run_batch(st, w, p, 0, 0, chunk, progress, arg, err);
}

int gen_store_resume(struct store *st, const struct dataset *ds,
                     int64_t chunk, gen_progress_fn progress, void *arg,
                     struct gen_params *params, struct lp_err *err)
{
    struct gen_world *w = NULL;
    char *json = NULL, *dig = NULL;
    int64_t next_day = 0, done = 0, base = 0;
    int rc = gen_store_unfinished(st);
    if (rc <= 0)
        return rc < 0 ? store_error(st, err) : 0;
    json = store_meta_get(st, "gen_batch");
    dig = store_meta_get(st, "world_digest");
    if (!json || !dig) {
        rc = lp_errf(err, LP_FAIL, "%s: generator settings are missing "
                     "(gen_batch, world_digest)", store_path(st));
        goto out;
    }
    if ((rc = gen_params_from_json(json, params, err)))
        goto out;
    if (store_meta_get_i64(st, "gen_next_day", 0, &next_day) ||
        store_meta_get_i64(st, "gen_done", 0, &done) ||
        store_meta_get_i64(st, "gen_base", 0, &base)) {
        rc = store_error(st, err);
        goto out;
    }
    int64_t have = store_reads_count(st);
    if (have != base + done) {
        rc = lp_errf(err, LP_FAIL, "%s: holds %lld reads where the "
                     "unfinished generation expects %lld: cannot resume",
                     store_path(st), (long long)have,
                     (long long)(base + done));
        goto out;
    }
    if ((rc = gen_world_new(ds, params, &w, err)))
        goto out;
    char mine[32];
    digest_text(gen_world_digest(w), mine, sizeof mine);
    if (strcmp(mine, dig) != 0) {
        rc = lp_errf(err, LP_FAIL, "%s: the datasets changed since this "
                     "world was made: cannot resume (start over with "
                     "'lprsim init --force')", store_path(st));
        goto out;
    }
    if (store_begin(st)) {
        rc = store_error(st, err);
        goto out;
    }
    rc = run_batch(st, w, params, next_day, done, chunk, progress, arg, err);
    if (!rc)
        rc = 1;
out:
    gen_world_free(w);
    free(json);
    free(dig);
    return rc;
}
