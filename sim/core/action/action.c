/*
 * action.c - the one action layer (see action.h): finds the action in the
 * table, parses its words with the one option parser, and runs
 *     validation -> policy verdict -> effect or refusal -> audit entry ->
 *     transcript row
 * in one store transaction; then builds the JSON document and the lines a
 * person reads.  Shared helpers for the act_*.c files live here too.
 */
#include "core/action/action_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit/audit.h"
#include "core/policy/rules.h"
#include "core/site/site.h"
#include "core/store/store_audit.h"
#include "core/store/store_cases.h"
#include "core/store/store_scenario.h"
#include "core/store/store_world.h"
#include "core/world/dataset.h"
#include "util/lptime.h"
#include "util/words.h"

const struct action_def *const action_table[ACT__COUNT] = {
    [ACT_CASE_ADD] = &act_case_add,
    [ACT_CASE_CLOSE] = &act_case_close,
    [ACT_CASE_LIST] = &act_case_list,
    [ACT_CASE_FILE] = &act_case_file,
    [ACT_QUERY] = &act_query,
    [ACT_GEOQUERY] = &act_geoquery,
    [ACT_ANALYZE] = &act_analyze,
    [ACT_ENFORCE] = &act_enforce,
    [ACT_UPLOAD] = &act_upload,
    [ACT_DEVICE_WIPE] = &act_device_wipe,
    [ACT_EVIDENCE_HOLD] = &act_evidence_hold,
    [ACT_SHARE] = &act_share,
    [ACT_PARTNER_ADD] = &act_partner_add,
    [ACT_PARTNER_LIST] = &act_partner_list,
    [ACT_HOTLIST_ADD] = &act_hotlist_add,
    [ACT_HOTLIST_REMOVE] = &act_hotlist_remove,
    [ACT_HOTLIST_LIST] = &act_hotlist_list,
    [ACT_HOTLIST_REVIEW] = &act_hotlist_review,
    [ACT_HOTLIST_LEDGER] = &act_hotlist_ledger,
    [ACT_HOTLIST_HITS] = &act_hotlist_hits,
    [ACT_HOTLIST_PURGE] = &act_hotlist_purge,
    [ACT_AUDIT_ADD] = &act_audit_add,
    [ACT_AUDIT_REVIEW] = &act_audit_review,
    [ACT_REFER] = &act_refer,
};

/* ---- the public info API ---- */

static const struct action_def *find_def(int argc, char **argv, int *used)
{
    if (argc < 1 || !argv[0])
        return NULL;
    for (size_t i = 0; i < ACT__COUNT; i++) {
        const struct action_def *d = action_table[i];
        if (strcmp(d->name, argv[0]) != 0)
            continue;
        if (!d->sub) {
            *used = 1;
            return d;
        }
        if (argc > 1 && argv[1] && strcmp(d->sub, argv[1]) == 0) {
            *used = 2;
            return d;
        }
    }
    return NULL;
}

int action_known(int argc, char **argv)
{
    int used;
    return find_def(argc, argv, &used) != NULL;
}

int action_group_known(const char *word)
{
    for (size_t i = 0; i < ACT__COUNT; i++)
        if (word && strcmp(action_table[i]->name, word) == 0)
            return 1;
    return 0;
}

int action_name_known(const char *name)
{
    for (size_t i = 0; name && i < ACT__COUNT; i++) {
        const struct action_def *d = action_table[i];
        size_t n = strlen(d->name);
        if (strncmp(name, d->name, n) != 0)
            continue;
        if (d->sub ? name[n] == ' ' && strcmp(name + n + 1, d->sub) == 0
                   : name[n] == '\0')
            return 1;
    }
    return 0;
}

size_t action_count(void)
{
    return ACT__COUNT;
}

int action_info_at(size_t i, struct action_info *info)
{
    if (i >= ACT__COUNT)
        return -1;
    const struct action_def *d = action_table[i];
    info->name = d->name;
    info->sub = d->sub;
    info->args = d->args;
    info->summary = d->summary;
    info->opts = d->opts;
    info->details = d->details;
    info->group = d->group;
    return 0;
}

