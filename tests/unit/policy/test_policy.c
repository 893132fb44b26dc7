/*
 * test_policy.c - the policy engine on its own: loading the shipped
 * profiles, refusing malformed ones with file and problem, and the text,
 * plate and window checks with the numbers of the profile.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/policy/policy.h"
#include "util/lptime.h"

static struct policy *load(const char *name)
{
    struct lp_err err = {0};
    struct policy *p = NULL;
    char *root = harness_path("");
    int rc = policy_load(root, name, &p, &err);
    free(root);
    if (rc)
        fail_msg("policy_load %s: %s", name, err.msg);
    return p;
}

static void test_profiles_load(void **state)
{
    (void)state;
    struct policy *ice = load(NULL);
    assert_string_equal(ice->name, "ice-2017");
    assert_int_equal(ice->civil_lookback_years, 5);
    assert_int_equal(ice->hotlist_review_days, 365);
    assert_int_equal(ice->ledger_keep_years, 5);
    assert_int_equal(ice->lookback_cap_years, -1);
    assert_false(ice->allow_geo);
    assert_int_equal(ice->share_commercial, POL_DENY);
    struct policy *st = load("state-60day");
    assert_string_equal(st->name, "state-60day");
    assert_int_equal(st->non_hit_retention_days, 60);
    assert_int_equal(st->lookback_cap_years, 1);
    assert_int_equal(st->share_law_enforcement, POL_DENY);
    assert_non_null(strstr(st->label, "state-60day@"));
    policy_free(ice);
    policy_free(st);
}

static void test_malformed_profiles(void **state)
{
    (void)state;
    char *dir = harness_tmpdir();
    char *path = xasprintf("%s/bad.json", dir);
    struct lp_err err = {0};
    struct policy *p = NULL;

    harness_write(path, "{\n  \"name\": \"x\",\n  \"version\": 1,,\n}\n");
    assert_int_equal(policy_load_file(path, &p, &err), -LP_FAIL);
    assert_null(p);
    char *want = xasprintf("%s:3:", path);
    assert_non_null(strstr(err.msg, want));
    free(want);

    /* A valid profile with one key misspelt names the key. */
    char *good = harness_path("curriculum/policies/ice-2017.json");
    FILE *f = fopen(good, "rb");
    assert_non_null(f);
    char buf[20000];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *k = strstr(buf, "\"civil_years\"");
    assert_non_null(k);
    memcpy(k, "\"civil_yaers\"", 13);
    harness_write(path, buf);
    assert_int_equal(policy_load_file(path, &p, &err), -LP_FAIL);
    assert_non_null(strstr(err.msg, "lookback.civil_yaers: unknown key"));

    memcpy(k, "\"civil_years\"", 13);
    char *r = strstr(buf, "\"max_chars\": 500");
    assert_non_null(r);
    memcpy(r, "\"max_chars\": -50", 16);
    harness_write(path, buf);
    assert_int_equal(policy_load_file(path, &p, &err), -LP_FAIL);
    assert_non_null(strstr(err.msg, "reasons.max_chars: must be a whole"));

    assert_int_equal(policy_load(dir, "no-such", &p, &err), -LP_USAGE);
    assert_non_null(strstr(err.msg, "no policy profile 'no-such'"));
    assert_int_equal(policy_load(dir, "../etc", &p, &err), -LP_FAIL);
    free(good);
    harness_rmdir(dir);
    free(path);
    free(dir);
}

static int reason_level(struct policy *p, const char *text, const char *rule)
{
    struct pol_verdict v;
    pol_verdict_init(&v);
    policy_check_reason(p, text, &v);
    int lvl = v.level;
    if (rule && lvl != POL_ALLOW && !pol_has_rule(&v, rule))
        lvl = -1;
    pol_verdict_free(&v);
    return lvl;
}

