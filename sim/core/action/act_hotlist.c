/*
 * act_hotlist.c - hotlist actions: "hotlist add" (IV.K.1 current case,
 * IV.K.2 no identifying information, IV.K.3 ledger, IV.E), "hotlist
 * remove", "hotlist list", "hotlist review" (IV.K.4 yearly review,
 * IV.K.1 closed cases), "hotlist ledger" and "hotlist hits".
 */
#include "core/action/action_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/policy/rules.h"
#include "core/store/store_cases.h"
#include "core/store/store_effects.h"
#include "util/lptime.h"

#define HOTLIST_NAME "main"

static json_t *entry_json(const struct lp_hotlist_entry *e)
{
    char ab[24];
    lptime_format(e->added_at, ab, sizeof ab);
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s}", "entry_id",
                          (json_int_t)e->id, "plate", e->plate, "case",
                          e->case_number, "added_by", e->added_by,
                          "added_at", ab);
    json_object_set_new(o, "tracking", e->tracking
                        ? json_string(e->tracking) : json_null());
    json_object_set_new(o, "state", e->state ? json_string(e->state)
                                             : json_null());
    json_object_set_new(o, "note", e->note ? json_string(e->note)
                                           : json_null());
    if (e->reviewed_at) {
        lptime_format(e->reviewed_at, ab, sizeof ab);
        json_object_set_new(o, "reviewed_at", json_string(ab));
    }
    return o;
}

struct find_entry {
    const char *case_number;    /* NULL: any case */
    int64_t id;                 /* the first match */
    char other_case[48];        /* another case the plate is listed for */
    int64_t other_id;
};

static int find_one(void *arg, const struct lp_hotlist_entry *e)
{
    struct find_entry *f = arg;
    if (!f->case_number || strcmp(e->case_number, f->case_number) == 0) {
        f->id = e->id;
        return 1;
    }
    if (!f->other_id) {
        f->other_id = e->id;
        snprintf(f->other_case, sizeof f->other_case, "%s", e->case_number);
    }
    return 0;
}

/* The active entry for plate (and case_number unless NULL) into f (id 0:
 * none); 0 or negative on error. */
static int find_entry(struct act_call *c, const char *plate,
                      const char *case_number, struct find_entry *f)
{
    struct lp_hotlist h;
    memset(f, 0, sizeof *f);
    f->case_number = case_number;
    int rc = store_hotlist_get(c->st, HOTLIST_NAME, 0, 0, &h);
    if (rc < 0)
        return act_store_fail(c);
    if (rc == 0)
        return 0;
    if (store_hotlist_entries_each(c->st, h.id, 1, plate, find_one, f) < 0)
        return act_store_fail(c);
    return 0;
}

/* The id of the active entry for plate (0: none), negative on error. */
static int64_t active_entry(struct act_call *c, const char *plate,
                            struct lp_hotlist *h)
{
    struct find_entry f;
    (void)h;
    int rc = find_entry(c, plate, NULL, &f);
    return rc < 0 ? rc : f.id;
}

static int check_state_opt(struct act_call *c)
{
    const char *s = opts_get(&c->o, "state");
    if (s && (strlen(s) != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' ||
              s[1] > 'Z'))
        return act_usage(c, "--state must be two capital letters (e.g. KS), "
                         "not '%.20s'", s);
    return 0;
}

/* ---- hotlist add ---- */

static const struct opt_spec add_opts[] = {
    {"plate", OPT_ARG, "P", "the full plate"},
    {"state", OPT_ARG, "S", "state of registration (two letters)"},
    {"case", OPT_ARG, "N", "the open case the plate belongs to"},
    {"tracking", OPT_ARG, "T", "the agency tracking number, if there is "
                               "one"},
    {"note", OPT_ARG, "TEXT", "a note, only where the profile allows one "
                              "(screened; not under ice-2017)"},
    {NULL, 0, NULL, NULL},
};

