/*
 * policy.c - policy profiles and the text, plate and window checks of the
 * policy engine (see policy.h).  Every number, word list and pattern comes
 * from the profile file; this file holds only how they are applied.
 */
#include "core/policy/policy.h"

#include <ctype.h>
#include <jansson.h>
#include <libstemmer.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/policy/rules.h"
#include "util/lptime.h"

/* ---- verdicts ---- */

void pol_verdict_init(struct pol_verdict *v)
{
    memset(v, 0, sizeof *v);
}

void pol_verdict_free(struct pol_verdict *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->f[i].reason);
    memset(v, 0, sizeof *v);
}

void pol_add(struct pol_verdict *v, int level, const char *rule,
             const char *fmt, ...)
{
    if (v->n >= POL_MAX_FINDINGS)
        return;
    struct sb s;
    sb_init(&s);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&s, fmt, ap);
    va_end(ap);
    /* Reasons quote user text: keep them valid UTF-8 for JSON. */
    size_t bad;
    while (!lp_utf8_valid(s.buf, s.len, &bad))
        s.buf[bad] = '?';
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->f[i].rule, rule) == 0 && v->f[i].level == level &&
            strcmp(v->f[i].reason, s.buf) == 0) {
            sb_free(&s);
            return;
        }
    struct pol_finding *f = &v->f[v->n++];
    f->reason = sb_steal(&s);
    f->level = level;
    snprintf(f->rule, sizeof f->rule, "%s", rule);
    if (level > v->level)
        v->level = level;
}

const char *pol_reason(const struct pol_verdict *v)
{
    for (size_t i = 0; i < v->n; i++)
        if (v->f[i].level == v->level)
            return v->f[i].reason;
    return "";
}

const char *pol_level_name(int level)
{
    return level == POL_DENY ? "deny" : level == POL_WARN ? "warn" : "allow";
}

int pol_has_rule(const struct pol_verdict *v, const char *rule)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->f[i].rule, rule) == 0)
            return 1;
    return 0;
}

/* ---- profile loading ---- */

static void patterns_free(struct pol_pattern *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(p[i].what);
        regfree(&p[i].re);
    }
    free(p);
}

static void pattern_free1(struct pol_pattern *p)
{
    if (p->what) {
        free(p->what);
        regfree(&p->re);
    }
    memset(p, 0, sizeof *p);
}

void policy_free(struct policy *p)
{
    if (!p)
        return;
    free(p->name);
    free(p->version);
    free(p->title);
    free(p->label);
    free(p->path);
    if (p->ocr_sets)
        for (char **s = p->ocr_sets; *s; s++)
            free(*s);
    free(p->ocr_sets);
    det_list_free(&p->commercial_names);
    det_list_free(&p->padding);
    det_list_free(&p->vague);
    det_list_free(&p->purposes);
    det_list_free(&p->protected_words);
    det_list_free(&p->proxies);
    det_list_free(&p->first_amendment);
    det_list_free(&p->personal);
    det_list_free(&p->not_protected);
    det_list_free(&p->lpr_words);
    for (size_t i = 0; i < p->n_kinds; i++) {
        free(p->kinds[i].name);
        free(p->kinds[i].text);
    }
    free(p->kinds);
    if (p->stemmer)
        sb_stemmer_delete(p->stemmer);
    pattern_free1(&p->approval_re);
    pattern_free1(&p->tracking_re);
    patterns_free(p->not_reason, p->n_not_reason);
    patterns_free(p->identifying, p->n_identifying);
    free(p);
}

/* Loader state: the file for messages and the first error. */
struct ld {
    const char *path;
    struct lp_err *err;
    int failed;
};

