/*
 * cmd_scenario.c - "scenario list/check/run/resume/replay/transcript": the
 * command-line face of the scenario engine (script/scenario.h).  run and
 * resume read action lines from --actions FILE or, interactively, from
 * standard input.
 */
#include <dirent.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "core/policy/rules.h"
#include "core/store/store_scenario.h"
#include "script/check.h"
#include "script/scenario.h"
#include "script/track.h"
#include "util/paths.h"

/* ---- shared output ---- */

static void print_briefing(const struct scenario *sc, int64_t id,
                           const char *mode)
{
    const json_t *d = scenario_doc(sc);
    printf("== %s (%s) - session %lld, seed %lld, %s mode\n\n%s\n",
           scenario_title(sc), scenario_id(sc), (long long)id,
           (long long)scenario_seed(sc), mode,
           json_string_value(json_object_get(d, "briefing")));
    size_t i;
    json_t *m;
    json_t *inbox = json_object_get(d, "inbox");
    if (json_array_size(inbox))
        puts("\nInbox:");
    json_array_foreach(inbox, i, m) {
        const char *subj = json_string_value(json_object_get(m, "subject"));
        printf("  [%s] from %s%s%s\n      %s\n",
               json_string_value(json_object_get(m, "id")),
               json_string_value(json_object_get(m, "from")),
               subj ? ": " : "", subj ? subj : "",
               json_string_value(json_object_get(m, "body")));
    }
    if (strcmp(mode, "exam") == 0)
        printf("\nYour task: %s\n", scenario_task(sc));
    puts("\nType actions as on the command line (query ..., hotlist add ...,"
         " reply --request ID --decision comply|decline|report --rule R"
         " --note TEXT); 'help' lists the session commands.");
}

/* Prints a step's text and feedback; with --json, keeps its document in
 * steps instead (the run prints one document at its end). */
static void print_step(const struct cli *c, const struct scenario_step *st,
                       json_t *steps)
{
    if (c->json) {
        if (st->doc)
            json_array_append(steps, st->doc);
        return;
    }
    if (st->text && *st->text) {
        fputs(st->text, stdout);
        if (st->text[strlen(st->text) - 1] != '\n')
            putchar('\n');
    }
    if (st->feedback)
        fputs(st->feedback, stdout);
}

static void print_report(struct cli *c, const json_t *rep)
{
    if (c->json) {
        cli_json_print(json_incref((json_t *)rep));
        return;
    }
    char *s = scenario_report_text(rep);
    fputs(s ? s : "", stdout);
    free(s);
    if (!c->json) {
        s = scenario_report_actions(rep);
        fputs(s ? s : "", stdout);
        free(s);
    }
}

/* ---- interactive and scripted sessions ---- */

static int session_command(struct scenario_session *s, const char *line,
                           int *done, int *quit, size_t *hint)
{
    const struct scenario *sc = scenario_session_scenario(s);
    const json_t *d = scenario_doc(sc);
    while (*line == ' ' || *line == '\t')
        line++;
    size_t n = strcspn(line, " \t\r\n");
    if (n == 0)
        return 1;
#define IS(w) (n == strlen(w) && strncmp(line, w, n) == 0)
    if (IS("help")) {
        puts("session commands: briefing, inbox, objectives (practice), "
             "hint (practice), finish, quit (resume later)");
    } else if (IS("briefing") || IS("inbox")) {
        print_briefing(sc, scenario_session_id(s), scenario_session_mode(s));
    } else if (IS("objectives")) {
        struct lp_err err = {0};
        if (strcmp(scenario_session_mode(s), "exam") == 0) {
            /* the objectives would spell out the answer */
            printf("Your task: %s\n", scenario_task(sc));
            return 1;
        }
        json_t *o = scenario_session_objectives(s, &err);
        size_t i;
        json_t *x;
        json_array_foreach(o, i, x)
            printf("  %s %s\n",
                   json_is_true(json_object_get(x, "met")) ? "[x]" : "[ ]",
                   json_string_value(json_object_get(x, "text")));
        if (!o)
            fprintf(stderr, "lprsim: %s\n", err.msg);
        json_decref(o);
    } else if (IS("hint")) {
        json_t *h = json_object_get(d, "hints");
        if (strcmp(scenario_session_mode(s), "exam") == 0)
            puts("no hints in exam mode");
        else if (*hint < json_array_size(h))
            printf("hint: %s\n",
                   json_string_value(json_array_get(h, (*hint)++)));
        else
            puts("no more hints");
    } else if (IS("finish")) {
        *done = 1;
    } else if (IS("quit") || IS("exit")) {
        *quit = 1;
    } else {
        return 0;
    }
#undef IS
    return 1;
}

