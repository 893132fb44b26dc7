/*
 * lesson.c - parsing lesson files (title, body, knowledge check) and
 * wrapping their Markdown for display (see lesson.h).  No terminal code:
 * the TUI and the plain mode both draw from struct lesson_lines.
 */
#include "core/learn/lesson.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/policy/rules.h"
#include "util/rng.h"

static char *dup_n(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* Copy of s[0..n) with leading and trailing blanks removed. */
static char *dup_trim(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return dup_n(s, n);
}

static int starts(const char *s, size_t n, const char *pfx)
{
    size_t k = strlen(pfx);
    return n >= k && memcmp(s, pfx, k) == 0;
}

/* 1 when s[0..n) is a rule id of the catalogue or the id of a group of
 * them (the group of IV.J.1 and IV.J.2 is IV.J). */
static int rule_or_group(const char *s, size_t n)
{
    const struct rule_info *r;
    if (!memchr(s, '.', n))
        return 0;               /* not the whole section */
    for (size_t i = 0; (r = rule_at(i)) != NULL; i++)
        if (strncmp(r->id, s, n) == 0 && (r->id[n] == '\0' ||
                                          r->id[n] == '.'))
            return 1;
    return 0;
}

/* Checks a "Rules:" line against the rule catalogue: ids or groups
 * separated by commas, a run of groups written with a dash (IV.A-M means
 * IV.A to IV.M).  Returns 0 or -LP_USAGE naming the file, line and item. */
static int rules_check(const char *name, int lineno, const char *rules,
                       struct lp_err *err)
{
    const char *p = rules;
    while (1) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, ",");
        while (n && p[n - 1] == ' ')
            n--;
        const char *dash = memchr(p, '-', n);
        int ok;
        if (dash) {
            size_t k = (size_t)(dash - p);
            char g[32];
            ok = k > 0 && k < sizeof g && n == k + 2 && rule_or_group(p, k) &&
                 p[k - 1] < dash[1];
            if (ok) {
                memcpy(g, p, k);
                for (char c = p[k - 1]; ok && c <= dash[1]; c++) {
                    g[k - 1] = c;
                    ok = rule_or_group(g, k);
                }
            }
        } else {
            ok = rule_or_group(p, n);
        }
        if (!ok) {
            const char *first = rule_at(0)->id;
            const char *last = rule_at(rule_count() - 1)->id;
            int gl = (int)(strrchr(first, '.') - first);
            return lp_errf(err, LP_USAGE, "%s:%d: 'Rules:' names '%.*s', "
                           "no rule of the guidance (ids %s to %s, groups "
                           "such as %.*s, runs such as %.*s-%c)", name,
                           lineno, (int)n, p, first, last, gl, first, gl,
                           first, last[gl - 1]);
        }
        p += strcspn(p, ",");
        if (!*p)
            return 0;
        p++;
    }
}

static void q_free(struct lesson_q *q)
{
    free(q->text);
    for (size_t i = 0; i < q->nopts; i++)
        free(q->opts[i]);
    free(q->why);
}

void lesson_free(struct lesson *l)
{
    if (!l)
        return;
    free(l->title);
    free(l->rules);
    free(l->body);
    for (size_t i = 0; i < l->nqs; i++)
        q_free(&l->qs[i]);
    free(l->qs);
    free(l);
}

/* Checks the question being closed; returns 0 or -LP_USAGE. */
static int q_close(const char *name, const struct lesson_q *q,
                   struct lp_err *err)
{
    int right = 0;
    for (size_t i = 0; i < q->nopts; i++)
        right += q->correct[i];
    if (q->nopts < 2)
        return lp_errf(err, LP_USAGE, "%s:%d: question needs at least two "
                       "options ('- [ ] text', '- [x] text')", name, q->line);
    if (!right)
        return lp_errf(err, LP_USAGE, "%s:%d: question has no right option "
                       "(mark one '- [x]')", name, q->line);
    if (!q->why)
        return lp_errf(err, LP_USAGE, "%s:%d: question has no 'Why:' line",
                       name, q->line);
    return 0;
}