int action_info_find(int argc, char **argv, struct action_info *info,
                     int *used)
{
    const struct action_def *d = find_def(argc, argv, used);
    if (!d)
        return -1;
    for (size_t i = 0; i < ACT__COUNT; i++)
        if (action_table[i] == d)
            return action_info_at(i, info);
    return -1;
}

/* ---- results ---- */

void action_result_init(struct action_result *r)
{
    memset(r, 0, sizeof *r);
    sb_init(&r->text);
}

void action_result_free(struct action_result *r)
{
    if (!r)
        return;
    json_decref(r->doc);
    r->doc = NULL;
    sb_free(&r->text);
    lp_err_clear(&r->err);
}

void ctx_release(struct lp_ctx *ctx)
{
    if (!ctx)
        return;
    policy_free(ctx->pol);
    ctx->pol = NULL;
    dataset_free(ctx->formats);
    ctx->formats = NULL;
    ctx->formats_tried = 0;
}

int action_policy(struct lp_ctx *ctx, struct lp_err *err)
{
    if (ctx->pol)
        return 0;
    return policy_load_for(ctx->st, ctx->root, ctx->profile, &ctx->pol, err);
}

/* ---- helpers for act_*.c ---- */

int act_usage(struct act_call *c, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return lp_errf(c->err, LP_USAGE, "%s: %s", c->name, msg);
}

int act_store_fail(struct act_call *c)
{
    return store_err_copy(c->st, c->err);
}

void act_fmt_time(int64_t t, char *buf, size_t n)
{
    lptime_format(t, buf, n);
}

int act_time(struct act_call *c, const char *opt, int64_t *out, int *given)
{
    const char *s = opts_get(&c->o, opt);
    *given = s != NULL;
    if (!s)
        return 0;
    if (lptime_parse(s, out))
        return act_usage(c, "bad time '%.40s' for --%s (use 2026-03-02 or "
                         "2026-03-02T09:00:00Z)", s, opt);
    return 0;
}

int act_int(struct act_call *c, const char *opt, int64_t lo, int64_t hi,
            int64_t *out, int *given)
{
    const char *s = opts_get(&c->o, opt);
    *given = s != NULL;
    if (!s)
        return 0;
    if (lp_parse_i64(s, lo, hi, out))
        return act_usage(c, "--%s must be a whole number from %lld to %lld, "
                         "not '%.40s'", opt, (long long)lo, (long long)hi, s);
    return 0;
}

int act_need_case(struct act_call *c, const char *number,
                  const char *also_rule, struct lp_case *cs)
{
    memset(cs, 0, sizeof *cs);
    const char *rules[2] = {RULE_IV_A_1, also_rule};
    int nr = also_rule ? 2 : 1;
    if (!number || !*number) {
        for (int i = 0; i < nr; i++)
            pol_add(&c->v, POL_DENY, rules[i], "no case given: LPR data is "
                    "used only for an open case in the registry (--case N)");
        return 0;
    }
    c->case_number = number;
    int rc = store_case_get(c->st, number, cs);
    if (rc < 0)
        return act_store_fail(c);
    if (rc == 0) {
        for (int i = 0; i < nr; i++)
            pol_add(&c->v, POL_DENY, rules[i], "case '%.40s' is not in the "
                    "case registry: LPR data is used only for an open case",
                    number);
        return 0;
    }
    if (strcmp(cs->status, "open") != 0) {
        char d[24];
        lptime_format_date(cs->closed_at, d, sizeof d);
        for (int i = 0; i < nr; i++)
            pol_add(&c->v, POL_DENY, rules[i], "case %s was closed on %s: "
                    "LPR data is used only for a current investigation",
                    cs->number, d);
        store_case_clear(cs);
        return 0;
    }
    return 1;
}

