/*
 * words.c - shell-like word splitting for action files (see words.h).
 */
#include "util/words.h"

#include <stdlib.h>
#include <string.h>

int words_split(const char *line, struct words *w, struct lp_err *err)
{
    size_t n = strlen(line);
    memset(w, 0, sizeof *w);
    if (n > WORDS_LINE_MAX)
        return lp_errf(err, LP_USAGE, "line too long (%zu bytes, at most %d)",
                       n, WORDS_LINE_MAX);
    char *out = w->buf = xmalloc(n + 1);
    const char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (!*p || *p == '#')
            break;
        if (w->argc >= WORDS_MAX) {
            words_free(w);
            return lp_errf(err, LP_USAGE, "too many words (at most %d)",
                           WORDS_MAX);
        }
        w->argv[w->argc++] = out;
        while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
            if (*p == '\'') {
                const char *e = strchr(p + 1, '\'');
                if (!e)
                    goto unterminated;
                memcpy(out, p + 1, (size_t)(e - p - 1));
                out += e - p - 1;
                p = e + 1;
            } else if (*p == '"') {
                p++;
                while (*p && *p != '"') {
                    if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
                        p++;
                    *out++ = *p++;
                }
                if (*p != '"')
                    goto unterminated;
                p++;
            } else if (*p == '\\' && p[1]) {
                *out++ = p[1];
                p += 2;
            } else {
                *out++ = *p++;
            }
        }
        *out++ = '\0';
    }
    w->argv[w->argc] = NULL;
    return 0;
unterminated:
    words_free(w);
    return lp_errf(err, LP_USAGE, "unterminated quote");
}

void words_free(struct words *w)
{
    free(w->buf);
    memset(w, 0, sizeof *w);
}

void words_quote(struct sb *sb, const char *word)
{
    int plain = *word != '\0';
    for (const char *p = word; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || strchr("-_.:/=+@,%", *p)))
            plain = 0;
    if (plain) {
        sb_puts(sb, word);
        return;
    }
    sb_putc(sb, '\'');
    for (const char *p = word; *p; p++) {
        if (*p == '\'')
            sb_puts(sb, "'\\''");
        else
            sb_putc(sb, *p);
    }
    sb_putc(sb, '\'');
}
