/*
 * xapi.c - the xAPI 1.0.3 statements of the training records (see
 * xapi.h).  Verbs are the ADL vocabulary's, but for a revoked certificate,
 * for which it has none: that verb is IRI/verbs/revoked.
 */
#include "core/learn/xapi.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/learn/lesson.h"
#include "core/policy/rules.h"
#include "core/store/store_report.h"
#include "util/lptime.h"

#define ADL "http://adlnet.gov/expapi/verbs/"
#define ADL_ACT "http://adlnet.gov/expapi/activities/"

void xapi_uuid(const void *name, size_t n, char out[37])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, name, n);
    h[6] = (unsigned char)((h[6] & 0x0f) | 0x80);   /* version 8 */
    h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
    static const char hex[] = "0123456789abcdef";
    size_t k = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[k++] = '-';
        out[k++] = hex[h[i] >> 4];
        out[k++] = hex[h[i] & 15];
    }
    out[k] = '\0';
}

struct ctx {
    const struct xapi_opts *o;
    json_t *lessons;       /* lesson id -> {title, rules} (cache) */
    char *iri;             /* o->iri without a trailing '/' */
    json_t *people;        /* id -> {name, email} */
    json_t *out;
    int64_t since;
};

/* A stable id: the UUID of the site, the kind and the fields, each
 * length-prefixed so that no two records share a name. */
static void stmt_id(const struct ctx *c, char out[37], const char *kind,
                    const char *a, const char *b, int64_t t)
{
    struct sb s;
    sb_init(&s);
    const char *parts[] = {"lprsim-xapi-1", c->o->homepage, kind, a ? a : "",
                           b ? b : ""};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        sb_printf(&s, "%zu:%s;", strlen(parts[i]), parts[i]);
    sb_printf(&s, "%lld", (long long)t);
    xapi_uuid(s.buf, s.len, out);
    sb_free(&s);
}

static json_t *actor(const struct ctx *c, const char *user)
{
    json_t *p = json_object_get(c->people, user);
    const char *name = json_string_value(json_object_get(p, "name"));
    const char *email = json_string_value(json_object_get(p, "email"));
    json_t *a = json_pack("{s:s}", "objectType", "Agent");
    if (name)
        json_object_set_new(a, "name", json_string(name));
    if (c->o->with_email && email) {
        char *m = xasprintf("mailto:%s", email);
        json_object_set_new(a, "mbox", json_string(m));
        free(m);
    } else {
        json_object_set_new(a, "account",
                            json_pack("{s:s,s:s}", "homePage",
                                      c->o->homepage, "name", user));
    }
    return a;
}

static json_t *verb(const char *id, const char *display)
{
    return json_pack("{s:s,s:{s:s}}", "id", id, "display", "en-US", display);
}

static json_t *activity(const struct ctx *c, const char *kind,
                        const char *id, const char *type, const char *name)
{
    char *iri = xasprintf("%s/%s/%s", c->iri, kind, id);
    json_t *a = json_pack("{s:s,s:s,s:{s:{s:s},s:s}}", "objectType",
                          "Activity", "id", iri, "definition", "name",
                          "en-US", name, "type", type);
    free(iri);
    return a;
}

static char *ext(const struct ctx *c, const char *key)
{
    return xasprintf("%s/ext/%s", c->iri, key);
}

static void add(struct ctx *c, const char *id, json_t *act, json_t *vb,
                json_t *obj, int64_t at)
{
    char ts[32];
    lptime_format(at, ts, sizeof ts);
    json_array_append_new(c->out, json_pack("{s:s,s:o,s:o,s:o,s:s}", "id", id,
                                            "actor", act, "verb", vb,
                                            "object", obj, "timestamp", ts));
}

static json_t *last(struct ctx *c)
{
    return json_array_get(c->out, json_array_size(c->out) - 1);
}

static char *duration(int64_t secs)
{
    if (secs < 0)
        secs = 0;
    return xasprintf("PT%lldH%lldM%lldS", (long long)(secs / 3600),
                     (long long)(secs / 60 % 60), (long long)(secs % 60));
}

static int people_cb(void *arg, const struct lp_person *p)
{
    json_object_set_new(arg, p->id, json_pack("{s:s,s:s?}", "name", p->name,
                                              "email", p->email));
    return 0;
}

/* Appends the catalogue's rule ids named by one token of a lesson's
 * "Rules:" line: an id (IV.A.1), a group (IV.K) or a run of groups
 * (IV.A-B). */
static void expand_rules(const char *tok, json_t *out)
{
    size_t n = strlen(tok);
    if (n < 4 || strncmp(tok, "IV.", 3) != 0)
        return;
    char lo = tok[3], hi = tok[3];
    int run = n == 6 && tok[4] == '-';
    if (run)
        hi = tok[5];
    else if (n != 4) {
        if (rule_known(tok))
            json_array_append_new(out, json_string(tok));
        return;
    }
    for (size_t i = 0; i < rule_count(); i++) {
        const char *id = rule_at(i)->id;
        if (id[3] >= lo && id[3] <= hi && (id[4] == '\0' || id[4] == '.'))
            json_array_append_new(out, json_string(id));
    }
}

