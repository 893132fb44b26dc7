/*
 * gen.c - the synthetic world: vehicles with routines and routes past the
 * fixed cameras, mobile units reading parked cars, and the day-by-day
 * stream of reads with faults (see gen.h).  Every vehicle-day, mobile
 * unit-day and day draws from its own random sub-stream, so a day's reads
 * depend only on the seed, the parameters and the day.
 */
#include "core/world/gen_int.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/lptime.h"
#include "util/rng.h"

/* ---------------------------------------------------------------- params */

void gen_params_default(struct gen_params *p)
{
    memset(p, 0, sizeof *p);
    p->seed = 1;
    p->read_seed = 1;
    p->vehicles = 2000;
    p->days = 1095;
    p->reads = 300000;
    p->fault_ocr = 0.03;
    p->fault_partial = 0.01;
    p->fault_state = 0.01;
    p->fault_dup = 0.02;
    p->home_share = 0.85;
}

int gen_params_check(const struct gen_params *p, struct lp_err *err)
{
    if (p->vehicles < 1 || p->vehicles > 2000000)
        return lp_errf(err, LP_USAGE, "--vehicles must be 1 to 2000000");
    if (p->days < 1 || p->days > 36500)
        return lp_errf(err, LP_USAGE, "--days must be 1 to 36500");
    if (p->reads < 0 || p->reads > 2000000000)
        return lp_errf(err, LP_USAGE, "--reads must be 0 to 2000000000");
    if (p->reads / p->days > 50 * p->vehicles + 1000)
        return lp_errf(err, LP_USAGE, "--reads %lld over --days %lld is "
                       "more than 50 reads per vehicle and day: raise "
                       "--days or --vehicles", (long long)p->reads,
                       (long long)p->days);
    if (p->now < p->days * LPTIME_DAY)
        return lp_errf(err, LP_USAGE, "--days %lld reaches back before 1970 "
                       "from the clock: lower --days", (long long)p->days);
    const struct { const char *name; double v; } f[] = {
        {"--fault-ocr", p->fault_ocr}, {"--fault-partial", p->fault_partial},
        {"--fault-state", p->fault_state}, {"--fault-dup", p->fault_dup},
    };
    double sum = 0;
    for (size_t i = 0; i < 4; i++) {
        if (!(f[i].v >= 0 && f[i].v <= 0.5))
            return lp_errf(err, LP_USAGE, "%s must be a rate from 0 to 0.5",
                           f[i].name);
        sum += f[i].v;
    }
    if (sum > 0.9)
        return lp_errf(err, LP_USAGE, "the fault rates add up to %.3g: "
                       "keep them at 0.9 or below", sum);
    if (!(p->home_share >= 0 && p->home_share <= 1))
        return lp_errf(err, LP_USAGE, "home-state share must be 0 to 1");
    return 0;
}

char *gen_params_to_json(const struct gen_params *p)
{
    json_t *o = json_pack(
        "{s:I,s:I,s:I,s:I,s:I,s:I,s:f,s:f,s:f,s:f,s:f}",
        "seed", (json_int_t)p->seed, "read_seed", (json_int_t)p->read_seed,
        "vehicles", (json_int_t)p->vehicles, "days", (json_int_t)p->days,
        "reads", (json_int_t)p->reads, "now", (json_int_t)p->now,
        "fault_ocr", p->fault_ocr, "fault_partial", p->fault_partial,
        "fault_state", p->fault_state, "fault_dup", p->fault_dup,
        "home_share", p->home_share);
    char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    char *r = xstrdup(s);
    free(s);
    return r;
}

