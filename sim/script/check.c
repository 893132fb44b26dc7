/*
 * check.c - the declarative check vocabulary and scoring (see check.h).
 * Kinds: did, never, replied, hotlist_has, hotlist_lacks, audit_has, all,
 * any, none, and $fn (a Lua function already evaluated).
 */
#include "script/check.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/lptime.h"

static const char *const kinds[] = {"did", "never", "replied", "hotlist_has",
                                    "hotlist_lacks", "audit_has", "all",
                                    "any", "none", "$fn", NULL};

/* filter keys of did/never */
static const char *const act_keys[] = {
    "plate", "case", "state", "read", "verdict", "rule", "opts", "has",
    "lacks", "reason_has", "reason_min_words", "from_min", "to_max",
    "max_days", "min", "text", "flagged", NULL};
static const char *const reply_keys[] = {"decision", "rule", "note_has",
                                         "about", "text", NULL};
static const char *const hot_keys[] = {"hotlist", "note_empty", "case",
                                       "tracking", "text", NULL};
static const char *const audit_keys[] = {"user", "plate", "case",
                                         "reason_has", "manual", "action",
                                         "verdict", "min", NULL};

static int in_list(const char *const *l, const char *k)
{
    for (; *l; l++)
        if (strcmp(*l, k) == 0)
            return 1;
    return 0;
}

static const char *kind_of(const json_t *c)
{
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)c, k, v) {
        if (in_list(kinds, k))
            return k;
    }
    return NULL;
}

static const char *sget(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* case-insensitive substring */
static int icontains(const char *hay, const char *needle)
{
    if (!hay || !needle)
        return 0;
    size_t n = strlen(needle);
    if (n == 0)
        return 1;
    for (const char *p = hay; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] &&
               tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

/* All strings of v (a string or a list of strings) appear in text. */
static int has_all(const char *text, const json_t *v)
{
    if (json_is_string(v))
        return icontains(text, json_string_value(v));
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) {
        if (!icontains(text, json_string_value(x)))
            return 0;
    }
    return 1;
}

/* Plates compare without case, spaces and dashes ("ab-12" is "AB12"). */
static int plate_eq(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    for (;;) {
        while (*a == '-' || *a == ' ')
            a++;
        while (*b == '-' || *b == ' ')
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        if (toupper((unsigned char)*a) != toupper((unsigned char)*b))
            return 0;
        a++;
        b++;
    }
}

static int words(const char *s)
{
    int n = 0, in = 0;
    for (; s && *s; s++) {
        int w = isalnum((unsigned char)*s);
        if (w && !in)
            n++;
        in = w;
    }
    return n;
}

static int list_has(const json_t *arr, const char *s)
{
    size_t i;
    json_t *x;
    if (json_is_string(arr))
        return s && strcmp(json_string_value(arr), s) == 0;
    json_array_foreach(arr, i, x) {
        if (s && json_is_string(x) && strcmp(json_string_value(x), s) == 0)
            return 1;
    }
    return 0;
}

static int verdict_ok(const char *want, const char *got)
{
    if (!want || strcmp(want, "ok") == 0)
        return got && (strcmp(got, "allow") == 0 || strcmp(got, "warn") == 0);
    if (strcmp(want, "any") == 0)
        return 1;
    return got && strcmp(want, got) == 0;
}

/* The value of option name in an action (first value), or NULL. */
static const char *opt(const json_t *a, const char *name)
{
    json_t *v = json_object_get(json_object_get(a, "opts"), name);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int time_of(const char *s, int64_t *t)
{
    return s && lptime_parse(s, t) == 0;
}

static int match_action(const json_t *c, const char *name, const json_t *a)
{
    const char *an = sget(a, "action");
    if (!an || strcmp(an, name) != 0)
        return 0;
    if (!verdict_ok(sget(c, "verdict"), sget(a, "verdict")))
        return 0;
    static const char *const eq[] = {"plate", "case", "state", "read", NULL};
    for (int i = 0; eq[i]; i++) {
        const char *want = sget(c, eq[i]);
        json_t *wj = json_object_get(c, eq[i]);
        if (json_is_integer(wj)) {
            char buf[32];
            snprintf(buf, sizeof buf, "%lld",
                     (long long)json_integer_value(wj));
            const char *got = opt(a, eq[i]);
            if (!got || strcmp(got, buf) != 0)
                return 0;
        } else if (want) {
            const char *got = opt(a, eq[i]);
            if (!got || !(i == 0 ? plate_eq(got, want) : lp_strieq(got, want)))
                return 0;
        }
    }
    const char *rule = sget(c, "rule");
    if (rule && !list_has(json_object_get(a, "rules"), rule))
        return 0;
    const char *flag = sget(c, "flagged");
    if (flag && !list_has(json_object_get(a, "flagged"), flag))
        return 0;
    const char *k;
    json_t *v;
    json_object_foreach(json_object_get(c, "opts"), k, v) {
        json_t *all = json_object_get(json_object_get(a, "all"), k);
        if (json_is_true(v)) {
            if (!all)
                return 0;
        } else if (!list_has(all, json_string_value(v))) {
            return 0;
        }
    }
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(c, "has"), i, x) {
        if (!json_object_get(json_object_get(a, "all"), json_string_value(x)))
            return 0;
    }
    json_array_foreach(json_object_get(c, "lacks"), i, x) {
        if (json_object_get(json_object_get(a, "all"), json_string_value(x)))
            return 0;
    }
    json_t *rh = json_object_get(c, "reason_has");
    if (rh && !has_all(opt(a, "reason"), rh))
        return 0;
    json_t *mw = json_object_get(c, "reason_min_words");
    if (mw && words(opt(a, "reason")) < json_integer_value(mw))
        return 0;
    int64_t from = 0, to = 0, lim;
    int hf = time_of(opt(a, "from"), &from), ht = time_of(opt(a, "to"), &to);
    /* from_min is a look-back limit: by day, as the engine decides it
     * (policy_window_start_ok; sim.years(now, -5) carries now's time of
     * day).  lptime alone keeps this file free of the policy engine. */
    if (time_of(sget(c, "from_min"), &lim) &&
        (!hf || lptime_day_start(from) < lptime_day_start(lim)))
        return 0;
    if (time_of(sget(c, "to_max"), &lim) && (!ht || to > lim))
        return 0;
    json_t *md = json_object_get(c, "max_days");
    if (md && (!hf || !ht || !json_is_integer(md) ||
               json_integer_value(md) < 0 ||
               json_integer_value(md) > CHECK_INT_MAX ||
               (to - from) > json_integer_value(md) * LPTIME_DAY + 86399))
        return 0;
    return 1;
}

static int count_actions(const json_t *c, const char *name,
                         const json_t *facts)
{
    int n = 0;
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(facts, "actions"), i, a)
        n += match_action(c, name, a);
    return n;
}

