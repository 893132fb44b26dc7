/*
 * test_report.c - the instructor's and coordinator's records: roster CSV
 * import (all or nothing, updates, BOM), the per-rule summaries the
 * finishing trigger writes, the class, rules and due reports, xAPI
 * statements (stable ids, every kind) and the credentials file check.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/learn/report.h"
#include "core/learn/xapi.h"
#include "core/store/store_report.h"
#include "core/world/roster.h"
#include "util/lptime.h"

#define T0 1772442000   /* 2026-03-02T09:00:00Z */
#define DAY 86400

static const char rep_pass[] =
    "{\"rules\":[{\"rule\":\"IV.A.1\",\"earned\":2,\"possible\":2},"
    "{\"rule\":\"IV.J.2\",\"earned\":1,\"possible\":1}],"
    "\"objectives\":[{\"id\":\"case\",\"text\":\"cite\",\"met\":true,"
    "\"rules\":[\"IV.A.1\"]}]}";
static const char rep_fail[] =
    "{\"rules\":[{\"rule\":\"IV.A.1\",\"earned\":0,\"possible\":2},"
    "{\"rule\":\"IV.J.2\",\"earned\":1,\"possible\":1}],"
    "\"objectives\":[{\"id\":\"case\",\"text\":\"cite\",\"met\":false,"
    "\"rules\":[\"IV.A.1\"]},{\"id\":\"look\",\"text\":\"look\","
    "\"met\":false,\"rules\":[\"IV.A.1\"]}]}";

static int64_t session(struct store *st, const char *user, const char *scn,
                       const char *mode, int64_t at, const char *report,
                       int passed, double score)
{
    char u[32], s[32], m[16];
    snprintf(u, sizeof u, "%s", user);
    snprintf(s, sizeof s, "%s", scn);
    snprintf(m, sizeof m, "%s", mode);
    struct store_session ss = {.user_id = u, .scenario_id = s, .mode = m,
                               .seed = 42, .started_at = at};
    int64_t id = 0;
    assert_int_equal(store_session_add(st, &ss, &id), 0);
    assert_int_equal(store_session_finish(st, id, at + 600, score, passed,
                                          report), 0);
    return id;
}

static void cert(struct store *st, int64_t serial, const char *user,
                 int64_t issued)
{
    struct store_cert c = {
        .serial = serial, .user_id = user, .track = "initial",
        .curriculum_version = "2026.1", .profile_version = "1",
        .score = 90, .issued_at = issued,
        .expires_at = lptime_add_years(issued, 1), .key_id = "k",
        .token = "t", .jwt = "j",
    };
    assert_int_equal(store_cert_add(st, &c), 0);
}

/* A small class: ana passed, ben failed, cy never started. */
static struct store *class_store(void)
{
    struct store *st = harness_store();
    struct lp_err err = {0};
    assert_ok(roster_add(st, "ana", "Ana A", NULL, T0, &err), &err);
    assert_ok(roster_add(st, "ben", "Ben B", NULL, T0, &err), &err);
    assert_ok(roster_add(st, "cy", "Cy C", NULL, T0, &err), &err);
    session(st, "ana", "s1", "exam", T0 - 10 * DAY, rep_pass, 1, 100);
    session(st, "ana", "s1", "practice", T0 - 20 * DAY, rep_fail, 0, 33);
    session(st, "ben", "s1", "exam", T0 - 9 * DAY, rep_fail, 0, 33);
    session(st, "ben", "s1", "exam", T0 - 8 * DAY, rep_fail, 0, 40);
    struct lp_lesson_result lr = {.right = 5, .questions = 5, .passed = 1,
                                  .at = T0 - 30 * DAY};
    assert_int_equal(store_lesson_result_set(st, "ana", "queries", &lr), 0);
    cert(st, 1, "ana", T0 - 100 * DAY);
    cert(st, 2, "ben", T0 - 350 * DAY);      /* expires in about 15 days */
    return st;
}