static int add_check(struct act_call *c)
{
    if (check_state_opt(c))
        return -LP_USAGE;
    if (policy_check_plate(c->pol, opts_get(&c->o, "plate"), RULE_IV_B,
                           c->plate, sizeof c->plate, &c->v) == 2)
        pol_add(&c->v, POL_DENY, RULE_IV_B, "a hotlist holds full plates, not "
                "patterns");
    struct lp_case cs;
    int rc = act_need_case(c, opts_get(&c->o, "case"), RULE_IV_K_1, &cs);
    if (rc < 0)
        return rc;
    store_case_clear(&cs);
    const char *tr = opts_get(&c->o, "tracking");
    int digit = 0;
    for (const char *d = tr; d && *d; d++)
        digit |= *d >= '0' && *d <= '9';
    if (tr && (regexec(&c->pol->tracking_re.re, tr, 0, NULL, 0) != 0 ||
               !digit))
        pol_add(&c->v, POL_DENY, RULE_IV_K_2, "'%.40s' is not an agency "
                "tracking number (3 to 32 letters, digits, - / _ . with at "
                "least one digit): a hotlist holds only plates and "
                "tracking numbers", tr);
    else if (tr)
        policy_check_identifying(c->pol, tr, "the tracking number", &c->v);
    const char *note = opts_get(&c->o, "note");
    if (note && strlen(note) > 200)
        pol_add(&c->v, POL_DENY, RULE_IV_K_2, "the note is %zu characters: a "
                "hotlist holds only plates and tracking numbers",
                strlen(note));
    else
        policy_check_note(c->pol, note, &c->v);
    struct lp_hotlist h;
    rc = store_hotlist_get(c->st, HOTLIST_NAME, 0, 0, &h);
    if (rc < 0)
        return act_store_fail(c);
    if (rc == 1) {
        int64_t since = h.last_review_at ? h.last_review_at : h.created_at;
        int64_t due = policy_hotlist_review_due(c->pol, since);
        if (lptime_day_start(c->ctx->now) > lptime_day_start(due)) {
            char b[24], d[24], every[48];
            lptime_format_date(since, b, sizeof b);
            lptime_format_date(due, d, sizeof d);
            pol_add(&c->v, POL_DENY, RULE_IV_K_4, "the hotlist was last "
                    "reviewed on %s and is reviewed %s (due %s): run "
                    "'hotlist review' before adding to it", b,
                    policy_hotlist_review_text(c->pol, every, sizeof every),
                    d);
        }
    }
    return 0;
}

static int add_effect(struct act_call *c)
{
    struct lp_hotlist h;
    struct find_entry f;
    int rc = c->plate[0] ? find_entry(c, c->plate, c->case_number, &f) : 0;
    if (rc < 0)
        return rc;
    if (c->plate[0] && f.id > 0) {
        pol_add(&c->v, POL_WARN, RULE_IV_K_3, "%s is already on the hotlist "
                "for case %s (entry %lld): nothing added", c->plate,
                c->case_number, (long long)f.id);
        sb_puts(&c->audit_results, "already listed");
        return 0;
    }
    if (store_hotlist_get(c->st, HOTLIST_NAME, 1, c->ctx->now, &h) < 0)
        return act_store_fail(c);
    struct lp_hotlist_entry e = {
        .hotlist_id = h.id, .plate = c->plate,
        .state = opts_get(&c->o, "state"), .case_number = c->case_number,
        .tracking = opts_get(&c->o, "tracking"),
        .note = opts_get(&c->o, "note"), .added_by = c->who.id,
        .added_at = c->ctx->now,
    };
    int64_t keep = lptime_add_years(h.created_at, c->pol->ledger_keep_years);
    char second[200] = "";
    if (f.other_id)
        snprintf(second, sizeof second, "second case: %s is also listed "
                 "for case %s (entry %lld)", c->plate, f.other_case,
                 (long long)f.other_id);
    struct lp_ledger l = {
        .hotlist_id = h.id, .event = "add", .plate = c->plate,
        .state = e.state, .case_number = e.case_number,
        .tracking = e.tracking, .by_user = c->who.id, .at = c->ctx->now,
        .keep_until = keep, .detail = second[0] ? second : NULL,
    };
    if (store_hotlist_entry_add(c->st, &e, &e.id) || store_ledger_add(c->st,
                                                                      &l))
        return act_store_fail(c);
    char kb[24];
    lptime_format_date(keep, kb, sizeof kb);
    json_t *o = entry_json(&e);
    json_object_set_new(o, "ledger_keep_until", json_string(kb));
    if (f.other_id)
        json_object_set_new(o, "also_listed_for", json_string(f.other_case));
    json_array_append_new(c->results, o);
    sb_printf(&c->text, "hotlisted %s (case %s, tracking %s) as entry %lld\n",
              c->plate, e.case_number, e.tracking ? e.tracking : "none",
              (long long)e.id);
    pol_add(&c->v, POL_ALLOW, RULE_IV_K_3, "the addition is documented in the "
            "hotlist ledger (plate, case%s), kept until %s (%d years after "
            "the list's creation)%s%s", e.tracking ? ", tracking number" : "",
            kb, c->pol->ledger_keep_years, second[0] ? "; " : "", second);
    pol_add(&c->v, POL_ALLOW, RULE_IV_K_1, "%s belongs to case %s, an open "
            "investigation", c->plate, e.case_number);
    pol_add(&c->v, POL_ALLOW, RULE_IV_K_2, "the entry holds only the plate%s",
            e.tracking ? " and an agency tracking number" : ", its state "
            "and the case");
    sb_printf(&c->audit_results, "hotlist entry %lld%s", (long long)e.id,
              f.other_id ? " (second case)" : "");
    return 0;
}