static int ld_fail(struct ld *l, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int ld_fail(struct ld *l, const char *key, const char *fmt, ...)
{
    if (l->failed)
        return -1;
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lp_errf(l->err, LP_FAIL, "%s: %s: %s", l->path, key, msg);
    l->failed = 1;
    return -1;
}

/* Checks that obj holds only the keys listed (NULL-terminated). */
static void ld_keys(struct ld *l, json_t *obj, const char *where,
                    const char *const *keys)
{
    const char *k;
    json_t *val;
    json_object_foreach(obj, k, val) {
        int known = 0;
        for (const char *const *q = keys; *q; q++)
            known |= strcmp(*q, k) == 0;
        if (!known) {
            char full[96];
            snprintf(full, sizeof full, "%s%s%s", where, *where ? "." : "",
                     k);
            ld_fail(l, full, "unknown key (a typo?)");
            return;
        }
    }
}

static json_t *ld_obj(struct ld *l, json_t *root, const char *key)
{
    json_t *o = json_object_get(root, key);
    if (!json_is_object(o)) {
        ld_fail(l, key, o ? "must be an object" : "missing");
        return NULL;
    }
    return o;
}

/* An integer in [lo, hi]; null allowed (gives -1) when nullable. */
static int ld_int(struct ld *l, json_t *o, const char *sect, const char *key,
                  int lo, int hi, int nullable)
{
    char full[96];
    snprintf(full, sizeof full, "%s.%s", sect, key);
    json_t *v = o ? json_object_get(o, key) : NULL;
    if (nullable && json_is_null(v))
        return -1;
    if (!json_is_integer(v) || json_integer_value(v) < lo ||
        json_integer_value(v) > hi) {
        if (!v)
            ld_fail(l, full, "missing");
        else
            ld_fail(l, full, "must be a whole number from %d to %d%s", lo,
                    hi, nullable ? " (or null: no limit)" : "");
        return -1;
    }
    return (int)json_integer_value(v);
}

static double ld_real(struct ld *l, json_t *o, const char *sect,
                      const char *key, double lo, double hi)
{
    char full[96];
    snprintf(full, sizeof full, "%s.%s", sect, key);
    json_t *v = o ? json_object_get(o, key) : NULL;
    if (!json_is_number(v) || json_number_value(v) < lo ||
        json_number_value(v) > hi) {
        ld_fail(l, full, v ? "must be a number from %g to %g" : "missing",
                lo, hi);
        return 0;
    }
    return json_number_value(v);
}

static int ld_bool(struct ld *l, json_t *o, const char *sect,
                   const char *key)
{
    char full[96];
    snprintf(full, sizeof full, "%s.%s", sect, key);
    json_t *v = o ? json_object_get(o, key) : NULL;
    if (!json_is_boolean(v)) {
        ld_fail(l, full, v ? "must be true or false" : "missing");
        return 0;
    }
    return json_is_true(v);
}

static char *ld_str(struct ld *l, json_t *o, const char *key)
{
    json_t *v = o ? json_object_get(o, key) : NULL;
    if (!json_is_string(v) || json_string_length(v) == 0) {
        ld_fail(l, key, v ? "must be a non-empty string" : "missing");
        return NULL;
    }
    return xstrdup(json_string_value(v));
}

static int ld_level(struct ld *l, json_t *o, const char *sect,
                    const char *key)
{
    char full[96];
    snprintf(full, sizeof full, "%s.%s", sect, key);
    const char *s = json_string_value(o ? json_object_get(o, key) : NULL);
    if (s && strcmp(s, "allow") == 0)
        return POL_ALLOW;
    if (s && strcmp(s, "warn") == 0)
        return POL_WARN;
    if (s && strcmp(s, "deny") == 0)
        return POL_DENY;
    ld_fail(l, full, "must be \"allow\", \"warn\" or \"deny\"");
    return POL_DENY;
}

static void ld_words(struct ld *l, json_t *o, const char *sect,
                     const char *key, struct pol_words *w)
{
    char full[96];
    snprintf(full, sizeof full, "%s%s%s", sect, *sect ? "." : "", key);
    json_t *a = o ? json_object_get(o, key) : NULL;
    if (!json_is_array(a)) {
        ld_fail(l, full, a ? "must be a list of words" : "missing");
        return;
    }
    w->w = xcalloc(json_array_size(a) + 1, sizeof *w->w);
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v) {
        const char *s = json_string_value(v);
        if (!s || !*s) {
            ld_fail(l, full, "entry %zu is not a non-empty string", i + 1);
            return;
        }
        w->w[w->n++] = xstrdup(s);
    }
}

/* A word list for the detector (see detect.h): words or phrases, "*"
 * for any ending, "=" for the word exactly as written. */