int lesson_parse(const char *name, const char *text, size_t len,
                 struct lesson **out, struct lp_err *err)
{
    struct lesson *l = xcalloc(1, sizeof *l);
    struct sb body;
    size_t qcap = 0, bad = 0;
    int lineno = 0, in_check = 0, rc = 0;
    struct lesson_q *q = NULL;
    sb_init(&body);
    *out = NULL;
    if (!lp_utf8_valid(text, len, &bad)) {
        rc = lp_errf(err, LP_USAGE, "%s: not UTF-8 text (byte %zu)", name,
                     bad);
        goto out;
    }
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *ln = p;
        p = nl ? nl + 1 : end;
        lineno++;
        if (n && ln[n - 1] == '\r')
            n--;
        if (!l->title) {
            if (n == 0)
                continue;
            if (!starts(ln, n, "# ")) {
                rc = lp_errf(err, LP_USAGE, "%s:%d: a lesson starts with its "
                             "title ('# Title')", name, lineno);
                goto out;
            }
            l->title = dup_trim(ln + 2, n - 2);
            continue;
        }
        if (!in_check) {
            if (starts(ln, n, "## Check")) {
                in_check = 1;
                continue;
            }
            if (!l->rules && starts(ln, n, "Rules:")) {
                l->rules = dup_trim(ln + 6, n - 6);
                if ((rc = rules_check(name, lineno, l->rules, err)) != 0)
                    goto out;
                continue;
            }
            sb_add(&body, ln, n);
            sb_putc(&body, '\n');
            continue;
        }
        /* the knowledge check */
        char *t = dup_trim(ln, n);
        size_t tn = strlen(t);
        if (tn == 0) {
            free(t);
            continue;
        }
        if (!q && (starts(t, tn, "Draw:") || starts(t, tn, "Attempts:"))) {
            int draw = starts(t, tn, "Draw:");
            int64_t v = 0;
            if (lp_parse_i64(t + (draw ? 5 : 9) + strspn(t + (draw ? 5 : 9),
                                                         " "),
                             1, draw ? LESSON_MAX_DRAW : 20, &v)) {
                rc = lp_errf(err, LP_USAGE, "%s:%d: '%s' needs a whole "
                             "number from 1 to %d", name, lineno,
                             draw ? "Draw:" : "Attempts:",
                             draw ? LESSON_MAX_DRAW : 20);
                free(t);
                goto out;
            }
            if (draw)
                l->draw = (size_t)v;
            else
                l->attempts = (int)v;
            free(t);
            continue;
        }
        if (starts(t, tn, "Q:")) {
            if (q && (rc = q_close(name, q, err)) != 0) {
                free(t);
                goto out;
            }
            if (l->nqs == qcap) {
                qcap = qcap ? qcap * 2 : 8;
                l->qs = xrealloc(l->qs, qcap * sizeof *l->qs);
            }
            q = &l->qs[l->nqs++];
            memset(q, 0, sizeof *q);
            q->text = dup_trim(t + 2, tn - 2);
            q->line = lineno;
            free(t);
            continue;
        }
        int is_opt = starts(t, tn, "- [ ]") || starts(t, tn, "- [x]") ||
                     starts(t, tn, "- [X]");
        if (is_opt || starts(t, tn, "Why:")) {
            if (!q) {
                rc = lp_errf(err, LP_USAGE, "%s:%d: '%.5s' before the first "
                             "'Q:' line", name, lineno, t);
                free(t);
                goto out;
            }
            if (is_opt) {
                if (q->nopts == LESSON_MAX_OPTS) {
                    rc = lp_errf(err, LP_USAGE, "%s:%d: more than %d options",
                                 name, lineno, LESSON_MAX_OPTS);
                    free(t);
                    goto out;
                }
                q->correct[q->nopts] = t[3] != ' ';
                q->opts[q->nopts++] = dup_trim(t + 5, tn - 5);
            } else {
                free(q->why);
                q->why = dup_trim(t + 4, tn - 4);
            }
            free(t);
            continue;
        }
        rc = lp_errf(err, LP_USAGE, "%s:%d: in the check, expected 'Q:', an "
                     "option ('- [ ] text' or '- [x] text') or 'Why:'",
                     name, lineno);
        free(t);
        goto out;
    }
    if (!l->title) {
        rc = lp_errf(err, LP_USAGE, "%s: empty lesson (no '# Title' line)",
                     name);
        goto out;
    }
    if (!in_check || l->nqs == 0) {
        rc = lp_errf(err, LP_USAGE, "%s:%d: no knowledge check ('## Check' "
                     "followed by 'Q:' lines)", name, lineno);
        goto out;
    }
    if ((rc = q_close(name, q, err)) != 0)
        goto out;
    if (l->draw > l->nqs) {
        rc = lp_errf(err, LP_USAGE, "%s: 'Draw: %zu' but the bank holds %zu "
                     "question%s", name, l->draw, l->nqs,
                     l->nqs == 1 ? "" : "s");
        goto out;
    }
    if (!l->attempts)
        l->attempts = LESSON_ATTEMPTS;
    l->body = sb_steal(&body);
    *out = l;
    l = NULL;
