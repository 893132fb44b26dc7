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
    assert_int_equal(ice->hotlist_review_years, 1);
    assert_int_equal(ice->hotlist_note, POL_NOTE_NONE);
    assert_int_equal(ice->ledger_keep_years, 5);
    assert_int_equal(ice->lookback_cap_years, -1);
    assert_false(ice->allow_geo);
    assert_int_equal(ice->share_law_enforcement, POL_ALLOW);
    struct policy *st = load("state-60day");
    assert_string_equal(st->name, "state-60day");
    assert_int_equal(st->non_hit_retention_days, 60);
    assert_int_equal(st->lookback_cap_years, 1);
    assert_int_equal(st->share_law_enforcement, POL_DENY);
    assert_int_equal(st->hotlist_review_years, 0);
    assert_int_equal(st->hotlist_review_days, 180);
    assert_int_equal(st->hotlist_note, POL_NOTE_SCREENED);
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
    static char buf[65536];
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
    memcpy(r, "\"max_chars\": 500", 16);

    /* A list entry of seven words, and an unknown review interval. */
    char *pad = strstr(buf, "\"padding\": [");
    assert_non_null(pad);
    char *edited = xasprintf("%.*s\"padding\": [\"a b c d e f g\", %s",
                             (int)(pad - buf), buf, pad + 12);
    harness_write(path, edited);
    assert_int_equal(policy_load_file(path, &p, &err), -LP_FAIL);
    assert_non_null(strstr(err.msg, "reasons.padding: entry 1"));
    free(edited);
    char *every = strstr(buf, "\"1 year\"");
    assert_non_null(every);
    memcpy(every, "\"1 yawn\"", 8);
    harness_write(path, buf);
    assert_int_equal(policy_load_file(path, &p, &err), -LP_FAIL);
    assert_non_null(strstr(err.msg, "hotlist.review_every"));

    assert_int_equal(policy_load(dir, "no-such", &p, &err), -LP_USAGE);
    assert_non_null(strstr(err.msg, "no policy profile 'no-such'"));
    assert_int_equal(policy_load(dir, "../etc", &p, &err), -LP_FAIL);
    free(good);
    harness_rmdir(dir);
    free(path);
    free(dir);
}

static int reason_level_approved(struct policy *p, const char *text,
                                 const char *approval, const char *rule)
{
    struct pol_verdict v;
    pol_verdict_init(&v);
    policy_check_reason(p, text, approval, &v);
    int lvl = v.level;
    if (rule && lvl != POL_ALLOW && !pol_has_rule(&v, rule))
        lvl = -1;
    pol_verdict_free(&v);
    return lvl;
}

static int reason_level(struct policy *p, const char *text, const char *rule)
{
    return reason_level_approved(p, text, NULL, rule);
}

/* IV.M.1: a reason says what the query is for; padding a vague word into
 * a sentence does not make it specific. */
static void test_iv_m_1_reasons(void **state)
{
    (void)state;
    struct policy *p = load("ice-2017");
    assert_int_equal(reason_level(p, "locate the removal target's vehicle",
                                  NULL), POL_ALLOW);
    assert_int_equal(reason_level(p, "Suspect vehicle in armed robbery",
                                  NULL), POL_ALLOW);
    assert_int_equal(reason_level(p, "Witness saw the car leave the burglary",
                                  NULL), POL_ALLOW);
    assert_int_equal(reason_level(p, NULL, "IV.M.1"), POL_DENY);
    assert_int_equal(reason_level(p, "   ", "IV.M.1"), POL_DENY);
    assert_int_equal(reason_level(p, "investigation", "IV.M.1"), POL_DENY);
    assert_int_equal(reason_level(p, "Per request.", "IV.M.1"), POL_DENY);
    assert_int_equal(reason_level(p, "n/a", "IV.M.1"), POL_DENY);
    assert_int_equal(reason_level(p, "smuggling", "IV.M.1"), POL_DENY);
    /* padded, inflected, punctuated: as vague as the bare word */
    assert_int_equal(reason_level(p, "ongoing investigation", "IV.M.1"),
                     POL_DENY);
    assert_int_equal(reason_level(p, "routine check of plate", "IV.M.1"),
                     POL_DENY);
    assert_int_equal(reason_level(p, "Just checking this plate for the "
                                  "ongoing investigation, please!",
                                  "IV.M.1"), POL_DENY);
    assert_int_equal(reason_level(p, "INVESTIGATING... the case; see the "
                                  "case file", "IV.M.1"), POL_DENY);
    assert_int_equal(reason_level(p, "x'; DROP TABLE reads; --", "IV.M.1"),
                     POL_DENY);
    assert_int_equal(reason_level(p, "1' OR '1'='1", "IV.M.1"), POL_DENY);
    char *long_reason = xmalloc(10001);
    memset(long_reason, 'a', 10000);
    long_reason[10000] = '\0';
    assert_int_equal(reason_level(p, long_reason, "IV.M.1"), POL_DENY);
    free(long_reason);
    /* Words inside other words are not matches. */
    assert_int_equal(reason_level(p, "vehicle seen at the racetrack with "
                                  "smuggled goods", NULL), POL_ALLOW);
    assert_int_equal(reason_level(p, "sex trafficking suspect's vehicle",
                                  NULL), POL_ALLOW);
    policy_free(p);
}

