/*
 * csvio.h - strict CSV reading and safe CSV writing: the only module that
 * includes <csv.h>.  Reading runs libcsv in strict mode, checks UTF-8, NUL
 * bytes and field sizes, and reports "file:line:column: problem".  Writing
 * quotes per RFC 4180 and guards text cells against formula injection.
 */
#ifndef LPRSIM_CSVIO_H
#define LPRSIM_CSVIO_H

#include <stddef.h>
#include <stdio.h>

#include "util/util.h"

#define CSVIO_MAX_FIELD (64 * 1024)   /* bytes in one field */
#define CSVIO_MAX_FIELDS 64           /* fields in one row */

/* One parsed row; fields are NUL-terminated and borrowed for the call. */
struct csvio_row {
    const char *path;      /* file name for messages */
    size_t line;           /* physical line where the row ends (1-based) */
    size_t n;              /* number of fields */
    const char *const *f;  /* the fields */
};

/* Called for every row, the header too.  Return 0 to go on; non-zero stops
 * the read, and the callback must have filled err (csvio_errf helps). */
typedef int (*csvio_row_fn)(void *arg, const struct csvio_row *row,
                            struct lp_err *err);

/* Reads the CSV file at path ("-" is stdin) and calls fn per row.  Returns
 * 0, or a negative status with err filled ("file:line:col: problem"). */
int csvio_read_file(const char *path, csvio_row_fn fn, void *arg,
                    struct lp_err *err);

/* Fills err with "path:line:col: message" (col 0 leaves it out) and status
 * LP_FAIL; returns the negative status. */
int csvio_errf(struct lp_err *err, const struct csvio_row *row, size_t col,
               const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Checks that the header row equals the names (same count and order);
 * returns 0 or fills err. */
int csvio_expect_header(const struct csvio_row *row,
                        const char *const *names, size_t n,
                        struct lp_err *err);

/* Removes the formula guard that csvio_put_text adds: "'=x" gives "=x".
 * Returns a pointer into s. */
const char *csvio_unguard(const char *s);

/* Looks for a character that shows as nothing or as a plain space (zero
 * width space, no-break space, byte order mark, soft hyphen, direction
 * marks ...) in the UTF-8 text s: returns its code point and sets *pos
 * (its 1-based character position) and *name, or 0 when there is none. */
unsigned long csvio_invisible(const char *s, size_t *pos, const char **name);

/* Checks every field of row with csvio_invisible: 0, or -LP_FAIL with
 * err naming file:line:column, the character and where it is. */
int csvio_check_invisible(const struct csvio_row *row, struct lp_err *err);

/* Writers.  put_text quotes as needed and prefixes ' to a cell starting
 * with = + - @ TAB or CR; put_raw writes a numeric cell as is.  Return 0
 * or -1 on a write error. */
int csvio_put_text(FILE *out, const char *s);
int csvio_put_raw(FILE *out, const char *s);
/* Writes a separator (",") or the end of a row ("\r\n" per RFC 4180). */
int csvio_put_sep(FILE *out);
int csvio_put_eol(FILE *out);

#endif
