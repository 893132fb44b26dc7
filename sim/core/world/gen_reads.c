/*
 * gen_reads.c - the stream of reads (see gen.h, gen_run): for each
 * calendar day, every vehicle's routine (commutes on weekdays, errands,
 * worship, rare visits to funerals, weddings or demonstrations, night
 * trips) gives candidate reads at the fixed cameras on its routes, and
 * the mobile units read cars parked at homes and workplaces.  A quota per
 * day picks exactly the asked number of reads; faults follow; the day is
 * sorted by time and handed to the sink.
 */
#include "core/world/gen_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/lptime.h"
#include "util/rng.h"

#define H 3600

/* Stream ids: vehicles use rng_mix(v + 1, day); these are above them. */
#define STREAM_MOBILE (1ULL << 40)
#define STREAM_DAY (1ULL << 41)
#define STREAM_ACTIVE (1ULL << 42)

/* Candidates per read wanted when vehicles are thinned (see gen_run). */
#define HEADROOM 3.0

/* OCR look-alikes: what each character may be misread as. */
static const char *const lookalike[128] = {
    ['0'] = "ODQ", ['1'] = "IL7", ['2'] = "Z7", ['3'] = "8B", ['4'] = "A",
    ['5'] = "S", ['6'] = "G8", ['7'] = "12T", ['8'] = "B3", ['9'] = "8",
    ['A'] = "4", ['B'] = "83", ['C'] = "G", ['D'] = "0O", ['E'] = "F",
    ['F'] = "E", ['G'] = "6C", ['H'] = "N", ['I'] = "1L", ['J'] = "I",
    ['K'] = "X", ['L'] = "1I", ['M'] = "N", ['N'] = "MH", ['O'] = "0D",
    ['P'] = "R", ['Q'] = "0O", ['R'] = "P", ['S'] = "5", ['T'] = "7",
    ['U'] = "V", ['V'] = "UY", ['W'] = "V", ['X'] = "K", ['Y'] = "V",
    ['Z'] = "2",
};

/* Day-of-week weights of the quota, Sunday first. */
static const double dow_weight[7] = {0.7, 1, 1, 1, 1, 1, 0.85};

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t gen_day_count(const struct gen_params *p)
{
    if (p->days <= 0)
        return 0;
    int64_t lo = p->now - p->days * LPTIME_DAY;
    return floor_div(p->now - 1, LPTIME_DAY) - floor_div(lo, LPTIME_DAY) + 1;
}

/* The state of one run. */
struct run {
    struct gen_world *w;
    const struct gen_params *p;
    int64_t lo, d0;              /* window start; first calendar day */
    int64_t ds, a, b;            /* day start; window part [a, b) in s */
    int64_t dayno;               /* absolute day number */
    int dow;
    double p_ocr, p_partial, p_state, p_dup;
    double active;               /* share of vehicles simulated a day */
    uint32_t tag;                /* marks today's vehicles in w->active */
};

static void push(struct run *R, int64_t t, uint32_t v, uint16_t cam,
                 int32_t place)
{
    struct gen_world *w = R->w;
    if (t < R->a || t >= R->b)
        return;
    if (w->ncand == w->capcand) {
        w->capcand = w->capcand ? w->capcand * 2 : 4096;
        w->cand = xrealloc(w->cand, w->capcand * sizeof *w->cand);
    }
    struct cand *c = &w->cand[w->ncand++];
    c->t = (int32_t)t;
    c->v = v;
    c->cam = cam;
    c->place = place;
}

/* One trip along route k of vehicle v, leaving at dep (seconds of the
 * day); back = 1 drives it in reverse. */
static void trip(struct run *R, uint32_t v, int k, int64_t dep, int back)
{
    const struct route *rt = &R->w->routes[(size_t)v * NROUTES + (size_t)k];
    const struct stop *s = R->w->stops + rt->off;
    for (uint16_t i = 0; i < rt->n; i++) {
        int64_t at = back ? rt->dur - s[i].at : s[i].at;
        push(R, dep + at, v, s[i].cam, -1);
    }
}

static void round_trip(struct run *R, struct rng *r, uint32_t v, int k,
                       int64_t dep, int64_t stay_min, int64_t stay_var)
{
    const struct route *rt = &R->w->routes[(size_t)v * NROUTES + (size_t)k];
    if (!rt->n)
        return;
    trip(R, v, k, dep, 0);
    trip(R, v, k, dep + rt->dur + stay_min + (int64_t)rng_below(r,
                                                  (uint64_t)stay_var), 1);
}