int gen_params_from_json(const char *text, struct gen_params *p,
                         struct lp_err *err)
{
    json_error_t je;
    json_t *o = json_loads(text ? text : "", 0, &je);
    json_int_t seed, rseed, veh, days, reads, now;
    double a, b, c, d, e;
    if (!o || json_unpack(o, "{s:I,s:I,s:I,s:I,s:I,s:I,s:F,s:F,s:F,s:F,s:F}",
                          "seed", &seed, "read_seed", &rseed, "vehicles",
                          &veh, "days", &days, "reads", &reads, "now", &now,
                          "fault_ocr", &a, "fault_partial", &b,
                          "fault_state", &c, "fault_dup", &d, "home_share",
                          &e)) {
        json_decref(o);
        return lp_errf(err, LP_FAIL, "generator settings are damaged "
                       "(setting params or gen_batch)");
    }
    json_decref(o);
    gen_params_default(p);
    p->seed = (uint64_t)seed;
    p->read_seed = (uint64_t)rseed;
    p->vehicles = veh;
    p->days = days;
    p->reads = reads;
    p->now = now;
    p->fault_ocr = a;
    p->fault_partial = b;
    p->fault_state = c;
    p->fault_dup = d;
    p->home_share = e;
    return 0;
}

/* ---------------------------------------------------------------- world */

/* Letters of true plates: no I, O or Q, as most states issue them. */
static const char plate_letters[] = "ABCDEFGHJKLMNPRSTUVWXYZ";

static size_t plate_hash(const char *s, size_t mask)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)(h & mask);
}

static void to_xy(double lat, double lon, double *x, double *y)
{
    const double lat0 = 38.60, lon0 = -97.40;
    *x = (lon - lon0) * 111320.0 * cos(lat0 * M_PI / 180.0);
    *y = (lat - lat0) * 110540.0;
}

static int32_t pick_cat(struct rng *r, uint32_t *const *lists,
                        const size_t *n, int cat, size_t nplaces)
{
    if (n[cat])
        return (int32_t)lists[cat][rng_below(r, n[cat])];
    return (int32_t)rng_below(r, nplaces);
}

struct stop_t {
    double t;
    uint16_t cam;
};

/* Builds the route from place a to place b into w->routes[slot]. */
static void route_build(struct gen_world *w, size_t slot, int32_t a,
                        int32_t b)
{
    struct route *rt = &w->routes[slot];
    rt->off = (uint32_t)w->nstops;
    rt->n = 0;
    rt->dur = 0;
    if (a < 0 || b < 0)
        return;
    double ax = w->px[a], ay = w->py[a];
    double dx = w->px[b] - ax, dy = w->py[b] - ay;
    double l2 = dx * dx + dy * dy;
    double dur = sqrt(l2) * 1.3 / 11.0 + 120.0;
    rt->dur = (uint16_t)(dur > 60000 ? 60000 : dur);
    struct stop_t st[MAX_STOPS];
    size_t n = 0;
    for (size_t k = 0; k < w->nfixed; k++) {
        uint32_t c = w->fixed[k];
        double t = l2 > 0 ? ((w->cx[c] - ax) * dx + (w->cy[c] - ay) * dy) / l2
                          : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double ex = ax + t * dx - w->cx[c], ey = ay + t * dy - w->cy[c];
        if (ex * ex + ey * ey > ROUTE_M * ROUTE_M || n == MAX_STOPS)
            continue;
        size_t i = n++;
        while (i > 0 && st[i - 1].t > t) {
            st[i] = st[i - 1];
            i--;
        }
        st[i].t = t;
        st[i].cam = (uint16_t)c;
    }
    if (w->nstops + n > w->capstops) {
        w->capstops = (w->capstops + n) * 2;
        w->stops = xrealloc(w->stops, w->capstops * sizeof *w->stops);
    }
    for (size_t i = 0; i < n; i++) {
        w->stops[w->nstops].cam = st[i].cam;
        w->stops[w->nstops].at = (uint16_t)(st[i].t * rt->dur);
        w->nstops++;
    }
    rt->n = (uint16_t)n;
}

/* Counting-sort CSR of vehicles by a place field. */
static void build_csr(struct gen_world *w, size_t np, int which,
                      uint32_t **off, uint32_t **list)
{
    *off = xcalloc(np + 1, sizeof **off);
    size_t cnt = 0;
    for (size_t i = 0; i < w->nv; i++) {
        int32_t p = which ? w->v[i].work : w->v[i].home;
        if (p >= 0) {
            (*off)[p + 1]++;
            cnt++;
        }
    }
    for (size_t p = 0; p < np; p++)
        (*off)[p + 1] += (*off)[p];
    *list = xmalloc((cnt ? cnt : 1) * sizeof **list);
    uint32_t *fill = xcalloc(np + 1, sizeof *fill);
    for (size_t i = 0; i < w->nv; i++) {
        int32_t p = which ? w->v[i].work : w->v[i].home;
        if (p >= 0)
            (*list)[(*off)[p] + fill[p]++] = (uint32_t)i;
    }
    free(fill);
}

