/*
 * test_action.c - the action layer end to end in one process: for every
 * rule id at least one allowed and one refused action, asserting the
 * verdict, the rule ids and the audit entry read back from the store; and
 * that refusals and usage errors leave nothing but their audit entry.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/action/action.h"
#include "core/audit/audit.h"
#include "core/store/store_audit.h"
#include "core/store/store_cases.h"
#include "core/store/store_int.h"
#include "core/store/store_people.h"
#include "core/store/store_reads.h"
#include "core/store/store_world.h"
#include "core/world/roster.h"
#include "util/lptime.h"

#define NOW "2026-03-02T09:00:00Z"

struct fx {
    struct store *st;
    struct lp_ctx ctx;
    struct action_result res;
    char *root;
    int64_t r_good, r_low, r_school, r_old, r_other, r_toll, r_agency_other;
};

static int64_t t(const char *s)
{
    int64_t v = 0;
    if (lptime_parse(s, &v))
        fail_msg("bad time %s", s);
    return v;
}

static int64_t add_read(struct store *st, const char *plate, const char *when,
                        const char *cam, double lat, double lon, double conf,
                        const char *source)
{
    struct lp_read r = {
        .plate = plate, .state = "KS", .observed_at = t(when),
        .camera_id = cam, .lat = lat, .lon = lon, .make = "Ford",
        .model = "Escape", .confidence = conf, .source = source,
    };
    int64_t id = 0;
    if (store_read_add(st, &r, &id))
        fail_msg("add read: %s", store_errmsg(st));
    return id;
}

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    struct lp_err err = {0};
    f->st = harness_store();
    f->root = harness_path("");
    assert_ok(roster_add(f->st, "alice", "Alice Trainee", NULL, t(NOW), &err),
              &err);
    assert_ok(roster_add(f->st, "bob", "Bob Borrower", NULL, t(NOW), &err),
              &err);
    assert_ok(roster_add(f->st, "ivy", "Ivy Instructor", "instructor",
                         t(NOW), &err), &err);
    assert_int_equal(store_person_set_trained(f->st, "bob", 0), 1);
    struct lp_statute s1 = {"8USC1325", "8 U.S.C. 1325(a)", "Improper entry",
                            5};
    struct lp_statute s2 = {"18USC1581", "18 U.S.C. 1581", "Peonage", 0};
    assert_int_equal(store_statute_add(f->st, &s1), 0);
    assert_int_equal(store_statute_add(f->st, &s2), 0);
    struct lp_place school = {0, "sch-001", "Meadowlark Elementary", "school",
                              38.6000, -97.4000, 300, 1};
    struct lp_place home = {0, "res-001", "Flicker Apartments",
                            "residential", 38.6678, -97.3864, 0, 0};
    assert_int_equal(store_place_add(f->st, &school, NULL), 0);
    assert_int_equal(store_place_add(f->st, &home, NULL), 0);
    struct lp_camera cams[] = {
        {"cam-01", "Gate", "agency", "agency", "fixed", 38.61, -97.29, NULL},
        {"cam-09", "PCPD", "partner", "lea", "fixed", 38.62, -97.52, NULL},
        {"cam-21", "Toll", "commercial", "toll", "fixed", 38.52, -97.48,
         NULL},
    };
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(store_camera_add(f->st, &cams[i]), 0);
    f->r_good = add_read(f->st, "1234ABC", "2026-02-01T10:00:00Z", "cam-09",
                         38.62, -97.52, 0.97, "lea");
    f->r_low = add_read(f->st, "1234ABC", "2025-06-01T22:00:00Z", "cam-09",
                        38.62, -97.52, 0.55, "lea");
    f->r_school = add_read(f->st, "1234ABC", "2025-09-01T08:00:00Z", "cam-09",
                           38.6001, -97.4001, 0.98, "lea");
    f->r_old = add_read(f->st, "1234ABC", "2019-06-01T12:00:00Z", "cam-09",
                        38.62, -97.52, 0.96, "lea");
    f->r_other = add_read(f->st, "9876XYZ", "2026-02-02T10:00:00Z", "cam-09",
                          38.62, -97.52, 0.99, "lea");
    f->r_toll = add_read(f->st, "1234ABC", "2026-01-05T10:00:00Z", "cam-21",
                         38.52, -97.48, 0.96, "toll");
    add_read(f->st, "1234A8C", "2025-02-01T10:00:00Z", "cam-09", 38.62,
             -97.52, 0.90, "lea");
    f->r_agency_other = add_read(f->st, "5555QRS", "2026-02-03T10:00:00Z",
                                 "cam-01", 38.61, -97.29, 0.99, "agency");
    f->ctx.st = f->st;
    f->ctx.now = t(NOW);
    f->ctx.user = "alice";
    f->ctx.root = f->root;
    action_result_init(&f->res);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    action_result_free(&f->res);
    ctx_release(&f->ctx);
    store_close(f->st);
    free(f->root);
    free(f);
    return 0;
}

static int64_t count(struct fx *f, const char *sql)
{
    sqlite3_stmt *s = store_prepare(f->st, sql);
    assert_non_null(s);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

struct got_audit {
    char verdict[8], rules[200], action[32], profile[64], plate[40],
        reason[700], results[200];
    int64_t session;
};

static int copy_audit(void *arg, int64_t id, const struct audit_entry *e)
{
    (void)id;
    struct got_audit *g = arg;
    snprintf(g->verdict, sizeof g->verdict, "%s", e->verdict);
    snprintf(g->rules, sizeof g->rules, "%s", e->rules);
    snprintf(g->action, sizeof g->action, "%s", e->action);
    snprintf(g->profile, sizeof g->profile, "%s", e->profile);
    snprintf(g->plate, sizeof g->plate, "%s", e->plate ? e->plate : "");
    snprintf(g->reason, sizeof g->reason, "%s", e->reason ? e->reason : "");
    snprintf(g->results, sizeof g->results, "%s", e->results);
    g->session = e->session_id;
    return 0;
}

static int has_rule(json_t *doc, const char *rule)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(doc, "rules"), i, r)
        if (strcmp(json_string_value(r), rule) == 0)
            return 1;
    return 0;
}

/* Runs line; asserts the verdict, that rule is among the rule ids (when
 * not NULL), and that the audit entry says the same.  Returns the doc. */
static json_t *expect(struct fx *f, const char *line, const char *verdict,
                      const char *rule, struct got_audit *ga)
{
    int rc = action_exec_line(&f->ctx, line, &f->res);
    if (!f->res.doc)
        fail_msg("%s: no verdict (rc %d: %s)", line, rc, f->res.err.msg);
    json_t *doc = f->res.doc;
    const char *v = json_string_value(json_object_get(doc, "verdict"));
    if (strcmp(v, verdict) != 0)
        fail_msg("%s: verdict %s, wanted %s (%s)", line, v, verdict,
                 json_string_value(json_object_get(doc, "reason")));
    assert_int_equal(rc, strcmp(verdict, "deny") == 0 ? LP_REFUSED : LP_OK);
    if (rule && !has_rule(doc, rule))
        fail_msg("%s: rules lack %s (reason: %s)", line, rule,
                 json_string_value(json_object_get(doc, "reason")));
    int64_t id = json_integer_value(json_object_get(doc, "audit_id"));
    assert_true(id > 0);
    struct got_audit g;
    memset(&g, 0, sizeof g);
    assert_int_equal(store_audit_row_get(f->st, id, copy_audit, &g), 1);
    assert_string_equal(g.verdict, verdict);
    if (rule)
        assert_non_null(strstr(g.rules, rule));
    assert_string_equal(g.profile,
                        json_string_value(json_object_get(doc, "profile")));
    if (!f->ctx.profile || !strchr(f->ctx.profile, '/'))
        assert_non_null(strstr(g.profile, f->ctx.profile ? f->ctx.profile
                                                         : "ice-2017@"));
    if (ga)
        *ga = g;
    return doc;
}

