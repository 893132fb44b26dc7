/*
 * detect.c - cutting text into normalised words and matching the policy
 * profile's word lists against them (see detect.h).  Stems come from
 * Snowball's English stemmer (libstemmer, Debian's libstemmer-dev) rather
 * than a hand-written suffix stripper: it is maintained and knows the
 * irregular cases.  No allocation per text: a det_text lives on the
 * caller's stack.
 */
#include "core/policy/detect.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

/* The stem of raw word w (len bytes) into out. */
static void stem_of(struct sb_stemmer *stem, const char *w, size_t len,
                    char *out)
{
    int digits = 1;
    for (size_t i = 0; i < len; i++)
        digits &= w[i] >= '0' && w[i] <= '9';
    if (digits) {
        out[0] = '#';
        out[1] = '\0';
        return;
    }
    const sb_symbol *s = stem ? sb_stemmer_stem(stem, (const sb_symbol *)w,
                                                (int)len) : NULL;
    int sl = s ? sb_stemmer_length(stem) : 0;
    if (!s || sl <= 0) {
        s = (const sb_symbol *)w;
        sl = (int)len;
    }
    if (sl > DET_WORD_MAX - 1)
        sl = DET_WORD_MAX - 1;
    memcpy(out, s, (size_t)sl);
    out[sl] = '\0';
}

void det_split(struct sb_stemmer *stem, const char *text, struct det_text *t)
{
    t->n = 0;
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    while (*p && t->n < DET_TOK_MAX) {
        while (*p && !word_byte(*p))
            p++;
        if (!*p)
            break;
        char *raw = t->w[t->n].raw;
        size_t k = 0;
        for (; *p && word_byte(*p); p++)
            if (k < DET_WORD_MAX - 1)
                raw[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        raw[k] = '\0';
        stem_of(stem, raw, k, t->w[t->n].stem);
        t->w[t->n].flags = t->w[t->n].stem[0] == '#' ? DET_NUM : 0;
        t->n++;
    }
}

int det_entry_compile(struct sb_stemmer *stem, const char *s,
                      struct det_entry *e)
{
    memset(e, 0, sizeof *e);
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        while (*p && !word_byte(*p) && *p != '=' && *p != '#')
            p++;
        if (!*p)
            break;
        if (*p == '#') {            /* any number */
            if (e->n == DET_PHRASE_MAX)
                return -1;
            e->mode[e->n] = DET_STEM;
            memcpy(e->word[e->n++], "#", 2);
            p++;
            continue;
        }
        int exact = 0;
        if (*p == '=') {
            exact = 1;
            p++;
        }
        char raw[DET_WORD_MAX];
        size_t k = 0;
        for (; *p && word_byte(*p); p++)
            if (k < DET_WORD_MAX - 1)
                raw[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        raw[k] = '\0';
        int prefix = *p == '*';
        if (prefix)
            p++;
        if (k == 0)
            continue;
        if (e->n == DET_PHRASE_MAX)
            return -1;
        unsigned char i = e->n++;
        if (prefix || exact) {
            e->mode[i] = prefix ? DET_PREFIX : DET_EXACT;
            memcpy(e->word[i], raw, k + 1);
        } else {
            e->mode[i] = DET_STEM;
            stem_of(stem, raw, k, e->word[i]);
        }
    }
    if (e->n == 0)
        return -1;
    e->text = xstrdup(s);
    return 0;
}

void det_list_free(struct det_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->e[i].text);
    free(l->e);
    free(l->idx);
    memset(l, 0, sizeof *l);
}

void det_list_index(struct det_list *l)
{
    size_t count[256] = {0};
    free(l->idx);
    l->idx = xcalloc(l->n + 1, sizeof *l->idx);
    for (size_t k = 0; k < l->n; k++)
        count[(unsigned char)l->e[k].word[0][0]]++;
    l->start[0] = 0;
    for (size_t c = 0; c < 256; c++)
        l->start[c + 1] = l->start[c] + count[c];
    size_t fill[256];
    memcpy(fill, l->start, sizeof fill);
    for (size_t k = 0; k < l->n; k++)
        l->idx[fill[(unsigned char)l->e[k].word[0][0]]++] = k;
}

static int word_matches(const struct det_entry *e, size_t j,
                        const struct det_text *t, size_t i)
{
    switch (e->mode[j]) {
    case DET_PREFIX:
        return strncmp(t->w[i].raw, e->word[j], strlen(e->word[j])) == 0;
    case DET_EXACT:
        return strcmp(t->w[i].raw, e->word[j]) == 0;
    default:
        return strcmp(t->w[i].stem, e->word[j]) == 0;
    }
}

/* 1 when entry e matches t from word i on (no word flagged skip). */
static int match_at(const struct det_entry *e, const struct det_text *t,
                    size_t i, unsigned skip)
{
    if (i + e->n > t->n)
        return 0;
    for (size_t j = 0; j < e->n; j++)
        if ((t->w[i + j].flags & skip) || !word_matches(e, j, t, i + j))
            return 0;
    return 1;
}

const struct det_entry *det_mark(const struct det_list *l, struct det_text *t,
                                 unsigned flag, unsigned skip, char *hit,
                                 size_t n)
{
    const struct det_entry *first = NULL;
    if (hit && n)
        hit[0] = '\0';
    if (!l->idx)
        return NULL;
    for (size_t i = 0; i < t->n; i++) {
        /* a word's stem starts as it is written; numbers stem to "#" */
        unsigned char keys[2] = {(unsigned char)t->w[i].raw[0], '#'};
        int nkeys = (t->w[i].flags & DET_NUM) ? 2 : 1;
        for (int kk = 0; kk < nkeys; kk++) {
            size_t c = keys[kk];
            for (size_t q = l->start[c]; q < l->start[c + 1]; q++) {
                const struct det_entry *e = &l->e[l->idx[q]];
                if (!match_at(e, t, i, skip))
                    continue;
                for (size_t j = 0; j < e->n; j++)
                    t->w[i + j].flags |= flag;
                if (first)
                    continue;
                first = e;
                for (size_t j = 0, k2 = 0; hit && j < e->n && k2 < n; j++)
                    k2 += (size_t)snprintf(hit + k2, n - k2, "%s%s",
                                           j ? " " : "", t->w[i + j].raw);
            }
        }
    }
    return first;
}
