/*
 * test_console.c - the scenario console's shared logic: action lines from
 * form fields, time checks, feedback lines from verdicts, result rows and
 * their sorting, the map of a plate's reads.
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit/audit.h"
#include "core/learn/console.h"
#include "core/policy/rules.h"
#include "core/world/roster.h"
#include "util/words.h"

static void test_line_quotes_and_skips_empty(void **state)
{
    (void)state;
    const char *opts[] = {"plate", "state", "case", "reason"};
    const char *vals[] = {"ABC1234", "", "HSI-1", "it's \"urgent\""};
    char *line = con_line("query", opts, vals, 4);
    struct words w;
    struct lp_err err = {0};
    assert_ok(words_split(line, &w, &err), &err);
    assert_int_equal(w.argc, 7);
    assert_string_equal(w.argv[0], "query");
    assert_string_equal(w.argv[1], "--plate");
    assert_string_equal(w.argv[2], "ABC1234");
    assert_string_equal(w.argv[3], "--case");
    assert_string_equal(w.argv[6], "it's \"urgent\"");
    words_free(&w);
    free(line);
}

static void test_check_time(void **state)
{
    (void)state;
    assert_null(con_check_time(""));
    assert_null(con_check_time("2026-03-02"));
    assert_null(con_check_time("2026-03-02T09:00:00Z"));
    assert_string_equal(con_check_time("yesterday"), "not a date: use YYYY-MM-DD");
    assert_non_null(con_check_time("2026-13-02"));
}

static json_t *doc_of(const char *text)
{
    json_error_t je;
    json_t *d = json_loads(text, 0, &je);
    if (!d)
        fail_msg("json: %s", je.text);
    return d;
}

static void test_feedback_lines(void **state)
{
    (void)state;
    struct action_result r;
    char buf[300];
    int kind;
    memset(&r, 0, sizeof r);
    r.doc = doc_of("{\"verdict\":\"deny\",\"rules\":[\"IV.J.2\"],"
                   "\"reason\":\"window longer than five years\"}");
    con_feedback(&r, buf, sizeof buf, &kind);
    assert_int_equal(kind, CON_DENY);
    assert_string_equal(buf, "Refused under IV.J.2: window longer than "
                             "five years");
    json_decref(r.doc);
    r.doc = doc_of("{\"action\":\"query\",\"verdict\":\"allow\","
                   "\"rules\":[],\"reason\":\"\",\"results\":[{},{}]}");
    con_feedback(&r, buf, sizeof buf, &kind);
    assert_int_equal(kind, CON_ALLOW);
    assert_string_equal(buf, "Allowed: 2 results.");
    json_decref(r.doc);
    r.doc = doc_of("{\"verdict\":\"warn\",\"rules\":[\"IV.A.2\",\"IV.D\"],"
                   "\"reason\":\"flagged read\"}");
    con_feedback(&r, buf, sizeof buf, &kind);
    assert_int_equal(kind, CON_WARN);
    assert_string_equal(buf, "Allowed with a warning (IV.A.2, IV.D): "
                             "flagged read");
    json_decref(r.doc);
    r.doc = NULL;
    r.status = LP_USAGE;
    lp_errf(&r.err, LP_USAGE, "query: --from is not a date");
    con_feedback(&r, buf, sizeof buf, &kind);
    assert_int_equal(kind, CON_ERROR);
    assert_string_equal(buf, "Not done: query: --from is not a date");
}

static const char results[] =
    "{\"verdict\":\"allow\",\"results\":["
    "{\"read_id\":7,\"plate\":\"ABC1234\",\"state\":\"TX\","
    "\"observed_at\":\"2026-03-01T10:00:00Z\",\"camera_id\":\"C2\","
    "\"lat\":30.30,\"lon\":-97.70,\"confidence\":0.41,\"source\":\"toll\","
    "\"make\":\"Toyota\",\"model\":\"Camry\","
    "\"flags\":[\"low_confidence\",\"sensitive_location\"],"
    "\"alternatives\":[\"A8C1234\",\"ABC1Z34\"],\"age_days\":12,"
    "\"source_owner\":\"commercial\","
    "\"sensitive_place\":{\"name\":\"Elm School\",\"distance_m\":80}},"
    "{\"read_id\":3,\"plate\":\"ABC1234\",\"state\":\"TX\","
    "\"observed_at\":\"2026-02-01T08:00:00Z\",\"camera_id\":\"C1\","
    "\"lat\":30.20,\"lon\":-97.80,\"confidence\":0.97,\"source\":\"agency\","
    "\"flags\":[]},"
    "{\"read_id\":9,\"plate\":\"ABC1234\",\"state\":\"TX\","
    "\"observed_at\":\"2026-02-15T08:00:00Z\",\"camera_id\":\"C3\","
    "\"lat\":30.25,\"lon\":-97.75,\"confidence\":0.80,\"source\":\"lea\"}]}";

static void test_rows_sort_and_cells(void **state)
{
    (void)state;
    json_t *d = doc_of(results);
    struct con_read *v = NULL;
    size_t n = con_reads_from_doc(d, &v);
    assert_int_equal(n, 3);
    assert_string_equal(v[0].flags, "low_confidence, sensitive_location");
    assert_string_equal(v[0].alternatives, "A8C1234, ABC1Z34");
    assert_string_equal(v[0].place, "Elm School");
    assert_int_equal(v[0].place_m, 80);
    assert_int_equal(v[0].age_days, 12);
    assert_string_equal(v[0].owner, "commercial");
    assert_int_equal(v[1].age_days, -1);
    assert_string_equal(v[1].place, "");
    con_reads_sort(v, n, COL_TIME, 0);
    assert_int_equal(v[0].id, 3);
    assert_int_equal(v[2].id, 7);
    con_reads_sort(v, n, COL_CONF, 1);
    assert_int_equal(v[0].id, 3);
    assert_int_equal(v[2].id, 7);
    con_reads_sort(v, n, COL_CAMERA, 1);
    assert_string_equal(v[0].camera, "C3");
    char cell[64];
    con_read_cell(&v[0], COL_TIME, cell, sizeof cell);
    assert_string_equal(cell, "2026-02-15T08:00");
    con_read_cell(&v[0], COL_CONF, cell, sizeof cell);
    assert_string_equal(cell, "0.80");
    free(v);
    json_decref(d);
}

/* Plain mode had no way to see a read's make, model and flags: one
 * formatter gives the TUI and the plain mode the same details. */
