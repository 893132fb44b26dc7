/*
 * act_effects.c - actions for effects the guidance names that have no
 * query behind them: the partner registry ("partner add", "partner list",
 * IV.C), a case file's contents ("case file", IV.G) and referring misuse
 * for investigation ("refer", IV.M.2).
 */
#include "core/action/action_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit/audit.h"
#include "core/policy/rules.h"
#include "core/store/store_cases.h"
#include "core/store/store_effects.h"
#include "core/store/store_people.h"
#include "util/lptime.h"

static const struct opt_spec no_opts[] = {{NULL, 0, NULL, NULL}};

static int no_check(struct act_call *c)
{
    (void)c;
    return 0;
}

/* A usage error unless text is 1..max bytes of one-line UTF-8. */
static int one_line(struct act_call *c, const char *opt, size_t max)
{
    const char *v = opts_get(&c->o, opt);
    size_t n = v ? strlen(v) : 0;
    if (n == 0)
        return act_usage(c, "--%s is required", opt);
    if (n > max)
        return act_usage(c, "--%s is longer than %zu characters", opt, max);
    if (!lp_utf8_valid(v, n, NULL))
        return act_usage(c, "--%s is not UTF-8 text", opt);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20)
            return act_usage(c, "--%s holds a control character", opt);
    return 0;
}

/* ---- partner add / list ---- */

static const char *const partner_kinds[] = {
    "federal", "state", "local", "tribal", "task-force", "prosecutor",
    "commercial", NULL};

static const struct opt_spec partner_opts[] = {
    {"name", OPT_ARG, "NAME", "the agency's name, as shares will name it"},
    {"kind", OPT_ARG, "KIND", "federal, state, local, tribal, task-force, "
                              "prosecutor or commercial"},
    {"jurisdiction", OPT_ARG, "TEXT", "where it has authority"},
    {NULL, 0, NULL, NULL},
};

static int partner_add_check(struct act_call *c)
{
    const char *kind = opts_get(&c->o, "kind");
    if (one_line(c, "name", 100) || one_line(c, "jurisdiction", 100))
        return -LP_USAGE;
    int known = 0;
    for (const char *const *k = partner_kinds; *k && kind; k++)
        known |= strcmp(*k, kind) == 0;
    if (!known)
        return act_usage(c, "--kind must be one of federal, state, local, "
                         "tribal, task-force, prosecutor, commercial");
    const char *role = c->who.role ? c->who.role : "";
    if (strcmp(role, "instructor") != 0 && strcmp(role, "admin") != 0)
        pol_add(&c->v, POL_DENY, RULE_IV_C, "only an instructor keeps the "
                "partner registry (%s is a %s): a trainee cannot make a "
                "recipient lawful by registering it", c->who.id, role);
    char hit[48];
    if (strcmp(kind, "commercial") != 0 &&
        policy_commercial_name(c->pol, opts_get(&c->o, "name"), hit,
                               sizeof hit))
        pol_add(&c->v, POL_DENY, RULE_IV_C, "'%s' reads as a commercial "
                "company ('%s'): register it as kind commercial, never as an "
                "agency", opts_get(&c->o, "name"), hit);
    return 0;
}

static int partner_add_effect(struct act_call *c)
{
    struct lp_partner p = {
        .name = opts_get(&c->o, "name"), .kind = opts_get(&c->o, "kind"),
        .jurisdiction = opts_get(&c->o, "jurisdiction"),
        .added_by = c->who.id, .added_at = c->ctx->now,
    };
    if (store_partner_add(c->st, &p))
        return act_store_fail(c);
    int commercial = strcmp(p.kind, "commercial") == 0;
    pol_add(&c->v, POL_ALLOW, RULE_IV_C, "%s (%s, %s) is in the partner "
            "registry%s", p.name, p.kind, p.jurisdiction,
            commercial ? ": as a company, it never receives LPR data"
                       : ": it may receive LPR data for an open case");
    sb_printf(&c->text, "partner %s added (%s, %s)\n", p.name, p.kind,
              p.jurisdiction);
    sb_printf(&c->audit_results, "partner %s added (%s)", p.name, p.kind);
    json_array_append_new(c->results, json_pack(
        "{s:s,s:s,s:s}", "name", p.name, "kind", p.kind, "jurisdiction",
        p.jurisdiction));
    return 0;
}

