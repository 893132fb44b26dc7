/*
 * act_query.c - the query actions: "query" (one full plate in one window,
 * IV.A.1, IV.B, IV.I, IV.J, IV.M.1), "geoquery" (area queries, refused by
 * the default profile, IV.B) and "analyze" (route and pattern summary of
 * one known plate, IV.L).  Results carry quality flags (IV.A.2) and the
 * sensitive-location flag (IV.D).
 */
#include "core/action/action_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/policy/rules.h"
#include "core/store/store_audit.h"
#include "core/store/store_cases.h"
#include "core/store/store_reads.h"
#include "core/store/store_world.h"
#include "core/world/dataset.h"
#include "util/lptime.h"
#include "util/paths.h"

/* ---- places ---- */

struct act_places {
    size_t n;
    struct lp_place *p;
};

static int place_add(void *arg, const struct lp_place *pl)
{
    struct act_places *ps = arg;
    ps->p = xrealloc(ps->p, (ps->n + 1) * sizeof *ps->p);
    struct lp_place *d = &ps->p[ps->n++];
    *d = *pl;
    d->slug = xstrdup(pl->slug);
    d->name = xstrdup(pl->name);
    d->category = xstrdup(pl->category);
    return 0;
}

struct act_places *act_places_load(struct act_call *c, int sensitive_only)
{
    struct act_places *ps = xcalloc(1, sizeof *ps);
    if (store_places_each(c->st, sensitive_only, place_add, ps) < 0) {
        act_store_fail(c);
        act_places_free(ps);
        return NULL;
    }
    return ps;
}

void act_places_free(struct act_places *ps)
{
    if (!ps)
        return;
    for (size_t i = 0; i < ps->n; i++) {
        free((char *)ps->p[i].slug);
        free((char *)ps->p[i].name);
        free((char *)ps->p[i].category);
    }
    free(ps->p);
    free(ps);
}

const struct lp_place *act_places_near(const struct act_places *ps,
                                       double lat, double lon, double *dist)
{
    const struct lp_place *best = NULL;
    for (size_t i = 0; ps && i < ps->n; i++) {
        const struct lp_place *p = &ps->p[i];
        if (!p->sensitive || p->radius_m <= 0)
            continue;
        /* cheap box test first: 0.01 degree is about 1.1 km */
        if (fabs(p->lat - lat) > 0.05 || fabs(p->lon - lon) > 0.07)
            continue;
        double d = policy_distance_m(lat, lon, p->lat, p->lon);
        if (d <= p->radius_m && (!best || d < *dist)) {
            best = p;
            *dist = d;
        }
    }
    return best;
}

const struct lp_place *act_places_nearest(const struct act_places *ps,
                                          double lat, double lon,
                                          double max_m, double *dist)
{
    const struct lp_place *best = NULL;
    for (size_t i = 0; ps && i < ps->n; i++) {
        double d = policy_distance_m(lat, lon, ps->p[i].lat, ps->p[i].lon);
        if (d <= max_m && (!best || d < *dist)) {
            best = &ps->p[i];
            *dist = d;
        }
    }
    return best;
}

/* ---- one read as a result ---- */

/* The likely alternatives of a misread plate: one-character OCR
 * confusions that are plates seen elsewhere in the database (at most 4).
 * Cached for the call; borrowed. */
static json_t *act_alternatives(struct act_call *c, const char *plate)
{
    if (c->alts && strcmp(c->alt_for, plate) == 0)
        return c->alts;
    json_decref(c->alts);
    c->alts = json_array();
    snprintf(c->alt_for, sizeof c->alt_for, "%s", plate);
    struct sb all;
    sb_init(&all);
    int n = policy_alternatives(c->pol, plate, &all, 64);
    char *save = NULL;
    for (char *t = n ? strtok_r(all.buf, ",", &save) : NULL; t;
         t = strtok_r(NULL, ",", &save)) {
        if (store_plate_seen(c->st, t) > 0)
            json_array_append_new(c->alts, json_string(t));
    }
    sb_free(&all);
    return c->alts;
}

