/*
 * session.c - scenario sessions: start (the session row in the main
 * database, the world in its own sandbox database), resume after any
 * interruption, act, live objectives, and finish (replay, score, store the
 * report, remove the sandbox).  See scenario.h.
 */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/action/action.h"
#include "core/audit/audit.h"
#include "core/store/store_people.h"
#include "core/store/store_scenario.h"
#include "core/store/store_world.h"
#include "core/world/clock.h"
#include "script/check.h"
#include "script/scenario_int.h"
#include "util/lptime.h"
#include "util/opts.h"
#include "util/paths.h"
#include "util/words.h"

struct scenario_session {
    struct store *main;      /* borrowed */
    struct store *sbx;       /* owned: the sandbox */
    struct scenario *sc;
    struct lp_ctx ctx;
    char *user, *mode, *sandbox;
    int64_t id;
    int64_t deadline;        /* exam time limit (wall clock), or 0 */
    json_t *actions;         /* facts of the actions so far */
};

/* ---- sessions ---- */

static char *sandbox_path(struct store *main, int64_t id)
{
    const char *mp = store_path(main);
    if (strcmp(mp, ":memory:") == 0)
        return xstrdup(":memory:");
    char *dir = xasprintf("%s.sandbox", mp);
    if (mkdir(dir, 0700) && errno != EEXIST) {
        free(dir);
        return NULL;
    }
    char *p = xasprintf("%s/session-%lld.db", dir, (long long)id);
    free(dir);
    return p;
}

/* Removes a sandbox database with its -wal, -shm and -journal files. */
static void remove_db(const char *path)
{
    if (!path || strcmp(path, ":memory:") == 0)
        return;
    char *w = xasprintf("%s-wal", path), *s = xasprintf("%s-shm", path);
    char *j = xasprintf("%s-journal", path);
    unlink(path);
    unlink(w);
    unlink(s);
    unlink(j);
    free(w);
    free(s);
    free(j);
}

/* A finished session's sandbox: its files, then its DB.sandbox folder
 * when no other session's sandbox is left in it. */
static void remove_sandbox(const char *path)
{
    if (!path || strcmp(path, ":memory:") == 0)
        return;
    remove_db(path);
    char *dir = xstrdup(path), *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = '\0';
        size_t n = strlen(dir);
        if (n > 8 && strcmp(dir + n - 8, ".sandbox") == 0)
            rmdir(dir);   /* fails, harmlessly, while it is not empty */
    }
    free(dir);
}

/* Opens the sandbox of a session, (re)building it when its setup never
 * finished (a crash during set-up). */
static int open_sandbox(struct scenario_session *s, int fresh,
                        struct lp_err *err)
{
    if (fresh)
        remove_db(s->sandbox);
    s->sbx = store_open(s->sandbox, STORE_CREATE, err);
    if (!s->sbx)
        return -err->status;
    int64_t marker = 0;
    if (store_meta_get_i64(s->sbx, "scenario.session", 0, &marker)) {
        return store_err_copy(s->sbx, err);
    }
    if (marker == s->id)
        return 0;
    if (marker != 0 || store_has_world(s->sbx) > 0) {
        store_close(s->sbx);
        s->sbx = NULL;
        remove_db(s->sandbox);
        s->sbx = store_open(s->sandbox, STORE_CREATE, err);
        if (!s->sbx)
            return -err->status;
    }
    return scenario_world_build(s->sc, s->sbx, s->user, s->id, err);
}

static void session_free(struct scenario_session *s)
{
    if (!s)
        return;
    ctx_release(&s->ctx);
    store_close(s->sbx);
    scenario_free(s->sc);
    json_decref(s->actions);
    free(s->user);
    free(s->mode);
    free(s->sandbox);
    free(s);
}

void scenario_session_close(struct scenario_session *s)
{
    session_free(s);
}

