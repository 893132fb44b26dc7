/*
 * qr.h - QR codes of certificate tokens (libqrencode, alphanumeric mode,
 * version 6 or lower): the module matrix, a half-block text drawing for
 * terminals (the TUI draws these lines as they are) and a PNG (libpng).
 */
#ifndef LPRSIM_QR_H
#define LPRSIM_QR_H

#include <stddef.h>

#include "util/util.h"

#define QR_MAX_VERSION 6
#define QR_TERM_ROWS 24          /* the drawing fits 80x24 */

struct qr {
    int version;      /* 1..QR_MAX_VERSION */
    char ecc;         /* 'L', 'M', 'Q' or 'H' */
    int width;        /* modules per side */
    unsigned char *dark;  /* width*width, 1 = dark module; owned */
};

/* Encodes text (QR alphanumeric characters only) in alphanumeric mode at
 * the highest error correction level that fits version <= max_version.
 * Returns 0, or -LP_FAIL with err; free with qr_free. */
int qr_make(const char *text, int max_version, struct qr *q,
            struct lp_err *err);
void qr_free(struct qr *q);

/* The quiet zone (modules) qr_lines uses so the drawing fits
 * QR_TERM_ROWS rows: 4 when it fits, else less (at least 2). */
int qr_term_quiet(const struct qr *q);

/* Draws q with half blocks (upper half U+2580, lower half U+2584, full
 * block U+2588, space): two module rows per text line, quiet zone
 * included.  invert = 0 draws light modules as ink (for light text on a
 * dark terminal); 1 draws dark modules as ink (dark text on paper).
 * Returns a NULL-terminated array of UTF-8 lines (each `cols` columns
 * wide) and sets *nlines; free with qr_lines_free. */
char **qr_lines(const struct qr *q, int quiet, int invert, size_t *nlines);
void qr_lines_free(char **lines);
/* qr_lines with each module scale columns wide and scale half-lines
 * tall (scale 1 is qr_lines). */
char **qr_lines_scaled(const struct qr *q, int quiet, int invert, int scale,
                       size_t *nlines);
/* The largest drawing of q that fits cols x rows of text: the biggest
 * scale (1-8), then the widest quiet zone (4 down to 2).  0 and *quiet,
 * *scale set, or -1 when even scale 1 with 2 quiet modules does not
 * fit. */
int qr_fit(const struct qr *q, int cols, int rows, int *quiet, int *scale);

/* The terminal drawing of a certificate token in one call: qr_make at
 * version <= QR_MAX_VERSION, then qr_lines with qr_term_quiet.  For the
 * terminal application.  NULL with err on failure; free with
 * qr_lines_free. */
char **qr_token_lines(const char *token, int invert, size_t *nlines,
                      struct lp_err *err);

/* Writes q as an 8-bit grey PNG, scale pixels a module, quiet modules of
 * margin.  Returns 0 or negative with err. */
int qr_png(const struct qr *q, const char *path, int scale, int quiet,
           struct lp_err *err);

#endif
