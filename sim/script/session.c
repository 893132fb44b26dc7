/*
 * session.c - scenario sessions (start, act, resume, finish), replay of a
 * transcript into a fresh sandbox, facts for scoring, and the self-tests
 * of `scenario check` (see scenario.h).  Every trainee action goes through
 * the action layer (core/action.h), which writes the effect, the audit
 * entry and the transcript row in one transaction.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/action.h"
#include "core/audit.h"
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
    json_t *actions;         /* facts of the actions so far */
};

static const char *const group_words[] = {"hotlist", "audit", "case",
                                          "device", "roster", NULL};

void scenario_step_free(struct scenario_step *s)
{
    if (!s)
        return;
    json_decref(s->doc);
    free(s->text);
    free(s->feedback);
    memset(s, 0, sizeof *s);
}

/* ---- facts ---- */

/* Parses an action line into {action, opts, all, args}. */
static json_t *parse_line(const char *line)
{
    struct words w;
    struct lp_err e = {0};
    json_t *a = json_object(), *opts = json_object(), *all = json_object(),
           *args = json_array();
    if (words_split(line, &w, &e) == 0 && w.argc > 0) {
        int i = 1;
        char *name = xstrdup(w.argv[0]);
        for (int g = 0; group_words[g]; g++)
            if (strcmp(group_words[g], w.argv[0]) == 0 && w.argc > 1 &&
                w.argv[1][0] != '-') {
                free(name);
                name = xasprintf("%s %s", w.argv[0], w.argv[1]);
                i = 2;
            }
        json_object_set_new(a, "action", json_string(name));
        free(name);
        for (; i < w.argc; i++) {
            const char *x = w.argv[i];
            if (strncmp(x, "--", 2) != 0 || !x[2]) {
                json_array_append_new(args, json_string(x));
                continue;
            }
            char *k = xstrdup(x + 2);
            char *eq = strchr(k, '=');
            json_t *v;
            if (eq) {
                *eq = '\0';
                v = json_string(eq + 1);
            } else if (i + 1 < w.argc && strncmp(w.argv[i + 1], "--", 2)) {
                v = json_string(w.argv[++i]);
            } else {
                v = json_true();
            }
            if (!v)
                v = json_string("?");
            if (!json_object_get(opts, k))
                json_object_set(opts, k, v);
            json_t *l = json_object_get(all, k);
            if (!l) {
                l = json_array();
                json_object_set_new(all, k, l);
            }
            json_array_append_new(l, v);
            free(k);
        }
        words_free(&w);
    } else {
        json_object_set_new(a, "action", json_string(""));
    }
    json_object_set_new(a, "opts", opts);
    json_object_set_new(a, "all", all);
    json_object_set_new(a, "args", args);
    return a;
}

static json_t *split_rules(const char *s)
{
    json_t *a = json_array();
    if (!s)
        return a;
    while (*s) {
        size_t n = strcspn(s, ", ");
        if (n)
            json_array_append_new(a, json_stringn(s, n));
        s += n;
        while (*s == ',' || *s == ' ')
            s++;
    }
    return a;
}