static int match_reply(const json_t *c, const json_t *a)
{
    const char *an = sget(a, "action");
    if (!an || strcmp(an, "reply") != 0)
        return 0;
    const char *req = sget(c, "replied"), *got = opt(a, "request");
    if (!req || !got || strcmp(req, got) != 0)
        return 0;
    const char *d = sget(c, "decision");
    if (d && (!opt(a, "decision") || strcmp(d, opt(a, "decision")) != 0))
        return 0;
    json_t *all = json_object_get(a, "all");
    json_t *r = json_object_get(c, "rule");
    if (json_is_string(r) && !list_has(json_object_get(all, "rule"),
                                       json_string_value(r)))
        return 0;
    json_t *nh = json_object_get(c, "note_has");
    if (nh && !has_all(opt(a, "note"), nh))
        return 0;
    const char *ab = sget(c, "about");
    if (ab && (!opt(a, "about") || !lp_strieq(ab, opt(a, "about"))))
        return 0;
    return 1;
}

static int match_hot(const json_t *c, const char *plate, const json_t *e)
{
    if (!plate_eq(plate, sget(e, "plate")))
        return 0;
    const char *h = sget(c, "hotlist");
    if (h && (!sget(e, "hotlist") || strcmp(h, sget(e, "hotlist")) != 0))
        return 0;
    const char *cs = sget(c, "case");
    if (cs && (!sget(e, "case") || strcmp(cs, sget(e, "case")) != 0))
        return 0;
    const char *tr = sget(c, "tracking");
    if (tr && (!sget(e, "tracking") || strcmp(tr, sget(e, "tracking")) != 0))
        return 0;
    if (json_is_true(json_object_get(c, "note_empty"))) {
        const char *n = sget(e, "note");
        if (n && *n)
            return 0;
    }
    return 1;
}

