/*
 * console.c - the scenario console's shared logic (see console.h): action
 * lines from forms, feedback lines, result rows, sorting and the map.
 */
#include "core/learn/console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/policy/rules.h"
#include "core/store/store_audit.h"
#include "core/store/store_world.h"
#include "util/lptime.h"
#include "util/words.h"

const char *const con_col_names[COL_N] = {
    "id", "plate", "st", "observed (UTC)", "camera", "conf", "source",
    "flags"};

static void copy_str(char *dst, size_t n, const json_t *v)
{
    const char *s = json_string_value(v);
    snprintf(dst, n, "%s", s ? s : "");
}

size_t con_reads_from_doc(const json_t *doc, struct con_read **v)
{
    const json_t *res = json_object_get(doc, "results");
    size_t n = json_is_array(res) ? json_array_size(res) : 0;
    *v = xcalloc(n + 1, sizeof **v);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(res, i);
        if (!json_is_object(o))
            continue;
        struct con_read *r = &(*v)[k++];
        r->id = json_integer_value(json_object_get(o, "read_id"));
        copy_str(r->plate, sizeof r->plate, json_object_get(o, "plate"));
        copy_str(r->state, sizeof r->state, json_object_get(o, "state"));
        copy_str(r->camera, sizeof r->camera, json_object_get(o, "camera_id"));
        copy_str(r->make, sizeof r->make, json_object_get(o, "make"));
        copy_str(r->model, sizeof r->model, json_object_get(o, "model"));
        copy_str(r->source, sizeof r->source, json_object_get(o, "source"));
        const json_t *at = json_object_get(o, "observed_at");
        if (json_is_string(at))
            lptime_parse(json_string_value(at), &r->at);
        else
            r->at = json_integer_value(at);
        r->lat = json_number_value(json_object_get(o, "lat"));
        r->lon = json_number_value(json_object_get(o, "lon"));
        r->conf = json_number_value(json_object_get(o, "confidence"));
        const json_t *fl = json_object_get(o, "flags");
        struct sb s;
        sb_init(&s);
        if (json_is_array(fl)) {
            for (size_t j = 0; j < json_array_size(fl); j++) {
                const json_t *f = json_array_get(fl, j);
                const char *t = json_string_value(f);
                if (!t && json_is_object(f))
                    t = json_string_value(json_object_get(f, "flag"));
                if (t)
                    sb_printf(&s, "%s%s", s.len ? ", " : "", t);
            }
        } else if (json_is_string(fl)) {
            sb_puts(&s, json_string_value(fl));
        }
        snprintf(r->flags, sizeof r->flags, "%s", s.buf ? s.buf : "");
        sb_reset(&s);
        const json_t *alt = json_object_get(o, "alternatives");
        for (size_t j = 0; json_is_array(alt) && j < json_array_size(alt);
             j++) {
            const char *t = json_string_value(json_array_get(alt, j));
            if (t)
                sb_printf(&s, "%s%s", j ? ", " : "", t);
        }
        snprintf(r->alternatives, sizeof r->alternatives, "%s",
                 s.buf ? s.buf : "");
        sb_free(&s);
        const json_t *sp = json_object_get(o, "sensitive_place");
        copy_str(r->place, sizeof r->place, json_object_get(sp, "name"));
        r->place_m = (int)json_integer_value(json_object_get(sp,
                                                             "distance_m"));
        const json_t *age = json_object_get(o, "age_days");
        r->age_days = json_is_integer(age) ? json_integer_value(age) : -1;
        copy_str(r->owner, sizeof r->owner, json_object_get(o,
                                                            "source_owner"));
    }
    return k;
}

static int sort_col, sort_desc;

static int cmp_num(double a, double b)
{
    return a < b ? -1 : a > b ? 1 : 0;
}

static int cmp_read(const void *x, const void *y)
{
    const struct con_read *a = x, *b = y;
    int c = 0;
    switch (sort_col) {
    case COL_PLATE: c = strcmp(a->plate, b->plate); break;
    case COL_STATE: c = strcmp(a->state, b->state); break;
    case COL_TIME: c = cmp_num((double)a->at, (double)b->at); break;
    case COL_CAMERA: c = strcmp(a->camera, b->camera); break;
    case COL_CONF: c = cmp_num(a->conf, b->conf); break;
    case COL_SOURCE: c = strcmp(a->source, b->source); break;
    case COL_FLAGS: c = strcmp(a->flags, b->flags); break;
    default: break;
    }
    if (sort_desc)
        c = -c;
    if (c == 0)
        c = cmp_num((double)a->id, (double)b->id);
    return c;
}

void con_reads_sort(struct con_read *v, size_t n, int col, int desc)
{
    sort_col = col;
    sort_desc = desc;
    if (n > 1)
        qsort(v, n, sizeof *v, cmp_read);
}