static json_t *fact_action(int64_t seq, const char *line, const json_t *doc,
                           int status)
{
    json_t *a = parse_line(line);
    json_object_set_new(a, "seq", json_integer((json_int_t)seq));
    json_object_set_new(a, "line", json_string(line));
    json_t *v = json_object_get(doc, "verdict");
    json_object_set(a, "verdict", v ? v : json_null());
    json_t *r = json_object_get(doc, "rules");
    json_object_set_new(a, "rules", json_is_array(r) ? json_deep_copy(r)
                        : split_rules(json_string_value(r)));
    /* flagged: the rules of deny and warn findings (what was tripped) */
    json_t *fl = json_array(), *finds = json_object_get(doc, "findings");
    const char *vd = json_string_value(v);
    if (json_is_array(finds)) {
        size_t i;
        json_t *f;
        json_array_foreach(finds, i, f) {
            const char *lv = json_string_value(json_object_get(f, "verdict"));
            json_t *fr = json_object_get(f, "rule");
            if (lv && strcmp(lv, "allow") != 0 && json_is_string(fr) &&
                !list_contains(fl, json_string_value(fr)))
                json_array_append(fl, fr);
        }
    } else if (vd && strcmp(vd, "allow") != 0) {
        json_array_extend(fl, json_object_get(a, "rules"));
    }
    json_object_set_new(a, "flagged", fl);
    json_t *rs = json_object_get(doc, "reason");
    json_object_set_new(a, "reason", rs ? json_incref(rs) : json_string(""));
    json_t *aid = json_object_get(doc, "audit_id");
    json_object_set_new(a, "audit_id", aid ? json_incref(aid)
                                           : json_integer(0));
    json_t *res = json_object_get(doc, "results");
    json_object_set_new(a, "results", json_integer(
        (json_int_t)(json_is_array(res) ? json_array_size(res) : 0)));
    json_object_set_new(a, "status", json_integer(status));
    return a;
}

static int hot_fact(void *arg, const char *hotlist,
                    const struct store_hot_entry *e, const char *why)
{
    json_array_append_new(arg, json_pack(
        "{s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?}", "hotlist", hotlist,
        "plate", e->plate, "state", e->state, "case", e->case_number,
        "tracking", e->tracking, "note", e->note, "removed_reason", why));
    return 0;
}

static int audit_fact(void *arg, const struct store_audit_row *a)
{
    json_array_append_new(arg, json_pack(
        "{s:I,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:i}",
        "id", (json_int_t)a->id, "user", a->user_id, "action", a->action,
        "plate", a->plate, "case", a->case_number, "reason", a->reason,
        "results", a->results, "verdict", a->verdict, "rules", a->rules,
        "manual", a->manual));
    return 0;
}

/* The facts of a sandbox after the actions (borrowed into the result). */
static json_t *facts_build(const struct scenario *sc, struct store *st,
                           const char *user, json_t *actions,
                           struct lp_err *err)
{
    json_t *hot = json_array(), *rem = json_array(), *aud = json_array();
    char now[32];
    lptime_format(sc->now, now, sizeof now);
    if (store_scn_hotlist_each(st, 0, hot_fact, hot) ||
        store_scn_hotlist_each(st, 1, hot_fact, rem) ||
        store_audit_each(st, audit_fact, aud)) {
        *err = *store_err(st);
        json_decref(hot);
        json_decref(rem);
        json_decref(aud);
        return NULL;
    }
    return json_pack("{s:s,s:s,s:O,s:o,s:o,s:o}", "now", now, "user", user,
                     "actions", actions, "hotlist", hot, "removed", rem,
                     "audit", aud);
}

static json_t *score_store(const struct scenario *sc, struct store *st,
                           const char *user, json_t *actions,
                           const char *mode, struct lp_err *err)
{
    json_t *facts = facts_build(sc, st, user, actions, err), *fnres = NULL;
    if (!facts)
        return NULL;
    json_t *rep = NULL;
    if (scenario_eval_functions(sc, facts, &fnres, err) == 0)
        rep = score_report(sc->doc, facts, fnres, mode, sc->seed, err);
    json_decref(fnres);
    json_decref(facts);
    return rep;
}

/* ---- one action ---- */

static const struct opt_spec reply_opts[] = {
    {"request", OPT_ARG, "ID", "the inbox request answered"},
    {"decision", OPT_ARG, "D", "comply, decline or report"},
    {"rule", OPT_MULTI, "RULE", "rule id the answer cites"},
    {"about", OPT_ARG, "WHO", "user or plate the answer is about"},
    {"note", OPT_ARG, "TEXT", "the answer in words"},
    {NULL, 0, NULL, NULL},
};

/* reply: the trainee's answer to an inbox request, recorded in the
 * transcript (it has no effect on the LPR system). */
