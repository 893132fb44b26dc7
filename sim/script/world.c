/*
 * world.c - builds a scenario's sandbox world into a store (see
 * scenario_world_build in scenario.h): the declared cases, hotlists,
 * cameras, reads and audit history, plus seeded background traffic so that
 * queries meet realistic noise.  One transaction; no Lua here.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/action.h"
#include "core/audit.h"
#include "core/clock.h"
#include "script/scenario_int.h"
#include "util/lptime.h"
#include "util/paths.h"

static const struct lp_camera default_cams[] = {
    {"LEA-101", "Route 9 overpass", "partner", "lea", "fixed", 38.9012,
     -77.0301, NULL},
    {"LEA-102", "Harbor bridge east", "partner", "lea", "fixed", 38.8876,
     -77.0152, NULL},
    {"LEA-205", "Patrol unit 205", "partner", "lea", "mobile", 38.9120,
     -77.0420, NULL},
    {"TOLL-7", "Toll plaza 7", "commercial", "toll", "fixed", 38.9301,
     -77.0710, NULL},
    {"PARK-3", "Garage level 3 gate", "commercial", "parking", "fixed",
     38.8950, -77.0250, NULL},
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

struct rng {
    uint64_t s;
};

static uint64_t rnext(struct rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t rbelow(struct rng *r, uint64_t n)
{
    return n ? rnext(r) % n : 0;
}

static double runit(struct rng *r)
{
    return (double)(rnext(r) >> 11) / 9007199254740992.0;
}

static const char *const makes[][2] = {
    {"Toyota", "Camry"}, {"Honda", "Civic"}, {"Ford", "F-150"},
    {"Chevrolet", "Malibu"}, {"Nissan", "Altima"}, {"Subaru", "Outback"},
    {"Hyundai", "Elantra"}, {"Kia", "Soul"}, {"Jeep", "Cherokee"},
    {"Volkswagen", "Jetta"}, {"Mazda", "CX-5"}, {"Dodge", "Ram"}};
static const char *const colors[] = {"white", "black", "silver", "gray",
                                     "blue", "red", "green"};
static const char *const states[] = {"VA", "MD", "DC", "PA", "NC"};
static const char letters[] = "ABCDEFGHJKLMNPRSTUVWXYZ";

static void bg_plate(struct rng *r, char *out)
{
    static const char *const fmts[] = {"@@@####", "@@@-####", "###-@@@",
                                       "#@@@###"};
    const char *f = fmts[rbelow(r, 4)];
    size_t i = 0;
    for (; f[i]; i++)
        out[i] = f[i] == '@' ? letters[rbelow(r, sizeof letters - 1)]
               : f[i] == '#' ? (char)('0' + rbelow(r, 10)) : f[i];
    out[i] = '\0';
    char tmp[40];
    norm_plate(out, tmp);
    memcpy(out, tmp, strlen(tmp) + 1);
}

/* OCR confusions of DESIGN.md */
static void ocr_fault(struct rng *r, char *p)
{
    static const char pairs[][2] = {{'0', 'O'}, {'1', 'I'}, {'8', 'B'},
                                    {'5', 'S'}, {'2', 'Z'}, {'7', '2'}};
    size_t n = strlen(p);
    for (size_t k = 0; k < 2 * n; k++) {
        size_t i = rbelow(r, n);
        for (size_t j = 0; j < sizeof pairs / sizeof pairs[0]; j++) {
            if (p[i] == pairs[j][0]) {
                p[i] = pairs[j][1];
                return;
            }
            if (p[i] == pairs[j][1]) {
                p[i] = pairs[j][0];
                return;
            }
        }
    }
}