static void ld_list(struct ld *l, struct policy *p, json_t *o,
                    const char *sect, const char *key, struct det_list *out)
{
    char full[96];
    snprintf(full, sizeof full, "%s%s%s", sect, *sect ? "." : "", key);
    json_t *a = o ? json_object_get(o, key) : NULL;
    if (!json_is_array(a)) {
        ld_fail(l, full, a ? "must be a list of words" : "missing");
        return;
    }
    out->e = xcalloc(json_array_size(a) + 1, sizeof *out->e);
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v) {
        const char *s = json_string_value(v);
        if (!s || !*s || strlen(s) > 120) {
            ld_fail(l, full, "entry %zu is not a word or phrase (a string "
                    "of 1 to 120 characters)", i + 1);
            return;
        }
        if (det_entry_compile(p->stemmer, s, &out->e[out->n]) != 0) {
            ld_fail(l, full, "entry %zu ('%.40s') must hold 1 to %d words",
                    i + 1, s, DET_PHRASE_MAX);
            return;
        }
        out->n++;
    }
    det_list_index(out);
}

static int ld_regex(struct ld *l, const char *full, const char *what,
                    const char *re, int icase, struct pol_pattern *out)
{
    int rc = regcomp(&out->re, re,
                     REG_EXTENDED | REG_NOSUB | (icase ? REG_ICASE : 0));
    if (rc) {
        char buf[128];
        regerror(rc, &out->re, buf, sizeof buf);
        regfree(&out->re);
        return ld_fail(l, full, "bad pattern '%s': %s", re, buf);
    }
    out->what = xstrdup(what);
    return 0;
}

static void ld_one_regex(struct ld *l, json_t *o, const char *sect,
                         const char *key, struct pol_pattern *out)
{
    char full[96];
    snprintf(full, sizeof full, "%s.%s", sect, key);
    const char *s = json_string_value(o ? json_object_get(o, key) : NULL);
    if (!s) {
        ld_fail(l, full, "missing (a regular expression)");
        return;
    }
    ld_regex(l, full, key, s, 0, out);
}

/* A list of {"what":..,"regex":..,"icase":bool}. */
static void ld_patterns(struct ld *l, json_t *o, const char *sect,
                        const char *key, struct pol_pattern **out,
                        size_t *n)
{
    char full[96];
    snprintf(full, sizeof full, "%s%s%s", sect, *sect ? "." : "", key);
    json_t *a = o ? json_object_get(o, key) : NULL;
    if (!json_is_array(a)) {
        ld_fail(l, full, a ? "must be a list of patterns" : "missing");
        return;
    }
    *out = xcalloc(json_array_size(a) + 1, sizeof **out);
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v) {
        const char *what = json_string_value(json_object_get(v, "what"));
        const char *re = json_string_value(json_object_get(v, "regex"));
        json_t *ic = json_object_get(v, "icase");
        if (!what || !re || (ic && !json_is_boolean(ic))) {
            ld_fail(l, full, "entry %zu needs \"what\" and \"regex\" strings "
                    "(and optional \"icase\": true/false)", i + 1);
            return;
        }
        if (ld_regex(l, full, what, re, !ic || json_is_true(ic),
                     &(*out)[*n]))
            return;
        (*n)++;
    }
}

/* hotlist.review_every: "1 year", "2 years" or "180 days". */
static void ld_review_every(struct ld *l, json_t *o, struct policy *p)
{
    const char *s = json_string_value(o ? json_object_get(o, "review_every")
                                        : NULL);
    char unit[16] = "";
    int n = 0, used = 0;
    if (s && sscanf(s, "%d %15s%n", &n, unit, &used) == 2 &&
        (size_t)used == strlen(s) && n >= 1) {
        if ((strcmp(unit, "year") == 0 || strcmp(unit, "years") == 0) &&
            n <= 10) {
            p->hotlist_review_years = n;
            p->hotlist_review_days = 366 * n;
            return;
        }
        if ((strcmp(unit, "day") == 0 || strcmp(unit, "days") == 0) &&
            n <= 3650) {
            p->hotlist_review_days = n;
            return;
        }
    }
    ld_fail(l, "hotlist.review_every", "must be \"N years\" (1-10: due on "
            "the calendar anniversary) or \"N days\" (1-3650)");
}