static void test_read_details_name_vehicle_flags_place(void **state)
{
    (void)state;
    json_t *d = doc_of(results);
    struct con_read *v = NULL;
    size_t n = con_reads_from_doc(d, &v);
    assert_int_equal(n, 3);
    struct sb s;
    sb_init(&s);
    con_read_details(&v[0], &s);
    assert_non_null(strstr(s.buf, "Read 7: ABC1234 (TX) "));
    assert_non_null(strstr(s.buf, "vehicle Toyota Camry; confidence "));
    assert_non_null(strstr(s.buf, "; 12 days old"));
    assert_non_null(strstr(s.buf, "flags: low_confidence, sensitive_location"
                                  "; could be A8C1234, ABC1Z34\n"));
    assert_non_null(strstr(s.buf, "80 m from Elm School: a sensitive "
                                  "location (" RULE_IV_D ": "));
    sb_reset(&s);
    con_read_details(&v[1], &s);
    assert_non_null(strstr(s.buf, "flags: none (quality looks fine)\n"));
    assert_null(strstr(s.buf, "days old"));
    assert_null(strstr(s.buf, "sensitive location"));
    sb_free(&s);
    free(v);
    json_decref(d);
}

/* The inbox marks answered requests from the transcript's reply lines,
 * whatever their quoting; other actions and broken lines are not replies. */
static void test_reply_request_from_lines(void **state)
{
    (void)state;
    char id[32];
    assert_int_equal(con_reply_request("reply --request r1 --decision "
                                       "comply", id, sizeof id), 1);
    assert_string_equal(id, "r1");
    assert_int_equal(con_reply_request("reply --decision decline --rule "
                                       "IV.E --request 'r 2'", id,
                                       sizeof id), 1);
    assert_string_equal(id, "r 2");
    assert_int_equal(con_reply_request("query --request r1", id, sizeof id),
                     0);
    assert_int_equal(con_reply_request("reply --note '--request r9' "
                                       "--decision comply", id, sizeof id),
                     0);
    assert_int_equal(con_reply_request("reply --request", id, sizeof id), 0);
    assert_int_equal(con_reply_request("reply --request 'r1", id, sizeof id),
                     0);
    assert_int_equal(con_reply_request(NULL, id, sizeof id), 0);
}

static void test_map_orders_reads_in_time(void **state)
{
    (void)state;
    json_t *d = doc_of(results);
    struct con_read *v = NULL;
    size_t n = con_reads_from_doc(d, &v);
    struct con_place pl = {.lat = 30.25, .lon = -97.70, .radius_m = 100};
    char grid[20 * 10];
    con_map(v, n, &pl, 1, 20, 10, grid);
    /* the first read in time (id 3) is south-west: bottom left, '1' */
    int found1 = 0, found3 = 0, foundS = 0;
    for (int y = 0; y < 10; y++)
        for (int x = 0; x < 20; x++) {
            char c = grid[y * 20 + x];
            if (c == '1') {
                found1 = 1;
                assert_true(x < 5 && y > 5);
            }
            if (c == '3') {
                found3 = 1;
                assert_true(x > 15 && y < 4);
            }
            foundS += c == 'S';
        }
    assert_true(found1 && found3);
    assert_int_equal(foundS, 1);
    free(v);
    json_decref(d);
}

static void test_audit_lines_lead_with_who_plate_case_reason(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    assert_ok(roster_add(st, "tess", "Tess", "trainee", 1772409600, &err),
              &err);
    char *root = harness_path("");
    struct lp_ctx ctx = {.st = st, .now = 1772445600, .user = "tess",
                         .root = root};
    struct action_result res;
    action_result_init(&res);
    assert_int_equal(action_exec_line(&ctx, "audit add --plate ABC1234 "
                     "--case HSI-2026-1 --reason 'locate the suspect vehicle "
                     "for the case' --results '2 reads' --at "
                     "2026-03-02T09:00:00Z", &res), LP_OK);
    action_result_free(&res);
    ctx_release(&ctx);
    free(root);
    struct sb s;
    sb_init(&s);
    assert_ok(con_audit_lines(st, 10, &s, &err), &err);
    assert_non_null(strstr(s.buf, "tess     ABC1234  HSI-2026-1     locate "
                                  "the suspect vehicle for the case | audit "
                                  "add"));
    assert_non_null(strstr(s.buf, "by hand"));
    assert_non_null(strstr(s.buf, "     results: 2 reads\n"));
    sb_free(&s);
    store_close(st);
}

const char harness_name[] = "console";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_line_quotes_and_skips_empty),
    cmocka_unit_test(test_check_time),
    cmocka_unit_test(test_feedback_lines),
    cmocka_unit_test(test_rows_sort_and_cells),
    cmocka_unit_test(test_read_details_name_vehicle_flags_place),
    cmocka_unit_test(test_reply_request_from_lines),
    cmocka_unit_test(test_map_orders_reads_in_time),
    cmocka_unit_test(test_audit_lines_lead_with_who_plate_case_reason),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
