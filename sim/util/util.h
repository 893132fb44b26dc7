/*
 * util.h - allocation, growable strings and error records shared by every
 * lprsim module.  No project dependencies: everything else builds on this.
 */
#ifndef LPRSIM_UTIL_H
#define LPRSIM_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Exit statuses of the command-line contract (DESIGN.md). */
enum lp_status {
    LP_OK = 0,       /* done */
    LP_FAIL = 1,     /* any other failure */
    LP_USAGE = 2,    /* usage error */
    LP_REFUSED = 3,  /* refused by policy */
    LP_VERIFY = 4    /* verification failed */
};

/* An error record: the status it maps to and one human line. */
struct lp_err {
    int status;
    char msg[512];
};

/* Set err (may be NULL) to status and a printf-style message; returns
 * -status so callers can write `return lp_errf(...)`. */
int lp_errf(struct lp_err *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Clear an error record. */
void lp_err_clear(struct lp_err *err);

/* Aborting allocators for small internal sizes.  Sizes that come from
 * input must be bounded by the caller before reaching these. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t sz);
void *xrealloc(void *p, size_t n);
/* Returns a copy of s (NULL gives NULL); the caller frees it. */
char *xstrdup(const char *s);
/* Returns a printf-formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated byte string. */
struct sb {
    char *buf;
    size_t len, cap;
};
void sb_init(struct sb *s);
void sb_free(struct sb *s);
void sb_reset(struct sb *s);
void sb_add(struct sb *s, const char *data, size_t n);
void sb_puts(struct sb *s, const char *str);
void sb_putc(struct sb *s, char c);
void sb_printf(struct sb *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct sb *s, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Hands the buffer to the caller (who frees it) and resets s. */
char *sb_steal(struct sb *s);

/* Parsing helpers: return 0 when the whole string is a valid number in
 * [min, max], -1 otherwise (out untouched). */
int lp_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);
int lp_parse_double(const char *s, double min, double max, double *out);

/* Returns 1 if the n bytes at s are valid UTF-8 without NUL, else 0; when
 * invalid and bad_at is not NULL, *bad_at is the offset of the first bad
 * byte. */
int lp_utf8_valid(const char *s, size_t n, size_t *bad_at);

/* Returns 1 if the n bytes at s (valid UTF-8) hold a control character
 * that could drive a terminal: C0 (U+0000-U+001F) other than tab and
 * newline, DEL, or C1 (U+0080-U+009F).  *at gets its offset when not
 * NULL. */
int lp_text_has_ctrl(const char *s, size_t n, size_t *at);

/* Case-insensitive ASCII string equality. */
int lp_strieq(const char *a, const char *b);

#endif
