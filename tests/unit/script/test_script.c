/*
 * test_script.c - the scenario engine: the sandboxed Lua host (each
 * forbidden capability tried), the loader's lint with file:line messages,
 * variants from the seed, checks and scoring, replay determinism (in fresh
 * processes) and resume after a kill -9 in the middle of a run.
 */
#include "harness.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/learn/curriculum.h"
#include "core/store/store_cert.h"
#include "core/store/store_people.h"
#include "core/store/store_audit.h"
#include "core/store/store_scenario.h"
#include "core/world/roster.h"
#include "script/check.h"
#include "script/scenario.h"
#include "core/policy/rules.h"
#include "script/track.h"
#include "util/lptime.h"
#include "util/paths.h"

/* Loads a scenario written from text; returns the status, err filled. */
static int load_text(const char *body, struct lp_err *err, char **dir_out)
{
    char *dir = harness_tmpdir();
    char *path = xasprintf("%s/t.lua", dir);
    harness_write(path, body);
    struct scenario *sc = NULL;
    int rc = scenario_load(path, 1, &sc, err);
    scenario_free(sc);
    free(path);
    if (dir_out)
        *dir_out = dir;
    else {
        harness_rmdir(dir);
        free(dir);
    }
    return rc;
}

/* A scenario whose first line runs code (the rest is valid). */
static char *with_code(const char *code)
{
    return xasprintf(
        "%s\nreturn {id='t', title='T', rules={'IV.A.1'}, now='2026-03-02',"
        " briefing='b', objectives={{text='q', weight=1, rules={'IV.A.1'},"
        " check={did='query'}}}, solution={'query'}}\n", code);
}

static void expect_refused(const char *code, const char *msg_part)
{
    struct lp_err err = {0};
    char *src = with_code(code);
    int rc = load_text(src, &err, NULL);
    free(src);
    if (rc == 0)
        fail_msg("'%s' was allowed", code);
    if (!strstr(err.msg, "t.lua:1:") && !strstr(err.msg, "t.lua:"))
        fail_msg("'%s': no file:line in '%s'", code, err.msg);
    if (msg_part && !strstr(err.msg, msg_part))
        fail_msg("'%s': expected '%s' in '%s'", code, msg_part, err.msg);
}

static void test_sandbox_forbidden(void **state)
{
    (void)state;
    expect_refused("local f = io.open('/etc/passwd')", "'io'");
    expect_refused("os.exit(0)", "'os'");
    expect_refused("os.execute('true')", "'os'");
    expect_refused("load('return 1')()", "'load'");
    expect_refused("dofile('/etc/passwd')", "'dofile'");
    expect_refused("loadfile('/etc/passwd')", "'loadfile'");
    expect_refused("require('os')", "'require'");
    expect_refused("debug.traceback()", "'debug'");
    expect_refused("package.loadlib('x','y')", "'package'");
    expect_refused("string.dump(function() end)", "'dump'");
    expect_refused("collectgarbage('collect')", "collectgarbage");
    expect_refused("math.randomseed(1)", "'randomseed'");
    expect_refused("print('x')", "'print'");
    expect_refused("coroutine.create(print)", "'coroutine'");
}

static void test_sandbox_limits(void **state)
{
    (void)state;
    /* endless loop: the instruction budget */
    expect_refused("while true do end", "instruction budget");
    /* the budget cannot be caught by pcall or xpcall */
    expect_refused("while true do pcall(function() while true do end end) "
                   "end", "instruction budget");
    expect_refused("xpcall(function() while 1 do end end, "
                   "function() while 1 do end end)", "instruction budget");
    /* a gigabyte string: string.rep's cap */
    expect_refused("local s = string.rep('x', 1024*1024*1024)", "too large");
    /* memory bomb by growth: the allocator's cap */
    expect_refused("local t = {} for i = 1, 1e8 do t[i] = ('x'):rep(1000) .. "
                   "i end", NULL);
    /* a pattern that never ends: capped lengths, then the hard limit */
    expect_refused("string.find(('a'):rep(20000), 'b')", "subject too long");
    expect_refused("string.find(('a'):rep(200), ('a*'):rep(6)..'b')",
                   "ran too long");
    /* binary chunks are refused */
    struct lp_err err = {0};
    assert_true(load_text("\x1bLua\x54\x00junk", &err, NULL) < 0);
    assert_non_null(strstr(err.msg, "t.lua"));
}

/* A scenario that loads (0) after running code: asserts inside the code
 * are what this checks. */
static void expect_loads(const char *code)
{
    struct lp_err err = {0};
    char *src = with_code(code);
    int rc = load_text(src, &err, NULL);
    free(src);
    if (rc != 0)
        fail_msg("'%s' was refused: %s", code, err.msg);
}

/* Nothing in the sandbox shows a memory address or a hash order: a replay
 * must be byte-identical to the run it replays (issue: replays). */
static void test_no_addresses(void **state)
{
    (void)state;
    expect_loads("assert(tostring({}) == 'table', tostring({}))");
    expect_loads("assert(tostring(print or pairs) == 'function')");
    expect_loads("assert(string.format('%s|%5s', {}, 'x') == 'table|    x')");
    expect_loads("assert(tostring(setmetatable({}, {__tostring = function() "
                 "return 'mine' end})) == 'mine')");
    expect_refused("local s = string.format('%p', {})", "%p is not allowed");
    expect_refused("local s = ('%p'):format(pairs)", "%p is not allowed");
    /* next() walks in the order of pairs, whatever the string hash seed */
    expect_loads("local t = {zeta=1, alpha=2, mid=3, [2]=4, [1]=5} "
                 "local k, out = nil, '' repeat k = next(t, k) "
                 "if k then out = out .. tostring(k) .. ',' end until not k "
                 "assert(out == '1,2,alpha,mid,zeta,', out) "
                 "assert(next({}) == nil)");
}

/* Extreme integers to sim.* end as a Lua error naming the argument, never
 * as undefined behaviour (sim.int(minint, maxint) raised SIGFPE). */
static void test_extreme_integers(void **state)
{
    (void)state;
    expect_loads("local v = sim.int(math.mininteger, math.maxinteger) "
                 "assert(math.type(v) == 'integer')");
    expect_loads("local v = sim.int(math.maxinteger - 1, math.maxinteger) "
                 "assert(v >= math.maxinteger - 1)");
    expect_loads("local v = sim.int(math.mininteger, math.mininteger) "
                 "assert(v == math.mininteger)");
    expect_refused("sim.date('2026-01-01', math.mininteger, math.maxinteger)",
                   "bad interval");
    expect_refused("sim.days('2026-01-01', math.mininteger)", "out of range");
    expect_refused("sim.years('2026-01-01', math.maxinteger)", "out of range");
    expect_refused("sim.hours('2026-01-01', math.mininteger)", "out of range");
}

/* Scenario text is hostile input: control characters a terminal would act
 * on (C0 but tab and newline, DEL, C1) are refused, numbers are range
 * checked, lists are bounded, and a metatable on the returned table cannot
 * abort the evaluator. */
