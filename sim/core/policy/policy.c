/*
 * policy.c - policy profiles and the text, plate and window checks of the
 * policy engine (see policy.h).  Every number, word list and pattern comes
 * from the profile file; this file holds only how they are applied.
 */
#include "core/policy/policy.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void words_free_list(struct pol_words *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->w[i]);
    free(w->w);
    memset(w, 0, sizeof *w);
}

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
    words_free_list(&p->commercial_words);
    words_free_list(&p->lea_words);
    words_free_list(&p->vague);
    words_free_list(&p->protected_words);
    words_free_list(&p->first_amendment);
    words_free_list(&p->lpr_words);
    words_free_list(&p->verification_words);
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

static void ld_profile(struct ld *l, json_t *root, struct policy *p)
{
    static const char *const top[] = {
        "name", "version", "title", "description", "lookback", "retention",
        "hotlist", "audit", "quality", "queries", "sharing", "sensitive",
        "reasons", "protected", "first_amendment", "identifying",
        "corroboration", NULL};
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
    static const char *const k_hot[] = {"review_days", "ledger_keep_years",
                                        "tracking_regex", NULL};
    if (o)
        ld_keys(l, o, "hotlist", k_hot);
    p->hotlist_review_days = ld_int(l, o, "hotlist", "review_days", 1, 3650,
                                    0);
    p->ledger_keep_years = ld_int(l, o, "hotlist", "ledger_keep_years", 1,
                                  100, 0);
    ld_one_regex(l, o, "hotlist", "tracking_regex", &p->tracking_re);

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
    static const char *const k_sh[] = {"commercial", "law_enforcement",
                                       "unknown", "commercial_words",
                                       "law_enforcement_words", NULL};
    if (o)
        ld_keys(l, o, "sharing", k_sh);
    p->share_commercial = ld_level(l, o, "sharing", "commercial");
    p->share_law_enforcement = ld_level(l, o, "sharing", "law_enforcement");
    p->share_unknown = ld_level(l, o, "sharing", "unknown");
    ld_words(l, o, "sharing", "commercial_words", &p->commercial_words);
    ld_words(l, o, "sharing", "law_enforcement_words", &p->lea_words);

    o = ld_obj(l, root, "sensitive");
    static const char *const k_se[] = {"approval_required", "approval_regex",
                                       NULL};
    if (o)
        ld_keys(l, o, "sensitive", k_se);
    p->sensitive_approval = ld_bool(l, o, "sensitive", "approval_required");
    ld_one_regex(l, o, "sensitive", "approval_regex", &p->approval_re);

    o = ld_obj(l, root, "reasons");
    static const char *const k_re[] = {"max_chars", "min_words", "vague",
                                       "not_a_reason", NULL};
    if (o)
        ld_keys(l, o, "reasons", k_re);
    p->reason_max_chars = ld_int(l, o, "reasons", "max_chars", 10, 10000, 0);
    p->reason_min_words = ld_int(l, o, "reasons", "min_words", 1, 20, 0);
    ld_words(l, o, "reasons", "vague", &p->vague);
    ld_patterns(l, o, "reasons", "not_a_reason", &p->not_reason,
                &p->n_not_reason);

    ld_words(l, root, "", "protected", &p->protected_words);
    ld_words(l, root, "", "first_amendment", &p->first_amendment);
    ld_patterns(l, root, "", "identifying", &p->identifying,
                &p->n_identifying);

    o = ld_obj(l, root, "corroboration");
    static const char *const k_co[] = {"lpr_words", "verification_words",
                                       NULL};
    if (o)
        ld_keys(l, o, "corroboration", k_co);
    ld_words(l, o, "corroboration", "lpr_words", &p->lpr_words);
    ld_words(l, o, "corroboration", "verification_words",
             &p->verification_words);
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

/* ---- text checks ---- */

static int is_word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

int policy_words_match(const struct pol_words *w, const char *text,
                       char *hit, size_t hit_n)
{
    if (!text)
        return 0;
    for (size_t i = 0; i < w->n; i++) {
        const char *word = w->w[i];
        size_t len = strlen(word);
        int prefix = len > 0 && word[len - 1] == '*';
        if (prefix)
            len--;
        if (len == 0)
            continue;
        for (const char *t = text; *t; t++) {
            if (t > text && is_word_char((unsigned char)t[-1]))
                continue;
            if (strncasecmp(t, word, len) != 0)
                continue;
            if (!prefix && is_word_char((unsigned char)t[len]))
                continue;
            if (hit)
                snprintf(hit, hit_n, "%.*s", (int)len, word);
            return 1;
        }
    }
    return 0;
}

/* The text lowercased, trimmed, with punctuation at the ends dropped. */
static char *norm_text(const char *s)
{
    while (*s && (isspace((unsigned char)*s) || ispunct((unsigned char)*s)))
        s++;
    char *d = xstrdup(s);
    size_t n = strlen(d);
    while (n > 0 && (isspace((unsigned char)d[n - 1]) ||
                     (ispunct((unsigned char)d[n - 1]) && d[n - 1] != '/')))
        d[--n] = '\0';
    for (char *c = d; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return d;
}

static int count_words(const char *s)
{
    int n = 0, in = 0;
    for (; *s; s++) {
        int w = is_word_char((unsigned char)*s);
        if (w && !in)
            n++;
        in = w;
    }
    return n;
}

void policy_check_protected(const struct policy *p, const char *text,
                            const char *what, struct pol_verdict *v)
{
    char hit[64];
    if (policy_words_match(&p->protected_words, text, hit, sizeof hit))
        pol_add(v, POL_DENY, "IV.E", "%s refers to a protected "
                "characteristic ('%s'): LPR data is never used on that "
                "basis", what, hit);
    else if (policy_words_match(&p->first_amendment, text, hit, sizeof hit))
        pol_add(v, POL_DENY, "IV.E", "%s refers to First Amendment "
                "activity ('%s'): LPR data is never used to monitor it",
                what, hit);
}

void policy_check_reason(const struct policy *p, const char *reason,
                         struct pol_verdict *v)
{
    if (!reason || !*reason) {
        pol_add(v, POL_DENY, "IV.M.1", "no reason given: every query needs "
                "a reason for the audit log (--reason TEXT)");
        return;
    }
    size_t len = strlen(reason);
    if (len > (size_t)p->reason_max_chars) {
        pol_add(v, POL_DENY, "IV.M.1", "the reason is %zu characters long: "
                "write one sentence of at most %d characters", len,
                p->reason_max_chars);
        return;
    }
    if (!lp_utf8_valid(reason, len, NULL)) {
        pol_add(v, POL_DENY, "IV.M.1", "the reason is not valid UTF-8 text");
        return;
    }
    for (const char *c = reason; *c; c++)
        if ((unsigned char)*c < 0x20) {
            pol_add(v, POL_DENY, "IV.M.1", "the reason holds a control "
                    "character: write it on one line");
            return;
        }
    for (size_t i = 0; i < p->n_not_reason; i++)
        if (regexec(&p->not_reason[i].re, reason, 0, NULL, 0) == 0) {
            pol_add(v, POL_DENY, "IV.M.1", "the reason looks like %s, not a "
                    "reason: say why this query serves the case",
                    p->not_reason[i].what);
            return;
        }
    policy_check_protected(p, reason, "the reason", v);
    char *n = norm_text(reason);
    int vague = 0;
    for (size_t i = 0; i < p->vague.n && !vague; i++)
        vague = strcmp(n, p->vague.w[i]) == 0;
    int words = count_words(reason);
    if (vague)
        pol_add(v, POL_DENY, "IV.M.1", "'%s' is too vague a reason: say what "
                "the query is for in the case (at least %d words)", n,
                p->reason_min_words);
    else if (words < p->reason_min_words)
        pol_add(v, POL_DENY, "IV.M.1", "a reason of %d word%s is too vague: "
                "say what the query is for in the case (at least %d words)",
                words, words == 1 ? "" : "s", p->reason_min_words);
    free(n);
}

void policy_check_note(const struct policy *p, const char *note,
                       struct pol_verdict *v)
{
    if (!note || !*note)
        return;
    struct sb found;
    sb_init(&found);
    size_t nf = 0;
    for (size_t i = 0; i < p->n_identifying; i++) {
        const char *what = p->identifying[i].what;
        if (regexec(&p->identifying[i].re, note, 0, NULL, 0) != 0 ||
            (found.len && strstr(found.buf, what)))
            continue;
        sb_printf(&found, "%s%s", nf ? ", " : "", what);
        nf++;
    }
    if (nf)
        pol_add(v, POL_DENY, "IV.K.2", "the hotlist note holds %s: a "
                "hotlist keeps only the plate and agency tracking numbers",
                found.buf);
    sb_free(&found);
    policy_check_protected(p, note, "the hotlist note", v);
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
        pol_add(v, POL_DENY, "IV.B", "'%.32s%s' is not a licence plate "
                "(letters and digits only, %d to %d of them)", plate,
                len > 32 ? "..." : "", p->min_plate_chars,
                p->max_plate_chars);
        return 0;
    }
    if (wild && !p->allow_wildcard) {
        pol_add(v, POL_DENY, "IV.B", "wildcard plate '%s': queries need the "
                "full plate of a known target vehicle", plate);
        return 0;
    }
    if (partial && !p->allow_partial) {
        pol_add(v, POL_DENY, "IV.B", "partial plate '%s': queries need the "
                "full plate of a known target vehicle", plate);
        return 0;
    }
    if (wild || partial) {
        int literal = 0;
        for (const char *c = out; *c; c++)
            literal += *c != '*' && *c != '?';
        if (literal < p->min_plate_chars || k > (size_t)p->max_plate_chars) {
            pol_add(v, POL_DENY, "IV.B", "plate pattern '%s' is too broad "
                    "(at least %d known characters)", out,
                    p->min_plate_chars);
            return 0;
        }
        pol_add(v, POL_WARN, "IV.B", "plate pattern '%s' (allowed by "
                "profile %s): results hold every matching plate; keep "
                "only the target's", out, p->name);
        return 2;
    }
    if ((int)k < p->min_plate_chars || (int)k > p->max_plate_chars) {
        pol_add(v, POL_DENY, "IV.B", "'%s' has %zu characters: a full plate "
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
    *rule = civil ? "IV.J.2" : "IV.J.1";
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

int policy_recipient_kind(const struct policy *p, const char *name)
{
    if (policy_words_match(&p->commercial_words, name, NULL, 0))
        return 'c';
    if (policy_words_match(&p->lea_words, name, NULL, 0))
        return 'l';
    return '?';
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
