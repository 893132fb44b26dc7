/*
 * test_dataset.c - the datasets loader: the real files of datasets/ load
 * and make sense; each bad fixture in tests/fixtures/datasets/ is refused
 * with the right file:line:column and problem.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/world/dataset.h"

static void test_real_datasets_load(void **state)
{
    (void)state;
    struct dataset *ds = NULL;
    struct lp_err err = {0};
    char *dir = harness_path("datasets");
    assert_ok(dataset_load(dir, &ds, &err), &err);
    free(dir);
    /* 51 distinct states (50 and DC), KS among them. */
    size_t nstates = 0;
    int has_ks = 0;
    for (size_t i = 0; i < ds->n_formats; i++) {
        int first = 1;
        for (size_t j = 0; j < i; j++)
            first &= strcmp(ds->formats[i].state, ds->formats[j].state) != 0;
        nstates += first;
        has_ks |= strcmp(ds->formats[i].state, "KS") == 0;
        assert_true(strspn(ds->formats[i].pattern, "LN") ==
                    strlen(ds->formats[i].pattern));
    }
    assert_int_equal(nstates, 51);
    assert_true(has_ks);
    assert_true(ds->n_models > 10 && ds->n_colors > 5);
    /* Sensitive places have a radius; adjacent cameras resolve. */
    size_t sens = 0;
    for (size_t i = 0; i < ds->n_places; i++) {
        const struct ds_place *p = &ds->places[i];
        if (p->sensitive) {
            sens++;
            assert_true(p->radius_m > 0);
            assert_true(p->cat >= DS_SCHOOL);
        }
        assert_true(p->lat > 38 && p->lat < 39.2);
    }
    assert_true(sens > 0);
    size_t adj = 0, mobile = 0;
    for (size_t i = 0; i < ds->n_cameras; i++) {
        const struct ds_camera *c = &ds->cameras[i];
        mobile += c->mobile;
        if (c->adjacent) {
            adj++;
            assert_true(c->adjacent_index >= 0);
            assert_string_equal(ds->cameras[c->adjacent_index].id,
                                c->adjacent);
        } else {
            assert_int_equal(c->adjacent_index, -1);
        }
    }
    assert_true(adj > 0 && mobile > 0);
    assert_int_equal(dataset_camera_index(ds, ds->cameras[3].id), 3);
    assert_int_equal(dataset_camera_index(ds, "no-such"), -1);
    /* Statutes: empty limitation means none (0). */
    int none = 0;
    for (size_t i = 0; i < ds->n_statutes; i++)
        none |= ds->statutes[i].limitation_years == 0;
    assert_true(none);
    dataset_free(ds);
    dataset_free(NULL);
}

/* Copies the real datasets into a temporary folder, replaces one file by
 * a fixture, loads, and returns the error message (caller frees). */
static char *load_with(const char *target, const char *fixture)
{
    char *dir = harness_tmpdir();
    char *src = harness_path("datasets");
    char *cmd = xasprintf("cp '%s'/*.csv '%s'/", src, dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    char *fx = xasprintf("tests/fixtures/datasets/%s", fixture);
    char *fxp = harness_path(fx);
    cmd = xasprintf("cp '%s' '%s/%s'", fxp, dir, target);
    assert_int_equal(system(cmd), 0);
    struct dataset *ds = NULL;
    struct lp_err err = {0};
    int rc = dataset_load(dir, &ds, &err);
    assert_int_equal(rc, -LP_FAIL);
    assert_null(ds);
    char *msg = xstrdup(err.msg);
    /* Strip the temporary folder: "DIR/places.csv:3:4: ..." */
    size_t n = strlen(dir);
    assert_true(strncmp(msg, dir, n) == 0);
    memmove(msg, msg + n + 1, strlen(msg + n + 1) + 1);
    harness_rmdir(dir);
    free(cmd);
    free(fx);
    free(fxp);
    free(src);
    free(dir);
    return msg;
}

static void expect(const char *target, const char *fixture,
                   const char *want_prefix, const char *want_text)
{
    char *msg = load_with(target, fixture);
    if (strncmp(msg, want_prefix, strlen(want_prefix)) != 0 ||
        !strstr(msg, want_text))
        fail_msg("%s: got '%s', want '%s...%s'", fixture, msg, want_prefix,
                 want_text);
    free(msg);
}

static void test_bad_places(void **state)
{
    (void)state;
    expect("places.csv", "places_bad_lat.csv", "places.csv:3:4: ",
           "latitude 'x' is not a number");
    expect("places.csv", "places_lat_range.csv", "places.csv:2:4: ",
           "out of range");
    expect("places.csv", "places_dup_id.csv", "places.csv:3:1: ",
           "id 'res-001' is used twice");
    expect("places.csv", "places_bad_category.csv", "places.csv:2:3: ",
           "category 'mall' is not one of");
    expect("places.csv", "places_sensitive_flag.csv", "places.csv:2:7: ",
           "sensitive must be 1");
}

static void test_bad_cameras(void **state)
{
    (void)state;
    expect("camera_sites.csv", "cameras_bad_adjacent.csv",
           "camera_sites.csv:3:8: ", "adjacent camera 'cam-99'");
    expect("camera_sites.csv", "cameras_bad_owner.csv",
           "camera_sites.csv:2:3: ", "owner 'vendor' is not one of");
    expect("camera_sites.csv", "cameras_source_owner.csv",
           "camera_sites.csv:2:4: ", "does not fit owner");
}

static void test_bad_other_files(void **state)
{
    (void)state;
    expect("plate_formats.csv", "plate_formats_bad_pattern.csv",
           "plate_formats.csv:2:3: ", "holds 'X' at position 3");
    expect("plate_formats.csv", "plate_formats_bad_state.csv",
           "plate_formats.csv:3:1: ", "state 'ks'");
    expect("vehicles.csv", "vehicles_columns.csv", "vehicles.csv:3:4: ",
           "row has 3 columns, expected 4");
    expect("vehicles.csv", "vehicles_bad_weight.csv", "vehicles.csv:2:4: ",
           "out of range");
    expect("colors.csv", "colors_bad_header.csv", "colors.csv:1:1: ",
           "header has 'colour' where 'color' belongs");
    expect("statutes.csv", "statutes_bad_years.csv", "statutes.csv:2:4: ",
           "limitation_years 'five' is not a whole number");
    expect("statutes.csv", "statutes_unterminated.csv", "statutes.csv:",
           "unterminated");
}

static void test_missing_folder(void **state)
{
    (void)state;
    struct dataset *ds = NULL;
    struct lp_err err = {0};
    assert_int_equal(dataset_load("/nonexistent-lprsim", &ds, &err),
                     -LP_FAIL);
    assert_non_null(strstr(err.msg, "plate_formats.csv: cannot open"));
}

const char harness_name[] = "dataset";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_real_datasets_load),
    cmocka_unit_test(test_bad_places),
    cmocka_unit_test(test_bad_cameras),
    cmocka_unit_test(test_bad_other_files),
    cmocka_unit_test(test_missing_folder),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