const struct action_def act_hotlist_add = {
    .name = "hotlist",
    .sub = "add",
    .summary = "add a plate to the hotlist",
    .opts = add_opts,
    .check = add_check,
    .effect = add_effect,
    .details =
        "A hotlisted plate belongs to an open case (IV.K.1).  The entry holds "
        "only the plate\nand agency tracking numbers: no names, addresses, "
        "phone numbers, dates of birth,\nA-numbers ... (IV.K.2).  Every "
        "addition goes to the ledger (IV.K.3).",
    .group = ACT_GROUP_HOTLISTS,
};

/* ---- hotlist remove ---- */

static const struct opt_spec remove_opts[] = {
    {"plate", OPT_ARG, "P", "the plate to remove"},
    {"reason", OPT_ARG, "TEXT", "why it is no longer needed"},
    {NULL, 0, NULL, NULL},
};

static int remove_check(struct act_call *c)
{
    if (policy_check_plate(c->pol, opts_get(&c->o, "plate"), RULE_IV_B,
                           c->plate, sizeof c->plate, &c->v) != 1)
        return 0;
    struct lp_hotlist h;
    int64_t id = active_entry(c, c->plate, &h);
    if (id < 0)
        return (int)id;
    if (id == 0)
        return act_usage(c, "%s is not on the hotlist (see 'hotlist list')",
                         c->plate);
    int64_t *st = xmalloc(sizeof *st);
    *st = id;
    c->state = st;
    c->reason = opts_get(&c->o, "reason");
    policy_check_reason(c->pol, c->reason, NULL, &c->v);
    return 0;
}

static int keep_entry(void *arg, const struct lp_hotlist_entry *e)
{
    struct act_call *c = arg;
    const int64_t *id = c->state;
    if (e->id != *id)
        return 0;
    struct lp_hotlist h;
    if (store_hotlist_get(c->st, HOTLIST_NAME, 0, 0, &h) < 0)
        return act_store_fail(c);
    struct lp_ledger l = {
        .hotlist_id = e->hotlist_id, .event = "remove", .plate = e->plate,
        .state = e->state, .case_number = e->case_number,
        .tracking = e->tracking, .by_user = c->who.id, .at = c->ctx->now,
        .keep_until = lptime_add_years(h.created_at,
                                       c->pol->ledger_keep_years),
        .detail = c->reason,
    };
    if (store_ledger_add(c->st, &l))
        return act_store_fail(c);
    json_array_append_new(c->results, entry_json(e));
    return 1;
}

static int remove_effect(struct act_call *c)
{
    const int64_t *id = c->state;
    struct lp_hotlist h;
    if (store_hotlist_get(c->st, HOTLIST_NAME, 0, 0, &h) < 0)
        return act_store_fail(c);
    int rc = store_hotlist_entries_each(c->st, h.id, 1, c->plate, keep_entry,
                                        c);
    if (rc < 0)
        return rc;
    if (store_hotlist_entry_remove(c->st, *id, c->who.id, c->ctx->now,
                                   c->reason))
        return act_store_fail(c);
    sb_printf(&c->text, "removed %s from the hotlist (entry %lld)\n",
              c->plate, (long long)*id);
    pol_add(&c->v, POL_ALLOW, RULE_IV_K_4, "plates no longer needed are "
            "removed: %s is off the hotlist; the ledger keeps the record",
            c->plate);
    sb_printf(&c->audit_results, "hotlist entry %lld removed", (long long)*id);
    return 0;
}

const struct action_def act_hotlist_remove = {
    .name = "hotlist",
    .sub = "remove",
    .summary = "remove a plate from the hotlist",
    .opts = remove_opts,
    .check = remove_check,
    .effect = remove_effect,
    .details =
        "Plates no longer needed are removed at once (IV.K.4); the ledger "
        "keeps the record.",
    .group = ACT_GROUP_HOTLISTS,
};