/* The plate-format table: home state weighted by home_share, the other
 * states sharing the rest equally, formats by their weight inside. */
static int format_table(const struct dataset *ds, double home_share,
                        struct rng_table *t)
{
    size_t n = ds->n_formats, nst = 0;
    double *w = xcalloc(n, sizeof *w);
    double *stot = xcalloc(n, sizeof *stot);
    int has_home = 0;
    for (size_t i = 0; i < n; i++) {
        int first = 1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(ds->formats[j].state, ds->formats[i].state) == 0)
                first = 0;
        nst += first;
        has_home |= strcmp(ds->formats[i].state, GEN_HOME_STATE) == 0;
        for (size_t j = 0; j < n; j++)
            if (strcmp(ds->formats[j].state, ds->formats[i].state) == 0)
                stot[i] += ds->formats[j].weight;
    }
    size_t others = has_home ? nst - 1 : nst;
    for (size_t i = 0; i < n; i++) {
        int home = strcmp(ds->formats[i].state, GEN_HOME_STATE) == 0;
        double share = home ? home_share
                            : (others ? (has_home ? 1 - home_share : 1.0) /
                                            (double)others
                                      : 0);
        w[i] = ds->formats[i].weight / stot[i] * share;
    }
    int rc = rng_table_init(t, w, n);
    if (rc) /* home_share 1 without the home state, say: fall back */
        rc = rng_table_init(t, stot, n);
    free(w);
    free(stot);
    return rc;
}

int gen_world_new(const struct dataset *ds, const struct gen_params *p,
                  struct gen_world **out, struct lp_err *err)
{
    struct gen_world *w = xcalloc(1, sizeof *w);
    struct rng_table tf = {0}, tm = {0}, tc = {0};
    uint32_t *cat[DS_NCATEGORIES] = {0};
    size_t ncat[DS_NCATEGORIES] = {0};
    char **set = NULL;
    size_t setmask = 0;
    int rc = 0;
    w->ds = ds;
    w->nv = (size_t)p->vehicles;
    *out = NULL;

