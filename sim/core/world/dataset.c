/*
 * dataset.c - loading and validating the generator's CSV inputs through
 * csvio (see dataset.h).  Every field is checked: header, column count,
 * numbers and their ranges, enumerations, unique ids, references between
 * cameras, the plate pattern alphabet.
 */
#include "core/world/dataset.h"

#include <stdlib.h>
#include <string.h>

#include "core/io/csvio.h"
#include "util/paths.h"

const char *const dataset_files[6] = {
    "plate_formats.csv", "vehicles.csv", "colors.csv",
    "places.csv", "camera_sites.csv", "statutes.csv",
};

static const char *const categories[] = {
    "residential", "workplace", "retail", "transit", "road", "school",
    "hospital", "place_of_worship", "funeral_home", "wedding_venue",
    "demonstration_site", NULL,
};
/* The sensitive categories of ICE Policy 10029.2 (index >= 5 above). */
#define FIRST_SENSITIVE 5

static const char *const bodies[] = {
    "sedan", "suv", "pickup", "van", "hatchback", "coupe", "wagon",
    "motorcycle", NULL,
};
static const char *const owners[] = {"agency", "partner", "commercial", NULL};
static const char *const sources[] = {
    "agency", "lea", "toll", "parking", "repossession", NULL,
};
static const char *const types[] = {"fixed", "mobile", NULL};

static int enum_index(const char *const *list, const char *s)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return i;
    return -1;
}

int dataset_is_category(const char *s)
{
    return enum_index(categories, s) >= 0;
}

int dataset_is_source(const char *s)
{
    return enum_index(sources, s) >= 0;
}

static void enum_list(const char *const *list, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; list[i] && len < n; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ", " : "",
                                list[i]);
}

/* ---- field checks: each returns 0 or fills err naming row and column ---- */

static int need_text(const struct csvio_row *row, size_t col, const char *what,
                     struct lp_err *err)
{
    const char *s = row->f[col - 1];
    if (!*s)
        return csvio_errf(err, row, col, "%s is empty", what);
    if (strlen(s) > 200)
        return csvio_errf(err, row, col, "%s is longer than 200 bytes", what);
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20)
            return csvio_errf(err, row, col, "%s holds a control character",
                              what);
    return 0;
}

static int need_enum(const struct csvio_row *row, size_t col, const char *what,
                     const char *const *list, int *idx, struct lp_err *err)
{
    int i = enum_index(list, row->f[col - 1]);
    if (i < 0) {
        char all[200];
        enum_list(list, all, sizeof all);
        return csvio_errf(err, row, col, "%s '%s' is not one of: %s", what,
                          row->f[col - 1], all);
    }
    if (idx)
        *idx = i;
    return 0;
}

static int need_double(const struct csvio_row *row, size_t col,
                       const char *what, double lo, double hi, double *out,
                       struct lp_err *err)
{
    const char *s = row->f[col - 1];
    if (lp_parse_double(s, -1e300, 1e300, out))
        return csvio_errf(err, row, col, "%s '%s' is not a number", what, s);
    if (*out < lo || *out > hi)
        return csvio_errf(err, row, col, "%s %s is out of range (%g to %g)",
                          what, s, lo, hi);
    return 0;
}

static int need_int(const struct csvio_row *row, size_t col, const char *what,
                    int64_t lo, int64_t hi, int64_t *out, struct lp_err *err)
{
    const char *s = row->f[col - 1];
    if (lp_parse_i64(s, INT64_MIN, INT64_MAX, out))
        return csvio_errf(err, row, col, "%s '%s' is not a whole number",
                          what, s);
    if (*out < lo || *out > hi)
        return csvio_errf(err, row, col,
                          "%s %s is out of range (%lld to %lld)", what, s,
                          (long long)lo, (long long)hi);
    return 0;
}