const struct action_def act_partner_add = {
    .name = "partner",
    .sub = "add",
    .summary = "add an agency to the partner registry (instructors)",
    .opts = partner_opts,
    .check = partner_add_check,
    .effect = partner_add_effect,
    .details =
        RULE_IV_C ": LPR data is shared only with registered law-enforcement "
        "partners;\na company is registered as kind commercial and never "
        "receives any.",
    .group = ACT_GROUP_CASES,
};

static int partner_one(void *arg, const struct lp_partner *p)
{
    struct act_call *c = arg;
    json_array_append_new(c->results, json_pack(
        "{s:s,s:s,s:s,s:s}", "name", p->name, "kind", p->kind,
        "jurisdiction", p->jurisdiction, "added_by", p->added_by));
    sb_printf(&c->text, "%-36s %-11s %s\n", p->name, p->kind,
              p->jurisdiction);
    return 0;
}

static int partner_list_effect(struct act_call *c)
{
    sb_printf(&c->text, "%-36s %-11s %s\n", "PARTNER", "KIND",
              "JURISDICTION");
    if (store_partners_each(c->st, partner_one, c) < 0)
        return act_store_fail(c);
    size_t n = json_array_size(c->results);
    sb_printf(&c->audit_results, "%zu partner%s", n, n == 1 ? "" : "s");
    pol_add(&c->v, POL_ALLOW, RULE_IV_C, "%zu partner%s in the registry: "
            "anyone else is refused", n, n == 1 ? "" : "s");
    return 0;
}

const struct action_def act_partner_list = {
    .name = "partner",
    .sub = "list",
    .summary = "list the partner registry",
    .opts = no_opts,
    .check = no_check,
    .effect = partner_list_effect,
    .group = ACT_GROUP_CASES,
};

/* ---- case file ---- */

static int file_one(void *arg, const struct lp_read_info *ri,
                    const char *by, int64_t at)
{
    struct act_call *c = arg;
    char ab[24], ob[24];
    lptime_format(at, ab, sizeof ab);
    lptime_format(ri->r.observed_at, ob, sizeof ob);
    json_t *o = act_read_json(c, ri, NULL, NULL);
    json_object_set_new(o, "uploaded_by", json_string(by));
    json_object_set_new(o, "uploaded_at", json_string(ab));
    json_object_set_new(o, "evidence_hold", json_boolean(ri->evidence_hold));
    json_array_append_new(c->results, o);
    sb_printf(&c->text, "%-8lld %-20s %-8s %-2s %-7s %-12s %s %s\n",
              (long long)ri->r.id, ob, ri->r.plate, ri->r.state,
              ri->r.camera_id, by, ab, ri->evidence_hold ? "hold" : "");
    return 0;
}

static int file_check(struct act_call *c)
{
    const char *num = c->o.pos[0];
    struct lp_case cs;
    int rc = store_case_get(c->st, num, &cs);
    if (rc < 0)
        return act_store_fail(c);
    if (rc == 0)
        return act_usage(c, "no case '%.40s' in the registry", num);
    store_case_clear(&cs);
    c->case_number = num;
    return 0;
}

static int file_effect(struct act_call *c)
{
    sb_printf(&c->text, "%-8s %-20s %-8s %-2s %-7s %-12s %s\n", "READ",
              "OBSERVED", "PLATE", "ST", "CAMERA", "UPLOADED BY", "AT");
    if (store_case_file_each(c->st, c->case_number, file_one, c) < 0)
        return act_store_fail(c);
    size_t n = json_array_size(c->results);
    sb_printf(&c->audit_results, "%zu read%s in the case file", n,
              n == 1 ? "" : "s");
    pol_add(&c->v, POL_ALLOW, RULE_IV_G, "%zu read%s in the case file of %s: "
            "relevant data is kept there, not in an aggregate", n,
            n == 1 ? "" : "s", c->case_number);
    return 0;
}

const struct action_def act_case_file = {
    .name = "case",
    .sub = "file",
    .args = "N",
    .npos = 1,
    .summary = "list the reads in a case file",
    .opts = no_opts,
    .check = file_check,
    .effect = file_effect,
    .details =
        RULE_IV_G ": relevant LPR data is kept in the case file it pertains "
        "to; this lists it\n(read, plate, who uploaded it and when, evidence "
        "hold).",
    .group = ACT_GROUP_CASES,
};