static int do_reply(struct lp_ctx *ctx, const struct scenario *sc, int argc,
                    char **argv, const char *line, struct scenario_step *step,
                    struct lp_err *err)
{
    struct opts o;
    struct lp_err e = {0};
    if (opts_parse(reply_opts, NULL, argc - 1, argv + 1, &o, &e)) {
        step->status = LP_USAGE;
        step->text = xasprintf("reply: %s", e.msg);
        return 0;
    }
    const char *req = opts_get(&o, "request"), *dec = opts_get(&o, "decision");
    const char *bad = NULL;
    size_t i;
    json_t *x;
    int found = 0;
    json_array_foreach(json_object_get(sc->doc, "inbox"), i, x)
        found |= req && strcmp(json_string_value(json_object_get(x, "id")),
                               req) == 0;
    if (!req || !found)
        bad = "--request must name a request of the inbox (see 'inbox')";
    else if (!dec || (strcmp(dec, "comply") && strcmp(dec, "decline") &&
                      strcmp(dec, "report")))
        bad = "--decision must be comply, decline or report";
    for (size_t k = 0; !bad && k < opts_count(&o, "rule"); k++)
        if (!scenario_rule_text(opts_nth(&o, "rule", k)))
            bad = "--rule must be a rule id such as IV.A.1";
    if (bad) {
        step->status = LP_USAGE;
        step->text = xasprintf("reply: %s", bad);
        return 0;
    }
    struct sb rules;
    sb_init(&rules);
    json_t *rj = json_array();
    for (size_t k = 0; k < opts_count(&o, "rule"); k++) {
        sb_printf(&rules, "%s%s", k ? "," : "", opts_nth(&o, "rule", k));
        json_array_append_new(rj, json_string(opts_nth(&o, "rule", k)));
    }
    int64_t seq = 0;
    struct store *st = ctx->st;
    struct store_tline t = {.at = ctx->now, .line = line, .verdict = "allow",
                            .rules = rules.buf ? rules.buf : ""};
    int rc = 0;
    if (store_begin(st) || store_scn_transcript_next(st, ctx->session_id,
                                                     &seq))
        goto fail;
    t.seq = seq;
    if (store_scn_transcript_add(st, ctx->session_id, &t) || store_commit(st))
        goto fail;
    step->status = LP_OK;
    step->recorded = 1;
    step->doc = json_pack("{s:s,s:o,s:s,s:i,s:[]}", "verdict", "allow",
                          "rules", rj, "reason", "answer recorded",
                          "audit_id", 0, "results");
    rj = NULL;
    step->text = xasprintf("answer to %s recorded: %s", req, dec);
    goto out;
fail:
    *err = *store_err(st);
    rc = -err->status;
    store_rollback(st);
out:
    json_decref(rj);
    sb_free(&rules);
    return rc;
}

static const struct opt_spec audit_add_opts[] = {
    {"plate", OPT_ARG, "P", NULL}, {"case", OPT_ARG, "N", NULL},
    {"reason", OPT_ARG, "TEXT", NULL}, {"results", OPT_ARG, "TEXT", NULL},
    {"at", OPT_ARG, "TIME", NULL}, {"source", OPT_ARG, "NAME", NULL},
    {NULL, 0, NULL, NULL},
};
static const struct opt_spec audit_review_opts[] = {
    {"quarter", OPT_ARG, "Q", NULL}, {NULL, 0, NULL, NULL},
};

/* "audit add" and "audit review" through the audit part's core functions,
 * for as long as the action table does not hold them: the entry and the
 * transcript row are still one transaction. */