static int session_start(struct store *main, const char *path,
                         int64_t seed, const char *mode, const char *user,
                         const char *track, int64_t deadline,
                         struct scenario_session **out, struct lp_err *err)
{
    *out = NULL;
    if (!mode)
        mode = "practice";
    if (strcmp(mode, "practice") != 0 && strcmp(mode, "exam") != 0)
        return lp_errf(err, LP_USAGE, "mode must be practice or exam, not "
                       "'%s'", mode);
    struct lp_person p;
    if (!user || !*user)
        return lp_errf(err, LP_USAGE, "no user: give --user ID or set "
                       "LPRSIM_USER");
    int r = store_person_get(main, user, &p);
    if (r < 0) {
        return store_err_copy(main, err);
    }
    if (r == 0)
        return lp_errf(err, LP_USAGE, "unknown user '%s': not on the roster "
                       "(add with 'lprsim roster add')", user);
    struct scenario_session *s = xcalloc(1, sizeof *s);
    s->main = main;
    s->user = xstrdup(user);
    s->mode = xstrdup(mode);
    s->actions = json_array();
    int rc = scenario_load(path, seed, &s->sc, err);
    if (rc)
        goto fail;
    char *abs = realpath(path, NULL);
    struct store_session ss = {
        .user_id = s->user, .scenario_id = (char *)scenario_id(s->sc),
        .scenario_file = abs ? abs : (char *)path,
        .scenario_hash = s->sc->hash, .mode = s->mode, .seed = seed,
        .started_at = (int64_t)time(NULL), .track = (char *)track,
        .deadline = deadline};
    s->deadline = deadline;
    if (store_begin(main) || store_session_add(main, &ss, &s->id)) {
        free(abs);
        goto store_fail;
    }
    free(abs);
    s->sandbox = sandbox_path(main, s->id);
    if (!s->sandbox) {
        store_rollback(main);
        rc = lp_errf(err, LP_FAIL, "%s.sandbox: cannot create the folder: %s",
                     store_path(main), strerror(errno));
        goto fail;
    }
    if (store_session_set_sandbox(main, s->id, s->sandbox) ||
        store_commit(main))
        goto store_fail;
    if ((rc = open_sandbox(s, 1, err))) {
        /* nothing half-made stays behind: the row and the sandbox go */
        store_close(s->sbx);
        s->sbx = NULL;
        remove_db(s->sandbox);
        if (store_begin(main) == 0 &&
            (store_session_delete(main, s->id) || store_commit(main)))
            store_rollback(main);
        goto fail;
    }
    scn_ctx_setup(&s->ctx, s->sbx, s->sc, s->user, s->id);
    *out = s;
    return 0;
store_fail:
    rc = store_err_copy(main, err);
    store_rollback(main);
fail:
    session_free(s);
    return rc;
}

int scenario_session_start(struct store *main, const char *path,
                           int64_t seed, const char *mode, const char *user,
                           struct scenario_session **out, struct lp_err *err)
{
    if (mode && strcmp(mode, "exam") == 0)
        return lp_errf(err, LP_USAGE, "an exam's seed is drawn by lprsim: "
                       "start it with scenario_exam_start");
    return session_start(main, path, seed, mode, user, NULL, 0, out, err);
}

/* Sessions of one scenario of one person: an active exam, and the seeds
 * already used (an exam draws a seed none of them had). */
struct exam_scan {
    const char *file, *id;
    int64_t active;
    int64_t seeds[64];
    size_t nseeds;
};

static int base_is(const char *path, const char *file)
{
    const char *b = strrchr(path, '/');
    const char *f = strrchr(file, '/');
    return strcmp(b ? b + 1 : path, f ? f + 1 : file) == 0;
}

static int exam_scan_one(void *arg, const struct store_session *ss)
{
    struct exam_scan *x = arg;
    if (strcmp(ss->scenario_id, x->id) != 0 &&
        !(ss->scenario_file && base_is(ss->scenario_file, x->file)))
        return 0;
    if (strcmp(ss->status, "active") == 0 && strcmp(ss->mode, "exam") == 0)
        x->active = ss->id;
    if (x->nseeds < sizeof x->seeds / sizeof x->seeds[0])
        x->seeds[x->nseeds++] = ss->seed;
    return 0;
}

int scenario_exam_start(struct store *main, const char *path,
                        const char *track, int time_limit_min,
                        const char *user, int64_t practice_seed,
                        struct scenario_session **out, struct lp_err *err)
{
    *out = NULL;
    struct scenario *probe = NULL;
    if (!user || !*user)
        return lp_errf(err, LP_USAGE, "no user: give --user ID or set "
                       "LPRSIM_USER");
    int rc = scenario_load(path, 1, &probe, err);
    if (rc)
        return rc;
    struct exam_scan x = {.file = path, .id = scenario_id(probe)};
    rc = store_sessions_each(main, user, NULL, NULL, exam_scan_one, &x);
    if (rc) {
        scenario_free(probe);
        *err = *store_err(main);
        return -err->status;
    }
    if (x.active) {
        rc = lp_errf(err, LP_USAGE, "%s: exam session %lld of %s is still "
                     "in progress: resume it ('lprsim scenario resume') or "
                     "finish it first; one exam attempt at a time", user,
                     (long long)x.active, scenario_id(probe));
        scenario_free(probe);
        return rc;
    }
    scenario_free(probe);
    /* a fresh variant: not the practice seed, not one seen before */
    int64_t seed = 0;
    for (int tries = 0; tries < 64; tries++) {
        seed = 1 + (int64_t)randombytes_uniform(999999);
        int seen = seed == practice_seed;
        for (size_t i = 0; i < x.nseeds && !seen; i++)
            seen = x.seeds[i] == seed;
        if (!seen)
            break;
    }
    int64_t deadline = time_limit_min > 0
                           ? (int64_t)time(NULL) + 60 * (int64_t)time_limit_min
                           : 0;
    return session_start(main, path, seed, "exam", user, track, deadline,
                         out, err);
}

