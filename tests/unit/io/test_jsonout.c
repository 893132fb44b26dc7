/*
 * test_jsonout.c - JSON output with the shortest round-trip reals: known
 * values print short, 100,000 random doubles read back exactly, the
 * markers never leak and escaping stays jansson's.
 */
#include "harness.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/io/jsonout.h"

static void test_short_reals(void **state)
{
    (void)state;
    static const struct {
        double d;
        const char *want;
    } cases[] = {
        {38.58868, "38.58868"}, {-94.123456, "-94.123456"}, {0.1, "0.1"},
        {100, "100.0"}, {0, "0.0"}, {92.5, "92.5"}, {0.93, "0.93"},
        {1e-7, "1e-07"}, {1e300, "1e+300"}, {1.0 / 3, "0.3333333333333333"},
    };
    char buf[40];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        jsonout_real(cases[i].d, buf, sizeof buf);
        assert_string_equal(buf, cases[i].want);
    }
}

static void test_round_trip(void **state)
{
    (void)state;
    char buf[40], g17[40];
    unsigned long long x = 88172645463325252ULL;
    size_t shorter = 0;
    for (int i = 0; i < 100000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;      /* xorshift64 */
        double d;
        if (i % 2) {
            memcpy(&d, &x, sizeof d);                  /* any bit pattern */
            if (!isfinite(d))
                continue;
        } else {
            d = (double)(x % 20000000) / 100000.0 - 100.0; /* coordinates */
        }
        jsonout_real(d, buf, sizeof buf);
        if (strtod(buf, NULL) != d)
            fail_msg("%s does not read back as %.17g", buf, d);
        snprintf(g17, sizeof g17, "%.17g", d);
        shorter += strlen(buf) < strlen(g17);
    }
    assert_true(shorter > 40000);
}

static void test_dump(void **state)
{
    (void)state;
    json_t *d = json_pack("{s:f,s:[f,s,{s:f}],s:s,s:i}", "lat", 38.58868,
                          "a", 0.1, "q\"\x01R0", "o", 2.5, "s", "x\"y", "n",
                          7);
    char *t = jsonout_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_string_equal(t, "{\"lat\":38.58868,\"a\":[0.1,\"q\\\"\\u0001R0\","
                           "{\"o\":2.5}],\"s\":\"x\\\"y\",\"n\":7}");
    free(t);
    /* the document itself is untouched */
    assert_true(json_is_real(json_object_get(d, "lat")));
    json_decref(d);
    json_t *r = json_real(3.25);
    t = jsonout_dumps(r, 0);
    assert_string_equal(t, "3.25");
    free(t);
    json_decref(r);
}

const char harness_name[] = "jsonout";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_short_reals),
    cmocka_unit_test(test_round_trip),
    cmocka_unit_test(test_dump),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