void con_read_details(const struct con_read *r, struct sb *out)
{
    char at[32];
    lptime_format(r->at, at, sizeof at);
    at[16] = 'Z'; /* 2026-03-02T09:00Z: minutes are enough */
    at[17] = '\0';
    sb_printf(out, "Read %lld: %s (%s) %s, camera %s (%s%s%s)\n",
              (long long)r->id, r->plate, r->state[0] ? r->state : "?", at,
              r->camera, r->owner, r->owner[0] ? ", " : "", r->source);
    sb_printf(out, "vehicle %s %s; confidence %.2f",
              r->make[0] ? r->make : "?", r->model[0] ? r->model : "?",
              r->conf);
    if (r->age_days >= 0)
        sb_printf(out, "; %lld days old", (long long)r->age_days);
    sb_printf(out, "; at %.5f, %.5f\n", r->lat, r->lon);
    sb_printf(out, "flags: %s%s%s\n",
              r->flags[0] ? r->flags : "none (quality looks fine)",
              r->alternatives[0] ? "; could be " : "", r->alternatives);
    if (r->place[0])
        sb_printf(out, "%d m from %s: a sensitive location (%s: approval "
                  "before enforcement)\n", r->place_m, r->place, RULE_IV_D);
}

int con_reply_request(const char *line, char *id, size_t n)
{
    struct words w;
    struct lp_err err = {0};
    int found = 0;
    if (!line || words_split(line, &w, &err))
        return 0;
    if (w.argc >= 2 && strcmp(w.argv[0], "reply") == 0)
        for (int i = 1; i + 1 < w.argc; i++)
            if (strcmp(w.argv[i], "--request") == 0) {
                snprintf(id, n, "%s", w.argv[i + 1]);
                found = 1;
                break;
            }
    words_free(&w);
    return found;
}

void con_read_cell(const struct con_read *r, int col, char *buf, size_t n)
{
    char t[32];
    switch (col) {
    case COL_ID: snprintf(buf, n, "%lld", (long long)r->id); break;
    case COL_PLATE: snprintf(buf, n, "%s", r->plate); break;
    case COL_STATE: snprintf(buf, n, "%s", r->state); break;
    case COL_TIME:
        lptime_format(r->at, t, sizeof t);
        t[16] = '\0'; /* 2026-03-02T09:00 */
        snprintf(buf, n, "%s", t);
        break;
    case COL_CAMERA: snprintf(buf, n, "%s", r->camera); break;
    case COL_CONF: snprintf(buf, n, "%.2f", r->conf); break;
    case COL_SOURCE: snprintf(buf, n, "%s", r->source); break;
    case COL_FLAGS: snprintf(buf, n, "%s", r->flags); break;
    default: snprintf(buf, n, "?"); break;
    }
}

char *con_line(const char *cmd, const char *const *opts,
               const char *const *vals, size_t n)
{
    struct sb s;
    sb_init(&s);
    sb_puts(&s, cmd);
    for (size_t i = 0; i < n; i++) {
        if (!vals[i] || !vals[i][0])
            continue;
        sb_printf(&s, " --%s ", opts[i]);
        words_quote(&s, vals[i]);
    }
    return sb_steal(&s);
}

const char *con_check_time(const char *v)
{
    int64_t t;
    if (!v || !*v)
        return NULL;
    if (lptime_parse(v, &t))
        return "not a date: use YYYY-MM-DD";
    return NULL;
}

void con_feedback(const struct action_result *r, char *buf, size_t n,
                  int *kind)
{
    const char *verdict = json_string_value(json_object_get(r->doc,
                                                            "verdict"));
    const char *reason = json_string_value(json_object_get(r->doc,
                                                           "reason"));
    const json_t *rules = json_object_get(r->doc, "rules");
    const json_t *res = json_object_get(r->doc, "results");
    char rl[120] = "";
    size_t off = 0;
    for (size_t i = 0; json_is_array(rules) && i < json_array_size(rules);
         i++) {
        const char *id = json_string_value(json_array_get(rules, i));
        if (id && off < sizeof rl)
            off += (size_t)snprintf(rl + off, sizeof rl - off, "%s%s",
                                    i ? ", " : "", id);
    }
    if (!verdict) {
        *kind = r->status == LP_REFUSED ? CON_DENY : CON_ERROR;
        snprintf(buf, n, "%s: %s",
                 r->status == LP_REFUSED ? "Refused" : "Not done",
                 r->err.msg[0] ? r->err.msg
                 : r->text.buf ? r->text.buf : "no answer from the action");
        return;
    }
    if (strcmp(verdict, "deny") == 0) {
        *kind = CON_DENY;
        snprintf(buf, n, "Refused under %s: %s", rl[0] ? rl : "policy",
                 reason ? reason : "");
    } else if (strcmp(verdict, "warn") == 0) {
        *kind = CON_WARN;
        snprintf(buf, n, "Allowed with a warning (%s): %s", rl,
                 reason ? reason : "");
    } else {
        *kind = CON_ALLOW;
        const char *act = json_string_value(json_object_get(r->doc,
                                                            "action"));
        if (json_is_array(res) && act &&
            (strcmp(act, "query") == 0 || strcmp(act, "geoquery") == 0))
            snprintf(buf, n, "Allowed: %zu result%s.%s%s",
                     json_array_size(res),
                     json_array_size(res) == 1 ? "" : "s",
                     reason && *reason ? " " : "", reason ? reason : "");
        else
            snprintf(buf, n, "Allowed.%s%s", reason && *reason ? " " : "",
                     reason ? reason : "");
    }
}

