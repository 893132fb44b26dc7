/*
 * scenario.c - loading a scenario file (evaluated in a sandboxed child),
 * linting it against the format of scenarios/README.md, evaluating its Lua
 * function checks, and the texts of rules and reports.
 */
#include "script/scenario.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/action/action.h"
#include "core/policy/rules.h"
#include "script/check.h"
#include "script/child.h"
#include "script/host.h"
#include "script/scenario_int.h"
#include "util/lptime.h"
#include "util/words.h"

/* ---- the scenario object ---- */

const json_t *scenario_doc(const struct scenario *sc) { return sc->doc; }
const char *scenario_path(const struct scenario *sc) { return sc->path; }
const char *scenario_hash(const struct scenario *sc) { return sc->hash; }
int64_t scenario_seed(const struct scenario *sc) { return sc->seed; }
int64_t scenario_now(const struct scenario *sc) { return sc->now; }

const char *scenario_id(const struct scenario *sc)
{
    return json_string_value(json_object_get(sc->doc, "id"));
}

const char *scenario_title(const struct scenario *sc)
{
    return json_string_value(json_object_get(sc->doc, "title"));
}

void scenario_free(struct scenario *sc)
{
    if (!sc)
        return;
    json_decref(sc->doc);
    free(sc->src);
    free(sc->path);
    free(sc);
}

/* ---- line numbers for messages ---- */

/* The line of the first occurrence of word in src as a key ("word =") when
 * assign is set, else anywhere; 0 when absent. */
static int find_line(const char *src, const char *word, int assign)
{
    size_t n = strlen(word);
    if (!n)
        return 0;
    int line = 1;
    for (const char *p = src; *p; p++) {
        if (*p == '\n') {
            line++;
            continue;
        }
        if (strncmp(p, word, n) != 0)
            continue;
        if (!assign)
            return line;
        int before_ok = p == src || !(isalnum((unsigned char)p[-1]) ||
                                      p[-1] == '_');
        const char *q = p + n;
        while (*q == ' ' || *q == '\t')
            q++;
        if (before_ok && *q == '=' && q[1] != '=')
            return line;
    }
    return 0;
}

/* Best line for a dotted path ("objectives.2.weight") with an optional
 * hint text that identifies the item. */
static int locate(const struct scenario *sc, const char *path,
                  const char *hint)
{
    int l = 0;
    if (hint && *hint) {
        char h[40];
        snprintf(h, sizeof h, "%s", hint);
        l = find_line(sc->src, h, 0);
    }
    if (l)
        return l;
    const char *last = strrchr(path, '.');
    last = last ? last + 1 : path;
    if (!(*last >= '0' && *last <= '9'))
        l = find_line(sc->src, last, 1);
    if (!l) {
        char first[64];
        snprintf(first, sizeof first, "%.*s", (int)strcspn(path, "."), path);
        l = find_line(sc->src, first, 1);
    }
    return l ? l : 1;
}

int scenario_line(const struct scenario *sc, const char *path,
                  const char *hint)
{
    return locate(sc, path, hint);
}

static int lint_fail(const struct scenario *sc, const char *path,
                     const char *hint, struct lp_err *err, const char *fmt,
                     ...) __attribute__((format(printf, 5, 6)));

static int lint_fail(const struct scenario *sc, const char *path,
                     const char *hint, struct lp_err *err, const char *fmt,
                     ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return lp_errf(err, LP_USAGE, "%s:%d: %s", sc->path,
                   locate(sc, path, hint), msg);
}

/* ---- structural lint ---- */

enum ft { F_STR, F_INT, F_NUM, F_BOOL, F_TIME, F_STRS, F_RULES, F_LIST,
          F_OBJ, F_CHECK };

struct fspec {
    const char *key;
    enum ft t;
    int req;
    const struct fspec *sub;
};

#define END {NULL, 0, 0, NULL}

static const struct fspec faults_spec[] = {
    {"ocr", F_NUM, 0, NULL}, {"partial", F_NUM, 0, NULL},
    {"state", F_NUM, 0, NULL}, {"dup", F_NUM, 0, NULL}, END};
static const struct fspec world_spec[] = {
    {"seed", F_INT, 0, NULL}, {"vehicles", F_INT, 0, NULL},
    {"days", F_INT, 0, NULL}, {"reads_per_vehicle", F_INT, 0, NULL},
    {"faults", F_OBJ, 0, faults_spec}, END};
static const struct fspec person_spec[] = {
    {"id", F_STR, 1, NULL}, {"name", F_STR, 1, NULL},
    {"role", F_STR, 0, NULL}, {"trained", F_BOOL, 0, NULL}, END};
static const struct fspec place_spec[] = {
    {"slug", F_STR, 1, NULL}, {"name", F_STR, 1, NULL},
    {"category", F_STR, 1, NULL}, {"lat", F_NUM, 1, NULL},
    {"lon", F_NUM, 1, NULL}, {"radius", F_INT, 0, NULL},
    {"sensitive", F_BOOL, 0, NULL}, END};
static const struct fspec camera_spec[] = {
    {"id", F_STR, 1, NULL}, {"name", F_STR, 0, NULL},
    {"owner", F_STR, 1, NULL}, {"source", F_STR, 0, NULL},
    {"type", F_STR, 0, NULL}, {"lat", F_NUM, 1, NULL},
    {"lon", F_NUM, 1, NULL}, {"keeps_audit", F_BOOL, 0, NULL}, END};