static void test_hostile_data(void **state)
{
    (void)state;
    struct lp_err err = {0};
    static const char *const bad_text[] = {"a\\27[2Jb", "a\\7b", "a\\rb",
                                           "a\\127b", "a\\194\\133b",
                                           "a\\194\\155b"};
    for (size_t i = 0; i < sizeof bad_text / sizeof bad_text[0]; i++) {
        char *src = xasprintf(
            "return {id='t', title='T', rules={'IV.A.1'}, now='2026-03-02',"
            " briefing='%s', objectives={{text='q', weight=1, "
            "rules={'IV.A.1'}, check={did='query'}}}, solution={'query'}}\n",
            bad_text[i]);
        int rc = load_text(src, &err, NULL);
        free(src);
        if (rc == 0 || !strstr(err.msg, "control character"))
            fail_msg("briefing '%s' was not refused (%s)", bad_text[i],
                     err.msg);
    }
    expect_loads("local s = 'tab\\there\\nnewline'");
    /* errors of the returned table name the line of their field */
    assert_true(load_text("-- one\n-- two\nreturn {id='t', title='T',\n"
                          " briefing='a\\27b'}\n", &err, NULL) < 0);
    assert_non_null(strstr(err.msg, "t.lua:4: briefing: text holds control"));
    assert_true(load_text("return {id='t',\n title='\\255'}\n", &err,
                          NULL) < 0);
    assert_non_null(strstr(err.msg, "t.lua:2: title: text is not valid"));
    /* duplicate read ids are named by lint with their line */
    char *dup = xasprintf(
        "return {id='t', title='T', rules={'IV.A.1'}, now='2026-03-02',"
        " briefing='b', objectives={{text='q', weight=1, rules={'IV.A.1'}, "
        "check={did='query'}}}, solution={'query'},\n reads={{id=7, "
        "plate='ABC1234', state='VA', at='2026-03-01', camera='LEA-101'}, "
        "{id=7, plate='ABC1235', state='VA', at='2026-03-01', "
        "camera='LEA-101'}}}\n");
    assert_true(load_text(dup, &err, NULL) < 0);
    free(dup);
    assert_non_null(strstr(err.msg, "t.lua:2: read id 7 is used twice"));
    /* out-of-range numbers name their place */
    char *src = xasprintf(
        "return {id='t', title='T', rules={'IV.A.1'}, now='2026-03-02',"
        " briefing='b', cases={{number='C-1', type='criminal', "
        "limitation_years=math.maxinteger, opened='2026-01-01'}},"
        " objectives={{text='q', weight=1, rules={'IV.A.1'}, "
        "check={did='query', max_days=math.maxinteger}}}, "
        "solution={'query'}}\n");
    assert_true(load_text(src, &err, NULL) < 0);
    free(src);
    assert_non_null(strstr(err.msg, "limitation_years must be from 0 to 100"));
    src = xasprintf(
        "return {id='t', title='T', rules={'IV.A.1'}, now='2026-03-02',"
        " briefing='b', objectives={{text='q', weight=1, rules={'IV.A.1'}, "
        "check={did='query', max_days=-1}}}, solution={'query'}}\n");
    assert_true(load_text(src, &err, NULL) < 0);
    free(src);
    assert_non_null(strstr(err.msg, "'max_days' must be a whole number"));
    /* bounded lists */
    src = xasprintf(
        "local p = {} for i = 1, 21 do p[i] = {name='p'..i, rule='IV.A.1', "
        "actions={'query'}} end\n"
        "return {id='t', title='T', rules={'IV.A.1'}, now='2026-03-02',"
        " briefing='b', objectives={{text='q', weight=1, rules={'IV.A.1'}, "
        "check={did='query'}}}, solution={'query'}, pitfalls=p}\n");
    assert_true(load_text(src, &err, NULL) < 0);
    free(src);
    assert_non_null(strstr(err.msg, "pitfalls holds 21 entries (at most 20)"));
    /* a metatable whose every metamethod raises: an error of the file */
    assert_true(load_text("return setmetatable({}, {__index = function() "
                          "error('boom') end, __newindex = function() "
                          "error('boom') end, __len = function() "
                          "error('boom') end})\n", &err, NULL) < 0);
    assert_non_null(strstr(err.msg, "t.lua"));
    assert_null(strstr(err.msg, "crashed"));
}

/* A typo in a solution or pitfall line is named at its line by lint, with
 * the action table's own parser (not found later as an unreachable
 * objective). */