static int match_audit(const json_t *f, const json_t *e)
{
    static const char *const eq[] = {"user", "plate", "case", "action",
                                     "verdict", NULL};
    for (int i = 0; eq[i]; i++) {
        const char *w = sget(f, eq[i]);
        if (w && !(i == 1 ? plate_eq(w, sget(e, eq[i]))
                          : sget(e, eq[i]) && lp_strieq(w, sget(e, eq[i]))))
            return 0;
    }
    json_t *rh = json_object_get(f, "reason_has");
    if (rh && !has_all(sget(e, "reason"), rh))
        return 0;
    json_t *m = json_object_get(f, "manual");
    if (json_is_boolean(m) &&
        json_is_true(m) != (json_integer_value(json_object_get(e, "manual")) != 0))
        return 0;
    return 1;
}

int check_eval(const json_t *c, const json_t *facts, const json_t *fnres,
               struct sb *why, struct lp_err *err)
{
    if (!json_is_object(c))
        return lp_errf(err, LP_USAGE, "a check must be a table");
    const char *k = kind_of(c);
    if (!k)
        return lp_errf(err, LP_USAGE, "check names no kind (did, never, "
                       "replied, hotlist_has, hotlist_lacks, audit_has, all, "
                       "any, none, or a function)");
    json_t *v = json_object_get(c, k);
    /* the kinds' value types (sim.match reaches here unlinted) */
    int is_list = strcmp(k, "all") == 0 || strcmp(k, "any") == 0 ||
                  strcmp(k, "none") == 0;
    if (is_list ? !json_is_array(v)
        : strcmp(k, "audit_has") == 0 ? !json_is_object(v)
        : !json_is_string(v))
        return lp_errf(err, LP_USAGE, "check '%s' has a value of the wrong "
                       "type", k);
    if (strcmp(k, "$fn") == 0) {
        json_t *r = json_object_get(fnres, json_string_value(v));
        if (!r)
            return lp_errf(err, LP_FAIL, "function check %s was not run",
                           json_string_value(v));
        const char *note = sget(r, "note");
        if (note)
            sb_puts(why, note);
        return json_is_true(json_object_get(r, "ok"));
    }
    if (strcmp(k, "did") == 0 || strcmp(k, "never") == 0) {
        int n = count_actions(c, json_string_value(v), facts);
        json_t *mn = json_object_get(c, "min");
        int min = mn ? (int)json_integer_value(mn) : 1;
        if (strcmp(k, "did") == 0) {
            sb_printf(why, "%d matching '%s' action%s", n,
                      json_string_value(v), n == 1 ? "" : "s");
            return n >= min;
        }
        if (n)
            sb_printf(why, "%d '%s' action%s that should not have happened",
                      n, json_string_value(v), n == 1 ? "" : "s");
        return n == 0;
    }
    if (strcmp(k, "replied") == 0) {
        size_t i;
        json_t *a;
        json_array_foreach(json_object_get(facts, "actions"), i, a) {
            if (match_reply(c, a))
                return 1;
        }
        sb_printf(why, "no matching reply to request %s",
                  json_string_value(v));
        return 0;
    }
    if (strcmp(k, "hotlist_has") == 0 || strcmp(k, "hotlist_lacks") == 0) {
        size_t i;
        json_t *e;
        int found = 0;
        json_array_foreach(json_object_get(facts, "hotlist"), i, e)
            found |= match_hot(c, json_string_value(v), e);
        if (k[8] == 'h') {
            if (!found)
                sb_printf(why, "hotlist does not hold %s as required",
                          json_string_value(v));
            return found;
        }
        if (found)
            sb_printf(why, "hotlist still holds %s", json_string_value(v));
        return !found;
    }
    if (strcmp(k, "audit_has") == 0) {
        size_t i;
        json_t *e;
        int n = 0;
        json_array_foreach(json_object_get(facts, "audit"), i, e)
            n += match_audit(v, e);
        json_t *mn = json_object_get(v, "min");
        int min = mn ? (int)json_integer_value(mn) : 1;
        if (n < min)
            sb_puts(why, "no matching audit entry");
        return n >= min;
    }
    /* all, any, none */
    size_t i;
    json_t *sub;
    int n = 0, total = (int)json_array_size(v);
    json_array_foreach(v, i, sub) {
        struct sb w2;
        sb_init(&w2);
        int r = check_eval(sub, facts, fnres, &w2, err);
        if (r < 0) {
            sb_free(&w2);
            return r;
        }
        if (!r && strcmp(k, "all") == 0 && w2.len) {
            if (why->len)
                sb_puts(why, "; ");
            sb_puts(why, w2.buf);
        }
        sb_free(&w2);
        n += r;
    }
    if (strcmp(k, "all") == 0)
        return n == total;
    if (strcmp(k, "any") == 0)
        return n > 0;
    return n == 0;
}

