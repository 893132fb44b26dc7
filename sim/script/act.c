/*
 * act.c - one trainee action in a scenario sandbox: the action layer call
 * (or a reply to the inbox, which only scenarios have), its practice or
 * exam output, and the facts scoring reads (what was done and the final
 * state of the sandbox).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/action/action.h"
#include "core/policy/rules.h"
#include "core/store/store_audit.h"
#include "core/store/store_scenario.h"
#include "script/check.h"
#include "script/scenario_int.h"
#include "util/lptime.h"
#include "util/opts.h"
#include "util/paths.h"
#include "util/words.h"

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
        /* the action's name from the action table: one or two words */
        struct action_info in;
        int i = 1;
        if (action_info_find(w.argc, w.argv, &in, &i))
            i = 1;
        char *name = i == 2 ? xasprintf("%s %s", w.argv[0], w.argv[1])
                            : xstrdup(w.argv[0]);
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

json_t *scn_split_rules(const char *s)
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

json_t *scn_fact_action(int64_t seq, const char *line, const json_t *doc,
                           int status)
{
    json_t *a = parse_line(line);
    json_object_set_new(a, "seq", json_integer((json_int_t)seq));
    json_object_set_new(a, "line", json_string(line));
    json_t *v = json_object_get(doc, "verdict");
    json_object_set(a, "verdict", v ? v : json_null());
    json_t *r = json_object_get(doc, "rules");
    json_object_set_new(a, "rules", json_is_array(r) ? json_deep_copy(r)
                        : scn_split_rules(json_string_value(r)));
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
                    const struct lp_hotlist_entry *e, const char *why)
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
json_t *scn_facts(const struct scenario *sc, struct store *st,
                  const char *user, json_t *actions, struct lp_err *err)
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

json_t *scn_score(const struct scenario *sc, struct store *st,
                  const char *user, json_t *actions, const char *mode,
                  struct lp_err *err)
{
    json_t *facts = scn_facts(sc, st, user, actions, err), *fnres = NULL;
    if (!facts)
        return NULL;
    json_t *rep = NULL;
    if (scenario_eval_functions(sc, facts, &fnres, err) == 0) {
        /* critical function checks see only what the engine let through */
        json_t *let = facts_not_refused(facts), *fn2 = NULL;
        int rc = 0;
        if (json_array_size(json_object_get(let, "actions")) !=
            json_array_size(json_object_get(facts, "actions"))) {
            rc = scenario_eval_functions(sc, let, &fn2, err);
            const char *k;
            json_t *v;
            json_object_foreach(fn2, k, v) {
                if (strncmp(k, "critical.", 9) == 0)
                    json_object_set(fnres, k, v);
            }
            json_decref(fn2);
        }
        json_decref(let);
        if (!rc)
            rep = score_report(sc->doc, facts, fnres, mode, sc->seed, err);
    }
    if (rep)   /* which version of the scenario this score is for */
        json_object_set_new(rep, "scenario_hash", json_string(sc->hash));
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

/* Parses and checks a reply line: 0, or -LP_USAGE with err ("reply:
 * --decision must be comply, decline or report"). */
static int reply_parse(const struct scenario *sc, int argc, char **argv,
                       struct opts *o, struct lp_err *err)
{
    struct lp_err e = {0};
    if (opts_parse(reply_opts, NULL, argc - 1, argv + 1, o, &e))
        return lp_errf(err, LP_USAGE, "reply: %s", e.msg);
    const char *req = opts_get(o, "request"), *dec = opts_get(o, "decision");
    size_t i;
    json_t *x;
    int found = 0;
    json_array_foreach(json_object_get(sc->doc, "inbox"), i, x)
        found |= req && strcmp(json_string_value(json_object_get(x, "id")),
                               req) == 0;
    if (!req || !found)
        return lp_errf(err, LP_USAGE, "reply: --request must name a request "
                       "of the inbox (see 'inbox')");
    if (!dec || (strcmp(dec, "comply") && strcmp(dec, "decline") &&
                 strcmp(dec, "report")))
        return lp_errf(err, LP_USAGE, "reply: --decision must be comply, "
                       "decline or report");
    for (size_t k = 0; k < opts_count(o, "rule"); k++)
        if (!rule_text(opts_nth(o, "rule", k)))
            return lp_errf(err, LP_USAGE, "reply: --rule must be a rule id "
                           "such as IV.A.1");
    return 0;
}

int scn_line_check(const struct scenario *sc, const char *line,
                   struct lp_err *err)
{
    struct words w;
    if (words_split(line, &w, err))
        return -LP_USAGE;
    int rc = 0;
    if (w.argc > 0) {
        struct opts o;
        rc = strcmp(w.argv[0], "reply") == 0
                 ? reply_parse(sc, w.argc, w.argv, &o, err)
                 : action_parse(w.argc, w.argv, err);
    }
    words_free(&w);
    return rc;
}

/* reply: the trainee's answer to an inbox request, recorded in the
 * transcript (it has no effect on the LPR system). */
static int do_reply(struct lp_ctx *ctx, const struct scenario *sc, int argc,
                    char **argv, const char *line, struct scenario_step *step,
                    struct lp_err *err)
{
    struct opts o;
    struct lp_err e = {0};
    if (reply_parse(sc, argc, argv, &o, &e)) {
        step->status = LP_USAGE;
        step->text = xstrdup(e.msg);
        return 0;
    }
    const char *req = opts_get(&o, "request"), *dec = opts_get(&o, "decision");
    struct sb rules;
    sb_init(&rules);
    json_t *rj = json_array();
    for (size_t k = 0; k < opts_count(&o, "rule"); k++) {
        sb_printf(&rules, "%s%s", k ? "," : "", opts_nth(&o, "rule", k));
        json_array_append_new(rj, json_string(opts_nth(&o, "rule", k)));
    }
    struct store *st = ctx->st;
    int rc = 0;
    if (store_begin(st) ||
        action_transcript_add(ctx, line, "allow", rules.buf, 0) ||
        store_commit(st))
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
    rc = store_err_copy(st, err);
    store_rollback(st);
out:
    json_decref(rj);
    sb_free(&rules);
    return rc;
}

/* Practice feedback: what each rule the engine cited means. */
static char *feedback_text(const json_t *doc)
{
    struct sb s;
    sb_init(&s);
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(doc, "rules"), i, x) {
        const char *t = rule_text(json_string_value(x));
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

int scn_act(struct lp_ctx *ctx, const struct scenario *sc,
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
    if (strcmp(w.argv[0], "reply") == 0) {
        rc = do_reply(ctx, sc, w.argc, w.argv, line, step, err);
        if (!rc && step->recorded)
            store_scn_transcript_next(ctx->st, ctx->session_id, &after);
        before = after - 1;
    } else {
        if (store_scn_transcript_next(ctx->st, ctx->session_id, &before)) {
            words_free(&w);
            return store_err_copy(ctx->st, err);
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
            words_free(&w);
            return store_err_copy(ctx->st, err);
        }
        step->recorded = after > before;
    }
    words_free(&w);
    if (rc)
        return rc;
    if (step->recorded) {
        json_array_append_new(actions, scn_fact_action(before, line, step->doc,
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

void scn_ctx_setup(struct lp_ctx *ctx, struct store *st,
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

