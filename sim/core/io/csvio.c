/*
 * csvio.c - strict CSV reading on libcsv, safe CSV writing (see csvio.h).
 */
#include "core/io/csvio.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 65536

struct rd {
    const char *path;
    csvio_row_fn fn;
    void *arg;
    struct lp_err *err;
    size_t line;          /* physical line being fed */
    size_t row_bytes;     /* bytes fed since the last row ended */
    size_t row_line;      /* physical line where the current row began */
    char *fields[CSVIO_MAX_FIELDS];
    size_t n;
    int failed;
};

static void rd_clear(struct rd *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->fields[i]);
        r->fields[i] = NULL;
    }
    r->n = 0;
}

int csvio_errf(struct lp_err *err, const struct csvio_row *row, size_t col,
               const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (col)
        return lp_errf(err, LP_FAIL, "%s:%zu:%zu: %s", row->path, row->line,
                       col, msg);
    return lp_errf(err, LP_FAIL, "%s:%zu: %s", row->path, row->line, msg);
}

static void on_field(void *data, size_t len, void *arg)
{
    struct rd *r = arg;
    if (r->failed)
        return;
    struct csvio_row pos = {.path = r->path, .line = r->line};
    size_t bad;
    if (r->n >= CSVIO_MAX_FIELDS) {
        csvio_errf(r->err, &pos, r->n + 1, "too many columns (more than %d)",
                   CSVIO_MAX_FIELDS);
        r->failed = 1;
        return;
    }
    if (!lp_utf8_valid(data ? data : "", len, &bad)) {
        csvio_errf(r->err, &pos, r->n + 1,
                   "%s at byte %zu of the field",
                   memchr(data, 0, len) ? "NUL byte or invalid UTF-8"
                                        : "invalid UTF-8", bad + 1);
        r->failed = 1;
        return;
    }
    char *f = xmalloc(len + 1);
    if (len)
        memcpy(f, data, len);
    f[len] = '\0';
    r->fields[r->n++] = f;
}

static void on_row(int c, void *arg)
{
    struct rd *r = arg;
    (void)c;
    if (r->failed)
        return;
    struct csvio_row row = {
        .path = r->path, .line = r->line, .n = r->n,
        .f = (const char *const *)r->fields,
    };
    if (r->fn(r->arg, &row, r->err))
        r->failed = 1;
    rd_clear(r);
    r->row_bytes = 0;
}

static const struct {
    unsigned long cp;
    const char *name;
} invisible[] = {
    {0x00A0, "NO-BREAK SPACE"}, {0x00AD, "SOFT HYPHEN"},
    {0x034F, "COMBINING GRAPHEME JOINER"}, {0x061C, "ARABIC LETTER MARK"},
    {0x115F, "HANGUL CHOSEONG FILLER"}, {0x1160, "HANGUL JUNGSEONG FILLER"},
    {0x180E, "MONGOLIAN VOWEL SEPARATOR"}, {0x2000, "EN QUAD"},
    {0x2001, "EM QUAD"}, {0x2002, "EN SPACE"}, {0x2003, "EM SPACE"},
    {0x2004, "THREE-PER-EM SPACE"}, {0x2005, "FOUR-PER-EM SPACE"},
    {0x2006, "SIX-PER-EM SPACE"}, {0x2007, "FIGURE SPACE"},
    {0x2008, "PUNCTUATION SPACE"}, {0x2009, "THIN SPACE"},
    {0x200A, "HAIR SPACE"}, {0x200B, "ZERO WIDTH SPACE"},
    {0x200C, "ZERO WIDTH NON-JOINER"}, {0x200D, "ZERO WIDTH JOINER"},
    {0x200E, "LEFT-TO-RIGHT MARK"}, {0x200F, "RIGHT-TO-LEFT MARK"},
    {0x2028, "LINE SEPARATOR"}, {0x2029, "PARAGRAPH SEPARATOR"},
    {0x202A, "LEFT-TO-RIGHT EMBEDDING"}, {0x202B, "RIGHT-TO-LEFT EMBEDDING"},
    {0x202C, "POP DIRECTIONAL FORMATTING"}, {0x202D, "LEFT-TO-RIGHT OVERRIDE"},
    {0x202E, "RIGHT-TO-LEFT OVERRIDE"}, {0x202F, "NARROW NO-BREAK SPACE"},
    {0x205F, "MEDIUM MATHEMATICAL SPACE"}, {0x2060, "WORD JOINER"},
    {0x2061, "FUNCTION APPLICATION"}, {0x2062, "INVISIBLE TIMES"},
    {0x2063, "INVISIBLE SEPARATOR"}, {0x2064, "INVISIBLE PLUS"},
    {0x2066, "LEFT-TO-RIGHT ISOLATE"}, {0x2067, "RIGHT-TO-LEFT ISOLATE"},
    {0x2068, "FIRST STRONG ISOLATE"}, {0x2069, "POP DIRECTIONAL ISOLATE"},
    {0x3000, "IDEOGRAPHIC SPACE"}, {0x3164, "HANGUL FILLER"},
    {0xFEFF, "ZERO WIDTH NO-BREAK SPACE (byte order mark)"},
    {0xFFA0, "HALFWIDTH HANGUL FILLER"},
};

