/*
 * test_rng.c - the deterministic generator: reference outputs of
 * splitmix64 and xoshiro256**, reproducible seeds, independent streams,
 * bounds and weighted picks.
 */
#include "harness.h"

#include <string.h>

#include "util/rng.h"

static void test_reference_outputs(void **state)
{
    (void)state;
    uint64_t sm = 0;
    /* splitmix64 from 0: the published first outputs. */
    assert_true(rng_splitmix64(&sm) == 0xe220a8397b1dcdafULL);
    assert_true(rng_splitmix64(&sm) == 0x6e789e6aa1b965f4ULL);
    /* xoshiro256** from state {1,2,3,4}: rotl(2*5,7)*9 = 11520. */
    struct rng r = {{1, 2, 3, 4}};
    assert_true(rng_u64(&r) == 11520ULL);
    assert_true(rng_u64(&r) == 0ULL);
    assert_true(rng_u64(&r) == 1509978240ULL);
}

static void test_same_seed_same_sequence(void **state)
{
    (void)state;
    struct rng a, b, c;
    rng_seed(&a, 42);
    rng_seed(&b, 42);
    rng_seed(&c, 43);
    int differ = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = rng_u64(&a);
        assert_true(x == rng_u64(&b));
        differ += x != rng_u64(&c);
    }
    assert_true(differ > 990);
}

static void test_streams_independent(void **state)
{
    (void)state;
    struct rng a, b, other;
    /* Stream 7 gives the same numbers whatever was drawn elsewhere. */
    rng_stream(&a, 99, 7);
    rng_stream(&other, 99, 6);
    for (int i = 0; i < 500; i++)
        rng_u64(&other);
    rng_stream(&b, 99, 7);
    uint64_t first = rng_u64(&a);
    assert_true(first == rng_u64(&b));
    /* Neighbouring streams and seeds differ. */
    rng_stream(&other, 99, 8);
    assert_true(first != rng_u64(&other));
    rng_stream(&other, 100, 7);
    assert_true(first != rng_u64(&other));
    assert_true(rng_mix(1, 2) != rng_mix(2, 1));
}

static void test_below_and_double(void **state)
{
    (void)state;
    struct rng r;
    rng_seed(&r, 5);
    int count[10] = {0};
    for (int i = 0; i < 100000; i++) {
        uint64_t v = rng_below(&r, 10);
        assert_true(v < 10);
        count[v]++;
        double d = rng_double(&r);
        assert_true(d >= 0.0 && d < 1.0);
    }
    for (int i = 0; i < 10; i++)   /* 10000 expected, sd about 95 */
        assert_in_range(count[i], 9500, 10500);
    assert_true(rng_below(&r, 0) == 0);
    assert_true(rng_below(&r, 1) == 0);
    /* Large bounds stay in range. */
    for (int i = 0; i < 1000; i++)
        assert_true(rng_below(&r, 0xffffffffffffff01ULL) <
                    0xffffffffffffff01ULL);
}

static void test_weighted_pick(void **state)
{
    (void)state;
    struct rng r;
    struct rng_table t;
    const double w[4] = {1, 0, 3, 6};
    assert_int_equal(rng_table_init(&t, w, 4), 0);
    rng_seed(&r, 11);
    int count[4] = {0};
    for (int i = 0; i < 100000; i++)
        count[rng_pick(&r, &t)]++;
    assert_int_equal(count[1], 0);           /* weight 0: never */
    assert_in_range(count[0], 9400, 10600);  /* 10% */
    assert_in_range(count[2], 29000, 31000); /* 30% */
    assert_in_range(count[3], 59000, 61000); /* 60% */
    rng_table_free(&t);
    const double zero[2] = {0, 0};
    assert_int_equal(rng_table_init(&t, zero, 2), -1);
    rng_table_free(&t);
}

const char harness_name[] = "rng";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_reference_outputs),
    cmocka_unit_test(test_same_seed_same_sequence),
    cmocka_unit_test(test_streams_independent),
    cmocka_unit_test(test_below_and_double),
    cmocka_unit_test(test_weighted_pick),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