/* 1 when plate fits a serial pattern (L letter, N digit). */
static int plate_fits(const char *pattern, const char *plate)
{
    for (; *pattern && *plate; pattern++, plate++) {
        int letter = *plate >= 'A' && *plate <= 'Z';
        int digit = *plate >= '0' && *plate <= '9';
        if ((*pattern == 'L' && !letter) || (*pattern == 'N' && !digit))
            return 0;
    }
    return !*pattern && !*plate;
}

/* Wrong-state risk from the plate formats of datasets/: the plate does
 * not fit its state's formats but fits others'.  Fills up to 3 likely
 * states into out (comma-separated); returns 1 on a risk. */
static int state_risk(struct act_call *c, const char *plate,
                      const char *state, char *out, size_t n)
{
    struct lp_ctx *ctx = c->ctx;
    if (!ctx->formats_tried) {
        struct lp_err err = {0};
        const char *root = ctx->root && *ctx->root ? ctx->root
                                                   : paths_root();
        char *dir = xasprintf("%s/datasets", root);
        ctx->formats_tried = 1;
        if (dataset_load(dir, &ctx->formats, &err))
            ctx->formats = NULL;   /* no datasets: no format check */
        free(dir);
    }
    const struct dataset *ds = ctx->formats;
    if (!ds || !state)
        return 0;
    int known = 0;
    for (size_t i = 0; i < ds->n_formats; i++)
        if (strcmp(ds->formats[i].state, state) == 0) {
            known = 1;
            if (plate_fits(ds->formats[i].pattern, plate))
                return 0;
        }
    if (!known)
        return 0;
    size_t k = 0, found = 0;
    out[0] = '\0';
    for (size_t i = 0; i < ds->n_formats && found < 3; i++) {
        const char *st = ds->formats[i].state;
        if (!plate_fits(ds->formats[i].pattern, plate) || strstr(out, st))
            continue;
        k += (size_t)snprintf(out + k, n > k ? n - k : 0, "%s%s",
                              found ? "," : "", st);
        found++;
    }
    return found > 0;
}

json_t *act_read_json(struct act_call *c, const struct lp_read_info *ri,
                      const struct act_places *sens, int *flagged)
{
    const struct policy *p = c->pol;
    const struct lp_read *r = &ri->r;
    char ob[24];
    lptime_format(r->observed_at, ob, sizeof ob);
    json_t *flags = json_array();
    json_t *o = json_object();
    json_object_set_new(o, "read_id", json_integer(r->id));
    json_object_set_new(o, "plate", json_string(r->plate));
    json_object_set_new(o, "state", json_string(r->state));
    json_object_set_new(o, "observed_at", json_string(ob));
    json_object_set_new(o, "camera_id", json_string(r->camera_id));
    json_object_set_new(o, "lat", json_real(r->lat));
    json_object_set_new(o, "lon", json_real(r->lon));
    json_object_set_new(o, "make", r->make ? json_string(r->make)
                                           : json_null());
    json_object_set_new(o, "model", r->model ? json_string(r->model)
                                             : json_null());
    json_object_set_new(o, "confidence", json_real(r->confidence));
    json_object_set_new(o, "source", json_string(r->source));
    json_object_set_new(o, "source_owner", ri->cam_owner
                        ? json_string(ri->cam_owner) : json_null());
    int64_t age = (c->ctx->now - r->observed_at) / LPTIME_DAY;
    json_object_set_new(o, "age_days", json_integer(age));
    if (r->confidence < p->low_confidence)
        json_array_append_new(flags, json_string("low-confidence"));
    if (r->confidence < p->misread_confidence) {
        json_t *a = act_alternatives(c, r->plate);
        if (json_array_size(a) > 0) {
            json_array_append_new(flags, json_string("possible-misread"));
            json_object_set(o, "alternatives", a);
        }
    }
    if (age > p->max_read_age_days)
        json_array_append_new(flags, json_string("old"));
    /* the results of one query share plate and state: look once */
    char key[48];
    snprintf(key, sizeof key, "%s/%s", r->plate, r->state ? r->state : "");
    if (strcmp(key, c->risk_for) != 0) {
        c->risk = state_risk(c, r->plate, r->state, c->risk_states,
                             sizeof c->risk_states);
        snprintf(c->risk_for, sizeof c->risk_for, "%s", key);
    }
    const char *likely = c->risk_states;
    if (c->risk) {
        json_array_append_new(flags, json_string("wrong-state-risk"));
        json_object_set_new(o, "likely_states", json_string(likely));
    }
    if (!ri->keeps_audit)
        json_array_append_new(flags, json_string("source-keeps-no-audit"));
    double d = 0;
    const struct lp_place *pl = act_places_near(sens, r->lat, r->lon, &d);
    if (pl) {
        json_array_append_new(flags, json_string("sensitive-location"));
        json_object_set_new(o, "sensitive_place", json_pack(
            "{s:s,s:s,s:i}", "name", pl->name, "category", pl->category,
            "distance_m", (int)lround(d)));
    }
    if (flagged)
        *flagged = json_array_size(flags) > 0;
    json_object_set_new(o, "flags", flags);
    return o;
}

