/*
 * act_case.c - the case registry actions: "case add", "case close",
 * "case list".  Every query, hotlist entry, upload and analysis cites an
 * open case from here (IV.A.1); a criminal case's violation sets its
 * look-back (IV.J.1).
 */
#include "core/action/action_int.h"

#include <ctype.h>
#include <string.h>

#include "core/policy/rules.h"
#include "core/store/store_cases.h"
#include "core/store/store_world.h"
#include "util/lptime.h"

static int check_number(struct act_call *c, const char *n)
{
    size_t len = n ? strlen(n) : 0;
    if (len == 0 || len > 40)
        return act_usage(c, "a case number is 1 to 40 characters");
    for (const char *p = n; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("-_./", *p))
            return act_usage(c, "case number '%.40s' may hold only letters, "
                             "digits and - _ . /", n);
    return 0;
}

static json_t *case_json(const struct lp_case *cs)
{
    char ob[24], cb[24];
    lptime_format(cs->opened_at, ob, sizeof ob);
    lptime_format(cs->closed_at, cb, sizeof cb);
    json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "number", cs->number, "type",
                          cs->type, "status", cs->status, "opened_at", ob);
    json_object_set_new(o, "violation", cs->violation
                        ? json_string(cs->violation) : json_null());
    json_object_set_new(o, "limitation_years", cs->limitation_years >= 0
                        ? json_integer(cs->limitation_years) : json_null());
    json_object_set_new(o, "closed_at", cs->closed_at ? json_string(cb)
                                                      : json_null());
    json_object_set_new(o, "target", cs->target ? json_string(cs->target)
                                                : json_null());
    return o;
}

/* ---- case add ---- */

static const struct opt_spec add_opts[] = {
    {"number", OPT_ARG, "N", "case number (letters, digits, - _ . /)"},
    {"type", OPT_ARG, "TYPE", "criminal or civil (immigration)"},
    {"violation", OPT_ARG, "CODE", "criminal: statute code (see "
                                   "datasets/statutes.csv)"},
    {"limitation-years", OPT_ARG, "N", "criminal: look-back in years, "
                                       "overriding the statute's"},
    {"opened", OPT_ARG, "TIME", "when the case was opened (default now)"},
    {"target", OPT_ARG, "PLATE", "the target vehicle's plate, if known"},
    {"title", OPT_ARG, "TEXT", "a short title"},
    {NULL, 0, NULL, NULL},
};

static int case_add_check(struct act_call *c)
{
    const char *num = opts_get(&c->o, "number");
    const char *type = opts_get(&c->o, "type");
    const char *vio = opts_get(&c->o, "violation");
    int64_t lim = -1, opened = c->ctx->now;
    int has_lim, has_opened;
    if (!num)
        return act_usage(c, "--number N is required");
    if (check_number(c, num))
        return -LP_USAGE;
    if (!type || (strcmp(type, "criminal") && strcmp(type, "civil")))
        return act_usage(c, "--type must be criminal or civil");
    if (act_int(c, "limitation-years", 0, 100, &lim, &has_lim) ||
        act_time(c, "opened", &opened, &has_opened))
        return -LP_USAGE;
    if (!has_lim)
        lim = -1;
    if (opened > c->ctx->now)
        return act_usage(c, "--opened is in the future");
    if (strcmp(type, "civil") == 0 && (vio || has_lim))
        return act_usage(c, "a civil immigration case has no --violation or "
                         "--limitation-years (its look-back is fixed by the "
                         "policy)");
    if (strcmp(type, "criminal") == 0) {
        if (!vio && !has_lim)
            return act_usage(c, "a criminal case needs --violation CODE (its "
                             "statute of limitations sets the look-back) or "
                             "--limitation-years N");
        if (vio) {
            int64_t y;
            int rc = store_statute_limit(c->st, vio, &y);
            if (rc < 0)
                return act_store_fail(c);
            if (rc == 0 && !has_lim)
                return act_usage(c, "unknown violation code '%.40s' (see "
                                 "datasets/statutes.csv, or give "
                                 "--limitation-years N)", vio);
        }
    }
    const char *target = opts_get(&c->o, "target");
    if (target) {
        struct pol_verdict tv;
        pol_verdict_init(&tv);
        int ok = policy_check_plate(c->pol, target, RULE_IV_B, c->plate,
                                    sizeof c->plate, &tv) == 1;
        pol_verdict_free(&tv);
        if (!ok)
            return act_usage(c, "--target '%.40s' is not a full plate",
                             target);
    }
    const char *title = opts_get(&c->o, "title");
    if (title && strlen(title) > 200)
        return act_usage(c, "--title is longer than 200 characters");
    c->case_number = num;
    struct lp_case cs;
    int rc = store_case_get(c->st, num, &cs);
    store_case_clear(&cs);
    if (rc < 0)
        return act_store_fail(c);
    if (rc == 1)
        return act_usage(c, "case '%.40s' is already in the registry", num);
    pol_add(&c->v, POL_ALLOW, RULE_IV_A_1, "case %s (%s) is open: queries, "
            "hotlist entries and uploads may cite it", num, type);
    return 0;
}

