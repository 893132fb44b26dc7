/*
 * audit_review.c - the quarterly review that finds problems in a
 * quarter's audit entries (IV.M.2), which "audit review" of the action
 * table runs (see audit.h).  Entries written by hand (IV.M.1) are the
 * action "audit add" (core/action/act_audit.c).
 */
#include "core/audit/audit.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/policy/policy.h"
#include "core/policy/rules.h"
#include "core/site/site.h"
#include "core/store/store_audit.h"
#include "core/world/roster.h"
#include "util/lptime.h"
#include "util/paths.h"
#include "core/store/store_effects.h"

/* Actions that look plates up and so owe the six fields of IV.M.1 (manual
 * entries too).  Names as the action table spells them. */
static const char lookup_actions[] = "[\"query\",\"analyze\",\"geoquery\"]";

#define QUARTER_DAYS 92
#define CIVIL_YEARS 5       /* IV.J.2 when no profile loads (2017 guidance) */
#define REPEAT_MIN 3        /* look-ups of one plate by one user ... */
#define REPEAT_REASONS 2    /* ... under this many different reasons */
#define MULTI_CASES 2       /* ... or under this many unrelated cases */

/* The policy profile in force (profile, else the database's), so that a
 * reason is judged as the engine judges it: the word lists live only in
 * the profile.  NULL with a note in why when it does not load (reasons
 * then go unjudged, and the review says so).  Caller policy_frees. */
static struct policy *load_policy(struct store *st, const char *profile,
                                  char *why, size_t n)
{
    struct policy *pol = NULL;
    struct lp_err e = {0};
    why[0] = '\0';
    if (policy_load_for(st, paths_root(), profile, &pol, &e)) {
        snprintf(why, n, "policy profile not loaded (%.200s): reasons not "
                 "judged", e.msg);
        return NULL;
    }
    return pol;
}

/* The engine's reason check: 1 and the deciding rule/reason when it
 * refuses reason. */
static int engine_refuses_reason(const struct policy *pol, const char *reason,
                                 const char *approval, char *rule, size_t rn,
                                 char *why, size_t wn)
{
    struct pol_verdict v;
    pol_verdict_init(&v);
    policy_check_reason(pol, reason, approval, &v);
    int deny = v.level == POL_DENY;
    if (deny) {
        for (size_t i = 0; i < v.n; i++)
            if (v.f[i].level == POL_DENY) {
                snprintf(rule, rn, "%s", v.f[i].rule);
                snprintf(why, wn, "%s", v.f[i].reason);
                break;
            }
    }
    pol_verdict_free(&v);
    return deny;
}

/* ---- helpers ---- */

