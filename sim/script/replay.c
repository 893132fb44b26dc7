/*
 * replay.c - replaying a transcript into a fresh in-memory sandbox and
 * scoring it (the only way a score is computed), reading transcripts of
 * recorded sessions, and the self-tests of `scenario check`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/action/action.h"
#include "core/audit/audit.h"
#include "core/store/store_scenario.h"
#include "script/check.h"
#include "script/scenario_int.h"
#include "util/lptime.h"
#include "util/opts.h"
#include "util/paths.h"
#include "util/words.h"

/* ---- replay ---- */

int scenario_replay(const struct scenario *sc, const char *mode,
                    const char *user, char *const *lines, size_t n,
                    json_t **report, struct lp_err *err)
{
    *report = NULL;
    struct store *st = store_open(":memory:", STORE_CREATE, err);
    if (!st)
        return -err->status;
    int rc = scenario_world_build(sc, st, user, 1, err);
    json_t *actions = json_array();
    struct lp_ctx ctx;
    scn_ctx_setup(&ctx, st, sc, user, 1);
    for (size_t i = 0; !rc && i < n; i++) {
        struct scenario_step step;
        rc = scn_act(&ctx, sc, lines[i], 0, actions, &step, err);
        scenario_step_free(&step);
    }
    if (!rc) {
        *report = scn_score(sc, st, user, actions, mode, err);
        if (!*report)
            rc = err->status ? -err->status : -LP_FAIL;
    }
    ctx_release(&ctx);
    json_decref(actions);
    store_close(st);
    return rc;
}

int scn_collect_line(void *arg, const struct store_tline *t)
{
    struct scn_lines *l = arg;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = xstrdup(t->line);
    return 0;
}