/* ---- refer ---- */

static const struct opt_spec refer_opts[] = {
    {"person", OPT_ARG, "ID", "whose use of LPR data is referred"},
    {"entry", OPT_MULTI, "N", "an audit entry showing it (repeatable)"},
    {"reason", OPT_ARG, "TEXT", "what the review found"},
    {NULL, 0, NULL, NULL},
};

static int entry_exists(void *arg, int64_t id, const struct audit_entry *e)
{
    (void)arg;
    (void)id;
    (void)e;
    return 0;
}

struct refer_state {
    json_t *entries;
};

static void refer_state_free(void *p)
{
    struct refer_state *r = p;
    if (r)
        json_decref(r->entries);
    free(r);
}

static int refer_check(struct act_call *c)
{
    const char *who = opts_get(&c->o, "person");
    if (!who || !*who)
        return act_usage(c, "--person ID is required");
    if (one_line(c, "reason", 500))
        return -LP_USAGE;
    struct lp_person p;
    int rc = store_person_get(c->st, who, &p);
    if (rc < 0)
        return act_store_fail(c);
    if (rc == 0)
        return act_usage(c, "no person '%.40s' on the roster", who);
    struct refer_state *rs = xcalloc(1, sizeof *rs);
    rs->entries = json_array();
    c->state = rs;
    c->state_free = refer_state_free;
    size_t n = opts_count(&c->o, "entry");
    if (n > 100)
        return act_usage(c, "at most 100 --entry at a time");
    for (size_t i = 0; i < n; i++) {
        const char *s = opts_nth(&c->o, "entry", i);
        int64_t id;
        if (lp_parse_i64(s, 1, INT64_MAX, &id))
            return act_usage(c, "--entry must be an audit entry number, not "
                             "'%.40s'", s);
        rc = store_audit_row_get(c->st, id, entry_exists, NULL);
        if (rc < 0)
            return act_store_fail(c);
        if (rc == 0)
            return act_usage(c, "no audit entry %lld", (long long)id);
        json_array_append_new(rs->entries, json_integer(id));
    }
    c->reason = opts_get(&c->o, "reason");
    struct pol_text_class tc;
    policy_classify(c->pol, c->reason, &tc);
    if (tc.specific < c->pol->reason_min_specific)
        pol_add(&c->v, POL_DENY, RULE_IV_M_2, "'%.60s' says nothing specific: "
                "a referral names what was found (which look-ups, why they "
                "look wrong)", c->reason);
    return 0;
}

static int refer_effect(struct act_call *c)
{
    struct refer_state *rs = c->state;
    const char *who = opts_get(&c->o, "person");
    char *entries = json_dumps(rs->entries, JSON_COMPACT);
    int64_t id = 0;
    int rc = store_referral_add(c->st, who, c->who.id, c->ctx->now,
                                c->reason, entries, &id);
    if (rc) {
        free(entries);
        return act_store_fail(c);
    }
    pol_add(&c->v, POL_ALLOW, RULE_IV_M_2, "%s referred for investigation "
            "(referral %lld, %zu audit entr%s): non-compliance goes to the "
            "Office of Professional Responsibility", who, (long long)id,
            json_array_size(rs->entries),
            json_array_size(rs->entries) == 1 ? "y" : "ies");
    sb_printf(&c->text, "referral %lld: %s, entries %s\n", (long long)id, who,
              entries);
    sb_printf(&c->audit_results, "referral %lld of %s: entries %s",
              (long long)id, who, entries);
    json_array_append_new(c->results, json_pack(
        "{s:I,s:s,s:O}", "referral_id", (json_int_t)id, "person", who,
        "entries", rs->entries));
    free(entries);
    return 0;
}

const struct action_def act_refer = {
    .name = "refer",
    .summary = "refer misuse of LPR data for investigation",
    .opts = refer_opts,
    .check = refer_check,
    .effect = refer_effect,
    .details =
        RULE_IV_M_2 ": problems the audit review finds are reported; "
        "non-compliance, including\ninappropriate access and use, may be "
        "referred to the Office of Professional\nResponsibility.  The "
        "referral names the person, the audit entries and what\nthey show; "
        "it is itself audited.",
    .group = ACT_GROUP_AUDIT,
};