static const struct fspec case_spec[] = {
    {"number", F_STR, 1, NULL}, {"type", F_STR, 1, NULL},
    {"violation", F_STR, 0, NULL}, {"limitation_years", F_INT, 0, NULL},
    {"status", F_STR, 0, NULL}, {"opened", F_TIME, 1, NULL},
    {"closed", F_TIME, 0, NULL}, {"owner", F_STR, 0, NULL},
    {"title", F_STR, 0, NULL}, END};
static const struct fspec entry_spec[] = {
    {"plate", F_STR, 1, NULL}, {"state", F_STR, 0, NULL},
    {"case", F_STR, 1, NULL}, {"tracking", F_STR, 1, NULL},
    {"note", F_STR, 0, NULL}, {"added_by", F_STR, 0, NULL},
    {"added", F_TIME, 0, NULL}, END};
static const struct fspec hotlist_spec[] = {
    {"name", F_STR, 0, NULL}, {"created", F_TIME, 1, NULL},
    {"reviewed", F_TIME, 0, NULL}, {"entries", F_LIST, 0, entry_spec}, END};
static const struct fspec read_spec[] = {
    {"id", F_INT, 0, NULL}, {"plate", F_STR, 1, NULL},
    {"state", F_STR, 1, NULL}, {"at", F_TIME, 1, NULL},
    {"camera", F_STR, 1, NULL}, {"confidence", F_NUM, 0, NULL},
    {"make", F_STR, 0, NULL}, {"model", F_STR, 0, NULL},
    {"source", F_STR, 0, NULL}, {"true_plate", F_STR, 0, NULL},
    {"fault", F_STR, 0, NULL}, {"image", F_STR, 0, NULL}, END};
static const struct fspec audit_spec[] = {
    {"user", F_STR, 1, NULL}, {"action", F_STR, 0, NULL},
    {"plate", F_STR, 0, NULL}, {"case", F_STR, 0, NULL},
    {"reason", F_STR, 0, NULL}, {"at", F_TIME, 1, NULL},
    {"results", F_STR, 0, NULL}, {"verdict", F_STR, 0, NULL},
    {"rules", F_STR, 0, NULL}, {"manual", F_BOOL, 0, NULL}, END};
static const struct fspec setup_spec[] = {
    {"user", F_STR, 1, NULL}, {"at", F_TIME, 1, NULL},
    {"line", F_STR, 1, NULL}, {"src_line", F_INT, 0, NULL}, END};
static const struct fspec inbox_spec[] = {
    {"id", F_STR, 1, NULL}, {"from", F_STR, 1, NULL},
    {"subject", F_STR, 0, NULL}, {"body", F_STR, 1, NULL},
    {"lawful", F_BOOL, 0, NULL}, {"culprits", F_STRS, 0, NULL},
    {"rules", F_RULES, 0, NULL}, END};
static const struct fspec objective_spec[] = {
    {"id", F_STR, 0, NULL}, {"text", F_STR, 1, NULL},
    {"weight", F_NUM, 1, NULL}, {"rules", F_RULES, 1, NULL},
    {"check", F_CHECK, 1, NULL}, {"explain", F_STR, 0, NULL}, END};
static const struct fspec critical_spec[] = {
    {"text", F_STR, 1, NULL}, {"rules", F_RULES, 1, NULL},
    {"check", F_CHECK, 1, NULL}, END};
static const struct fspec pitfall_spec[] = {
    {"name", F_STR, 1, NULL}, {"rule", F_STR, 1, NULL},
    {"actions", F_STRS, 1, NULL}, END};
static const struct fspec top_spec[] = {
    {"id", F_STR, 1, NULL}, {"title", F_STR, 1, NULL},
    {"summary", F_STR, 0, NULL}, {"tracks", F_STRS, 0, NULL},
    {"rules", F_RULES, 1, NULL}, {"now", F_TIME, 1, NULL},
    {"profile", F_STR, 0, NULL}, {"world", F_OBJ, 0, world_spec},
    {"people", F_LIST, 0, person_spec}, {"places", F_LIST, 0, place_spec},
    {"cameras", F_LIST, 0, camera_spec}, {"cases", F_LIST, 0, case_spec},
    {"hotlists", F_LIST, 0, hotlist_spec}, {"reads", F_LIST, 0, read_spec},
    {"audit_history", F_LIST, 0, audit_spec},
    {"setup_actions", F_LIST, 0, setup_spec},
    {"manual_audit", F_BOOL, 0, NULL}, {"briefing", F_STR, 1, NULL},
    {"task", F_STR, 0, NULL},
    {"inbox", F_LIST, 0, inbox_spec},
    {"objectives", F_LIST, 1, objective_spec},
    {"critical", F_LIST, 0, critical_spec}, {"hints", F_STRS, 0, NULL},
    {"debrief", F_STR, 0, NULL}, {"pass", F_NUM, 0, NULL},
    {"solution", F_STRS, 1, NULL}, {"pitfalls", F_LIST, 0, pitfall_spec},
    END};

/* The range of every number a scenario may give, by key (a key names the
 * same kind of number wherever it stands); checked by lint so that no
 * extreme value reaches the world, the store or a time computation. */