/* Practice mode: names the objectives an action has just met.  met holds
 * one flag per objective (at most 64). */
static void print_progress(struct scenario_session *s, char *met)
{
    struct lp_err err = {0};
    json_t *o = scenario_session_objectives(s, &err);
    size_t i;
    json_t *x;
    json_array_foreach(o, i, x) {
        int now = json_is_true(json_object_get(x, "met"));
        if (i < 64 && now && !met[i])
            printf("+ objective met: %s\n",
                   json_string_value(json_object_get(x, "text")));
        if (i < 64)
            met[i] = (char)now;
    }
    json_decref(o);
}

/* One line on the audit checkpoint signed as a run ends (decrefs ck). */
static void print_checkpoint(json_t *ck)
{
    if (json_is_true(json_object_get(ck, "signed")))
        printf("audit checkpoint %lld signed: %lld entries, key %s\n",
               (long long)json_integer_value(json_object_get(ck,
                                                             "checkpoint")),
               (long long)json_integer_value(json_object_get(ck, "entries")),
               json_string_value(json_object_get(ck, "key_id")));
    else
        printf("%s\n", json_string_value(json_object_get(ck, "note")));
    json_decref(ck);
}

static int drive(struct cli *c, struct scenario_session *s, const char *file)
{
    char met[64] = {0};
    if (!file && strcmp(scenario_session_mode(s), "practice") == 0) {
        struct lp_err e0 = {0};
        json_t *o = scenario_session_objectives(s, &e0);
        size_t i;
        json_t *x;
        json_array_foreach(o, i, x)
            if (i < 64)
                met[i] = (char)json_is_true(json_object_get(x, "met"));
        json_decref(o);
    }
    FILE *in = stdin;
    int interactive = !file && isatty(STDIN_FILENO);
    struct lp_err err = {0};
    if (file && !(in = fopen(file, "r")))
        return cli_fail(LP_USAGE, "%s: cannot open", file);
    char *line = NULL;
    size_t cap = 0, hint = 0;
    int done = 0, quit = 0, rc = 0, lineno = 0;
    json_t *steps = c->json ? json_array() : NULL;
    for (;;) {
        if (interactive) {
            printf("scenario> ");
            fflush(stdout);
        }
        if (getline(&line, &cap, in) < 0)
            break;
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        /* the session commands work in an action file as typed */
        if (session_command(s, line, &done, &quit, &hint)) {
            if (done || quit)
                break;
            continue;
        }
        struct scenario_step st;
        if (scenario_session_act(s, line, &st, &err)) {
            rc = cli_fail_err(&err);
            scenario_step_free(&st);
            break;
        }
        if (!file || !c->quiet)
            print_step(c, &st, steps);
        if (st.recorded && !file &&
            strcmp(scenario_session_mode(s), "practice") == 0)
            print_progress(s, met);
        if (!st.recorded && st.status && file)
            fprintf(stderr, "lprsim: %s:%d: not recorded: %s\n", file, lineno,
                    st.text ? st.text : "usage error");
        scenario_step_free(&st);
        fflush(stdout);
    }
    free(line);
    if (file)
        fclose(in);
    if (rc) {
        json_decref(steps);
        return rc;
    }
    if (c->json) {
        /* one document: the session, its steps, then the report or the
         * kept session's checkpoint */
        json_t *doc = json_pack("{s:I,s:o}", "session",
                                (json_int_t)scenario_session_id(s), "steps",
                                steps);
        if (quit || (!file && !done)) {
            json_object_set_new(doc, "kept", json_true());
            json_object_set_new(doc, "actions", json_integer(
                                    scenario_session_actions(s)));
            json_object_set_new(doc, "checkpoint",
                                scenario_audit_checkpoint(c->st));
            cli_json_print(doc);
            return 0;
        }
        json_t *rep = NULL;
        if (scenario_session_finish(s, &rep, &err)) {
            json_decref(doc);
            return cli_fail_err(&err);
        }
        rc = json_is_true(json_object_get(rep, "passed")) ? 0 : LP_FAIL;
        json_object_set_new(doc, "report", rep);
        cli_json_print(doc);
        return rc;
    }
    if (quit || (!file && !done)) {
        printf("session %lld kept: %lld action(s) recorded; continue with "
               "'lprsim scenario resume'\n", (long long)scenario_session_id(s),
               (long long)scenario_session_actions(s));
        print_checkpoint(scenario_audit_checkpoint(c->st));
        return 0;
    }
    json_t *rep = NULL;
    if (scenario_session_finish(s, &rep, &err))
        return cli_fail_err(&err);
    const char *deb = json_string_value(json_object_get(
        scenario_doc(scenario_session_scenario(s)), "debrief"));
    if (!c->json && deb)
        printf("\nDebrief:\n%s\n\n", deb);
    print_report(c, rep);
    rc = json_is_true(json_object_get(rep, "passed")) ? 0 : LP_FAIL;
    json_decref(rep);
    return rc;
}