static void test_lint_action_lines(void **state)
{
    (void)state;
    struct lp_err err = {0};
    static const struct {
        const char *line, *msg;
    } bad[] = {
        {"query --plat ABC1234", "solution line 1: query: unknown option"},
        {"qeury --plate ABC1234", "solution line 1: no action 'qeury'"},
        {"hotlist ad --plate ABC1234", "solution line 1: no action 'hotlist ad'"},
        {"reply --request R9 --decision decline",
         "reply: --request must name a request"},
        {"reply --request R1 --decision maybe", "--decision must be"},
        {"reply --request R1 --decision decline --rule IV.Z",
         "--rule must be a rule id"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *src = xasprintf(
            "return {id='t', title='T', rules={'IV.A.1'}, now='2026-03-02',"
            " briefing='b', inbox={{id='R1', from='x', body='y'}},"
            " objectives={{text='q', weight=1, rules={'IV.A.1'}, "
            "check={did='query'}}},\n solution={\"%s\"}}\n", bad[i].line);
        int rc = load_text(src, &err, NULL);
        free(src);
        if (rc == 0 || !strstr(err.msg, bad[i].msg) || !strstr(err.msg, "t.lua:2:"))
            fail_msg("'%s': expected '%s' at t.lua:2, got '%s'", bad[i].line,
                     bad[i].msg, rc ? err.msg : "(accepted)");
    }
    char *src = xasprintf(
        "return {id='t', title='T', rules={'IV.A.1'}, now='2026-03-02',"
        " briefing='b', objectives={{text='q', weight=1, rules={'IV.A.1'}, "
        "check={did='query'}}}, solution={'query'},\n pitfalls={{name='p', "
        "rule='IV.A.1', actions={'query --reason'}}}}\n");
    assert_true(load_text(src, &err, NULL) < 0);
    free(src);
    assert_non_null(strstr(err.msg, "pitfall 'p' line 1: query:"));
}

/* The actions a check may name are the action table's (and "reply"): a
 * CLI command that no scenario line can record is unreachable. */
static void test_lint_did_from_the_action_table(void **state)
{
    (void)state;
    struct lp_err err = {0};
    static const char *const ok[] = {"device wipe", "hotlist hits",
                                     "audit add", "reply", "query"};
    static const char *const bad[] = {"audit list", "audit verify",
                                      "hotlist", "roster add", "query x"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char *src = xasprintf(
            "return {id='t', title='T', rules={'IV.A.1'}, now='2026-03-02',"
            " briefing='b', objectives={{text='q', weight=1, rules="
            "{'IV.A.1'}, check={never='%s'}}}, solution={'query'}}\n",
            ok[i]);
        int rc = load_text(src, &err, NULL);
        free(src);
        if (rc)
            fail_msg("never='%s' refused: %s", ok[i], err.msg);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *src = xasprintf(
            "return {id='t', title='T', rules={'IV.A.1'}, now='2026-03-02',"
            " briefing='b', objectives={{text='q', weight=1, rules="
            "{'IV.A.1'}, check={did='%s'}}}, solution={'query'}}\n", bad[i]);
        int rc = load_text(src, &err, NULL);
        free(src);
        if (rc == 0 || !strstr(err.msg, "unknown action"))
            fail_msg("did='%s': expected 'unknown action', got '%s'", bad[i],
                     rc ? err.msg : "(accepted)");
    }
}

/* The coverage matrix counts each scenario once per rule its objectives
 * teach, for every rule of the catalogue. */
static void test_coverage(void **state)
{
    (void)state;
    struct lp_err err = {0};
    json_t *cov = NULL;
    assert_ok(scenario_coverage(paths_root(), "initial", &cov, &err), &err);
    json_t *rules = json_object_get(cov, "rules");
    assert_int_equal(json_object_size(rules), rule_count());
    /* misread-hit teaches IV.A.2 in its objectives */
    json_t *a2 = json_object_get(rules, RULE_IV_A_2);
    size_t i;
    json_t *x;
    int found = 0;
    json_array_foreach(a2, i, x)
        found |= strcmp(json_string_value(x), "misread-hit") == 0;
    assert_true(found);
    assert_int_equal(json_integer_value(json_object_get(cov, "min")), 2);
    json_decref(cov);
    assert_int_equal(scenario_coverage(paths_root(), "no-such-track", &cov,
                                       &err), -LP_USAGE);
}

static void test_lint_messages(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct scenario *sc = NULL;
    char *p = harness_path("tests/fixtures/scn/syntax.lua");
    assert_true(scenario_load(p, 1, &sc, &err) < 0);
    assert_non_null(strstr(err.msg, "syntax.lua:3:"));
    free(p);
    p = harness_path("tests/fixtures/scn/unknown_key.lua");
    assert_int_equal(scenario_load(p, 1, &sc, &err), -LP_USAGE);
    assert_non_null(strstr(err.msg, "unknown_key.lua:4: unknown key "
                                     "'objectivs'"));
    free(p);
    p = harness_path("tests/fixtures/scn/no_rules.lua");
    assert_int_equal(scenario_load(p, 1, &sc, &err), -LP_USAGE);
    assert_non_null(strstr(err.msg, "no_rules.lua:5:"));
    assert_non_null(strstr(err.msg, "no rule ids"));
    free(p);
    p = harness_path("tests/fixtures/scn/missing.lua");
    assert_int_equal(scenario_load(p, 1, &sc, &err), -LP_USAGE);
    assert_non_null(strstr(err.msg, "missing field 'title'"));
    free(p);
    /* weights, unknown actions, unknown requests */
    char *src = with_code("");
    char *bad = xasprintf("%s", src);
    free(src);
    free(bad);
    assert_true(load_text("return {id='t', title='T', rules={'IV.A.1'}, "
                          "now='2026-03-02', briefing='b', objectives={{"
                          "text='q', weight=0, rules={'IV.A.1'}, check={did="
                          "'query'}}}, solution={'query'}}", &err, NULL) < 0);
    assert_non_null(strstr(err.msg, "weight must be above 0"));
    assert_true(load_text("return {id='t', title='T', rules={'IV.A.1'}, "
                          "now='2026-03-02', briefing='b', objectives={{"
                          "text='q', weight=1, rules={'IV.A.1'}, check={did="
                          "'teleport'}}}, solution={'query'}}", &err,
                          NULL) < 0);
    assert_non_null(strstr(err.msg, "unknown action 'teleport'"));
    assert_true(load_text("return {id='t', title='T', rules={'IV.A.1'}, "
                          "now='2026-03-02', briefing='b', objectives={{"
                          "text='q', weight=1, rules={'IV.Z'}, check={did="
                          "'query'}}}, solution={'query'}}", &err, NULL) < 0);
    assert_non_null(strstr(err.msg, "unknown rule id 'IV.Z'"));
    assert_true(load_text("return {id='t', title='T', rules={'IV.A.1'}, "
                          "now='2026-03-02', briefing='b', objectives={{"
                          "text='q', weight=1, rules={'IV.A.1'}, check={"
                          "replied='r9'}}}, solution={'query'}}", &err,
                          NULL) < 0);
    assert_non_null(strstr(err.msg, "no inbox request 'r9'"));
}

static void test_unreachable_objective(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct sb out;
    sb_init(&out);
    char *p = harness_path("tests/fixtures/scn/unreachable.lua");
    assert_int_equal(scenario_check(p, &out, &err), -LP_FAIL);
    assert_non_null(strstr(out.buf, "unreachable.lua:10:"));
    assert_non_null(strstr(out.buf, "'never reached' is unreachable"));
    sb_free(&out);
    free(p);
}

static void test_variants_from_seed(void **state)
{
    (void)state;
    struct lp_err err = {0};
    char *p = harness_path("scenarios/one-word-reason.lua");
    struct scenario *a = NULL, *b = NULL, *c = NULL;
    assert_ok(scenario_load(p, 7, &a, &err), &err);
    assert_ok(scenario_load(p, 7, &b, &err), &err);
    assert_ok(scenario_load(p, 8, &c, &err), &err);
    char *da = json_dumps(scenario_doc(a), JSON_SORT_KEYS);
    char *db = json_dumps(scenario_doc(b), JSON_SORT_KEYS);
    char *dc = json_dumps(scenario_doc(c), JSON_SORT_KEYS);
    assert_string_equal(da, db);     /* a stored seed replays the variant */
    assert_string_not_equal(da, dc); /* another seed: other plates, cases */
    const char *c7 = json_string_value(json_object_get(json_array_get(
        json_object_get(scenario_doc(a), "cases"), 0), "number"));
    const char *c8 = json_string_value(json_object_get(json_array_get(
        json_object_get(scenario_doc(c), "cases"), 0), "number"));
    assert_string_not_equal(c7, c8);
    free(da);
    free(db);
    free(dc);
    scenario_free(a);
    scenario_free(b);
    scenario_free(c);
    free(p);
}

static void test_sorted_pairs(void **state)
{
    (void)state;
    /* pairs() visits keys in a fixed order, whatever the hash seed */
    struct lp_err err = {0};
    char *dir = NULL;
    assert_int_equal(load_text(
        "local t = {zeta=1, alpha=2, mid=3, [2]=4, [1]=5}\n"
        "local s = ''\nfor k in pairs(t) do s = s .. tostring(k) .. ',' end\n"
        "assert(s == '1,2,alpha,mid,zeta,', s)\n"
        "return {id='t', title=s, rules={'IV.A.1'}, now='2026-03-02',"
        " briefing='b', objectives={{text='q', weight=1, rules={'IV.A.1'},"
        " check={did='query'}}}, solution={'query'}}\n", &err, &dir), 0);
    harness_rmdir(dir);
    free(dir);
}

static void test_state_plate(void **state)
{
    (void)state;
    struct lp_err err = {0};
    assert_int_equal(load_text(
        "local p = sim.state_plate('VA')\n"
        "assert(p:match('^%u%u%u%d%d%d%d$'), p)\n"
        "return {id='t', title=p, rules={'IV.A.1'}, now='2026-03-02',"
        " briefing='b', objectives={{text='q', weight=1, rules={'IV.A.1'},"
        " check={did='query'}}}, solution={'query'}}\n", &err, NULL), 0);
    char *src = with_code("sim.state_plate('ZZ')");
    assert_true(load_text(src, &err, NULL) < 0);
    assert_non_null(strstr(err.msg, "t.lua:1: sim.state_plate: no plate "
                                    "format for state 'ZZ'"));
    free(src);
}

/* ---- checks and scoring over hand-made facts ---- */

static json_t *facts(void)
{
    json_error_t je;
    json_t *f = json_loads(
        "{\"now\":\"2026-03-02T09:00:00Z\",\"user\":\"u\",\"actions\":["
        "{\"seq\":1,\"line\":\"query\",\"action\":\"query\","
        "\"opts\":{\"plate\":\"ABC1234\",\"case\":\"C-1\",\"from\":\"2026-02-01\","
        "\"to\":\"2026-03-01\",\"reason\":\"Case C-1: the suspect car\"},"
        "\"all\":{\"plate\":[\"ABC1234\"],\"case\":[\"C-1\"],\"from\":[\"2026-02-01\"],"
        "\"to\":[\"2026-03-01\"],\"reason\":[\"Case C-1: the suspect car\"]},"
        "\"verdict\":\"allow\",\"rules\":[\"IV.I\"],\"flagged\":[],"
        "\"reason\":\"ok\",\"audit_id\":1,\"results\":2,\"status\":0},"
        "{\"seq\":2,\"line\":\"query\",\"action\":\"query\","
        "\"opts\":{\"plate\":\"XYZ9\",\"reason\":\"investigation\"},"
        "\"all\":{\"plate\":[\"XYZ9\"],\"reason\":[\"investigation\"]},"
        "\"verdict\":\"deny\",\"rules\":[\"IV.A.1\",\"IV.M.1\"],"
        "\"flagged\":[\"IV.A.1\",\"IV.M.1\"],\"reason\":\"no\",\"audit_id\":2,"
        "\"results\":0,\"status\":3}],"
        "\"hotlist\":[{\"hotlist\":\"main\",\"plate\":\"KLM2456\",\"case\":\"C-1\","
        "\"tracking\":\"TRK-1\",\"note\":\"DOB 1/2/1980\"}],\"removed\":[],"
        "\"audit\":[{\"id\":1,\"user\":\"u\",\"plate\":\"ABC1234\",\"case\":\"C-1\","
        "\"reason\":\"Case C-1: the suspect car\",\"verdict\":\"allow\","
        "\"manual\":0}]}", 0, &je);
    assert_non_null(f);
    return f;
}

static int eval(const char *check, const json_t *f)
{
    json_error_t je;
    json_t *c = json_loads(check, 0, &je);
    if (!c)
        fail_msg("bad check %s: %s", check, je.text);
    struct sb why;
    struct lp_err err = {0};
    sb_init(&why);
    int r = check_eval(c, f, NULL, &why, &err);
    sb_free(&why);
    json_decref(c);
    return r;
}

static void test_checks(void **state)
{
    (void)state;
    json_t *f = facts();
    assert_int_equal(eval("{\"did\":\"query\",\"plate\":\"abc-1234\","
                          "\"case\":\"C-1\"}", f), 1);
    assert_int_equal(eval("{\"did\":\"query\",\"plate\":\"ABC1234\","
                          "\"from_min\":\"2026-02-15\"}", f), 0);
    assert_int_equal(eval("{\"did\":\"query\",\"plate\":\"ABC1234\","
                          "\"max_days\":29}", f), 1);
    assert_int_equal(eval("{\"did\":\"query\",\"plate\":\"ABC1234\","
                          "\"max_days\":10}", f), 0);
    assert_int_equal(eval("{\"did\":\"query\",\"plate\":\"XYZ9\"}", f), 0);
    assert_int_equal(eval("{\"did\":\"query\",\"plate\":\"XYZ9\","
                          "\"verdict\":\"deny\",\"flagged\":\"IV.M.1\"}", f),
                     1);
    assert_int_equal(eval("{\"never\":\"query\",\"plate\":\"XYZ9\"}", f), 1);
    assert_int_equal(eval("{\"never\":\"query\",\"plate\":\"XYZ9\","
                          "\"verdict\":\"any\"}", f), 0);
    assert_int_equal(eval("{\"hotlist_has\":\"KLM2456\"}", f), 1);
    assert_int_equal(eval("{\"hotlist_has\":\"KLM2456\",\"note_empty\":true}",
                          f), 0);
    assert_int_equal(eval("{\"hotlist_lacks\":\"KLM2456\"}", f), 0);
    assert_int_equal(eval("{\"audit_has\":{\"plate\":\"ABC1234\","
                          "\"reason_has\":\"c-1\"}}", f), 1);
    assert_int_equal(eval("{\"audit_has\":{\"plate\":\"ABC1234\","
                          "\"manual\":true}}", f), 0);
    assert_int_equal(eval("{\"all\":[{\"hotlist_has\":\"KLM2456\"},"
                          "{\"did\":\"query\"}]}", f), 1);
    assert_int_equal(eval("{\"any\":[{\"hotlist_lacks\":\"KLM2456\"},"
                          "{\"never\":\"query\"}]}", f), 0);
    assert_int_equal(eval("{\"none\":[{\"hotlist_lacks\":\"KLM2456\"}]}", f),
                     1);
    assert_true(eval("{\"plate\":\"x\"}", f) < 0);
    json_decref(f);
}

static void test_scoring(void **state)
{
    (void)state;
    json_t *f = facts();
    json_error_t je;
    json_t *scn = json_loads(
        "{\"id\":\"s\",\"title\":\"S\",\"pass\":60,\"objectives\":["
        "{\"id\":\"a\",\"text\":\"A\",\"weight\":3,\"rules\":[\"IV.A.1\"],"
        "\"check\":{\"did\":\"query\",\"plate\":\"ABC1234\"}},"
        "{\"id\":\"b\",\"text\":\"B\",\"weight\":1,\"rules\":[\"IV.K.2\",\"IV.A.1\"],"
        "\"check\":{\"hotlist_has\":\"KLM2456\",\"note_empty\":true}}],"
        "\"critical\":[{\"text\":\"C\",\"rules\":[\"IV.E\"],"
        "\"check\":{\"hotlist_has\":\"NOPE1\"}}]}", 0, &je);
    struct lp_err err = {0};
    json_t *rep = score_report(scn, f, NULL, "exam", 42, &err);
    assert_non_null(rep);
    /* 3 of 4 weight, less SCORE_REFUSED_COST for the one refused query */
    assert_int_equal(json_integer_value(json_object_get(rep,
                                                        "refused_attempts")),
                     1);
    assert_true(json_number_value(json_object_get(rep, "score")) ==
                75.0 - SCORE_REFUSED_COST);
    assert_true(json_is_true(json_object_get(rep, "passed")));
    json_t *rules = json_object_get(rep, "rules");
    assert_int_equal(json_array_size(rules), 2);
    /* IV.A.1: 3 of 4; IV.K.2: 0 of 1 */
    assert_string_equal(json_string_value(json_object_get(
        json_array_get(rules, 0), "rule")), "IV.A.1");
    assert_true(json_number_value(json_object_get(json_array_get(rules, 0),
                                                  "percent")) == 75.0);
    assert_true(json_number_value(json_object_get(json_array_get(rules, 1),
                                                  "percent")) == 0.0);
    assert_true(report_tripped(rep, "IV.K.2"));
    assert_true(report_tripped(rep, "IV.M.1"));   /* a policy refusal */
    assert_false(report_tripped(rep, "IV.E"));
    json_decref(rep);
    /* a critical violation fails the scenario whatever the score */
    json_object_set_new(json_object_get(json_array_get(json_object_get(
        scn, "critical"), 0), "check"), "hotlist_has",
        json_string("KLM2456"));
    rep = score_report(scn, f, NULL, "exam", 42, &err);
    assert_false(json_is_true(json_object_get(rep, "passed")));
    assert_string_equal(json_string_value(json_object_get(rep, "failed_by")),
                        "critical");
    assert_true(report_tripped(rep, "IV.E"));
    json_decref(rep);
    json_decref(scn);
    json_decref(f);
}

/* ---- replay determinism in fresh processes ---- */

static char *replay_in_child(const char *path, int64_t seed, char **lines,
                             size_t n)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(p[0]);
        struct scenario *sc = NULL;
        struct lp_err err = {0};
        json_t *rep = NULL;
        if (scenario_load(path, seed, &sc, &err) ||
            scenario_replay(sc, "exam", "trainee", lines, n, &rep, &err))
            _exit(3);
        char *s = report_dump(rep);
        size_t len = strlen(s);
        if (write(p[1], s, len) != (ssize_t)len)
            _exit(4);
        _exit(0);
    }
    close(p[1]);
    struct sb out;
    sb_init(&out);
    char buf[4096];
    ssize_t k;
    while ((k = read(p[0], buf, sizeof buf)) > 0)
        sb_add(&out, buf, (size_t)k);
    close(p[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    return sb_steal(&out);
}

static void test_replay_determinism(void **state)
{
    (void)state;
    char *p = harness_path("scenarios/misread-hit.lua");
    struct scenario *sc = NULL;
    struct lp_err err = {0};
    assert_ok(scenario_load(p, 99, &sc, &err), &err);
    const json_t *sol = json_object_get(scenario_doc(sc), "solution");
    size_t n = json_array_size(sol);
    char **lines = xcalloc(n + 2, sizeof *lines);
    for (size_t i = 0; i < n; i++)
        lines[i] = (char *)json_string_value(json_array_get(sol, i));
    lines[n++] = (char *)"enforce --read 900001 --case X-1";
    char *first = replay_in_child(p, 99, lines, n);
    /* the refused enforcement costs SCORE_REFUSED_COST points */
    assert_non_null(strstr(first, "\"score\": 90"));
    for (int i = 0; i < 8; i++) {
        char *again = replay_in_child(p, 99, lines, n);
        assert_string_equal(first, again);
        free(again);
    }
    free(first);
    free(lines);
    scenario_free(sc);
    free(p);
}

/* ---- resume after kill -9 ---- */

static void test_resume_after_kill(void **state)
{
    (void)state;
    unsetenv("LPRSIM_AUDIT_KEY");
    char *dir = harness_tmpdir();
    char *db = xasprintf("%s/main.db", dir);
    char *p = harness_path("scenarios/one-word-reason.lua");
    struct lp_err err = {0};
    struct store *st = store_open(db, STORE_CREATE, &err);
    assert_non_null(st);
    assert_ok(roster_add(st, "ana", "Ana", "trainee", 0, &err), &err);
    store_close(st);
    struct scenario *sc = NULL;
    assert_ok(scenario_load(p, 5, &sc, &err), &err);
    const json_t *sol = json_object_get(scenario_doc(sc), "solution");
    char *lines[3] = {
        (char *)"query --plate NOPE1 --from 2026-02-01 --to 2026-03-01 "
                "--case nope --reason investigation",
        (char *)json_string_value(json_array_get(sol, 0)),
        (char *)json_string_value(json_array_get(sol, 1))};
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct store *cs = store_open(db, 0, &err);
        struct scenario_session *s = NULL;
        if (!cs || scenario_session_start(cs, p, 5, "practice", "ana", &s,
                                          &err))
            _exit(3);
        for (int i = 0; i < 2; i++) {
            struct scenario_step step;
            if (scenario_session_act(s, lines[i], &step, &err))
                _exit(4);
            scenario_step_free(&step);
        }
        kill(getpid(), SIGKILL);   /* no cleanup, no close */
        _exit(5);
    }
    int wst = 0;
    waitpid(pid, &wst, 0);
    assert_true(WIFSIGNALED(wst) && WTERMSIG(wst) == SIGKILL);
    st = store_open(db, 0, &err);
    assert_non_null(st);
    int64_t id = 0;
    assert_ok(scenario_session_latest(st, "ana", &id, &err), &err);
    assert_true(id > 0);
    struct scenario_session *s = NULL;
    assert_ok(scenario_session_resume(st, id, &s, &err), &err);
    assert_int_equal(scenario_session_actions(s), 2);
    struct scenario_step step;
    assert_ok(scenario_session_act(s, lines[2], &step, &err), &err);
    assert_true(step.recorded);
    scenario_step_free(&step);
    json_t *rep = NULL;
    assert_ok(scenario_session_finish(s, &rep, &err), &err);
    scenario_session_close(s);
    /* finishing attests the main audit log (here: no key, said plainly);
     * the rest is the same as an uninterrupted run of the three lines */
    json_t *ck = json_object_get(rep, "audit_checkpoint");
    assert_true(json_is_false(json_object_get(ck, "signed")));
    assert_non_null(strstr(json_string_value(json_object_get(ck, "note")),
                           "no audit checkpoint signed: no instructor key"));
    json_object_del(rep, "audit_checkpoint");
    json_t *straight = NULL;
    assert_ok(scenario_replay(sc, "practice", "ana", lines, 3, &straight, &err),
              &err);
    char *a = report_dump(rep), *b = report_dump(straight);
    assert_string_equal(a, b);
    assert_true(json_number_value(json_object_get(rep, "score")) ==
                100.0 - SCORE_REFUSED_COST);   /* the refused first line */
    /* and the stored session replays to the same bytes */
    json_t *again = NULL;
    assert_ok(scenario_replay_session(st, id, NULL, &again, &err), &err);
    char *c = report_dump(again);
    assert_string_equal(a, c);
    free(a);
    free(b);
    free(c);
    json_decref(rep);
    json_decref(straight);
    json_decref(again);
    scenario_free(sc);
    store_close(st);
    harness_rmdir(dir);
    free(db);
    free(dir);
    free(p);
}


