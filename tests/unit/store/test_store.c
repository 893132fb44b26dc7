/*
 * test_store.c - the store: schema, migrations, refusal of foreign or
 * newer databases, settings, roster, reads.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "core/store/store_reads.h"
#include "core/world/roster.h"

static void test_meta_roundtrip(void **state)
{
    (void)state;
    struct store *st = harness_store();
    int64_t v = 0;
    assert_int_equal(store_meta_set_i64(st, "clock", 1772409600), 0);
    assert_int_equal(store_meta_get_i64(st, "clock", 7, &v), 0);
    assert_int_equal(v, 1772409600);
    assert_int_equal(store_meta_get_i64(st, "absent", 7, &v), 0);
    assert_int_equal(v, 7);
    char *s = store_meta_get(st, "absent");
    assert_null(s);
    store_close(st);
}

static void test_refuses_foreign_database(void **state)
{
    (void)state;
    char *dir = harness_tmpdir();
    char *path = xasprintf("%s/other.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", 0, 0, 0), 0);
    sqlite3_close(db);
    struct lp_err err = {0};
    struct store *st = store_open(path, 0, &err);
    assert_null(st);
    assert_non_null(strstr(err.msg, "not an lprsim database"));
    harness_rmdir(dir);
    free(path);
    free(dir);
}

static void test_refuses_newer_schema(void **state)
{
    (void)state;
    char *dir = harness_tmpdir();
    char *path = xasprintf("%s/new.db", dir);
    struct lp_err err = {0};
    struct store *st = store_open(path, STORE_CREATE, &err);
    assert_non_null(st);
    store_close(st);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=99", 0, 0, 0), 0);
    sqlite3_close(db);
    st = store_open(path, 0, &err);
    assert_null(st);
    assert_non_null(strstr(err.msg, "newer lprsim"));
    harness_rmdir(dir);
    free(path);
    free(dir);
}

/* A negative user_version once read before the start of the migration
 * array (UBSan, store.c): now it is refused as not lprsim's, for writing
 * and for reading. */
static void test_refuses_negative_schema_version(void **state)
{
    (void)state;
    char *dir = harness_tmpdir();
    char *path = xasprintf("%s/neg.db", dir);
    struct lp_err err = {0};
    struct store *st = store_open(path, STORE_CREATE, &err);
    assert_non_null(st);
    store_close(st);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=-1", 0, 0, 0), 0);
    sqlite3_close(db);
    for (int ro = 0; ro < 2; ro++) {
        st = store_open(path, ro ? STORE_READONLY : 0, &err);
        assert_null(st);
        assert_int_equal(err.status, LP_VERIFY);
        assert_non_null(strstr(err.msg, "schema version -1 is not one "
                                        "lprsim writes"));
    }
    harness_rmdir(dir);
    free(path);
    free(dir);
}

/* The expected schema is the migrations' own: a fresh database passes,
 * a foreign index does not (named), a dropped index is allowed. */
static void test_schema_check(void **state)
{
    (void)state;
    char *dir = harness_tmpdir();
    char *path = xasprintf("%s/s.db", dir);
    struct lp_err err = {0};
    struct store *st = store_open(path, STORE_CREATE, &err);
    assert_non_null(st);
    assert_int_equal(store_schema_check(st), 0);
    store_close(st);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP INDEX reads_plate_time", 0, 0,
                                  0), 0);
    sqlite3_close(db);
    st = store_open(path, 0, &err);
    assert_non_null(st);
    store_close(st);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE INDEX mine ON audit(user_id)",
                                  0, 0, 0), 0);
    sqlite3_close(db);
    assert_null(store_open(path, 0, &err));
    assert_int_equal(err.status, LP_VERIFY);
    assert_non_null(strstr(err.msg, "foreign index 'mine' on audit"));
    harness_rmdir(dir);
    free(path);
    free(dir);
}

static void test_refuses_garbage_file(void **state)
{
    (void)state;
    char *dir = harness_tmpdir();
    char *path = xasprintf("%s/garbage.db", dir);
    harness_write(path, "this is not a database at all, only some text that "
                        "is long enough to look like a header............"
                        "................................................");
    struct lp_err err = {0};
    struct store *st = store_open(path, 0, &err);
    assert_null(st);
    assert_non_null(strstr(err.msg, "not a database"));
    harness_rmdir(dir);
    free(path);
    free(dir);
}

static void test_roster(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    assert_ok(roster_add(st, "t.jones", "Taylor Example", NULL, 100, &err),
              &err);
    assert_int_equal(roster_add(st, "t.jones", "Again", NULL, 100, &err),
                     -LP_USAGE);
    assert_non_null(strstr(err.msg, "already"));
    assert_int_equal(roster_add(st, "bad id!", "X", NULL, 100, &err),
                     -LP_USAGE);
    assert_int_equal(roster_add(st, "x", "X", "boss", 100, &err), -LP_USAGE);
    struct lp_person p;
    assert_ok(roster_require(st, "t.jones", &p, &err), &err);
    assert_string_equal(p.role, "trainee");
    assert_string_equal(p.name, "Taylor Example");
    assert_int_equal(roster_require(st, "nobody", &p, &err), -LP_USAGE);
    store_close(st);
}

static int count_cb(void *arg, const struct lp_read *r)
{
    int *n = arg;
    (*n)++;
    assert_string_equal(r->camera_id, "cam-01");
    return 0;
}

static void test_reads_bulk(void **state)
{
    (void)state;
    struct store *st = harness_store();
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_reads_bulk_begin(st), 0);
    for (int i = 0; i < 100; i++) {
        struct lp_read r = {.plate = "ABC1234", .state = "TX",
                            .observed_at = 1000 + i, .camera_id = "cam-01",
                            .lat = 38.6, .lon = -97.4, .make = "Ford",
                            .model = "F-150", .confidence = 0.9,
                            .source = "toll", .image_ref = "img"};
        assert_int_equal(store_read_add(st, &r, NULL), 0);
    }
    assert_int_equal(store_reads_bulk_end(st), 0);
    assert_int_equal(store_commit(st), 0);
    assert_int_equal(store_reads_count(st), 100);
    int n = 0;
    assert_int_equal(store_reads_each(st, count_cb, &n), 0);
    assert_int_equal(n, 100);
    store_close(st);
}

/* The error boundary: the store's error becomes an lp_err with a status
 * that is never 0 and a message naming the problem. */
static void test_err_copy(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    /* nothing failed yet: still a failure status and a message */
    assert_int_equal(store_err_copy(st, &err), -LP_FAIL);
    assert_true(err.msg[0] != '\0');
    /* a failed commit outside a transaction */
    assert_true(store_commit(st) < 0);
    memset(&err, 0, sizeof err);
    int rc = store_err_copy(st, &err);
    assert_true(rc < 0);
    assert_int_equal(rc, -store_err(st)->status);
    assert_string_equal(err.msg, store_errmsg(st));
    store_close(st);
}

const char harness_name[] = "store";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_meta_roundtrip),
    cmocka_unit_test(test_refuses_foreign_database),
    cmocka_unit_test(test_refuses_newer_schema),
    cmocka_unit_test(test_refuses_negative_schema_version),
    cmocka_unit_test(test_schema_check),
    cmocka_unit_test(test_refuses_garbage_file),
    cmocka_unit_test(test_roster),
    cmocka_unit_test(test_reads_bulk),
    cmocka_unit_test(test_err_copy),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