/* ---- run ---- */

static const struct opt_spec run_opts[] = {
    {"seed", OPT_ARG, "N", "variant seed of a practice run (default: a "
                           "random one, stored)"},
    {"mode", OPT_ARG, "MODE", "practice (feedback at once, default) or exam "
                              "(feedback at the end)"},
    {"track", OPT_ARG, "TRACK", "exam: the track it counts for (default "
                                "initial)"},
    {"actions", OPT_ARG, "FILE", "read action lines from FILE and finish"},
    {NULL, 0, NULL, NULL},
};

static int run_run(struct cli *c, const struct opts *o)
{
    if (o->npos != 1)
        return cli_fail(LP_USAGE, "scenario run: give one scenario FILE");
    int64_t seed;
    const char *ss = opts_get(o, "seed");
    const char *mode = opts_get(o, "mode");
    int exam = mode && strcmp(mode, "exam") == 0;
    if (exam && ss)
        return cli_fail(LP_USAGE, "scenario run: an exam's seed is drawn by "
                        "lprsim when it starts; --seed is for practice");
    if (!exam && opts_get(o, "track"))
        return cli_fail(LP_USAGE, "scenario run: --track goes with --mode "
                        "exam");
    if (ss) {
        if (lp_parse_i64(ss, 0, INT32_MAX, &seed))
            return cli_fail(LP_USAGE, "scenario run: --seed must be a whole "
                            "number from 0 to %d", INT32_MAX);
    } else {
        if (sodium_init() < 0)
            return cli_fail(LP_FAIL, "cannot initialise libsodium");
        seed = 1 + (int64_t)randombytes_uniform(999999);
    }
    int rc = cli_open_store(c, 0);
    if (rc)
        return rc;
    struct lp_err err = {0};
    struct scenario_session *s = NULL;
    if (exam ? track_exam_start(c->st, paths_root(),
                                opts_get(o, "track") ? opts_get(o, "track")
                                                     : "initial",
                                o->pos[0], c->user, &s, &err)
             : scenario_session_start(c->st, o->pos[0], seed, mode, c->user,
                                      &s, &err))
        return cli_fail_err(&err);
    if (!c->quiet && !c->json)
        print_briefing(scenario_session_scenario(s), scenario_session_id(s),
                       scenario_session_mode(s));
    rc = drive(c, s, opts_get(o, "actions"));
    scenario_session_close(s);
    return rc;
}