/* ---- tracks ---- */

static void test_curriculum_load(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct curriculum_track *t = NULL;
    char *root = harness_path("");
    assert_ok(curriculum_track_load(root, "refresher", &t, &err), &err);
    assert_string_equal(t->id, "refresher");
    size_t n = 0;
    for (size_t i = 0; i < t->nmods; i++)
        for (size_t j = 0; j < t->mods[i].nscn; j++) {
            assert_true(t->mods[i].scn[j].pass > 0);
            n++;
        }
    assert_true(n >= 4);
    curriculum_track_free(t);
    assert_int_equal(curriculum_track_load(root, "../etc", &t, &err),
                     -LP_USAGE);
    assert_non_null(strstr(err.msg, "not a track id"));
    assert_int_equal(curriculum_track_load(root, "nosuch", &t, &err),
                     -LP_USAGE);
    assert_non_null(strstr(err.msg, "nosuch.json"));
    free(root);
}

/* Plays the solution (or nothing) of every scenario of a track for user
 * in main, each in a finished session. */
static void play_track(struct store *main, const char *root,
                       const char *track, const char *user, int solve)
{
    struct lp_err err = {0};
    struct curriculum_track *t = NULL;
    assert_ok(curriculum_track_load(root, track, &t, &err), &err);
    for (size_t i = 0; i < t->nmods; i++)
        for (size_t j = 0; j < t->mods[i].nscn; j++) {
            char *p = xasprintf("%s/scenarios/%s", root,
                                t->mods[i].scn[j].file);
            struct scenario_session *s = NULL;
            assert_ok(scenario_exam_start(main, p, track, 0, user, 0, &s,
                                          &err), &err);
            const json_t *sol = json_object_get(
                scenario_doc(scenario_session_scenario(s)), "solution");
            size_t k;
            json_t *l;
            json_array_foreach(sol, k, l) {
                if (!solve)
                    break;
                struct scenario_step st;
                assert_ok(scenario_session_act(s, json_string_value(l), &st,
                                               &err), &err);
                scenario_step_free(&st);
            }
            json_t *rep = NULL;
            assert_ok(scenario_session_finish(s, &rep, &err), &err);
            assert_int_equal(json_is_true(json_object_get(rep, "passed")),
                             solve);
            json_decref(rep);
            scenario_session_close(s);
            free(p);
        }
    curriculum_track_free(t);
}