/* The routine of vehicle v on the current day. */
static void vehicle_day(struct run *R, uint32_t v)
{
    const struct gv *g = &R->w->v[v];
    struct rng r;
    rng_stream(&r, R->p->read_seed, rng_mix(v + 1ULL, (uint64_t)R->dayno));
    int weekend = R->dow == 0 || R->dow == 6;
    if (g->commuter && !weekend && !rng_chance(&r, 0.06)) {
        int64_t dep = g->depart * 60 + (int64_t)rng_below(&r, 2400) - 1200;
        round_trip(R, &r, v, R_WORK, dep, g->shift * 60 - 1800, 3600);
    }
    uint64_t errands = weekend ? rng_below(&r, 4)
                               : (rng_chance(&r, 0.45) ? 1 + rng_below(&r, 2)
                                                       : 0);
    for (uint64_t e = 0; e < errands; e++) {
        int k = R_FAV0 + (int)rng_below(&r, 3);
        round_trip(R, &r, v, k, 9 * H + (int64_t)rng_below(&r, 11 * H), 1200,
                   5400);
    }
    if (g->worship >= 0 && R->dow == g->worship_dow && rng_chance(&r, 0.8)) {
        int64_t at = R->dow == 0 ? 9 * H : R->dow == 5 ? 12 * H : 10 * H;
        round_trip(R, &r, v, R_WORSHIP, at + (int64_t)rng_below(&r, H),
                   3600, 3600);
    }
    if (g->special >= 0 && rng_chance(&r, 0.004))
        round_trip(R, &r, v, R_SPECIAL, 10 * H + (int64_t)rng_below(&r, 8 * H),
                   1800, 7200);
    if (rng_chance(&r, g->owl ? 0.25 : 0.01)) {
        int k = R_FAV0 + (int)rng_below(&r, 3);
        int64_t dep = rng_chance(&r, 0.5) ? 21 * H + (int64_t)rng_below(&r,
                                                                   2 * H)
                                          : (int64_t)rng_below(&r, 4 * H);
        round_trip(R, &r, v, k, dep, 900, 3600);
    }
}

/* The rounds of mobile unit m on the current day. */
static void mobile_day(struct run *R, size_t m)
{
    struct gen_world *w = R->w;
    uint32_t cam = w->mobile[m];
    const char *src = w->ds->cameras[cam].source;
    int repo = strcmp(src, "repossession") == 0;
    int lea = strcmp(src, "lea") == 0;
    struct rng r;
    rng_stream(&r, R->p->read_seed, rng_mix(STREAM_MOBILE + cam,
                                            (uint64_t)R->dayno));
    uint32_t n = w->mob_off[m + 1] - w->mob_off[m];
    if (!n || !rng_chance(&r, repo ? 0.8 : 0.6))
        return;
    uint64_t visits = 2 + rng_below(&r, 3);
    for (uint64_t k = 0; k < visits; k++) {
        uint32_t place = w->mob_place[w->mob_off[m] + rng_below(&r, n)];
        int64_t t = repo ? (22 * H + (int64_t)rng_below(&r, 7 * H)) % (24 * H)
                  : lea  ? 7 * H + (int64_t)rng_below(&r, 12 * H)
                         : 8 * H + (int64_t)rng_below(&r, 9 * H);
        const uint32_t *list;
        uint32_t cnt;
        int weekday = R->dow >= 1 && R->dow <= 5;
        if (w->ds->places[place].cat == DS_RESIDENTIAL) {
            list = w->home_v + w->home_off[place];
            cnt = w->home_off[place + 1] - w->home_off[place];
        } else if (weekday && t >= 9 * H && t < 17 * H) {
            list = w->work_v + w->work_off[place];
            cnt = w->work_off[place + 1] - w->work_off[place];
        } else {
            continue;
        }
        for (uint32_t i = 0; i < cnt; i++)
            if ((R->active >= 1 || w->active[list[i]] == R->tag) &&
                rng_chance(&r, 0.35))
                push(R, t + (int64_t)rng_below(&r, 900), list[i],
                     (uint16_t)cam, (int32_t)place);
    }
}