unsigned long csvio_invisible(const char *s, size_t *pos, const char **name)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t k = 0;
    while (*p) {
        unsigned long cp;
        size_t len;
        if (*p < 0x80)
            cp = *p, len = 1;
        else if ((*p & 0xE0) == 0xC0)
            cp = *p & 0x1Fu, len = 2;
        else if ((*p & 0xF0) == 0xE0)
            cp = *p & 0x0Fu, len = 3;
        else
            cp = *p & 0x07u, len = 4;
        for (size_t i = 1; i < len; i++) {
            if ((p[i] & 0xC0) != 0x80)  /* not UTF-8: checked elsewhere */
                return 0;
            cp = (cp << 6) | (p[i] & 0x3Fu);
        }
        k++;
        for (size_t i = 0; i < sizeof invisible / sizeof invisible[0]; i++)
            if (invisible[i].cp == cp) {
                *pos = k;
                *name = invisible[i].name;
                return cp;
            }
        p += len;
    }
    return 0;
}

int csvio_check_invisible(const struct csvio_row *row, struct lp_err *err)
{
    for (size_t i = 0; i < row->n; i++) {
        size_t pos;
        const char *name;
        unsigned long cp = csvio_invisible(row->f[i], &pos, &name);
        if (cp)
            return csvio_errf(err, row, i + 1, "an invisible character, "
                              "U+%04lX %s, at character %zu of '%.40s' "
                              "(pasted from a spreadsheet or a web page?)",
                              cp, name, pos, row->f[i]);
    }
    return 0;
}

/* Keep spaces as data: a stray space is a bad value, not padding. */
static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

int csvio_read_file(const char *path, csvio_row_fn fn, void *arg,
                    struct lp_err *err)
{
    struct csv_parser p;
    struct rd r = {.path = path, .fn = fn, .arg = arg, .err = err};
    FILE *in = NULL;
    char *line = NULL;
    int rc = 0;

