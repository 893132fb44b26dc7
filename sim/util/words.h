/*
 * words.h - splits one line of an action file into words, with the quoting
 * rules of a POSIX shell that a person expects: 'single', "double" with
 * backslash escapes, backslash outside quotes, and # comments.
 */
#ifndef LPRSIM_WORDS_H
#define LPRSIM_WORDS_H

#include <stddef.h>

#include "util/util.h"

#define WORDS_MAX 64
#define WORDS_LINE_MAX 16384

struct words {
    int argc;
    char *argv[WORDS_MAX + 1];   /* NULL-terminated, point into buf */
    char *buf;
};

/* Splits line into w.  Returns 0 (argc 0 for a blank or comment line) or
 * -LP_USAGE with err ("unterminated quote", "line too long"...).  Free
 * with words_free(). */
int words_split(const char *line, struct words *w, struct lp_err *err);
void words_free(struct words *w);

/* Appends word to sb quoted so that words_split gives it back. */
void words_quote(struct sb *sb, const char *word);

#endif