/* ---- hotlist list / review / ledger / hits ---- */

static const struct opt_spec no_opts[] = {{NULL, 0, NULL, NULL}};

static int no_check(struct act_call *c)
{
    (void)c;
    return 0;
}

static int list_one(void *arg, const struct lp_hotlist_entry *e)
{
    struct act_call *c = arg;
    char ab[24];
    lptime_format_date(e->added_at, ab, sizeof ab);
    json_array_append_new(c->results, entry_json(e));
    sb_printf(&c->text, "%-6lld %-8s %-2s %-16s %-16s %s\n", (long long)e->id,
              e->plate, e->state ? e->state : "-", e->case_number,
              e->tracking ? e->tracking : "-", ab);
    return 0;
}

static int list_effect(struct act_call *c)
{
    struct lp_hotlist h;
    int rc = store_hotlist_get(c->st, HOTLIST_NAME, 0, 0, &h);
    if (rc < 0)
        return act_store_fail(c);
    sb_printf(&c->text, "%-6s %-8s %-2s %-16s %-16s %s\n", "ENTRY", "PLATE",
              "ST", "CASE", "TRACKING", "ADDED");
    if (rc == 1 && store_hotlist_entries_each(c->st, h.id, 1, NULL, list_one,
                                              c) < 0)
        return act_store_fail(c);
    size_t n = json_array_size(c->results);
    sb_printf(&c->audit_results, "%zu entr%s", n, n == 1 ? "y" : "ies");
    pol_add(&c->v, POL_ALLOW, RULE_IV_K_2, "%zu plate%s on the hotlist, with "
            "case and tracking numbers only", n, n == 1 ? "" : "s");
    return 0;
}

const struct action_def act_hotlist_list = {
    .name = "hotlist",
    .sub = "list",
    .summary = "list the plates on the hotlist",
    .opts = no_opts,
    .check = no_check,
    .effect = list_effect,
    .group = ACT_GROUP_HOTLISTS,
};

struct rv {
    struct act_call *c;
    int closed, overdue, ok;
};

static int review_one(void *arg, const struct lp_hotlist_entry *e)
{
    struct rv *r = arg;
    struct act_call *c = r->c;
    int64_t since = e->reviewed_at ? e->reviewed_at : e->added_at;
    char b[24];
    json_t *o = entry_json(e);
    json_t *found = json_array();
    if (!e->case_status || strcmp(e->case_status, "open") != 0) {
        lptime_format_date(e->case_closed_at, b, sizeof b);
        if (e->case_status)
            sb_printf(&c->text, RULE_IV_K_1 "  %-8s stale: case %s was "
                      "closed on %s, the plate raises no alert: remove it\n",
                      e->plate, e->case_number, b);
        else
            sb_printf(&c->text, RULE_IV_K_1 "  %-8s stale: case %s is not "
                      "in the registry: remove the plate\n", e->plate,
                      e->case_number);
        json_array_append_new(found, json_string(RULE_IV_K_1));
        json_object_set_new(o, "stale", json_true());
        r->closed++;
    }
    int64_t due = policy_hotlist_review_due(c->pol, since);
    if (lptime_day_start(c->ctx->now) > lptime_day_start(due)) {
        char d[24];
        lptime_format_date(since, b, sizeof b);
        lptime_format_date(due, d, sizeof d);
        sb_printf(&c->text, RULE_IV_K_4 "  %-8s last reviewed %s, review was "
                  "due %s: confirm it is still needed\n", e->plate, b, d);
        json_array_append_new(found, json_string(RULE_IV_K_4));
        r->overdue++;
    }
    if (json_array_size(found) == 0) {
        sb_printf(&c->text, "ok      %-8s case %s open\n", e->plate,
                  e->case_number);
        r->ok++;
    }
    json_object_set_new(o, "findings", found);
    json_array_append_new(c->results, o);
    struct lp_ledger l = {
        .hotlist_id = e->hotlist_id, .event = "review", .plate = e->plate,
        .state = e->state, .case_number = e->case_number,
        .tracking = e->tracking, .by_user = c->who.id, .at = c->ctx->now,
        .keep_until = 0,
    };
    struct lp_hotlist h;
    if (store_hotlist_get(c->st, HOTLIST_NAME, 0, 0, &h) < 0)
        return act_store_fail(c);
    l.keep_until = lptime_add_years(h.created_at, c->pol->ledger_keep_years);
    if (store_ledger_add(c->st, &l))
        return act_store_fail(c);
    return 0;
}