/* Records every lesson of a track read and its check passed, as the
 * trainee application does. */
static void learn_all(struct store *main, const char *root,
                      const char *track, const char *user)
{
    struct lp_err err = {0};
    struct curriculum_track *t = NULL;
    assert_ok(curriculum_track_load(root, track, &t, &err), &err);
    for (size_t i = 0; i < t->nmods; i++) {
        char id[64];
        const char *b = strrchr(t->mods[i].lesson, '/');
        snprintf(id, sizeof id, "%s", b ? b + 1 : t->mods[i].lesson);
        *strrchr(id, '.') = '\0';
        struct lp_lesson_result r = {3, 3, 1, time(NULL)};
        assert_ok(store_lesson_read_mark(main, user, id, time(NULL)),
                  store_err(main));
        assert_ok(store_lesson_result_set(main, user, id, &r),
                  store_err(main));
    }
    curriculum_track_free(t);
}

/* The critical acts every scenario shares: complying with an unlawful
 * request, a misuse report against someone who did nothing wrong. */
static int shared_hit(const char *replies, const char *inbox)
{
    json_error_t je;
    char *fs = xasprintf("{\"actions\":[%s],\"hotlist\":[],\"audit\":[]}",
                         replies);
    char *ss = xasprintf("{\"id\":\"s\",\"rules\":[\"IV.A.1\"],"
                         "\"inbox\":[%s],\"objectives\":[{\"text\":\"t\","
                         "\"weight\":1,\"rules\":[\"IV.A.1\"],\"check\":"
                         "{\"replied\":\"r1\"}}]}", inbox);
    json_t *f = json_loads(fs, 0, &je), *scn = json_loads(ss, 0, &je);
    assert_non_null(f);
    assert_non_null(scn);
    struct lp_err err = {0};
    json_t *rep = score_report(scn, f, NULL, "exam", 1, &err);
    assert_non_null(rep);
    const char *by = json_string_value(json_object_get(rep, "failed_by"));
    int hit = by && strcmp(by, "critical") == 0;
    json_decref(rep);
    json_decref(f);
    json_decref(scn);
    free(fs);
    free(ss);
    return hit;
}