static int blank(const char *s)
{
    for (; s && *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

/* ---- the quarterly review ---- */

int audit_quarter_parse(const char *q, int64_t *from, int64_t *to,
                        struct lp_err *err)
{
    char buf[16];
    if (!q || strlen(q) != 6 || !isdigit((unsigned char)q[0]) ||
        !isdigit((unsigned char)q[1]) || !isdigit((unsigned char)q[2]) ||
        !isdigit((unsigned char)q[3]) || (q[4] != 'Q' && q[4] != 'q') ||
        q[5] < '1' || q[5] > '4')
        return lp_errf(err, LP_USAGE, "--quarter '%s' is not a quarter "
                       "(use 2026Q1 .. 2026Q4)", q ? q : "");
    int year = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 +
               (q[3] - '0');
    int qn = q[5] - '0';
    snprintf(buf, sizeof buf, "%04d-%02d-01", year, 3 * (qn - 1) + 1);
    if (lptime_parse(buf, from))
        return lp_errf(err, LP_USAGE, "--quarter '%s': bad year", q);
    if (qn == 4)
        snprintf(buf, sizeof buf, "%04d-01-01", year + 1);
    else
        snprintf(buf, sizeof buf, "%04d-%02d-01", year, 3 * qn + 1);
    if (lptime_parse(buf, to))
        return lp_errf(err, LP_USAGE, "--quarter '%s': bad year", q);
    return 0;
}

int audit_review_due(struct store *st, int64_t now, int64_t *last_at,
                     struct lp_err *err)
{
    *last_at = 0;
    int rc = store_audit_review_last(st, last_at, NULL);
    if (rc < 0) {
        *err = *store_err(st);
        return -err->status;
    }
    if (rc == 0)
        return 1;
    return now - *last_at > (int64_t)QUARTER_DAYS * LPTIME_DAY;
}

struct review {
    struct store *st;
    struct policy *pol;       /* the profile in force, or NULL */
    json_t *findings;
    struct sb *text;
    int64_t entries, lookups;
};

/* Adds one finding about row r (NULL for a group) under rule. */
static void finding(struct review *R, const char *rule, const char *kind,
                    const struct store_audit_row *r, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void finding(struct review *R, const char *rule, const char *kind,
                    const struct store_audit_row *r, const char *fmt, ...)
{
    char msg[600], when[32] = "";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_t *f = json_pack("{s:s,s:s,s:s}", "rule", rule, "kind", kind,
                          "text", msg);
    if (r) {
        lptime_format(r->at, when, sizeof when);
        json_object_set_new(f, "entry", json_integer(r->id));
        json_object_set_new(f, "at", json_string(when));
        json_object_set_new(f, "user", json_string(r->user_id ? r->user_id
                                                              : ""));
        json_object_set_new(f, "action", json_string(r->action ? r->action
                                                               : ""));
        json_object_set_new(f, "plate", r->plate ? json_string(r->plate)
                                                 : json_null());
        json_object_set_new(f, "case", r->case_number
                                           ? json_string(r->case_number)
                                           : json_null());
        sb_printf(R->text, "%-7s entry %lld (%s %s %s %s): %s\n", rule,
                  (long long)r->id, when, r->user_id ? r->user_id : "?",
                  r->action ? r->action : "?", r->plate ? r->plate : "-",
                  msg);
    } else {
        sb_printf(R->text, "%-7s %s\n", rule, msg);
    }
    json_array_append_new(R->findings, f);
}

/* A window bound from the detail JSON: an object of options ({"from":
 * "2026-01-01"} or seconds), or the action's words as typed (["query",
 * "--from","2026-01-01",...] or "--from=2026-01-01").  0 or -1. */
static int detail_time(json_t *d, const char *key, int64_t *out)
{
    if (json_is_array(d)) {
        size_t kl = strlen(key);
        for (size_t i = 0; i < json_array_size(d); i++) {
            const char *w = json_string_value(json_array_get(d, i));
            if (!w || strncmp(w, "--", 2) != 0 || strncmp(w + 2, key, kl))
                continue;
            if (w[2 + kl] == '=')
                return lptime_parse(w + 3 + kl, out);
            if (w[2 + kl] == '\0') {
                const char *v = json_string_value(json_array_get(d, i + 1));
                return v ? lptime_parse(v, out) : -1;
            }
        }
        return -1;
    }
    json_t *v = json_object_get(d, key);
    if (json_is_integer(v)) {
        *out = json_integer_value(v);
        return 0;
    }
    if (json_is_string(v))
        return lptime_parse(json_string_value(v), out);
    return -1;
}

/* The value of option key in the detail's words as typed (["query",
 * "--approval","SUP-1",...]) into out ("" when absent). */
static void detail_word(const char *detail, const char *key, char *out,
                        size_t n)
{
    out[0] = '\0';
    json_t *d = detail ? json_loads(detail, 0, NULL) : NULL;
    size_t kl = strlen(key);
    for (size_t i = 0; json_is_array(d) && i < json_array_size(d); i++) {
        const char *w = json_string_value(json_array_get(d, i));
        if (!w || strncmp(w, "--", 2) != 0 || strncmp(w + 2, key, kl))
            continue;
        const char *v = w[2 + kl] == '=' ? w + 3 + kl
                        : w[2 + kl] == '\0'
                            ? json_string_value(json_array_get(d, i + 1))
                            : NULL;
        if (v)
            snprintf(out, n, "%s", v);
        break;
    }
    json_decref(d);
}

static void check_window(struct review *R, const struct store_audit_row *r)
{
    if (!r->detail || !r->case_known || !r->case_type)
        return;
    json_t *d = json_loads(r->detail, 0, NULL);
    int64_t from;
    if (detail_time(d, "from", &from) != 0) {
        json_decref(d);
        return;
    }
    json_decref(d);
    int civil = strcmp(r->case_type, "civil") == 0;
    char f[16], l[16];
    if (R->pol) {
        /* As the engine reckons it at the time of the look-up. */
        int64_t earliest;
        const char *rule;
        char why[160];
        policy_lookback(R->pol, r->case_type, r->limitation_years, r->at,
                        &earliest, &rule, why, sizeof why);
        if (policy_window_start_ok(from, earliest))
            return;
        lptime_format_date(from, f, sizeof f);
        lptime_format_date(earliest, l, sizeof l);
        finding(R, rule, "window-beyond-limit", r, "window starts %s, before "
                "the earliest allowed start %s (%s; case %s)", f, l, why,
                r->case_number);
        return;
    }
    int64_t years = civil ? CIVIL_YEARS : r->limitation_years;
    if (years <= 0)
        return;
    int64_t limit = lptime_day_start(lptime_add_years(r->at, -(int)years));
    if (policy_window_start_ok(from, limit))
        return;
    lptime_format_date(from, f, sizeof f);
    lptime_format_date(limit, l, sizeof l);
    if (civil)
        finding(R, RULE_IV_J_2, "window-beyond-limit", r, "window starts %s, "
                "before the previous five years of a civil case (%s)", f, l);
    else
        finding(R, RULE_IV_J_1, "window-beyond-limit", r, "window starts %s, "
                "beyond the %lld-year statute of limitations of case %s "
                "(%s)", f, (long long)years, r->case_number, l);
}

static int is_lookup(const struct store_audit_row *r)
{
    if (r->manual)
        return 1;
    return r->action && (strcmp(r->action, "query") == 0 ||
                         strcmp(r->action, "analyze") == 0 ||
                         strcmp(r->action, "geoquery") == 0);
}

static int review_row(void *arg, const struct store_audit_row *r)
{
    struct review *R = arg;
    R->entries++;
    int deny = r->verdict && strcmp(r->verdict, "deny") == 0;
    if (deny) {
        /* The deciding rule: "refused (IV.J.1)" in the results as the
         * action layer writes them, else the entry's rule list. */
        char rule[64];
        const char *res = r->results ? r->results : "";
        size_t n = 0;
        if (strncmp(res, "refused (", 9) == 0 &&
            (n = strcspn(res + 9, ")")) > 0 && n < sizeof rule &&
            res[9 + n] == ')')
            snprintf(rule, sizeof rule, "%.*s", (int)n, res + 9);
        else
            snprintf(rule, sizeof rule, "%s", r->rules && *r->rules
                                                  ? r->rules : RULE_IV_M_2);
        int own = n > 0 && res[10 + n] == '\0';
        finding(R, rule, "refused-attempt", r, "refused %s%s%s%s%s",
                r->action ? r->action : "action",
                r->reason ? " (reason \"" : "", r->reason ? r->reason : "",
                r->reason ? "\")" : "",
                own || !*res ? "" : res);
    }
    if (!is_lookup(r) || deny)
        return 0;
    R->lookups++;
    struct sb miss;
    sb_init(&miss);
    if (blank(r->plate))
        sb_puts(&miss, ", plate");
    if (blank(r->case_number))
        sb_puts(&miss, ", case number");
    if (blank(r->reason))
        sb_puts(&miss, ", reason");
    if (blank(r->results))
        sb_puts(&miss, ", results");
    if (miss.len)
        finding(R, RULE_IV_M_1, "missing-field", r, "missing %s", miss.buf + 2);
    sb_free(&miss);
    /* The engine's one detector (IV.M.1, IV.A.1, IV.E), with the approval
     * the look-up recorded, judges the reason as it did at action time:
     * a reason the engine of today refuses is a finding. */
    char prule[12] = "", pwhy[300] = "", approval[48] = "";
    detail_word(r->detail, "approval", approval, sizeof approval);
    if (!blank(r->reason) && R->pol &&
        engine_refuses_reason(R->pol, r->reason, approval[0] ? approval
                                                             : NULL,
                              prule, sizeof prule, pwhy, sizeof pwhy))
        finding(R, prule, strcmp(prule, RULE_IV_M_1) == 0 ? "vague-reason"
                                                       : "improper-reason",
                r, "reason \"%s\": %s", r->reason, pwhy);
    if (!blank(r->case_number)) {
        if (!r->case_known)
            finding(R, RULE_IV_A_1, "unknown-case", r, "case %s is not in the "
                    "case registry", r->case_number);
        else if (r->case_status && strcmp(r->case_status, "closed") == 0 &&
                 (r->case_closed_at == 0 || r->case_closed_at <= r->at))
            finding(R, RULE_IV_A_1, "closed-case", r, "case %s was closed at "
                    "the time", r->case_number);
        else if (r->case_opened_at > r->at)
            finding(R, RULE_IV_A_1, "case-not-open", r, "case %s was opened "
                    "after this look-up", r->case_number);
    }
    check_window(R, r);
    return 0;
}

static int review_repeat(void *arg, const struct store_audit_repeat *g)
{
    struct review *R = arg;
    char a[16], b[16];
    lptime_format_date(g->first_at, a, sizeof a);
    lptime_format_date(g->last_at, b, sizeof b);
    char msg[700];
    snprintf(msg, sizeof msg, "%s looked up %s %lld times between %s and "
             "%s under %lld different reasons and %lld case number(s) "
             "(entries %s): possible misuse, report it (reasons: %s)",
             g->user_id, g->plate, (long long)g->count, a, b,
             (long long)g->reasons, (long long)g->cases,
             g->ids_json ? g->ids_json : "[]",
             g->reasons_json ? g->reasons_json : "[]");
    json_t *f = json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:I}", "rule", RULE_IV_M_2,
                          "kind", "repeated-plate", "text", msg, "user",
                          g->user_id, "plate", g->plate, "count",
                          (json_int_t)g->count, "reasons",
                          (json_int_t)g->reasons);
    json_t *ids = json_loads(g->ids_json ? g->ids_json : "[]", 0, NULL);
    json_object_set_new(f, "entries", ids ? ids : json_array());
    json_t *rs = json_loads(g->reasons_json ? g->reasons_json : "[]", 0,
                            NULL);
    json_object_set_new(f, "reason_list", rs ? rs : json_array());
    json_array_append_new(R->findings, f);
    sb_printf(R->text, "%-7s %s\n", RULE_IV_M_2, msg);
    return 0;
}

static int review_multicase(void *arg, const struct store_audit_repeat *g)
{
    struct review *R = arg;
    char a[16], b[16], msg[700];
    lptime_format_date(g->first_at, a, sizeof a);
    lptime_format_date(g->last_at, b, sizeof b);
    snprintf(msg, sizeof msg, "%s looked up %s under %lld unrelated cases "
             "(%s; the plate is neither their target nor on their hotlist) "
             "between %s and %s, entries %s, whatever the reasons said: "
             "possible misuse, report it", g->user_id, g->plate,
             (long long)g->cases, g->reasons_json ? g->reasons_json : "[]",
             a, b, g->ids_json ? g->ids_json : "[]");
    json_t *f = json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:I}", "rule",
                          RULE_IV_M_2, "kind", "plate-across-cases", "text",
                          msg, "user", g->user_id, "plate", g->plate,
                          "count", (json_int_t)g->count, "cases",
                          (json_int_t)g->cases);
    json_t *ids = json_loads(g->ids_json ? g->ids_json : "[]", 0, NULL);
    json_object_set_new(f, "entries", ids ? ids : json_array());
    json_t *cs = json_loads(g->reasons_json ? g->reasons_json : "[]", 0,
                            NULL);
    json_object_set_new(f, "case_list", cs ? cs : json_array());
    json_array_append_new(R->findings, f);
    sb_printf(R->text, "%-7s %s\n", RULE_IV_M_2, msg);
    return 0;
}