/* IV.E: "solely".  A protected basis that is the whole reason is
 * refused; beside a lawful purpose it needs a supervisor's approval and
 * then warns.  Inflections, proxies and every form of assembly count. */
static void test_iv_e_solely(void **state)
{
    (void)state;
    struct policy *p = load("ice-2017");
    assert_int_equal(reason_level(p, "driver appears to be Hispanic", "IV.E"),
                     POL_DENY);
    assert_int_equal(reason_level(p, "who attended the protest downtown",
                                  "IV.E"), POL_DENY);
    assert_int_equal(reason_level(p, "see who goes to the mosque on Friday",
                                  "IV.E"), POL_DENY);
    /* march / marched / marchers / marching, rallies, a picket line */
    assert_int_equal(reason_level(p, "find the cars of people who marched "
                                  "downtown", "IV.E"), POL_DENY);
    assert_int_equal(reason_level(p, "identify the marchers on Main",
                                  "IV.E"), POL_DENY);
    assert_int_equal(reason_level(p, "vehicles parked near the rallies",
                                  "IV.E"), POL_DENY);
    assert_int_equal(reason_level(p, "who joined the picket line at the "
                                  "plant", "IV.E"), POL_DENY);
    assert_int_equal(reason_level(p, "cars at the union meeting Tuesday",
                                  "IV.E"), POL_DENY);
    /* language and accent stand in for national origin */
    assert_int_equal(reason_level(p, "driver speaks only Spanish", "IV.E"),
                     POL_DENY);
    assert_int_equal(reason_level(p, "caller had a heavy accent, find the "
                                  "car", "IV.E"), POL_DENY);
    /* the month is not a march */
    assert_int_equal(reason_level(p, "smuggling suspect moved in March 2026",
                                  NULL), POL_ALLOW);
    assert_int_equal(reason_level(p, "victim will press charges for the "
                                  "assault", NULL), POL_ALLOW);
    /* beside a lawful purpose: approval needed, then a warning */
    assert_int_equal(reason_level(p, "locate the removal target, driver "
                                  "speaks Spanish", "IV.E"), POL_DENY);
    assert_int_equal(reason_level_approved(p, "locate the removal target, "
                                           "driver speaks Spanish",
                                           "SUP-1234", "IV.E"), POL_WARN);
    assert_int_equal(reason_level_approved(p, "smuggling suspect seen at "
                                           "the protest", "SUP-77x", "IV.E"),
                     POL_DENY);
    assert_int_equal(reason_level_approved(p, "smuggling suspect seen at "
                                           "the protest", "SUP-7788",
                                           "IV.E"), POL_WARN);
    /* an approval does not make the whole-basis reason lawful */
    assert_int_equal(reason_level_approved(p, "driver appears to be "
                                           "Hispanic", "SUP-1234", "IV.E"),
                     POL_DENY);
    policy_free(p);
}