const struct cli_cmd cmd_scenario_run = {
    "scenario", "run", "FILE", "run a scenario (interactively, or from an "
    "action file)", run_opts, run_run,
    "Each line is an action in the syntax of the subcommands, or reply\n"
    "--request ID --decision comply|decline|report [--rule R]... [--about X]\n"
    "[--note TEXT] to answer an inbox request.  Session commands: briefing,\n"
    "inbox, objectives, hint, finish, quit.  Every action is recorded with\n"
    "its effect; stop at any moment and 'scenario resume'.  --mode exam\n"
    "draws a fresh seed (never the practice one), allows one attempt of a\n"
    "scenario at a time, shows the task instead of the objectives, gives\n"
    "no hints, keeps the explanations for the report and stops recording\n"
    "at the track's time limit (curriculum/tracks).  With --actions\n"
    "the session finishes after the file.  Exit status 0 when the scenario\n"
    "is passed, 1 when not.  When the run ends (finish or quit) and\n"
    "$LPRSIM_AUDIT_KEY names the instructor's audit key, a checkpoint of\n"
    "the audit log is signed and goes into the report and the transcript.",
    .group = ACT_GROUP_SCENARIOS,
};

/* ---- resume ---- */

static const struct opt_spec resume_opts[] = {
    {"session", OPT_ARG, "ID", "the session (default: your newest active)"},
    {"actions", OPT_ARG, "FILE", "read further action lines from FILE and "
                                 "finish"},
    {NULL, 0, NULL, NULL},
};

static int run_resume(struct cli *c, const struct opts *o)
{
    int rc = cli_open_store(c, 0);
    if (rc)
        return rc;
    struct lp_err err = {0};
    int64_t id = 0;
    const char *sid = opts_get(o, "session");
    if (sid) {
        if (lp_parse_i64(sid, 1, INT64_MAX, &id))
            return cli_fail(LP_USAGE, "scenario resume: --session must be a "
                            "session id");
    } else {
        if (!c->user)
            return cli_fail(LP_USAGE, "scenario resume: give --user ID or "
                            "--session ID");
        if (scenario_session_latest(c->st, c->user, &id, &err))
            return cli_fail_err(&err);
        if (!id)
            return cli_fail(LP_USAGE, "no active session for '%s'", c->user);
    }
    struct scenario_session *s = NULL;
    if (scenario_session_resume(c->st, id, &s, &err))
        return cli_fail_err(&err);
    if (c->user && strcmp(c->user, scenario_session_user(s)) != 0) {
        rc = cli_fail(LP_USAGE, "scenario resume: session %lld is %s's, "
                      "not %s's", (long long)id, scenario_session_user(s),
                      c->user);
        scenario_session_close(s);
        return rc;
    }
    if (!c->quiet && !c->json) {
        print_briefing(scenario_session_scenario(s), id,
                       scenario_session_mode(s));
        printf("\nresumed after %lld recorded action(s)\n",
               (long long)scenario_session_actions(s));
    }
    rc = drive(c, s, opts_get(o, "actions"));
    scenario_session_close(s);
    return rc;
}

const struct cli_cmd cmd_scenario_resume = {
    "scenario", "resume", NULL, "continue an unfinished scenario session",
    resume_opts, run_resume, NULL,
    .group = ACT_GROUP_SCENARIOS,
};

/* ---- list ---- */

