/*
 * act_audit.c - the trainee's audit actions in the action table: "audit
 * add" (a query made in a source that keeps no audit, recorded by hand
 * with the six fields of IV.M.1) and "audit review" (the quarterly review
 * of IV.M.2).  The action layer writes their audit entry and transcript
 * row like any other action's; the review's findings come from
 * audit_review_findings (audit_review.c).
 */
#include "core/action/action_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit/audit.h"
#include "core/policy/rules.h"
#include "core/store/store_audit.h"
#include "core/store/store_cases.h"
#include "util/lptime.h"

static int blank(const char *s)
{
    for (; s && *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

/* A usage error for free text that is too long or not one line. */
static int check_text(struct act_call *c, const char *opt, size_t max)
{
    const char *v = opts_get(&c->o, opt);
    size_t n = v ? strlen(v) : 0;
    if (n > max)
        return act_usage(c, "--%s is longer than %zu characters", opt, max);
    if (n && !lp_utf8_valid(v, n, NULL))
        return act_usage(c, "--%s is not UTF-8 text", opt);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20 && v[i] != '\t')
            return act_usage(c, "--%s holds a control character: write it "
                             "on one line", opt);
    return 0;
}

/* ---- audit add ---- */

static const struct opt_spec add_opts[] = {
    {"plate", OPT_ARG, "P", "(2) the plate entered as the query"},
    {"case", OPT_ARG, "N", "(5) the case or investigation number"},
    {"reason", OPT_ARG, "TEXT", "(6) why the query was made"},
    {"results", OPT_ARG, "TEXT", "(4) what the query returned"},
    {"at", OPT_ARG, "TIME", "(3) when it was made (default: now)"},
    {"source", OPT_ARG, "NAME", "the system queried (one keeping no audit)"},
    {"approval", OPT_ARG, "ID", "supervisor's approval id (IV.E)"},
    {NULL, 0, NULL, NULL},
};

struct add_state {
    int64_t at;
};

static int add_check(struct act_call *c)
{
    int64_t now = c->ctx->now, at = now;
    int has_at;
    char nb[24], ab[24];
    if (act_time(c, "at", &at, &has_at) || check_text(c, "results", 4000) ||
        check_text(c, "source", 200) || check_text(c, "case", 100))
        return -LP_USAGE;
    if (at > now) {
        act_fmt_time(now, nb, sizeof nb);
        return act_usage(c, "--at is after the sandbox clock (%s): record a "
                         "query already made", nb);
    }
    struct add_state *as = xcalloc(1, sizeof *as);
    as->at = at;
    c->state = as;
    c->manual = 1;
    const char *cs = opts_get(&c->o, "case");
    const char *reason = opts_get(&c->o, "reason");
    const char *results = opts_get(&c->o, "results");
    policy_check_plate(c->pol, opts_get(&c->o, "plate"), RULE_IV_M_1, c->plate,
                       sizeof c->plate, &c->v);
    if (blank(cs)) {
        pol_add(&c->v, POL_DENY, RULE_IV_M_1, "no case number: an audit entry "
                "names the case or investigation of the query (--case N)");
    } else {
        c->case_number = cs;
        struct lp_case k;
        int r = store_case_get(c->st, cs, &k);
        if (r < 0)
            return act_store_fail(c);
        lptime_format_date(at, ab, sizeof ab);
        if (r == 0)
            pol_add(&c->v, POL_WARN, RULE_IV_A_1, "case '%.40s' is not in the "
                    "case registry: every query cites an open case", cs);
        else if (strcmp(k.status, "open") != 0 && k.closed_at <= at)
            pol_add(&c->v, POL_WARN, RULE_IV_A_1, "case %s was closed when the "
                    "query was made (%s): LPR data is used only for a "
                    "current investigation", cs, ab);
        else if (k.opened_at > at)
            pol_add(&c->v, POL_WARN, RULE_IV_A_1, "case %s was opened after the "
                    "query was made (%s)", cs, ab);
        if (r > 0)
            store_case_clear(&k);
    }
    policy_check_reason(c->pol, reason, opts_get(&c->o, "approval"),
                        &c->v);
    if (!blank(reason))
        c->reason = reason;
    if (blank(results))
        pol_add(&c->v, POL_DENY, RULE_IV_M_1, "no results: say what the query "
                "returned (--results TEXT, \"none\" when nothing)");
    return 0;
}

static int add_effect(struct act_call *c)
{
    const struct add_state *as = c->state;
    const char *src = opts_get(&c->o, "source");
    char ab[24];
    c->at = as->at;
    sb_puts(&c->audit_results, opts_get(&c->o, "results"));
    act_fmt_time(as->at, ab, sizeof ab);
    pol_add(&c->v, POL_ALLOW, RULE_IV_M_1, "recorded by hand with the six "
            "fields: who, plate, when, results, case number and reason");
    sb_printf(&c->text, "recorded by hand: %s, case %s, %s%s%s\n", c->plate,
              c->case_number, ab, src ? ", source " : "", src ? src : "");
    json_object_set_new(c->extra, "manual", json_true());
    json_object_set_new(c->extra, "at", json_string(ab));
    return 0;
}

const struct action_def act_audit_add = {
    .name = "audit",
    .sub = "add",
    .summary = "record a query by hand (a source that keeps no audit, IV.M.1)",
    .opts = add_opts,
    .check = add_check,
    .effect = add_effect,
    .details =
        "All six fields are required: who (--user), plate, when (--at),\n"
        "results, case number and reason.  A missing or vague field is\n"
        "refused (exit 3); the refusal is audited too.",
    .group = ACT_GROUP_AUDIT,
};

/* ---- audit review ---- */

static const struct opt_spec review_opts[] = {
    {"quarter", OPT_ARG, "Q", "the quarter to review: 2026Q1 .. 2026Q4"},
    {NULL, 0, NULL, NULL},
};

struct review_state {
    char reason[64];
};

static int review_check(struct act_call *c)
{
    const char *q = opts_get(&c->o, "quarter");
    int64_t from, to;
    if (!q)
        return act_usage(c, "give --quarter (e.g. 2026Q1)");
    if (audit_quarter_parse(q, &from, &to, c->err))
        return act_usage(c, "%s", c->err->msg);
    if (from > c->ctx->now) {
        char nb[24];
        lptime_format_date(c->ctx->now, nb, sizeof nb);
        return act_usage(c, "quarter %.6s has not begun (the sandbox clock "
                         "says %s)", q, nb);
    }
    struct review_state *rs = xcalloc(1, sizeof *rs);
    snprintf(rs->reason, sizeof rs->reason, "quarterly audit review of "
             "%.4sQ%c", q, q[5]);
    c->state = rs;
    c->reason = rs->reason;
    return 0;
}

static int review_effect(struct act_call *c)
{
    unsigned char h[AUDIT_HASH_LEN];
    int64_t head = 0;
    json_t *doc = NULL;
    struct sb text;
    /* The action layer appends this action's entry right after: head+1. */
    if (store_audit_head(c->st, &head, h) < 0)
        return act_store_fail(c);
    sb_init(&text);
    int rc = audit_review_findings(c->st, c->who.id,
                                   opts_get(&c->o, "quarter"), c->ctx->now,
                                   head + 1, &doc, &text, c->err);
    if (rc) {
        sb_free(&text);
        return rc;
    }
    sb_add(&c->text, text.buf ? text.buf : "", text.len);
    sb_free(&text);
    json_t *f = json_object_get(doc, "findings");
    size_t nf = json_array_size(f);
    json_array_extend(c->results, f);
    json_object_del(doc, "findings");
    sb_printf(&c->audit_results, "%zu finding(s) in %lld entries", nf,
              (long long)json_integer_value(json_object_get(doc,
                                                            "entries")));
    json_t *w = json_object_get(doc, "warnings");
    for (size_t i = 0; i < json_array_size(w); i++)
        pol_add(&c->v, POL_WARN, RULE_IV_M_2, "%s",
                json_string_value(json_array_get(w, i)));
    if (nf)
        pol_add(&c->v, POL_ALLOW, RULE_IV_M_2, "%zu problem%s found: report "
                "them (non-compliance may be referred to OPR)", nf,
                nf == 1 ? "" : "s");
    else
        pol_add(&c->v, POL_ALLOW, RULE_IV_M_2, "the quarter's audit log was "
                "reviewed: no problem found");
    json_object_set_new(c->extra, "review", doc);
    return 0;
}

const struct action_def act_audit_review = {
    .name = "audit",
    .sub = "review",
    .summary = "review a quarter's audit entries (IV.M.2)",
    .opts = review_opts,
    .check = review_check,
    .effect = review_effect,
    .details =
        "Lists vague or missing fields (IV.M.1), look-ups on unknown or\n"
        "closed cases (IV.A.1), windows beyond the limit (IV.J.1, IV.J.2),\n"
        "refused attempts, and one person's repeated look-ups of one plate\n"
        "under changing reasons (IV.M.2); records that the review was done.",
    .group = ACT_GROUP_AUDIT,
};