static int lint_keys(const json_t *c, const char *kind,
                     const char *const *allowed, const char *path,
                     struct lp_err *err)
{
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)c, k, v) {
        if (strcmp(k, kind) != 0 && !in_list(allowed, k))
            return lp_errf(err, LP_USAGE, "%s: unknown key '%s' in a '%s' "
                           "check", path, k, kind);
    }
    return 0;
}

static int lint_time(const json_t *c, const char *k, const char *path,
                     struct lp_err *err)
{
    json_t *v = json_object_get(c, k);
    int64_t t;
    if (v && (!json_is_string(v) || lptime_parse(json_string_value(v), &t)))
        return lp_errf(err, LP_USAGE, "%s: '%s' must be a time like "
                       "2026-03-02", path, k);
    return 0;
}

/* Key k of c, when present, must be an integer in [lo, CHECK_INT_MAX]. */
static int lint_int(const json_t *c, const char *k, json_int_t lo,
                    const char *path, struct lp_err *err)
{
    json_t *v = json_object_get(c, k);
    if (v && (!json_is_integer(v) || json_integer_value(v) < lo ||
              json_integer_value(v) > CHECK_INT_MAX))
        return lp_errf(err, LP_USAGE, "%s: '%s' must be a whole number from "
                       "%lld to %d", path, k, (long long)lo, CHECK_INT_MAX);
    return 0;
}

int check_lint(const json_t *c, const char *path, struct lp_err *err)
{
    if (!json_is_object(c))
        return lp_errf(err, LP_USAGE, "%s: a check must be a table or a "
                       "function", path);
    int nk = 0;
    const char *k, *kind = NULL;
    json_t *v;
    json_object_foreach((json_t *)c, k, v) {
        if (in_list(kinds, k)) {
            nk++;
            kind = k;
        }
    }
    if (nk != 1)
        return lp_errf(err, LP_USAGE, "%s: a check needs exactly one kind "
                       "(did, never, replied, hotlist_has, hotlist_lacks, "
                       "audit_has, all, any, none)", path);
    v = json_object_get(c, kind);
    if (strcmp(kind, "$fn") == 0)
        return 0;
    if (strcmp(kind, "did") == 0 || strcmp(kind, "never") == 0) {
        if (!json_is_string(v))
            return lp_errf(err, LP_USAGE, "%s: '%s' names an action "
                           "(\"query\", \"hotlist add\" ...)", path, kind);
        if (lint_keys(c, kind, act_keys, path, err) ||
            lint_time(c, "from_min", path, err) ||
            lint_time(c, "to_max", path, err) ||
            lint_int(c, "max_days", 0, path, err) ||
            lint_int(c, "min", 0, path, err) ||
            lint_int(c, "reason_min_words", 0, path, err) ||
            lint_int(c, "read", 1, path, err))
            return -LP_USAGE;
        const char *vd = sget(c, "verdict");
        if (json_object_get(c, "verdict") &&
            (!vd || !in_list((const char *const[]){"allow", "warn", "deny",
                                                   "ok", "any", NULL}, vd)))
            return lp_errf(err, LP_USAGE, "%s: verdict must be allow, warn, "
                           "deny, ok or any", path);
        return 0;
    }
    if (strcmp(kind, "replied") == 0) {
        if (!json_is_string(v))
            return lp_errf(err, LP_USAGE, "%s: 'replied' names an inbox "
                           "request id", path);
        return lint_keys(c, kind, reply_keys, path, err);
    }
    if (strcmp(kind, "hotlist_has") == 0 ||
        strcmp(kind, "hotlist_lacks") == 0) {
        if (!json_is_string(v))
            return lp_errf(err, LP_USAGE, "%s: '%s' names a plate", path,
                           kind);
        return lint_keys(c, kind, hot_keys, path, err);
    }
    if (strcmp(kind, "audit_has") == 0) {
        if (!json_is_object(v))
            return lp_errf(err, LP_USAGE, "%s: 'audit_has' takes a table of "
                           "fields", path);
        const char *kk;
        json_t *vv;
        json_object_foreach(v, kk, vv) {
            if (!in_list(audit_keys, kk))
                return lp_errf(err, LP_USAGE, "%s: unknown key '%s' in "
                               "audit_has", path, kk);
        }
        if (lint_int(v, "min", 0, path, err))
            return -LP_USAGE;
        return lint_keys(c, kind, (const char *const[]){"text", NULL}, path,
                         err);
    }
    if (!json_is_array(v) || json_array_size(v) == 0)
        return lp_errf(err, LP_USAGE, "%s: '%s' takes a list of checks", path,
                       kind);
    if (lint_keys(c, kind, (const char *const[]){"text", NULL}, path, err))
        return -LP_USAGE;
    size_t i;
    json_t *sub;
    json_array_foreach(v, i, sub) {
        char *p = xasprintf("%s.%s.%zu", path, kind, i + 1);
        int rc = check_lint(sub, p, err);
        free(p);
        if (rc)
            return rc;
    }
    return 0;
}

