/*
 * util.c - allocation, growable strings and error records (see util.h).
 */
#include "util/util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int lp_errf(struct lp_err *err, int status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->status = status;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return -(status ? status : LP_FAIL);
}

void lp_err_clear(struct lp_err *err)
{
    if (err) {
        err->status = 0;
        err->msg[0] = '\0';
    }
}

static void oom(size_t n)
{
    fprintf(stderr, "lprsim: out of memory (%zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p)
        oom(n * sz);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *xstrdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = xmalloc(n);
    memcpy(d, s, n);
    return d;
}

char *xasprintf(const char *fmt, ...)
{
    struct sb s;
    va_list ap;
    sb_init(&s);
    va_start(ap, fmt);
    sb_vprintf(&s, fmt, ap);
    va_end(ap);
    return sb_steal(&s);
}

void sb_init(struct sb *s)
{
    s->buf = NULL;
    s->len = s->cap = 0;
}

void sb_free(struct sb *s)
{
    free(s->buf);
    sb_init(s);
}

void sb_reset(struct sb *s)
{
    s->len = 0;
    if (s->buf)
        s->buf[0] = '\0';
}

static void sb_grow(struct sb *s, size_t extra)
{
    if (s->len + extra + 1 <= s->cap)
        return;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < s->len + extra + 1)
        cap *= 2;
    s->buf = xrealloc(s->buf, cap);
    s->cap = cap;
}

void sb_add(struct sb *s, const char *data, size_t n)
{
    sb_grow(s, n);
    if (n)
        memcpy(s->buf + s->len, data, n);
    s->len += n;
    s->buf[s->len] = '\0';
}

void sb_puts(struct sb *s, const char *str)
{
    sb_add(s, str, strlen(str));
}

void sb_putc(struct sb *s, char c)
{
    sb_add(s, &c, 1);
}

void sb_vprintf(struct sb *s, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    sb_grow(s, (size_t)n);
    vsnprintf(s->buf + s->len, (size_t)n + 1, fmt, ap);
    s->len += (size_t)n;
}

void sb_printf(struct sb *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(s, fmt, ap);
    va_end(ap);
}

char *sb_steal(struct sb *s)
{
    char *b = s->buf;
    if (!b)
        b = xstrdup("");
    sb_init(s);
    return b;
}

int lp_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
    if (!s || !*s || isspace((unsigned char)*s))
        return -1;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int lp_parse_double(const char *s, double min, double max, double *out)
{
    if (!s || !*s || isspace((unsigned char)*s))
        return -1;
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (errno || *end || !isfinite(v) || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int lp_utf8_valid(const char *str, size_t n, size_t *bad_at)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len;
        unsigned min;
        if (c == 0)
            goto bad;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2; min = 0x80; c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3; min = 0x800; c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4; min = 0x10000; c &= 0x07;
        } else {
            goto bad;
        }
        if (i + len > n)
            goto bad;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                goto bad;
            c = (c << 6) | (s[i + k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            goto bad;
        i += len;
    }
    return 1;
bad:
    if (bad_at)
        *bad_at = i;
    return 0;
}

int lp_strieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

int lp_text_has_ctrl(const char *s, size_t n, size_t *at)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int bad = (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f ||
                  (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                   (unsigned char)s[i + 1] <= 0x9f);
        if (bad) {
            if (at)
                *at = i;
            return 1;
        }
    }
    return 0;
}