static void usage_error(struct fx *f, const char *line, const char *msg)
{
    int64_t before = count(f, "SELECT count(*) FROM audit");
    int rc = action_exec_line(&f->ctx, line, &f->res);
    assert_int_equal(rc, LP_USAGE);
    assert_null(f->res.doc);
    if (!strstr(f->res.err.msg, msg))
        fail_msg("%s: message '%s' lacks '%s'", line, f->res.err.msg, msg);
    assert_int_equal(count(f, "SELECT count(*) FROM audit"), before);
}

static void cases(struct fx *f)
{
    expect(f, "case add --number C-1 --type civil", "allow", "IV.A.1", NULL);
    expect(f, "case add --number K-1 --type criminal --violation 8USC1325",
           "allow", "IV.A.1", NULL);
}

#define Q_OK "query --plate 1234ABC --from 2025-01-01 --to 2026-03-01 " \
             "--case C-1 --reason 'locate the removal target vehicle'"

/* ---- IV.A.1 ---- */
static void test_a1_case(void **state)
{
    struct fx *f = *state;
    cases(f);
    expect(f, Q_OK, "allow", "IV.J.2", NULL);
    struct got_audit g;
    expect(f, "query --plate 1234ABC --from 2025-01-01 --to 2026-03-01 "
              "--case NOPE-9 --reason 'locate the removal target vehicle'",
           "deny", "IV.A.1", &g);
    assert_string_equal(g.plate, "1234ABC");
    assert_string_equal(g.results, "refused (IV.A.1)");
    expect(f, "query --plate 1234ABC --from 2025-01-01 --to 2026-03-01 "
              "--reason 'locate the removal target vehicle'",
           "deny", "IV.A.1", NULL);
    expect(f, "case close C-1", "allow", "IV.A.1", NULL);
    expect(f, Q_OK, "deny", "IV.A.1", NULL);
    assert_non_null(strstr(f->res.err.msg, "closed"));
    usage_error(f, "case close C-1", "already closed");
    usage_error(f, "case add --number C-2 --type fishing", "--type");
    usage_error(f, "case add --number K-2 --type criminal",
                "needs --violation");
    usage_error(f, "case add --number C-1 --type civil", "already");
}

/* ---- IV.A.2, IV.A.3, IV.D: enforcement ---- */
static void test_a2_a3_d_enforce(void **state)
{
    struct fx *f = *state;
    char line[400];
    cases(f);
    snprintf(line, sizeof line, "enforce --read %lld --case C-1 "
             "--corroboration 'witness: officer saw the target enter the "
             "vehicle'", (long long)f->r_good);
    expect(f, line, "allow", "IV.A.3", NULL);
    snprintf(line, sizeof line, "enforce --read %lld --case C-1",
             (long long)f->r_good);
    expect(f, line, "deny", "IV.A.3", NULL);
    /* LPR-derived kinds never count */
    snprintf(line, sizeof line, "enforce --read %lld --case C-1 "
             "--corroboration 'lpr: the target vehicle again next day'",
             (long long)f->r_good);
    expect(f, line, "deny", "IV.A.3", NULL);
    snprintf(line, sizeof line, "enforce --read %lld --case C-1 "
             "--corroboration 'vendor: photo shows the target driving'",
             (long long)f->r_good);
    expect(f, line, "deny", "IV.A.3", NULL);
    /* ... whatever kind the words are filed under */
    snprintf(line, sizeof line, "enforce --read %lld --case C-1 "
             "--corroboration 'visual: saw it on a toll gantry camera'",
             (long long)f->r_good);
    expect(f, line, "deny", "IV.A.3", NULL);
    snprintf(line, sizeof line, "enforce --read %lld --case C-1 "
             "--corroboration 'investigative: another read of the plate'",
             (long long)f->r_good);
    expect(f, line, "deny", "IV.A.3", NULL);
    snprintf(line, sizeof line, "enforce --read %lld --case C-1 "
             "--corroboration 'witness: confirmed'", (long long)f->r_good);
    expect(f, line, "deny", "IV.A.3", NULL);
    /* a flagged read needs a verifying kind (visual, records) */
    snprintf(line, sizeof line, "enforce --read %lld --case C-1 "
             "--corroboration 'witness: informant says the target drives "
             "it'", (long long)f->r_low);
    expect(f, line, "deny", "IV.A.2", NULL);
    snprintf(line, sizeof line, "enforce --read %lld --case C-1 "
             "--corroboration 'records: registration matches make and "
             "model' --corroboration 'witness: informant says the target "
             "drives it'", (long long)f->r_low);
    json_t *doc = expect(f, line, "allow", "IV.A.2", NULL);
    json_t *kinds = json_object_get(doc, "corroboration");
    assert_int_equal(json_array_size(kinds), 2);
    assert_string_equal(json_string_value(json_object_get(
        json_array_get(kinds, 0), "kind")), "records");
    snprintf(line, sizeof line, "enforce --read %lld --case C-1 "
             "--corroboration 'visual: officer saw the target enter the "
             "vehicle'", (long long)f->r_school);
    expect(f, line, "deny", "IV.D", NULL);
    assert_non_null(strstr(f->res.err.msg, "Meadowlark Elementary"));
    snprintf(line, sizeof line, "enforce --read %lld --case C-1 "
             "--corroboration 'visual: officer saw the target enter the "
             "vehicle' --approval SUP-1234", (long long)f->r_school);
    expect(f, line, "allow", "IV.D", NULL);
    usage_error(f, "enforce --read 999999 --case C-1", "no read 999999");
    usage_error(f, "enforce --read abc --case C-1", "read id");
    snprintf(line, sizeof line, "enforce --read %lld --case C-1 "
             "--corroboration 'officer saw it'", (long long)f->r_good);
    usage_error(f, line, "KIND:TEXT");
    snprintf(line, sizeof line, "enforce --read %lld --case C-1 "
             "--corroboration 'hunch: officer saw it'", (long long)f->r_good);
    usage_error(f, line, "unknown corroboration kind 'hunch'");
}