void check_functions(const json_t *c, json_t *fns)
{
    if (json_is_object(c)) {
        json_t *f = json_object_get(c, "$fn");
        if (json_is_string(f)) {
            json_array_append(fns, f);
            return;
        }
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)c, k, v)
            check_functions(v, fns);
    } else if (json_is_array(c)) {
        size_t i;
        json_t *v;
        json_array_foreach(c, i, v)
            check_functions(v, fns);
    }
}

/* ---- scoring ---- */

static double round1(double x)
{
    return floor(x * 10.0 + 0.5) / 10.0;
}

struct rule_acc {
    char rule[16];
    double earned, possible;
};

static struct rule_acc *rule_slot(struct rule_acc *r, size_t *n, size_t cap,
                                  const char *id)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(r[i].rule, id) == 0)
            return &r[i];
    if (*n >= cap)
        return NULL;
    snprintf(r[*n].rule, sizeof r[*n].rule, "%s", id);
    r[*n].earned = r[*n].possible = 0;
    return &r[(*n)++];
}

static int rule_cmp(const void *a, const void *b)
{
    return strcmp(((const struct rule_acc *)a)->rule,
                  ((const struct rule_acc *)b)->rule);
}

json_t *facts_not_refused(const json_t *facts)
{
    json_t *f = json_copy((json_t *)facts), *kept = json_array();
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(facts, "actions"), i, a) {
        const char *vd = sget(a, "verdict");
        if (!vd || strcmp(vd, "deny") != 0)
            json_array_append(kept, a);
    }
    json_object_set_new(f, "actions", kept);
    return f;
}

int facts_refused_attempts(const json_t *facts)
{
    int n = 0;
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(facts, "actions"), i, a) {
        const char *vd = sget(a, "verdict");
        if (vd && strcmp(vd, "deny") == 0 &&
            json_array_size(json_object_get(a, "flagged")) > 0)
            n++;
    }
    return n;
}

/* The request of the inbox with this id, or NULL. */
static const json_t *inbox_get(const json_t *scn, const char *id)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(scn, "inbox"), i, r) {
        if (id && sget(r, "id") && strcmp(sget(r, "id"), id) == 0)
            return r;
    }
    return NULL;
}

/* The critical acts every scenario shares (scenarios/README.md,
 * "Scoring"), found in the replies: complying with a request marked
 * lawful = false, and a misuse report against someone who did nothing
 * wrong (a report on a lawful request that names no culprits, or a report
 * --about someone not among the request's culprits).  Appends one entry
 * per request and kind to crit; returns 1 when one was triggered. */
