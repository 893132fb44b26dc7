/*
 * readcsv.c - reads CSV export and strict import (see readcsv.h).
 */
#include "core/world/readcsv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/io/csvio.h"
#include "core/store/store_reads.h"
#include "core/store/store_world.h"
#include "core/world/dataset.h"
#include "util/lptime.h"

const char *const readcsv_header[READCSV_COLUMNS] = {
    "plate", "state", "observed_at", "camera_id", "lat", "lon", "make",
    "model", "confidence", "source", "image_ref",
};

char *readcsv_num(double v, char *buf, size_t n)
{
    snprintf(buf, n, "%.6f", v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *e = buf + strlen(buf) - 1;
        while (e > dot && *e == '0')
            *e-- = '\0';
        if (e == dot)
            *e = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        memmove(buf, buf + 1, 2);
    return buf;
}

int readcsv_write_header(FILE *out)
{
    for (int i = 0; i < READCSV_COLUMNS; i++)
        if ((i && csvio_put_sep(out)) || csvio_put_text(out, readcsv_header[i]))
            return -1;
    return csvio_put_eol(out);
}

int readcsv_write(FILE *out, const struct lp_read *r)
{
    char t[32], lat[32], lon[32], conf[32];
    lptime_format(r->observed_at, t, sizeof t);
    readcsv_num(r->lat, lat, sizeof lat);
    readcsv_num(r->lon, lon, sizeof lon);
    readcsv_num(r->confidence, conf, sizeof conf);
    if (csvio_put_text(out, r->plate) || csvio_put_sep(out) ||
        csvio_put_text(out, r->state) || csvio_put_sep(out) ||
        csvio_put_raw(out, t) || csvio_put_sep(out) ||
        csvio_put_text(out, r->camera_id) || csvio_put_sep(out) ||
        csvio_put_raw(out, lat) || csvio_put_sep(out) ||
        csvio_put_raw(out, lon) || csvio_put_sep(out) ||
        csvio_put_text(out, r->make) || csvio_put_sep(out) ||
        csvio_put_text(out, r->model) || csvio_put_sep(out) ||
        csvio_put_raw(out, conf) || csvio_put_sep(out) ||
        csvio_put_text(out, r->source) || csvio_put_sep(out) ||
        csvio_put_text(out, r->image_ref) || csvio_put_eol(out))
        return -1;
    return 0;
}

struct exp {
    FILE *out;
    int64_t n;
};

static int export_one(void *arg, const struct lp_read *r)
{
    struct exp *e = arg;
    if (readcsv_write(e->out, r))
        return -LP_FAIL;
    e->n++;
    return 0;
}

int readcsv_export(struct store *st, FILE *out, const char *path,
                   int64_t *count, struct lp_err *err)
{
    struct exp e = {out, 0};
    if (readcsv_write_header(out))
        goto write_error;
    int rc = store_reads_each(st, export_one, &e);
    if (rc == -LP_FAIL && !store_errmsg(st)[0])
        goto write_error;
    if (rc) {
        *err = *store_err(st);
        return rc;
    }
    if (fflush(out))
        goto write_error;
    *count = e.n;
    return 0;
write_error:
    return lp_errf(err, LP_FAIL, "%s: cannot write: %s", path,
                   strerror(errno));
}

/* ---- import ---- */

/* The world's data an imported read is checked against (see the
 * datasets README, "Importing reads"). */
struct imp {
    struct store *st;
    int64_t n;
    int header_seen;
    const struct dataset *ds;     /* plate-format states */
    int64_t clock;                /* no read after the sandbox clock */
    char **cams;                  /* camera ids found in the world */
    size_t ncams;
};

#define IMPORT_EARLIEST 946684800   /* 2000-01-01T00:00:00Z */

static int text_ok(const struct csvio_row *row, size_t col, const char *what,
                   size_t max, int may_be_empty, struct lp_err *err)
{
    const char *s = csvio_unguard(row->f[col - 1]);
    if (!*s && !may_be_empty)
        return csvio_errf(err, row, col, "%s is empty", what);
    if (strlen(s) > max)
        return csvio_errf(err, row, col, "%s is longer than %zu bytes", what,
                          max);
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return csvio_errf(err, row, col, "%s holds a control character",
                              what);
    return 0;
}

static int charset_ok(const struct csvio_row *row, size_t col,
                      const char *what, const char *rule, size_t min,
                      size_t max, int lower, const char *extra,
                      struct lp_err *err)
{
    const char *s = row->f[col - 1];
    size_t n = strlen(s);
    if (n < min || n > max)
        return csvio_errf(err, row, col, "%s '%.40s' must be %s", what, s,
                          rule);
    for (const char *p = s; *p; p++) {
        int ok = (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                 (lower && *p >= 'a' && *p <= 'z') || strchr(extra, *p);
        if (!ok || !*p)
            return csvio_errf(err, row, col, "%s '%.40s' must be %s", what, s,
                              rule);
    }
    return 0;
}

/* A plain decimal: -?digits(.digits)? (what export writes; no hex,
 * exponent, inf or nan, which strtod would take). */
static int decimal_ok(const char *s)
{
    const char *p = s + (*s == '-');
    if (*p < '0' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0' && p - s <= 40;
}

static int num_ok(const struct csvio_row *row, size_t col, const char *what,
                  double lo, double hi, double *out, struct lp_err *err)
{
    const char *s = row->f[col - 1];
    if (!decimal_ok(s) || lp_parse_double(s, -1e300, 1e300, out))
        return csvio_errf(err, row, col, "%s '%.40s' is not a number (a "
                          "plain decimal such as -97.39)", what, s);
    if (*out < lo || *out > hi)
        return csvio_errf(err, row, col, "%s %s is out of range (%g to %g)",
                          what, s, lo, hi);
    return 0;
}

static int state_known(const struct dataset *ds, const char *st)
{
    for (size_t i = 0; i < ds->n_formats; i++)
        if (strcmp(ds->formats[i].state, st) == 0)
            return 1;
    return 0;
}

/* 1 when the camera is in the world's cameras table (ids found so far are
 * kept: a world has a few dozen), 0 when not, negative on error. */
static int camera_known(struct imp *im, const char *id)
{
    for (size_t i = 0; i < im->ncams; i++)
        if (strcmp(im->cams[i], id) == 0)
            return 1;
    struct lp_camera c;
    int rc = store_camera_get(im->st, id, &c);
    if (rc == 1 && im->ncams < 4096) {
        im->cams = xrealloc(im->cams, (im->ncams + 1) * sizeof *im->cams);
        im->cams[im->ncams++] = xstrdup(id);
    }
    return rc;
}

static int import_row(void *arg, const struct csvio_row *row,
                      struct lp_err *err)
{
    struct imp *im = arg;
    if (csvio_check_invisible(row, err))
        return -LP_FAIL;
    if (!im->header_seen) {
        im->header_seen = 1;
        return csvio_expect_header(row, readcsv_header, READCSV_COLUMNS, err);
    }
    if (row->n != READCSV_COLUMNS)
        return csvio_errf(err, row, row->n < READCSV_COLUMNS
                                        ? row->n + 1 : READCSV_COLUMNS + 1,
                          "row has %zu columns, expected %d", row->n,
                          READCSV_COLUMNS);
    struct lp_read r = {0};
    double lat, lon, conf;
    int64_t t;
    if (charset_ok(row, 1, "plate", "1 to 10 capitals and digits", 1, 10, 0,
                   "", err) ||
        charset_ok(row, 2, "state", "two capitals", 2, 2, 0, "", err))
        return -LP_FAIL;
    for (const char *p = row->f[1]; *p; p++)
        if (*p < 'A' || *p > 'Z')
            return csvio_errf(err, row, 2, "state '%s' must be two capitals",
                              row->f[1]);
    if (!state_known(im->ds, row->f[1]))
        return csvio_errf(err, row, 2, "state '%s' is not one of the world's "
                          "51 plate states (datasets/plate_formats.csv)",
                          row->f[1]);
    if (lptime_parse(row->f[2], &t))
        return csvio_errf(err, row, 3, "observed_at '%.40s' is not a time "
                          "(use 2026-03-02T09:00:00Z)", row->f[2]);
    if (t < IMPORT_EARLIEST || t > im->clock) {
        char c[32];
        lptime_format(im->clock, c, sizeof c);
        return csvio_errf(err, row, 3, "observed_at %.40s is outside the "
                          "world's time (2000-01-01 to the sandbox clock "
                          "%s)", row->f[2], c);
    }
    if (charset_ok(row, 4, "camera_id", "1 to 64 letters, digits, '.', "
                   "'_' or '-'", 1, 64, 1, "._-", err))
        return -LP_FAIL;
    int cam = camera_known(im, row->f[3]);
    if (cam < 0) {
        *err = *store_err(im->st);
        return -LP_FAIL;
    }
    if (!cam)
        return csvio_errf(err, row, 4, "camera '%.64s' is not in this world "
                          "(its cameras table)", row->f[3]);
    if (
        num_ok(row, 5, "lat", -90, 90, &lat, err) ||
        num_ok(row, 6, "lon", -180, 180, &lon, err) ||
        text_ok(row, 7, "make", 64, 1, err) ||
        text_ok(row, 8, "model", 64, 1, err) ||
        num_ok(row, 9, "confidence", 0, 1, &conf, err))
        return -LP_FAIL;
    if (!dataset_is_source(row->f[9]))
        return csvio_errf(err, row, 10, "source '%.40s' is not one of: "
                          "agency, lea, toll, parking, repossession",
                          row->f[9]);
    if (text_ok(row, 11, "image_ref", 200, 1, err))
        return -LP_FAIL;
    const char *make = csvio_unguard(row->f[6]);
    const char *model = csvio_unguard(row->f[7]);
    const char *img = csvio_unguard(row->f[10]);
    r.plate = row->f[0];
    r.state = row->f[1];
    r.observed_at = t;
    r.camera_id = row->f[3];
    r.lat = lat;
    r.lon = lon;
    r.make = *make ? make : NULL;
    r.model = *model ? model : NULL;
    r.confidence = conf;
    r.source = row->f[9];
    r.image_ref = *img ? img : NULL;
    if (store_read_add(im->st, &r, NULL)) {
        *err = *store_err(im->st);
        return -LP_FAIL;
    }
    im->n++;
    return 0;
}

int readcsv_import(struct store *st, const char *path, int64_t now,
                   int64_t *count, struct lp_err *err)
{
    struct imp im = {st, 0, 0, NULL, 0, NULL, 0};
    struct dataset *ds = NULL;
    int rc = dataset_load_default(&ds, err);
    if (rc)
        return rc;
    im.ds = ds;
    im.clock = now;
    if (store_begin(st) || store_reads_bulk_begin(st)) {
        int fail = store_err_copy(st, err);
        store_rollback(st);
        dataset_free(ds);
        return fail;
    }
    rc = csvio_read_file(path, import_row, &im, err);
    if (!rc && !im.header_seen)
        rc = lp_errf(err, LP_FAIL, "%s:1:1: empty file: the header row "
                     "'plate,state,observed_at,...' is missing (column 1 "
                     "should be 'plate')", path);
    dataset_free(ds);
    for (size_t i = 0; i < im.ncams; i++)
        free(im.cams[i]);
    free(im.cams);
    if (!rc && (store_reads_bulk_end(st) || store_commit(st))) {
        rc = store_err_copy(st, err);
    }
    if (rc) {
        store_rollback(st);
        return rc;
    }
    *count = im.n;
    return 0;
}