/* ---- IV.A.2 flags and IV.D flags on query results, IV.I ---- */
static void test_i_results_and_flags(void **state)
{
    struct fx *f = *state;
    cases(f);
    json_t *doc = expect(f, Q_OK, "allow", "IV.I", NULL);
    json_t *res = json_object_get(doc, "results");
    size_t i;
    json_t *o;
    int64_t from = t("2025-01-01"), to = t("2026-03-01T23:59:59Z");
    int low = 0, school = 0;
    assert_true(json_array_size(res) >= 3);
    json_array_foreach(res, i, o) {
        assert_string_equal(json_string_value(json_object_get(o, "plate")),
                            "1234ABC");
        int64_t at = t(json_string_value(json_object_get(o, "observed_at")));
        assert_true(at >= from && at <= to);
        int64_t id = json_integer_value(json_object_get(o, "read_id"));
        json_t *flags = json_object_get(o, "flags");
        char *fl = json_dumps(flags, 0);
        if (id == f->r_low) {
            low = 1;
            assert_non_null(strstr(fl, "low-confidence"));
            assert_non_null(strstr(fl, "possible-misread"));
            assert_true(json_array_size(json_object_get(o, "alternatives"))
                        > 0);
        }
        if (id == f->r_school) {
            school = 1;
            assert_non_null(strstr(fl, "sensitive-location"));
        }
        assert_int_not_equal(id, f->r_old);
        assert_int_not_equal(id, f->r_other);
        free(fl);
    }
    assert_true(low && school);
    /* A Kansas-format plate read as North Carolina: wrong-state risk. */
    struct lp_read nc = {
        .plate = "1234ABC", .state = "NC", .observed_at = t("2025-03-01"),
        .camera_id = "cam-09", .lat = 38.62, .lon = -97.52, .make = "Ford",
        .model = "Escape", .confidence = 0.97, .source = "lea",
    };
    int64_t nc_id = 0;
    assert_int_equal(store_read_add(f->st, &nc, &nc_id), 0);
    doc = expect(f, Q_OK, "allow", NULL, NULL);
    int risk = 0;
    json_array_foreach(json_object_get(doc, "results"), i, o) {
        char *fl = json_dumps(json_object_get(o, "flags"), 0);
        int has = strstr(fl, "wrong-state-risk") != NULL;
        free(fl);
        if (json_integer_value(json_object_get(o, "read_id")) == nc_id) {
            risk = has;
            assert_string_equal(json_string_value(json_object_get(
                o, "likely_states")), "KS");
        } else {
            assert_false(has);
        }
    }
    assert_true(risk);
    assert_true(has_rule(doc, "IV.A.2"));
    assert_true(has_rule(doc, "IV.D"));
    /* A commercial toll source keeps no audit of its own here: IV.M.1. */
    struct got_audit g;
    expect(f, Q_OK, "allow", NULL, &g);
    assert_non_null(strstr(g.results, "reads: "));
    expect(f, "query --plate 1234ABC --from 2026-03-01 --to 2025-01-01 "
              "--case C-1 --reason 'locate the removal target vehicle'",
           "deny", "IV.I", NULL);
    expect(f, "query --plate 1234ABC --from 2026-01-01 --to "
              "2026-04-01T00:00:00Z --case C-1 --reason 'locate the removal "
              "target vehicle'", "deny", "IV.I", NULL);
    assert_non_null(strstr(f->res.err.msg, "future"));
}

/* ---- IV.B ---- */
static void test_b_plates_and_area(void **state)
{
    struct fx *f = *state;
    cases(f);
    expect(f, Q_OK, "allow", NULL, NULL);
    expect(f, "query --plate 'ABC*' --from 2025-01-01 --to 2026-03-01 "
              "--case C-1 --reason 'locate the removal target vehicle'",
           "deny", "IV.B", NULL);
    expect(f, "query --plate AB?234 --from 2025-01-01 --to 2026-03-01 "
              "--case C-1 --reason 'locate the removal target vehicle'",
           "deny", "IV.B", NULL);
    expect(f, "query --from 2025-01-01 --to 2026-03-01 --case C-1 "
              "--reason 'locate the removal target vehicle'", "deny", "IV.B",
           NULL);
    expect(f, "geoquery --lat 38.6 --lon -97.4 --radius 500 --from "
              "2025-01-01 --to 2026-03-01 --case C-1 --reason 'who parks "
              "near the depot'", "deny", "IV.B", NULL);
    usage_error(f, "geoquery --lat north --lon -97.4 --radius 5",
                "must be numbers");
    usage_error(f, "query --plate 1234ABC --from yesterday --to 2026-03-01",
                "bad time 'yesterday'");
    usage_error(f, "query --plate 1234ABC --bogus 1", "unknown option");
}

/* A profile that allows area queries (an instructor's own file). */
static void test_b_geo_allowed_by_profile(void **state)
{
    struct fx *f = *state;
    cases(f);
    char *src = harness_path("curriculum/policies/ice-2017.json");
    FILE *in = fopen(src, "rb");
    assert_non_null(in);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, in);
    fclose(in);
    buf[n] = '\0';
    char *g = strstr(buf, "\"geo\": false");
    assert_non_null(g);
    memcpy(g, "\"geo\":  true", 12);
    g = strstr(buf, "\"wildcard\": false");
    assert_non_null(g);
    memcpy(g, "\"wildcard\":  true", 17);
    g = strstr(buf, "\"partial\": false");
    assert_non_null(g);
    memcpy(g, "\"partial\":  true", 16);
    char *dir = harness_tmpdir();
    char *path = xasprintf("%s/geo-ok.json", dir);
    harness_write(path, buf);
    ctx_release(&f->ctx);
    f->ctx.profile = path;
    json_t *doc = expect(f, "geoquery --lat 38.6 --lon -97.4 --radius 500 "
                            "--from 2025-01-01 --to 2026-03-01 --case C-1 "
                            "--reason 'vehicles near the smuggling drop "
                            "site'", "allow", NULL, NULL);
    json_t *res = json_object_get(doc, "results");
    assert_int_equal(json_array_size(res), 1);
    assert_int_equal(json_integer_value(json_object_get(
        json_array_get(res, 0), "read_id")), f->r_school);
    /* the same profile allows plate patterns, with a warning */
    doc = expect(f, "query --plate '1234*' --from 2025-01-01 --to "
                    "2026-03-01 --case C-1 --reason 'trace the partly read "
                    "target plate'", "warn", "IV.B", NULL);
    size_t i;
    json_t *o;
    int a8c = 0;
    json_array_foreach(json_object_get(doc, "results"), i, o) {
        const char *pl = json_string_value(json_object_get(o, "plate"));
        assert_memory_equal(pl, "1234", 4);
        a8c |= strcmp(pl, "1234A8C") == 0;
    }
    assert_true(a8c);
    expect(f, "query --plate '1234A?C' --from 2025-01-01 --to 2026-03-01 "
              "--case C-1 --reason 'trace the partly read target plate'",
           "warn", "IV.B", NULL);
    assert_true(json_array_size(json_object_get(f->res.doc, "results")) >= 4);
    expect(f, "query --plate '*' --from 2025-01-01 --to 2026-03-01 --case "
              "C-1 --reason 'trace the partly read target plate'", "deny",
           "IV.B", NULL);
    expect(f, "analyze --plate '1234*' --from 2025-01-01 --to 2026-03-01 "
              "--case C-1 --reason 'trace the partly read target plate'",
           "deny", "IV.L", NULL);
    expect(f, "hotlist add --plate '1234*' --case C-1 --tracking T-300",
           "deny", "IV.B", NULL);
    ctx_release(&f->ctx);
    f->ctx.profile = NULL;
    harness_rmdir(dir);
    free(path);
    free(dir);
    free(src);
}