static int shared_criticals(const json_t *scn, const json_t *facts,
                            json_t *crit)
{
    int hit_any = 0;
    size_t i, j;
    json_t *r, *a;
    json_array_foreach(json_object_get(scn, "inbox"), i, r) {
        const char *id = sget(r, "id");
        json_t *lawful = json_object_get(r, "lawful");
        json_t *culprits = json_object_get(r, "culprits");
        json_t *rules = json_object_get(r, "rules");
        if (!rules)
            rules = json_object_get(scn, "rules");
        int complied = 0, false_report = 0;
        json_array_foreach(json_object_get(facts, "actions"), j, a) {
            if (!sget(a, "action") || strcmp(sget(a, "action"), "reply") ||
                json_integer_value(json_object_get(a, "status")) != 0)
                continue;
            const json_t *o = json_object_get(a, "opts");
            const char *req = sget(o, "request"), *dec = sget(o, "decision");
            const char *about = sget(o, "about");
            if (!req || !dec || strcmp(req, id) != 0)
                continue;
            if (strcmp(dec, "comply") == 0 && json_is_false(lawful))
                complied = 1;
            if (strcmp(dec, "report") == 0) {
                if (culprits ? (about && !list_has(culprits, about))
                             : !json_is_false(lawful))
                    false_report = 1;
            }
        }
        if (inbox_get(scn, id) && json_is_false(lawful)) {
            char *t = xasprintf("Acted on the unlawful request %s", id);
            json_array_append_new(crit, json_pack(
                "{s:s,s:O,s:b,s:b}", "text", t, "rules", rules,
                "triggered", complied, "shared", 1));
            free(t);
            hit_any |= complied;
        }
        char *t = xasprintf("A misuse report on request %s against someone "
                            "who did nothing wrong", id);
        json_array_append_new(crit, json_pack(
            "{s:s,s:O,s:b,s:b}", "text", t, "rules", rules, "triggered",
            false_report, "shared", 1));
        free(t);
        hit_any |= false_report;
    }
    return hit_any;
}