/* The title and rule ids of lesson id (cached; {} when unknown). */
static json_t *lesson_info(struct ctx *c, const char *id)
{
    json_t *li = json_object_get(c->lessons, id);
    if (li)
        return li;
    li = json_object();
    json_object_set_new(c->lessons, id, li);
    size_t n = strlen(id);
    if (!c->o->root || n == 0 || n > 64 || strspn(id,
            "abcdefghijklmnopqrstuvwxyz0123456789-_") != n)
        return li;
    char *path = xasprintf("%s/curriculum/lessons/%s.md", c->o->root, id);
    struct lesson *l = NULL;
    struct lp_err err = {0};
    if (lesson_load(path, &l, &err) == 0) {
        json_object_set_new(li, "title", json_string(l->title));
        json_t *rules = json_array();
        for (const char *p = l->rules ? l->rules : ""; *p;) {
            size_t k = strcspn(p, ", ");
            char tok[32];
            if (k && k < sizeof tok) {
                memcpy(tok, p, k);
                tok[k] = '\0';
                expand_rules(tok, rules);
            }
            p += k;
            while (*p == ',' || *p == ' ')
                p++;
        }
        json_object_set_new(li, "rules", rules);
    }
    lesson_free(l);
    free(path);
    return li;
}

static int lesson_cb(void *arg, const struct store_lesson_row *r)
{
    struct ctx *c = arg;
    char id[37], title[160];
    json_t *li = lesson_info(c, r->lesson);
    const char *lt = json_string_value(json_object_get(li, "title"));
    snprintf(title, sizeof title, "Lesson: %s", lt ? lt : r->lesson);
    stmt_id(c, id, "experienced", r->user_id, r->lesson, r->at);
    add(c, id, actor(c, r->user_id), verb(ADL "experienced", "experienced"),
        activity(c, "lesson", r->lesson, ADL_ACT "lesson", title), r->at);
    snprintf(title, sizeof title, "Knowledge check: %s", lt ? lt : r->lesson);
    stmt_id(c, id, "check", r->user_id, r->lesson, r->at);
    add(c, id, actor(c, r->user_id),
        r->passed ? verb(ADL "passed", "passed") : verb(ADL "failed", "failed"),
        activity(c, "check", r->lesson, ADL_ACT "assessment", title), r->at);
    double q = r->questions > 0 ? r->questions : 1;
    json_object_set_new(last(c), "result", json_pack(
        "{s:{s:f,s:i,s:i,s:i},s:b,s:b}", "score", "scaled",
        (double)r->right / q, "raw", r->right, "min", 0, "max", r->questions,
        "success", r->passed, "completion", 1));
    json_t *rules = json_object_get(li, "rules");
    if (json_array_size(rules)) {
        char *k = ext(c, "rules");
        json_object_set_new(json_object_get(last(c), "result"), "extensions",
                            json_pack("{s:O}", k, rules));
        free(k);
    }
    return 0;
}

static json_t *rules_array(const char *list)
{
    json_t *a = json_array();
    if (!list)
        return a;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        json_array_append_new(a, json_stringn(p, n));
        p += n;
        if (*p == ',')
            p++;
    }
    return a;
}

static int session_cb(void *arg, const struct store_session_row *r)
{
    struct ctx *c = arg;
    char id[37], reg[37], sid[24], title[160];
    snprintf(sid, sizeof sid, "%lld", (long long)r->id);
    snprintf(title, sizeof title, "Scenario: %s", r->scenario_id);
    stmt_id(c, reg, "registration", r->user_id, sid, 0);
    char *k_mode = ext(c, "mode"), *k_seed = ext(c, "seed"),
         *k_sess = ext(c, "session"), *k_rules = ext(c, "rules");
    json_t *ctxt = json_pack("{s:s,s:{s:s,s:I,s:I}}", "registration", reg,
                             "extensions", k_mode, r->mode, k_seed,
                             (json_int_t)r->seed, k_sess, (json_int_t)r->id);
    if (r->started_at >= c->since) {
        stmt_id(c, id, "attempted", r->user_id, sid, r->started_at);
        add(c, id, actor(c, r->user_id), verb(ADL "attempted", "attempted"),
            activity(c, "scenario", r->scenario_id, ADL_ACT "simulation",
                     title), r->started_at);
        json_object_set(last(c), "context", ctxt);
    }
    if (r->passed >= 0 && r->finished_at >= c->since) {
        stmt_id(c, id, "finished", r->user_id, sid, r->finished_at);
        add(c, id, actor(c, r->user_id),
            r->passed ? verb(ADL "passed", "passed")
                      : verb(ADL "failed", "failed"),
            activity(c, "scenario", r->scenario_id, ADL_ACT "simulation",
                     title), r->finished_at);
        char *d = duration(r->finished_at - r->started_at);
        double scaled = r->score / 100.0;
        scaled = scaled < 0 ? 0 : scaled > 1 ? 1 : scaled;
        json_t *res = json_pack(
            "{s:{s:f,s:f,s:i,s:i},s:b,s:b,s:s,s:{s:o}}", "score", "scaled",
            scaled, "raw", r->score, "min", 0, "max", 100, "success",
            r->passed, "completion", 1, "duration", d, "extensions", k_rules,
            rules_array(r->rules));
        free(d);
        json_object_set_new(last(c), "result", res);
        json_object_set(last(c), "context", ctxt);
    }
    json_decref(ctxt);
    free(k_mode);
    free(k_seed);
    free(k_sess);
    free(k_rules);
    return 0;
}