#define REPLY(dec, about) "{\"action\":\"reply\",\"status\":0," \
    "\"verdict\":null,\"flagged\":[],\"opts\":{\"request\":\"r1\"," \
    "\"decision\":\"" dec "\"" about "}}"

static void test_shared_criticals(void **state)
{
    (void)state;
    const char *unlawful = "{\"id\":\"r1\",\"from\":\"x\",\"body\":\"b\","
                           "\"lawful\":false}";
    const char *lawful = "{\"id\":\"r1\",\"from\":\"x\",\"body\":\"b\","
                         "\"lawful\":true}";
    const char *review = "{\"id\":\"r1\",\"from\":\"x\",\"body\":\"b\","
                         "\"lawful\":true,\"culprits\":[\"rhale\"]}";
    assert_true(shared_hit(REPLY("comply", ""), unlawful));
    assert_false(shared_hit(REPLY("decline", ""), unlawful));
    assert_false(shared_hit(REPLY("report", ""), unlawful));
    assert_false(shared_hit(REPLY("comply", ""), lawful));
    assert_true(shared_hit(REPLY("report", ""), lawful));
    assert_false(shared_hit(REPLY("report", ",\"about\":\"rhale\""), review));
    assert_true(shared_hit(REPLY("report", ",\"about\":\"tmoss\""), review));
}