static int background(struct store *st, const struct scenario *sc,
                      const struct lp_camera *cams, size_t ncams,
                      struct lp_err *err)
{
    const json_t *w = json_object_get(sc->doc, "world");
    int64_t nveh = json_integer_value(json_object_get(w, "vehicles"));
    json_t *dj = json_object_get(w, "days");
    json_t *rj = json_object_get(w, "reads_per_vehicle");
    int64_t days = dj ? json_integer_value(dj) : 90;
    int64_t per = rj ? json_integer_value(rj) : 3;
    const json_t *fz = json_object_get(w, "faults");
    double p_ocr = jn(fz, "ocr", 0.02), p_partial = jn(fz, "partial", 0.01);
    double p_state = jn(fz, "state", 0.01), p_dup = jn(fz, "dup", 0.01);
    struct rng r = {(uint64_t)json_integer_value(json_object_get(w, "seed")) *
                        0x100000001B3ull ^ (uint64_t)sc->seed};
    if (nveh <= 0 || ncams == 0)
        return 0;
    for (int64_t v = 0; v < nveh; v++) {
        char plate[16], seen[16];
        bg_plate(&r, plate);
        const char *const *mm = makes[rbelow(&r, sizeof makes / sizeof makes[0])];
        struct lp_vehicle veh = {
            .plate = plate, .state = states[rbelow(&r, 5)], .make = mm[0],
            .model = mm[1], .color = colors[rbelow(&r, 7)]};
        int64_t vid = 0;
        if (store_vehicle_add(st, &veh, &vid))
            goto fail;
        for (int64_t k = 0; k < per; k++) {
            const struct lp_camera *c = &cams[rbelow(&r, ncams)];
            snprintf(seen, sizeof seen, "%s", plate);
            int fault = FAULT_NONE;
            const char *state = veh.state;
            double u = runit(&r);
            if (u < p_ocr) {
                ocr_fault(&r, seen);
                fault = FAULT_OCR;
            } else if (u < p_ocr + p_partial) {
                seen[strlen(seen) - 1 - rbelow(&r, 2)] = '\0';
                fault = FAULT_PARTIAL;
            } else if (u < p_ocr + p_partial + p_state) {
                state = states[(rbelow(&r, 4) + 1) % 5];
                fault = FAULT_STATE;
            }
            int64_t at = sc->now - (int64_t)rbelow(&r, (uint64_t)days *
                                                           LPTIME_DAY);
            double conf = 0.6 + 0.4 * runit(&r);
            int64_t hour = (at % LPTIME_DAY) / 3600;
            if ((hour < 6 || hour > 20) && conf > 0.75)
                conf -= 0.15;   /* night */
            if (fault != FAULT_NONE && conf > 0.8)
                conf -= 0.2;
            struct lp_read rd = {
                .plate = seen, .state = state, .observed_at = at,
                .camera_id = c->id, .lat = c->lat, .lon = c->lon,
                .make = mm[0], .model = mm[1], .confidence = conf,
                .source = c->source, .image_ref = NULL, .vehicle_id = vid,
                .fault = fault};
            if (store_read_add(st, &rd, NULL))
                goto fail;
            if (runit(&r) < p_dup && c->adjacent == NULL) {
                rd.observed_at += 1 + (int64_t)rbelow(&r, 30);
                rd.camera_id = cams[(size_t)(c - cams + 1) % ncams].id;
                rd.fault = FAULT_DUP;
                if (store_read_add(st, &rd, NULL))
                    goto fail;
            }
        }
    }
    return 0;
fail:
    *err = *store_err(st);
    return -err->status;
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
    if (store_begin(st))
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
    json_array_foreach(json_object_get(d, "cases"), i, o) {
        struct store_case c = {
            .number = js(o, "number"), .type = js(o, "type"),
            .violation = js(o, "violation"), .status = js(o, "status"),
            .owner = js(o, "owner") ? js(o, "owner") : user,
            .title = js(o, "title"),
            .limitation_years = (int)jn(o, "limitation_years", 0),
            .opened_at = jt(o, "opened", sc->now),
            .closed_at = jt(o, "closed", 0)};
        if (c.status && strcmp(c.status, "closed") == 0 && !c.closed_at)
            c.closed_at = sc->now - LPTIME_DAY;
        if (store_scn_case_add(st, &c))
            goto store_fail;
    }
    json_array_foreach(json_object_get(d, "hotlists"), i, o) {
        int64_t hid = 0, created = jt(o, "created", sc->now);
        if (store_scn_hotlist_add(st, js(o, "name") ? js(o, "name") : "main",
                                  created,
                                  jt(o, "reviewed", 0), &hid))
            goto store_fail;
        json_array_foreach(json_object_get(o, "entries"), j, e) {
            char pb[40];
            struct store_hot_entry he = {
                .hotlist_id = hid, .plate = norm_plate(js(e, "plate"), pb),
                .state = js(e, "state"), .case_number = js(e, "case"),
                .tracking = js(e, "tracking"), .note = js(e, "note"),
                .added_by = js(e, "added_by") ? js(e, "added_by") : user,
                .added_at = jt(e, "added", created),
                .keep_until = lptime_add_years(created, 5)};
            if (store_scn_hotlist_entry_add(st, &he))
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
    if ((rc = background(st, sc, cams, ncams, err)))
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
        int64_t nh = hotlist_scan_new_reads(&hc, 0);
        ctx_release(&hc);
        if (nh < 0)
            goto store_fail;
    }
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
    return 0;
store_fail:
    *err = *store_err(st);
    rc = -err->status;
fail:
    store_rollback(st);
    return rc ? rc : -LP_FAIL;
}