static int case_add_effect(struct act_call *c)
{
    int64_t lim = -1, opened = c->ctx->now;
    int has_lim, has_opened;
    if (act_int(c, "limitation-years", 0, 100, &lim, &has_lim) ||
        act_time(c, "opened", &opened, &has_opened))
        return -LP_USAGE;
    const char *target = opts_get(&c->o, "target");
    struct lp_case add = {
        .number = (char *)c->case_number,
        .type = (char *)opts_get(&c->o, "type"),
        .violation = (char *)opts_get(&c->o, "violation"),
        .limitation_years = has_lim ? lim : -1, .opened_at = opened,
        .owner = (char *)c->who.id, .title = (char *)opts_get(&c->o, "title"),
        .target = target ? c->plate : NULL,
    };
    if (store_case_add(c->st, &add))
        return act_store_fail(c);
    struct lp_case cs;
    int rc = store_case_get(c->st, c->case_number, &cs);
    if (rc < 0)
        return act_store_fail(c);
    if (rc == 0)
        return lp_errf(c->err, LP_FAIL, "case vanished");
    int64_t years = -1;
    if (act_case_limitation(c, &cs, &years)) {
        store_case_clear(&cs);
        return -c->err->status;
    }
    json_t *o = case_json(&cs);
    const char *rule;
    int64_t earliest;
    char why[160];
    policy_lookback(c->pol, cs.type, years, c->ctx->now, &earliest, &rule,
                    why, sizeof why);
    if (earliest != INT64_MIN) {
        char eb[24];
        lptime_format_date(earliest, eb, sizeof eb);
        json_object_set_new(o, "earliest_start", json_string(eb));
        sb_printf(&c->text, "case %s (%s%s%s) opened; %s: queries may start "
                  "from %s\n", cs.number, cs.type, cs.violation ? ", " : "",
                  cs.violation ? cs.violation : "", why, eb);
    } else {
        sb_printf(&c->text, "case %s (%s%s%s) opened; %s\n", cs.number,
                  cs.type, cs.violation ? ", " : "",
                  cs.violation ? cs.violation : "", why);
    }
    json_array_append_new(c->results, o);
    sb_printf(&c->audit_results, "case %s opened", cs.number);
    store_case_clear(&cs);
    return 0;
}

const struct action_def act_case_add = {
    .name = "case",
    .sub = "add",
    .summary = "open a case in the registry",
    .opts = add_opts,
    .check = case_add_check,
    .effect = case_add_effect,
    .details =
        "Every query, hotlist entry, upload and analysis cites an open case "
        "(IV.A.1).\nA criminal case's violation code sets how far back its "
        "queries may reach (IV.J.1);\na civil immigration case may reach back "
        "five years under the default profile (IV.J.2).",
    .group = ACT_GROUP_CASES,
};

/* ---- case close ---- */