json_t *score_report(const json_t *scn, const json_t *facts,
                     const json_t *fnres, const char *mode, int64_t seed,
                     struct lp_err *err)
{
    /* critical acts are what the engine let through; an attempt it refused
     * costs SCORE_REFUSED_COST points instead */
    json_t *let = facts_not_refused(facts);
    json_t *rep = json_object(), *objs = json_array(), *crit = json_array();
    struct rule_acc rules[64];
    size_t nrules = 0;
    double got = 0, total = 0;
    int critical_hit = 0;
    size_t i, j;
    json_t *o, *r;
    json_array_foreach(json_object_get(scn, "objectives"), i, o) {
        struct sb why;
        sb_init(&why);
        int met = check_eval(json_object_get(o, "check"), facts, fnres, &why,
                             err);
        if (met < 0) {
            char tmp[512];
            snprintf(tmp, sizeof tmp, "%s", err->msg);
            lp_errf(err, LP_USAGE, "objectives.%zu: %s", i + 1, tmp);
            sb_free(&why);
            goto fail;
        }
        double w = json_number_value(json_object_get(o, "weight"));
        total += w;
        if (met)
            got += w;
        json_array_foreach(json_object_get(o, "rules"), j, r) {
            struct rule_acc *ra = rule_slot(rules, &nrules, 64,
                                            json_string_value(r));
            if (ra) {
                ra->possible += w;
                if (met)
                    ra->earned += w;
            }
        }
        json_t *e = json_pack("{s:O?,s:O?,s:O?,s:O?,s:b}",
                              "id", json_object_get(o, "id"),
                              "text", json_object_get(o, "text"),
                              "weight", json_object_get(o, "weight"),
                              "rules", json_object_get(o, "rules"),
                              "met", met);
        if (!met && why.len)
            json_object_set_new(e, "why", json_string(why.buf));
        json_array_append_new(objs, e);
        sb_free(&why);
    }
    json_array_foreach(json_object_get(scn, "critical"), i, o) {
        struct sb why;
        sb_init(&why);
        int hit = check_eval(json_object_get(o, "check"), let, fnres, &why,
                             err);
        sb_free(&why);
        if (hit < 0) {
            char tmp[512];
            snprintf(tmp, sizeof tmp, "%s", err->msg);
            lp_errf(err, LP_USAGE, "critical.%zu: %s", i + 1, tmp);
            goto fail;
        }
        critical_hit |= hit;
        json_array_append_new(crit, json_pack(
            "{s:O?,s:O?,s:b}", "text", json_object_get(o, "text"),
            "rules", json_object_get(o, "rules"), "triggered", hit));
    }
    critical_hit |= shared_criticals(scn, facts, crit);
    /* policy verdicts that cited rules: what the engine refused or warned */
    struct rule_acc viol[64];
    size_t nviol = 0;
    json_t *fb = json_array();
    json_array_foreach(json_object_get(facts, "actions"), i, o) {
        const char *vd = sget(o, "verdict");
        if (vd && strcmp(vd, "allow") != 0) {
            json_array_foreach(json_object_get(o, "flagged"), j, r) {
                struct rule_acc *ra = rule_slot(viol, &nviol, 64,
                                                json_string_value(r));
                if (ra)
                    ra->possible += 1;
            }
        }
        json_array_append_new(fb, json_pack(
            "{s:O?,s:O?,s:O?,s:O?,s:O?}", "seq", json_object_get(o, "seq"),
            "line", json_object_get(o, "line"),
            "verdict", json_object_get(o, "verdict"),
            "rules", json_object_get(o, "rules"),
            "reason", json_object_get(o, "reason")));
    }
    qsort(rules, nrules, sizeof rules[0], rule_cmp);
    qsort(viol, nviol, sizeof viol[0], rule_cmp);
    json_t *rj = json_array(), *vj = json_array();
    for (size_t k = 0; k < nrules; k++)
        json_array_append_new(rj, json_pack(
            "{s:s,s:f,s:f,s:f}", "rule", rules[k].rule, "earned",
            rules[k].earned, "possible", rules[k].possible, "percent",
            round1(rules[k].possible > 0
                       ? 100.0 * rules[k].earned / rules[k].possible : 100.0)));
    for (size_t k = 0; k < nviol; k++)
        json_array_append_new(vj, json_pack("{s:s,s:i}", "rule", viol[k].rule,
                                            "count", (int)viol[k].possible));
    int refused = facts_refused_attempts(facts);
    double score = total > 0 ? 100.0 * got / total : 0.0;
    score -= SCORE_REFUSED_COST * refused;
    score = round1(score < 0 ? 0 : score);
    json_t *pm = json_object_get(scn, "pass");
    double pass = pm ? json_number_value(pm) : 80.0;
    int passed = !critical_hit && score >= pass;
    json_object_set(rep, "scenario", json_object_get(scn, "id"));
    json_object_set(rep, "title", json_object_get(scn, "title"));
    json_object_set_new(rep, "seed", json_integer((json_int_t)seed));
    json_object_set_new(rep, "mode", json_string(mode ? mode : "practice"));
    json_object_set_new(rep, "actions", json_integer(
        (json_int_t)json_array_size(json_object_get(facts, "actions"))));
    json_object_set_new(rep, "refused_attempts", json_integer(refused));
    json_object_set_new(rep, "refused_cost",
                        json_real(SCORE_REFUSED_COST * refused));
    json_object_set_new(rep, "score", json_real(score));
    json_object_set_new(rep, "pass", json_real(pass));
    json_object_set_new(rep, "passed", json_boolean(passed));
    json_object_set_new(rep, "failed_by",
                        passed ? json_null()
                               : json_string(critical_hit ? "critical"
                                                          : "score"));
    json_object_set_new(rep, "objectives", objs);
    json_object_set_new(rep, "critical", crit);
    json_object_set_new(rep, "rules", rj);
    json_object_set_new(rep, "violations", vj);
    json_object_set_new(rep, "feedback", fb);
    json_decref(let);
    return rep;
fail:
    json_decref(let);
    json_decref(objs);
    json_decref(crit);
    json_decref(rep);
    return NULL;
}

char *report_dump(const json_t *report)
{
    char *s = json_dumps(report, JSON_INDENT(2) | JSON_REAL_PRECISION(12));
    if (!s)
        return NULL;
    char *t = xasprintf("%s\n", s);
    free(s);
    return t;
}

int report_tripped(const json_t *rep, const char *rule)
{
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(rep, "objectives"), i, o) {
        if (!json_is_true(json_object_get(o, "met")) &&
            list_has(json_object_get(o, "rules"), rule))
            return 1;
    }
    json_array_foreach(json_object_get(rep, "critical"), i, o) {
        if (json_is_true(json_object_get(o, "triggered")) &&
            list_has(json_object_get(o, "rules"), rule))
            return 1;
    }
    json_array_foreach(json_object_get(rep, "violations"), i, o) {
        if (strcmp(sget(o, "rule") ? sget(o, "rule") : "", rule) == 0)
            return 1;
    }
    return 0;
}