/* corroboration.kinds: {"visual": {"text": "...", "lpr": false,
 * "verifies": true}, ...} */
static void ld_kinds(struct ld *l, json_t *o, struct policy *p)
{
    json_t *k = o ? json_object_get(o, "kinds") : NULL;
    if (!json_is_object(k) || json_object_size(k) == 0) {
        ld_fail(l, "corroboration.kinds", k ? "must be an object of kinds"
                                            : "missing");
        return;
    }
    p->kinds = xcalloc(json_object_size(k), sizeof *p->kinds);
    const char *name;
    json_t *v;
    json_object_foreach(k, name, v) {
        char full[96];
        snprintf(full, sizeof full, "corroboration.kinds.%.40s", name);
        static const char *const keys[] = {"text", "lpr", "verifies", NULL};
        int bad = !*name || strlen(name) > 24;
        for (const char *c = name; *c; c++)
            bad |= !islower((unsigned char)*c) && *c != '-';
        if (bad || !json_is_object(v)) {
            ld_fail(l, full, "a kind is a lower-case word with an object "
                    "{\"text\", \"lpr\", \"verifies\"}");
            return;
        }
        ld_keys(l, v, full, keys);
        const char *text = json_string_value(json_object_get(v, "text"));
        json_t *lpr = json_object_get(v, "lpr"),
               *ver = json_object_get(v, "verifies");
        if (!text || !json_is_boolean(lpr) || !json_is_boolean(ver)) {
            ld_fail(l, full, "needs \"text\" (a string), \"lpr\" and "
                    "\"verifies\" (true or false)");
            return;
        }
        struct pol_kind *pk = &p->kinds[p->n_kinds++];
        pk->name = xstrdup(name);
        pk->text = xstrdup(text);
        pk->lpr = json_is_true(lpr);
        pk->verifies = json_is_true(ver) && !pk->lpr;
    }
}