/* ---- query ---- */

struct q_state {
    int64_t from, to;
    int case_ok;
    int64_t retention_cutoff;   /* INT64_MIN: none */
};

static const struct opt_spec query_opts[] = {
    {"plate", OPT_ARG, "P", "the full plate of the target vehicle"},
    {"state", OPT_ARG, "S", "state of registration (two letters)"},
    {"from", OPT_ARG, "TIME", "window start"},
    {"to", OPT_ARG, "TIME", "window end (a date alone covers the day)"},
    {"case", OPT_ARG, "N", "the open case the query serves"},
    {"reason", OPT_ARG, "TEXT", "why, for the audit log (one sentence)"},
    {"approval", OPT_ARG, "ID", "supervisor's approval id, when the reason "
                                "names a protected trait beside a lawful "
                                "purpose (IV.E)"},
    {NULL, 0, NULL, NULL},
};

static int check_state_opt(struct act_call *c, const char **state)
{
    const char *s = opts_get(&c->o, "state");
    *state = s;
    if (!s)
        return 0;
    if (strlen(s) != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' ||
        s[1] > 'Z')
        return act_usage(c, "--state must be two capital letters (e.g. KS), "
                         "not '%.20s'", s);
    return 0;
}

/* IV.M.2: a warning when the audit log is overdue for its review. */
static int audit_review_due(struct act_call *c)
{
    int64_t last = 0, first = 0;
    if (store_audit_review_times(c->st, &last, &first))
        return act_store_fail(c);
    int64_t since = last ? last : first;
    int64_t days = c->pol->audit_review_days;
    if (since && c->ctx->now - since > days * LPTIME_DAY) {
        char b[24];
        lptime_format_date(since, b, sizeof b);
        pol_add(&c->v, POL_WARN, RULE_IV_M_2, "the audit log is due for its "
                "review (every %lld days; %s %s): run 'audit review'",
                (long long)days, last ? "last review" : "entries since", b);
    }
    return 0;
}

/* The checks shared by query and analyze. */
static int plate_query_check(struct act_call *c, const char *missing_rule,
                             struct q_state *q)
{
    const char *state;
    struct lp_case cs;
    if (check_state_opt(c, &state))
        return -LP_USAGE;
    /* Malformed times are usage errors: parse before policy. */
    int g;
    int64_t t;
    if (act_time(c, "from", &t, &g) || act_time(c, "to", &t, &g))
        return -LP_USAGE;
    policy_check_plate(c->pol, opts_get(&c->o, "plate"), missing_rule,
                       c->plate, sizeof c->plate, &c->v);
    int rc = act_need_case(c, opts_get(&c->o, "case"), NULL, &cs);
    if (rc < 0)
        return rc;
    q->case_ok = rc;
    rc = act_window(c, q->case_ok ? &cs : NULL, &q->from, &q->to);
    store_case_clear(&cs);
    if (rc)
        return rc;
    c->reason = opts_get(&c->o, "reason");
    policy_check_reason(c->pol, c->reason, opts_get(&c->o, "approval"),
                        &c->v);
    q->retention_cutoff = INT64_MIN;
    if (c->pol->non_hit_retention_days >= 0) {
        q->retention_cutoff = c->ctx->now -
            (int64_t)c->pol->non_hit_retention_days * LPTIME_DAY;
        if (q->from < q->retention_cutoff && c->v.level != POL_DENY) {
            char b[24];
            lptime_format_date(q->retention_cutoff, b, sizeof b);
            pol_add(&c->v, POL_WARN, RULE_IV_G, "profile %s keeps reads that "
                    "raised no hotlist hit for %d days: before %s only hits "
                    "are returned", c->pol->name,
                    c->pol->non_hit_retention_days, b);
        }
    }
    return audit_review_due(c);
}