static int cert_cb(void *arg, const struct store_cert *ce)
{
    struct ctx *c = arg;
    char id[37], serial[24], title[160], exp[32];
    snprintf(serial, sizeof serial, "%lld", (long long)ce->serial);
    snprintf(title, sizeof title, "LPR privacy training, %s track",
             ce->track);
    lptime_format(ce->expires_at, exp, sizeof exp);
    char *k_serial = ext(c, "certificate"), *k_exp = ext(c, "expires");
    if (ce->issued_at >= c->since) {
        stmt_id(c, id, "issued", ce->user_id, serial, ce->issued_at);
        add(c, id, actor(c, ce->user_id), verb(ADL "completed", "completed"),
            activity(c, "track", ce->track, ADL_ACT "course", title),
            ce->issued_at);
        double scaled = ce->score / 100.0;
        scaled = scaled < 0 ? 0 : scaled > 1 ? 1 : scaled;
        json_object_set_new(last(c), "result", json_pack(
            "{s:{s:f},s:b,s:b}", "score", "scaled", scaled, "success", 1,
            "completion", 1));
        json_object_set_new(last(c), "context", json_pack(
            "{s:{s:I,s:s}}", "extensions", k_serial, (json_int_t)ce->serial,
            k_exp, exp));
    }
    if (ce->revoked && ce->revoked_at >= c->since) {
        char *v = xasprintf("%s/verbs/revoked", c->iri);
        stmt_id(c, id, "revoked", ce->user_id, serial, ce->revoked_at);
        add(c, id, actor(c, ce->user_id), verb(v, "revoked"),
            activity(c, "track", ce->track, ADL_ACT "course", title),
            ce->revoked_at);
        json_object_set_new(last(c), "context", json_pack(
            "{s:{s:I}}", "extensions", k_serial, (json_int_t)ce->serial));
        free(v);
    }
    free(k_serial);
    free(k_exp);
    return 0;
}

static int by_time(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int c = strcmp(json_string_value(json_object_get(x, "timestamp")),
                   json_string_value(json_object_get(y, "timestamp")));
    return c ? c : strcmp(json_string_value(json_object_get(x, "id")),
                          json_string_value(json_object_get(y, "id")));
}

int xapi_statements(struct store *st, const struct xapi_opts *o,
                    int64_t since, json_t **out, struct lp_err *err)
{
    struct ctx c = {.o = o, .people = json_object(), .out = json_array(),
                    .since = since, .lessons = json_object()};
    c.iri = xstrdup(o->iri);
    size_t n = strlen(c.iri);
    while (n && c.iri[n - 1] == '/')
        c.iri[--n] = '\0';
    *out = NULL;
    if (sodium_init() < 0) {
        lp_errf(err, LP_FAIL, "xapi: libsodium failed to start");
        goto fail;
    }
    if (store_people_each(st, people_cb, c.people) ||
        store_report_lessons(st, NULL, since, lesson_cb, &c) ||
        store_report_sessions(st, NULL, since, session_cb, &c) ||
        store_cert_each(st, NULL, cert_cb, &c)) {
        *err = *store_err(st);
        if (!err->status)
            err->status = LP_FAIL;
        goto fail;
    }
    /* revocations are not in time order with issues: sort everything */
    size_t k = json_array_size(c.out);
    json_t **v = xmalloc((k ? k : 1) * sizeof *v);
    for (size_t i = 0; i < k; i++)
        v[i] = json_incref(json_array_get(c.out, i));
    qsort(v, k, sizeof *v, by_time);
    json_array_clear(c.out);
    for (size_t i = 0; i < k; i++)
        json_array_append_new(c.out, v[i]);
    free(v);
    *out = c.out;
    json_decref(c.people);
    json_decref(c.lessons);
    free(c.iri);
    return 0;
fail:
    json_decref(c.people);
    json_decref(c.lessons);
    json_decref(c.out);
    free(c.iri);
    return -err->status;
}