static void ld_profile(struct ld *l, json_t *root, struct policy *p)
{
    static const char *const top[] = {
        "name", "version", "title", "description", "lookback", "retention",
        "hotlist", "audit", "quality", "queries", "sharing", "sensitive",
        "reasons", "protected", "proxies", "first_amendment", "personal",
        "not_protected", "identifying", "corroboration", NULL};
    if (!json_is_object(root)) {
        ld_fail(l, "(top)", "must be a JSON object");
        return;
    }
    ld_keys(l, root, "", top);
    p->name = ld_str(l, root, "name");
    p->version = ld_str(l, root, "version");
    p->title = ld_str(l, root, "title");

    json_t *o = ld_obj(l, root, "lookback");
    static const char *const k_look[] = {"civil_years", "cap_years", NULL};
    if (o)
        ld_keys(l, o, "lookback", k_look);
    p->civil_lookback_years = ld_int(l, o, "lookback", "civil_years", 0, 100,
                                     0);
    p->lookback_cap_years = ld_int(l, o, "lookback", "cap_years", 0, 100, 1);

    o = ld_obj(l, root, "retention");
    static const char *const k_ret[] = {"non_hit_read_days", NULL};
    if (o)
        ld_keys(l, o, "retention", k_ret);
    p->non_hit_retention_days = ld_int(l, o, "retention", "non_hit_read_days",
                                       1, 36500, 1);

    o = ld_obj(l, root, "hotlist");
    static const char *const k_hot[] = {"review_every", "ledger_keep_years",
                                        "tracking_regex", "note", NULL};
    if (o)
        ld_keys(l, o, "hotlist", k_hot);
    ld_review_every(l, o, p);
    p->ledger_keep_years = ld_int(l, o, "hotlist", "ledger_keep_years", 1,
                                  100, 0);
    ld_one_regex(l, o, "hotlist", "tracking_regex", &p->tracking_re);
    const char *note = json_string_value(o ? json_object_get(o, "note")
                                           : NULL);
    if (note && strcmp(note, "none") == 0)
        p->hotlist_note = POL_NOTE_NONE;
    else if (note && strcmp(note, "screened") == 0)
        p->hotlist_note = POL_NOTE_SCREENED;
    else
        ld_fail(l, "hotlist.note", "must be \"none\" (no free text on a "
                "hotlist) or \"screened\"");

    o = ld_obj(l, root, "audit");
    static const char *const k_aud[] = {"review_days", NULL};
    if (o)
        ld_keys(l, o, "audit", k_aud);
    p->audit_review_days = ld_int(l, o, "audit", "review_days", 1, 3650, 0);

    o = ld_obj(l, root, "quality");
    static const char *const k_q[] = {"low_confidence", "misread_confidence",
                                      "max_read_age_days", "ocr_confusions",
                                      NULL};
    if (o)
        ld_keys(l, o, "quality", k_q);
    p->low_confidence = ld_real(l, o, "quality", "low_confidence", 0, 1);
    p->misread_confidence = ld_real(l, o, "quality", "misread_confidence", 0,
                                    1);
    p->max_read_age_days = ld_int(l, o, "quality", "max_read_age_days", 1,
                                  36500, 0);
    struct pol_words sets = {0};
    ld_words(l, o, "quality", "ocr_confusions", &sets);
    p->ocr_sets = sets.w ? sets.w : xcalloc(1, sizeof *p->ocr_sets);

    o = ld_obj(l, root, "queries");
    static const char *const k_qr[] = {"wildcard", "partial", "geo",
                                       "min_plate_chars", "max_plate_chars",
                                       "max_results", NULL};
    if (o)
        ld_keys(l, o, "queries", k_qr);
    p->allow_wildcard = ld_bool(l, o, "queries", "wildcard");
    p->allow_partial = ld_bool(l, o, "queries", "partial");
    p->allow_geo = ld_bool(l, o, "queries", "geo");
    p->min_plate_chars = ld_int(l, o, "queries", "min_plate_chars", 1, 10, 0);
    p->max_plate_chars = ld_int(l, o, "queries", "max_plate_chars", 1, 12, 0);
    p->max_results = ld_int(l, o, "queries", "max_results", 1, 1000000, 0);
    if (!l->failed && p->min_plate_chars > p->max_plate_chars)
        ld_fail(l, "queries.min_plate_chars", "is above max_plate_chars");

    o = ld_obj(l, root, "sharing");
    static const char *const k_sh[] = {"law_enforcement", "commercial_names",
                                       NULL};
    if (o)
        ld_keys(l, o, "sharing", k_sh);
    p->share_law_enforcement = ld_level(l, o, "sharing", "law_enforcement");
    ld_list(l, p, o, "sharing", "commercial_names", &p->commercial_names);

    o = ld_obj(l, root, "sensitive");
    static const char *const k_se[] = {"approval_required", "approval_regex",
                                       NULL};
    if (o)
        ld_keys(l, o, "sensitive", k_se);
    p->sensitive_approval = ld_bool(l, o, "sensitive", "approval_required");
    ld_one_regex(l, o, "sensitive", "approval_regex", &p->approval_re);

    o = ld_obj(l, root, "reasons");
    static const char *const k_re[] = {"max_chars", "min_words",
                                       "min_specific_words", "padding",
                                       "vague", "lawful_purposes",
                                       "not_a_reason", NULL};
    if (o)
        ld_keys(l, o, "reasons", k_re);
    /* At most 1000 characters: the detector looks at every word. */
    p->reason_max_chars = ld_int(l, o, "reasons", "max_chars", 10, 1000, 0);
    p->reason_min_words = ld_int(l, o, "reasons", "min_words", 1, 20, 0);
    p->reason_min_specific = ld_int(l, o, "reasons", "min_specific_words", 1,
                                    20, 0);
    ld_list(l, p, o, "reasons", "padding", &p->padding);
    ld_list(l, p, o, "reasons", "vague", &p->vague);
    ld_list(l, p, o, "reasons", "lawful_purposes", &p->purposes);
    ld_patterns(l, o, "reasons", "not_a_reason", &p->not_reason,
                &p->n_not_reason);

    ld_list(l, p, root, "", "protected", &p->protected_words);
    ld_list(l, p, root, "", "proxies", &p->proxies);
    ld_list(l, p, root, "", "first_amendment", &p->first_amendment);
    ld_list(l, p, root, "", "personal", &p->personal);
    ld_list(l, p, root, "", "not_protected", &p->not_protected);
    ld_patterns(l, root, "", "identifying", &p->identifying,
                &p->n_identifying);

    o = ld_obj(l, root, "corroboration");
    static const char *const k_co[] = {"kinds", "lpr_words", NULL};
    if (o)
        ld_keys(l, o, "corroboration", k_co);
    ld_kinds(l, o, p);
    ld_list(l, p, o, "corroboration", "lpr_words", &p->lpr_words);
}