/* ---- IV.C ---- */
static void test_c_share(void **state)
{
    struct fx *f = *state;
    char line[300];
    cases(f);
    /* the registry is kept by instructors, not by trainees */
    expect(f, "partner add --name 'Port Calder Police Department' --kind "
              "local --jurisdiction 'Port Calder, KS'", "deny", "IV.C",
           NULL);
    f->ctx.user = "ivy";
    expect(f, "partner add --name 'Port Calder Police Department' --kind "
              "local --jurisdiction 'Port Calder, KS'", "allow", "IV.C",
           NULL);
    expect(f, "partner add --name 'Prairie Turnpike Authority' --kind "
              "commercial --jurisdiction 'Kansas'", "allow", "IV.C", NULL);
    expect(f, "partner add --name 'Prairie Data Broker LLC' --kind state "
              "--jurisdiction 'Kansas'", "deny", "IV.C", NULL);
    usage_error(f, "partner add --name 'X County Sheriff' --kind pirate "
                   "--jurisdiction X", "--kind");
    usage_error(f, "partner add --name 'port calder police department' "
                   "--kind local --jurisdiction X", "already");
    f->ctx.user = "alice";
    json_t *doc = expect(f, "partner list", "allow", "IV.C", NULL);
    assert_int_equal(json_array_size(json_object_get(doc, "results")), 2);
    /* allowed: a registered agency, an open case */
    snprintf(line, sizeof line, "share --to 'port calder police department' "
             "--read %lld --case C-1", (long long)f->r_good);
    doc = expect(f, line, "allow", "IV.C", NULL);
    assert_int_equal(json_array_size(json_object_get(doc, "results")), 1);
    /* refused: no case, a closed one, unknown, commercial by name, by
     * kind */
    snprintf(line, sizeof line, "share --to 'Port Calder Police Department' "
             "--read %lld", (long long)f->r_good);
    expect(f, line, "deny", "IV.A.1", NULL);
    snprintf(line, sizeof line, "share --to 'Prairie Data Broker LLC' "
             "--read %lld --case C-1", (long long)f->r_good);
    expect(f, line, "deny", "IV.C", NULL);
    expect(f, "share --to 'my neighbour' --case C-1", "deny", "IV.C", NULL);
    assert_non_null(strstr(f->res.err.msg, "not in the partner registry"));
    expect(f, "share --to 'Port Calder Police Dept' --case C-1", "deny",
           "IV.C", NULL);
    expect(f, "share --to 'Prairie Turnpike Authority' --case C-1", "deny",
           "IV.C", NULL);
    expect(f, "case close C-1", "allow", NULL, NULL);
    expect(f, "share --to 'Port Calder Police Department' --case C-1",
           "deny", "IV.A.1", NULL);
}

/* ---- IV.E ---- */
static void test_e_protected(void **state)
{
    struct fx *f = *state;
    cases(f);
    expect(f, "query --plate 1234ABC --from 2025-01-01 --to 2026-03-01 "
              "--case C-1 --reason 'driver appears to be Hispanic'", "deny",
           "IV.E", NULL);
    expect(f, "query --plate 1234ABC --from 2025-01-01 --to 2026-03-01 "
              "--case C-1 --reason 'list who attends the protest rally'",
           "deny", "IV.E", NULL);
    /* no note reaches an ice-2017 hotlist; a screened one is checked */
    expect(f, "hotlist add --plate 1234ABC --case C-1 --tracking "
              "HSI-2026-0042 --note 'goes to worship every Friday'", "deny",
           "IV.K.2", NULL);
    ctx_release(&f->ctx);
    f->ctx.profile = "state-60day";
    expect(f, "hotlist add --plate 1234ABC --case C-1 --tracking "
              "HSI-2026-0042 --note 'goes to worship every Friday'", "deny",
           "IV.E", NULL);
    expect(f, "hotlist add --plate 1234ABC --case C-1 --tracking "
              "HSI-2026-0042 --note 'QUILL, DANA'", "deny", "IV.K.2", NULL);
    expect(f, "hotlist add --plate 1234ABC --case C-1 --tracking "
              "HSI-2026-0042 --note 'grey sedan, roof rack'", "allow", NULL,
           NULL);
    ctx_release(&f->ctx);
    f->ctx.profile = NULL;
    expect(f, Q_OK, "allow", NULL, NULL);
    /* solely: beside a lawful purpose, with a recorded approval */
    expect(f, "query --plate 1234ABC --from 2025-01-01 --to 2026-03-01 "
              "--case C-1 --reason 'locate the removal target, driver "
              "speaks only Spanish'", "deny", "IV.E", NULL);
    struct got_audit g;
    expect(f, "query --plate 1234ABC --from 2025-01-01 --to 2026-03-01 "
              "--case C-1 --reason 'locate the removal target, driver "
              "speaks only Spanish' --approval SUP-4411", "warn", "IV.E",
           &g);
    assert_non_null(strstr(json_string_value(json_object_get(f->res.doc,
                                                             "reason")),
                           "SUP-4411"));
}

/* ---- IV.F, IV.G ---- */
static void test_f_g_upload_wipe(void **state)
{
    struct fx *f = *state;
    char line[300];
    expect(f, "case add --number C-7 --type civil --target 5555QRS", "allow",
           NULL, NULL);
    cases(f);
    snprintf(line, sizeof line, "upload --read %lld --case C-1",
             (long long)f->r_agency_other);
    expect(f, line, "deny", "IV.F", NULL);
    snprintf(line, sizeof line, "upload --read %lld --case C-1",
             (long long)f->r_other);
    expect(f, line, "deny", "IV.G", NULL);
    assert_int_equal(count(f, "SELECT count(*) FROM case_files"), 0);
    snprintf(line, sizeof line, "upload --read %lld --case C-7",
             (long long)f->r_agency_other);
    json_t *doc = expect(f, line, "warn", "IV.F", NULL);
    assert_true(has_rule(doc, "IV.G"));
    assert_int_equal(count(f, "SELECT count(*) FROM case_files WHERE "
                              "case_number='C-7'"), 1);
    expect(f, "device wipe --camera cam-21", "deny", "IV.F", NULL);
    expect(f, "device wipe --camera cam-01", "allow", "IV.F", NULL);
    assert_int_equal(count(f, "SELECT count(*) FROM reads WHERE "
                              "camera_id='cam-01' AND on_device=1"), 0);
    /* A plate queried under the case pertains to it. */
    expect(f, Q_OK, "allow", NULL, NULL);
    snprintf(line, sizeof line, "upload --read %lld --read %lld --case C-1",
             (long long)f->r_good, (long long)f->r_other);
    expect(f, line, "warn", "IV.G", NULL);
    assert_int_equal(count(f, "SELECT count(*) FROM case_files WHERE "
                              "case_number='C-1'"), 1);
    usage_error(f, "device wipe --camera cam-99", "no camera");
}

/* IV.F: a wipe deletes the device's raw reads, queries no longer see
 * them; uploaded and held reads survive, named in the audit entry.
 * IV.J: an upload lies inside the case's look-back. */