int act_case_limitation(struct act_call *c, const struct lp_case *cs,
                        int64_t *years)
{
    *years = -1;
    if (strcmp(cs->type, "civil") == 0)
        return 0;
    if (cs->limitation_years >= 0) {
        *years = cs->limitation_years;
        return 0;
    }
    if (!cs->violation)
        return 0;
    int rc = store_statute_limit(c->st, cs->violation, years);
    if (rc < 0)
        return act_store_fail(c);
    if (rc == 0)
        *years = -1;
    return 0;
}

int act_window(struct act_call *c, const struct lp_case *cs, int64_t *from,
               int64_t *to)
{
    int has_from, has_to;
    int64_t now = c->ctx->now;
    if (act_time(c, "from", from, &has_from) || act_time(c, "to", to, &has_to))
        return -LP_USAGE;
    const char *jrule = cs && strcmp(cs->type, "civil") == 0 ? RULE_IV_J_2
                        : cs ? RULE_IV_J_1 : RULE_IV_B;
    if (!has_from || !has_to) {
        pol_add(&c->v, POL_DENY, jrule, "no time window given: every query "
                "names its window (--from and --to)");
        return 0;
    }
    /* A date-only --to covers that whole day, up to now. */
    const char *ts = opts_get(&c->o, "to");
    if (strlen(ts) == 10) {
        *to += LPTIME_DAY - 1;
        if (*to > now && *to - (LPTIME_DAY - 1) <= now)
            *to = now;
    }
    char nb[24], fb[24], tb[24];
    act_fmt_time(now, nb, sizeof nb);
    act_fmt_time(*from, fb, sizeof fb);
    act_fmt_time(*to, tb, sizeof tb);
    if (*to < *from) {
        pol_add(&c->v, POL_DENY, RULE_IV_I, "the window ends (%s) before it "
                "starts (%s): results come only from inside the window", tb,
                fb);
        return 0;
    }
    if (*from > now || *to > now) {
        pol_add(&c->v, POL_DENY, RULE_IV_I, "the window reaches into the "
                "future (%s; now is %s): give a window in the past",
                *to > now ? tb : fb, nb);
        return 0;
    }
    if (!cs)
        return 0;
    int64_t years, earliest;
    if (act_case_limitation(c, cs, &years))
        return -c->err->status;
    const char *rule;
    char why[160], eb[24];
    policy_lookback(c->pol, cs->type, years, now, &earliest, &rule, why,
                    sizeof why);
    if (earliest == INT64_MIN) {
        pol_add(&c->v, POL_ALLOW, rule, "%s (%s): any window is allowed",
                why, cs->violation ? cs->violation : "no code");
        return 0;
    }
    lptime_format_date(earliest, eb, sizeof eb);
    if (!policy_window_start_ok(*from, earliest))
        pol_add(&c->v, POL_DENY, rule, "%s: the earliest allowed start is %s",
                why, eb);
    else
        pol_add(&c->v, POL_ALLOW, rule, "%s: the window starts after the "
                "earliest allowed start, %s", why, eb);
    return 0;
}

/* The scan behind act_scan_hits and action_scan_hits, in the caller's
 * transaction: 0 and *added, or negative with the error on st. */
static int scan_hits(struct store *st, int64_t now, int64_t *added)
{
    int64_t since = 0, max = 0;
    if (store_meta_get_i64(st, "hits_scanned_read_id", 0, &since) ||
        store_hits_scan(st, since, now, added, &max))
        return -store_err(st)->status;
    if (max != since && store_meta_set_i64(st, "hits_scanned_read_id", max))
        return -store_err(st)->status;
    return 0;
}

int act_scan_hits(struct act_call *c, int64_t *added)
{
    return scan_hits(c->st, c->ctx->now, added) ? act_store_fail(c) : 0;
}