const char *scenario_session_user(const struct scenario_session *s)
{
    return s->user;
}

int64_t scenario_session_deadline(const struct scenario_session *s)
{
    return s->deadline;
}

static int rebuild_fact(void *arg, const struct store_tline *t)
{
    json_t *doc = json_pack("{s:s?,s:o,s:I}", "verdict", t->verdict, "rules",
                            scn_split_rules(t->rules), "audit_id",
                            (json_int_t)t->audit_id);
    json_array_append_new(arg, scn_fact_action(t->seq, t->line, doc, 0));
    json_decref(doc);
    return 0;
}

int scenario_session_resume(struct store *main, int64_t id,
                            struct scenario_session **out, struct lp_err *err)
{
    *out = NULL;
    struct store_session ss;
    int rc = scn_get_session(main, id, &ss, err);
    if (rc)
        return rc;
    struct scenario_session *s = xcalloc(1, sizeof *s);
    s->main = main;
    s->id = id;
    s->user = xstrdup(ss.user_id);
    s->mode = xstrdup(ss.mode);
    s->deadline = ss.deadline;
    s->sandbox = ss.sandbox ? xstrdup(ss.sandbox) : NULL;
    s->actions = json_array();
    if (strcmp(ss.status, "active") != 0) {
        rc = lp_errf(err, LP_USAGE, "session %lld is %s, not active (see "
                     "'lprsim scenario replay %lld')", (long long)id,
                     ss.status, (long long)id);
        goto fail;
    }
    if (!s->sandbox || strcmp(s->sandbox, ":memory:") == 0) {
        rc = lp_errf(err, LP_FAIL, "session %lld ran in memory and cannot be "
                     "resumed", (long long)id);
        goto fail;
    }
    if ((rc = scenario_load(ss.scenario_file, ss.seed, &s->sc, err)))
        goto fail;
    if (ss.scenario_hash && strcmp(ss.scenario_hash, s->sc->hash) != 0) {
        rc = lp_errf(err, LP_FAIL, "%s changed since session %lld started; "
                     "start the scenario again", ss.scenario_file,
                     (long long)id);
        goto fail;
    }
    if ((rc = open_sandbox(s, 0, err)))
        goto fail;
    if (store_scn_transcript_each(s->sbx, s->id, rebuild_fact, s->actions)) {
        rc = store_err_copy(s->sbx, err);
        goto fail;
    }
    scn_ctx_setup(&s->ctx, s->sbx, s->sc, s->user, s->id);
    store_session_clear(&ss);
    *out = s;
    return 0;
fail:
    store_session_clear(&ss);
    session_free(s);
    return rc;
}

static int latest_one(void *arg, const struct store_session *ss)
{
    *(int64_t *)arg = ss->id;
    return 0;
}

int scenario_session_latest(struct store *main, const char *user,
                            int64_t *id, struct lp_err *err)
{
    *id = 0;
    if (store_sessions_each(main, user, NULL, "active", latest_one, id)) {
        return store_err_copy(main, err);
    }
    return 0;
}

int scenario_session_act(struct scenario_session *s, const char *line,
                         struct scenario_step *step, struct lp_err *err)
{
    memset(step, 0, sizeof *step);
    if (!s->sbx)
        return lp_errf(err, LP_USAGE, "session %lld is finished",
                       (long long)s->id);
    if (s->deadline && (int64_t)time(NULL) > s->deadline) {
        char d[32];
        lptime_format(s->deadline, d, sizeof d);
        return lp_errf(err, LP_USAGE, "session %lld: the exam's time limit "
                       "ended at %s; nothing more is recorded: finish it",
                       (long long)s->id, d);
    }
    return scn_act(&s->ctx, s->sc, line, strcmp(s->mode, "exam") == 0,
                  s->actions, step, err);
}

json_t *scenario_session_objectives(struct scenario_session *s,
                                    struct lp_err *err)
{
    if (!s->sbx) {
        lp_errf(err, LP_USAGE, "session %lld is finished", (long long)s->id);
        return NULL;
    }
    json_t *facts = scn_facts(s->sc, s->sbx, s->user, s->actions, err);
    json_t *fnres = NULL;
    if (!facts)
        return NULL;
    if (scenario_eval_functions(s->sc, facts, &fnres, err)) {
        json_decref(facts);
        return NULL;
    }
    json_t *out = json_array();
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(s->sc->doc, "objectives"), i, o) {
        struct sb why;
        sb_init(&why);
        int met = check_eval(json_object_get(o, "check"), facts, fnres, &why,
                             err);
        sb_free(&why);
        json_array_append_new(out, json_pack(
            "{s:O?,s:O?,s:b}", "id", json_object_get(o, "id"), "text",
            json_object_get(o, "text"), "met", met > 0));
    }
    json_decref(fnres);
    json_decref(facts);
    return out;
}