static void test_f_wipe_hold_window(void **state)
{
    struct fx *f = *state;
    char line[300];
    struct got_audit g;
    expect(f, "case add --number C-7 --type civil --target 5555QRS", "allow",
           NULL, NULL);
    expect(f, "case add --number K-7 --type criminal --violation 18USC1581 "
              "--target 5555QRS", "allow", NULL, NULL);
    int64_t r_up = f->r_agency_other;
    int64_t r_hold = add_read(f->st, "5555QRS", "2026-02-10T10:00:00Z",
                              "cam-01", 38.61, -97.29, 0.99, "agency");
    int64_t r_gone = add_read(f->st, "5555QRS", "2026-02-11T10:00:00Z",
                              "cam-01", 38.61, -97.29, 0.99, "agency");
    int64_t r_stranger = add_read(f->st, "7777TTT", "2026-02-12T10:00:00Z",
                                  "cam-01", 38.61, -97.29, 0.99, "agency");
    int64_t r_ancient = add_read(f->st, "5555QRS", "2016-02-12T10:00:00Z",
                                 "cam-01", 38.61, -97.29, 0.99, "agency");
    /* IV.J: a ten-year-old read found under the criminal case cannot go
     * into the civil case file */
    snprintf(line, sizeof line, "upload --read %lld --case C-7",
             (long long)r_ancient);
    expect(f, line, "deny", "IV.J.2", NULL);
    assert_non_null(strstr(f->res.err.msg, "look-back"));
    snprintf(line, sizeof line, "upload --read %lld --case K-7",
             (long long)r_ancient);
    expect(f, line, "warn", "IV.F", NULL);
    snprintf(line, sizeof line, "upload --read %lld --case C-7",
             (long long)r_up);
    expect(f, line, "warn", "IV.F", NULL);
    /* evidence hold: pertaining agency reads of an open case only */
    snprintf(line, sizeof line, "evidence hold --read %lld --case C-7 "
             "--reason 'original evidence of the removal target route'",
             (long long)r_stranger);
    expect(f, line, "deny", "IV.G", NULL);
    snprintf(line, sizeof line, "evidence hold --read %lld --case C-7 "
             "--reason 'original evidence of the removal target route'",
             (long long)f->r_good);
    expect(f, line, "deny", "IV.F", NULL);
    snprintf(line, sizeof line, "evidence hold --read %lld --case NOPE "
             "--reason 'original evidence of the removal target route'",
             (long long)r_hold);
    expect(f, line, "deny", "IV.A.1", NULL);
    snprintf(line, sizeof line, "evidence hold --read %lld --case C-7 "
             "--reason 'original evidence of the removal target route'",
             (long long)r_hold);
    expect(f, line, "allow", "IV.F", NULL);
    /* the wipe: deletes the rest, keeps and names the survivors */
    expect(f, "device wipe --camera cam-01", "allow", "IV.F", &g);
    char want[64];
    snprintf(want, sizeof want, "uploaded %lld,%lld", (long long)r_up,
             (long long)r_ancient);
    if (!strstr(g.results, want))
        fail_msg("audit results '%s' lack '%s'", g.results, want);
    snprintf(want, sizeof want, "held %lld", (long long)r_hold);
    assert_non_null(strstr(g.results, want));
    snprintf(line, sizeof line, "SELECT count(*) FROM reads WHERE id IN "
             "(%lld,%lld)", (long long)r_gone, (long long)r_stranger);
    assert_int_equal(count(f, line), 0);
    snprintf(line, sizeof line, "SELECT count(*) FROM reads WHERE id IN "
             "(%lld,%lld,%lld)", (long long)r_up, (long long)r_hold,
             (long long)r_ancient);
    assert_int_equal(count(f, line), 3);
    json_t *doc = expect(f, "query --plate 5555QRS --from 2026-01-01 --to "
                            "2026-03-01 --case C-7 --reason 'locate the "
                            "removal target vehicle'", "allow", NULL, NULL);
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(doc, "results"), i, o)
        assert_int_not_equal(json_integer_value(json_object_get(o,
                                                                "read_id")),
                             r_gone);
    assert_int_equal(json_array_size(json_object_get(doc, "results")), 2);
    /* the case file lists what was uploaded */
    doc = expect(f, "case file C-7", "allow", "IV.G", NULL);
    assert_int_equal(json_array_size(json_object_get(doc, "results")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(
        json_object_get(doc, "results"), 0), "read_id")), r_up);
    usage_error(f, "case file NOPE-1", "no case");
    usage_error(f, "case file", "needs N");
}

/* IV.M.2: one person, one plate, several unrelated cases: flagged even
 * with the reason copied each time; referral is an audited action. */
static void test_m2_multicase_refer(void **state)
{
    struct fx *f = *state;
    cases(f);
    expect(f, "case add --number K-2 --type criminal --violation 8USC1325",
           "allow", NULL, NULL);
    expect(f, "case add --number K-3 --type criminal --violation 8USC1325 "
              "--target 1234ABC", "allow", NULL, NULL);
    /* related: the plate is K-3's target; alone it is no finding */
    expect(f, "query --plate 1234ABC --from 2025-06-01 --to 2026-03-01 "
              "--case K-3 --reason 'trace the smuggling suspect vehicle'",
           "allow", NULL, NULL);
    expect(f, "case add --number X-0 --type civil", "allow", NULL, NULL);
    json_t *doc = expect(f, "audit review --quarter 2026Q1", "warn",
                         "IV.M.2", NULL);
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(doc, "results"), i, o)
        assert_string_not_equal(json_string_value(json_object_get(o, "kind")),
                                "plate-across-cases");
    /* the same copied reason under two unrelated cases */
    expect(f, "query --plate 9876XYZ --from 2025-06-01 --to 2026-03-01 "
              "--case K-1 --reason 'trace the smuggling suspect vehicle'",
           "allow", NULL, NULL);
    expect(f, "query --plate 9876XYZ --from 2025-06-01 --to 2026-03-01 "
              "--case K-2 --reason 'trace the smuggling suspect vehicle'",
           "allow", NULL, NULL);
    doc = expect(f, "audit review --quarter 2026Q1", "warn", "IV.M.2",
                 NULL);
    int flagged = 0;
    json_array_foreach(json_object_get(doc, "results"), i, o) {
        const char *k = json_string_value(json_object_get(o, "kind"));
        if (strcmp(k, "plate-across-cases") == 0) {
            flagged++;
            assert_string_equal(json_string_value(json_object_get(o,
                                                                  "plate")),
                                "9876XYZ");
            assert_int_equal(json_integer_value(json_object_get(o, "cases")),
                             2);
        }
    }
    assert_int_equal(flagged, 1);
    /* the reviewer refers it: audited, recorded */
    usage_error(f, "refer --person mallory --reason 'plate looked up "
                   "under unrelated cases'", "no person");
    usage_error(f, "refer --person alice --entry 99999 --reason 'plate "
                   "looked up under unrelated cases'", "no audit entry");
    expect(f, "refer --person alice --reason 'see above'", "deny", "IV.M.2",
           NULL);
    struct got_audit g;
    doc = expect(f, "refer --person alice --entry 9 --entry 10 --reason "
                    "'9876XYZ looked up under unrelated cases K-1 and K-2'",
                 "allow", "IV.M.2", &g);
    assert_string_equal(g.action, "refer");
    assert_non_null(strstr(g.results, "referral 1 of alice"));
    assert_int_equal(count(f, "SELECT count(*) FROM referrals WHERE "
                              "subject='alice' AND entries='[9,10]'"), 1);
}