struct q_run {
    struct act_call *c;
    struct q_state *q;
    struct act_places *sens;
    int64_t *hit_ids;
    size_t n_hits, cap_hits;
    int flagged, sensitive, no_audit, withheld, truncated;
    size_t shown;
    const char *no_audit_source;
};

static int collect_hit(void *arg, const struct lp_hit *h)
{
    struct q_run *qr = arg;
    if (qr->n_hits == qr->cap_hits) {
        qr->cap_hits = qr->cap_hits ? qr->cap_hits * 2 : 16;
        qr->hit_ids = xrealloc(qr->hit_ids, qr->cap_hits * sizeof(int64_t));
    }
    qr->hit_ids[qr->n_hits++] = h->read_id;
    return 0;
}

static int is_hit(const struct q_run *qr, int64_t id)
{
    for (size_t i = 0; i < qr->n_hits; i++)
        if (qr->hit_ids[i] == id)
            return 1;
    return 0;
}

static int query_row(void *arg, const struct lp_read_info *ri)
{
    struct q_run *qr = arg;
    struct act_call *c = qr->c;
    if (qr->q->retention_cutoff != INT64_MIN &&
        ri->r.observed_at < qr->q->retention_cutoff &&
        !is_hit(qr, ri->r.id)) {
        qr->withheld++;
        return 0;
    }
    if (qr->shown >= (size_t)c->pol->max_results) {
        qr->truncated = 1;
        return 1;
    }
    int flagged = 0;
    json_t *o = act_read_json(c, ri, qr->sens, &flagged);
    qr->flagged += flagged;
    if (json_object_get(o, "sensitive_place"))
        qr->sensitive++;
    if (!ri->keeps_audit && !qr->no_audit) {
        qr->no_audit = 1;
        qr->no_audit_source = NULL;
    }
    json_array_append_new(c->results, o);
    qr->shown++;
    return 0;
}

/* Flags reads whose state is not the plate's most common state. */
static void flag_wrong_state(json_t *results)
{
    size_t i, n = json_array_size(results);
    const char *major = NULL;
    size_t best = 0;
    json_t *o;
    json_array_foreach(results, i, o) {
        const char *s = json_string_value(json_object_get(o, "state"));
        size_t k = 0;
        for (size_t j = 0; j < n; j++)
            k += strcmp(s, json_string_value(json_object_get(
                               json_array_get(results, j), "state"))) == 0;
        if (k > best) {
            best = k;
            major = s;
        }
    }
    if (!major || best == n)
        return;
    json_array_foreach(results, i, o) {
        const char *s = json_string_value(json_object_get(o, "state"));
        json_t *fl = json_object_get(o, "flags");
        int has = 0;
        size_t j;
        json_t *x;
        json_array_foreach(fl, j, x) {
            has |= strcmp(json_string_value(x), "wrong-state-risk") == 0;
        }
        if (strcmp(s, major) != 0 && !has)
            json_array_append_new(fl, json_string("wrong-state-risk"));
    }
}