static void test_track_replay(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct store *main = harness_store();
    char *root = harness_path("");
    assert_ok(roster_add(main, "ana", "Ana", "trainee", 0, &err), &err);
    assert_ok(roster_add(main, "bo", "Bo", "trainee", 0, &err), &err);
    /* the refresher window is open: a certificate expiring in 30 days */
    struct store_cert cur = {.serial = 1, .user_id = "ana", .track = "initial",
                             .curriculum_version = "t", .profile_version = "t",
                             .score = 100, .issued_at = time(NULL) - 335 * 86400,
                             .expires_at = time(NULL) + 30 * 86400,
                             .key_id = "k", .token = "t", .jwt = "j"};
    assert_ok(store_cert_add(main, &cur), store_err(main));
    cur.serial = 2;
    cur.user_id = "bo";
    assert_ok(store_cert_add(main, &cur), store_err(main));
    struct lp_ctx ctx = {.st = main, .root = root};
    struct track_result tr;
    /* exams before the lessons were read do not count */
    play_track(main, root, "refresher", "ana", 1);
    assert_ok(track_replay(&ctx, "ana", "refresher", &tr, &err), &err);
    assert_false(tr.passed);
    assert_non_null(strstr(tr.unmet, "not read to its end"));
    assert_non_null(strstr(tr.unmet, "knowledge check of"));
    sleep(1);     /* the lessons come after those exams (time in seconds) */
    learn_all(main, root, "refresher", "ana");
    learn_all(main, root, "refresher", "bo");
    assert_ok(track_replay(&ctx, "ana", "refresher", &tr, &err), &err);
    assert_false(tr.passed);
    assert_null(strstr(tr.unmet, "not read to its end"));
    assert_non_null(strstr(tr.unmet, "taken after the lesson"));
    play_track(main, root, "refresher", "ana", 1);
    play_track(main, root, "refresher", "bo", 0);
    assert_ok(track_replay(&ctx, "ana", "refresher", &tr, &err), &err);
    assert_true(tr.passed);
    assert_true(tr.score == 100.0);
    assert_true(tr.n >= 4);
    for (size_t i = 0; i < tr.n; i++) {
        assert_int_equal(tr.scn[i].sessions, 1);
        assert_true(tr.scn[i].passed);
    }
    /* a stored score is never trusted: bo's forged sessions still fail */
    struct store_session ss;
    for (int64_t id = 1; store_session_get(main, id, &ss) == 1; id++) {
        if (strcmp(ss.user_id, "bo") == 0)
            assert_ok(store_session_finish(main, id, 0, 100.0, 1, "{}"),
                      store_err(main));
        store_session_clear(&ss);
    }
    store_session_clear(&ss);
    assert_ok(track_replay(&ctx, "bo", "refresher", &tr, &err), &err);
    assert_false(tr.passed);
    assert_true(tr.score < 50.0);
    /* nobody: nothing passed */
    assert_ok(track_replay(&ctx, "carl", "refresher", &tr, &err), &err);
    assert_false(tr.passed);
    assert_int_equal(tr.scn[0].sessions, 0);
    ctx_release(&ctx);
    free(root);
    store_close(main);
}

static int count_one(void *arg, const struct store_session *s)
{
    (void)s;
    (*(int *)arg)++;
    return 0;
}

static void test_failed_start_leaves_nothing(void **state)
{
    (void)state;
    char *dir = harness_tmpdir();
    char *db = xasprintf("%s/main.db", dir);
    char *scn = xasprintf("%s/x.lua", dir);
    harness_write(scn,
        "return {id='x', title='X', rules={'IV.A.1'}, now='2026-03-02',"
        " briefing='b', cameras={{id='cam-01', owner='agency', lat=1,"
        " lon=1}}, objectives={{text='q', weight=1, rules={'IV.A.1'},"
        " check={did='query'}}}, solution={'query'}}\n");
    struct lp_err err = {0};
    struct store *st = store_open(db, STORE_CREATE, &err);
    assert_non_null(st);
    assert_ok(roster_add(st, "ana", "Ana", "trainee", 0, &err), &err);
    struct scenario_session *s = NULL;
    assert_int_equal(scenario_session_start(st, scn, 1, "practice", "ana", &s,
                                            &err), -LP_USAGE);
    assert_non_null(strstr(err.msg, "camera id 'cam-01'"));
    assert_null(s);
    int n = 0;
    assert_int_equal(store_sessions_each(st, NULL, NULL, NULL, count_one, &n),
                     0);
    assert_int_equal(n, 0);
    char *sbx = xasprintf("%s.sandbox/session-1.db", db);
    assert_int_not_equal(access(sbx, F_OK), 0);
    free(sbx);
    store_close(st);
    harness_rmdir(dir);
    free(scn);
    free(db);
    free(dir);
}

/* ---- sim.act: setup actions run by the action layer ---- */

struct audit_seen {
    int n;
    char line[8][160];
};

static int note_audit(void *arg, const struct store_audit_row *r)
{
    struct audit_seen *a = arg;
    if (a->n < 8)
        snprintf(a->line[a->n], sizeof a->line[0], "%lld %s %s %s %s %s",
                 (long long)r->at, r->user_id, r->action,
                 r->plate ? r->plate : "-", r->verdict, r->rules);
    a->n++;
    return 0;
}

static const char act_scn[] =
    "local now = '2026-03-02T09:00:00Z'\n"
    "sim.act('bo', '2026-02-10T10:00:00Z', 'query --plate ABC1234 --from "
    "2026-02-01 --to 2026-02-10 --case C-1 --reason \"Case C-1: the "
    "suspect vehicle near the port\"')\n"
    "sim.act('bo', '2026-02-11T10:00:00Z', 'query --plate ABC1234 --from "
    "2026-02-01 --to 2026-02-10 --case C-2 --reason \"Case C-2: fraud "
    "follow-up on the same vehicle\"')\n"
    "return {id='t', title='T', rules={'IV.A.1'}, now=now, briefing='b',"
    " people={{id='bo', name='Bo Test'}},"
    " cases={{number='C-1', type='criminal', violation='18USC545',"
    " limitation_years=5, opened='2026-01-01'},"
    " {number='C-2', type='criminal', violation='18USC545',"
    " limitation_years=5, opened='2025-01-01', status='closed',"
    " closed='2025-12-01'}},"
    " objectives={{text='q', weight=1, rules={'IV.A.1'},"
    " check={did='query'}}}, solution={'query'}}\n";