void scn_lines_free(struct scn_lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* The recorded lines of a session: from main when finished, else from its
 * sandbox. */
int scn_session_lines(struct store *main, const struct store_session *ss,
                         struct scn_lines *l, struct lp_err *err)
{
    struct store *st = main;
    struct store *own = NULL;
    if (strcmp(ss->status, "done") != 0) {
        if (!ss->sandbox || strcmp(ss->sandbox, ":memory:") == 0)
            return lp_errf(err, LP_FAIL, "session %lld has no sandbox to read",
                           (long long)ss->id);
        own = store_open(ss->sandbox, 0, err);
        if (!own)
            return -err->status;
        st = own;
    }
    int rc = store_scn_transcript_each(st, ss->id, scn_collect_line, l);
    if (rc)
        *err = *store_err(st);
    store_close(own);
    return rc;
}

int scn_get_session(struct store *main, int64_t id,
                       struct store_session *ss, struct lp_err *err)
{
    int rc = store_session_get(main, id, ss);
    if (rc < 0) {
        return store_err_copy(main, err);
    }
    if (rc == 0)
        return lp_errf(err, LP_USAGE, "no session %lld (see 'lprsim scenario "
                       "list --sessions')", (long long)id);
    return 0;
}

/* A session is scored only against the very file it ran: 0 when the
 * recorded hash (NULL or "": recorded before hashes were kept) is the
 * file's, else -LP_VERIFY naming the change. */
static int same_file(const struct scenario *sc, const char *recorded,
                     struct lp_err *err)
{
    if (!recorded || !*recorded || strcmp(recorded, sc->hash) == 0)
        return 0;
    return lp_errf(err, LP_VERIFY, "%s changed since the session ran (SHA-256 "
                   "%.12s..., now %.12s...): it cannot be re-scored against "
                   "another version of the scenario", sc->path, recorded,
                   sc->hash);
}

int scenario_replay_session(struct store *main, int64_t id, const char *path,
                            json_t **report, struct lp_err *err)
{
    struct store_session ss;
    struct scn_lines l = {0};
    struct scenario *sc = NULL;
    int rc = scn_get_session(main, id, &ss, err);
    if (rc)
        return rc;
    if ((rc = scn_session_lines(main, &ss, &l, err)) ||
        (rc = scenario_load(path ? path : ss.scenario_file, ss.seed, &sc,
                            err)))
        goto out;
    if (strcmp(scenario_id(sc), ss.scenario_id) != 0) {
        rc = lp_errf(err, LP_USAGE, "%s holds scenario '%s', but session %lld "
                     "ran '%s'", scenario_path(sc), scenario_id(sc),
                     (long long)id, ss.scenario_id);
        goto out;
    }
    if ((rc = same_file(sc, ss.scenario_hash, err)))
        goto out;
    rc = scenario_replay(sc, ss.mode, ss.user_id, l.v, l.n, report, err);
out:
    scenario_free(sc);
    scn_lines_free(&l);
    store_session_clear(&ss);
    return rc;
}

int scenario_transcript(struct store *main, int64_t id, json_t **out,
                        struct lp_err *err)
{
    struct store_session ss;
    struct scn_lines l = {0};
    int rc = scn_get_session(main, id, &ss, err);
    if (rc)
        return rc;
    if (!(rc = scn_session_lines(main, &ss, &l, err))) {
        json_t *a = json_array();
        for (size_t i = 0; i < l.n; i++)
            json_array_append_new(a, json_string(l.v[i]));
        *out = json_pack("{s:s,s:s,s:s,s:I,s:s,s:s,s:o}", "scenario",
                         ss.scenario_id, "file", ss.scenario_file, "hash",
                         ss.scenario_hash ? ss.scenario_hash : "", "seed",
                         (json_int_t)ss.seed, "mode", ss.mode, "user",
                         ss.user_id, "actions", a);
        /* the signed audit checkpoint of a finished session travels with
         * its transcript */
        json_t *rep = ss.report ? json_loads(ss.report, 0, NULL) : NULL;
        json_t *ck = json_object_get(rep, "audit_checkpoint");
        if (ck)
            json_object_set(*out, "audit_checkpoint", ck);
        json_decref(rep);
    }
    scn_lines_free(&l);
    store_session_clear(&ss);
    return rc;
}

int scenario_replay_doc(const json_t *doc, const char *path, json_t **report,
                        struct lp_err *err)
{
    const char *file = json_string_value(json_object_get(doc, "file"));
    const char *user = json_string_value(json_object_get(doc, "user"));
    const char *mode = json_string_value(json_object_get(doc, "mode"));
    const char *id = json_string_value(json_object_get(doc, "scenario"));
    json_t *seed = json_object_get(doc, "seed");
    json_t *acts = json_object_get(doc, "actions");
    if (!(path || file) || !user || !id || !json_is_integer(seed) ||
        !json_is_array(acts))
        return lp_errf(err, LP_USAGE, "transcript: needs scenario, file, seed, "
                       "user and actions");
    struct scenario *sc = NULL;
    int rc = scenario_load(path ? path : file, json_integer_value(seed), &sc,
                           err);
    if (rc)
        return rc;
    if (strcmp(scenario_id(sc), id) != 0) {
        rc = lp_errf(err, LP_USAGE, "%s holds scenario '%s', the transcript "
                     "is of '%s'", scenario_path(sc), scenario_id(sc), id);
        scenario_free(sc);
        return rc;
    }
    if ((rc = same_file(sc, json_string_value(json_object_get(doc, "hash")),
                        err))) {
        scenario_free(sc);
        return rc;
    }
    size_t n = json_array_size(acts);
    char **lines = xcalloc(n + 1, sizeof *lines);
    for (size_t i = 0; i < n; i++) {
        const char *s = json_string_value(json_array_get(acts, i));
        lines[i] = (char *)(s ? s : "");
    }
    rc = scenario_replay(sc, mode ? mode : "practice", user, lines, n, report,
                         err);
    free(lines);
    scenario_free(sc);
    return rc;
}

/* ---- self-tests ---- */

static char **doc_lines(const json_t *arr, size_t *n)
{
    *n = json_array_size(arr);
    char **v = xcalloc(*n + 1, sizeof *v);
    for (size_t i = 0; i < *n; i++)
        v[i] = (char *)json_string_value(json_array_get(arr, i));
    return v;
}

static int shared_pitfalls(const struct scenario *sc, double sol_score,
                           struct sb *out, int *failed, int *count,
                           struct lp_err *err);

static int selftest(const struct scenario *sc, struct sb *out,
                    struct lp_err *err)
{
    const json_t *d = sc->doc;
    size_t n;
    char **lines = doc_lines(json_object_get(d, "solution"), &n);
    json_t *rep = NULL;
    int failed = 0;
    int rc = scenario_replay(sc, "exam", "trainee", lines, n, &rep, err);
    free(lines);
    if (rc)
        return rc;
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(rep, "objectives"), i, o) {
        if (json_is_true(json_object_get(o, "met")))
            continue;
        const char *why = json_string_value(json_object_get(o, "why"));
        char *p = xasprintf("objectives.%zu", i + 1);
        sb_printf(out, "%s:%d: seed %lld: objective '%s' is unreachable: the "
                  "solution does not meet it%s%s\n", sc->path,
                  scenario_line(sc, p, json_string_value(json_object_get(
                                           json_array_get(json_object_get(
                                               d, "objectives"), i), "text"))),
                  (long long)sc->seed,
                  json_string_value(json_object_get(o, "text")),
                  why ? ": " : "", why ? why : "");
        free(p);
        failed = 1;
    }
    json_array_foreach(json_object_get(rep, "critical"), i, o) {
        if (!json_is_true(json_object_get(o, "triggered")))
            continue;
        sb_printf(out, "%s:%d: seed %lld: the solution triggers the critical "
                  "violation '%s'\n", sc->path, scenario_line(sc, "critical",
                  json_string_value(json_object_get(o, "text"))),
                  (long long)sc->seed,
                  json_string_value(json_object_get(o, "text")));
        failed = 1;
    }
    if (!failed && !json_is_true(json_object_get(rep, "passed"))) {
        sb_printf(out, "%s: seed %lld: the solution does not pass\n",
                  sc->path, (long long)sc->seed);
        failed = 1;
    }
    double score = json_number_value(json_object_get(rep, "score"));
    json_decref(rep);
    size_t np = 0;
    json_array_foreach(json_object_get(d, "pitfalls"), i, o) {
        const char *name = json_string_value(json_object_get(o, "name"));
        const char *rule = json_string_value(json_object_get(o, "rule"));
        lines = doc_lines(json_object_get(o, "actions"), &n);
        rc = scenario_replay(sc, "exam", "trainee", lines, n, &rep, err);
        free(lines);
        if (rc) {
            char m[512];
            snprintf(m, sizeof m, "%s", err->msg);
            return lp_errf(err, -rc, "pitfall '%s': %s", name, m);
        }
        int passed = json_is_true(json_object_get(rep, "passed"));
        int tripped = report_tripped(rep, rule);
        if (passed || !tripped) {
            sb_printf(out, "%s:%d: seed %lld: pitfall '%s' %s\n", sc->path,
                      scenario_line(sc, "pitfalls", name),
                      (long long)sc->seed, name,
                      passed ? "passes the scenario (it must fail)"
                             : "fails without tripping its rule");
            if (!tripped)
                sb_printf(out, "    expected %s to be tripped\n", rule);
            failed = 1;
        }
        np++;
        json_decref(rep);
    }
    int shared = 0;
    rc = shared_pitfalls(sc, score, out, &failed, &shared, err);
    if (rc)
        return rc;
    if (!failed)
        sb_printf(out, "ok %s (%s) seed %lld: solution %.1f%%, %zu pitfall%s "
                  "and %d shared pitfall%s fail as intended\n", sc->path,
                  scenario_id(sc), (long long)sc->seed, score, np,
                  np == 1 ? "" : "s", shared, shared == 1 ? "" : "s");
    return failed ? -LP_FAIL : 0;
}