static int do_audit_local(struct lp_ctx *ctx, int argc, char **argv,
                          const char *line, struct scenario_step *step,
                          struct lp_err *err)
{
    struct opts o;
    struct lp_err e = {0};
    int add = strcmp(argv[1], "add") == 0;
    struct store *st = ctx->st;
    if (opts_parse(add ? audit_add_opts : audit_review_opts, NULL, argc - 2,
                   argv + 2, &o, &e)) {
        step->status = LP_USAGE;
        step->text = xasprintf("audit %s: %s", argv[1], e.msg);
        return 0;
    }
    if (!add && !opts_get(&o, "quarter")) {
        step->status = LP_USAGE;
        step->text = xstrdup("audit review: give --quarter (e.g. 2026Q1)");
        return 0;
    }
    if (store_begin(st)) {
        *err = *store_err(st);
        return -err->status;
    }
    json_t *doc = NULL;
    struct sb text;
    sb_init(&text);
    struct store_tline t = {.at = ctx->now, .line = line};
    struct audit_outcome out;   /* t points into it until the commit */
    memset(&out, 0, sizeof out);
    int rc;
    if (add) {
        struct audit_manual m = {
            .user = ctx->user, .plate = opts_get(&o, "plate"),
            .case_number = opts_get(&o, "case"),
            .reason = opts_get(&o, "reason"),
            .results = opts_get(&o, "results"),
            .source = opts_get(&o, "source"), .at_text = opts_get(&o, "at"),
            .profile = ctx->profile, .session_id = ctx->session_id};
        rc = audit_add_manual(st, &m, ctx->now, &out, &e);
        if (rc == 0) {
            doc = json_pack("{s:s,s:s,s:o,s:s,s:I,s:[]}", "action",
                            "audit add", "verdict", out.verdict, "rules",
                            split_rules(out.rules), "reason", out.reason,
                            "audit_id", (json_int_t)out.audit_id, "results");
            t.verdict = out.verdict;
            t.rules = out.rules;
            t.audit_id = out.audit_id;
            step->status = out.status;
            sb_printf(&text, "%s%s%s: %s (audit entry %lld)\n",
                      out.status == LP_REFUSED ? "refused" : "recorded",
                      out.rules[0] ? " " : "", out.rules, out.reason,
                      (long long)out.audit_id);
        }
    } else {
        rc = audit_review_quarter(st, ctx->user, opts_get(&o, "quarter"),
                                  ctx->now, &doc, &text, &e);
        if (rc == 0) {
            json_t *f = json_object_get(doc, "findings");
            json_object_set_new(doc, "action", json_string("audit review"));
            json_object_set_new(doc, "verdict", json_string("allow"));
            json_object_set_new(doc, "rules", json_array());
            json_object_set_new(doc, "reason", json_string("review recorded"));
            json_object_set_new(doc, "results", f ? json_incref(f)
                                                  : json_array());
            t.verdict = "allow";
            t.rules = "";
            t.audit_id = json_integer_value(json_object_get(doc, "audit_id"));
            step->status = LP_OK;
        }
    }
    int64_t seq = 0;
    if (rc) {
        store_rollback(st);
        json_decref(doc);
        sb_free(&text);
        step->status = e.status ? e.status : LP_USAGE;
        step->text = xstrdup(e.msg);
        return 0;
    }
    if (store_scn_transcript_next(st, ctx->session_id, &seq))
        goto fail;
    t.seq = seq;
    if (store_scn_transcript_add(st, ctx->session_id, &t) || store_commit(st))
        goto fail;
    step->recorded = 1;
    step->doc = doc;
    step->text = sb_steal(&text);
    return 0;
fail:
    *err = *store_err(st);
    store_rollback(st);
    json_decref(doc);
    sb_free(&text);
    return -err->status;
}

/* Practice feedback: what each rule the engine cited means. */
static char *feedback_text(const json_t *doc)
{
    struct sb s;
    sb_init(&s);
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(doc, "rules"), i, x) {
        const char *t = scenario_rule_text(json_string_value(x));
        if (t)
            sb_printf(&s, "%s  %s: %s\n", i ? "" : "why:\n",
                      json_string_value(x), t);
    }
    return s.len ? sb_steal(&s) : NULL;
}

/* What an exam shows: the action's output without the policy engine's
 * findings and verdict line (they come in the report at the end). */