/* The review; own_entry: append its audit entry here (else the caller's
 * action layer does, as entry audit_id). */
static int review_run(struct store *st, const char *user,
                      const char *quarter, int64_t now, int own_entry,
                      int64_t audit_id, json_t **doc, struct sb *text,
                      struct lp_err *err)
{
    struct lp_person who;
    int64_t from, to, last = 0;
    char qn[8], fa[16], ta[16], na[32];
    *doc = NULL;
    if (roster_require(st, user, &who, err) ||
        audit_quarter_parse(quarter, &from, &to, err))
        return -err->status;
    snprintf(qn, sizeof qn, "%.4sQ%c", quarter, quarter[5]);
    if (from > now) {
        lptime_format_date(now, na, sizeof na);
        return lp_errf(err, LP_USAGE, "quarter %s has not begun (the "
                       "sandbox clock says %s)", qn, na);
    }
    struct sb body;
    char note[300];
    sb_init(&body);
    struct review R = {.st = st, .findings = json_array(), .text = &body};
    json_t *warn = json_array(), *logj = NULL;
    R.pol = load_policy(st, NULL, note, sizeof note);
    if (!R.pol)
        json_array_append_new(warn, json_string(note));
    int due = audit_review_due(st, now, &last, err);
    if (due < 0)
        goto fail;
    if (due && last == 0) {
        json_array_append_new(warn, json_string(
            "no earlier audit review on record: IV.M.2 asks for one at "
            "least quarterly"));
    } else if (due) {
        char la[16], msg[200];
        lptime_format_date(last, la, sizeof la);
        snprintf(msg, sizeof msg, "the last audit review was on %s, over a "
                 "quarter ago: IV.M.2 asks for one at least quarterly", la);
        json_array_append_new(warn, json_string(msg));
    }
    if (to > now)
        json_array_append_new(warn, json_string(
            "the quarter is not over yet: this review covers it so far"));
    /* A review of a log that was tampered with starts there. */
    struct audit_verify_report vr;
    struct audit_verify_opts vo = {.pubkey = NULL};
    if (audit_verify(st, &vo, &vr, err)) {
        audit_verify_report_free(&vr);
        goto fail;
    }
    if (!vr.ok)
        finding(&R, RULE_IV_M_2, "log-not-intact", NULL, "the audit log is not "
                "intact: %s ('lprsim audit verify' tells more)", vr.problem);
    logj = json_pack("{s:I,s:b}", "entries", (json_int_t)vr.entries,
                     "intact", vr.ok);
    if (vr.nckpt) {
        const struct audit_ckpt_report *k = &vr.ckpt[vr.nckpt - 1];
        json_object_set_new(logj, "checkpoint", json_pack(
            "{s:s,s:I,s:s,s:b}", "name", k->source, "entries",
            (json_int_t)k->entries, "key_id", k->key_id, "ok", k->ok));
    }
    audit_verify_report_free(&vr);
    if (store_audit_review_each(st, from, to, review_row, &R) ||
        store_audit_repeats(st, from, to, lookup_actions, REPEAT_MIN,
                            REPEAT_REASONS, review_repeat, &R) ||
        store_audit_multicase(st, from, to, lookup_actions, MULTI_CASES,
                              review_multicase, &R))
        goto store_fail;