/* The issuer re-scores a transcript before signing, so a replay must give
 * the report of the run byte for byte: loads the file a second time (a new
 * evaluator, a new string hash seed) and replays the solution on both;
 * -LP_FAIL with a line in out when the two reports differ. */
static int replay_twice(const struct scenario *sc, struct sb *out,
                        struct lp_err *err)
{
    struct scenario *again = NULL;
    int rc = scenario_load(sc->path, sc->seed, &again, err);
    if (rc)
        return rc;
    size_t n;
    char **lines = doc_lines(json_object_get(sc->doc, "solution"), &n);
    json_t *r1 = NULL, *r2 = NULL;
    char *d1 = NULL, *d2 = NULL;
    if ((rc = scenario_replay(sc, "exam", "trainee", lines, n, &r1, err)) ||
        (rc = scenario_replay(again, "exam", "trainee", lines, n, &r2, err)))
        goto out;
    d1 = json_dumps(r1, JSON_SORT_KEYS | JSON_COMPACT);
    d2 = json_dumps(r2, JSON_SORT_KEYS | JSON_COMPACT);
    if (!d1 || !d2 || strcmp(d1, d2) != 0) {
        size_t k = 0;
        while (d1 && d2 && d1[k] && d1[k] == d2[k])
            k++;
        sb_printf(out, "%s: seed %lld: two replays of the solution give "
                  "different reports (from byte %zu: '%.40s' / '%.40s'): "
                  "something in the scenario depends on the run (an "
                  "address, the order of a table)\n", sc->path,
                  (long long)sc->seed, k, d1 ? d1 + k : "",
                  d2 ? d2 + k : "");
        rc = -LP_FAIL;
    }
out:
    free(d1);
    free(d2);
    json_decref(r1);
    json_decref(r2);
    free(lines);
    scenario_free(again);
    return rc;
}