int policy_load_file(const char *path, struct policy **out,
                     struct lp_err *err)
{
    json_error_t je;
    *out = NULL;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        if (je.line <= 0)
            return lp_errf(err, LP_FAIL, "%s: cannot read policy profile: %s",
                           path, je.text);
        return lp_errf(err, LP_FAIL, "%s:%d:%d: %s", path, je.line,
                       je.column, je.text);
    }
    struct policy *p = xcalloc(1, sizeof *p);
    struct ld l = {path, err, 0};
    p->stemmer = sb_stemmer_new("english", NULL);
    if (!p->stemmer) {
        json_decref(root);
        policy_free(p);
        return lp_errf(err, LP_FAIL, "%s: the English stemmer of libstemmer "
                       "is not available", path);
    }
    ld_profile(&l, root, p);
    json_decref(root);
    if (l.failed) {
        policy_free(p);
        return -err->status;
    }
    p->path = xstrdup(path);
    p->label = xasprintf("%s@%s", p->name, p->version);
    *out = p;
    return 0;
}

int policy_load(const char *root, const char *name, struct policy **out,
                struct lp_err *err)
{
    *out = NULL;
    if (!name || !*name)
        name = POLICY_DEFAULT;
    if (strchr(name, '/'))
        return policy_load_file(name, out, err);
    for (const char *c = name; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' &&
            *c != '.')
            return lp_errf(err, LP_USAGE, "bad policy profile name '%s' "
                           "(letters, digits, '-', '_', '.')", name);
    if (strlen(name) > 64)
        return lp_errf(err, LP_USAGE, "policy profile name too long");
    char *path = xasprintf("%s/curriculum/policies/%s.json",
                           root && *root ? root : ".", name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        lp_errf(err, LP_USAGE, "no policy profile '%s' (looked for %s)",
                name, path);
        free(path);
        return -LP_USAGE;
    }
    fclose(f);
    int rc = policy_load_file(path, out, err);
    free(path);
    return rc;
}

/* ---- plates, windows, flags ---- */

int policy_check_plate(const struct policy *p, const char *plate,
                       const char *missing_rule, char *out, size_t n,
                       struct pol_verdict *v)
{
    out[0] = '\0';
    if (!plate || !*plate) {
        pol_add(v, POL_DENY, missing_rule, "no plate given: every query "
                "starts from the full plate of a target vehicle (--plate)");
        return 0;
    }
    size_t k = 0, len = strlen(plate);
    int wild = 0, partial = 0, bad = 0;
    for (const char *c = plate; *c; c++) {
        unsigned char ch = (unsigned char)*c;
        if (ch == ' ' || ch == '-')
            continue;
        if (ch == '*' || ch == '%')
            wild = 1, ch = '*';
        else if (ch == '?' || ch == '_' || ch == '.')
            partial = 1, ch = '?';
        else if (!isalnum(ch))
            bad = 1;
        if (k + 1 < n)
            out[k++] = ch < 0x80 && ch >= 0x20 ? (char)toupper(ch) : '?';
    }
    out[k] = '\0';
    if (len > 32 || bad) {
        pol_add(v, POL_DENY, RULE_IV_B, "'%.32s%s' is not a licence plate "
                "(letters and digits only, %d to %d of them)", plate,
                len > 32 ? "..." : "", p->min_plate_chars,
                p->max_plate_chars);
        return 0;
    }
    if (wild && !p->allow_wildcard) {
        pol_add(v, POL_DENY, RULE_IV_B, "wildcard plate '%s': queries need the "
                "full plate of a known target vehicle", plate);
        return 0;
    }
    if (partial && !p->allow_partial) {
        pol_add(v, POL_DENY, RULE_IV_B, "partial plate '%s': queries need the "
                "full plate of a known target vehicle", plate);
        return 0;
    }
    if (wild || partial) {
        int literal = 0;
        for (const char *c = out; *c; c++)
            literal += *c != '*' && *c != '?';
        if (literal < p->min_plate_chars || k > (size_t)p->max_plate_chars) {
            pol_add(v, POL_DENY, RULE_IV_B, "plate pattern '%s' is too broad "
                    "(at least %d known characters)", out,
                    p->min_plate_chars);
            return 0;
        }
        pol_add(v, POL_WARN, RULE_IV_B, "plate pattern '%s' (allowed by "
                "profile %s): results hold every matching plate; keep "
                "only the target's", out, p->name);
        return 2;
    }
    if ((int)k < p->min_plate_chars || (int)k > p->max_plate_chars) {
        pol_add(v, POL_DENY, RULE_IV_B, "'%s' has %zu characters: a full plate "
                "has %d to %d; partial plates are not queried", out, k,
                p->min_plate_chars, p->max_plate_chars);
        return 0;
    }
    return 1;
}