/* ---- IV.H ---- */
static void test_h_untrained(void **state)
{
    struct fx *f = *state;
    cases(f);
    f->ctx.user = "bob";
    struct got_audit g;
    expect(f, Q_OK, "deny", "IV.H", &g);
    assert_string_equal(g.action, "query");
    expect(f, "case list", "deny", "IV.H", NULL);
    assert_int_equal(json_array_size(json_object_get(f->res.doc, "results")),
                     0);
    f->ctx.user = "mallory";
    usage_error(f, "case list", "unknown user 'mallory'");
    f->ctx.user = "alice";
    expect(f, "case list", "allow", NULL, NULL);
    assert_int_equal(json_array_size(json_object_get(f->res.doc, "results")),
                     2);
}

/* ---- IV.J.1, IV.J.2 ---- */
static void test_j_windows(void **state)
{
    struct fx *f = *state;
    cases(f);
    expect(f, "query --plate 1234ABC --from 2021-03-02 --to 2026-03-01 "
              "--case C-1 --reason 'locate the removal target vehicle'",
           "allow", "IV.J.2", NULL);
    expect(f, "query --plate 1234ABC --from 2021-03-01 --to 2026-03-01 "
              "--case C-1 --reason 'locate the removal target vehicle'",
           "deny", "IV.J.2", NULL);
    assert_non_null(strstr(f->res.err.msg, "five years"));
    assert_non_null(strstr(f->res.err.msg, "2021-03-02"));
    expect(f, "query --plate 1234ABC --from 2022-01-01 --to 2026-03-01 "
              "--case K-1 --reason 'trace the smuggling suspect vehicle'",
           "allow", "IV.J.1", NULL);
    expect(f, "query --plate 1234ABC --from 2020-01-01 --to 2026-03-01 "
              "--case K-1 --reason 'trace the smuggling suspect vehicle'",
           "deny", "IV.J.1", NULL);
    expect(f, "case add --number K-2 --type criminal --violation 8USC1325 "
              "--limitation-years 1", "allow", NULL, NULL);
    expect(f, "query --plate 1234ABC --from 2024-06-01 --to 2026-03-01 "
              "--case K-2 --reason 'trace the smuggling suspect vehicle'",
           "deny", "IV.J.1", NULL);
    expect(f, "case add --number K-3 --type criminal --violation 18USC1581",
           "allow", NULL, NULL);
    json_t *doc = expect(f, "query --plate 1234ABC --from 2000-01-01 --to "
                            "2026-03-01 --case K-3 --reason 'trace the "
                            "peonage suspect vehicle'", "allow", "IV.J.1",
                         NULL);
    /* the 2019 read is inside this unlimited window */
    assert_true(json_array_size(json_object_get(doc, "results")) >= 5);
    expect(f, "query --plate 1234ABC --case C-1 --reason 'locate the "
              "removal target vehicle'", "deny", "IV.J.2", NULL);
}

/* ---- IV.K.1 .. IV.K.4 ---- */
static int ledger_row(void *arg, const struct lp_ledger *l)
{
    int64_t *keep = arg;
    if (strcmp(l->event, "add") == 0)
        *keep = l->keep_until;
    return 0;
}

static void test_k_hotlist(void **state)
{
    struct fx *f = *state;
    cases(f);
    json_t *added = expect(f, "hotlist add --plate 1234ABC --case C-1 "
                              "--tracking HSI-2026-0042", "allow", "IV.K.3",
                           NULL);
    assert_true(has_rule(added, "IV.K.1") && has_rule(added, "IV.K.2"));
    int64_t keep = 0;
    assert_int_equal(store_ledger_each(f->st, ledger_row, &keep), 0);
    assert_int_equal(keep, lptime_add_years(t(NOW), 5));
    expect(f, "hotlist add --plate 5678DEF --case C-1 --tracking "
              "HSI-2026-0043 --note 'owner is Dana Quill, A123456789'",
           "deny", "IV.K.2", NULL);
    /* no free text through the tracking number either */
    expect(f, "hotlist add --plate 5678DEF --case C-1 --tracking "
              "DanaQuill", "deny", "IV.K.2", NULL);
    expect(f, "hotlist add --plate 5678DEF --case C-1 --tracking "
              "04/12/1988", "deny", "IV.K.2", NULL);
    expect(f, "hotlist add --plate 5678DEF --case NOPE --tracking T-100",
           "deny", "IV.K.1", NULL);
    /* "any associated" tracking number: none is fine */
    added = expect(f, "hotlist add --plate 5678DEF --case C-1", "allow",
                   "IV.K.3", NULL);
    assert_true(json_is_null(json_object_get(json_array_get(
        json_object_get(added, "results"), 0), "tracking")));
    expect(f, "hotlist add --plate 1234ABC --case C-1 --tracking T-100",
           "warn", "IV.K.3", NULL);
    assert_int_equal(count(f, "SELECT count(*) FROM hotlist_entries"), 2);
    /* the same plate for a second case: a second entry, in the ledger */
    expect(f, "hotlist add --plate 1234ABC --case K-1 --tracking T-101",
           "allow", "IV.K.3", NULL);
    assert_non_null(strstr(f->res.text.buf, "second case"));
    assert_int_equal(count(f, "SELECT count(*) FROM hotlist_ledger WHERE "
                              "event='add' AND plate='1234ABC' AND "
                              "case_number='K-1' AND detail LIKE "
                              "'second case%C-1%'"), 1);
    expect(f, "hotlist review", "allow", "IV.K.4", NULL);
    /* a new read of the plate raises a hit */
    f->ctx.now = t("2026-03-02T10:00:00Z");
    int64_t hit = add_read(f->st, "1234ABC", "2026-03-02T09:30:00Z", "cam-09",
                           38.62, -97.52, 0.97, "lea");
    json_t *doc = expect(f, "hotlist hits", "allow", NULL, NULL);
    /* one hit per case the plate is listed for */
    assert_int_equal(json_array_size(json_object_get(doc, "results")), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(
        json_object_get(doc, "results"), 0), "read_id")), hit);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(
        json_object_get(doc, "results"), 1), "read_id")), hit);
    doc = expect(f, "hotlist hits", "allow", NULL, NULL);
    assert_int_equal(json_array_size(json_object_get(doc, "results")), 0);
    /* a query of the plate mentions its hits */
    doc = expect(f, "query --plate 1234ABC --from 2026-03-01 --to "
                    "2026-03-02T10:00:00Z --case C-1 --reason 'locate the "
                    "removal target vehicle'", "allow", NULL, NULL);
    assert_int_equal(json_integer_value(json_object_get(doc, "hits")), 2);
    assert_non_null(strstr(f->res.text.buf, "on the hotlist: 2 hits"));
    /* closing the case makes the entry stale: no alert, a finding of the
     * review (the K-1 entry still alerts) */
    expect(f, "case close C-1", "warn", "IV.K.4", NULL);
    f->ctx.now = t("2026-03-02T11:00:00Z");
    add_read(f->st, "5678DEF", "2026-03-02T10:30:00Z", "cam-09", 38.62,
             -97.52, 0.97, "lea");
    add_read(f->st, "1234ABC", "2026-03-02T10:40:00Z", "cam-09", 38.62,
             -97.52, 0.97, "lea");
    doc = expect(f, "hotlist hits", "allow", NULL, NULL);
    assert_int_equal(json_array_size(json_object_get(doc, "results")), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(
        json_object_get(doc, "results"), 0), "case")), "K-1");
    doc = expect(f, "hotlist review", "warn", "IV.K.1", NULL);
    assert_non_null(strstr(f->res.text.buf, "stale"));
    expect(f, "hotlist remove --plate 5678DEF --reason 'case C-1 closed, "
              "plate no longer needed'", "allow", "IV.K.4", NULL);
    /* a year later the review is overdue: adding is refused */
    f->ctx.now = t("2027-06-01T09:00:00Z");
    expect(f, "case add --number C-9 --type civil", "allow", NULL, NULL);
    expect(f, "hotlist add --plate 1111GHI --case C-9 --tracking T-200",
           "deny", "IV.K.4", NULL);
    doc = expect(f, "hotlist review", "warn", "IV.K.4", NULL);
    expect(f, "hotlist add --plate 1111GHI --case C-9 --tracking T-200",
           "allow", NULL, NULL);
    expect(f, "hotlist remove --plate 1234ABC --reason 'case closed, plate "
              "no longer needed'", "allow", "IV.K.4", NULL);
    expect(f, "hotlist remove --plate 1234ABC --reason 'case closed, plate "
              "no longer needed'", "allow", "IV.K.4", NULL);
    expect(f, "hotlist remove --plate 1111GHI --reason 'done'", "deny",
           "IV.M.1", NULL);
    usage_error(f, "hotlist remove --plate 0000ZZZ --reason 'no longer "
                "needed for case'", "not on the hotlist");
    assert_int_equal(count(f, "SELECT count(*) FROM hotlist_ledger WHERE "
                              "event='remove'"), 3);
    /* five years after the list's creation the ledger rows expire: the
     * review says so, the purge removes them */
    int64_t rows = count(f, "SELECT count(*) FROM hotlist_ledger");
    f->ctx.now = t("2031-03-01T09:00:00Z");
    expect(f, "hotlist purge", "allow", "IV.K.3", NULL);
    assert_int_equal(count(f, "SELECT count(*) FROM hotlist_ledger"), rows);
    f->ctx.now = t("2031-03-03T09:00:00Z");
    expect(f, "case add --number C-10 --type civil", "allow", NULL, NULL);
    doc = expect(f, "hotlist review", "warn", "IV.K.3", NULL);
    assert_non_null(strstr(f->res.text.buf, "hotlist purge"));
    doc = expect(f, "hotlist purge", "allow", "IV.K.3", NULL);
    assert_true(json_integer_value(json_object_get(doc, "purged")) >= rows);
    assert_int_equal(count(f, "SELECT count(*) FROM hotlist_ledger WHERE "
                              "keep_until<=strftime('%s','2031-03-03')"), 0);
}

