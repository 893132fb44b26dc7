/*
 * world.c - builds a scenario's sandbox world into a store (see
 * scenario_world_build in scenario.h): the declared cases, hotlists,
 * cameras, reads and audit history, plus seeded background traffic so that
 * queries meet realistic noise.  One transaction; no Lua here.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/action/action.h"
#include "core/audit/audit.h"
#include "core/store/store_cases.h"
#include "core/store/store_people.h"
#include "core/store/store_reads.h"
#include "core/store/store_scenario.h"
#include "core/store/store_world.h"
#include "core/world/clock.h"
#include "core/world/dataset.h"
#include "core/world/gen.h"
#include "script/scenario_int.h"
#include "util/lptime.h"
#include "util/paths.h"

static const struct lp_camera default_cams[] = {
    {"LEA-101", "Route 9 overpass", "partner", "lea", "fixed", 38.6012,
     -97.3301, NULL},
    {"LEA-102", "Harbor bridge east", "partner", "lea", "fixed", 38.5876,
     -97.3652, NULL},
    {"LEA-205", "Patrol unit 205", "partner", "lea", "mobile", 38.6120,
     -97.3420, NULL},
    {"TOLL-7", "Toll plaza 7", "commercial", "toll", "fixed", 38.6301,
     -97.3710, NULL},
    {"PARK-3", "Garage level 3 gate", "commercial", "parking", "fixed",
     38.5950, -97.3250, NULL},
};
#define NCAMS (sizeof default_cams / sizeof default_cams[0])

int world_default_camera(const char *id)
{
    for (size_t i = 0; i < NCAMS; i++)
        if (id && strcmp(default_cams[i].id, id) == 0)
            return 1;
    return 0;
}

static const char *js(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* Plates are stored as the policy engine normalises them: upper case,
 * without spaces and dashes.  buf holds at least 40 bytes. */
static const char *norm_plate(const char *p, char *buf)
{
    size_t k = 0;
    for (; p && *p && k < 39; p++)
        if (*p != ' ' && *p != '-')
            buf[k++] = (char)toupper((unsigned char)*p);
    buf[k] = '\0';
    return p ? buf : NULL;
}

static int64_t jt(const json_t *o, const char *k, int64_t dflt)
{
    int64_t t;
    const char *s = js(o, k);
    return s && lptime_parse(s, &t) == 0 ? t : dflt;
}

static double jn(const json_t *o, const char *k, double dflt)
{
    json_t *v = json_object_get(o, k);
    return json_is_number(v) ? json_number_value(v) : dflt;
}

static int jb(const json_t *o, const char *k, int dflt)
{
    json_t *v = json_object_get(o, k);
    return json_is_boolean(v) ? json_is_true(v) : dflt;
}

static int sink_read(void *arg, const struct lp_read *r)
{
    return store_read_add(arg, r, NULL) ? 1 : 0;
}

/* The metro area of the datasets (places, cameras, statutes) and the
 * background traffic from the generator (core/world/gen.h): world.vehicles
 * vehicles with world.reads_per_vehicle reads each over world.days. */
static int background(struct store *st, const struct scenario *sc,
                      const struct dataset *ds, struct lp_err *err)
{
    const json_t *w = json_object_get(sc->doc, "world");
    int64_t nveh = json_integer_value(json_object_get(w, "vehicles"));
    if (nveh <= 0)
        return 0;
    json_t *dj = json_object_get(w, "days");
    json_t *rj = json_object_get(w, "reads_per_vehicle");
    const json_t *fz = json_object_get(w, "faults");
    struct gen_params p;
    gen_params_default(&p);
    p.seed = (uint64_t)json_integer_value(json_object_get(w, "seed")) *
                 0x100000001B3ull ^ (uint64_t)sc->seed;
    p.read_seed = p.seed + 1;
    p.vehicles = nveh;
    p.days = dj ? json_integer_value(dj) : 90;
    p.reads = nveh * (rj ? json_integer_value(rj) : 3);
    p.now = sc->now;
    p.fault_ocr = jn(fz, "ocr", p.fault_ocr);
    p.fault_partial = jn(fz, "partial", p.fault_partial);
    p.fault_state = jn(fz, "state", p.fault_state);
    p.fault_dup = jn(fz, "dup", p.fault_dup);
    if (p.reads <= 0)
        return 0;
    struct gen_world *gw = NULL;
    int rc = gen_params_check(&p, err);
    if (!rc)
        rc = gen_world_new(ds, &p, &gw, err);
    for (size_t i = 0; !rc && i < gen_world_vehicle_count(gw); i++) {
        struct lp_vehicle v;
        gen_world_vehicle(gw, i, &v);
        if (store_vehicle_add(st, &v, NULL)) {
            rc = store_err_copy(st, err);
        }
    }
    struct gen_sink sink = {.read = sink_read, .arg = st};
    if (!rc && (rc = gen_run(gw, &p, 0, 0, &sink, err)) > 0) {
        rc = store_err_copy(st, err);
    }
    gen_world_free(gw);
    if (rc) {
        char m[sizeof err->msg];
        snprintf(m, sizeof m, "%s", err->msg);
        lp_errf(err, err->status ? err->status : LP_FAIL, "%s: world: %s",
                sc->path, m);
    }
    return rc;
}