void policy_lookback(const struct policy *p, const char *type,
                     int64_t limitation_years, int64_t now,
                     int64_t *earliest, const char **rule, char *why,
                     size_t why_n)
{
    static const char *const nums[] = {"zero", "one", "two", "three", "four",
                                       "five", "six", "seven", "eight",
                                       "nine", "ten"};
    int civil = type && strcmp(type, "civil") == 0;
    int years = civil ? p->civil_lookback_years : (int)limitation_years;
    *rule = civil ? RULE_IV_J_2 : RULE_IV_J_1;
    char yb[24];
    if (years >= 0 && years <= 10)
        snprintf(yb, sizeof yb, "%s", nums[years]);
    else
        snprintf(yb, sizeof yb, "%d", years);
    if (civil)
        snprintf(why, why_n, "civil immigration queries may reach back %s "
                 "year%s", yb, years == 1 ? "" : "s");
    else if (years >= 0)
        snprintf(why, why_n, "criminal queries may reach back to the "
                 "statute of limitations, %s year%s", yb,
                 years == 1 ? "" : "s");
    else
        snprintf(why, why_n, "this violation has no statute of limitations");
    int cap = p->lookback_cap_years;
    if (cap >= 0 && (years < 0 || cap < years)) {
        years = cap;
        snprintf(why, why_n, "profile %s caps every query at %d year%s of "
                 "history", p->name, cap, cap == 1 ? "" : "s");
    }
    if (years < 0) {
        *earliest = INT64_MIN;
        return;
    }
    /* From the start of that day: "2021-03-02" is then allowed. */
    *earliest = lptime_day_start(lptime_add_years(now, -years));
}

int policy_window_start_ok(int64_t from, int64_t earliest)
{
    return earliest == INT64_MIN ||
           lptime_day_start(from) >= lptime_day_start(earliest);
}

int policy_alternatives(const struct policy *p, const char *plate,
                        struct sb *out, int max)
{
    int n = 0;
    size_t len = strlen(plate);
    char *alt = xstrdup(plate);
    for (size_t i = 0; i < len && n < max; i++) {
        for (char **set = p->ocr_sets; *set && n < max; set++) {
            if (!strchr(*set, plate[i]))
                continue;
            for (const char *c = *set; *c && n < max; c++) {
                if (*c == plate[i])
                    continue;
                alt[i] = *c;
                if (n)
                    sb_putc(out, ',');
                sb_puts(out, alt);
                n++;
            }
            alt[i] = plate[i];
        }
    }
    free(alt);
    return n;
}

double policy_distance_m(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371000.0, rad = M_PI / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) *
                   sin(dlon / 2);
    return 2 * r * atan2(sqrt(a), sqrt(1 - a));
}

int policy_load_for(struct store *st, const char *root, const char *name,
                    struct policy **out, struct lp_err *err)
{
    char *dbname = NULL;
    if (!name || !*name) {
        dbname = store_meta_get(st, "policy");
        if (!dbname)
            dbname = store_meta_get(st, "policy_profile");
        name = dbname;
    }
    int rc = policy_load(root, name, out, err);
    free(dbname);
    return rc;
}