    if (strcmp(path, "-") == 0) {
        in = stdin;
        r.path = "<stdin>";
    } else if (!(in = fopen(path, "rb"))) {
        return lp_errf(err, LP_FAIL, "%s: cannot open: %s", path,
                       strerror(errno));
    }
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)) {
        rc = lp_errf(err, LP_FAIL, "%s: out of memory", path);
        goto out;
    }
    csv_set_space_func(&p, no_space);
    line = xmalloc(CHUNK);
    size_t n;
    r.line = 1;
    int first = 1;
    while ((n = fread(line, 1, CHUNK, in)) > 0) {
        size_t start = 0;
        /* A UTF-8 byte order mark (what spreadsheets write) is no data. */
        if (first && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
            start = 3;
        first = 0;
        /* Feed one physical line at a time so that rows know their line. */
        for (size_t off = start; off < n;) {
            char *nl = memchr(line + off, '\n', n - off);
            size_t seg = nl ? (size_t)(nl - (line + off)) + 1 : n - off;
            if (r.row_bytes == 0)
                r.row_line = r.line;
            r.row_bytes += seg;
            if (r.row_bytes > CSVIO_MAX_FIELD + 2) {
                struct csvio_row pos = {.path = r.path, .line = r.line};
                rc = csvio_errf(err, &pos, r.n + 1,
                                "field or row too large (over %d bytes)",
                                CSVIO_MAX_FIELD);
                goto out_free;
            }
            if (csv_parse(&p, line + off, seg, on_field, on_row, &r) != seg &&
                !r.failed) {
                struct csvio_row pos = {.path = r.path, .line = r.line};
                rc = csvio_errf(err, &pos, r.n + 1, "malformed CSV: %s",
                                csv_strerror(csv_error(&p)));
                goto out_free;
            }
            if (r.failed) {
                rc = -(err && err->status ? err->status : LP_FAIL);
                goto out_free;
            }
            off += seg;
            if (nl)
                r.line++;
        }
    }
    if (ferror(in)) {
        rc = lp_errf(err, LP_FAIL, "%s: read error: %s", r.path,
                     strerror(errno));
        goto out_free;
    }
    if (csv_fini(&p, on_field, on_row, &r) != 0 && !r.failed) {
        /* Name the row where the open quote is, not the end of file. */
        struct csvio_row pos = {.path = r.path,
                                .line = r.row_line ? r.row_line : r.line};
        rc = csvio_errf(err, &pos, r.n + 1,
                        "unterminated quoted field: its quote is never "
                        "closed (the rest of the file was read into it)");
    } else if (r.failed) {
        rc = -(err && err->status ? err->status : LP_FAIL);
    }
out_free:
    csv_free(&p);
out:
    rd_clear(&r);
    free(line);
    if (in && in != stdin)
        fclose(in);
    return rc;
}

int csvio_expect_header(const struct csvio_row *row,
                        const char *const *names, size_t n,
                        struct lp_err *err)
{
    for (size_t i = 0; i < n; i++) {
        if (i >= row->n)
            return csvio_errf(err, row, i + 1,
                              "header lacks column '%s' (expected %zu "
                              "columns)", names[i], n);
        if (strcmp(row->f[i], names[i]) != 0)
            return csvio_errf(err, row, i + 1,
                              "header has '%s' where '%s' belongs",
                              row->f[i], names[i]);
    }
    if (row->n > n)
        return csvio_errf(err, row, n + 1,
                          "header has %zu columns, expected %zu", row->n, n);
    return 0;
}

static int is_formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
           c == '\r';
}

const char *csvio_unguard(const char *s)
{
    if (s && s[0] == '\'' && is_formula_start(s[1]))
        return s + 1;
    return s;
}

int csvio_put_text(FILE *out, const char *s)
{
    if (!s)
        return 0;
    int guard = is_formula_start(s[0]);
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote && fputc('"', out) == EOF)
        return -1;
    if (guard && fputc('\'', out) == EOF)
        return -1;
    for (const char *p = s; *p; p++) {
        if (*p == '"' && fputc('"', out) == EOF)
            return -1;
        if (fputc(*p, out) == EOF)
            return -1;
    }
    if (quote && fputc('"', out) == EOF)
        return -1;
    return 0;
}

int csvio_put_raw(FILE *out, const char *s)
{
    return s && fputs(s, out) == EOF ? -1 : 0;
}

int csvio_put_sep(FILE *out)
{
    return fputc(',', out) == EOF ? -1 : 0;
}

int csvio_put_eol(FILE *out)
{
    return fputs("\r\n", out) == EOF ? -1 : 0;
}