/* Places, cameras and statutes of the datasets, in dataset order (the
 * generator's vehicles refer to places by that order). */
static int metro(struct store *st, const struct dataset *ds)
{
    for (size_t i = 0; i < ds->n_places; i++) {
        const struct ds_place *q = &ds->places[i];
        struct lp_place pl = {.slug = q->id, .name = q->name,
                              .category = q->category, .lat = q->lat,
                              .lon = q->lon, .radius_m = q->radius_m,
                              .sensitive = q->sensitive};
        if (store_place_add(st, &pl, NULL))
            return -1;
    }
    for (size_t i = 0; i < ds->n_cameras; i++) {
        const struct ds_camera *q = &ds->cameras[i];
        struct lp_camera c = {q->id, q->name, q->owner, q->source, q->type,
                              q->lat, q->lon, q->adjacent};
        if (store_camera_add(st, &c))
            return -1;
    }
    for (size_t i = 0; i < ds->n_statutes; i++) {
        const struct ds_statute *q = &ds->statutes[i];
        struct lp_statute s = {q->code, q->citation, q->description,
                               q->limitation_years};
        if (store_statute_add(st, &s))
            return -1;
    }
    return 0;
}

static int fault_code(const char *s)
{
    if (!s)
        return FAULT_NONE;
    if (strcmp(s, "ocr") == 0)
        return FAULT_OCR;
    if (strcmp(s, "partial") == 0)
        return FAULT_PARTIAL;
    if (strcmp(s, "state") == 0)
        return FAULT_STATE;
    if (strcmp(s, "dup") == 0)
        return FAULT_DUP;
    return FAULT_NONE;
}

/* Runs the scenario's setup actions (sim.act / setup_actions) through
 * the action layer, each as its person at its time, in the order given.
 * A refusal is the engine's verdict and stays in the audit log; an action
 * the engine cannot run (bad options, unknown person) is an error of the
 * scenario, named by its source line. */
static int setup_actions(const struct scenario *sc, struct store *st,
                         struct lp_err *err)
{
    size_t i;
    json_t *o;
    int rc = 0;
    json_array_foreach(json_object_get(sc->doc, "setup_actions"), i, o) {
        struct lp_ctx ctx = {
            .st = st, .now = jt(o, "at", sc->now), .user = js(o, "user"),
            .root = paths_root(), .profile = js(sc->doc, "profile")};
        struct action_result res;
        action_result_init(&res);
        int status = action_exec_line(&ctx, js(o, "line"), &res);
        if (status != LP_OK && status != LP_REFUSED) {
            int64_t sl = json_integer_value(json_object_get(o, "src_line"));
            if (sl <= 0)
                sl = scenario_line(sc, "setup_actions", js(o, "line"));
            rc = lp_errf(err, status ? status : LP_FAIL, "%s:%lld: setup "
                         "action '%s': %s", sc->path, (long long)sl,
                         js(o, "line"), res.err.msg[0] ? res.err.msg
                         : "failed");
        }
        action_result_free(&res);
        ctx_release(&ctx);
        if (rc)
            return rc;
    }
    return 0;
}