static char *exam_text(const json_t *doc, const char *text)
{
    struct sb s;
    sb_init(&s);
    const char *v = json_string_value(json_object_get(doc, "verdict"));
    if (v && strcmp(v, "deny") == 0) {
        sb_puts(&s, "refused.\n");
        return sb_steal(&s);
    }
    for (const char *p = text; p && *p;) {
        size_t n = strcspn(p, "\n");
        if (!(strncmp(p, "allow ", 6) == 0 || strncmp(p, "warn ", 5) == 0 ||
              strncmp(p, "deny ", 5) == 0 || strncmp(p, "verdict:", 8) == 0))
            sb_printf(&s, "%.*s\n", (int)n, p);
        p += n + (p[n] == '\n');
    }
    sb_puts(&s, "recorded.\n");
    return sb_steal(&s);
}

static int do_act(struct lp_ctx *ctx, const struct scenario *sc,
                  const char *line, int exam, json_t *actions,
                  struct scenario_step *step, struct lp_err *err)
{
    memset(step, 0, sizeof *step);
    struct words w;
    struct lp_err e = {0};
    if (words_split(line, &w, &e)) {
        step->status = LP_USAGE;
        step->text = xstrdup(e.msg);
        return 0;
    }
    if (w.argc == 0) {
        words_free(&w);
        return 0;
    }
    int64_t before = 0, after = 0;
    int rc = 0;
    int local_audit = w.argc > 1 && strcmp(w.argv[0], "audit") == 0 &&
                      (strcmp(w.argv[1], "add") == 0 ||
                       strcmp(w.argv[1], "review") == 0) &&
                      !action_known(w.argc, w.argv);
    if (strcmp(w.argv[0], "reply") == 0 || local_audit) {
        rc = local_audit ? do_audit_local(ctx, w.argc, w.argv, line, step,
                                          err)
                         : do_reply(ctx, sc, w.argc, w.argv, line, step, err);
        if (!rc && step->recorded)
            store_scn_transcript_next(ctx->st, ctx->session_id, &after);
        before = after - 1;
    } else {
        if (store_scn_transcript_next(ctx->st, ctx->session_id, &before)) {
            *err = *store_err(ctx->st);
            words_free(&w);
            return -err->status;
        }
        struct action_result res;
        action_result_init(&res);
        step->status = action_exec(ctx, w.argc, w.argv, &res);
        step->doc = res.doc;
        res.doc = NULL;
        if (res.text.len)
            step->text = sb_steal(&res.text);
        else if (res.err.msg[0])
            step->text = xstrdup(res.err.msg);
        action_result_free(&res);
        if (store_scn_transcript_next(ctx->st, ctx->session_id, &after)) {
            *err = *store_err(ctx->st);
            words_free(&w);
            return -err->status;
        }
        step->recorded = after > before;
    }
    words_free(&w);
    if (rc)
        return rc;
    if (step->recorded) {
        json_array_append_new(actions, fact_action(before, line, step->doc,
                                                   step->status));
        if (exam) {
            char *t = exam_text(step->doc, step->text);
            free(step->text);
            step->text = t;
        } else if (step->doc) {
            step->feedback = feedback_text(step->doc);
        }
    }
    return 0;
}

static void ctx_setup(struct lp_ctx *ctx, struct store *st,
                      const struct scenario *sc, const char *user,
                      int64_t session_id)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->st = st;
    ctx->now = sc->now;
    ctx->user = user;
    ctx->root = paths_root();
    ctx->profile = json_string_value(json_object_get(sc->doc, "profile"));
    ctx->session_id = session_id;
    /* manual_audit marks the commercial sources as keeping no audit (the
     * world does that); the trainee then writes "audit add" by hand. */
}

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
    ctx_setup(&ctx, st, sc, user, 1);
    for (size_t i = 0; !rc && i < n; i++) {
        struct scenario_step step;
        rc = do_act(&ctx, sc, lines[i], 0, actions, &step, err);
        scenario_step_free(&step);
    }
    if (!rc) {
        *report = score_store(sc, st, user, actions, mode, err);
        if (!*report)
            rc = err->status ? -err->status : -LP_FAIL;
    }
    ctx_release(&ctx);
    json_decref(actions);
    store_close(st);
    return rc;
}