static int review_effect(struct act_call *c)
{
    struct lp_hotlist h;
    struct rv r = {c, 0, 0, 0};
    int rc = store_hotlist_get(c->st, HOTLIST_NAME, 0, 0, &h);
    if (rc < 0)
        return act_store_fail(c);
    if (rc == 1) {
        if (store_hotlist_entries_each(c->st, h.id, 1, NULL, review_one, &r)
            < 0)
            return c->err->status ? -c->err->status : act_store_fail(c);
        if (store_hotlist_reviewed(c->st, h.id, c->ctx->now))
            return act_store_fail(c);
        /* Entries confirmed as still needed count as reviewed now. */
        size_t i;
        json_t *o;
        json_array_foreach(c->results, i, o) {
            if (json_array_size(json_object_get(o, "findings")) == 0 &&
                store_hotlist_entry_reviewed(
                    c->st, json_integer_value(json_object_get(o, "entry_id")),
                    c->ctx->now))
                return act_store_fail(c);
        }
    }
    int64_t expired = 0;
    if (store_ledger_expired(c->st, c->ctx->now, &expired))
        return act_store_fail(c);
    if (expired) {
        sb_printf(&c->text, RULE_IV_K_3 "  %lld ledger row%s past %s keep-until "
                  "date: run 'hotlist purge'\n", (long long)expired,
                  expired == 1 ? "" : "s", expired == 1 ? "its" : "their");
        pol_add(&c->v, POL_WARN, RULE_IV_K_3, "%lld ledger row%s kept %d years "
                "after the list's creation %s expired: purge %s ('hotlist "
                "purge')", (long long)expired, expired == 1 ? "" : "s",
                c->pol->ledger_keep_years, expired == 1 ? "has" : "have",
                expired == 1 ? "it" : "them");
        json_object_set_new(c->extra, "ledger_expired",
                            json_integer(expired));
    }
    if (r.closed)
        pol_add(&c->v, POL_WARN, RULE_IV_K_1, "%d hotlisted plate%s belong%s to "
                "no current investigation: remove %s", r.closed,
                r.closed == 1 ? "" : "s", r.closed == 1 ? "s" : "",
                r.closed == 1 ? "it" : "them");
    char every[48];
    policy_hotlist_review_text(c->pol, every, sizeof every);
    if (r.overdue)
        pol_add(&c->v, POL_WARN, RULE_IV_K_4, "%d entr%s past the review "
                "(due %s): confirm or remove", r.overdue,
                r.overdue == 1 ? "y was" : "ies were", every);
    if (!r.closed && !r.overdue)
        pol_add(&c->v, POL_ALLOW, RULE_IV_K_4, "hotlist reviewed: %d entr%s, "
                "all for open cases and within the review (due %s)", r.ok,
                r.ok == 1 ? "y" : "ies", every);
    sb_printf(&c->audit_results, "reviewed %zu entries: %d closed-case, %d "
              "overdue", json_array_size(c->results), r.closed, r.overdue);
    return 0;
}

const struct action_def act_hotlist_review = {
    .name = "hotlist",
    .sub = "review",
    .summary = "the yearly hotlist review",
    .opts = no_opts,
    .check = no_check,
    .effect = review_effect,
    .details =
        "Lists stale entries whose case is closed (IV.K.1: they raise no "
        "alert),\nentries past the yearly review, due on the calendar "
        "anniversary (IV.K.4),\nand ledger rows past their keep-until date "
        "(IV.K.3); each line names its\nrule.  Marks the review done.",
    .group = ACT_GROUP_HOTLISTS,
};

static int ledger_one(void *arg, const struct lp_ledger *l)
{
    struct act_call *c = arg;
    char ab[24], kb[24];
    lptime_format(l->at, ab, sizeof ab);
    lptime_format_date(l->keep_until, kb, sizeof kb);
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id",
                          (json_int_t)l->id, "event", l->event, "plate",
                          l->plate, "by", l->by_user, "at", ab, "keep_until",
                          kb);
    json_object_set_new(o, "case", l->case_number
                        ? json_string(l->case_number) : json_null());
    json_object_set_new(o, "tracking", l->tracking ? json_string(l->tracking)
                                                   : json_null());
    json_array_append_new(c->results, o);
    sb_printf(&c->text, "%-5lld %-20s %-6s %-8s %-16s %-16s %s\n",
              (long long)l->id, ab, l->event, l->plate,
              l->case_number ? l->case_number : "-",
              l->tracking ? l->tracking : "-", kb);
    return 0;
}