static const struct {
    const char *key;
    double lo, hi;
} num_range[] = {
    {"seed", 0, 9007199254740991.0}, {"vehicles", 0, 20000},
    {"days", 1, 3650}, {"reads_per_vehicle", 0, 50},
    {"ocr", 0, 1}, {"partial", 0, 1}, {"state", 0, 1}, {"dup", 0, 1},
    {"lat", -90, 90}, {"lon", -180, 180}, {"radius", 1, 100000},
    {"limitation_years", 0, 100}, {"id", 1, 9007199254740991.0},
    {"confidence", 0, 1}, {"src_line", 0, 1000000}, {"weight", 0, 1000},
    {"pass", 0, 100},
};

/* The most entries a list may hold, by key, so that checking any one file
 * ends in seconds (every pitfall and the solution run for every seed). */
static const struct {
    const char *key;
    size_t max;
} list_max[] = {
    {"pitfalls", 20},   {"solution", 200},   {"actions", 200},
    {"objectives", 40}, {"critical", 20},    {"inbox", 40},
    {"reads", 5000},    {"cases", 200},      {"hotlists", 20},
    {"entries", 500},   {"people", 200},     {"places", 200},
    {"cameras", 200},   {"audit_history", 5000}, {"setup_actions", 200},
    {"hints", 20},      {"tracks", 4},       {"rules", 20},
};

static size_t list_limit(const char *k)
{
    for (size_t i = 0; i < sizeof list_max / sizeof list_max[0]; i++)
        if (strcmp(list_max[i].key, k) == 0)
            return list_max[i].max;
    return 1000;
}

/* 0 when number v of key k lies in its range (or k has none); else -1
 * with *lo, *hi set. */
static int num_out_of_range(const char *k, const json_t *v, double *lo,
                            double *hi)
{
    for (size_t i = 0; i < sizeof num_range / sizeof num_range[0]; i++) {
        if (strcmp(num_range[i].key, k) != 0)
            continue;
        double x = json_number_value(v);
        *lo = num_range[i].lo;
        *hi = num_range[i].hi;
        return x < *lo || x > *hi || x != x ? -1 : 0;
    }
    return 0;
}

static const char *type_name(enum ft t)
{
    static const char *const n[] = {"text", "an integer", "a number",
                                    "true or false", "a time (2026-03-02 or "
                                    "2026-03-02T09:00:00Z)", "a list of texts",
                                    "a list of rule ids", "a list of tables",
                                    "a table", "a check (table or function)"};
    return n[t];
}

static const char *hint_of(const json_t *o)
{
    const char *h = json_string_value(json_object_get(o, "id"));
    if (!h)
        h = json_string_value(json_object_get(o, "text"));
    if (!h)
        h = json_string_value(json_object_get(o, "name"));
    if (!h)
        h = json_string_value(json_object_get(o, "number"));
    return h;
}

static int lint_obj(const struct scenario *sc, const json_t *o,
                    const struct fspec *spec, const char *path,
                    struct lp_err *err);

static int lint_value(const struct scenario *sc, const json_t *v,
                      const struct fspec *f, const char *path,
                      const char *hint, struct lp_err *err)
{
    int64_t t;
    size_t i;
    json_t *x;
    int bad = 0;
    if ((f->t == F_STRS || f->t == F_RULES || f->t == F_LIST) &&
        json_is_array(v) && json_array_size(v) > list_limit(f->key))
        return lint_fail(sc, path, hint, err, "%s holds %zu entries (at most "
                         "%zu)", path, json_array_size(v),
                         list_limit(f->key));
    switch (f->t) {
    case F_STR:
        bad = !json_is_string(v);
        break;
    case F_INT:
    case F_NUM: {
        bad = f->t == F_INT ? !json_is_integer(v) : !json_is_number(v);
        double lo, hi;
        if (!bad && num_out_of_range(f->key, v, &lo, &hi))
            return lint_fail(sc, path, hint, err, "%s must be from %.15g to "
                             "%.15g", path, lo, hi);
        break;
    }
    case F_BOOL:
        bad = !json_is_boolean(v);
        break;
    case F_TIME:
        bad = !json_is_string(v) || lptime_parse(json_string_value(v), &t);
        break;
    case F_STRS:
    case F_RULES:
        bad = !json_is_array(v);
        json_array_foreach(v, i, x) bad |= !json_is_string(x);
        if (!bad && f->t == F_RULES) {
            if (json_array_size(v) == 0)
                return lint_fail(sc, path, hint, err, "%s: no rule ids "
                                 "(every objective teaches at least one "
                                 "rule)", path);
            json_array_foreach(v, i, x) {
                if (!rule_known(json_string_value(x)))
                    return lint_fail(sc, path, hint, err, "%s: unknown rule "
                                     "id '%s' (use ids like IV.J.2)", path,
                                     json_string_value(x));
            }
        }
        break;
    case F_LIST:
        bad = !json_is_array(v);
        if (!bad) {
            json_array_foreach(v, i, x) {
                char *p = xasprintf("%s.%zu", path, i + 1);
                int rc = json_is_object(x)
                    ? lint_obj(sc, x, f->sub, p, err)
                    : lint_fail(sc, p, hint, err, "%s must be a table", p);
                free(p);
                if (rc)
                    return rc;
            }
        }
        break;
    case F_OBJ:
        bad = !json_is_object(v);
        if (!bad)
            return lint_obj(sc, v, f->sub, path, err);
        break;
    case F_CHECK: {
        int rc = check_lint(v, path, err);
        if (rc) {
            char m[512];
            snprintf(m, sizeof m, "%s", err->msg);
            return lint_fail(sc, path, hint, err, "%s", m);
        }
        break;
    }
    }
    if (bad)
        return lint_fail(sc, path, hint, err, "%s must be %s", path,
                         type_name(f->t));
    return 0;
}