/* A candidate when the routines gave too few: an extra trip. */
static struct cand topup(struct run *R, struct rng *r)
{
    struct gen_world *w = R->w;
    struct cand c = {.place = -1};
    c.t = (int32_t)(R->a + (int64_t)rng_below(r, (uint64_t)(R->b - R->a)));
    for (int tries = 0; tries < 16; tries++) {
        uint32_t v = (uint32_t)rng_below(r, w->nv);
        const struct route *rt =
            &w->routes[(size_t)v * NROUTES + rng_below(r, NROUTES)];
        if (!rt->n)
            continue;
        c.v = v;
        c.cam = w->stops[rt->off + rng_below(r, rt->n)].cam;
        return c;
    }
    c.v = (uint32_t)rng_below(r, w->nv);
    c.cam = (uint16_t)(w->nfixed ? w->fixed[rng_below(r, w->nfixed)]
                                 : rng_below(r, w->ds->n_cameras));
    return c;
}

static double conf_base(struct rng *r, int64_t tod, int mobile)
{
    int night = tod < 6 * H || tod >= 20 * H;
    double c = night ? 0.55 + 0.33 * rng_double(r)
                     : 0.84 + 0.15 * rng_double(r);
    return mobile ? c - 0.04 : c;
}

static double round_to(double x, double unit)
{
    return floor(x / unit + 0.5) * unit;
}

static void ocr_fault(struct rng *r, char *plate)
{
    size_t n = strlen(plate);
    size_t i = rng_below(r, n);
    const char *alt = lookalike[(unsigned char)plate[i] & 0x7f];
    if (alt)
        plate[i] = alt[rng_below(r, strlen(alt))];
}

static void partial_fault(struct rng *r, char *plate)
{
    size_t n = strlen(plate);
    size_t drop = 1 + rng_below(r, 2);
    if (n <= 2)
        return;
    if (n - drop < 2)
        drop = n - 2;
    if (rng_chance(r, 0.5))
        memmove(plate, plate + drop, n - drop + 1);
    else
        plate[n - drop] = '\0';
}

/* Fills o from candidate c with a fault drawn from r. */
static void make_read(struct run *R, struct rng *r, const struct cand *c,
                      struct out *o, uint32_t seq)
{
    struct gen_world *w = R->w;
    const struct gv *g = &w->v[c->v];
    const struct ds_camera *cam = &w->ds->cameras[c->cam];
    o->t = R->ds + c->t;
    o->seq = seq;
    o->v = c->v;
    o->cam = c->cam;
    o->fault = FAULT_NONE;
    memcpy(o->plate, g->plate, sizeof o->plate);
    memcpy(o->state, g->state, 3);
    double conf = conf_base(r, c->t, cam->mobile);
    double u = rng_double(r);
    if (u < R->p_ocr) {
        ocr_fault(r, o->plate);
        o->fault = FAULT_OCR;
        conf -= 0.12;
    } else if (u < R->p_ocr + R->p_partial) {
        partial_fault(r, o->plate);
        o->fault = FAULT_PARTIAL;
        conf -= 0.15;
    } else if (u < R->p_ocr + R->p_partial + R->p_state && w->nstates > 1) {
        size_t k = rng_below(r, w->nstates - 1);
        if (strcmp(w->states[k], g->state) == 0)
            k = w->nstates - 1;
        memcpy(o->state, w->states[k], 3);
        o->fault = FAULT_STATE;
        conf -= 0.05;
    }
    conf = conf < 0.2 ? 0.2 : conf > 0.99 ? 0.99 : conf;
    o->conf = round_to(conf, 0.01);
    if (c->place >= 0) {
        const struct ds_place *pl = &w->ds->places[c->place];
        o->lat = round_to(pl->lat + (rng_double(r) - 0.5) * 0.0024, 1e-6);
        o->lon = round_to(pl->lon + (rng_double(r) - 0.5) * 0.003, 1e-6);
    } else {
        o->lat = cam->lat;
        o->lon = cam->lon;
    }
}

/* A near-duplicate of base: the adjacent camera (or the same one) reads
 * the true plate a few seconds later. */
static void make_dup(struct run *R, struct rng *r, const struct out *base,
                     struct out *o, uint32_t seq)
{
    struct gen_world *w = R->w;
    const struct gv *g = &w->v[base->v];
    *o = *base;
    o->seq = seq;
    o->t = base->t + 1 + (int64_t)rng_below(r, 15);
    if (o->t >= R->ds + R->b)
        o->t = R->ds + R->b - 1;
    o->cam = (uint16_t)w->adj[base->cam];
    const struct ds_camera *cam = &w->ds->cameras[o->cam];
    if (o->cam != base->cam) {
        o->lat = cam->lat;
        o->lon = cam->lon;
    }
    memcpy(o->plate, g->plate, sizeof o->plate);
    memcpy(o->state, g->state, 3);
    o->fault = FAULT_DUP;
    o->conf = round_to(conf_base(r, o->t - R->ds, cam->mobile), 0.01);
}