    if (!ds->n_places || !ds->n_cameras || !ds->n_formats || !ds->n_models ||
        !ds->n_colors) {
        rc = lp_errf(err, LP_FAIL, "datasets: places, cameras, plate "
                     "formats, vehicles and colours must not be empty");
        goto fail;
    }
    /* Geometry. */
    size_t np = ds->n_places, nc = ds->n_cameras;
    w->px = xmalloc(np * sizeof *w->px);
    w->py = xmalloc(np * sizeof *w->py);
    for (size_t i = 0; i < np; i++) {
        to_xy(ds->places[i].lat, ds->places[i].lon, &w->px[i], &w->py[i]);
        int c = ds->places[i].cat;
        cat[c] = xrealloc(cat[c], (ncat[c] + 1) * sizeof *cat[c]);
        cat[c][ncat[c]++] = (uint32_t)i;
    }
    w->cx = xmalloc(nc * sizeof *w->cx);
    w->cy = xmalloc(nc * sizeof *w->cy);
    w->adj = xmalloc(nc * sizeof *w->adj);
    w->fixed = xmalloc(nc * sizeof *w->fixed);
    w->mobile = xmalloc(nc * sizeof *w->mobile);
    for (size_t i = 0; i < nc; i++) {
        const struct ds_camera *c = &ds->cameras[i];
        to_xy(c->lat, c->lon, &w->cx[i], &w->cy[i]);
        w->adj[i] = c->adjacent_index >= 0 ? c->adjacent_index : (int)i;
        if (c->mobile)
            w->mobile[w->nmobile++] = (uint32_t)i;
        else
            w->fixed[w->nfixed++] = (uint32_t)i;
    }
    /* Places each mobile unit visits: homes and workplaces in range. */
    w->mob_off = xcalloc(w->nmobile + 1, sizeof *w->mob_off);
    w->mob_place = xmalloc((w->nmobile * np + 1) * sizeof *w->mob_place);
    size_t nmp = 0;
    for (size_t m = 0; m < w->nmobile; m++) {
        uint32_t c = w->mobile[m];
        for (size_t i = 0; i < np; i++) {
            int ct = ds->places[i].cat;
            if (ct != DS_RESIDENTIAL && ct != DS_WORKPLACE)
                continue;
            double ex = w->px[i] - w->cx[c], ey = w->py[i] - w->cy[c];
            if (ex * ex + ey * ey <= MOBILE_RANGE_M * MOBILE_RANGE_M)
                w->mob_place[nmp++] = (uint32_t)i;
        }
        w->mob_off[m + 1] = (uint32_t)nmp;
    }
    /* Distinct plate states, for wrong-state faults. */
    w->states = xmalloc(ds->n_formats * sizeof *w->states);
    for (size_t i = 0; i < ds->n_formats; i++) {
        size_t j = 0;
        while (j < w->nstates && strcmp(w->states[j], ds->formats[i].state))
            j++;
        if (j == w->nstates)
            memcpy(w->states[w->nstates++], ds->formats[i].state, 3);
    }
    /* Weighted tables. */
    double *mw = xmalloc(ds->n_models * sizeof *mw);
    for (size_t i = 0; i < ds->n_models; i++)
        mw[i] = ds->models[i].weight;
    double *cw = xmalloc(ds->n_colors * sizeof *cw);
    for (size_t i = 0; i < ds->n_colors; i++)
        cw[i] = ds->colors[i].weight;
    rc = format_table(ds, p->home_share, &tf) ||
         rng_table_init(&tm, mw, ds->n_models) ||
         rng_table_init(&tc, cw, ds->n_colors);
    free(mw);
    free(cw);
    if (rc) {
        rc = lp_errf(err, LP_FAIL, "datasets: no positive weight");
        goto fail;
    }
    /* Vehicles, each from its own stream; plates unique. */
    setmask = 1;
    while (setmask < w->nv * 2 + 16)
        setmask <<= 1;
    set = xcalloc(setmask, sizeof *set);
    setmask--;
    w->v = xcalloc(w->nv ? w->nv : 1, sizeof *w->v);
    w->routes = xcalloc((w->nv ? w->nv : 1) * NROUTES, sizeof *w->routes);
    uint64_t digest = 1469598103934665603ULL;
    for (size_t i = 0; i < w->nv; i++) {
        struct gv *g = &w->v[i];
        struct rng r;
        rng_stream(&r, p->seed, rng_mix(1, i));
        int tries = 0;
        for (;;) {
            const struct ds_plate_format *f = &ds->formats[rng_pick(&r, &tf)];
            size_t k = 0;
            for (const char *q = f->pattern; *q; q++)
                g->plate[k++] = *q == 'L'
                                    ? plate_letters[rng_below(&r, 23)]
                                    : (char)('0' + rng_below(&r, 10));
            g->plate[k] = '\0';
            memcpy(g->state, f->state, 3);
            size_t h = plate_hash(g->plate, setmask);
            while (set[h] && strcmp(set[h], g->plate) != 0)
                h = (h + 1) & setmask;
            if (!set[h]) {
                set[h] = g->plate;
                break;
            }
            if (++tries > 1000) {
                rc = lp_errf(err, LP_USAGE, "cannot find %zu unique plates "
                             "in the plate formats: lower --vehicles", w->nv);
                goto fail;
            }
        }
        for (const char *q = g->plate; *q; q++)
            digest = (digest ^ (unsigned char)*q) * 1099511628211ULL;
        digest = (digest ^ (unsigned char)g->state[0]) * 1099511628211ULL;
        digest = (digest ^ (unsigned char)g->state[1]) * 1099511628211ULL;
        g->model = (uint16_t)rng_pick(&r, &tm);
        g->color = (uint16_t)rng_pick(&r, &tc);
        g->home = pick_cat(&r, cat, ncat, DS_RESIDENTIAL, np);
        g->commuter = rng_chance(&r, 0.8);
        g->work = -1;
        if (g->commuter) {
            double u = rng_double(&r);
            int c = u < 0.70 ? DS_WORKPLACE : u < 0.78 ? DS_SCHOOL
                  : u < 0.85 ? DS_HOSPITAL : u < 0.95 ? DS_RETAIL
                             : DS_TRANSIT;
            if (!ncat[c])
                c = DS_WORKPLACE;
            g->work = pick_cat(&r, cat, ncat, c, np);
        }
        for (int k = 0; k < 3; k++) {
            int c = rng_chance(&r, 0.8) ? DS_RETAIL : DS_TRANSIT;
            g->fav[k] = pick_cat(&r, cat, ncat, ncat[c] ? c : DS_RETAIL, np);
        }
        g->worship = -1;
        if (ncat[DS_WORSHIP] && rng_chance(&r, 0.3)) {
            g->worship = pick_cat(&r, cat, ncat, DS_WORSHIP, np);
            double u = rng_double(&r);
            g->worship_dow = u < 0.6 ? 0 : u < 0.8 ? 5 : 6;
        }
        size_t nspec = ncat[DS_FUNERAL] + ncat[DS_WEDDING] +
                       ncat[DS_DEMONSTRATION];
        g->special = -1;
        if (nspec) {
            size_t k = rng_below(&r, nspec);
            int c = DS_FUNERAL;
            while (k >= ncat[c]) {
                k -= ncat[c];
                c++;
            }
            g->special = (int32_t)cat[c][k];
        }
        g->depart = (uint16_t)(360 + rng_below(&r, 180));
        g->shift = (uint16_t)(450 + rng_below(&r, 150));
        g->owl = rng_chance(&r, 0.08);
        size_t base = i * NROUTES;
        route_build(w, base + R_WORK, g->home, g->work);
        for (int k = 0; k < 3; k++)
            route_build(w, base + R_FAV0 + (size_t)k, g->home, g->fav[k]);
        route_build(w, base + R_WORSHIP, g->home, g->worship);
        route_build(w, base + R_SPECIAL, g->home, g->special);
    }
    w->digest = digest;
    build_csr(w, np, 0, &w->home_off, &w->home_v);
    build_csr(w, np, 1, &w->work_off, &w->work_v);
    *out = w;
    w = NULL;
fail:
    free(set);
    for (int c = 0; c < DS_NCATEGORIES; c++)
        free(cat[c]);
    rng_table_free(&tf);
    rng_table_free(&tm);
    rng_table_free(&tc);
    gen_world_free(w);
    return rc;
}