int64_t action_scan_hits(struct lp_ctx *ctx)
{
    int64_t added = 0;
    int own = !store_audit_in_tx(ctx->st);     /* else the caller's */
    if (own && store_begin(ctx->st))
        return -store_err(ctx->st)->status;
    if (scan_hits(ctx->st, ctx->now, &added) ||
        (own && store_commit(ctx->st))) {
        int status = store_err(ctx->st)->status;
        if (own)
            store_rollback(ctx->st);
        return -(status ? status : LP_FAIL);
    }
    return added;
}

int action_transcript_add(struct lp_ctx *ctx, const char *line,
                          const char *verdict, const char *rules,
                          int64_t audit_id)
{
    char *l = xstrdup(line ? line : "");
    size_t bad;
    while (!lp_utf8_valid(l, strlen(l), &bad))
        l[bad] = '?';
    struct store_tline t = {.at = ctx->now, .line = l, .verdict = verdict,
                            .rules = rules ? rules : "",
                            .audit_id = audit_id};
    int rc = store_scn_transcript_add(ctx->st, ctx->session_id, &t, NULL);
    free(l);
    return rc;
}

/* ---- running an action ---- */

static void call_free(struct act_call *c)
{
    pol_verdict_free(&c->v);
    json_decref(c->results);
    json_decref(c->extra);
    json_decref(c->alts);
    if (c->state_free)
        c->state_free(c->state);
    else
        free(c->state);
    sb_free(&c->text);
    sb_free(&c->audit_results);
}

/* The words of the action re-quoted into one line. */
static char *requote(int argc, char **argv)
{
    struct sb s;
    sb_init(&s);
    for (int i = 0; i < argc; i++) {
        if (i)
            sb_putc(&s, ' ');
        words_quote(&s, argv[i]);
    }
    return sb_steal(&s);
}

/* A copy of text cut to max bytes (on a UTF-8 boundary) with a marker;
 * bytes that are not UTF-8 become '?' (the audit log holds text). */
static char *clip(const char *text, size_t max)
{
    if (!text)
        return NULL;
    size_t n = strlen(text);
    char *out;
    if (n <= max) {
        out = xstrdup(text);
    } else {
        while (max > 0 && ((unsigned char)text[max] & 0xC0) == 0x80)
            max--;
        out = xasprintf("%.*s...[%zu characters in all]", (int)max, text, n);
    }
    size_t bad;
    while (!lp_utf8_valid(out, strlen(out), &bad))
        out[bad] = '?';
    return out;
}

static char *rules_csv(const struct pol_verdict *v)
{
    struct sb s;
    sb_init(&s);
    sb_puts(&s, "");
    for (size_t i = 0; i < v->n; i++) {
        int dup = 0;
        for (size_t j = 0; j < i; j++)
            dup |= strcmp(v->f[i].rule, v->f[j].rule) == 0;
        if (dup)
            continue;
        if (s.len)
            sb_putc(&s, ',');
        sb_puts(&s, v->f[i].rule);
    }
    return sb_steal(&s);
}

static json_t *request_json(int argc, char **argv)
{
    json_t *a = json_array();
    for (int i = 0; i < argc; i++) {
        char *w = clip(argv[i], 1000);
        json_array_append_new(a, json_string(w));
        free(w);
    }
    return a;
}

/* Writes the audit entry and the transcript row; sets *audit_id. */
static int record(struct act_call *c, int64_t *audit_id)
{
    char *rules = rules_csv(&c->v);
    char *reason = clip(c->reason, 600);
    char *casen = clip(c->case_number, 100);
    json_t *req = request_json(c->argc, c->argv);
    char *detail = json_dumps(req, JSON_COMPACT);
    json_decref(req);
    struct audit_entry e = {
        .at = c->at ? c->at : c->ctx->now,
        .user_id = c->who.id,
        .login = site_login(),
        .action = c->name,
        .plate = c->plate[0] ? c->plate : NULL,
        .case_number = casen,
        .reason = reason,
        .results = c->audit_results.len ? c->audit_results.buf : "",
        .verdict = pol_level_name(c->v.level),
        .rules = rules,
        .profile = c->pol->label,
        .manual = c->ctx->manual_audit || c->manual,
        .session_id = c->ctx->session_id,
        .detail = detail,
    };
    int rc = audit_append(c->st, &e, audit_id, c->err);
    if (rc == 0 && c->ctx->session_id) {
        char *line = requote(c->argc, c->argv);
        if (action_transcript_add(c->ctx, line, e.verdict, rules,
                                  *audit_id))
            rc = act_store_fail(c);
        free(line);
    }
    free(rules);
    free(reason);
    free(casen);
    free(detail);
    return rc;
}