static const struct opt_spec list_opts[] = {
    {"sessions", OPT_FLAG, NULL, "list sessions (of --user, else all)"},
    {NULL, 0, NULL, NULL},
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_session(void *arg, const struct store_session *s)
{
    json_t *arr = arg;
    if (arr) {
        json_array_append_new(arr, json_pack(
            "{s:I,s:s,s:s,s:I,s:s,s:s,s:o,s:o}", "id", (json_int_t)s->id,
            "user", s->user_id, "scenario", s->scenario_id, "seed",
            (json_int_t)s->seed, "mode", s->mode, "status", s->status,
            "score", s->passed < 0 ? json_null() : json_real(s->score),
            "passed", s->passed < 0 ? json_null() : json_boolean(s->passed)));
        return 0;
    }
    printf("%6lld  %-12s %-28s seed %-7lld %-8s %-7s", (long long)s->id,
           s->user_id, s->scenario_id, (long long)s->seed, s->mode, s->status);
    if (s->passed >= 0)
        printf(" %5.1f%% %s", s->score, s->passed ? "passed" : "not passed");
    putchar('\n');
    return 0;
}

static int run_list(struct cli *c, const struct opts *o)
{
    int rc;
    if (opts_has(o, "sessions")) {
        if ((rc = cli_open_store(c, 0)))
            return rc;
        json_t *arr = c->json ? json_array() : NULL;
        if (store_sessions_each(c->st, c->user, NULL, NULL, list_session,
                                arr)) {
            json_decref(arr);
            return cli_fail_err(store_err(c->st));
        }
        if (arr) {
            cli_json_print(arr);
        }
        return 0;
    }
    char *dir = paths_data("scenarios");
    DIR *dp = opendir(dir);
    if (!dp) {
        rc = cli_fail(LP_FAIL, "%s: cannot open the scenario folder", dir);
        free(dir);
        return rc;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t l = strlen(de->d_name);
        if (l > 4 && strcmp(de->d_name + l - 4, ".lua") == 0) {
            names = xrealloc(names, (n + 1) * sizeof *names);
            names[n++] = xasprintf("%s/%s", dir, de->d_name);
        }
    }
    closedir(dp);
    qsort(names, n, sizeof *names, cmp_str);
    json_t *arr = c->json ? json_array() : NULL;
    rc = 0;
    for (size_t i = 0; i < n; i++) {
        struct scenario *sc = NULL;
        struct lp_err err = {0};
        if (scenario_load(names[i], 1, &sc, &err)) {
            fprintf(stderr, "lprsim: %s\n", err.msg);
            rc = LP_FAIL;
        } else {
            const json_t *d = scenario_doc(sc);
            const char *base = strrchr(names[i], '/') + 1;
            if (arr) {
                json_array_append_new(arr, json_pack(
                    "{s:s,s:s,s:s,s:O,s:O?}", "file", base, "id",
                    scenario_id(sc), "title", scenario_title(sc), "rules",
                    json_object_get(d, "rules"), "tracks",
                    json_object_get(d, "tracks")));
            } else {
                printf("%-28s %s\n%28s rules:", base, scenario_title(sc), "");
                size_t j;
                json_t *r;
                json_array_foreach(json_object_get(d, "rules"), j, r)
                    printf(" %s", json_string_value(r));
                putchar('\n');
            }
        }
        scenario_free(sc);
        free(names[i]);
    }
    free(names);
    free(dir);
    if (arr) {
        cli_json_print(arr);
    }
    return rc;
}

const struct cli_cmd cmd_scenario_list = {
    "scenario", "list", NULL, "list the scenarios (or, with --sessions, the "
    "sessions)", list_opts, run_list, NULL,
    .group = ACT_GROUP_SCENARIOS,
};

/* ---- check ---- */

static const struct opt_spec no_opts[] = {{NULL, 0, NULL, NULL}};

static const struct opt_spec check_opts[] = {
    {"seeds", OPT_ARG, "N", "run the self-tests for seeds 1..N (default 2)"},
    {"coverage", OPT_FLAG, NULL, "print the rule-by-scenario matrix of each "
                                 "track; fail when a rule or module has too "
                                 "few scenarios"},
    {"track", OPT_MULTI, "ID", "with --coverage: only this track (default: "
                               "initial and refresher)"},
    {NULL, 0, NULL, NULL},
};

/* Prints one track's coverage as text: a line per rule with its count and
 * scenario ids, wrapped at 80 columns, then the problems. */
static void print_coverage(const json_t *cov)
{
    printf("track %s: scenarios per rule (at least %d each)\n",
           json_string_value(json_object_get(cov, "track")),
           (int)json_integer_value(json_object_get(cov, "min")));
    const char *rule;
    json_t *ids;
    /* the catalogue's order, not the object's */
    for (size_t i = 0; i < rule_count(); i++) {
        rule = rule_at(i)->id;
        ids = json_object_get(json_object_get(cov, "rules"), rule);
        size_t col = (size_t)printf("  %-7s %2zu ", rule,
                                    json_array_size(ids));
        size_t k;
        json_t *x;
        json_array_foreach(ids, k, x) {
            const char *id = json_string_value(x);
            if (col + strlen(id) + 1 > 79)
                col = (size_t)printf("\n%14s", "");
            col += (size_t)printf(" %s", id);
        }
        putchar('\n');
    }
    size_t k;
    json_t *p;
    json_array_foreach(json_object_get(cov, "problems"), k, p)
        printf("  problem: %s\n", json_string_value(p));
}

static int run_coverage(struct cli *c, const struct opts *o)
{
    static const char *const all[] = {"initial", "refresher"};
    size_t n = opts_count(o, "track") ? opts_count(o, "track") : 2;
    json_t *docs = json_array();
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id = opts_count(o, "track") ? opts_nth(o, "track", i)
                                                : all[i];
        json_t *cov = NULL;
        struct lp_err err = {0};
        if (scenario_coverage(paths_root(), id, &cov, &err)) {
            json_decref(docs);
            return cli_fail_err(&err);
        }
        if (json_array_size(json_object_get(cov, "problems")))
            status = LP_FAIL;
        if (!c->json)
            print_coverage(cov);
        json_array_append_new(docs, cov);
    }
    if (c->json) {
        cli_json_print(json_pack("{s:O}", "tracks", docs));
    }
    json_decref(docs);
    if (status)
        fprintf(stderr, "lprsim: scenario check --coverage: some rules or "
                "modules have too few scenarios\n");
    return status;
}