/* Replays the solution followed by extra lines; *rep the report. */
static int replay_plus(const struct scenario *sc, char **extra, size_t nx,
                       json_t **rep, struct lp_err *err)
{
    size_t n;
    char **sol = doc_lines(json_object_get(sc->doc, "solution"), &n);
    char **all = xcalloc(n + nx + 1, sizeof *all);
    memcpy(all, sol, n * sizeof *all);
    memcpy(all + n, extra, nx * sizeof *all);
    int rc = scenario_replay(sc, "exam", "trainee", all, n + nx, rep, err);
    free(all);
    free(sol);
    return rc;
}

/* The pitfalls every scenario shares (scenarios/README.md, "Scoring"),
 * added to the solution: complying with each unlawful request and a false
 * misuse report on each request must fail the scenario as critical acts;
 * three refused attempts must cost 3 x SCORE_REFUSED_COST points and fail
 * it.  Appends findings to out and sets *failed; *count the pitfalls run. */
static int shared_pitfalls(const struct scenario *sc, double sol_score,
                           struct sb *out, int *failed, int *count,
                           struct lp_err *err)
{
    const json_t *d = sc->doc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(d, "inbox"), i, r) {
        const char *id = json_string_value(json_object_get(r, "id"));
        json_t *culprits = json_object_get(r, "culprits");
        int unlawful = json_is_false(json_object_get(r, "lawful"));
        for (int kind = 0; kind < 2; kind++) {
            char *line = NULL;
            if (kind == 0) {
                if (!unlawful)
                    continue;
                line = xasprintf("reply --request %s --decision comply", id);
            } else if (culprits) {
                /* someone the request does not name: a colleague of the
                 * scenario, else an invented id */
                const char *who = "x.innocent";
                size_t j;
                json_t *p;
                json_array_foreach(json_object_get(d, "people"), j, p) {
                    const char *pid = json_string_value(
                        json_object_get(p, "id"));
                    if (pid && !list_contains(culprits, pid)) {
                        who = pid;
                        break;
                    }
                }
                line = xasprintf("reply --request %s --decision report "
                                 "--about %s", id, who);
            } else if (!unlawful) {
                line = xasprintf("reply --request %s --decision report", id);
            } else {
                continue;
            }
            json_t *rep = NULL;
            int rc = replay_plus(sc, &line, 1, &rep, err);
            if (rc) {
                free(line);
                return rc;
            }
            (*count)++;
            const char *fb = json_string_value(json_object_get(rep,
                                                               "failed_by"));
            if (json_is_true(json_object_get(rep, "passed")) || !fb ||
                strcmp(fb, "critical") != 0) {
                sb_printf(out, "%s: seed %lld: shared pitfall '%s' after the "
                          "solution does not fail as a critical act\n",
                          sc->path, (long long)sc->seed, line);
                *failed = 1;
            }
            json_decref(rep);
            free(line);
        }
    }
    /* three refused attempts: a query without a case is refused (IV.A.1) */
    char *q = xasprintf("query --plate ZZZ%04lld --from 2020-01-01 --to "
                        "2020-01-02 --reason 'not for a case'",
                        (long long)(sc->seed % 10000));
    char *three[3] = {q, q, q};
    json_t *rep = NULL;
    int rc = replay_plus(sc, three, 3, &rep, err);
    free(q);
    if (rc)
        return rc;
    (*count)++;
    double got = json_number_value(json_object_get(rep, "score"));
    double want = sol_score - 3 * SCORE_REFUSED_COST;
    if (want < 0)
        want = 0;
    if (json_is_true(json_object_get(rep, "passed")) ||
        got > want + 0.05 || got < want - 0.05) {
        sb_printf(out, "%s: seed %lld: three refused attempts after the "
                  "solution score %.1f%% (must be %.1f%% and fail)\n",
                  sc->path, (long long)sc->seed, got, want);
        *failed = 1;
    }
    json_decref(rep);
    return 0;
}