static int case_close_check(struct act_call *c)
{
    const char *num = c->o.pos[0];
    struct lp_case cs;
    if (check_number(c, num))
        return -LP_USAGE;
    c->case_number = num;
    int rc = store_case_get(c->st, num, &cs);
    if (rc < 0)
        return act_store_fail(c);
    if (rc == 0)
        return act_usage(c, "no case '%.40s' in the registry", num);
    int open = strcmp(cs.status, "open") == 0;
    store_case_clear(&cs);
    if (!open)
        return act_usage(c, "case %s is already closed", num);
    pol_add(&c->v, POL_ALLOW, RULE_IV_A_1, "case %s is closed: no query may "
            "cite it any more", num);
    return 0;
}

static int entries_for_case(void *arg, const struct lp_hotlist_entry *e)
{
    struct act_call *c = arg;
    if (e->case_number && strcmp(e->case_number, c->case_number) == 0) {
        int *n = c->state;
        (*n)++;
    }
    return 0;
}

static int case_close_effect(struct act_call *c)
{
    int n = 0;
    if (store_case_close(c->st, c->case_number, c->ctx->now) < 0)
        return act_store_fail(c);
    struct lp_hotlist h;
    int rc = store_hotlist_get(c->st, "main", 0, 0, &h);
    if (rc < 0)
        return act_store_fail(c);
    if (rc == 1) {
        c->state = &n;
        rc = store_hotlist_entries_each(c->st, h.id, 1, NULL,
                                        entries_for_case, c);
        c->state = NULL;
        if (rc < 0)
            return act_store_fail(c);
    }
    if (n > 0)
        pol_add(&c->v, POL_WARN, RULE_IV_K_4, "%d hotlist entr%s still cite "
                "case %s: remove %s now (hotlist remove --plate P --reason "
                "...)", n, n == 1 ? "y" : "ies", c->case_number,
                n == 1 ? "it" : "them");
    sb_printf(&c->text, "case %s closed\n", c->case_number);
    sb_printf(&c->audit_results, "case %s closed", c->case_number);
    json_array_append_new(c->results, json_pack("{s:s,s:s}", "number",
                          c->case_number, "status", "closed"));
    return 0;
}

static const struct opt_spec no_opts[] = {{NULL, 0, NULL, NULL}};

const struct action_def act_case_close = {
    .name = "case",
    .sub = "close",
    .args = "N",
    .npos = 1,
    .summary = "close a case",
    .opts = no_opts,
    .check = case_close_check,
    .effect = case_close_effect,
    .details =
        "A closed case can no longer be cited; its hotlist entries must go "
        "(IV.K.1, IV.K.4).",
    .group = ACT_GROUP_CASES,
};

/* ---- case list ---- */

static int list_one(void *arg, const struct lp_case *cs)
{
    struct act_call *c = arg;
    char ob[24];
    lptime_format_date(cs->opened_at, ob, sizeof ob);
    json_array_append_new(c->results, case_json(cs));
    char lim[32] = "";
    if (cs->limitation_years >= 0)
        snprintf(lim, sizeof lim, " (%lld y)",
                 (long long)cs->limitation_years);
    sb_printf(&c->text, "%-16s %-8s %-6s %-10s %s%s\n", cs->number, cs->type,
              cs->status, ob, cs->violation ? cs->violation : "-", lim);
    return 0;
}

static int case_list_check(struct act_call *c)
{
    (void)c;
    return 0;
}

static int case_list_effect(struct act_call *c)
{
    sb_printf(&c->text, "%-16s %-8s %-6s %-10s %s\n", "CASE", "TYPE",
              "STATUS", "OPENED", "VIOLATION");
    if (store_cases_each(c->st, list_one, c) < 0)
        return act_store_fail(c);
    size_t n = json_array_size(c->results);
    sb_printf(&c->audit_results, "%zu case%s", n, n == 1 ? "" : "s");
    pol_add(&c->v, POL_ALLOW, RULE_IV_A_1, "%zu case%s in the registry", n,
            n == 1 ? "" : "s");
    return 0;
}

const struct action_def act_case_list = {
    .name = "case",
    .sub = "list",
    .summary = "list the case registry",
    .opts = no_opts,
    .check = case_list_check,
    .effect = case_list_effect,
    .group = ACT_GROUP_CASES,
};