static void build_output(struct act_call *c, int64_t audit_id,
                         struct action_result *res)
{
    json_t *doc = json_object();
    json_t *rules = json_array(), *findings = json_array();
    for (size_t i = 0; i < c->v.n; i++) {
        int dup = 0;
        for (size_t j = 0; j < i; j++)
            dup |= strcmp(c->v.f[i].rule, c->v.f[j].rule) == 0;
        if (!dup)
            json_array_append_new(rules, json_string(c->v.f[i].rule));
        json_array_append_new(findings, json_pack(
            "{s:s,s:s,s:s}", "rule", c->v.f[i].rule, "verdict",
            pol_level_name(c->v.f[i].level), "reason", c->v.f[i].reason));
    }
    json_object_set_new(doc, "action", json_string(c->name));
    json_object_set_new(doc, "verdict",
                        json_string(pol_level_name(c->v.level)));
    json_object_set_new(doc, "rules", rules);
    json_object_set_new(doc, "reason", json_string(pol_reason(&c->v)));
    json_object_set_new(doc, "audit_id", json_integer(audit_id));
    json_object_set_new(doc, "results", c->results);
    c->results = NULL;
    json_object_set_new(doc, "findings", findings);
    json_object_set_new(doc, "profile", json_string(c->pol->label));
    if (c->extra)
        json_object_update(doc, c->extra);
    res->doc = doc;

    if (c->v.level != POL_DENY)
        sb_add(&res->text, c->text.buf ? c->text.buf : "", c->text.len);
    for (size_t i = 0; i < c->v.n; i++)
        sb_printf(&res->text, "%-5s %-7s %s\n",
                  pol_level_name(c->v.f[i].level), c->v.f[i].rule,
                  c->v.f[i].reason);
    const char *first = c->v.n ? c->v.f[0].rule : "";
    for (size_t i = 0; i < c->v.n; i++)
        if (c->v.f[i].level == c->v.level) {
            first = c->v.f[i].rule;
            break;
        }
    sb_printf(&res->text, "verdict: %s%s%s (audit entry %lld, profile %s)\n",
              pol_level_name(c->v.level), *first ? " " : "", first,
              (long long)audit_id, c->pol->label);
}

/* Finds the action the words name and parses its options and positional
 * arguments exactly as it will run: *def, *o and name ("hotlist add") set;
 * returns 0 or -LP_USAGE with err ("query: unknown option --plat (see
 * lprsim query --help)"). */