static json_t *row_of(const struct report_table *t, const char *key,
                      const char *val)
{
    size_t i;
    json_t *r;
    json_array_foreach(t->rows, i, r)
        if (strcmp(json_string_value(json_object_get(r, key)), val) == 0)
            return r;
    return NULL;
}

static void test_trigger_fills_rules(void **state)
{
    (void)state;
    struct store *st = class_store();
    struct report_table t = {0};
    struct lp_err err = {0};
    assert_ok(report_rules(st, NULL, 0, 0, &t, &err), &err);
    json_t *a1 = row_of(&t, "rule", "IV.A.1");
    assert_non_null(a1);
    /* exams only: three attempts, the two of ben failed */
    assert_int_equal(json_integer_value(json_object_get(a1, "attempts")), 3);
    assert_int_equal(json_integer_value(json_object_get(a1, "failures")), 2);
    json_t *m = json_array_get(json_object_get(a1, "missed"), 0);
    assert_string_equal(json_string_value(json_object_get(m, "objective")),
                        "case");
    assert_int_equal(json_integer_value(json_object_get(m, "count")), 2);
    json_t *j2 = row_of(&t, "rule", "IV.J.2");
    assert_int_equal(json_integer_value(json_object_get(j2, "failures")), 0);
    report_table_clear(&t);
    /* a window that holds only ana's exam */
    assert_ok(report_rules(st, NULL, T0 - 10 * DAY, T0 - 9 * DAY - 1, &t,
                           &err), &err);
    a1 = row_of(&t, "rule", "IV.A.1");
    assert_int_equal(json_integer_value(json_object_get(a1, "attempts")), 1);
    assert_int_equal(json_integer_value(json_object_get(a1, "failures")), 0);
    report_table_clear(&t);
    store_close(st);
}

static void test_class_and_due(void **state)
{
    (void)state;
    struct store *st = class_store();
    struct report_table t = {0};
    struct lp_err err = {0};
    assert_ok(report_class(st, T0, NULL, &t, &err), &err);
    assert_int_equal(json_array_size(t.rows), 3);
    json_t *ana = row_of(&t, "id", "ana"), *ben = row_of(&t, "id", "ben");
    assert_int_equal(json_integer_value(json_object_get(ana, "lessons")), 1);
    assert_string_equal(json_string_value(json_object_get(ana, "exams")),
                        "1/1");
    assert_string_equal(json_string_value(json_object_get(ana,
                                                          "cert_status")),
                        "valid");
    /* ben's best exam score is the mean over scenarios of the best */
    assert_true(json_real_value(json_object_get(ben, "exam_score")) == 40.0);
    assert_string_equal(json_string_value(json_object_get(ben,
                                                          "cert_status")),
                        "expiring");
    assert_string_equal(json_string_value(json_object_get(
                            row_of(&t, "id", "cy"), "cert_status")), "none");
    report_table_clear(&t);

    assert_ok(report_due(st, T0, 30 * DAY, NULL, &t, &err), &err);
    assert_int_equal(json_array_size(t.rows), 1);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(t.rows, 0), "id")), "ben");
    report_table_clear(&t);
    assert_ok(report_due(st, T0, 10 * DAY, NULL, &t, &err), &err);
    assert_int_equal(json_array_size(t.rows), 0);
    report_table_clear(&t);
    /* revoked: lapsed, whatever the expiry */
    assert_int_equal(store_revocation_add(st, 1, "left", T0, "instr"), 0);
    assert_ok(report_due(st, T0, 10 * DAY, NULL, &t, &err), &err);
    assert_int_equal(json_array_size(t.rows), 1);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(t.rows, 0), "due")), "lapsed");
    report_table_clear(&t);
    /* a newer certificate makes the person current again */
    cert(st, 3, "ana", T0);
    assert_ok(report_due(st, T0, 10 * DAY, NULL, &t, &err), &err);
    assert_int_equal(json_array_size(t.rows), 0);
    report_table_clear(&t);
    store_close(st);
}