static int out_cmp(const void *a, const void *b)
{
    const struct out *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static char *put_hex(char *p, uint32_t v)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 7; i >= 0; i--)
        *p++ = hex[(v >> (i * 4)) & 15];
    return p;
}

/* Sorts and hands the day's reads to the sink. */
static int emit_day(struct run *R, size_t n, const struct gen_sink *sink)
{
    struct gen_world *w = R->w;
    qsort(w->out, n, sizeof *w->out, out_cmp);
    char date[16], img[96];
    lptime_format_date(R->ds, date, sizeof date);
    /* "2026-03-02" -> "20260302" */
    char ymd[9] = {date[0], date[1], date[2], date[3], date[5], date[6],
                   date[8], date[9], '\0'};
    for (size_t i = 0; i < n; i++) {
        const struct out *o = &w->out[i];
        const struct ds_camera *cam = &w->ds->cameras[o->cam];
        const struct ds_vehicle_model *m = &w->ds->models[w->v[o->v].model];
        size_t cl = strlen(cam->id);
        if (cl > 60)
            cl = 60;
        char *p = img;
        memcpy(p, cam->id, cl);
        p += cl;
        *p++ = '/';
        memcpy(p, ymd, 8);
        p += 8;
        *p++ = '/';
        p = put_hex(p, (uint32_t)(rng_mix(R->p->read_seed ^ (uint64_t)R->dayno,
                                          i) >> 32));
        memcpy(p, ".jpg", 5);
        struct lp_read r = {
            .plate = o->plate, .state = o->state, .observed_at = o->t,
            .camera_id = cam->id, .lat = o->lat, .lon = o->lon,
            .make = m->make, .model = m->model, .confidence = o->conf,
            .source = cam->source, .image_ref = img,
            .vehicle_id = (int64_t)o->v + 1, .fault = o->fault,
        };
        int rc = sink->read(sink->arg, &r);
        if (rc)
            return rc;
    }
    return 0;
}

/* Sets the day fields of R for calendar day k (whole day when full). */
static void set_day(struct run *R, int64_t k, int full)
{
    R->dayno = R->d0 + k;
    R->ds = R->dayno * LPTIME_DAY;
    R->a = full ? 0 : (R->ds < R->lo ? R->lo : R->ds) - R->ds;
    R->b = full ? LPTIME_DAY
                : (R->ds + LPTIME_DAY > R->p->now ? R->p->now
                                                  : R->ds + LPTIME_DAY) -
                      R->ds;
    R->dow = (int)((R->dayno % 7 + 11) % 7);
}

/* The share of vehicles to simulate each day.  Routines give far more
 * candidate reads than a sparse --reads needs, and simulating every
 * vehicle every day would cost O(vehicles * days) whatever --reads is.
 * A pilot over the first vehicles and days estimates the candidates per
 * vehicle-day; vehicles are then simulated on a random share of days
 * that still gives HEADROOM candidates per read.  Deterministic: it
 * depends only on the world and the parameters. */
static double active_share(struct run *R, int64_t ndays, double wdays)
{
    struct gen_world *w = R->w;
    size_t nv = w->nv < 256 ? w->nv : 256;
    int64_t nd = ndays < 14 ? ndays : 14;
    w->ncand = 0;
    for (int64_t k = 0; k < nd; k++) {
        set_day(R, k, 1);
        for (size_t v = 0; v < nv; v++)
            vehicle_day(R, (uint32_t)v);
    }
    double per_vday = (double)w->ncand / (double)(nv * (size_t)nd);
    w->ncand = 0;
    double need = (double)R->p->reads / (wdays * (double)w->nv);
    if (!(per_vday > 0))
        return 1;
    double f = HEADROOM * need / per_vday;
    return f >= 1 ? 1 : f < 1e-9 ? 1e-9 : f;
}

/* Simulates today's vehicles: all, or a random share R->active of them
 * (geometric skips, so the cost follows the share, not the fleet). */