static void results_table(struct act_call *c)
{
    size_t i;
    json_t *o;
    if (json_array_size(c->results) == 0)
        return;
    sb_printf(&c->text, "%-8s %-20s %-8s %-2s %-7s %-4s %-12s %s\n", "READ",
              "OBSERVED", "PLATE", "ST", "CAMERA", "CONF", "SOURCE", "FLAGS");
    json_array_foreach(c->results, i, o) {
        struct sb fl;
        sb_init(&fl);
        size_t j;
        json_t *f;
        json_array_foreach(json_object_get(o, "flags"), j, f) {
            if (fl.len)
                sb_putc(&fl, ',');
            sb_puts(&fl, json_string_value(f));
        }
        json_t *alts = json_object_get(o, "alternatives");
        if (alts && json_array_size(alts)) {
            sb_puts(&fl, " (maybe ");
            json_array_foreach(alts, j, f) {
                if (j)
                    sb_putc(&fl, ' ');
                sb_puts(&fl, json_string_value(f));
            }
            sb_putc(&fl, ')');
        }
        sb_printf(&c->text, "%-8lld %-20s %-8s %-2s %-7s %.2f %-12s %s\n",
                  (long long)json_integer_value(json_object_get(o, "read_id")),
                  json_string_value(json_object_get(o, "observed_at")),
                  json_string_value(json_object_get(o, "plate")),
                  json_string_value(json_object_get(o, "state")),
                  json_string_value(json_object_get(o, "camera_id")),
                  json_real_value(json_object_get(o, "confidence")),
                  json_string_value(json_object_get(o, "source")),
                  fl.len ? fl.buf : "-");
        sb_free(&fl);
    }
}

static void audit_ids(struct act_call *c, const char *what)
{
    size_t n = json_array_size(c->results), i;
    json_t *o;
    sb_printf(&c->audit_results, "%zu %s%s", n, what, n == 1 ? "" : "s");
    json_array_foreach(c->results, i, o) {
        if (i == 20) {
            sb_puts(&c->audit_results, ",...");
            break;
        }
        sb_printf(&c->audit_results, "%s%lld", i ? "," : ": ",
                  (long long)json_integer_value(json_object_get(o,
                                                                "read_id")));
    }
}

static int query_check(struct act_call *c)
{
    struct q_state *q = xcalloc(1, sizeof *q);
    c->state = q;
    return plate_query_check(c, RULE_IV_B, q);
}

static int run_plate_reads(struct act_call *c, struct q_state *q,
                           struct q_run *qr)
{
    int64_t added;
    if (act_scan_hits(c, &added))
        return -c->err->status;
    qr->c = c;
    qr->q = q;
    qr->sens = act_places_load(c, 1);
    if (!qr->sens)
        return -c->err->status;
    if (store_hits_each(c->st, 0, c->plate, collect_hit, qr) < 0)
        return act_store_fail(c);
    int pattern = strpbrk(c->plate, "*?") != NULL;
    int rc = (pattern ? store_reads_by_glob : store_reads_by_plate)(
        c->st, c->plate, opts_get(&c->o, "state"), q->from, q->to, 0,
        query_row, qr);
    if (rc < 0)
        return act_store_fail(c);
    return 0;
}

static int query_effect(struct act_call *c)
{
    struct q_state *q = c->state;
    struct q_run qr;
    memset(&qr, 0, sizeof qr);
    int rc = run_plate_reads(c, q, &qr);
    if (rc)
        goto out;
    flag_wrong_state(c->results);
    char fb[24], tb[24];
    lptime_format(q->from, fb, sizeof fb);
    lptime_format(q->to, tb, sizeof tb);
    pol_add(&c->v, POL_ALLOW, RULE_IV_I, "%zu read%s of %s%s%s%s from %s to %s "
            "only", qr.shown, qr.shown == 1 ? "" : "s",
            strpbrk(c->plate, "*?") ? "plates matching " : "", c->plate,
            opts_get(&c->o, "state") ? " " : "",
            opts_get(&c->o, "state") ? opts_get(&c->o, "state") : "", fb, tb);
    if (qr.truncated)
        pol_add(&c->v, POL_WARN, RULE_IV_B, "more than %d reads: only the "
                "first %d are shown; narrow the window", c->pol->max_results,
                c->pol->max_results);
    if (qr.withheld)
        pol_add(&c->v, POL_WARN, RULE_IV_G, "%d read%s older than %d days "
                "raised no hit and %s not kept under profile %s",
                qr.withheld, qr.withheld == 1 ? "" : "s",
                c->pol->non_hit_retention_days,
                qr.withheld == 1 ? "is" : "are", c->pol->name);
    if (qr.flagged)
        pol_add(&c->v, POL_ALLOW, RULE_IV_A_2, "%d result%s carr%s quality "
                "flags (low confidence, possible misread, age, state): "
                "verify before acting on %s", qr.flagged,
                qr.flagged == 1 ? "" : "s", qr.flagged == 1 ? "ies" : "y",
                qr.flagged == 1 ? "it" : "them");
    if (qr.sensitive)
        pol_add(&c->v, POL_ALLOW, RULE_IV_D, "%d read%s at or near a sensitive "
                "location: enforcement there needs supervisory approval",
                qr.sensitive, qr.sensitive == 1 ? " is" : "s are");
    if (qr.no_audit && !c->ctx->manual_audit)
        pol_add(&c->v, POL_WARN, RULE_IV_M_1, "a source in these results keeps "
                "no audit log of its own: record this query by hand "
                "('audit add' with the six fields)");
    if (qr.n_hits) {
        sb_printf(&c->text, "%s is on the hotlist: %zu hit%s (see 'hotlist "
                  "hits')\n", c->plate, qr.n_hits, qr.n_hits == 1 ? "" : "s");
        json_object_set_new(c->extra, "hits", json_integer((json_int_t)
                                                           qr.n_hits));
    }
    results_table(c);
    audit_ids(c, "read");
out:
    free(qr.hit_ids);
    act_places_free(qr.sens);
    return rc;
}