void gen_world_free(struct gen_world *w)
{
    if (!w)
        return;
    free(w->v);
    free(w->routes);
    free(w->stops);
    free(w->px);
    free(w->py);
    free(w->cx);
    free(w->cy);
    free(w->adj);
    free(w->fixed);
    free(w->mobile);
    free(w->mob_off);
    free(w->mob_place);
    free(w->home_off);
    free(w->home_v);
    free(w->work_off);
    free(w->work_v);
    free(w->states);
    free(w->cand);
    free(w->out);
    free(w->active);
    free(w);
}

size_t gen_world_vehicle_count(const struct gen_world *w)
{
    return w->nv;
}

void gen_world_vehicle(const struct gen_world *w, size_t i,
                       struct lp_vehicle *v)
{
    const struct gv *g = &w->v[i];
    const struct ds_vehicle_model *m = &w->ds->models[g->model];
    v->id = (int64_t)i + 1;
    v->plate = g->plate;
    v->state = g->state;
    v->make = m->make;
    v->model = m->model;
    v->color = w->ds->colors[g->color].color;
    v->home_place = g->home + 1;
    v->work_place = g->work >= 0 ? g->work + 1 : 0;
}

uint64_t gen_world_digest(const struct gen_world *w)
{
    return w->digest;
}
