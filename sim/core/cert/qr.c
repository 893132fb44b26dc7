/*
 * qr.c - QR codes for certificate tokens (see qr.h): libqrencode builds
 * the matrix in alphanumeric mode; we draw it as half-block text lines and
 * write it as PNG with libpng.
 */
#include "core/cert/qr.h"

#include <errno.h>
#include <fcntl.h>
#include <png.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/site/site.h"

int qr_make(const char *text, int max_version, struct qr *q,
            struct lp_err *err)
{
    static const QRecLevel levels[] = {QR_ECLEVEL_H, QR_ECLEVEL_Q,
                                       QR_ECLEVEL_M, QR_ECLEVEL_L};
    static const char names[] = "HQML";
    memset(q, 0, sizeof *q);
    size_t n = strlen(text);
    for (size_t i = 0; i < 4; i++) {
        QRinput *in = QRinput_new2(0, levels[i]);
        if (!in)
            return lp_errf(err, LP_FAIL, "qrencode: out of memory");
        if (QRinput_append(in, QR_MODE_AN, (int)n,
                           (const unsigned char *)text)) {
            QRinput_free(in);
            return lp_errf(err, LP_FAIL, "text holds characters outside the "
                           "QR alphanumeric set");
        }
        QRcode *code = QRcode_encodeInput(in);
        QRinput_free(in);
        if (!code)
            continue;
        if (code->version <= max_version) {
            q->version = code->version;
            q->ecc = names[i];
            q->width = code->width;
            q->dark = xmalloc((size_t)code->width * (size_t)code->width);
            for (int k = 0; k < code->width * code->width; k++)
                q->dark[k] = code->data[k] & 1;
            QRcode_free(code);
            return 0;
        }
        QRcode_free(code);
    }
    return lp_errf(err, LP_FAIL, "%zu characters do not fit a QR code of "
                   "version %d", n, max_version);
}

void qr_free(struct qr *q)
{
    if (!q)
        return;
    free(q->dark);
    q->dark = NULL;
}

int qr_term_quiet(const struct qr *q)
{
    int quiet = 4;
    while (quiet > 2 && (q->width + 2 * quiet + 1) / 2 > QR_TERM_ROWS)
        quiet--;
    return quiet;
}

/* 1 if the module at (x, y) of the padded square is inked. */
static int ink(const struct qr *q, int quiet, int invert, int x, int y)
{
    int w = q->width, full = w + 2 * quiet;
    if (y >= full)
        return 0;   /* below the last row: background, never ink */
    int dark = 0;
    x -= quiet;
    y -= quiet;
    if (x >= 0 && y >= 0 && x < w && y < w)
        dark = q->dark[y * w + x];
    return invert ? dark : !dark;
}

char **qr_lines(const struct qr *q, int quiet, int invert, size_t *nlines)
{
    return qr_lines_scaled(q, quiet, invert, 1, nlines);
}

int qr_fit(const struct qr *q, int cols, int rows, int *quiet, int *scale)
{
    for (int s = 8; s >= 1; s--)
        for (int z = 4; z >= 2; z--) {
            int full = (q->width + 2 * z) * s;
            if (full <= cols && (full + 1) / 2 <= rows) {
                *quiet = z;
                *scale = s;
                return 0;
            }
        }
    return -1;
}

char **qr_lines_scaled(const struct qr *q, int quiet, int invert, int scale,
                       size_t *nlines)
{
    int full = (q->width + 2 * quiet) * scale;
    size_t rows = (size_t)(full + 1) / 2;
    char **lines = xcalloc(rows + 1, sizeof *lines);
    for (size_t r = 0; r < rows; r++) {
        struct sb s;
        sb_init(&s);
        for (int x = 0; x < full; x++) {
            int yt = (int)r * 2, yb = (int)r * 2 + 1;
            int top = yt < full && ink(q, quiet, invert, x / scale,
                                       yt / scale);
            int bot = yb < full && ink(q, quiet, invert, x / scale,
                                       yb / scale);
            sb_puts(&s, top && bot ? "\xe2\x96\x88"
                        : top      ? "\xe2\x96\x80"
                        : bot      ? "\xe2\x96\x84"
                                   : " ");
        }
        lines[r] = sb_steal(&s);
    }
    *nlines = rows;
    return lines;
}

void qr_lines_free(char **lines)
{
    if (!lines)
        return;
    for (char **p = lines; *p; p++)
        free(*p);
    free(lines);
}

char **qr_token_lines(const char *token, int invert, size_t *nlines,
                      struct lp_err *err)
{
    struct qr q;
    if (qr_make(token, QR_MAX_VERSION, &q, err))
        return NULL;
    char **lines = qr_lines(&q, qr_term_quiet(&q), invert, nlines);
    qr_free(&q);
    return lines;
}

/* Writes the rows; libpng errors longjmp back to png_emit. */
static void png_rows(png_structp png, png_infop info, const struct qr *q,
                     int scale, int quiet, png_bytep row, int full)
{
    png_set_IHDR(png, info, (png_uint_32)full, (png_uint_32)full, 8,
                 PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < full; y++) {
        for (int x = 0; x < full; x++)
            row[x] = ink(q, quiet, 1, x / scale, y / scale) ? 0 : 255;
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
}

/* Returns 0, or -1 when libpng failed. */
static int png_emit(png_structp png, png_infop info, FILE *f,
                    const struct qr *q, int scale, int quiet, png_bytep row,
                    int full)
{
    if (setjmp(png_jmpbuf(png)))
        return -1;
    png_init_io(png, f);
    png_rows(png, info, q, scale, quiet, row, full);
    return 0;
}

int qr_png(const struct qr *q, const char *path, int scale, int quiet,
           struct lp_err *err)
{
    png_structp png = NULL;
    png_infop info = NULL;
    int rc = 0;
    int full = (q->width + 2 * quiet) * scale;
    int fd = site_user_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    FILE *f = fd < 0 ? NULL : fdopen(fd, "wb");
    if (!f && fd >= 0)
        close(fd);
    if (!f)
        return lp_errf(err, LP_FAIL, "%s: cannot create: %s", path,
                       strerror(errno));
    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    info = png ? png_create_info_struct(png) : NULL;
    png_bytep row = xmalloc((size_t)full);
    if (!png || !info)
        rc = lp_errf(err, LP_FAIL, "libpng: out of memory");
    else if (png_emit(png, info, f, q, scale, quiet, row, full))
        rc = lp_errf(err, LP_FAIL, "%s: libpng failed to write", path);
    png_destroy_write_struct(&png, &info);
    free(row);
    if (fclose(f) && !rc)
        rc = lp_errf(err, LP_FAIL, "%s: cannot write: %s", path,
                     strerror(errno));
    return rc;
}