const struct action_def act_query = {
    .name = "query",
    .summary = "a policy-checked plate query",
    .opts = query_opts,
    .check = query_check,
    .effect = query_effect,
    .details =
        "Returns the reads of exactly one full plate inside the window "
        "(IV.B, IV.I).\nThe window may not reach back past the case's "
        "look-back (IV.J.1 criminal:\nthe statute of limitations; IV.J.2 "
        "civil: five years).  --case must name an\nopen case (IV.A.1); "
        "--reason is written to the audit log (IV.M.1).\nResults carry "
        "quality flags to check before acting (IV.A.2, IV.D).",
    .group = ACT_GROUP_CASES,
};

/* ---- geoquery ---- */

static const struct opt_spec geo_opts[] = {
    {"lat", OPT_ARG, "X", "centre latitude"},
    {"lon", OPT_ARG, "Y", "centre longitude"},
    {"radius", OPT_ARG, "M", "radius in metres"},
    {"from", OPT_ARG, "TIME", "window start"},
    {"to", OPT_ARG, "TIME", "window end"},
    {"case", OPT_ARG, "N", "the open case"},
    {"reason", OPT_ARG, "TEXT", "why, for the audit log"},
    {"approval", OPT_ARG, "ID", "supervisor's approval id (IV.E)"},
    {NULL, 0, NULL, NULL},
};

struct g_state {
    struct q_state q;
    double lat, lon, radius;
};

static int geo_check(struct act_call *c)
{
    struct g_state *g = xcalloc(1, sizeof *g);
    c->state = g;
    const char *la = opts_get(&c->o, "lat"), *lo = opts_get(&c->o, "lon"),
               *ra = opts_get(&c->o, "radius");
    if ((la && lp_parse_double(la, -90, 90, &g->lat)) ||
        (lo && lp_parse_double(lo, -180, 180, &g->lon)) ||
        (ra && lp_parse_double(ra, 1, 100000, &g->radius)))
        return act_usage(c, "--lat (-90..90), --lon (-180..180) and --radius "
                         "(1..100000 metres) must be numbers");
    int gv;
    int64_t t;
    if (act_time(c, "from", &t, &gv) || act_time(c, "to", &t, &gv))
        return -LP_USAGE;
    if (!c->pol->allow_geo)
        pol_add(&c->v, POL_DENY, RULE_IV_B, "area (geographic) queries are not "
                "allowed under profile %s: a query starts from the plate of "
                "a known target vehicle", c->pol->name);
    if (!la || !lo || !ra)
        pol_add(&c->v, POL_DENY, RULE_IV_B, "an area query needs --lat, --lon "
                "and --radius");
    struct lp_case cs;
    int rc = act_need_case(c, opts_get(&c->o, "case"), NULL, &cs);
    if (rc < 0)
        return rc;
    g->q.case_ok = rc;
    rc = act_window(c, g->q.case_ok ? &cs : NULL, &g->q.from, &g->q.to);
    store_case_clear(&cs);
    if (rc)
        return rc;
    c->reason = opts_get(&c->o, "reason");
    policy_check_reason(c->pol, c->reason, opts_get(&c->o, "approval"),
                        &c->v);
    return 0;
}