out:
    sb_free(&body);
    lesson_free(l);
    return rc;
}

int lesson_load(const char *path, struct lesson **out, struct lp_err *err)
{
    FILE *f = NULL;
    char *buf = NULL;
    int rc = 0;
    *out = NULL;
    if (!(f = fopen(path, "rb"))) {
        rc = lp_errf(err, LP_FAIL, "%s: cannot open: %s", path,
                     strerror(errno));
        goto out;
    }
    buf = xmalloc(LESSON_MAX_BYTES + 1);
    size_t n = fread(buf, 1, LESSON_MAX_BYTES + 1, f);
    if (ferror(f)) {
        rc = lp_errf(err, LP_FAIL, "%s: cannot read", path);
        goto out;
    }
    if (n > LESSON_MAX_BYTES) {
        rc = lp_errf(err, LP_USAGE, "%s: larger than %d bytes", path,
                     LESSON_MAX_BYTES);
        goto out;
    }
    rc = lesson_parse(path, buf, n, out, err);
out:
    if (f)
        fclose(f);
    free(buf);
    return rc;
}

int lesson_answer_ok(const struct lesson_q *q, size_t answer)
{
    return answer < q->nopts && q->correct[answer];
}

/* ---- wrapping ---- */

size_t lesson_utf8_cols(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

/* Byte length of the first cols code points of s[0..n). */
static size_t utf8_bytes_for(const char *s, size_t n, size_t cols)
{
    size_t i = 0, c = 0;
    while (i < n) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (c == cols)
                break;
            c++;
        }
        i++;
    }
    return i;
}

static void push(struct lesson_lines *ls, char *text, int style)
{
    if (ls->n == ls->cap) {
        ls->cap = ls->cap ? ls->cap * 2 : 64;
        ls->v = xrealloc(ls->v, ls->cap * sizeof *ls->v);
    }
    ls->v[ls->n].text = text;
    ls->v[ls->n].style = style;
    ls->n++;
}

void lesson_lines_free(struct lesson_lines *ls)
{
    for (size_t i = 0; i < ls->n; i++)
        free(ls->v[i].text);
    free(ls->v);
    ls->v = NULL;
    ls->n = ls->cap = 0;
}

/* Wraps the words of para into lines: the first starts with pfx1, the
 * others with pfx2 (both counted in width). */
static void wrap_para(struct lesson_lines *out, const char *para, int width,
                      const char *pfx1, const char *pfx2, int style)
{
    struct sb line;
    sb_init(&line);
    sb_puts(&line, pfx1);
    size_t cols = lesson_utf8_cols(pfx1, strlen(pfx1));
    size_t pcols = cols, words = 0;
    const char *p = para;
    if (width < 20)
        width = 20;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        size_t wn = (size_t)(p - w), wc = lesson_utf8_cols(w, wn);
        if (words && cols + 1 + wc > (size_t)width) {
            push(out, sb_steal(&line), style);
            sb_puts(&line, pfx2);
            cols = pcols = lesson_utf8_cols(pfx2, strlen(pfx2));
            words = 0;
        }
        /* a word longer than a line is cut */
        while (pcols + wc > (size_t)width) {
            size_t room = (size_t)width - cols - (words ? 1 : 0);
            size_t b = utf8_bytes_for(w, wn, room);
            if (words)
                sb_putc(&line, ' ');
            sb_add(&line, w, b);
            push(out, sb_steal(&line), style);
            sb_puts(&line, pfx2);
            cols = pcols = lesson_utf8_cols(pfx2, strlen(pfx2));
            words = 0;
            w += b;
            wn -= b;
            wc = lesson_utf8_cols(w, wn);
        }
        if (words) {
            sb_putc(&line, ' ');
            cols++;
        }
        sb_add(&line, w, wn);
        cols += wc;
        words++;
    }
    if (words)
        push(out, sb_steal(&line), style);
    sb_free(&line);
}