struct copy_arg {
    struct store *dst;
    int64_t id;
};

static int copy_line(void *arg, const struct store_tline *t)
{
    struct copy_arg *c = arg;
    return store_scn_transcript_add(c->dst, c->id, t, NULL) ? 1 : 0;
}

json_t *scenario_audit_checkpoint(struct store *main)
{
    const char *key = getenv("LPRSIM_AUDIT_KEY");
    if (!key || !*key)
        return json_pack("{s:b,s:s}", "signed", 0, "note", "no audit "
                         "checkpoint signed: no instructor key "
                         "(LPRSIM_AUDIT_KEY is not set)");
    struct lp_err err = {0};
    struct audit_ckpt_info ci;
    int64_t now = 0;
    /* audit_autocheckpoint verifies the chain and the stored checkpoints
     * against the key's own public half first: a log cut below an earlier
     * checkpoint never gets a fresh signature that hides the cut */
    if (clock_resolve(main, NULL, &now, &err) ||
        audit_autocheckpoint(main, key, 0, now, &ci, &err)) {
        char *note = xasprintf("no audit checkpoint signed: %s", err.msg);
        json_t *j = json_pack("{s:b,s:s}", "signed", 0, "note", note);
        free(note);
        return j;
    }
    if (!ci.id)
        return json_pack("{s:b,s:s}", "signed", 0, "note", "no audit "
                         "checkpoint signed: no entry since the last one");
    char head[2 * AUDIT_HASH_LEN + 1], at[32];
    char sig[sodium_base64_ENCODED_LEN(64, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2hex(head, sizeof head, ci.head, AUDIT_HASH_LEN);
    sodium_bin2base64(sig, sizeof sig, ci.sig, sizeof ci.sig,
                      sodium_base64_VARIANT_ORIGINAL);
    lptime_format(ci.at, at, sizeof at);
    return json_pack("{s:b,s:I,s:I,s:s,s:s,s:s,s:s}", "signed", 1,
                     "checkpoint", (json_int_t)ci.id, "entries",
                     (json_int_t)ci.entries, "head", head, "at", at, "key_id",
                     ci.key_id, "signature", sig);
}

int scenario_session_finish(struct scenario_session *s, json_t **report,
                            struct lp_err *err)
{
    *report = NULL;
    if (!s->sbx)
        return lp_errf(err, LP_USAGE, "session %lld is finished",
                       (long long)s->id);
    struct scn_lines l = {0};
    int rc = store_scn_transcript_each(s->sbx, s->id, scn_collect_line, &l);
    if (rc) {
        return store_err_copy(s->sbx, err);
    }
    rc = scenario_replay(s->sc, s->mode, s->user, l.v, l.n, report, err);
    scn_lines_free(&l);
    if (rc)
        return rc;
    /* the main database's audit log, signed with a key the trainee does not
     * hold; the checkpoint travels in the report and the transcript */
    json_object_set_new(*report, "audit_checkpoint",
                        scenario_audit_checkpoint(s->main));
    char *text = report_dump(*report);
    struct copy_arg ca = {s->main, s->id};
    double score = json_number_value(json_object_get(*report, "score"));
    int passed = json_is_true(json_object_get(*report, "passed"));
    if (store_begin(s->main) ||
        store_scn_transcript_each(s->sbx, s->id, copy_line, &ca) ||
        store_session_finish(s->main, s->id, (int64_t)time(NULL), score,
                             passed, text) ||
        store_commit(s->main)) {
        rc = store_err_copy(s->main, err);
        store_rollback(s->main);
        free(text);
        json_decref(*report);
        *report = NULL;
        return rc;
    }
    free(text);
    store_close(s->sbx);
    s->sbx = NULL;
    s->ctx.st = NULL;
    remove_sandbox(s->sandbox);
    return 0;
}

struct store *scenario_session_store(struct scenario_session *s)
{
    return s->sbx;
}

int64_t scenario_session_id(const struct scenario_session *s)
{
    return s->id;
}

const char *scenario_session_mode(const struct scenario_session *s)
{
    return s->mode;
}

const struct scenario *scenario_session_scenario(
    const struct scenario_session *s)
{
    return s->sc;
}

int64_t scenario_session_actions(const struct scenario_session *s)
{
    return (int64_t)json_array_size(s->actions);
}