struct places_acc {
    struct con_place *v;
    size_t n, max;
};

static int place_cb(void *arg, const struct lp_place *p)
{
    struct places_acc *a = arg;
    if (!p->sensitive)
        return 0;
    if (a->n >= a->max)
        return 1;
    struct con_place *c = &a->v[a->n++];
    c->lat = p->lat;
    c->lon = p->lon;
    c->radius_m = p->radius_m;
    snprintf(c->name, sizeof c->name, "%s", p->name);
    return 0;
}

int con_places(struct store *st, struct con_place *v, size_t max)
{
    struct places_acc a = {v, 0, max};
    int rc = store_places_each(st, 0, place_cb, &a);
    return rc < 0 ? rc : (int)a.n;
}

void con_map(const struct con_read *v, size_t n, const struct con_place *pl,
             size_t np, int w, int h, char *grid)
{
    memset(grid, '.', (size_t)w * (size_t)h);
    if (n == 0 || w < 2 || h < 2)
        return;
    double la0 = v[0].lat, lo0 = v[0].lon;
    double la1 = la0, lo1 = lo0;
    for (size_t i = 1; i < n; i++) {
        if (v[i].lat < la0) la0 = v[i].lat;
        if (v[i].lat > la1) la1 = v[i].lat;
        if (v[i].lon < lo0) lo0 = v[i].lon;
        if (v[i].lon > lo1) lo1 = v[i].lon;
    }
    double pad_la = (la1 - la0) * 0.1 + 0.002, pad_lo = (lo1 - lo0) * 0.1
                                                        + 0.002;
    la0 -= pad_la;
    la1 += pad_la;
    lo0 -= pad_lo;
    lo1 += pad_lo;
    for (size_t i = 0; i < np; i++) {
        if (pl[i].lat < la0 || pl[i].lat > la1 || pl[i].lon < lo0 ||
            pl[i].lon > lo1)
            continue;
        int x = (int)((pl[i].lon - lo0) / (lo1 - lo0) * (w - 1) + 0.5);
        int y = (int)((la1 - pl[i].lat) / (la1 - la0) * (h - 1) + 0.5);
        grid[y * w + x] = 'S';
    }
    /* order by time without disturbing the caller's rows */
    struct con_read *byt = xmalloc((n + 1) * sizeof *byt);
    memcpy(byt, v, n * sizeof *byt);
    con_reads_sort(byt, n, COL_TIME, 0);
    static const char marks[] = "123456789abcdefghijklmnopqrstuvwxyz";
    for (size_t k = 0; k < n; k++) {
        const struct con_read *r = &byt[k];
        int x = (int)((r->lon - lo0) / (lo1 - lo0) * (w - 1) + 0.5);
        int y = (int)((la1 - r->lat) / (la1 - la0) * (h - 1) + 0.5);
        char *c = &grid[y * w + x];
        char m = k < sizeof marks - 1 ? marks[k] : '+';
        *c = (*c == '.' || *c == 'S') ? m : '*';
    }
    free(byt);
}

/* ---- the audit list ---- */

static int audit_row(void *arg, const struct store_audit_row *r)
{
    struct sb *out = arg;
    char t[32];
    lptime_format(r->at, t, sizeof t);
    t[16] = '\0';
    /* who, plate, case and reason first: what a reviewer reads */
    sb_printf(out, "%4lld %s %-8.8s %-8.8s %-14.14s %s | %s %s %s%s\n",
              (long long)r->id, t, r->user_id, r->plate ? r->plate : "-",
              r->case_number ? r->case_number : "-",
              r->reason && *r->reason ? r->reason : "(no reason)",
              r->action, r->verdict, r->rules, r->manual ? " by hand" : "");
    if (r->results && *r->results)
        sb_printf(out, "     results: %s\n", r->results);
    return 0;
}

int con_audit_lines(struct store *st, int max, struct sb *out,
                    struct lp_err *err)
{
    struct store_audit_filter f;
    memset(&f, 0, sizeof f);
    f.limit = max;
    int rc = store_audit_select(st, &f, audit_row, out);
    if (rc < 0) {
        *err = *store_err(st);
        return rc;
    }
    return 0;
}