enum para_kind { PK_NONE, PK_TEXT, PK_QUOTE, PK_ITEM };

struct wrapper {
    struct lesson_lines *out;
    int width;
    struct sb para;
    int kind;
    char pfx1[16];
};

/* Removes Markdown "**" emphasis marks in place. */
static void strip_stars(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (r[0] == '*' && r[1] == '*') {
            r++;
            continue;
        }
        *w++ = *r;
    }
    *w = '\0';
}

static void flush(struct wrapper *w)
{
    if (w->kind == PK_NONE)
        return;
    strip_stars(w->para.buf);
    if (w->kind == PK_QUOTE)
        wrap_para(w->out, w->para.buf, w->width, "> ", "> ", LS_QUOTE);
    else if (w->kind == PK_ITEM) {
        char pad[16];
        size_t k = strlen(w->pfx1);
        memset(pad, ' ', k);
        pad[k] = '\0';
        wrap_para(w->out, w->para.buf, w->width, w->pfx1, pad, LS_ITEM);
    } else
        wrap_para(w->out, w->para.buf, w->width, "", "", LS_TEXT);
    sb_reset(&w->para);
    w->kind = PK_NONE;
}

static void blank(struct wrapper *w)
{
    if (w->out->n && w->out->v[w->out->n - 1].style != LS_BLANK)
        push(w->out, xstrdup(""), LS_BLANK);
}

static void add_words(struct wrapper *w, const char *s, size_t n)
{
    if (w->para.len)
        sb_putc(&w->para, ' ');
    sb_add(&w->para, s, n);
}

/* Length of a list marker ("- ", "* ", "12. ") at s, or 0. */
static size_t item_marker(const char *s, size_t n)
{
    if (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ')
        return 2;
    size_t i = 0;
    while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i && i + 1 < n && s[i] == '.' && s[i + 1] == ' ')
        return i + 2;
    return 0;
}

void lesson_wrap(const char *text, int width, struct lesson_lines *out)
{
    struct wrapper w = {.out = out, .width = width, .kind = PK_NONE};
    int code = 0;
    sb_init(&w.para);
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        const char *ln = p;
        p = nl ? nl + 1 : p + n;
        if (n && ln[n - 1] == '\r')
            n--;
        if (starts(ln, n, "```")) {
            flush(&w);
            code = !code;
            continue;
        }
        if (code) {
            size_t b = utf8_bytes_for(ln, n, (size_t)width);
            push(out, dup_n(ln, b), LS_CODE);
            continue;
        }
        size_t ind = 0;
        while (ind < n && ln[ind] == ' ')
            ind++;
        if (ind == n) {
            flush(&w);
            blank(&w);
            continue;
        }
        if (ln[0] == '#') {
            flush(&w);
            size_t k = 0;
            while (k < n && ln[k] == '#')
                k++;
            char *h = dup_trim(ln + k, n - k);
            strip_stars(h);
            push(out, h, LS_HEADING);
            continue;
        }
        if (ln[0] == '>') {
            size_t k = (n > 1 && ln[1] == ' ') ? 2 : 1;
            if (w.kind != PK_QUOTE) {
                flush(&w);
                w.kind = PK_QUOTE;
            }
            if (k >= n) {
                /* "> " alone: a paragraph break inside the quote */
                flush(&w);
                push(out, xstrdup(">"), LS_QUOTE);
                w.kind = PK_QUOTE;
                continue;
            }
            add_words(&w, ln + k, n - k);
            continue;
        }
        size_t m = item_marker(ln + ind, n - ind);
        if (m && ind < 4) {
            flush(&w);
            w.kind = PK_ITEM;
            size_t pl = ind + m < sizeof w.pfx1 ? ind + m : sizeof w.pfx1 - 1;
            memcpy(w.pfx1, ln, pl);
            w.pfx1[pl] = '\0';
            add_words(&w, ln + ind + m, n - ind - m);
            continue;
        }
        if (w.kind == PK_ITEM && ind > 0) {
            add_words(&w, ln + ind, n - ind);
            continue;
        }
        if (w.kind != PK_TEXT) {
            flush(&w);
            w.kind = PK_TEXT;
        }
        add_words(&w, ln + ind, n - ind);
    }
    flush(&w);
    while (out->n && out->v[out->n - 1].style == LS_BLANK) {
        out->n--;
        free(out->v[out->n].text);
    }
    sb_free(&w.para);
}

