/*
 * test_gen.c - the world generator: exact read counts, determinism (same
 * seed, same rows; other seed, other rows), resumption from a day gives
 * the same stream, fault rates measured from ground truth, faults that
 * are what they claim, times inside the window, lower confidence at
 * night, and the store driver with chunked commits and resume.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store/store_reads.h"
#include "core/store/store_world.h"
#include "core/world/gen.h"
#include "core/world/readcsv.h"
#include "util/lptime.h"

#define NOW 1772409600   /* 2026-03-02T00:00:00Z */

static struct dataset *ds;

static int setup(void **state)
{
    (void)state;
    struct lp_err err = {0};
    char *dir = harness_path("datasets");
    int rc = dataset_load(dir, &ds, &err);
    free(dir);
    if (rc)
        fprintf(stderr, "datasets: %s\n", err.msg);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    dataset_free(ds);
    ds = NULL;
    return 0;
}

static void params(struct gen_params *p, uint64_t seed, int64_t reads)
{
    gen_params_default(p);
    p->seed = p->read_seed = seed;
    p->vehicles = 300;
    p->days = 60;
    p->reads = reads;
    p->now = NOW;
}

/* A sink that hashes the CSV form of every read and keeps statistics. */
struct collect {
    const struct gen_world *w;
    const struct gen_params *p;
    uint64_t hash;
    int64_t n, faults[5];
    int64_t tmin, tmax;
    double conf_night, conf_day;
    int64_t n_night, n_day;
    int64_t stop_after_day;   /* stop at this day_done (-1: never) */
    int64_t stop_day, stop_done;
    FILE *mem;
    char *buf;
    size_t len;
};

static int col_read(void *arg, const struct lp_read *r)
{
    struct collect *c = arg;
    rewind(c->mem);
    assert_int_equal(readcsv_write(c->mem, r), 0);
    fflush(c->mem);
    long len = ftell(c->mem);
    for (long i = 0; i < len; i++)
        c->hash = (c->hash ^ (unsigned char)c->buf[i]) * 1099511628211ULL;
    c->n++;
    assert_in_range(r->fault, 0, 4);
    c->faults[r->fault]++;
    if (r->observed_at < c->tmin)
        c->tmin = r->observed_at;
    if (r->observed_at > c->tmax)
        c->tmax = r->observed_at;
    /* Ground truth: the vehicle's true plate and state. */
    struct lp_vehicle v;
    assert_true(r->vehicle_id >= 1 &&
                (size_t)r->vehicle_id <= gen_world_vehicle_count(c->w));
    gen_world_vehicle(c->w, (size_t)r->vehicle_id - 1, &v);
    switch (r->fault) {
    case FAULT_NONE:
    case FAULT_DUP:
        assert_string_equal(r->plate, v.plate);
        assert_string_equal(r->state, v.state);
        break;
    case FAULT_OCR:
        assert_int_equal(strlen(r->plate), strlen(v.plate));
        assert_string_not_equal(r->plate, v.plate);
        break;
    case FAULT_PARTIAL:
        assert_true(strlen(r->plate) < strlen(v.plate));
        assert_true(strlen(r->plate) >= 2);
        assert_non_null(strstr(v.plate, r->plate));
        break;
    case FAULT_STATE:
        assert_string_equal(r->plate, v.plate);
        assert_string_not_equal(r->state, v.state);
        break;
    }
    assert_true(r->confidence >= 0.2 && r->confidence <= 0.99);
    int64_t tod = r->observed_at % LPTIME_DAY;
    if (r->fault == FAULT_NONE) {
        if (tod < 5 * 3600 || tod >= 21 * 3600) {
            c->conf_night += r->confidence;
            c->n_night++;
        } else if (tod >= 9 * 3600 && tod < 17 * 3600) {
            c->conf_day += r->confidence;
            c->n_day++;
        }
    }
    return 0;
}

static int col_day(void *arg, int64_t next_day, int64_t done)
{
    struct collect *c = arg;
    if (next_day == c->stop_after_day) {
        c->stop_day = next_day;
        c->stop_done = done;
        return 1;
    }
    return 0;
}

static void collect_init(struct collect *c, const struct gen_world *w,
                         const struct gen_params *p)
{
    memset(c, 0, sizeof *c);
    c->w = w;
    c->p = p;
    c->hash = 1469598103934665603ULL;
    c->tmin = INT64_MAX;
    c->tmax = INT64_MIN;
    c->stop_after_day = -1;
    c->mem = open_memstream(&c->buf, &c->len);
    assert_non_null(c->mem);
}

static void collect_free(struct collect *c)
{
    fclose(c->mem);
    free(c->buf);
}

/* Runs p from its first day and returns the statistics in c. */
static void run(const struct gen_params *p, struct collect *c)
{
    struct gen_world *w = NULL;
    struct lp_err err = {0};
    assert_ok(gen_world_new(ds, p, &w, &err), &err);
    collect_init(c, w, p);
    struct gen_sink sink = {col_read, col_day, NULL, c};
    assert_ok(gen_run(w, p, 0, 0, &sink, &err), &err);
    gen_world_free(w);
    c->w = NULL;
}