static int lint_obj(const struct scenario *sc, const json_t *o,
                    const struct fspec *spec, const char *path,
                    struct lp_err *err)
{
    const char *k;
    json_t *v;
    const char *hint = hint_of(o);
    json_object_foreach((json_t *)o, k, v) {
        const struct fspec *f = spec;
        while (f->key && strcmp(f->key, k) != 0)
            f++;
        if (!f->key) {
            char *p = xasprintf("%s%s%s", path, *path ? "." : "", k);
            int rc = lint_fail(sc, p, NULL, err, "unknown key '%s'%s%s", k,
                               *path ? " in " : "", path);
            free(p);
            return rc;
        }
    }
    for (const struct fspec *f = spec; f->key; f++) {
        char *p = xasprintf("%s%s%s", path, *path ? "." : "", f->key);
        json_t *val = json_object_get(o, f->key);
        int rc = 0;
        if (!val && f->req)
            rc = lint_fail(sc, path, hint, err, "missing field '%s'%s%s",
                           f->key, *path ? " in " : "", path);
        else if (val)
            rc = lint_value(sc, val, f, p, hint, err);
        free(p);
        if (rc)
            return rc;
    }
    return 0;
}

int scenario_action_known(const char *name)
{
    /* a reply to an inbox request is the scenario's own step */
    return name && (strcmp(name, "reply") == 0 || action_name_known(name));
}

static int has_id(const json_t *list, const char *key, const char *v)
{
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x) {
        const char *s = json_string_value(json_object_get(x, key));
        if (s && v && strcmp(s, v) == 0)
            return 1;
    }
    return 0;
}

/* Semantic lint of one check (actions and requests it names). */
static int lint_refs(const struct scenario *sc, const json_t *c,
                     const char *path, const char *hint, struct lp_err *err)
{
    if (!json_is_object(c))
        return 0;
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)c, k, v) {
        if ((strcmp(k, "did") == 0 || strcmp(k, "never") == 0) &&
            !scenario_action_known(json_string_value(v)))
            return lint_fail(sc, path, hint, err, "%s: unknown action '%s' "
                             "(an objective nobody can reach)", path,
                             json_string_value(v));
        if (strcmp(k, "replied") == 0 &&
            !has_id(json_object_get(sc->doc, "inbox"), "id",
                    json_string_value(v)))
            return lint_fail(sc, path, hint, err, "%s: no inbox request '%s' "
                             "(an objective nobody can reach)", path,
                             json_string_value(v));
        if (strcmp(k, "rule") == 0 && json_is_string(v) &&
            !rule_known(json_string_value(v)))
            return lint_fail(sc, path, hint, err, "%s: unknown rule id '%s'",
                             path, json_string_value(v));
        if (json_is_array(v)) {
            size_t i;
            json_t *x;
            json_array_foreach(v, i, x) {
                int rc = lint_refs(sc, x, path, hint, err);
                if (rc)
                    return rc;
            }
        }
    }
    return 0;
}

/* The setup actions (sim.act or setup_actions): a known action line, a
 * person of the scenario, a time not after now; at most HOST_ACT_MAX. */
static int lint_setup(const struct scenario *sc, struct lp_err *err)
{
    const json_t *d = sc->doc;
    json_t *acts = json_object_get(d, "setup_actions");
    int64_t now = 0;
    lptime_parse(json_string_value(json_object_get(d, "now")), &now);
    size_t i;
    json_t *o;
    json_array_foreach(acts, i, o) {
        const char *line = json_string_value(json_object_get(o, "line"));
        const char *user = json_string_value(json_object_get(o, "user"));
        int64_t at = 0, sl = json_integer_value(json_object_get(o,
                                                              "src_line"));
        lptime_parse(json_string_value(json_object_get(o, "at")), &at);
        struct words w;
        struct lp_err we = {0};
        char msg[sizeof we.msg + 80] = "";
        if (i >= HOST_ACT_MAX) {
            snprintf(msg, sizeof msg, "more than %d setup actions",
                     HOST_ACT_MAX);
        } else if (strlen(line) > HOST_ACT_LINE_MAX) {
            snprintf(msg, sizeof msg, "setup action %zu: line longer than "
                     "%d bytes", i + 1, HOST_ACT_LINE_MAX);
        } else if (words_split(line, &w, &we)) {
            snprintf(msg, sizeof msg, "setup action %zu: %s", i + 1, we.msg);
        } else {
            if (w.argc == 0 || !action_known(w.argc, w.argv))
                snprintf(msg, sizeof msg, "setup action %zu: '%s' is not an "
                         "action", i + 1, line);
            words_free(&w);
        }
        if (!msg[0] && !has_id(json_object_get(d, "people"), "id", user))
            snprintf(msg, sizeof msg, "setup action %zu: user '%s' is not "
                     "one of the scenario's people", i + 1, user);
        if (!msg[0] && at > now)
            snprintf(msg, sizeof msg, "setup action %zu: its time is after "
                     "the scenario's now", i + 1);
        if (!msg[0])
            continue;
        if (sl > 0)
            return lp_errf(err, LP_USAGE, "%s:%lld: %s", sc->path,
                           (long long)sl, msg);
        return lint_fail(sc, "setup_actions", line, err, "%s", msg);
    }
    return 0;
}