static void test_reasons(void **state)
{
    (void)state;
    struct policy *p = load("ice-2017");
    assert_int_equal(reason_level(p, "locate the removal target's vehicle",
                                  NULL), POL_ALLOW);
    assert_int_equal(reason_level(p, NULL, "IV.M.1"), POL_DENY);
    assert_int_equal(reason_level(p, "investigation", "IV.M.1"), POL_DENY);
    assert_int_equal(reason_level(p, "Per request.", "IV.M.1"), POL_DENY);
    assert_int_equal(reason_level(p, "n/a", "IV.M.1"), POL_DENY);
    assert_int_equal(reason_level(p, "smuggling", "IV.M.1"), POL_DENY);
    assert_int_equal(reason_level(p, "x'; DROP TABLE reads; --", "IV.M.1"),
                     POL_DENY);
    assert_int_equal(reason_level(p, "1' OR '1'='1", "IV.M.1"), POL_DENY);
    char *long_reason = xmalloc(10001);
    memset(long_reason, 'a', 10000);
    long_reason[10000] = '\0';
    assert_int_equal(reason_level(p, long_reason, "IV.M.1"), POL_DENY);
    free(long_reason);
    assert_int_equal(reason_level(p, "driver appears to be Hispanic", "IV.E"),
                     POL_DENY);
    assert_int_equal(reason_level(p, "who attended the protest downtown",
                                  "IV.E"), POL_DENY);
    assert_int_equal(reason_level(p, "see who goes to the mosque on Friday",
                                  "IV.E"), POL_DENY);
    /* Words inside other words are not matches. */
    assert_int_equal(reason_level(p, "vehicle seen at the racetrack with "
                                  "smuggled goods", NULL), POL_ALLOW);
    assert_int_equal(reason_level(p, "sex trafficking suspect's vehicle",
                                  NULL), POL_ALLOW);
    policy_free(p);
}

static int note_has(struct policy *p, const char *note, const char *rule)
{
    struct pol_verdict v;
    pol_verdict_init(&v);
    policy_check_note(p, note, &v);
    int r = pol_has_rule(&v, rule) && v.level == POL_DENY;
    pol_verdict_free(&v);
    return r;
}

static void test_notes(void **state)
{
    (void)state;
    struct policy *p = load("ice-2017");
    assert_true(note_has(p, "subject A123456789", "IV.K.2"));
    assert_true(note_has(p, "A-123-456-789", "IV.K.2"));
    assert_true(note_has(p, "ssn 123-45-6789", "IV.K.2"));
    assert_true(note_has(p, "call 316-555-0142", "IV.K.2"));
    assert_true(note_has(p, "mail j.doe@example.com", "IV.K.2"));
    assert_true(note_has(p, "DOB 04/12/1988", "IV.K.2"));
    assert_true(note_has(p, "lives at 1200 Sumac Flats Road", "IV.K.2"));
    assert_true(note_has(p, "owner is Dana Quill", "IV.K.2"));
    assert_true(note_has(p, "Dana Quill", "IV.K.2"));
    assert_true(note_has(p, "follow to the rally", "IV.E"));
    assert_false(note_has(p, "HSI-2026-0042", "IV.K.2"));
    assert_false(note_has(p, "tracking HSI-2026-0042 smuggling lead",
                          "IV.K.2"));
    policy_free(p);
}

static void test_plates(void **state)
{
    (void)state;
    struct policy *p = load("ice-2017");
    struct pol_verdict v;
    char out[40];
    pol_verdict_init(&v);
    assert_true(policy_check_plate(p, "abc-1234", "IV.B", out, sizeof out,
                                   &v));
    assert_string_equal(out, "ABC1234");
    assert_int_equal(v.level, POL_ALLOW);
    assert_false(policy_check_plate(p, "ABC*", "IV.B", out, sizeof out, &v));
    assert_false(policy_check_plate(p, "AB?123", "IV.B", out, sizeof out,
                                    &v));
    assert_false(policy_check_plate(p, "ABC'; --", "IV.B", out, sizeof out,
                                    &v));
    assert_false(policy_check_plate(p, "A", "IV.B", out, sizeof out, &v));
    assert_int_equal(v.level, POL_DENY);
    assert_true(pol_has_rule(&v, "IV.B"));
    pol_verdict_free(&v);
    pol_verdict_init(&v);
    assert_false(policy_check_plate(p, NULL, "IV.L", out, sizeof out, &v));
    assert_true(pol_has_rule(&v, "IV.L"));
    pol_verdict_free(&v);
    struct sb s;
    sb_init(&s);
    assert_int_equal(policy_alternatives(p, "AB8", &s, 10), 2);
    assert_string_equal(s.buf, "A88,ABB");
    sb_free(&s);
    policy_free(p);
}

static int64_t t_day(int64_t t)
{
    return t - t % LPTIME_DAY;
}