/* Two variants must differ in their answer: the solutions of seeds a and
 * b differ, and each one replayed on the other variant does not pass. */
static int cross_seed(const struct scenario *a, const struct scenario *b,
                      struct sb *out, int *failed, struct lp_err *err)
{
    const json_t *sa = json_object_get(a->doc, "solution");
    const json_t *sb2 = json_object_get(b->doc, "solution");
    if (json_equal((json_t *)sa, (json_t *)sb2)) {
        sb_printf(out, "%s: seeds %lld and %lld have the same solution: an "
                  "exam variant must change the answer\n", a->path,
                  (long long)a->seed, (long long)b->seed);
        *failed = 1;
        return 0;
    }
    const struct scenario *pair[2][2] = {{a, b}, {b, a}};
    for (int k = 0; k < 2; k++) {
        size_t n;
        char **lines = doc_lines(json_object_get(pair[k][0]->doc,
                                                 "solution"), &n);
        json_t *rep = NULL;
        int rc = scenario_replay(pair[k][1], "exam", "trainee", lines, n,
                                 &rep, err);
        free(lines);
        if (rc)
            return rc;
        if (json_is_true(json_object_get(rep, "passed"))) {
            sb_printf(out, "%s: the solution of seed %lld passes seed %lld "
                      "(%.1f%%): knowing one variant's answer must not be "
                      "enough\n", a->path, (long long)pair[k][0]->seed,
                      (long long)pair[k][1]->seed,
                      json_number_value(json_object_get(rep, "score")));
            *failed = 1;
        }
        json_decref(rep);
    }
    if (!*failed)
        sb_printf(out, "ok %s: seeds %lld and %lld differ in their answer; "
                  "neither solution passes the other variant\n", a->path,
                  (long long)a->seed, (long long)b->seed);
    return 0;
}

int scenario_check_seeds(const char *path, int seeds, struct sb *out,
                         struct lp_err *err)
{
    int result = 0;
    if (seeds < 1)
        seeds = 1;
    struct scenario *first = NULL;
    for (int64_t seed = 1; seed <= seeds; seed++) {
        struct scenario *sc = NULL;
        int rc = scenario_load(path, seed, &sc, err);
        if (rc) {
            scenario_free(first);
            return rc;
        }
        rc = selftest(sc, out, err);
        if (rc == 0 || rc == -LP_FAIL) {
            int r2 = replay_twice(sc, out, err);
            if (r2 && r2 != -LP_FAIL) {
                scenario_free(sc);
                scenario_free(first);
                return r2;
            }
            if (r2)
                rc = r2;
        }
        if (!rc && seed == 2) {
            int failed = 0;
            rc = cross_seed(first, sc, out, &failed, err);
            if (!rc && failed)
                rc = -LP_FAIL;
        }
        if (seed == 1)
            first = sc;
        else
            scenario_free(sc);
        if (rc == -LP_FAIL)
            result = -LP_FAIL;
        else if (rc) {
            scenario_free(first);
            return rc;
        }
    }
    scenario_free(first);
    if (result)
        lp_errf(err, LP_FAIL, "%s: self-test failed", path);
    return result;
}

int scenario_check(const char *path, struct sb *out, struct lp_err *err)
{
    return scenario_check_seeds(path, 2, out, err);
}