/* Every line of an action list (the solution, a pitfall) parses as an
 * action of the table or a reply, with known options: a typo is named at
 * its line, not found later as an objective the solution cannot meet. */
static int lint_lines(const struct scenario *sc, const char *path,
                      const json_t *lines, const char *what,
                      struct lp_err *err)
{
    size_t i;
    json_t *x;
    json_array_foreach(lines, i, x) {
        struct lp_err e = {0};
        const char *line = json_string_value(x);
        if (line && scn_line_check(sc, line, &e)) {
            char hint[40];
            snprintf(hint, sizeof hint, "%s", line);
            return lint_fail(sc, path, hint, err, "%s line %zu: %s", what,
                             i + 1, e.msg);
        }
    }
    return 0;
}

static int lint_semantics(struct scenario *sc, struct lp_err *err)
{
    const json_t *d = sc->doc;
    const char *id = json_string_value(json_object_get(d, "id"));
    for (const char *p = id; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '-' || *p == '_'))
            return lint_fail(sc, "id", NULL, err, "id '%s' may hold only "
                             "letters, digits, - and _", id);
    if (!*id || strlen(id) > 64)
        return lint_fail(sc, "id", NULL, err, "id must be 1 to 64 characters");
    json_t *pass = json_object_get(d, "pass");
    if (pass && (json_number_value(pass) <= 0 ||
                 json_number_value(pass) > 100))
        return lint_fail(sc, "pass", NULL, err, "pass mark must be above 0 "
                         "and at most 100");
    json_t *rules = json_object_get(d, "rules");
    size_t i, j;
    json_t *o, *r;
    double total = 0;
    json_t *objs = json_object_get(d, "objectives");
    if (json_array_size(objs) == 0)
        return lint_fail(sc, "objectives", NULL, err, "no objectives");
    json_array_foreach(objs, i, o) {
        char *p = xasprintf("objectives.%zu", i + 1);
        const char *hint = hint_of(o);
        double w = json_number_value(json_object_get(o, "weight"));
        int rc = 0;
        if (w <= 0 || w > 1000)
            rc = lint_fail(sc, p, hint, err, "%s: weight must be above 0 "
                           "(and at most 1000)", p);
        json_array_foreach(json_object_get(o, "rules"), j, r) {
            if (!rc && !list_contains(rules, json_string_value(r)))
                rc = lint_fail(sc, p, hint, err, "%s teaches %s, which is "
                               "missing from the scenario's rules", p,
                               json_string_value(r));
        }
        if (!rc)
            rc = lint_refs(sc, json_object_get(o, "check"), p, hint, err);
        free(p);
        if (rc)
            return rc;
        total += w;
    }
    json_array_foreach(objs, i, o) {
        const char *oid = json_string_value(json_object_get(o, "id"));
        for (j = 0; oid && j < i; j++) {
            const char *other = json_string_value(json_object_get(
                json_array_get(objs, j), "id"));
            if (other && strcmp(oid, other) == 0)
                return lint_fail(sc, "objectives", oid, err, "objective id "
                                 "'%s' is used twice", oid);
        }
    }
    json_array_foreach(json_object_get(d, "critical"), i, o) {
        char *p = xasprintf("critical.%zu", i + 1);
        int rc = lint_refs(sc, json_object_get(o, "check"), p, hint_of(o),
                           err);
        free(p);
        if (rc)
            return rc;
    }
    json_array_foreach(json_object_get(d, "pitfalls"), i, o) {
        const char *rl = json_string_value(json_object_get(o, "rule"));
        if (!rule_known(rl))
            return lint_fail(sc, "pitfalls", hint_of(o), err, "pitfall '%s': "
                             "unknown rule id '%s'", hint_of(o), rl);
    }
    /* unique ids; references between world tables */
    json_t *inbox = json_object_get(d, "inbox");
    json_array_foreach(inbox, i, o) {
        for (j = 0; j < i; j++)
            if (strcmp(json_string_value(json_object_get(o, "id")),
                       json_string_value(json_object_get(
                           json_array_get(inbox, j), "id"))) == 0)
                return lint_fail(sc, "inbox", hint_of(o), err, "inbox id "
                                 "'%s' is used twice", hint_of(o));
    }
    json_t *reads = json_object_get(d, "reads");
    json_array_foreach(reads, i, o) {
        json_t *rid = json_object_get(o, "id");
        for (j = 0; rid && j < i; j++)
            if (json_equal(rid, json_object_get(json_array_get(reads, j),
                                                "id"))) {
                char hint[32];
                snprintf(hint, sizeof hint, "%lld",
                         (long long)json_integer_value(rid));
                return lint_fail(sc, "reads", hint, err, "read id %s is used "
                                 "twice (reads %zu and %zu)", hint, j + 1,
                                 i + 1);
            }
    }
    json_t *cases = json_object_get(d, "cases");
    json_array_foreach(cases, i, o) {
        const char *t = json_string_value(json_object_get(o, "type"));
        if (strcmp(t, "criminal") != 0 && strcmp(t, "civil") != 0)
            return lint_fail(sc, "cases", hint_of(o), err, "case %s: type "
                             "must be criminal or civil", hint_of(o));
        const char *s = json_string_value(json_object_get(o, "status"));
        if (s && strcmp(s, "open") != 0 && strcmp(s, "closed") != 0)
            return lint_fail(sc, "cases", hint_of(o), err, "case %s: status "
                             "must be open or closed", hint_of(o));
        if (json_object_get(o, "closed") && !(s && strcmp(s, "closed") == 0))
            return lint_fail(sc, "cases", hint_of(o), err, "case %s: a "
                             "closing date needs status = \"closed\"",
                             hint_of(o));
        for (j = 0; j < i; j++)
            if (strcmp(hint_of(o), hint_of(json_array_get(cases, j))) == 0)
                return lint_fail(sc, "cases", hint_of(o), err, "case %s is "
                                 "declared twice", hint_of(o));
    }
    json_t *hl;
    json_array_foreach(json_object_get(d, "hotlists"), i, hl) {
        json_array_foreach(json_object_get(hl, "entries"), j, o) {
            const char *c = json_string_value(json_object_get(o, "case"));
            if (!has_id(cases, "number", c))
                return lint_fail(sc, "entries", c, err, "hotlist entry %s "
                                 "cites case %s, which is not declared",
                                 json_string_value(json_object_get(o, "plate")),
                                 c);
        }
    }
    json_array_foreach(json_object_get(d, "people"), i, o) {
        const char *role = json_string_value(json_object_get(o, "role"));
        if (role && strcmp(role, "trainee") && strcmp(role, "instructor"))
            return lint_fail(sc, "people", hint_of(o), err, "person %s: role "
                             "must be trainee or instructor", hint_of(o));
    }
    json_array_foreach(json_object_get(d, "hotlists"), i, o) {
        const char *nm = json_string_value(json_object_get(o, "name"));
        if ((nm && strcmp(nm, "main") != 0) || i > 0)
            return lint_fail(sc, "hotlists", nm, err, "hotlist '%s': the "
                             "policy engine keeps one hotlist, \"main\"",
                             nm ? nm : "main");
    }
    json_array_foreach(json_object_get(d, "reads"), i, o) {
        const char *f = json_string_value(json_object_get(o, "fault"));
        if (f && strcmp(f, "ocr") && strcmp(f, "partial") &&
            strcmp(f, "state") && strcmp(f, "dup"))
            return lint_fail(sc, "fault", f, err, "read %zu: fault must be "
                             "ocr, partial, state or dup", i + 1);
    }
    json_t *cams = json_object_get(d, "cameras");
    json_array_foreach(cams, i, o) {
        const char *ow = json_string_value(json_object_get(o, "owner"));
        if (strcmp(ow, "agency") && strcmp(ow, "partner") &&
            strcmp(ow, "commercial"))
            return lint_fail(sc, "cameras", hint_of(o), err, "camera %s: "
                             "owner must be agency, partner or commercial",
                             hint_of(o));
        const char *ty = json_string_value(json_object_get(o, "type"));
        if (ty && strcmp(ty, "fixed") && strcmp(ty, "mobile"))
            return lint_fail(sc, "cameras", hint_of(o), err, "camera %s: "
                             "type must be fixed or mobile", hint_of(o));
    }
    json_array_foreach(json_object_get(d, "reads"), i, o) {
        const char *c = json_string_value(json_object_get(o, "camera"));
        if (!has_id(cams, "id", c) && !world_default_camera(c))
            return lint_fail(sc, "reads", c, err, "read %zu: camera '%s' is "
                             "not declared in cameras", i + 1, c);
    }
    json_t *w = json_object_get(d, "world");
    json_t *nv = json_object_get(w, "vehicles");
    if (nv && (json_integer_value(nv) < 0 || json_integer_value(nv) > 20000))
        return lint_fail(sc, "vehicles", NULL, err, "world.vehicles must be 0 "
                         "to 20000");
    json_t *days = json_object_get(w, "days");
    if (days && (json_integer_value(days) < 1 ||
                 json_integer_value(days) > 3650))
        return lint_fail(sc, "days", NULL, err, "world.days must be 1 to "
                         "3650");
    json_t *rpv = json_object_get(w, "reads_per_vehicle");
    if (rpv && (json_integer_value(rpv) < 0 || json_integer_value(rpv) > 50))
        return lint_fail(sc, "reads_per_vehicle", NULL, err,
                         "world.reads_per_vehicle must be 0 to 50");
    int rc = lint_setup(sc, err);
    if (rc)
        return rc;
    if ((rc = lint_lines(sc, "solution", json_object_get(d, "solution"),
                         "solution", err)))
        return rc;
    json_array_foreach(json_object_get(d, "pitfalls"), i, o) {
        char *what = xasprintf("pitfall '%s'", json_string_value(
                                   json_object_get(o, "name")));
        rc = lint_lines(sc, "pitfalls", json_object_get(o, "actions"), what,
                        err);
        free(what);
        if (rc)
            return rc;
    }
    if (json_array_size(json_object_get(d, "solution")) == 0)
        return lint_fail(sc, "solution", NULL, err, "the solution holds no "
                         "action lines");
    (void)total;
    return 0;
}