/* IV.A.1: LPR data only for law enforcement purposes, never personal. */
static void test_iv_a_1_personal(void **state)
{
    (void)state;
    struct policy *p = load("ice-2017");
    assert_int_equal(reason_level(p, "where does my ex live now", "IV.A.1"),
                     POL_DENY);
    assert_int_equal(reason_level(p, "check on my neighbour's new car",
                                  "IV.A.1"), POL_DENY);
    assert_int_equal(reason_level(p, "is my girlfriend seeing someone",
                                  "IV.A.1"), POL_DENY);
    assert_int_equal(reason_level(p, "a relative asked where her son "
                                  "parks", "IV.A.1"), POL_DENY);
    assert_int_equal(reason_level(p, "fugitive may stay with his ex-wife",
                                  "IV.A.1"), POL_WARN);
    assert_int_equal(reason_level(p, "trace the peonage suspect vehicle",
                                  NULL), POL_ALLOW);
    /* "in law enforcement" is no in-law */
    assert_int_equal(reason_level(p, "vehicle used in law enforcement "
                                  "impersonation fraud", NULL), POL_ALLOW);
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

/* IV.K.2 under ice-2017: no free text reaches a hotlist at all. */
static void test_iv_k_2_no_note(void **state)
{
    (void)state;
    struct policy *p = load("ice-2017");
    assert_true(note_has(p, "grey sedan, roof rack", "IV.K.2"));
    assert_true(note_has(p, "x", "IV.K.2"));
    assert_false(note_has(p, NULL, "IV.K.2"));
    assert_false(note_has(p, "", "IV.K.2"));
    struct pol_verdict v;
    pol_verdict_init(&v);
    policy_check_identifying(p, "HSI-2026-0042", "the tracking number", &v);
    assert_int_equal(v.level, POL_ALLOW);
    policy_check_identifying(p, "04/12/1988", "the tracking number", &v);
    assert_int_equal(v.level, POL_DENY);
    pol_verdict_free(&v);
    policy_free(p);
}

/* IV.K.2 under a profile that allows a screened note: each kind of
 * identifying information is caught, plain context is not. */
static void test_iv_k_2_screen(void **state)
{
    (void)state;
    struct policy *p = load("state-60day");
    static const char *const caught[] = {
        "subject A123456789", "A-123-456-789", "ssn 123-45-6789",
        "call 316-555-0142", "(316) 555-0142", "316.555.0142",
        "reach at 555-0142", "mail j.doe@example.com",
        /* dates of birth in any format */
        "DOB 04/12/1988", "b. 1988-04-12", "12.04.1988", "4-12-88",
        "April 12, 1988", "12 Apr 1988", "age 37", "37 years old",
        /* addresses with numbered streets */
        "lives at 1200 Sumac Flats Road", "parks at 123 W 5th St",
        "1400 North 21st Street", "seen at 77 E. 3rd Ave.", "apt 4B",
        /* names: capitals, LAST, FIRST, titles */
        "owner is Dana Quill", "Dana Quill", "DANA QUILL", "QUILL, DANA",
        "Quill, Dana", "Mr Quill",
        /* workplaces */
        "works at the grain terminal", "employed by Saltfork Plant",
        "cashier at the mall",
        NULL};
    for (const char *const *c = caught; *c; c++)
        if (!note_has(p, *c, "IV.K.2"))
            fail_msg("screen missed: '%s'", *c);
    assert_true(note_has(p, "follow to the rally", "IV.E"));
    static const char *const fine[] = {
        "grey sedan, roof rack", "tracking HSI-2026-0042 smuggling lead",
        "HSI-2026-0042", "plate may be read as B for 8", "rear bumper dent",
        NULL};
    for (const char *const *c = fine; *c; c++)
        if (note_has(p, *c, "IV.K.2") || note_has(p, *c, "IV.E"))
            fail_msg("screen refused plain context: '%s'", *c);
    policy_free(p);
}

/* IV.K.4: the yearly review is due on the calendar anniversary; 29
 * February reviews fall due on 28 February of a common year. */
static void test_iv_k_4_anniversary(void **state)
{
    (void)state;
    struct policy *p = load("ice-2017");
    int64_t since, want;
    char buf[48];
    assert_int_equal(lptime_parse("2026-03-02T09:00:00Z", &since), 0);
    assert_int_equal(lptime_parse("2027-03-02T09:00:00Z", &want), 0);
    assert_int_equal(policy_hotlist_review_due(p, since), want);
    /* 2027-03-02 + 1 year crosses 29 February 2028: still 2 March */
    assert_int_equal(lptime_parse("2028-03-02T09:00:00Z", &want), 0);
    assert_int_equal(policy_hotlist_review_due(p, lptime_add_years(since, 1)),
                     want);
    assert_true(want - lptime_add_years(since, 1) == 366 * LPTIME_DAY);
    assert_int_equal(lptime_parse("2024-02-29T12:00:00Z", &since), 0);
    assert_int_equal(lptime_parse("2025-02-28T12:00:00Z", &want), 0);
    assert_int_equal(policy_hotlist_review_due(p, since), want);
    assert_non_null(strstr(policy_hotlist_review_text(p, buf, sizeof buf),
                           "anniversary"));
    policy_free(p);
    p = load("state-60day");
    assert_int_equal(policy_hotlist_review_due(p, since),
                     since + 180 * LPTIME_DAY);
    assert_non_null(strstr(policy_hotlist_review_text(p, buf, sizeof buf),
                           "180 days"));
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

/* IV.C: a commercial vendor is refused by its name, whatever it claims. */
static void test_iv_c_commercial_names(void **state)
{
    (void)state;
    struct policy *p = load("ice-2017");
    char hit[48];
    assert_true(policy_commercial_name(p, "Prairie Data Broker LLC", hit,
                                       sizeof hit));
    assert_true(policy_commercial_name(p, "Prairie Turnpike Authority", hit,
                                       sizeof hit));
    assert_string_equal(hit, "turnpike");
    assert_true(policy_commercial_name(p, "Eastfield Auto Recovery", hit,
                                       sizeof hit));
    assert_true(policy_commercial_name(p, "PlateScan LPR Services", hit,
                                       sizeof hit));
    assert_false(policy_commercial_name(p, "Port Calder Police Department",
                                        hit, sizeof hit));
    assert_false(policy_commercial_name(p, "County Sheriff's Office", hit,
                                        sizeof hit));
    assert_true(policy_distance_m(38.6, -97.4, 38.6, -97.4) < 0.01);
    double d = policy_distance_m(38.6, -97.4, 38.61, -97.4);
    assert_true(d > 1100 && d < 1120);
    policy_free(p);
}

/* IV.A.3: corroboration kinds come from the profile; LPR-derived ones
 * never count and never verify. */
static void test_iv_a_3_kinds(void **state)
{
    (void)state;
    struct policy *p = load("ice-2017");
    const struct pol_kind *k = policy_kind(p, "visual");
    assert_non_null(k);
    assert_false(k->lpr);
    assert_true(k->verifies);
    k = policy_kind(p, "witness");
    assert_non_null(k);
    assert_false(k->verifies);
    k = policy_kind(p, "lpr");
    assert_non_null(k);
    assert_true(k->lpr);
    assert_false(k->verifies);
    assert_non_null(policy_kind(p, "vendor"));
    assert_null(policy_kind(p, "hunch"));
    assert_null(policy_kind(p, NULL));
    policy_free(p);
}

const char harness_name[] = "policy";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_profiles_load),
    cmocka_unit_test(test_malformed_profiles),
    cmocka_unit_test(test_iv_m_1_reasons),
    cmocka_unit_test(test_iv_e_solely),
    cmocka_unit_test(test_iv_a_1_personal),
    cmocka_unit_test(test_iv_k_2_no_note),
    cmocka_unit_test(test_iv_k_2_screen),
    cmocka_unit_test(test_iv_k_4_anniversary),
    cmocka_unit_test(test_plates),
    cmocka_unit_test(test_lookback),
    cmocka_unit_test(test_window_by_day),
    cmocka_unit_test(test_iv_c_commercial_names),
    cmocka_unit_test(test_iv_a_3_kinds),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
