/*
 * jsonout.c - shortest round-trip reals in jansson output (see
 * jsonout.h).  jansson prints one precision per dump (%.17g unless told),
 * so each real of a copy of the document becomes a unique marker string,
 * the copy is dumped by jansson (which does all the escaping), and each
 * marker is replaced by the real's shortest text.
 */
#include "core/io/jsonout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

/* What jansson writes for the marker "\x01\x02lprsim-real-" N "\x03". */
#define MARK_RAW "\x01\x02lprsim-real-"
#define MARK_DUMPED "\"\\u0001\\u0002lprsim-real-"
#define MARK_END "\\u0003\""

void jsonout_real(double d, char *buf, size_t cap)
{
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, cap, "%.*g", p, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    /* %g says 1e+02 for 100: plain digits read better where they fit */
    if (strchr(buf, 'e') && fabs(d) >= 1e-4 && fabs(d) < 1e16) {
        for (int k = 0; k <= 17; k++) {
            snprintf(buf, cap, "%.*f", k, d);
            if (strtod(buf, NULL) == d)
                break;
        }
    }
    size_t l = strlen(buf);
    if (!strpbrk(buf, ".eEn") && l + 3 <= cap)
        memcpy(buf + l, ".0", 3);
}

struct reals {
    double *v;
    size_t n, cap;
    int clash;          /* a string of the document looks like a marker */
};

/* Replaces every real under j by a marker string, remembering its value;
 * returns the (possibly new) node. */
static json_t *mark(json_t *j, struct reals *r)
{
    if (json_is_real(j)) {
        if (r->n == r->cap) {
            r->cap = r->cap ? 2 * r->cap : 16;
            r->v = xrealloc(r->v, r->cap * sizeof *r->v);
        }
        r->v[r->n] = json_real_value(j);
        char m[64];
        snprintf(m, sizeof m, MARK_RAW "%zu\x03", r->n++);
        return json_string(m);
    }
    if (json_is_string(j) && strstr(json_string_value(j), MARK_RAW))
        r->clash = 1;
    if (json_is_object(j)) {
        const char *k;
        json_t *v;
        void *tmp;
        json_object_foreach_safe(j, tmp, k, v) {
            json_t *nv = mark(v, r);
            if (nv != v)
                json_object_set_new(j, k, nv);
        }
    } else if (json_is_array(j)) {
        for (size_t i = 0; i < json_array_size(j); i++) {
            json_t *v = json_array_get(j, i);
            json_t *nv = mark(v, r);
            if (nv != v)
                json_array_set_new(j, i, nv);
        }
    }
    return j;
}

char *jsonout_dumps(const json_t *doc, size_t flags)
{
    struct reals r = {0};
    json_t *copy = json_deep_copy(doc);
    if (!copy)
        return NULL;
    json_t *top = mark(copy, &r);
    if (top != copy) {
        json_decref(copy);
        copy = top;
    }
    if (r.clash) {          /* never in practice: plain jansson output */
        json_decref(copy);
        free(r.v);
        return json_dumps(doc, flags);
    }
    char *text = json_dumps(copy, flags | JSON_ENCODE_ANY);
    json_decref(copy);
    if (!text || r.n == 0) {
        free(r.v);
        return text;
    }
    struct sb out;
    sb_init(&out);
    const char *p = text, *m;
    size_t ml = strlen(MARK_DUMPED);
    while ((m = strstr(p, MARK_DUMPED)) != NULL) {
        sb_add(&out, p, (size_t)(m - p));
        char *end;
        unsigned long long i = strtoull(m + ml, &end, 10);
        if (i >= r.n || strncmp(end, MARK_END, strlen(MARK_END)) != 0) {
            sb_add(&out, m, ml);    /* not ours: copy it as it is */
            p = m + ml;
            continue;
        }
        char num[40];
        jsonout_real(r.v[i], num, sizeof num);
        sb_puts(&out, num);
        p = end + strlen(MARK_END);
    }
    sb_puts(&out, p);
    free(text);
    free(r.v);
    return sb_steal(&out);
}