int list_contains(const json_t *arr, const char *s)
{
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x) {
        if (s && json_is_string(x) && strcmp(json_string_value(x), s) == 0)
            return 1;
    }
    return 0;
}

/* ---- loading ---- */

struct eval_job {
    const struct scenario *sc;
    const json_t *facts;
    const json_t *fns;
};

static int eval_child(void *arg, struct sb *out, struct lp_err *err)
{
    struct eval_job *job = arg;
    const struct scenario *sc = job->sc;
    struct host *h = host_new(sc->seed);
    if (!h)
        return lp_errf(err, LP_FAIL, "%s: cannot create a Lua state",
                       sc->path);
    json_t *doc = NULL;
    int rc = host_eval(h, sc->path, sc->src, sc->n, &doc, err);
    if (rc)
        goto out;
    json_t *res = NULL;
    if (!job->facts) {
        res = json_incref(doc);
    } else {
        res = json_object();
        size_t i;
        json_t *p;
        json_array_foreach(job->fns, i, p) {
            int ok = 0;
            char *note = NULL;
            rc = host_call(h, json_string_value(p), (json_t *)job->facts, &ok,
                           &note, err);
            if (rc) {
                json_decref(res);
                goto out;
            }
            json_object_set_new(res, json_string_value(p),
                                json_pack("{s:b,s:s?}", "ok", ok, "note",
                                          note));
            free(note);
        }
    }
    char *s = json_dumps(res, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(res);
    if (!s) {
        rc = lp_errf(err, LP_FAIL, "%s: cannot encode the result", sc->path);
        goto out;
    }
    sb_puts(out, s);
    free(s);
out:
    json_decref(doc);
    host_free(h);
    return rc;
}

static int run_job(struct eval_job *job, json_t **out, struct lp_err *err)
{
    char *text = NULL;
    int rc = child_run(eval_child, job, job->sc->path, &text, err);
    if (rc)
        return rc;
    json_error_t je;
    *out = json_loads(text, 0, &je);
    free(text);
    if (!*out)
        return lp_errf(err, LP_FAIL, "%s: bad answer from the evaluator: %s",
                       job->sc->path, je.text);
    return 0;
}

/* An error of the returned table reads "PATH: field.path: problem" (the
 * evaluator knows no lines): gives it the line of the field, as lint
 * does, "PATH:LINE: field.path: problem". */
static void place_field_error(const struct scenario *sc, struct lp_err *err)
{
    size_t pl = strlen(sc->path);
    if (strncmp(err->msg, sc->path, pl) != 0 || strncmp(err->msg + pl, ": ",
                                                        2) != 0)
        return;
    const char *field = err->msg + pl + 2;
    size_t fl = strcspn(field, ": ");
    if (fl == 0 || fl >= 200 || strncmp(field + fl, ": ", 2) != 0)
        return;
    char fpath[200];
    memcpy(fpath, field, fl);
    fpath[fl] = '\0';
    char rest[sizeof err->msg];
    snprintf(rest, sizeof rest, "%s", field);
    lp_errf(err, err->status ? err->status : LP_USAGE, "%s:%d: %s", sc->path,
            locate(sc, fpath, NULL), rest);
}

int scenario_load(const char *path, int64_t seed, struct scenario **out,
                  struct lp_err *err)
{
    *out = NULL;
    struct scenario *sc = xcalloc(1, sizeof *sc);
    sc->path = xstrdup(path);
    sc->seed = seed;
    int rc = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        rc = lp_errf(err, LP_USAGE, "%s: cannot open: %s", path,
                     strerror(errno));
        goto fail;
    }
    sc->src = xmalloc(HOST_FILE_MAX + 2);
    sc->n = fread(sc->src, 1, HOST_FILE_MAX + 1, f);
    fclose(f);
    sc->src[sc->n] = '\0';
    if (sc->n > HOST_FILE_MAX) {
        rc = lp_errf(err, LP_USAGE, "%s: file larger than %u bytes", path,
                     HOST_FILE_MAX);
        goto fail;
    }
    if (strlen(sc->src) != sc->n) {
        rc = lp_errf(err, LP_USAGE, "%s:%d: NUL byte in the file (a scenario "
                     "is Lua text)", path,
                     find_line(sc->src, sc->src, 0) + 0);
        goto fail;
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)sc->src, sc->n);
    sodium_bin2hex(sc->hash, sizeof sc->hash, h, sizeof h);
    struct eval_job job = {sc, NULL, NULL};
    if ((rc = run_job(&job, &sc->doc, err))) {
        place_field_error(sc, err);
        goto fail;
    }
    if ((rc = lint_obj(sc, sc->doc, top_spec, "", err)) ||
        (rc = lint_semantics(sc, err)))
        goto fail;
    lptime_parse(json_string_value(json_object_get(sc->doc, "now")), &sc->now);
    *out = sc;
    return 0;