static int run_check(struct cli *c, const struct opts *o)
{
    if (opts_has(o, "coverage"))
        return run_coverage(c, o);
    if (o->npos == 0)
        return cli_fail(LP_USAGE, "scenario check: give one or more FILEs");
    int64_t seeds = 2;
    if (opts_get(o, "seeds") &&
        lp_parse_i64(opts_get(o, "seeds"), 1, 1000, &seeds))
        return cli_fail(LP_USAGE, "scenario check: --seeds must be 1 to 1000");
    int worst = 0;
    json_t *files = c->json ? json_array() : NULL;
    for (size_t i = 0; i < o->npos; i++) {
        struct sb out;
        struct lp_err err = {0};
        sb_init(&out);
        int rc = scenario_check_seeds(o->pos[i], (int)seeds, &out, &err);
        int st = rc ? (err.status ? err.status : LP_FAIL) : 0;
        if (files) {
            /* one document: a member per file, its lines and its error */
            json_t *lines = json_array();
            for (char *p = out.buf, *nl; p && *p; p = nl + 1) {
                nl = strchr(p, '\n');
                if (!nl) {
                    json_array_append_new(lines, json_string(p));
                    break;
                }
                json_array_append_new(lines, json_stringn(p, (size_t)(nl - p)));
            }
            json_array_append_new(files, json_pack(
                "{s:s,s:b,s:i,s:o,s:s?}", "file", o->pos[i], "ok", rc == 0,
                "status", st, "lines", lines, "error", rc ? err.msg : NULL));
        } else {
            if (!c->quiet || rc)
                fputs(out.buf ? out.buf : "", rc ? stderr : stdout);
            if (rc)
                cli_fail_err(&err);
        }
        if (rc && (st == LP_USAGE || worst != LP_USAGE))
            worst = st;
        sb_free(&out);
    }
    if (files) {
        cli_json_print(json_pack("{s:o}", "files", files));
    }
    return worst;
}

const struct cli_cmd cmd_scenario_check = {
    "scenario", "check", "FILE...", "lint scenarios and run their "
    "self-tests", check_opts, run_check,
    "Lints each file (unknown keys, missing fields, objectives without\n"
    "rule ids, weights, unreachable objectives) and runs its self-tests\n"
    "for seeds 1 and 2 (--seeds N: 1..N): the solution must score full\n"
    "marks, each pitfall must fail and trip its rule, and two replays of\n"
    "the solution must give the same report byte for byte.  Exit 2 for a\n"
    "lint error, 1 for a failed self-test.\n"
    "With --coverage (no FILE): the rule-by-scenario matrix of each track;\n"
    "exit 1 when a rule has fewer scenarios than the track's\n"
    "min_scenarios_per_rule (default 2) or a module fewer than two.",
    .group = ACT_GROUP_SCENARIOS,
};