static void test_cert_status_edges(void **state)
{
    (void)state;
    assert_string_equal(report_cert_status(0, 0, 0, T0), "none");
    assert_string_equal(report_cert_status(1, 0, T0, T0), "expired");
    assert_string_equal(report_cert_status(1, 0, T0 + 60 * DAY, T0),
                        "expiring");
    assert_string_equal(report_cert_status(1, 0, T0 + 60 * DAY + 1, T0),
                        "valid");
    assert_string_equal(report_cert_status(1, 1, T0 + 400 * DAY, T0),
                        "revoked");
    int64_t s;
    assert_int_equal(report_parse_days("30d", &s), 0);
    assert_int_equal(s, 30 * DAY);
    assert_int_equal(report_parse_days("2w", &s), 0);
    assert_int_equal(s, 14 * DAY);
    assert_int_equal(report_parse_days("45", &s), 0);
    assert_int_equal(report_parse_days("d", &s), -1);
    assert_int_equal(report_parse_days("-3d", &s), -1);
    assert_int_equal(report_parse_days("3x", &s), -1);
}

static void test_roster_import(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    struct roster_import_result r;
    char *dir = harness_tmpdir();
    char *f = xasprintf("%s/r.csv", dir);
    harness_write(f, "\xEF\xBB\xBFid,name,login,role,unit,email\n"
                     "ana,Ana A,ana1,trainee,N,ana@training.example\n"
                     "ben,'=Ben,,instructor,,\n");
    assert_ok(roster_import(st, f, T0, &r, &err), &err);
    assert_int_equal(r.added, 2);
    struct lp_person p;
    assert_int_equal(store_person_get(st, "ben", &p), 1);
    assert_string_equal(p.name, "=Ben");      /* the guard comes off */
    assert_null(p.login);
    assert_int_equal(store_person_get(st, "ana", &p), 1);
    assert_string_equal(p.email, "ana@training.example");
    /* a bad last row: the first row's change is not kept */
    harness_write(f, "id,name,login,role,unit,email\n"
                     "ana,Ana Changed,ana1,trainee,N,\n"
                     "cy,Cy,ana1,trainee,,\n");
    assert_int_not_equal(roster_import(st, f, T0, &r, &err), 0);
    assert_non_null(strstr(err.msg, ":3:3: login 'ana1' is also on line 2"));
    assert_int_equal(store_person_get(st, "ana", &p), 1);
    assert_string_equal(p.name, "Ana A");
    /* an empty file and a header alone */
    harness_write(f, "");
    assert_int_not_equal(roster_import(st, f, T0, &r, &err), 0);
    assert_non_null(strstr(err.msg, ":1:1: empty file"));
    harness_write(f, "id,name,login,role,unit,email\n");
    assert_ok(roster_import(st, f, T0, &r, &err), &err);
    assert_int_equal(r.rows, 0);
    /* a login moves from one person to another in two imports */
    harness_write(f, "id,name,login,role,unit,email\n"
                     "ana,Ana A,,trainee,N,ana@training.example\n"
                     "cy,Cy,ana1,trainee,,\n");
    assert_ok(roster_import(st, f, T0, &r, &err), &err);
    assert_int_equal(r.added, 1);
    assert_int_equal(r.updated, 1);
    assert_int_equal(store_person_by_login(st, "ana1", &p), 1);
    assert_string_equal(p.id, "cy");
    harness_rmdir(dir);
    free(f);
    free(dir);
    store_close(st);
}

static int has_verb(const json_t *a, const char *tail)
{
    size_t i;
    json_t *s;
    json_array_foreach(a, i, s) {
        const char *v = json_string_value(json_object_get(
            json_object_get(s, "verb"), "id"));
        size_t n = strlen(v), m = strlen(tail);
        if (n >= m && strcmp(v + n - m, tail) == 0)
            return 1;
    }
    return 0;
}