static void test_setup_actions(void **state)
{
    (void)state;
    struct lp_err err = {0};
    char *dir = harness_tmpdir();
    char *path = xasprintf("%s/t.lua", dir);
    harness_write(path, act_scn);
    struct scenario *sc = NULL;
    assert_ok(scenario_load(path, 1, &sc, &err), &err);
    const json_t *acts = json_object_get(scenario_doc(sc), "setup_actions");
    assert_int_equal(json_array_size(acts), 2);
    assert_int_equal(json_integer_value(json_object_get(
        json_array_get(acts, 1), "src_line")), 3);
    struct store *st = harness_store();
    assert_ok(scenario_world_build(sc, st, "ana", 1, &err), &err);
    struct audit_seen a = {0};
    assert_int_equal(store_audit_each(st, note_audit, &a), 0);
    /* the engine's verdicts: the open case allowed, the closed refused */
    assert_int_equal(a.n, 2);
    assert_ptr_equal(strstr(a.line[0], "1770717600 bo query ABC1234 allow"),
                     a.line[0]);
    assert_non_null(strstr(a.line[1], "1770804000 bo query ABC1234 deny"));
    assert_non_null(strstr(a.line[1], "IV.A.1"));
    store_close(st);
    scenario_free(sc);

    /* a bad request is the scenario's error, at its line */
    static const struct {
        const char *code, *msg;
    } bad[] = {
        {"sim.act(1, '2026-03-01', 'query')", "the user (a roster id) must "
         "be text, not number"},
        {"sim.act('bo', '2026-03-01', {})", "must be text, not table"},
        {"sim.act('bo', '2026-03-01', string.rep('x', 1001))", "1 to 1000 "
         "bytes"},
        {"sim.act('bo', 'yesterday', 'query')", "bad time 'yesterday'"},
        {"sim.act('bo', '2026-03-01', 'frobnicate --now')", "'frobnicate "
         "--now' is not an action"},
        {"sim.act('bo', '2026-03-01', 'query \"open')", "sim.act:"},
        {"for i = 1, 201 do sim.act('bo', '2026-03-01', 'query') end",
         "more than 200 actions"},
        {"sim.act('nobody', '2026-03-01', 'query')", "user 'nobody' is not "
         "one of the scenario's people"},
        {"sim.act('bo', '2026-04-01', 'query')", "after the scenario's now"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *src = xasprintf(
            "\n%s\nreturn {id='t', title='T', rules={'IV.A.1'}, "
            "now='2026-03-02', briefing='b', people={{id='bo', name='B'}},"
            " objectives={{text='q', weight=1, rules={'IV.A.1'},"
            " check={did='query'}}}, solution={'query'}}\n", bad[i].code);
        harness_write(path, src);
        free(src);
        memset(&err, 0, sizeof err);
        sc = NULL;
        assert_int_equal(scenario_load(path, 1, &sc, &err), -LP_USAGE);
        char *where = xasprintf("t.lua:2: ");
        if (!strstr(err.msg, where) || !strstr(err.msg, bad[i].msg))
            fail_msg("'%s': got '%s'", bad[i].code, err.msg);
        free(where);
    }
    /* an action the engine cannot run: named at build time, by line */
    harness_write(path,
        "\nsim.act('bo', '2026-03-01', 'query --bogus 1')\n"
        "return {id='t', title='T', rules={'IV.A.1'}, now='2026-03-02',"
        " briefing='b', people={{id='bo', name='B'}},"
        " objectives={{text='q', weight=1, rules={'IV.A.1'},"
        " check={did='query'}}}, solution={'query'}}\n");
    assert_ok(scenario_load(path, 1, &sc, &err), &err);
    st = harness_store();
    assert_int_equal(scenario_world_build(sc, st, "ana", 1, &err), -LP_USAGE);
    if (!strstr(err.msg, "t.lua:2: setup action 'query --bogus 1'"))
        fail_msg("got '%s'", err.msg);
    store_close(st);
    scenario_free(sc);
    harness_rmdir(dir);
    free(path);
    free(dir);
}

/* from_min = sim.years(now, -5) carries now's time of day; the engine
 * allows a window from the earliest allowed day at any hour, and so must
 * the objective: a query from that day meets it, from the day before not. */
static void test_from_min_by_day(void **state)
{
    (void)state;
    unsetenv("LPRSIM_AUDIT_KEY");
    char *p = harness_path("scenarios/civil-seven-years.lua");
    struct scenario *sc = NULL;
    struct lp_err err = {0};
    assert_ok(scenario_load(p, 1, &sc, &err), &err);
    char day[16], before[16];
    int64_t e = lptime_add_years(scenario_now(sc), -5);
    assert_true(e % LPTIME_DAY != 0);       /* now has a time of day */
    lptime_format_date(e, day, sizeof day);
    lptime_format_date(e - LPTIME_DAY, before, sizeof before);
    const json_t *sol = json_object_get(scenario_doc(sc), "solution");
    const char *q = json_string_value(json_array_get(sol, 0));
    const char *at = strstr(q, "--from ");
    assert_non_null(at);
    for (int k = 0; k < 2; k++) {
        char *line = xasprintf("%.*s--from %s%s", (int)(at - q), q,
                               k ? before : day, at + 17);
        char *lines[] = {line};
        json_t *rep = NULL;
        assert_ok(scenario_replay(sc, "exam", "ana", lines, 1, &rep, &err),
                  &err);
        json_t *o = json_array_get(json_object_get(rep, "objectives"), 0);
        assert_string_equal(json_string_value(json_object_get(o, "id")),
                            "window");
        if (json_is_true(json_object_get(o, "met")) != !k)
            fail_msg("%s: window objective met=%d", line, !!k);
        /* the engine agrees: allowed on the day, refused the day before */
        json_t *fb = json_array_get(json_object_get(rep, "feedback"), 0);
        const char *v = json_string_value(json_object_get(fb, "verdict"));
        assert_int_equal(strcmp(v, "deny") == 0, k);
        json_decref(rep);
        free(line);
    }
    scenario_free(sc);
    free(p);
}

/* The world goes through the policy part's store functions: what those
 * cannot express is refused when the file loads. */
static void test_world_lint(void **state)
{
    (void)state;
    static const struct {
        const char *world, *msg;
    } bad[] = {
        {"cases={{number='C-1', type='criminal', opened='2026-01-01',"
         " closed='2026-02-01'}},", "case C-1: a closing date needs status"},
        {"hotlists={{created='2026-01-01'}, {created='2026-02-01'}},",
         "keeps one hotlist"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *src = xasprintf(
            "return {id='t', title='T', rules={'IV.A.1'}, now='2026-03-02',"
            " briefing='b', %s objectives={{text='q', weight=1,"
            " rules={'IV.A.1'}, check={did='query'}}}, solution={'query'}}\n",
            bad[i].world);
        struct lp_err err = {0};
        assert_int_equal(load_text(src, &err, NULL), -LP_USAGE);
        if (!strstr(err.msg, "t.lua:1: ") || !strstr(err.msg, bad[i].msg))
            fail_msg("got '%s'", err.msg);
        free(src);
    }
}

const char harness_name[] = "script";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_sandbox_forbidden),
    cmocka_unit_test(test_sandbox_limits),
    cmocka_unit_test(test_no_addresses),
    cmocka_unit_test(test_extreme_integers),
    cmocka_unit_test(test_hostile_data),
    cmocka_unit_test(test_lint_action_lines),
    cmocka_unit_test(test_lint_did_from_the_action_table),
    cmocka_unit_test(test_coverage),
    cmocka_unit_test(test_lint_messages),
    cmocka_unit_test(test_unreachable_objective),
    cmocka_unit_test(test_variants_from_seed),
    cmocka_unit_test(test_sorted_pairs),
    cmocka_unit_test(test_state_plate),
    cmocka_unit_test(test_checks),
    cmocka_unit_test(test_scoring),
    cmocka_unit_test(test_replay_determinism),
    cmocka_unit_test(test_resume_after_kill),
    cmocka_unit_test(test_curriculum_load),
    cmocka_unit_test(test_shared_criticals),
    cmocka_unit_test(test_track_replay),
    cmocka_unit_test(test_failed_start_leaves_nothing),
    cmocka_unit_test(test_setup_actions),
    cmocka_unit_test(test_world_lint),
    cmocka_unit_test(test_from_min_by_day),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