fail:
    scenario_free(sc);
    return rc;
}

const char *scenario_task(const struct scenario *sc)
{
    const char *t = json_string_value(json_object_get(sc->doc, "task"));
    return t ? t : "Handle the requests in the inbox under the policy, as "
                   "the briefing describes.";
}

int scenario_eval_functions(const struct scenario *sc, const json_t *facts,
                            json_t **fnres, struct lp_err *err)
{
    json_t *fns = json_array();
    check_functions(json_object_get(sc->doc, "objectives"), fns);
    check_functions(json_object_get(sc->doc, "critical"), fns);
    if (json_array_size(fns) == 0) {
        json_decref(fns);
        *fnres = json_object();
        return 0;
    }
    struct eval_job job = {sc, facts, fns};
    int rc = run_job(&job, fnres, err);
    json_decref(fns);
    return rc;
}

/* ---- report text ---- */

char *scenario_report_text(const json_t *rep)
{
    struct sb s;
    sb_init(&s);
    size_t i, j;
    json_t *o, *r;
    sb_printf(&s, "Scenario %s: %s (seed %lld, %s)\n",
              json_string_value(json_object_get(rep, "scenario")),
              json_string_value(json_object_get(rep, "title")),
              (long long)json_integer_value(json_object_get(rep, "seed")),
              json_string_value(json_object_get(rep, "mode")));
    sb_puts(&s, "\nObjectives:\n");
    json_array_foreach(json_object_get(rep, "objectives"), i, o) {
        sb_printf(&s, "  [%s] %s (weight %g; ",
                  json_is_true(json_object_get(o, "met")) ? "x" : " ",
                  json_string_value(json_object_get(o, "text")),
                  json_number_value(json_object_get(o, "weight")));
        json_array_foreach(json_object_get(o, "rules"), j, r)
            sb_printf(&s, "%s%s", j ? ", " : "", json_string_value(r));
        sb_puts(&s, ")\n");
        const char *why = json_string_value(json_object_get(o, "why"));
        if (why)
            sb_printf(&s, "      %s\n", why);
    }
    int any = 0;
    json_array_foreach(json_object_get(rep, "critical"), i, o) {
        if (!json_is_true(json_object_get(o, "triggered")))
            continue;
        if (!any++)
            sb_puts(&s, "\nCritical violations (the scenario fails):\n");
        sb_printf(&s, "  ! %s (", json_string_value(json_object_get(o, "text")));
        json_array_foreach(json_object_get(o, "rules"), j, r)
            sb_printf(&s, "%s%s", j ? ", " : "", json_string_value(r));
        sb_puts(&s, ")\n");
    }
    sb_puts(&s, "\nBy rule:\n");
    json_array_foreach(json_object_get(rep, "rules"), i, o) {
        const char *id = json_string_value(json_object_get(o, "rule"));
        sb_printf(&s, "  %-7s %5.1f%%  %s\n", id,
                  json_number_value(json_object_get(o, "percent")),
                  rule_text(id) ? rule_text(id) : "");
    }
    if (json_array_size(json_object_get(rep, "violations"))) {
        sb_puts(&s, "\nRefused or warned by the policy engine:\n");
        json_array_foreach(json_object_get(rep, "violations"), i, o)
            sb_printf(&s, "  %-7s %lld time(s)\n",
                      json_string_value(json_object_get(o, "rule")),
                      (long long)json_integer_value(json_object_get(o, "count")));
    }
    json_int_t refused = json_integer_value(json_object_get(
        rep, "refused_attempts"));
    if (refused)
        sb_printf(&s, "\nRefused attempts: %lld, %.0f points off the score "
                  "(an attempted violation is misuse the audit log "
                  "records)\n", (long long)refused,
                  json_number_value(json_object_get(rep, "refused_cost")));
    json_t *ck = json_object_get(rep, "audit_checkpoint");
    if (json_is_true(json_object_get(ck, "signed")))
        sb_printf(&s, "\nAudit checkpoint %lld signed: %lld entries, head "
                  "%.16s..., key %s\n", (long long)json_integer_value(
                      json_object_get(ck, "checkpoint")),
                  (long long)json_integer_value(json_object_get(ck,
                                                                "entries")),
                  json_string_value(json_object_get(ck, "head")),
                  json_string_value(json_object_get(ck, "key_id")));
    else if (ck)
        sb_printf(&s, "\n%s\n", json_string_value(json_object_get(ck,
                                                                    "note")));
    sb_printf(&s, "\nScore %.1f%% (pass mark %.0f%%): %s\n",
              json_number_value(json_object_get(rep, "score")),
              json_number_value(json_object_get(rep, "pass")),
              json_is_true(json_object_get(rep, "passed")) ? "PASSED"
                                                            : "NOT PASSED");
    return sb_steal(&s);
}

char *scenario_report_actions(const json_t *rep)
{
    struct sb s;
    sb_init(&s);
    size_t i, j;
    json_t *o, *r;
    json_t *fb = json_object_get(rep, "feedback");
    if (json_array_size(fb))
        sb_puts(&s, "\nYour actions:\n");
    json_array_foreach(fb, i, o) {
        const char *v = json_string_value(json_object_get(o, "verdict"));
        const char *why = json_string_value(json_object_get(o, "reason"));
        sb_printf(&s, "  %lld. %s\n     %s", (long long)json_integer_value(
                      json_object_get(o, "seq")),
                  json_string_value(json_object_get(o, "line")),
                  v ? v : "?");
        json_array_foreach(json_object_get(o, "rules"), j, r)
            sb_printf(&s, "%s%s", j ? ", " : " (", json_string_value(r));
        if (json_array_size(json_object_get(o, "rules")))
            sb_putc(&s, ')');
        if (why && *why)
            sb_printf(&s, ": %s", why);
        sb_putc(&s, '\n');
    }
    return sb_steal(&s);
}