static void test_xapi_statements(void **state)
{
    (void)state;
    struct store *st = class_store();
    assert_int_equal(store_revocation_add(st, 2, "left", T0, "instr"), 0);
    struct xapi_opts o = {.homepage = "https://training.example",
                          .iri = "https://training.example/xapi/"};
    json_t *a = NULL, *b = NULL;
    struct lp_err err = {0};
    assert_ok(xapi_statements(st, &o, INT64_MIN, &a, &err), &err);
    assert_ok(xapi_statements(st, &o, INT64_MIN, &b, &err), &err);
    assert_true(json_equal(a, b));            /* stable, ids included */
    const char *const verbs[] = {"/experienced", "/attempted", "/passed",
                                 "/failed", "/completed", "/verbs/revoked"};
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (!has_verb(a, verbs[i]))
            fail_msg("no %s statement", verbs[i]);
    /* ids are unique, UUIDs of version 8 */
    size_t i;
    json_t *s;
    json_array_foreach(a, i, s) {
        const char *id = json_string_value(json_object_get(s, "id"));
        assert_int_equal(strlen(id), 36);
        assert_int_equal(id[14], '8');
        for (size_t j = i + 1; j < json_array_size(a); j++)
            assert_string_not_equal(id, json_string_value(json_object_get(
                                            json_array_get(a, j), "id")));
        json_t *acc = json_object_get(json_object_get(s, "actor"), "account");
        assert_string_equal(json_string_value(json_object_get(acc,
                                                              "homePage")),
                            "https://training.example");
        assert_null(json_object_get(json_object_get(s, "actor"), "mbox"));
    }
    json_decref(b);
    /* since: only what happened from then on */
    assert_ok(xapi_statements(st, &o, T0 - 9 * DAY, &b, &err), &err);
    assert_true(json_array_size(b) < json_array_size(a));
    assert_false(has_verb(b, "/experienced"));
    json_decref(b);
    /* another site: other ids */
    struct xapi_opts o2 = {.homepage = "https://other.example",
                           .iri = "https://other.example/x"};
    assert_ok(xapi_statements(st, &o2, INT64_MIN, &b, &err), &err);
    assert_string_not_equal(
        json_string_value(json_object_get(json_array_get(a, 0), "id")),
        json_string_value(json_object_get(json_array_get(b, 0), "id")));
    json_decref(b);
    json_decref(a);
    store_close(st);
}

static void test_xapi_uuid_vector(void **state)
{
    (void)state;
    /* SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 ... */
    char u[37];
    xapi_uuid("abc", 3, u);
    assert_string_equal(u, "ba7816bf-8f01-8fea-8141-40de5dae2223");
}

static void test_auth_file_checks(void **state)
{
    (void)state;
    char *dir = harness_tmpdir();
    char *f = xasprintf("%s/auth", dir);
    char buf[128];
    struct lp_err err = {0};
    harness_write(f, "key:secret\n");
    chmod(f, 0600);
    assert_ok(xapi_read_auth(f, buf, sizeof buf, &err), &err);
    assert_string_equal(buf, "key:secret");
    chmod(f, 0640);
    assert_int_not_equal(xapi_read_auth(f, buf, sizeof buf, &err), 0);
    assert_non_null(strstr(err.msg, "group or others"));
    chmod(f, 0602);
    assert_int_not_equal(xapi_read_auth(f, buf, sizeof buf, &err), 0);
    harness_write(f, "key:secret\nsecond:line\n");
    chmod(f, 0600);
    assert_int_not_equal(xapi_read_auth(f, buf, sizeof buf, &err), 0);
    assert_non_null(strstr(err.msg, "more than one line"));
    harness_write(f, "nocolon\n");
    assert_int_not_equal(xapi_read_auth(f, buf, sizeof buf, &err), 0);
    char *link = xasprintf("%s/link", dir);
    assert_int_equal(symlink(f, link), 0);
    assert_int_not_equal(xapi_read_auth(link, buf, sizeof buf, &err), 0);
    assert_int_not_equal(xapi_read_auth(dir, buf, sizeof buf, &err), 0);
    harness_rmdir(dir);
    free(link);
    free(f);
    free(dir);
}