int scenario_world_build(const struct scenario *sc, struct store *st,
                         const char *user, int64_t session_id,
                         struct lp_err *err)
{
    const json_t *d = sc->doc;
    size_t i, j;
    json_t *o, *e;
    struct lp_camera cams[64 + NCAMS];
    size_t ncams = 0;
    int rc = 0;
    struct dataset *ds = NULL;
    char *dsdir = paths_data("datasets");
    rc = dataset_load(dsdir, &ds, err);
    free(dsdir);
    if (rc)
        return rc;
    if (store_begin(st))
        goto store_fail;
    if (metro(st, ds))
        goto store_fail;
    if (clock_set(st, sc->now) ||
        store_meta_set(st, "scenario.id", scenario_id(sc)) ||
        store_meta_set_i64(st, "scenario.seed", sc->seed))
        goto store_fail;
    /* roster: the trainee, then the scenario's people */
    struct lp_person me = {.id = user, .name = user, .role = "trainee",
                           .trained = 1, .created_at = sc->now};
    if (store_person_add(st, &me))
        goto store_fail;
    json_array_foreach(json_object_get(d, "people"), i, o) {
        struct lp_person p = {
            .id = js(o, "id"), .name = js(o, "name"),
            .role = js(o, "role") ? js(o, "role") : "trainee",
            .trained = jb(o, "trained", 1), .created_at = sc->now};
        if (strcmp(p.id, user) == 0)
            continue;
        if (store_person_add(st, &p))
            goto store_fail;
    }
    json_array_foreach(json_object_get(d, "places"), i, o) {
        struct lp_place p = {
            .slug = js(o, "slug"), .name = js(o, "name"),
            .category = js(o, "category"), .lat = jn(o, "lat", 0),
            .lon = jn(o, "lon", 0), .radius_m = (int)jn(o, "radius", 0),
            .sensitive = jb(o, "sensitive", 0)};
        if (store_place_add(st, &p, NULL))
            goto store_fail;
    }
    json_array_foreach(json_object_get(d, "cameras"), i, o) {
        if (ncams >= 64) {
            rc = lp_errf(err, LP_USAGE, "%s: more than 64 cameras", sc->path);
            goto fail;
        }
        const char *owner = js(o, "owner");
        if (dataset_camera_index(ds, js(o, "id")) >= 0) {
            rc = lp_errf(err, LP_USAGE, "%s: camera id '%s' is already a "
                         "camera of the metro area (datasets/camera_sites.csv)"
                         ": choose another", sc->path, js(o, "id"));
            goto fail;
        }
        struct lp_camera c = {
            .id = js(o, "id"), .name = js(o, "name") ? js(o, "name")
                                                     : js(o, "id"),
            .owner = owner,
            .source = js(o, "source") ? js(o, "source")
                      : strcmp(owner, "agency") == 0 ? "agency"
                      : strcmp(owner, "partner") == 0 ? "lea" : "toll",
            .type = js(o, "type") ? js(o, "type") : "fixed",
            .lat = jn(o, "lat", 0), .lon = jn(o, "lon", 0)};
        if (store_camera_add(st, &c))
            goto store_fail;
        if (!jb(o, "keeps_audit", 1) &&
            store_scn_camera_audit(st, c.id, 0))
            goto store_fail;
        cams[ncams++] = c;
    }
    for (size_t k = 0; k < NCAMS; k++) {
        int dup = 0;
        for (size_t m = 0; m < ncams; m++)
            dup |= strcmp(cams[m].id, default_cams[k].id) == 0;
        if (dup)
            continue;
        if (store_camera_add(st, &default_cams[k]))
            goto store_fail;
        if (jb(d, "manual_audit", 0) &&
            strcmp(default_cams[k].owner, "commercial") == 0 &&
            store_scn_camera_audit(st, default_cams[k].id, 0))
            goto store_fail;
        cams[ncams++] = default_cams[k];
    }
    /* cases and hotlists through the policy part's store functions, as
     * "case add", "case close" and "hotlist add" write them */
    json_array_foreach(json_object_get(d, "cases"), i, o) {
        int ly = (int)jn(o, "limitation_years", 0);
        const char *status = js(o, "status");
        struct lp_case c = {
            .number = (char *)js(o, "number"), .type = (char *)js(o, "type"),
            .violation = (char *)js(o, "violation"),
            .limitation_years = ly > 0 ? ly : -1,
            .opened_at = jt(o, "opened", sc->now),
            .owner = (char *)(js(o, "owner") ? js(o, "owner") : user),
            .title = (char *)js(o, "title")};
        if (store_case_add(st, &c))
            goto store_fail;
        if (status && strcmp(status, "closed") == 0 &&
            store_case_close(st, c.number, jt(o, "closed", sc->now -
                                                          LPTIME_DAY)) < 0)
            goto store_fail;
    }
    json_array_foreach(json_object_get(d, "hotlists"), i, o) {
        int64_t created = jt(o, "created", sc->now);
        int64_t reviewed = jt(o, "reviewed", 0);
        struct lp_hotlist h;
        if (store_hotlist_get(st, js(o, "name") ? js(o, "name") : "main", 1,
                              created, &h) < 0 ||
            (reviewed && store_hotlist_reviewed(st, h.id, reviewed)))
            goto store_fail;
        json_array_foreach(json_object_get(o, "entries"), j, e) {
            char pb[40];
            const char *note = js(e, "note");
            struct lp_hotlist_entry he = {
                .hotlist_id = h.id, .plate = norm_plate(js(e, "plate"), pb),
                .state = js(e, "state"), .case_number = js(e, "case"),
                .tracking = js(e, "tracking"),
                .note = note && *note ? note : NULL,
                .added_by = js(e, "added_by") ? js(e, "added_by") : user,
                .added_at = jt(e, "added", created)};
            struct lp_ledger l = {
                .hotlist_id = h.id, .event = "add", .plate = he.plate,
                .state = he.state, .case_number = he.case_number,
                .tracking = he.tracking, .by_user = he.added_by,
                .at = he.added_at, .keep_until = lptime_add_years(created, 5)};
            if (store_hotlist_entry_add(st, &he, NULL) ||
                store_ledger_add(st, &l))
                goto store_fail;
        }
    }
    json_array_foreach(json_object_get(d, "reads"), i, o) {
        const char *cid = js(o, "camera");
        const struct lp_camera *c = NULL;
        for (size_t k = 0; k < ncams; k++)
            if (strcmp(cams[k].id, cid) == 0)
                c = &cams[k];
        char pb[40];
        struct lp_read r = {
            .plate = norm_plate(js(o, "plate"), pb), .state = js(o, "state"),
            .observed_at = jt(o, "at", sc->now), .camera_id = cid,
            .lat = c ? c->lat : 0, .lon = c ? c->lon : 0,
            .make = js(o, "make"), .model = js(o, "model"),
            .confidence = jn(o, "confidence", 0.95),
            .source = js(o, "source") ? js(o, "source")
                      : c ? c->source : "lea",
            .image_ref = js(o, "image"), .fault = fault_code(js(o, "fault"))};
        if (store_scn_read_put(st, &r, (int64_t)jn(o, "id", 0), NULL))
            goto store_fail;
    }
    if ((rc = background(st, sc, ds, err)))
        goto fail;
    json_array_foreach(json_object_get(d, "audit_history"), i, o) {
        char pb[40];
        struct audit_entry a = {
            .at = jt(o, "at", sc->now), .user_id = js(o, "user"),
            .action = js(o, "action") ? js(o, "action") : "query",
            .plate = norm_plate(js(o, "plate"), pb),
            .case_number = js(o, "case"), .reason = js(o, "reason"),
            .results = js(o, "results") ? js(o, "results") : "",
            .verdict = js(o, "verdict") ? js(o, "verdict") : "allow",
            .rules = js(o, "rules") ? js(o, "rules") : "",
            .profile = js(d, "profile") ? js(d, "profile") : "ice-2017",
            .manual = jb(o, "manual", 0)};
        int64_t aid = 0;
        if ((rc = audit_append(st, &a, &aid, err)))
            goto fail;
    }
    /* hotlist hits of the world's reads, as the live system raises them */
    if (json_array_size(json_object_get(d, "hotlists"))) {
        struct lp_ctx hc = {.st = st, .now = sc->now, .user = user,
                            .root = paths_root(),
                            .profile = js(d, "profile")};
        int64_t nh = action_scan_hits(&hc);
        ctx_release(&hc);
        if (nh < 0)
            goto store_fail;
    }
    /* the world is whole: the setup actions run on it, each in its own
     * transaction of the action layer; the session marker comes last, so
     * a crash before it makes the sandbox be built again */
    if (store_commit(st))
        goto store_fail;
    if ((rc = setup_actions(sc, st, err)))
        goto fail;
    if (store_begin(st))
        goto store_fail;
    struct store_session ss = {
        .id = session_id, .user_id = (char *)user,
        .scenario_id = (char *)scenario_id(sc),
        .scenario_file = sc->path, .scenario_hash = (char *)sc->hash,
        .mode = (char *)"practice", .seed = sc->seed,
        .started_at = sc->now};
    if (store_session_add(st, &ss, NULL) ||
        store_meta_set_i64(st, "scenario.session", session_id) ||
        store_commit(st))
        goto store_fail;
    dataset_free(ds);
    return 0;
store_fail:
    rc = store_err_copy(st, err);
fail:
    store_rollback(st);
    dataset_free(ds);
    return rc ? rc : -LP_FAIL;
}