/* ---- attempts of the knowledge check ---- */

void lesson_attempt_make(const struct lesson *l, uint64_t seed,
                         struct lesson_attempt *a)
{
    memset(a, 0, sizeof *a);
    a->seed = seed;
    struct rng r;
    rng_seed(&r, seed);
    size_t bank = l->nqs, idx[256];
    if (bank > sizeof idx / sizeof idx[0])
        bank = sizeof idx / sizeof idx[0];
    for (size_t i = 0; i < bank; i++)
        idx[i] = i;
    size_t n = l->draw ? l->draw : bank;
    if (n > bank)
        n = bank;
    if (n > LESSON_MAX_DRAW)
        n = LESSON_MAX_DRAW;
    /* a partial Fisher-Yates: the first n of a uniform permutation */
    for (size_t i = 0; i < n; i++) {
        size_t j = i + (size_t)rng_below(&r, bank - i);
        size_t t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
    }
    a->n = n;
    for (size_t i = 0; i < n; i++) {
        const struct lesson_q *q = &l->qs[idx[i]];
        a->q[i] = idx[i];
        a->nopts[i] = q->nopts;
        for (size_t k = 0; k < q->nopts; k++)
            a->opt[i][k] = k;
        for (size_t k = q->nopts; k > 1; k--) {
            size_t j = (size_t)rng_below(&r, k);
            size_t t = a->opt[i][k - 1];
            a->opt[i][k - 1] = a->opt[i][j];
            a->opt[i][j] = t;
        }
    }
}

int lesson_attempt_ok(const struct lesson *l, const struct lesson_attempt *a,
                      size_t i, size_t k)
{
    if (i >= a->n || k >= a->nopts[i])
        return 0;
    return l->qs[a->q[i]].correct[a->opt[i][k]] != 0;
}

size_t lesson_pass_needed(size_t n, int pass_percent)
{
    return (n * (size_t)pass_percent + 99) / 100;
}

/* 1 when text cites a rule id of the guidance ("IV.A", "IV.K.2"). */
static int cites_rule(const char *t)
{
    for (const char *p = strstr(t, "IV."); p; p = strstr(p + 1, "IV."))
        if (p[3] >= 'A' && p[3] <= 'M')
            return 1;
    return 0;
}

int lesson_lint(const char *name, const struct lesson *l, struct sb *out)
{
    int found = 0;
    size_t draw = l->draw ? l->draw : l->nqs;
    if (l->nqs < 2 * draw) {
        sb_printf(out, "%s: the bank holds %zu question%s for 'Draw: %zu': "
                  "it needs at least %zu\n", name, l->nqs,
                  l->nqs == 1 ? "" : "s", draw, 2 * draw);
        found++;
    }
    size_t first_right = 0;
    for (size_t i = 0; i < l->nqs; i++) {
        const struct lesson_q *q = &l->qs[i];
        size_t right_cite = 0, wrong_cite = 0, longest = 0, nlong = 0;
        size_t lens[LESSON_MAX_OPTS];
        for (size_t k = 0; k < q->nopts; k++) {
            int c = cites_rule(q->opts[k]);
            if (q->correct[k])
                right_cite += (size_t)c;
            else
                wrong_cite += (size_t)c;
            lens[k] = lesson_utf8_cols(q->opts[k], strlen(q->opts[k]));
            if (lens[k] > longest)
                longest = lens[k];
        }
        int long_right = 0;
        for (size_t k = 0; k < q->nopts; k++)
            if (lens[k] == longest) {
                nlong++;
                long_right |= q->correct[k];
            }
        if (right_cite && !wrong_cite) {
            sb_printf(out, "%s:%d: only the right option cites a rule id: "
                      "the id gives the answer away\n", name, q->line);
            found++;
        }
        if (nlong == 1 && long_right) {
            sb_printf(out, "%s:%d: the right option is the only longest "
                      "one: its length gives the answer away\n", name,
                      q->line);
            found++;
        }
        first_right += (size_t)(q->correct[0] != 0);
    }
    if (l->nqs > 1 && first_right == l->nqs) {
        sb_printf(out, "%s: the right option is always the first\n", name);
        found++;
    }
    return found;
}
