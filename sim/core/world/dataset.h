/*
 * dataset.h - the generator's inputs: the CSV files of datasets/ (plate
 * formats, vehicles, colours, places, camera sites, statutes), loaded and
 * fully validated into memory tables.  Any problem is reported as
 * "datasets/places.csv:14:4: latitude 'x' is not a number".
 */
#ifndef LPRSIM_DATASET_H
#define LPRSIM_DATASET_H

#include <stddef.h>

#include "util/util.h"

struct ds_plate_format {
    char state[3];          /* USPS code, two capitals */
    char *state_name;
    char *pattern;          /* L = letter, N = digit; 2..10 symbols */
    double weight;
};

struct ds_vehicle_model {
    char *make, *model, *body;
    double weight;
};

struct ds_color {
    char *color;
    double weight;
};

/* Place categories, in the order of the documentation; the sensitive
 * ones (ICE Policy 10029.2) start at DS_SCHOOL. */
enum ds_category {
    DS_RESIDENTIAL, DS_WORKPLACE, DS_RETAIL, DS_TRANSIT, DS_ROAD,
    DS_SCHOOL, DS_HOSPITAL, DS_WORSHIP, DS_FUNERAL, DS_WEDDING,
    DS_DEMONSTRATION, DS_NCATEGORIES
};

struct ds_place {
    char *id, *name, *category;
    int cat;                /* enum ds_category */
    double lat, lon;
    int radius_m;
    int sensitive;
};

struct ds_camera {
    char *id, *name, *owner, *source, *type;
    double lat, lon;
    char *adjacent;         /* NULL when none */
    int adjacent_index;     /* index into cameras, -1 when none */
    int mobile;             /* type == "mobile" */
};

struct ds_statute {
    char *code, *citation, *description;
    int limitation_years;   /* 0 = no limitation */
};

struct dataset {
    struct ds_plate_format *formats;
    size_t n_formats;
    struct ds_vehicle_model *models;
    size_t n_models;
    struct ds_color *colors;
    size_t n_colors;
    struct ds_place *places;
    size_t n_places;
    struct ds_camera *cameras;
    size_t n_cameras;
    struct ds_statute *statutes;
    size_t n_statutes;
};

/* The file names inside a datasets folder, in load order. */
extern const char *const dataset_files[6];

/* Loads and validates every file of the folder dir (e.g. "ROOT/datasets");
 * messages name the file as dir/NAME.csv with line and column.  Returns 0
 * and *out (free with dataset_free), or a negative status with err. */
int dataset_load(const char *dir, struct dataset **out, struct lp_err *err);

/* Loads the datasets folder of the data root (paths_root()). */
int dataset_load_default(struct dataset **out, struct lp_err *err);

/* Frees a dataset; NULL does nothing. */
void dataset_free(struct dataset *ds);

/* Index of the camera with this id, or -1. */
int dataset_camera_index(const struct dataset *ds, const char *id);

/* 1 if s is one of the place categories, camera owners, camera sources. */
int dataset_is_category(const char *s);
int dataset_is_source(const char *s);

#endif