static int need_weight(const struct csvio_row *row, size_t col, double *w,
                       struct lp_err *err)
{
    if (need_double(row, col, "weight", 0, 1e9, w, err))
        return -LP_FAIL;
    if (!(*w > 0))
        return csvio_errf(err, row, col, "weight must be above 0");
    return 0;
}

/* Letters, digits and the characters in extra. */
static int need_token(const struct csvio_row *row, size_t col,
                      const char *what, const char *extra, int upper_only,
                      struct lp_err *err)
{
    const char *s = row->f[col - 1];
    if (!*s)
        return csvio_errf(err, row, col, "%s is empty", what);
    if (strlen(s) > 40)
        return csvio_errf(err, row, col, "%s '%.40s...' is too long", what, s);
    for (const char *p = s; *p; p++) {
        int ok = (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                 (!upper_only && *p >= 'a' && *p <= 'z') ||
                 (*p && strchr(extra, *p));
        if (!ok)
            return csvio_errf(err, row, col,
                              "%s '%s' may hold only %s and '%s'", what, s,
                              upper_only ? "capitals, digits"
                                         : "letters, digits", extra);
    }
    return 0;
}

static int lat_lon(const struct csvio_row *row, size_t col, double *lat,
                   double *lon, struct lp_err *err)
{
    if (need_double(row, col, "latitude", -90, 90, lat, err) ||
        need_double(row, col + 1, "longitude", -180, 180, lon, err))
        return -LP_FAIL;
    return 0;
}

/* ---- the generic loader ---- */

struct loader {
    const char *const *header;
    size_t ncols;
    size_t rows;          /* data rows seen */
    struct dataset *ds;
    int (*row)(struct loader *ld, const struct csvio_row *row,
               struct lp_err *err);
    size_t cap;           /* 1 once the header was seen */
    size_t arr_cap;       /* capacity of the table being filled */
};

static int on_row(void *arg, const struct csvio_row *row, struct lp_err *err)
{
    struct loader *ld = arg;
    if (ld->rows == 0 && ld->cap == 0) {
        ld->cap = 1;    /* header seen */
        return csvio_expect_header(row, ld->header, ld->ncols, err);
    }
    if (row->n != ld->ncols)
        return csvio_errf(err, row, row->n < ld->ncols ? row->n + 1
                                                       : ld->ncols + 1,
                          "row has %zu columns, expected %zu (%s...)",
                          row->n, ld->ncols, ld->header[0]);
    if (ld->rows >= 100000)
        return csvio_errf(err, row, 0, "too many rows (over 100000)");
    int rc = ld->row(ld, row, err);
    ld->rows++;
    return rc;
}

/* Grows an array of elements of size sz so that index n fits. */
static void *grow(void *arr, size_t n, size_t sz, size_t *cap)
{
    if (n < *cap)
        return arr;
    *cap = *cap ? *cap * 2 : 16;
    return xrealloc(arr, *cap * sz);
}

/* ---- one row function per file ---- */

static int row_format(struct loader *ld, const struct csvio_row *row,
                      struct lp_err *err)
{
    struct dataset *ds = ld->ds;
    const char *st = row->f[0], *pat = row->f[2];
    if (strlen(st) != 2 || st[0] < 'A' || st[0] > 'Z' || st[1] < 'A' ||
        st[1] > 'Z')
        return csvio_errf(err, row, 1, "state '%s' is not a two-letter "
                          "capital code", st);
    if (need_text(row, 2, "state_name", err))
        return -LP_FAIL;
    size_t n = strlen(pat);
    if (n < 2 || n > 10)
        return csvio_errf(err, row, 3, "pattern '%s' must have 2 to 10 "
                          "symbols", pat);
    for (size_t i = 0; i < n; i++)
        if (pat[i] != 'L' && pat[i] != 'N')
            return csvio_errf(err, row, 3, "pattern '%s' holds '%c' at "
                              "position %zu: only L (letter) and N (digit)",
                              pat, pat[i], i + 1);
    double w;
    if (need_weight(row, 4, &w, err))
        return -LP_FAIL;
    ds->formats = grow(ds->formats, ds->n_formats, sizeof *ds->formats,
                       &ld->arr_cap);
    struct ds_plate_format *f = &ds->formats[ds->n_formats++];
    memcpy(f->state, st, 3);
    f->state_name = xstrdup(row->f[1]);
    f->pattern = xstrdup(pat);
    f->weight = w;
    return 0;
}

static int row_model(struct loader *ld, const struct csvio_row *row,
                     struct lp_err *err)
{
    struct dataset *ds = ld->ds;
    double w;
    if (need_text(row, 1, "make", err) || need_text(row, 2, "model", err) ||
        need_enum(row, 3, "body", bodies, NULL, err) ||
        need_weight(row, 4, &w, err))
        return -LP_FAIL;
    ds->models = grow(ds->models, ds->n_models, sizeof *ds->models,
                      &ld->arr_cap);
    struct ds_vehicle_model *m = &ds->models[ds->n_models++];
    m->make = xstrdup(row->f[0]);
    m->model = xstrdup(row->f[1]);
    m->body = xstrdup(row->f[2]);
    m->weight = w;
    return 0;
}

static int row_color(struct loader *ld, const struct csvio_row *row,
                     struct lp_err *err)
{
    struct dataset *ds = ld->ds;
    double w;
    if (need_text(row, 1, "color", err) || need_weight(row, 2, &w, err))
        return -LP_FAIL;
    for (size_t i = 0; i < ds->n_colors; i++)
        if (strcmp(ds->colors[i].color, row->f[0]) == 0)
            return csvio_errf(err, row, 1, "color '%s' is listed twice",
                              row->f[0]);
    ds->colors = grow(ds->colors, ds->n_colors, sizeof *ds->colors,
                      &ld->arr_cap);
    struct ds_color *c = &ds->colors[ds->n_colors++];
    c->color = xstrdup(row->f[0]);
    c->weight = w;
    return 0;
}

static int row_place(struct loader *ld, const struct csvio_row *row,
                     struct lp_err *err)
{
    struct dataset *ds = ld->ds;
    int cat;
    double lat, lon;
    int64_t radius, sens;
    if (need_token(row, 1, "id", "-_.", 0, err) ||
        need_text(row, 2, "name", err) ||
        need_enum(row, 3, "category", categories, &cat, err) ||
        lat_lon(row, 4, &lat, &lon, err) ||
        need_int(row, 6, "radius_m", 0, 100000, &radius, err) ||
        need_int(row, 7, "sensitive", 0, 1, &sens, err))
        return -LP_FAIL;
    for (size_t i = 0; i < ds->n_places; i++)
        if (strcmp(ds->places[i].id, row->f[0]) == 0)
            return csvio_errf(err, row, 1, "id '%s' is used twice (first "
                              "in data row %zu)", row->f[0], i + 1);
    if ((cat >= FIRST_SENSITIVE) != (sens == 1))
        return csvio_errf(err, row, 7, "sensitive must be %d for category "
                          "'%s'", cat >= FIRST_SENSITIVE, row->f[2]);
    if (sens && radius == 0)
        return csvio_errf(err, row, 6, "a sensitive place needs a radius "
                          "above 0");
    ds->places = grow(ds->places, ds->n_places, sizeof *ds->places,
                      &ld->arr_cap);
    struct ds_place *p = &ds->places[ds->n_places++];
    p->id = xstrdup(row->f[0]);
    p->name = xstrdup(row->f[1]);
    p->category = xstrdup(row->f[2]);
    p->cat = cat;
    p->lat = lat;
    p->lon = lon;
    p->radius_m = (int)radius;
    p->sensitive = (int)sens;
    return 0;
}

/* Which sources each owner class may have. */
static int source_fits(int owner, int source)
{
    switch (owner) {
    case 0: return source == 0;                /* agency: agency */
    case 1: return source == 1;                /* partner: lea */
    default: return source >= 2;               /* commercial */
    }
}

static int row_camera(struct loader *ld, const struct csvio_row *row,
                      struct lp_err *err)
{
    struct dataset *ds = ld->ds;
    int owner, source, type;
    double lat, lon;
    if (need_token(row, 1, "id", "-_.", 0, err) ||
        need_text(row, 2, "name", err) ||
        need_enum(row, 3, "owner", owners, &owner, err) ||
        need_enum(row, 4, "source", sources, &source, err) ||
        need_enum(row, 5, "type", types, &type, err) ||
        lat_lon(row, 6, &lat, &lon, err))
        return -LP_FAIL;
    if (!source_fits(owner, source))
        return csvio_errf(err, row, 4, "source '%s' does not fit owner '%s' "
                          "(agency: agency; partner: lea; commercial: toll, "
                          "parking, repossession)", row->f[3], row->f[2]);
    if (row->f[7][0] && need_token(row, 8, "adjacent", "-_.", 0, err))
        return -LP_FAIL;
    if (strcmp(row->f[7], row->f[0]) == 0)
        return csvio_errf(err, row, 8, "a camera cannot be adjacent to "
                          "itself");
    for (size_t i = 0; i < ds->n_cameras; i++)
        if (strcmp(ds->cameras[i].id, row->f[0]) == 0)
            return csvio_errf(err, row, 1, "id '%s' is used twice (first "
                              "in data row %zu)", row->f[0], i + 1);
    ds->cameras = grow(ds->cameras, ds->n_cameras, sizeof *ds->cameras,
                       &ld->arr_cap);
    struct ds_camera *c = &ds->cameras[ds->n_cameras++];
    c->id = xstrdup(row->f[0]);
    c->name = xstrdup(row->f[1]);
    c->owner = xstrdup(row->f[2]);
    c->source = xstrdup(row->f[3]);
    c->type = xstrdup(row->f[4]);
    c->lat = lat;
    c->lon = lon;
    c->adjacent = row->f[7][0] ? xstrdup(row->f[7]) : NULL;
    c->adjacent_index = -1;
    c->mobile = type == 1;
    /* Remember the line for the reference check after the whole file. */
    c->adjacent_index = -(int)row->line - 2;
    return 0;
}

static int row_statute(struct loader *ld, const struct csvio_row *row,
                       struct lp_err *err)
{
    struct dataset *ds = ld->ds;
    int64_t years = 0;
    if (need_token(row, 1, "code", "-_.", 1, err) ||
        need_text(row, 2, "citation", err) ||
        need_text(row, 3, "description", err))
        return -LP_FAIL;
    if (row->f[3][0] &&
        need_int(row, 4, "limitation_years", 1, 100, &years, err))
        return -LP_FAIL;
    for (size_t i = 0; i < ds->n_statutes; i++)
        if (strcmp(ds->statutes[i].code, row->f[0]) == 0)
            return csvio_errf(err, row, 1, "code '%s' is used twice",
                              row->f[0]);
    ds->statutes = grow(ds->statutes, ds->n_statutes, sizeof *ds->statutes,
                        &ld->arr_cap);
    struct ds_statute *s = &ds->statutes[ds->n_statutes++];
    s->code = xstrdup(row->f[0]);
    s->citation = xstrdup(row->f[1]);
    s->description = xstrdup(row->f[2]);
    s->limitation_years = (int)years;
    return 0;
}

static const char *const h_formats[] = {"state", "state_name", "pattern",
                                        "weight"};
static const char *const h_models[] = {"make", "model", "body", "weight"};
static const char *const h_colors[] = {"color", "weight"};
static const char *const h_places[] = {"id", "name", "category", "lat",
                                       "lon", "radius_m", "sensitive"};
static const char *const h_cameras[] = {"id", "name", "owner", "source",
                                        "type", "lat", "lon", "adjacent"};
static const char *const h_statutes[] = {"code", "citation", "description",
                                         "limitation_years"};

static int load_one(const char *dir, int which, struct dataset *ds,
                    struct lp_err *err)
{
    static const struct {
        const char *const *h;
        size_t n;
        int (*row)(struct loader *, const struct csvio_row *,
                   struct lp_err *);
    } spec[6] = {
        {h_formats, 4, row_format}, {h_models, 4, row_model},
        {h_colors, 2, row_color},   {h_places, 7, row_place},
        {h_cameras, 8, row_camera}, {h_statutes, 4, row_statute},
    };
    struct loader ld = {.header = spec[which].h, .ncols = spec[which].n,
                        .ds = ds, .row = spec[which].row};
    char *path = xasprintf("%s/%s", dir, dataset_files[which]);
    int rc = csvio_read_file(path, on_row, &ld, err);
    if (!rc && ld.cap == 0)
        rc = lp_errf(err, LP_FAIL, "%s:1: empty file: the header row is "
                     "missing", path);
    else if (!rc && ld.rows == 0)
        rc = lp_errf(err, LP_FAIL, "%s:2: no data rows after the header",
                     path);
    if (!rc && which == 4) {
        /* Every adjacent id names a camera of the file. */
        for (size_t i = 0; i < ds->n_cameras; i++) {
            struct ds_camera *c = &ds->cameras[i];
            size_t line = (size_t)(-c->adjacent_index - 2);
            c->adjacent_index = -1;
            if (!c->adjacent)
                continue;
            int j = dataset_camera_index(ds, c->adjacent);
            if (j < 0) {
                rc = lp_errf(err, LP_FAIL, "%s:%zu:8: adjacent camera '%s' "
                             "is not in the file", path, line, c->adjacent);
                break;
            }
            c->adjacent_index = j;
        }
    }
    free(path);
    return rc;
}

int dataset_load(const char *dir, struct dataset **out, struct lp_err *err)
{
    struct dataset *ds = xcalloc(1, sizeof *ds);
    int rc = 0;
    for (int i = 0; i < 6 && !rc; i++)
        rc = load_one(dir, i, ds, err);
    if (rc) {
        dataset_free(ds);
        *out = NULL;
        return rc;
    }
    *out = ds;
    return 0;
}

int dataset_load_default(struct dataset **out, struct lp_err *err)
{
    char *dir = paths_data("datasets");
    int rc = dataset_load(dir, out, err);
    free(dir);
    return rc;
}

int dataset_camera_index(const struct dataset *ds, const char *id)
{
    for (size_t i = 0; i < ds->n_cameras; i++)
        if (strcmp(ds->cameras[i].id, id) == 0)
            return (int)i;
    return -1;
}

void dataset_free(struct dataset *ds)
{
    if (!ds)
        return;
    for (size_t i = 0; i < ds->n_formats; i++) {
        free(ds->formats[i].state_name);
        free(ds->formats[i].pattern);
    }
    for (size_t i = 0; i < ds->n_models; i++) {
        free(ds->models[i].make);
        free(ds->models[i].model);
        free(ds->models[i].body);
    }
    for (size_t i = 0; i < ds->n_colors; i++)
        free(ds->colors[i].color);
    for (size_t i = 0; i < ds->n_places; i++) {
        free(ds->places[i].id);
        free(ds->places[i].name);
        free(ds->places[i].category);
    }
    for (size_t i = 0; i < ds->n_cameras; i++) {
        struct ds_camera *c = &ds->cameras[i];
        free(c->id);
        free(c->name);
        free(c->owner);
        free(c->source);
        free(c->type);
        free(c->adjacent);
    }
    for (size_t i = 0; i < ds->n_statutes; i++) {
        free(ds->statutes[i].code);
        free(ds->statutes[i].citation);
        free(ds->statutes[i].description);
    }
    free(ds->formats);
    free(ds->models);
    free(ds->colors);
    free(ds->places);
    free(ds->cameras);
    free(ds->statutes);
    free(ds);
}