/* IV.K.4: due on the calendar anniversary, 29 February included. */
static void test_k4_anniversary(void **state)
{
    struct fx *f = *state;
    f->ctx.now = t("2024-02-29T09:00:00Z");
    expect(f, "case add --number C-1 --type civil", "allow", NULL, NULL);
    expect(f, "hotlist add --plate 1234ABC --case C-1", "allow", NULL,
           NULL);
    /* 28 February 2025 is the anniversary of a list made on 29 February */
    f->ctx.now = t("2025-02-28T18:00:00Z");
    expect(f, "hotlist add --plate 5678DEF --case C-1", "allow", NULL,
           NULL);
    f->ctx.now = t("2025-03-01T08:00:00Z");
    expect(f, "hotlist add --plate 9876XYZ --case C-1", "deny", "IV.K.4",
           NULL);
    assert_non_null(strstr(f->res.err.msg, "2025-02-28"));
    expect(f, "hotlist review", "warn", "IV.K.4", NULL);
    /* reviewed 2025-03-01: next due 2026-03-01, not 365 days on */
    f->ctx.now = t("2026-03-01T20:00:00Z");
    expect(f, "hotlist add --plate 9876XYZ --case C-1", "allow", NULL,
           NULL);
    f->ctx.now = t("2026-03-02T01:00:00Z");
    expect(f, "hotlist add --plate 5555QRS --case C-1", "deny", "IV.K.4",
           NULL);
}

/* ---- IV.L ---- */
static void test_l_analyze(void **state)
{
    struct fx *f = *state;
    cases(f);
    json_t *doc = expect(f, "analyze --plate 1234ABC --from 2025-01-01 --to "
                            "2026-03-01 --case C-1 --reason 'learn the "
                            "target vehicle routine'", "allow", "IV.L",
                         NULL);
    assert_int_equal(json_integer_value(json_object_get(doc, "reads")), 4);
    assert_int_equal(json_array_size(json_object_get(doc, "hours")), 24);
    assert_true(has_rule(doc, "IV.D"));
    expect(f, "analyze --from 2025-01-01 --to 2026-03-01 --case C-1 "
              "--reason 'learn the target vehicle routine'", "deny", "IV.L",
           NULL);
    expect(f, "analyze --plate 'AB*' --from 2025-01-01 --to 2026-03-01 "
              "--case C-1 --reason 'learn the target vehicle routine'",
           "deny", "IV.L", NULL);
    expect(f, "analyze --plate 1234ABC --from 2019-01-01 --to 2026-03-01 "
              "--case C-1 --reason 'learn the target vehicle routine'",
           "deny", "IV.J.2", NULL);
}

/* ---- IV.M.1, IV.M.2 ---- */
static void test_m_reasons_and_review(void **state)
{
    struct fx *f = *state;
    cases(f);
    int64_t reads = count(f, "SELECT count(*) FROM reads");
    expect(f, "query --plate 1234ABC --from 2025-01-01 --to 2026-03-01 "
              "--case C-1", "deny", "IV.M.1", NULL);
    expect(f, "query --plate 1234ABC --from 2025-01-01 --to 2026-03-01 "
              "--case C-1 --reason investigation", "deny", "IV.M.1", NULL);
    expect(f, "query --plate 1234ABC --from 2025-01-01 --to 2026-03-01 "
              "--case C-1 --reason \"x'; DROP TABLE reads; --\"", "deny",
           "IV.M.1", NULL);
    assert_int_equal(count(f, "SELECT count(*) FROM reads"), reads);
    struct sb line;
    sb_init(&line);
    sb_puts(&line, "query --plate 1234ABC --from 2025-01-01 --to 2026-03-01 "
                   "--case C-1 --reason ");
    for (int i = 0; i < 10000; i++)
        sb_putc(&line, 'a' + i % 26);
    struct got_audit g;
    expect(f, line.buf, "deny", "IV.M.1", &g);
    assert_true(strlen(g.reason) < 700);
    assert_non_null(strstr(g.reason, "10000 characters"));
    sb_free(&line);
    /* Bytes that are not UTF-8: refused, and the audit keeps text. */
    expect(f, "query --plate 1234ABC --from 2025-01-01 --to 2026-03-01 "
              "--case C-1 --reason 'locate the \xff target vehicle'",
           "deny", "IV.M.1", &g);
    assert_string_equal(g.reason, "locate the ? target vehicle");
    json_t *d = expect(f, "query --plate 12\xfe" "34AB --from 2025-01-01 --to "
                          "2026-03-01 --case C-1 --reason 'locate the "
                          "target vehicle'", "deny", "IV.B", &g);
    assert_non_null(json_string_value(json_object_get(d, "reason")));
    assert_string_equal(g.plate, "12?34AB");
    /* Every query leaves its six fields. */
    expect(f, Q_OK, "allow", NULL, &g);
    assert_string_equal(g.plate, "1234ABC");
    assert_string_equal(g.reason, "locate the removal target vehicle");
    /* Half a year on, no audit review has been recorded: IV.M.2. */
    f->ctx.now = t("2026-09-01T09:00:00Z");
    expect(f, "query --plate 1234ABC --from 2025-01-01 --to 2026-03-01 "
              "--case C-1 --reason 'locate the removal target vehicle'",
           "warn", "IV.M.2", NULL);
}