static int ledger_effect(struct act_call *c)
{
    sb_printf(&c->text, "%-5s %-20s %-6s %-8s %-16s %-16s %s\n", "ID", "AT",
              "EVENT", "PLATE", "CASE", "TRACKING", "KEEP UNTIL");
    if (store_ledger_each(c->st, ledger_one, c) < 0)
        return act_store_fail(c);
    size_t n = json_array_size(c->results);
    sb_printf(&c->audit_results, "%zu ledger rows", n);
    pol_add(&c->v, POL_ALLOW, RULE_IV_K_3, "%zu ledger row%s: every addition "
            "is kept %d years after the list's creation", n,
            n == 1 ? "" : "s", c->pol->ledger_keep_years);
    return 0;
}

const struct action_def act_hotlist_ledger = {
    .name = "hotlist",
    .sub = "ledger",
    .summary = "the ledger of hotlist additions (IV.K.3)",
    .opts = no_opts,
    .check = no_check,
    .effect = ledger_effect,
    .group = ACT_GROUP_HOTLISTS,
};

static const struct opt_spec hits_opts[] = {
    {"all", OPT_FLAG, NULL, "show hits already seen too"},
    {NULL, 0, NULL, NULL},
};

static int hit_one(void *arg, const struct lp_hit *h)
{
    struct act_call *c = arg;
    char ob[24];
    lptime_format(h->observed_at, ob, sizeof ob);
    json_array_append_new(c->results, json_pack(
        "{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:b}", "hit_id", (json_int_t)h->id,
        "read_id", (json_int_t)h->read_id, "plate", h->plate, "case",
        h->case_number, "tracking", h->tracking, "camera_id", h->camera_id,
        "observed_at", ob, "seen", h->seen));
    sb_printf(&c->text, "%-6lld %-8s %-20s %-7s read %-8lld case %s%s\n",
              (long long)h->id, h->plate, ob, h->camera_id,
              (long long)h->read_id, h->case_number, h->seen ? "" : "  new");
    return 0;
}

static int hits_effect(struct act_call *c)
{
    int64_t added = 0;
    if (act_scan_hits(c, &added))
        return -c->err->status;
    if (store_hits_each(c->st, !opts_has(&c->o, "all"), NULL, hit_one, c) < 0
        || store_hits_mark_seen(c->st))
        return act_store_fail(c);
    size_t n = json_array_size(c->results);
    if (n == 0)
        sb_puts(&c->text, "no new hotlist hits\n");
    sb_printf(&c->audit_results, "%zu hits", n);
    pol_add(&c->v, POL_ALLOW, RULE_IV_A_2, "%zu hotlist hit%s: a hit is an LPR "
            "read, to verify and corroborate before any action", n,
            n == 1 ? "" : "s");
    return 0;
}

const struct action_def act_hotlist_hits = {
    .name = "hotlist",
    .sub = "hits",
    .summary = "new reads of hotlisted plates",
    .opts = hits_opts,
    .check = no_check,
    .effect = hits_effect,
    .group = ACT_GROUP_HOTLISTS,
};

/* ---- hotlist purge ---- */

static int purge_effect(struct act_call *c)
{
    int64_t n = 0;
    if (store_ledger_purge(c->st, c->ctx->now, &n))
        return act_store_fail(c);
    pol_add(&c->v, POL_ALLOW, RULE_IV_K_3, "%lld ledger row%s past the %d "
            "years after the list's creation purged", (long long)n,
            n == 1 ? "" : "s", c->pol->ledger_keep_years);
    sb_printf(&c->text, "%lld ledger row%s purged\n", (long long)n,
              n == 1 ? "" : "s");
    sb_printf(&c->audit_results, "%lld ledger rows purged", (long long)n);
    json_object_set_new(c->extra, "purged", json_integer(n));
    return 0;
}

const struct action_def act_hotlist_purge = {
    .name = "hotlist",
    .sub = "purge",
    .summary = "purge ledger rows past their keep-until date (IV.K.3)",
    .opts = no_opts,
    .check = no_check,
    .effect = purge_effect,
    .details =
        RULE_IV_K_3 ": the ledger of additions is kept five years after the "
        "list's creation\n(the profile's number), then purged; 'hotlist "
        "review' says when rows are due.",
    .group = ACT_GROUP_HOTLISTS,
};