struct lines {
    char **v;
    size_t n, cap;
};

static int collect_line(void *arg, const struct store_tline *t)
{
    struct lines *l = arg;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = xstrdup(t->line);
    return 0;
}

static void lines_free(struct lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* The recorded lines of a session: from main when finished, else from its
 * sandbox. */
static int session_lines(struct store *main, const struct store_session *ss,
                         struct lines *l, struct lp_err *err)
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
    int rc = store_scn_transcript_each(st, ss->id, collect_line, l);
    if (rc)
        *err = *store_err(st);
    store_close(own);
    return rc;
}

static int get_session(struct store *main, int64_t id,
                       struct store_session *ss, struct lp_err *err)
{
    int rc = store_session_get(main, id, ss);
    if (rc < 0) {
        *err = *store_err(main);
        return -err->status;
    }
    if (rc == 0)
        return lp_errf(err, LP_USAGE, "no session %lld (see 'lprsim scenario "
                       "list --sessions')", (long long)id);
    return 0;
}

int scenario_replay_session(struct store *main, int64_t id, const char *path,
                            json_t **report, struct lp_err *err)
{
    struct store_session ss;
    struct lines l = {0};
    struct scenario *sc = NULL;
    int rc = get_session(main, id, &ss, err);
    if (rc)
        return rc;
    if ((rc = session_lines(main, &ss, &l, err)) ||
        (rc = scenario_load(path ? path : ss.scenario_file, ss.seed, &sc,
                            err)))
        goto out;
    if (strcmp(scenario_id(sc), ss.scenario_id) != 0) {
        rc = lp_errf(err, LP_USAGE, "%s holds scenario '%s', but session %lld "
                     "ran '%s'", scenario_path(sc), scenario_id(sc),
                     (long long)id, ss.scenario_id);
        goto out;
    }
    rc = scenario_replay(sc, ss.mode, ss.user_id, l.v, l.n, report, err);
out:
    scenario_free(sc);
    lines_free(&l);
    store_session_clear(&ss);
    return rc;
}

int scenario_transcript(struct store *main, int64_t id, json_t **out,
                        struct lp_err *err)
{
    struct store_session ss;
    struct lines l = {0};
    int rc = get_session(main, id, &ss, err);
    if (rc)
        return rc;
    if (!(rc = session_lines(main, &ss, &l, err))) {
        json_t *a = json_array();
        for (size_t i = 0; i < l.n; i++)
            json_array_append_new(a, json_string(l.v[i]));
        *out = json_pack("{s:s,s:s,s:s,s:I,s:s,s:s,s:o}", "scenario",
                         ss.scenario_id, "file", ss.scenario_file, "hash",
                         ss.scenario_hash ? ss.scenario_hash : "", "seed",
                         (json_int_t)ss.seed, "mode", ss.mode, "user",
                         ss.user_id, "actions", a);
    }
    lines_free(&l);
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

static void remove_db(const char *path)
{
    if (!path || strcmp(path, ":memory:") == 0)
        return;
    char *w = xasprintf("%s-wal", path), *s = xasprintf("%s-shm", path);
    unlink(path);
    unlink(w);
    unlink(s);
    free(w);
    free(s);
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
        *err = *store_err(s->sbx);
        return -err->status;
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

int scenario_session_start(struct store *main, const char *path,
                           int64_t seed, const char *mode, const char *user,
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
        *err = *store_err(main);
        return -err->status;
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
        .started_at = (int64_t)time(NULL)};
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
    if ((rc = open_sandbox(s, 1, err)))
        goto fail;
    ctx_setup(&s->ctx, s->sbx, s->sc, s->user, s->id);
    *out = s;
    return 0;
store_fail:
    *err = *store_err(main);
    rc = -err->status;
    store_rollback(main);
fail:
    session_free(s);
    return rc;
}

static int rebuild_fact(void *arg, const struct store_tline *t)
{
    json_t *doc = json_pack("{s:s?,s:o,s:I}", "verdict", t->verdict, "rules",
                            split_rules(t->rules), "audit_id",
                            (json_int_t)t->audit_id);
    json_array_append_new(arg, fact_action(t->seq, t->line, doc, 0));
    json_decref(doc);
    return 0;
}

int scenario_session_resume(struct store *main, int64_t id,
                            struct scenario_session **out, struct lp_err *err)
{
    *out = NULL;
    struct store_session ss;
    int rc = get_session(main, id, &ss, err);
    if (rc)
        return rc;
    struct scenario_session *s = xcalloc(1, sizeof *s);
    s->main = main;
    s->id = id;
    s->user = xstrdup(ss.user_id);
    s->mode = xstrdup(ss.mode);
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
        *err = *store_err(s->sbx);
        rc = -err->status;
        goto fail;
    }
    ctx_setup(&s->ctx, s->sbx, s->sc, s->user, s->id);
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
        *err = *store_err(main);
        return -err->status;
    }
    return 0;
}