struct g_run {
    struct act_call *c;
    struct g_state *g;
    struct act_places *sens;
};

static int geo_row(void *arg, const struct lp_read_info *ri)
{
    struct g_run *gr = arg;
    if (policy_distance_m(gr->g->lat, gr->g->lon, ri->r.lat, ri->r.lon) >
        gr->g->radius)
        return 0;
    if (json_array_size(gr->c->results) >= (size_t)gr->c->pol->max_results)
        return 1;
    json_array_append_new(gr->c->results,
                          act_read_json(gr->c, ri, gr->sens, NULL));
    return 0;
}

static int geo_effect(struct act_call *c)
{
    struct g_state *g = c->state;
    struct g_run gr = {c, g, act_places_load(c, 1)};
    if (!gr.sens)
        return -c->err->status;
    double dlat = g->radius / 111000.0,
           dlon = g->radius / (111000.0 * cos(g->lat * M_PI / 180.0) + 1);
    int rc = store_reads_in_box(c->st, g->lat - dlat, g->lat + dlat,
                                g->lon - dlon, g->lon + dlon, g->q.from,
                                g->q.to, 0, geo_row, &gr);
    act_places_free(gr.sens);
    if (rc < 0)
        return act_store_fail(c);
    results_table(c);
    audit_ids(c, "read");
    return 0;
}

const struct action_def act_geoquery = {
    .name = "geoquery",
    .summary = "an area query (refused under the default profile)",
    .opts = geo_opts,
    .check = geo_check,
    .effect = geo_effect,
    .details =
        RULE_IV_B ": no geographic query where no plate of a target vehicle "
        "is known.\nThe default profile refuses every area query; the refusal "
        "is audited.",
    .group = ACT_GROUP_CASES,
};

/* ---- analyze ---- */

#define AN_MAX_READS 20000

struct a_place {
    const struct lp_place *p;
    int visits;
    int64_t first, last;
};

struct a_run {
    struct act_call *c;
    struct act_places *all;
    struct a_place *pl;
    size_t npl;
    json_t *cams;      /* object camera -> count */
    int hours[24];
    int reads;
};

static int analyze_row(void *arg, const struct lp_read_info *ri)
{
    struct a_run *ar = arg;
    if (++ar->reads > AN_MAX_READS)
        return 1;
    struct tm tm;
    time_t t = (time_t)ri->r.observed_at;
    gmtime_r(&t, &tm);
    ar->hours[tm.tm_hour]++;
    json_t *n = json_object_get(ar->cams, ri->r.camera_id);
    json_object_set_new(ar->cams, ri->r.camera_id,
                        json_integer(n ? json_integer_value(n) + 1 : 1));
    double d = 0;
    const struct lp_place *p = act_places_nearest(ar->all, ri->r.lat,
                                                  ri->r.lon, 400, &d);
    if (!p)
        return 0;
    for (size_t i = 0; i < ar->npl; i++)
        if (ar->pl[i].p == p) {
            ar->pl[i].visits++;
            ar->pl[i].last = ri->r.observed_at;
            return 0;
        }
    ar->pl = xrealloc(ar->pl, (ar->npl + 1) * sizeof *ar->pl);
    ar->pl[ar->npl++] = (struct a_place){p, 1, ri->r.observed_at,
                                         ri->r.observed_at};
    return 0;
}

static int cmp_visits(const void *a, const void *b)
{
    const struct a_place *x = a, *y = b;
    if (x->visits != y->visits)
        return y->visits - x->visits;
    return x->p->id < y->p->id ? -1 : x->p->id > y->p->id;
}

static int analyze_check(struct act_call *c)
{
    struct q_state *q = xcalloc(1, sizeof *q);
    c->state = q;
    int rc = plate_query_check(c, RULE_IV_L, q);
    if (rc == 0 && (pol_has_rule(&c->v, RULE_IV_B) || strpbrk(c->plate, "*?")))
        pol_add(&c->v, POL_DENY, RULE_IV_L, "analysis runs only for one known, "
                "full plate: no pattern search over unknown vehicles");
    return rc;
}