static int parse_call(int argc, char **argv, const struct action_def **def,
                      struct opts *o, char *name, size_t namen,
                      struct lp_err *err)
{
    int used = 0;
    *def = find_def(argc, argv, &used);
    if (!*def) {
        if (argc > 0 && action_group_known(argv[0]))
            return lp_errf(err, LP_USAGE, "no action '%s%s%.30s'", argv[0],
                           argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
        return lp_errf(err, LP_USAGE, "no action '%.30s'",
                       argc > 0 ? argv[0] : "");
    }
    const struct action_def *d = *def;
    snprintf(name, namen, "%s%s%s", d->name, d->sub ? " " : "",
             d->sub ? d->sub : "");
    if (opts_parse(d->opts, NULL, argc - used, argv + used, o, err)) {
        char m[sizeof err->msg];
        snprintf(m, sizeof m, "%s", err->msg);
        return lp_errf(err, LP_USAGE, "%s: %s (see lprsim %s --help)", name,
                       m, name);
    }
    if ((int)o->npos != d->npos) {
        if (d->npos)
            return lp_errf(err, LP_USAGE, "%s: needs %s", name, d->args);
        return lp_errf(err, LP_USAGE, "%s: unexpected argument '%.40s'", name,
                       o->pos[0]);
    }
    return 0;
}

int action_parse(int argc, char **argv, struct lp_err *err)
{
    const struct action_def *def;
    struct opts o;
    char name[32];
    return parse_call(argc, argv, &def, &o, name, sizeof name, err);
}

int action_exec(struct lp_ctx *ctx, int argc, char **argv,
                struct action_result *res)
{
    struct act_call c;
    int rc;
    memset(&c, 0, sizeof c);
    json_decref(res->doc);
    res->doc = NULL;
    sb_reset(&res->text);
    lp_err_clear(&res->err);
    c.err = &res->err;
    c.ctx = ctx;
    c.st = ctx->st;
    c.argc = argc;
    c.argv = argv;
    sb_init(&c.text);
    sb_init(&c.audit_results);
    pol_verdict_init(&c.v);
    if ((rc = parse_call(argc, argv, &c.def, &c.o, c.name, sizeof c.name,
                         c.err)))
        goto out;
    if ((rc = action_policy(ctx, c.err)))
        goto out;
    c.pol = ctx->pol;
    if ((rc = roster_require(c.st, ctx->user, &c.who, c.err)))
        goto out;
    if (store_begin(c.st)) {
        rc = act_store_fail(&c);
        goto out;
    }
    c.results = json_array();
    c.extra = json_object();
    /* roster_require's strings live until the next person lookup. */
    char *who = xstrdup(c.who.id);
    c.who.id = who;
    rc = c.def->check(&c);
    if (rc == 0 && !c.who.trained)
        pol_add(&c.v, POL_DENY, RULE_IV_H, "%s is not trained on the LPR "
                "policy: no access until training is complete (not even "
                "with a colleague's login)", who);
    if (rc == 0 && c.v.level != POL_DENY && c.def->effect)
        rc = c.def->effect(&c);
    if (rc == 0 && c.v.level == POL_DENY) {
        /* A refusal leaves only its audit entry. */
        json_array_clear(c.results);
        sb_reset(&c.audit_results);
        for (size_t i = 0; i < c.v.n; i++)
            if (c.v.f[i].level == POL_DENY) {
                sb_printf(&c.audit_results, "refused (%s)", c.v.f[i].rule);
                break;
            }
    }
    int64_t audit_id = 0;
    if (rc == 0)
        rc = record(&c, &audit_id);
    if (rc == 0 && store_commit(c.st))
        rc = act_store_fail(&c);
    if (rc) {
        store_rollback(c.st);
        free(who);
        goto out;
    }
    build_output(&c, audit_id, res);
    free(who);
    rc = c.v.level == POL_DENY ? -LP_REFUSED : 0;
out:
    if (rc == -LP_REFUSED) {
        /* Name the deciding rule on the error line. */
        const char *rule = "";
        for (size_t i = 0; i < c.v.n; i++)
            if (c.v.f[i].level == POL_DENY) {
                rule = c.v.f[i].rule;
                break;
            }
        lp_errf(c.err, LP_REFUSED, "refused (%s): %s", rule,
                pol_reason(&c.v));
    }
    call_free(&c);
    res->status = rc < 0 ? -rc : 0;
    if (res->status && !res->err.status)
        res->err.status = res->status;
    return res->status;
}

int action_exec_line(struct lp_ctx *ctx, const char *line,
                     struct action_result *res)
{
    struct words w;
    json_decref(res->doc);
    res->doc = NULL;
    sb_reset(&res->text);
    lp_err_clear(&res->err);
    if (words_split(line, &w, &res->err)) {
        res->status = LP_USAGE;
        return LP_USAGE;
    }
    int rc = 0;
    if (w.argc > 0)
        rc = action_exec(ctx, w.argc, w.argv, res);
    else
        res->status = 0;
    words_free(&w);
    return rc;
}