int scenario_session_act(struct scenario_session *s, const char *line,
                         struct scenario_step *step, struct lp_err *err)
{
    return do_act(&s->ctx, s->sc, line, strcmp(s->mode, "exam") == 0,
                  s->actions, step, err);
}

json_t *scenario_session_objectives(struct scenario_session *s,
                                    struct lp_err *err)
{
    json_t *facts = facts_build(s->sc, s->sbx, s->user, s->actions, err);
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
    return store_scn_transcript_add(c->dst, c->id, t) ? 1 : 0;
}

int scenario_session_finish(struct scenario_session *s, json_t **report,
                            struct lp_err *err)
{
    *report = NULL;
    struct lines l = {0};
    int rc = store_scn_transcript_each(s->sbx, s->id, collect_line, &l);
    if (rc) {
        *err = *store_err(s->sbx);
        return -err->status;
    }
    rc = scenario_replay(s->sc, s->mode, s->user, l.v, l.n, report, err);
    lines_free(&l);
    if (rc)
        return rc;
    char *text = report_dump(*report);
    struct copy_arg ca = {s->main, s->id};
    double score = json_number_value(json_object_get(*report, "score"));
    int passed = json_is_true(json_object_get(*report, "passed"));
    if (store_begin(s->main) ||
        store_scn_transcript_each(s->sbx, s->id, copy_line, &ca) ||
        store_session_finish(s->main, s->id, (int64_t)time(NULL), score,
                             passed, text) ||
        store_commit(s->main)) {
        *err = *store_err(s->main);
        rc = -(err->status ? err->status : LP_FAIL);
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
    remove_db(s->sandbox);
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

/* ---- self-tests ---- */

static char **doc_lines(const json_t *arr, size_t *n)
{
    *n = json_array_size(arr);
    char **v = xcalloc(*n + 1, sizeof *v);
    for (size_t i = 0; i < *n; i++)
        v[i] = (char *)json_string_value(json_array_get(arr, i));
    return v;
}

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
    if (!failed)
        sb_printf(out, "ok %s (%s) seed %lld: solution %.1f%%, %zu pitfall%s "
                  "fail as intended\n", sc->path, scenario_id(sc),
                  (long long)sc->seed, score, np, np == 1 ? "" : "s");
    return failed ? -LP_FAIL : 0;
}

int scenario_check(const char *path, struct sb *out, struct lp_err *err)
{
    static const int64_t seeds[] = {1, 2};
    int result = 0;
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        struct scenario *sc = NULL;
        int rc = scenario_load(path, seeds[i], &sc, err);
        if (rc)
            return rc;
        rc = selftest(sc, out, err);
        scenario_free(sc);
        if (rc == -LP_FAIL)
            result = -LP_FAIL;
        else if (rc)
            return rc;
    }
    if (result)
        lp_errf(err, LP_FAIL, "%s: self-test failed", path);
    return result;
}