static void test_exact_count_and_determinism(void **state)
{
    (void)state;
    struct gen_params p;
    struct collect a, b, other;
    params(&p, 7, 20000);
    run(&p, &a);
    run(&p, &b);
    assert_int_equal(a.n, 20000);
    assert_true(a.hash == b.hash);
    params(&p, 8, 20000);
    run(&p, &other);
    assert_int_equal(other.n, 20000);
    assert_true(a.hash != other.hash);
    collect_free(&a);
    collect_free(&b);
    collect_free(&other);
}

/* A sparse world (many vehicles, few reads) simulates a share of the
 * vehicles each day; running it twice on the same world object gives the
 * same stream (the day marks are reset between runs). */
static void test_sparse_world_reused(void **state)
{
    (void)state;
    struct gen_params p;
    struct gen_world *w = NULL;
    struct lp_err err = {0};
    struct collect a, b, c;
    params(&p, 4, 3000);
    p.vehicles = 20000;
    p.days = 400;
    assert_ok(gen_world_new(ds, &p, &w, &err), &err);
    struct gen_sink sa = {col_read, NULL, NULL, &a};
    struct gen_sink sb = {col_read, NULL, NULL, &b};
    struct gen_sink sc = {col_read, NULL, NULL, &c};
    collect_init(&a, w, &p);
    collect_init(&b, w, &p);
    collect_init(&c, w, &p);
    assert_ok(gen_run(w, &p, 0, 0, &sa, &err), &err);
    /* Another batch (other read seed) on the same world in between. */
    p.read_seed = 5;
    assert_ok(gen_run(w, &p, 0, 0, &sc, &err), &err);
    assert_true(a.hash != c.hash);
    p.read_seed = 4;
    assert_ok(gen_run(w, &p, 0, 0, &sb, &err), &err);
    assert_int_equal(a.n, 3000);
    assert_true(a.hash == b.hash);
    assert_true(a.tmin >= p.now - p.days * LPTIME_DAY && a.tmax < p.now);
    gen_world_free(w);
    collect_free(&a);
    collect_free(&b);
    collect_free(&c);
}

static void test_window_and_night_confidence(void **state)
{
    (void)state;
    struct gen_params p;
    struct collect c;
    params(&p, 3, 30000);
    p.now = NOW + 13 * 3600 + 17;   /* not at midnight */
    run(&p, &c);
    assert_int_equal(c.n, 30000);
    assert_true(c.tmin >= p.now - p.days * LPTIME_DAY);
    assert_true(c.tmax < p.now);
    /* Spread over the window: first and last weeks both have reads. */
    assert_true(c.tmin < p.now - (p.days - 7) * LPTIME_DAY);
    assert_true(c.tmax > p.now - 7 * LPTIME_DAY);
    assert_true(c.n_night > 100 && c.n_day > 100);
    double night = c.conf_night / (double)c.n_night;
    double day = c.conf_day / (double)c.n_day;
    assert_true(night + 0.1 < day);
    collect_free(&c);
}

/* Measured fault shares are within 0.4 percentage points of the
 * configured rates (100000 reads: sd about 0.07 points). */
static void test_fault_rates(void **state)
{
    (void)state;
    struct gen_params p;
    struct collect c;
    params(&p, 11, 100000);
    p.fault_ocr = 0.05;
    p.fault_partial = 0.03;
    p.fault_state = 0.02;
    p.fault_dup = 0.04;
    run(&p, &c);
    const double want[5] = {0, 0.05, 0.03, 0.02, 0.04};
    for (int f = 1; f <= 4; f++) {
        double got = (double)c.faults[f] / (double)c.n;
        if (got < want[f] - 0.004 || got > want[f] + 0.004)
            fail_msg("fault %d: measured %.4f, configured %.4f", f, got,
                     want[f]);
    }
    collect_free(&c);
    /* Rates of zero give no faults at all. */
    params(&p, 11, 5000);
    p.fault_ocr = p.fault_partial = p.fault_state = p.fault_dup = 0;
    run(&p, &c);
    assert_int_equal(c.faults[0], 5000);
    collect_free(&c);
}

static void test_resume_from_a_day(void **state)
{
    (void)state;
    struct gen_params p;
    struct gen_world *w = NULL;
    struct lp_err err = {0};
    struct collect full, part;
    params(&p, 5, 20000);
    run(&p, &full);
    assert_ok(gen_world_new(ds, &p, &w, &err), &err);
    collect_init(&part, w, &p);
    part.stop_after_day = 25;
    struct gen_sink sink = {col_read, col_day, NULL, &part};
    assert_int_equal(gen_run(w, &p, 0, 0, &sink, &err), 1);
    assert_int_equal(part.stop_day, 25);
    assert_int_equal(part.stop_done, part.n);
    part.stop_after_day = -1;
    assert_ok(gen_run(w, &p, part.stop_day, part.stop_done, &sink, &err),
              &err);
    assert_int_equal(part.n, full.n);
    assert_true(part.hash == full.hash);
    gen_world_free(w);
    collect_free(&full);
    collect_free(&part);
}