static int analyze_effect(struct act_call *c)
{
    struct q_state *q = c->state;
    struct a_run ar;
    memset(&ar, 0, sizeof ar);
    ar.c = c;
    ar.cams = json_object();
    ar.all = act_places_load(c, 0);
    int rc = 0;
    if (!ar.all) {
        rc = -c->err->status;
        goto out;
    }
    if (store_reads_by_plate(c->st, c->plate, opts_get(&c->o, "state"),
                             q->from, q->to, AN_MAX_READS + 1, analyze_row,
                             &ar) < 0) {
        rc = act_store_fail(c);
        goto out;
    }
    int reads = ar.reads > AN_MAX_READS ? AN_MAX_READS : ar.reads;
    qsort(ar.pl, ar.npl, sizeof *ar.pl, cmp_visits);
    sb_printf(&c->text, "pattern of %s: %d read%s, %zu place%s, %zu "
              "camera%s\n", c->plate, reads, reads == 1 ? "" : "s", ar.npl,
              ar.npl == 1 ? "" : "s", json_object_size(ar.cams),
              json_object_size(ar.cams) == 1 ? "" : "s");
    int sensitive = 0;
    for (size_t i = 0; i < ar.npl; i++) {
        char fb[24], lb[24];
        lptime_format(ar.pl[i].first, fb, sizeof fb);
        lptime_format(ar.pl[i].last, lb, sizeof lb);
        const struct lp_place *p = ar.pl[i].p;
        sensitive += p->sensitive;
        json_array_append_new(c->results, json_pack(
            "{s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:b}", "kind", "place", "place",
            p->slug, "name", p->name, "category", p->category, "visits",
            ar.pl[i].visits, "first", fb, "last", lb, "sensitive",
            p->sensitive));
        sb_printf(&c->text, "  place  %-28s %-18s %4d visit%s%s\n", p->name,
                  p->category, ar.pl[i].visits,
                  ar.pl[i].visits == 1 ? "" : "s",
                  p->sensitive ? "  (sensitive location)" : "");
    }
    const char *cam;
    json_t *cnt;
    json_object_foreach(ar.cams, cam, cnt) {
        json_array_append_new(c->results, json_pack(
            "{s:s,s:s,s:I}", "kind", "camera", "camera_id", cam, "reads",
            json_integer_value(cnt)));
        sb_printf(&c->text, "  camera %-10s %4lld read%s\n", cam,
                  (long long)json_integer_value(cnt),
                  json_integer_value(cnt) == 1 ? "" : "s");
    }
    json_t *hours = json_array();
    sb_puts(&c->text, "  hours  ");
    for (int h = 0; h < 24; h++) {
        json_array_append_new(hours, json_integer(ar.hours[h]));
        sb_printf(&c->text, "%02d:%d%s", h, ar.hours[h], h < 23 ? " " : "\n");
    }
    json_object_set_new(c->extra, "hours", hours);
    json_object_set_new(c->extra, "reads", json_integer(reads));
    pol_add(&c->v, POL_ALLOW, RULE_IV_L, "pattern analysis of the known plate "
            "%s over %d read%s in the window", c->plate, reads,
            reads == 1 ? "" : "s");
    if (sensitive)
        pol_add(&c->v, POL_ALLOW, RULE_IV_D, "the pattern includes %d "
                "sensitive location%s: enforcement there needs supervisory "
                "approval", sensitive, sensitive == 1 ? "" : "s");
    sb_printf(&c->audit_results, "pattern: %d reads, %zu places, %zu "
              "cameras", reads, ar.npl, json_object_size(ar.cams));
out:
    free(ar.pl);
    json_decref(ar.cams);
    act_places_free(ar.all);
    return rc;
}

const struct action_def act_analyze = {
    .name = "analyze",
    .summary = "route and pattern analysis of one known plate",
    .opts = query_opts,
    .check = analyze_check,
    .effect = analyze_effect,
    .details =
        RULE_IV_L ": places visited, times of day and cameras for one known "
        "plate,\nunder the same limits as a query (case, window, reason).",
    .group = ACT_GROUP_CASES,
};