static void vehicles_today(struct run *R)
{
    struct gen_world *w = R->w;
    if (R->active >= 1) {
        for (size_t v = 0; v < w->nv; v++)
            vehicle_day(R, (uint32_t)v);
        return;
    }
    struct rng r;
    rng_stream(&r, R->p->read_seed, rng_mix(STREAM_ACTIVE,
                                            (uint64_t)R->dayno));
    double lq = log1p(-R->active);
    double v = -1;
    for (;;) {
        double skip = floor(log(1 - rng_double(&r)) / lq);
        v += 1 + skip;
        if (v >= (double)w->nv)
            break;
        w->active[(size_t)v] = R->tag;
        vehicle_day(R, (uint32_t)v);
    }
}

int gen_run(struct gen_world *w, const struct gen_params *p,
            int64_t first_day, int64_t done, const struct gen_sink *sink,
            struct lp_err *err)
{
    int64_t ndays = gen_day_count(p);
    if (p->reads <= 0 || ndays <= 0)
        return 0;
    struct run R = {.w = w, .p = p};
    R.lo = p->now - p->days * LPTIME_DAY;
    R.d0 = floor_div(R.lo, LPTIME_DAY);
    double rd = p->fault_dup < 0.99 ? 1 - p->fault_dup : 0.01;
    R.p_ocr = p->fault_ocr / rd;
    R.p_partial = p->fault_partial / rd;
    R.p_state = p->fault_state / rd;
    R.p_dup = p->fault_dup / rd;
    /* Quotas: cumulative day weights, rounded, so they add up exactly. */
    double *cum = xmalloc((size_t)(ndays + 1) * sizeof *cum);
    cum[0] = 0;
    for (int64_t k = 0; k < ndays; k++) {
        int64_t s = (R.d0 + k) * LPTIME_DAY;
        int64_t a = s < R.lo ? R.lo : s;
        int64_t b = s + LPTIME_DAY > p->now ? p->now : s + LPTIME_DAY;
        int dow = (int)((floor_div(s, LPTIME_DAY) % 7 + 11) % 7);
        cum[k + 1] = cum[k] + dow_weight[dow] * (double)(b - a) / LPTIME_DAY;
    }
    R.active = active_share(&R, ndays, cum[ndays]);
    if (R.active < 1) {
        /* Fresh marks: a world may serve several runs. */
        if (!w->active)
            w->active = xcalloc(w->nv, sizeof *w->active);
        memset(w->active, 0, w->nv * sizeof *w->active);
    }
    int rc = 0;
    for (int64_t k = first_day; k < ndays; k++) {
        int64_t q = llround((double)p->reads * cum[k + 1] / cum[ndays]) -
                    llround((double)p->reads * cum[k] / cum[ndays]);
        if (k == ndays - 1)
            q = p->reads - llround((double)p->reads * cum[k] / cum[ndays]);
        set_day(&R, k, 0);
        if (q > 0 && R.b > R.a) {
            w->ncand = 0;
            /* A tag unique to this day in this run (never 0). */
            R.tag = (uint32_t)(k + 1);
            vehicles_today(&R);
            for (size_t m = 0; m < w->nmobile; m++)
                mobile_day(&R, m);
            if ((size_t)q > w->capout) {
                w->capout = (size_t)q;
                w->out = xrealloc(w->out, w->capout * sizeof *w->out);
            }
            struct rng dr;
            rng_stream(&dr, p->read_seed, rng_mix(STREAM_DAY,
                                                  (uint64_t)R.dayno));
            size_t nout = 0, i = 0;
            while (nout < (size_t)q) {
                struct cand c;
                if (i < w->ncand) {
                    size_t j = i + rng_below(&dr, w->ncand - i);
                    c = w->cand[j];
                    w->cand[j] = w->cand[i];
                    w->cand[i++] = c;
                } else {
                    c = topup(&R, &dr);
                }
                make_read(&R, &dr, &c, &w->out[nout], (uint32_t)nout);
                nout++;
                if (nout < (size_t)q && rng_chance(&dr, R.p_dup)) {
                    make_dup(&R, &dr, &w->out[nout - 1], &w->out[nout],
                             (uint32_t)nout);
                    nout++;
                }
            }
            if ((rc = emit_day(&R, nout, sink)) != 0)
                break;
            done += q;
        }
        if (sink->day_done && (rc = sink->day_done(sink->arg, k + 1, done)))
            break;
        if (sink->progress)
            sink->progress(sink->arg, done, p->reads);
    }
    free(cum);
    if (rc < 0 && err && !err->msg[0])
        lp_errf(err, -rc, "generation stopped");
    return rc;
}