static void test_vehicles_independent_and_unique(void **state)
{
    (void)state;
    struct gen_params p;
    struct gen_world *a = NULL, *b = NULL;
    struct lp_err err = {0};
    params(&p, 21, 0);
    assert_ok(gen_world_new(ds, &p, &a, &err), &err);
    p.vehicles = 3000;
    assert_ok(gen_world_new(ds, &p, &b, &err), &err);
    size_t same = 0, ks = 0;
    for (size_t i = 0; i < 300; i++) {
        struct lp_vehicle va, vb;
        gen_world_vehicle(a, i, &va);
        gen_world_vehicle(b, i, &vb);
        same += strcmp(va.plate, vb.plate) == 0;
    }
    assert_int_equal(same, 300);
    for (size_t i = 0; i < 3000; i++) {
        struct lp_vehicle v;
        gen_world_vehicle(b, i, &v);
        ks += strcmp(v.state, "KS") == 0;
        assert_true(v.home_place >= 1);
        for (size_t j = 0; j < i; j += 37) {
            struct lp_vehicle u;
            gen_world_vehicle(b, j, &u);
            assert_string_not_equal(u.plate, v.plate);
        }
    }
    assert_in_range(ks, 2400, 2700);   /* 85% home state */
    assert_true(gen_world_digest(a) != gen_world_digest(b));
    gen_world_free(a);
    gen_world_free(b);
}

static void test_params_check(void **state)
{
    (void)state;
    struct gen_params p;
    struct lp_err err = {0};
    params(&p, 1, 1000);
    assert_ok(gen_params_check(&p, &err), &err);
    p.reads = 100000000;
    p.days = 1;
    assert_int_equal(gen_params_check(&p, &err), -LP_USAGE);
    assert_non_null(strstr(err.msg, "per vehicle"));
    params(&p, 1, 1000);
    p.fault_ocr = 0.5;
    p.fault_dup = 0.5;
    assert_int_equal(gen_params_check(&p, &err), -LP_USAGE);
    p.fault_ocr = 0.6;
    assert_int_equal(gen_params_check(&p, &err), -LP_USAGE);
    assert_non_null(strstr(err.msg, "--fault-ocr"));
    /* JSON round trip of the settings. */
    params(&p, 123456789, 4321);
    p.fault_ocr = 0.037;
    char *j = gen_params_to_json(&p);
    struct gen_params q;
    assert_ok(gen_params_from_json(j, &q, &err), &err);
    assert_memory_equal(&p, &q, sizeof p);
    free(j);
    assert_int_equal(gen_params_from_json("{}", &q, &err), -LP_FAIL);
}

static void test_store_chunks_and_resume(void **state)
{
    (void)state;
    struct gen_params p, q;
    struct gen_world *w = NULL;
    struct lp_err err = {0};
    struct store *st = harness_store();
    params(&p, 9, 12000);
    assert_ok(gen_world_new(ds, &p, &w, &err), &err);
    assert_ok(gen_store_world(st, ds, w, &p, &err), &err);
    assert_int_equal(store_has_world(st), 1);
    assert_ok(gen_store_reads(st, w, &p, 1000, NULL, NULL, &err), &err);
    assert_int_equal(store_reads_count(st), 12000);
    assert_int_equal(gen_store_unfinished(st), 0);
    char *v = store_meta_get(st, "policy_profile");
    assert_string_equal(v, "ice-2017");
    free(v);
    int64_t clock = 0;
    assert_int_equal(store_meta_get_i64(st, "clock", 0, &clock), 0);
    assert_int_equal(clock, NOW);
    /* Nothing to resume. */
    assert_int_equal(gen_store_resume(st, ds, 0, NULL, NULL, &q, &err), 0);
    assert_ok(gen_store_world_params(st, &q, &err), &err);
    assert_int_equal(q.vehicles, 300);
    /* Pretend a second batch died after its first chunk. */
    store_close(st);
    gen_world_free(w);
    st = harness_store();
    assert_ok(gen_world_new(ds, &p, &w, &err), &err);
    assert_ok(gen_store_world(st, ds, w, &p, &err), &err);
    assert_ok(store_meta_set(st, "gen_state", "running"), store_err(st));
    char *json = gen_params_to_json(&p);
    assert_ok(store_meta_set(st, "gen_batch", json), store_err(st));
    free(json);
    assert_int_equal(gen_store_unfinished(st), 1);
    assert_int_equal(gen_store_resume(st, ds, 0, NULL, NULL, &q, &err), 1);
    assert_int_equal(store_reads_count(st), 12000);
    assert_int_equal(gen_store_unfinished(st), 0);
    gen_world_free(w);
    store_close(st);
}

const char harness_name[] = "gen";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test_setup_teardown(test_exact_count_and_determinism, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_sparse_world_reused, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_window_and_night_confidence, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_fault_rates, setup, teardown),
    cmocka_unit_test_setup_teardown(test_resume_from_a_day, setup, teardown),
    cmocka_unit_test_setup_teardown(test_vehicles_independent_and_unique,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(test_params_check, setup, teardown),
    cmocka_unit_test_setup_teardown(test_store_chunks_and_resume, setup,
                                    teardown),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