/* ---- transcript rows and the state-60day profile ---- */
static void test_transcript_and_profile(void **state)
{
    struct fx *f = *state;
    cases(f);
    assert_int_equal(store_exec(f->st, "INSERT INTO sessions(id,user_id,"
                                       "scenario_id,seed,mode,started_at) "
                                       "VALUES(7,'alice','s1',1,'practice',"
                                       "0)"), 0);
    f->ctx.session_id = 7;
    expect(f, Q_OK, "allow", NULL, NULL);
    expect(f, "query --plate 'ABC*' --case C-1", "deny", "IV.B", NULL);
    assert_int_equal(count(f, "SELECT max(seq) FROM transcript WHERE "
                              "session_id=7"), 2);
    assert_int_equal(count(f, "SELECT count(*) FROM transcript WHERE seq=2 "
                              "AND line='query --plate ''ABC*'' --case C-1' "
                              "AND verdict='deny' AND rules LIKE '%IV.B%'"),
                     1);
    assert_int_equal(count(f, "SELECT count(*) FROM transcript t JOIN audit "
                              "a ON a.id=t.audit_id WHERE a.session_id=7"),
                     2);
    f->ctx.session_id = 0;
    ctx_release(&f->ctx);
    f->ctx.profile = "state-60day";
    json_t *doc = expect(f, "query --plate 1234ABC --from 2025-06-01 --to "
                            "2026-03-01 --case C-1 --reason 'locate the "
                            "removal target vehicle'", "warn", "IV.G", NULL);
    assert_non_null(strstr(json_string_value(json_object_get(doc,
                                                             "profile")),
                           "state-60day"));
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(doc, "results"), i, o)
        assert_true(t(json_string_value(json_object_get(o, "observed_at")))
                    >= t(NOW) - 60 * LPTIME_DAY);
    expect(f, "query --plate 1234ABC --from 2025-01-01 --to 2026-03-01 "
              "--case C-1 --reason 'locate the removal target vehicle'",
           "deny", "IV.J.2", NULL);
    expect(f, "share --to 'Port Calder Police Department'", "deny", "IV.C",
           NULL);
    f->ctx.profile = NULL;
}

/* One hotlist-hit scan: what the import/generator path raised, the
 * "hotlist hits" action does not raise again, and the other way round. */
static void test_one_hit_scan(void **state)
{
    struct fx *f = *state;
    cases(f);
    expect(f, "hotlist add --plate 1234ABC --case C-1 --tracking "
              "HSI-2026-0042", "allow", NULL, NULL);
    f->ctx.now = t("2026-03-02T10:00:00Z");
    add_read(f->st, "1234ABC", "2026-03-02T09:30:00Z", "cam-09", 38.62,
             -97.52, 0.97, "lea");
    assert_int_equal(action_scan_hits(&f->ctx), 1);     /* after an import */
    assert_int_equal(action_scan_hits(&f->ctx), 0);
    json_t *doc = expect(f, "hotlist hits", "allow", NULL, NULL);
    assert_int_equal(json_array_size(json_object_get(doc, "results")), 1);
    assert_int_equal(count(f, "SELECT count(*) FROM hits"), 1);
    add_read(f->st, "1234ABC", "2026-03-02T09:40:00Z", "cam-09", 38.62,
             -97.52, 0.97, "lea");
    expect(f, "hotlist hits", "allow", NULL, NULL);
    assert_int_equal(action_scan_hits(&f->ctx), 0);
    assert_int_equal(count(f, "SELECT count(*) FROM hits"), 2);
    /* inside a caller's transaction it joins it: a rollback undoes it */
    add_read(f->st, "1234ABC", "2026-03-02T09:50:00Z", "cam-09", 38.62,
             -97.52, 0.97, "lea");
    assert_int_equal(store_begin(f->st), 0);
    assert_int_equal(action_scan_hits(&f->ctx), 1);
    store_rollback(f->st);
    assert_int_equal(count(f, "SELECT count(*) FROM hits"), 2);
    assert_int_equal(action_scan_hits(&f->ctx), 1);
}

/* The action table is the one list of action names: no hole in it, every
 * entry named, summarised and placed in an overview section, and the full
 * names the audit log uses are exactly the table's. */
static void test_table_is_the_one_list(void **state)
{
    (void)state;
    struct action_info in;
    size_t n = 0;
    for (size_t i = 0; action_info_at(i, &in) == 0; i++, n++) {
        assert_non_null(in.name);
        assert_non_null(in.summary);
        assert_true(in.group > ACT_GROUP_OTHER && in.group < ACT_GROUP__COUNT);
        char full[64];
        snprintf(full, sizeof full, "%s%s%s", in.name, in.sub ? " " : "",
                 in.sub ? in.sub : "");
        assert_true(action_name_known(full));
        char *w[2] = {(char *)in.name, (char *)in.sub};
        assert_true(action_known(in.sub ? 2 : 1, w));
    }
    assert_int_equal(n, action_count());
    assert_true(n >= 18);
    assert_true(action_name_known("hotlist add"));
    assert_false(action_name_known("hotlist"));
    assert_false(action_name_known("hotlist  add"));
    assert_false(action_name_known("query x"));
    assert_false(action_name_known("audit list"));   /* a command, no action */
    assert_false(action_name_known(NULL));
}

const char harness_name[] = "action";
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
const struct CMUnitTest harness_tests[] = {
    T(test_a1_case),
    T(test_a2_a3_d_enforce),
    T(test_i_results_and_flags),
    T(test_b_plates_and_area),
    T(test_b_geo_allowed_by_profile),
    T(test_c_share),
    T(test_e_protected),
    T(test_f_g_upload_wipe),
    T(test_f_wipe_hold_window),
    T(test_m2_multicase_refer),
    T(test_h_untrained),
    T(test_j_windows),
    T(test_k_hotlist),
    T(test_k4_anniversary),
    T(test_l_analyze),
    T(test_m_reasons_and_review),
    T(test_transcript_and_profile),
    T(test_one_hit_scan),
    cmocka_unit_test(test_table_is_the_one_list),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