static void test_lookback(void **state)
{
    (void)state;
    struct policy *p = load("ice-2017");
    int64_t now, earliest, want;
    const char *rule;
    char why[160];
    assert_int_equal(lptime_parse("2026-03-02T09:00:00Z", &now), 0);
    policy_lookback(p, "civil", -1, now, &earliest, &rule, why, sizeof why);
    assert_string_equal(rule, "IV.J.2");
    assert_int_equal(lptime_parse("2021-03-02T00:00:00Z", &want), 0);
    assert_int_equal(earliest, want);
    assert_non_null(strstr(why, "five years"));
    policy_lookback(p, "criminal", 10, now, &earliest, &rule, why,
                    sizeof why);
    assert_string_equal(rule, "IV.J.1");
    assert_int_equal(earliest, t_day(lptime_add_years(now, -10)));
    policy_lookback(p, "criminal", -1, now, &earliest, &rule, why,
                    sizeof why);
    assert_true(earliest == INT64_MIN);
    policy_free(p);
    p = load("state-60day");
    policy_lookback(p, "criminal", -1, now, &earliest, &rule, why,
                    sizeof why);
    assert_int_equal(earliest, t_day(lptime_add_years(now, -1)));
    assert_non_null(strstr(why, "caps"));
    policy_free(p);
}

/* IV.J.1 and IV.J.2 compare by day, as the message names the day: a
 * window starting on the earliest allowed day (at any hour) is allowed,
 * one starting the day before is refused, whatever now's time of day. */
static void window_edges(struct policy *p, const char *type, int64_t years,
                         const char *now_text, const char *want_day,
                         const char *want_rule)
{
    int64_t now, earliest, t;
    const char *rule;
    char why[160], day[16];
    assert_int_equal(lptime_parse(now_text, &now), 0);
    policy_lookback(p, type, years, now, &earliest, &rule, why, sizeof why);
    assert_string_equal(rule, want_rule);
    lptime_format_date(earliest, day, sizeof day);
    assert_string_equal(day, want_day);
    /* the named day itself, from its first to its last second */
    assert_int_equal(lptime_parse(want_day, &t), 0);
    assert_true(policy_window_start_ok(t, earliest));
    assert_true(policy_window_start_ok(t + LPTIME_DAY - 1, earliest));
    /* a window that starts the day before */
    assert_false(policy_window_start_ok(t - 1, earliest));
    assert_false(policy_window_start_ok(t - LPTIME_DAY, earliest));
    /* an earliest with a time of day (a caller that did not round) is
     * still compared by its day */
    assert_true(policy_window_start_ok(t, earliest + 9 * 3600));
    assert_false(policy_window_start_ok(t - 1, earliest + 9 * 3600));
}

static void test_window_by_day(void **state)
{
    (void)state;
    struct policy *p = load("ice-2017");
    window_edges(p, "civil", -1, "2026-03-02T09:30:00Z", "2021-03-02",
                 "IV.J.2");
    window_edges(p, "civil", -1, "2026-03-02T23:59:59Z", "2021-03-02",
                 "IV.J.2");
    window_edges(p, "civil", -1, "2026-03-02T00:00:00Z", "2021-03-02",
                 "IV.J.2");
    window_edges(p, "criminal", 5, "2026-03-02T09:30:00Z", "2021-03-02",
                 "IV.J.1");
    window_edges(p, "criminal", 10, "2026-09-01T17:45:12Z", "2016-09-01",
                 "IV.J.1");
    assert_true(policy_window_start_ok(INT64_MIN + 1, INT64_MIN));
    /* before 1970 the day still starts at midnight */
    assert_int_equal(lptime_day_start(-6 * 3600), -LPTIME_DAY);
    assert_int_equal(lptime_day_start(-LPTIME_DAY), -LPTIME_DAY);
    policy_free(p);
}

static void test_recipients(void **state)
{
    (void)state;
    struct policy *p = load("ice-2017");
    assert_int_equal(policy_recipient_kind(p, "Prairie Data Broker LLC"),
                     'c');
    assert_int_equal(policy_recipient_kind(p, "Port Calder Police"), 'l');
    assert_int_equal(policy_recipient_kind(p, "my cousin"), '?');
    assert_true(policy_distance_m(38.6, -97.4, 38.6, -97.4) < 0.01);
    double d = policy_distance_m(38.6, -97.4, 38.61, -97.4);
    assert_true(d > 1100 && d < 1120);
    policy_free(p);
}

const char harness_name[] = "policy";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_profiles_load),
    cmocka_unit_test(test_malformed_profiles),
    cmocka_unit_test(test_reasons),
    cmocka_unit_test(test_notes),
    cmocka_unit_test(test_plates),
    cmocka_unit_test(test_lookback),
    cmocka_unit_test(test_window_by_day),
    cmocka_unit_test(test_recipients),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