static void test_expiry_line(void **state)
{
    (void)state;
    struct store *st = class_store();
    int urgent = 0;
    char *l = report_expiry_line(st, "cy", T0, &urgent);
    assert_null(l);                           /* no certificate: nothing */
    assert_int_equal(urgent, 0);
    l = report_expiry_line(st, "ana", T0, &urgent);
    assert_non_null(strstr(l, "valid until"));
    assert_int_equal(urgent, 0);
    free(l);
    l = report_expiry_line(st, "ben", T0, &urgent);   /* about 15 days */
    assert_non_null(strstr(l, "pass the refresher track"));
    assert_int_equal(urgent, 1);
    free(l);
    l = report_expiry_line(st, "ben", T0 + 40 * DAY, &urgent);
    assert_non_null(strstr(l, "expired on"));
    free(l);
    assert_int_equal(store_revocation_add(st, 1, "left", T0, "instr"), 0);
    l = report_expiry_line(st, "ana", T0, &urgent);
    assert_non_null(strstr(l, "revoked"));
    assert_int_equal(urgent, 1);
    free(l);
    store_close(st);
}

static void test_session_steps(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    assert_ok(roster_add(st, "ana", "Ana A", NULL, T0, &err), &err);
    char u[] = "ana", s1[] = "s1", m[] = "exam";
    struct store_session ss = {.user_id = u, .scenario_id = s1, .mode = m,
                               .seed = 7, .started_at = T0};
    int64_t id;
    assert_int_equal(store_session_add(st, &ss, &id), 0);
    struct store_tline tl = {.seq = 1, .at = T0, .line = "query --plate X",
                             .verdict = "deny", .rules = "IV.B, IV.A.1"};
    assert_int_equal(store_scn_transcript_add(st, id, &tl, NULL), 0);
    json_t *doc = NULL;
    /* unfinished: the transcript's verdicts */
    assert_ok(report_session_steps(st, id, &doc, &err), &err);
    json_t *s0 = json_array_get(json_object_get(doc, "steps"), 0);
    assert_string_equal(json_string_value(json_object_get(s0, "verdict")),
                        "deny");
    assert_int_equal(json_array_size(json_object_get(s0, "rules")), 2);
    json_decref(doc);
    /* finished: the report's feedback, with the reason shown */
    assert_int_equal(store_session_finish(
        st, id, T0 + 60, 0, 0,
        "{\"rules\":[],\"objectives\":[],\"feedback\":[{\"seq\":1,"
        "\"line\":\"query --plate X\",\"verdict\":\"deny\","
        "\"rules\":[\"IV.B\"],\"reason\":\"no full plate\"}]}"), 0);
    assert_ok(report_session_steps(st, id, &doc, &err), &err);
    s0 = json_array_get(json_object_get(doc, "steps"), 0);
    assert_string_equal(json_string_value(json_object_get(s0, "reason")),
                        "no full plate");
    json_decref(doc);
    assert_int_not_equal(report_session_steps(st, id + 100, &doc, &err), 0);
    assert_int_equal(err.status, LP_USAGE);
    store_close(st);
}

const char harness_name[] = "report";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_trigger_fills_rules),
    cmocka_unit_test(test_class_and_due),
    cmocka_unit_test(test_cert_status_edges),
    cmocka_unit_test(test_roster_import),
    cmocka_unit_test(test_xapi_statements),
    cmocka_unit_test(test_xapi_uuid_vector),
    cmocka_unit_test(test_auth_file_checks),
    cmocka_unit_test(test_expiry_line),
    cmocka_unit_test(test_session_steps),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