/* ---- replay and transcript ---- */

static const struct opt_spec replay_opts[] = {
    {"scenario", OPT_ARG, "FILE", "the scenario file (default: the one "
                                  "recorded)"},
    {NULL, 0, NULL, NULL},
};

static int run_replay(struct cli *c, const struct opts *o)
{
    if (o->npos != 1)
        return cli_fail(LP_USAGE, "scenario replay: give a SESSION_ID or a "
                        "transcript FILE");
    struct lp_err err = {0};
    json_t *rep = NULL;
    int64_t id;
    int rc;
    if (lp_parse_i64(o->pos[0], 1, INT64_MAX, &id) == 0) {
        if ((rc = cli_open_store(c, 0)))
            return rc;
        rc = scenario_replay_session(c->st, id, opts_get(o, "scenario"),
                                     &rep, &err);
    } else {
        json_error_t je;
        json_t *doc = json_load_file(o->pos[0], JSON_REJECT_DUPLICATES, &je);
        if (!doc)
            return cli_fail(LP_USAGE, "%s:%d:%d: %s", o->pos[0], je.line,
                            je.column, je.text);
        rc = scenario_replay_doc(doc, opts_get(o, "scenario"), &rep, &err);
        json_decref(doc);
    }
    if (rc)
        return cli_fail_err(&err);
    print_report(c, rep);
    json_decref(rep);
    return 0;
}

const struct cli_cmd cmd_scenario_replay = {
    "scenario", "replay", "SESSION_ID|FILE", "replay a transcript in a fresh "
    "sandbox and score it again", replay_opts, run_replay,
    "The same transcript gives the same report, byte for byte (--json).",
    .group = ACT_GROUP_SCENARIOS,
};

static int run_transcript(struct cli *c, const struct opts *o)
{
    int64_t id;
    if (o->npos != 1 || lp_parse_i64(o->pos[0], 1, INT64_MAX, &id))
        return cli_fail(LP_USAGE, "scenario transcript: give a SESSION_ID");
    int rc = cli_open_store(c, 0);
    if (rc)
        return rc;
    struct lp_err err = {0};
    json_t *doc = NULL;
    if (scenario_transcript(c->st, id, &doc, &err))
        return cli_fail_err(&err);
    json_dumpf(doc, stdout, JSON_INDENT(2));
    putchar('\n');
    json_decref(doc);
    return 0;
}

const struct cli_cmd cmd_scenario_transcript = {
    "scenario", "transcript", "SESSION_ID", "write a session's transcript "
    "(scenario, seed, actions) as JSON", no_opts, run_transcript,
    "The output replays with 'lprsim scenario replay FILE'.",
    .group = ACT_GROUP_SCENARIOS,
};

/* ---- solution (for instructors) ---- */

static const struct opt_spec solution_opts[] = {
    {"seed", OPT_ARG, "N", "variant seed (default 1)"},
    {NULL, 0, NULL, NULL},
};

static int run_solution(struct cli *c, const struct opts *o)
{
    (void)c;
    int64_t seed = 1;
    if (o->npos != 1)
        return cli_fail(LP_USAGE, "scenario solution: give one scenario FILE");
    if (opts_get(o, "seed") &&
        lp_parse_i64(opts_get(o, "seed"), 0, INT32_MAX, &seed))
        return cli_fail(LP_USAGE, "scenario solution: --seed must be a whole "
                        "number from 0 to %d", INT32_MAX);
    struct scenario *sc = NULL;
    struct lp_err err = {0};
    if (scenario_load(o->pos[0], seed, &sc, &err))
        return cli_fail_err(&err);
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(scenario_doc(sc), "solution"), i, l)
        puts(json_string_value(l));
    scenario_free(sc);
    return 0;
}

const struct cli_cmd cmd_scenario_solution = {
    "scenario", "solution", "FILE", "print a scenario's model answer (its "
    "solution) for a seed", solution_opts, run_solution,
    "The lines form an action file for 'scenario run --actions'.",
    .group = ACT_GROUP_SCENARIOS,
};