    size_t nf = json_array_size(R.findings);
    char res[120], reason[80];
    snprintf(res, sizeof res, "%zu finding(s) in %lld entries (%lld "
             "look-ups)", nf, (long long)R.entries, (long long)R.lookups);
    snprintf(reason, sizeof reason, "quarterly audit review of %s", qn);
    char *fjson = json_dumps(R.findings, JSON_COMPACT);
    json_t *dj = json_pack("{s:s}", "quarter", qn);
    char *detail = json_dumps(dj, JSON_COMPACT);
    json_decref(dj);
    char *prof = R.pol ? xstrdup(R.pol->label)
                       : store_meta_get(st, "policy_profile");
    struct audit_entry e = {
        .at = now, .user_id = who.id, .login = site_login(),
        .action = "audit review",
        .reason = reason, .results = res, .verdict = "allow",
        .rules = RULE_IV_M_2, .profile = prof, .detail = detail,
    };
    int64_t aid = audit_id, rid = 0;
    int rc = own_entry ? audit_append(st, &e, &aid, err) : 0;
    free(prof);
    if (!rc && store_audit_review_add(st, qn, who.id, now, fjson, aid, &rid))
        rc = lp_errf(err, store_err(st)->status, "%s", store_errmsg(st));
    free(fjson);
    free(detail);
    if (rc)
        goto fail;
    lptime_format_date(from, fa, sizeof fa);
    lptime_format_date(to - 1, ta, sizeof ta);
    /* (The action layer shows the warnings as IV.M.2 findings.) */
    for (size_t i = 0; own_entry && i < json_array_size(warn); i++)
        sb_printf(text, "warning: %s\n",
                  json_string_value(json_array_get(warn, i)));
    if (body.len)
        sb_add(text, body.buf, body.len);
    sb_free(&body);
    if (own_entry)
        sb_printf(text, "review of %s (%s to %s): %s; recorded as review "
                  "%lld (audit entry %lld)\n", qn, fa, ta, res,
                  (long long)rid, (long long)aid);
    else
        sb_printf(text, "review of %s (%s to %s): %s; recorded as review "
                  "%lld\n", qn, fa, ta, res, (long long)rid);
    *doc = json_pack("{s:s,s:s,s:s,s:I,s:I,s:o,s:o,s:I,s:I,s:s}", "quarter",
                     qn, "from", fa, "to", ta, "entries",
                     (json_int_t)R.entries, "lookups",
                     (json_int_t)R.lookups, "findings", R.findings,
                     "warnings", warn, "review_id", (json_int_t)rid,
                     "audit_id", (json_int_t)aid, "reviewer", who.id);
    json_object_set_new(*doc, "log", logj);
    if (R.pol)
        json_object_set_new(*doc, "profile", json_string(R.pol->label));
    policy_free(R.pol);
    return 0;
store_fail:
    *err = *store_err(st);
fail:
    sb_free(&body);
    json_decref(R.findings);
    json_decref(warn);
    json_decref(logj);
    policy_free(R.pol);
    return -(err->status ? err->status : LP_FAIL);
}

int audit_review_quarter(struct store *st, const char *user,
                         const char *quarter, int64_t now, json_t **doc,
                         struct sb *text, struct lp_err *err)
{
    return review_run(st, user, quarter, now, 1, 0, doc, text, err);
}

int audit_review_findings(struct store *st, const char *user,
                          const char *quarter, int64_t now, int64_t audit_id,
                          json_t **doc, struct sb *text, struct lp_err *err)
{
    return review_run(st, user, quarter, now, 0, audit_id, doc, text, err);
}
