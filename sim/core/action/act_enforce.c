/*
 * act_enforce.c - acting on reads: "enforce" (IV.A.2 verified reads, IV.A.3
 * non-LPR corroboration, IV.D sensitive locations), "upload" to a case
 * file (IV.F, IV.G), "device wipe" of an agency camera (IV.F) and "share"
 * (IV.C: never to commercial databases).
 */
#include "core/action/action_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/policy/rules.h"
#include "core/store/store_cases.h"
#include "core/store/store_reads.h"
#include "core/store/store_world.h"
#include "util/lptime.h"

#define MAX_READS 40

/* The reads named by --read options, as result objects. */
struct reads_state {
    size_t n;
    json_t *reads[MAX_READS];
    char plates[MAX_READS][40];
    char owner[MAX_READS][16];
    char camera[MAX_READS][40];
    int on_device[MAX_READS];
    struct act_places *sens;
};

/* Frees a reads_state (or an up_state, which starts with one). */
static void reads_state_free(void *p)
{
    struct reads_state *rs = p;
    if (!rs)
        return;
    for (size_t i = 0; i < rs->n; i++)
        json_decref(rs->reads[i]);
    act_places_free(rs->sens);
    free(rs);
}

struct fetch {
    struct act_call *c;
    struct reads_state *rs;
};

static int fetch_one(void *arg, const struct lp_read_info *ri)
{
    struct fetch *f = arg;
    struct reads_state *rs = f->rs;
    size_t i = rs->n++;
    rs->reads[i] = act_read_json(f->c, ri, rs->sens, NULL);
    snprintf(rs->plates[i], sizeof rs->plates[i], "%s", ri->r.plate);
    snprintf(rs->owner[i], sizeof rs->owner[i], "%s",
             ri->cam_owner ? ri->cam_owner : "unknown");
    snprintf(rs->camera[i], sizeof rs->camera[i], "%s", ri->r.camera_id);
    rs->on_device[i] = ri->on_device && !ri->evidence_hold;
    return 0;
}

/* Parses every --read ID and loads the reads; usage error for bad or
 * unknown ids.  required: at least one. */
static int load_reads(struct act_call *c, struct reads_state *rs,
                      int required)
{
    size_t n = opts_count(&c->o, "read");
    if (required && n == 0)
        return act_usage(c, "--read ID is required");
    if (n > MAX_READS)
        return act_usage(c, "at most %d reads at a time", MAX_READS);
    rs->sens = act_places_load(c, 1);
    if (!rs->sens)
        return -c->err->status;
    for (size_t i = 0; i < n; i++) {
        const char *s = opts_nth(&c->o, "read", i);
        int64_t id;
        if (lp_parse_i64(s, 1, INT64_MAX, &id))
            return act_usage(c, "--read must be a read id (a number), not "
                             "'%.40s'", s);
        struct fetch f = {c, rs};
        int rc = store_read_get(c->st, id, fetch_one, &f);
        if (rc < 0)
            return act_store_fail(c);
        if (rc == 0)
            return act_usage(c, "no read %lld in the database", (long long)id);
    }
    return 0;
}

static int flag_is(json_t *o, const char *flag)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(o, "flags"), i, f) {
        if (strcmp(json_string_value(f), flag) == 0)
            return 1;
    }
    return 0;
}

static void audit_read_ids(struct act_call *c, struct reads_state *rs,
                           const char *what)
{
    sb_printf(&c->audit_results, "%s", what);
    for (size_t i = 0; i < rs->n; i++)
        sb_printf(&c->audit_results, "%s%lld", i ? "," : " ",
                  (long long)json_integer_value(json_object_get(rs->reads[i],
                                                                "read_id")));
}

/* ---- enforce ---- */

static const struct opt_spec enforce_opts[] = {
    {"read", OPT_ARG, "ID", "the read the decision rests on"},
    {"case", OPT_ARG, "N", "the open case"},
    {"corroboration", OPT_MULTI, "TEXT", "non-LPR information supporting "
                                         "it (repeatable)"},
    {"approval", OPT_ARG, "CODE", "supervisory approval (sensitive "
                                  "locations)"},
    {NULL, 0, NULL, NULL},
};

static int enforce_check(struct act_call *c)
{
    struct reads_state *rs = xcalloc(1, sizeof *rs);
    c->state = rs;
    c->state_free = reads_state_free;
    int rc = load_reads(c, rs, 1);
    if (rc)
        return rc;
    json_t *r = rs->reads[0];
    long long id = (long long)json_integer_value(json_object_get(r,
                                                                 "read_id"));
    snprintf(c->plate, sizeof c->plate, "%s", rs->plates[0]);
    struct lp_case cs;
    rc = act_need_case(c, opts_get(&c->o, "case"), NULL, &cs);
    if (rc < 0)
        return rc;
    store_case_clear(&cs);
    size_t n = opts_count(&c->o, "corroboration");
    int verified = 0, non_lpr = 0;
    for (size_t i = 0; i < n; i++) {
        const char *t = opts_nth(&c->o, "corroboration", i);
        if (strlen(t) > 500) {
            pol_add(&c->v, POL_DENY, RULE_IV_A_3, "a corroboration of %zu "
                    "characters: describe it in one sentence", strlen(t));
            continue;
        }
        policy_check_protected(c->pol, t, "the corroboration", &c->v);
        if (policy_words_match(&c->pol->verification_words, t, NULL, 0))
            verified = 1;
        struct pol_verdict tmp;
        pol_verdict_init(&tmp);
        policy_check_reason(c->pol, t, &tmp);
        int vague = tmp.level == POL_DENY;
        pol_verdict_free(&tmp);
        if (!vague && !policy_words_match(&c->pol->lpr_words, t, NULL, 0))
            non_lpr++;
    }
    int flagged = flag_is(r, "low-confidence") ||
                  flag_is(r, "possible-misread") || flag_is(r, "old") ||
                  flag_is(r, "wrong-state-risk");
    if (flagged && !verified) {
        char what[80];
        static const char *const fl[][2] = {
            {"low-confidence", "low confidence"},
            {"possible-misread", "possible misread"},
            {"old", "old read"},
            {"wrong-state-risk", "wrong-state risk"},
        };
        size_t k = 0;
        what[0] = '\0';
        for (size_t i = 0; i < 4; i++)
            if (flag_is(r, fl[i][0]))
                k += (size_t)snprintf(what + k, k < sizeof what ?
                                      sizeof what - k : 0, "%s%s",
                                      k ? ", " : "", fl[i][1]);
        pol_add(&c->v, POL_DENY, RULE_IV_A_2, "read %lld is flagged (%s): "
                "verify it (image, registration, visual check) before "
                "acting, and say so in a --corroboration", id, what);
    }
    else if (flagged)
        pol_add(&c->v, POL_ALLOW, RULE_IV_A_2, "read %lld is flagged but was "
                "verified", id);
    if (non_lpr == 0)
        pol_add(&c->v, POL_DENY, RULE_IV_A_3, "no enforcement on LPR data "
                "alone: add at least one non-LPR corroboration "
                "(--corroboration 'what other investigative information "
                "shows')");
    else
        pol_add(&c->v, POL_ALLOW, RULE_IV_A_3, "%d non-LPR corroboration%s "
                "support%s the LPR data", non_lpr, non_lpr == 1 ? "" : "s",
                non_lpr == 1 ? "s" : "");
    json_t *sp = json_object_get(r, "sensitive_place");
    if (sp) {
        const char *ap = opts_get(&c->o, "approval");
        const char *pname = json_string_value(json_object_get(sp, "name"));
        long long d = (long long)json_integer_value(json_object_get(
            sp, "distance_m"));
        if (c->pol->sensitive_approval &&
            (!ap || regexec(&c->pol->approval_re.re, ap, 0, NULL, 0) != 0))
            pol_add(&c->v, POL_DENY, RULE_IV_D, "read %lld is %lld m from %s, a "
                    "sensitive location: enforcement there needs "
                    "supervisory approval (--approval CODE, e.g. SUP-1234)",
                    id, d, pname);
        else
            pol_add(&c->v, POL_ALLOW, RULE_IV_D, "sensitive location %s: "
                    "supervisory approval %s recorded", pname,
                    ap ? ap : "(not required by this profile)");
    }
    return 0;
}

static int enforce_effect(struct act_call *c)
{
    struct reads_state *rs = c->state;
    json_array_append(c->results, rs->reads[0]);
    sb_printf(&c->text, "enforcement decision recorded on read %lld (%s), "
              "case %s\n",
              (long long)json_integer_value(json_object_get(rs->reads[0],
                                                            "read_id")),
              rs->plates[0], c->case_number);
    audit_read_ids(c, rs, "enforcement on read");
    return 0;
}

const struct action_def act_enforce = {
    .name = "enforce",
    .summary = "record an enforcement decision on a read",
    .opts = enforce_opts,
    .check = enforce_check,
    .effect = enforce_effect,
    .details =
        RULE_IV_A_2 ": a flagged read (low confidence, possible misread, old, "
        "wrong state)\nmust be verified first.\nIV.A.3: LPR data alone is "
        "never enough: give at least one non-LPR corroboration.\nIV.D: at a "
        "sensitive location, supervisory approval (--approval CODE) is needed.",
    .group = ACT_GROUP_CASES,
};

/* ---- upload ---- */

static const struct opt_spec upload_opts[] = {
    {"read", OPT_MULTI, "ID", "a read to add to the case file (repeatable)"},
    {"case", OPT_ARG, "N", "the open case"},
    {NULL, 0, NULL, NULL},
};

struct up_state {
    struct reads_state rs;
    int pertains[MAX_READS];
};

static int upload_check(struct act_call *c)
{
    struct up_state *u = xcalloc(1, sizeof *u);
    c->state = u;
    c->state_free = reads_state_free;
    int rc = load_reads(c, &u->rs, 1);
    if (rc)
        return rc;
    struct lp_case cs;
    rc = act_need_case(c, opts_get(&c->o, "case"), NULL, &cs);
    if (rc < 0)
        return rc;
    store_case_clear(&cs);
    if (rc == 0)
        return 0;
    int ok = 0;
    snprintf(c->plate, sizeof c->plate, "%s", u->rs.plates[0]);
    for (size_t i = 0; i < u->rs.n; i++) {
        int p = store_case_pertains(c->st, c->case_number, u->rs.plates[i]);
        if (p < 0)
            return act_store_fail(c);
        u->pertains[i] = p;
        ok += p;
    }
    for (size_t i = 0; i < u->rs.n; i++) {
        if (u->pertains[i])
            continue;
        int agency = strcmp(u->rs.owner[i], "agency") == 0;
        long long id = (long long)json_integer_value(
            json_object_get(u->rs.reads[i], "read_id"));
        pol_add(&c->v, ok ? POL_WARN : POL_DENY, agency ? RULE_IV_F : RULE_IV_G,
                "read %lld (%s) does not pertain to a target of case %s: %s",
                id, u->rs.plates[i], c->case_number,
                agency ? "agency camera data goes to a case system only when "
                         "it pertains to a target"
                       : "data not related to the investigation is not "
                         "retained");
    }
    return 0;
}

static int upload_effect(struct act_call *c)
{
    struct up_state *u = c->state;
    int added = 0, wipe = 0;
    const char *wipe_cam = NULL;
    for (size_t i = 0; i < u->rs.n; i++) {
        if (!u->pertains[i])
            continue;
        json_t *r = u->rs.reads[i];
        int rc = store_case_file_add(c->st, c->case_number,
                                     json_integer_value(json_object_get(
                                         r, "read_id")), c->who.id,
                                     c->ctx->now);
        if (rc < 0)
            return act_store_fail(c);
        added += rc;
        json_array_append(c->results, r);
        if (strcmp(u->rs.owner[i], "agency") == 0 && u->rs.on_device[i]) {
            wipe++;
            wipe_cam = u->rs.camera[i];
        }
    }
    size_t n = json_array_size(c->results);
    pol_add(&c->v, POL_ALLOW, RULE_IV_G, "%zu read%s in the case file of %s "
            "(%d new), not in an aggregate database", n, n == 1 ? "" : "s",
            c->case_number, added);
    if (wipe)
        pol_add(&c->v, POL_WARN, RULE_IV_F, "%d uploaded read%s still on the "
                "agency camera's device: delete the raw data now (device "
                "wipe --camera %s) unless held as evidence", wipe,
                wipe == 1 ? " is" : "s are", wipe_cam);
    sb_printf(&c->text, "%zu read%s uploaded to case %s\n", n,
              n == 1 ? "" : "s", c->case_number);
    sb_printf(&c->audit_results, "%zu reads uploaded:", n);
    size_t i;
    json_t *o;
    json_array_foreach(c->results, i, o) {
        sb_printf(&c->audit_results, "%s%lld", i ? "," : " ",
                  (long long)json_integer_value(json_object_get(o,
                                                                "read_id")));
    }
    return 0;
}

const struct action_def act_upload = {
    .name = "upload",
    .summary = "add reads to a case file",
    .opts = upload_opts,
    .check = upload_check,
    .effect = upload_effect,
    .details =
        RULE_IV_G ": only reads that pertain to the case's target go to its "
        "case file.\nIV.F: agency camera data is then deleted from the device "
        "(device wipe).\nA read pertains when its plate is the case's "
        "--target, on the hotlist for the case,\nor was queried under the "
        "case.",
    .group = ACT_GROUP_CASES,
};

/* ---- device wipe ---- */

static const struct opt_spec wipe_opts[] = {
    {"camera", OPT_ARG, "ID", "the agency camera"},
    {NULL, 0, NULL, NULL},
};

static int wipe_check(struct act_call *c)
{
    const char *cam = opts_get(&c->o, "camera");
    if (!cam)
        return act_usage(c, "--camera ID is required");
    struct lp_camera k;
    int rc = store_camera_get(c->st, cam, &k);
    if (rc < 0)
        return act_store_fail(c);
    if (rc == 0)
        return act_usage(c, "no camera '%.40s'", cam);
    if (strcmp(k.owner, "agency") != 0)
        pol_add(&c->v, POL_DENY, RULE_IV_F, "%s belongs to a %s (%s) owner: "
                "the agency wipes only its own camera devices", k.id,
                k.owner, k.source);
    return 0;
}

static int wipe_effect(struct act_call *c)
{
    const char *cam = opts_get(&c->o, "camera");
    int64_t n = 0;
    if (store_camera_wipe(c->st, cam, &n))
        return act_store_fail(c);
    pol_add(&c->v, POL_ALLOW, RULE_IV_F, "raw data of %lld read%s deleted from "
            "the device of %s (reads on evidence hold kept)", (long long)n,
            n == 1 ? "" : "s", cam);
    sb_printf(&c->text, "%s: %lld read%s wiped from the device\n", cam,
              (long long)n, n == 1 ? "" : "s");
    sb_printf(&c->audit_results, "%lld reads wiped from %s", (long long)n,
              cam);
    json_array_append_new(c->results, json_pack("{s:s,s:I}", "camera_id",
                          cam, "wiped", (json_int_t)n));
    return 0;
}

const struct action_def act_device_wipe = {
    .name = "device",
    .sub = "wipe",
    .summary = "delete raw data from an agency camera",
    .opts = wipe_opts,
    .check = wipe_check,
    .effect = wipe_effect,
    .details =
        RULE_IV_F ": after upload, raw data is deleted from the agency "
        "camera's device unless\nheld as evidence.",
    .group = ACT_GROUP_CASES,
};

/* ---- share ---- */

static const struct opt_spec share_opts[] = {
    {"to", OPT_ARG, "NAME", "the recipient"},
    {"read", OPT_MULTI, "ID", "a read to share (repeatable)"},
    {"case", OPT_ARG, "N", "the case it is shared for"},
    {NULL, 0, NULL, NULL},
};

static int share_check(struct act_call *c)
{
    struct reads_state *rs = xcalloc(1, sizeof *rs);
    c->state = rs;
    c->state_free = reads_state_free;
    const char *to = opts_get(&c->o, "to");
    if (!to || !*to)
        return act_usage(c, "--to NAME is required");
    if (strlen(to) > 100)
        return act_usage(c, "--to is longer than 100 characters");
    int rc = load_reads(c, rs, 0);
    if (rc)
        return rc;
    if (rs->n)
        snprintf(c->plate, sizeof c->plate, "%s", rs->plates[0]);
    c->case_number = opts_get(&c->o, "case");
    int kind = policy_recipient_kind(c->pol, to);
    const struct policy *p = c->pol;
    if (kind == 'c')
        pol_add(&c->v, p->share_commercial, RULE_IV_C, "'%s' is a commercial "
                "database or company: LPR data is never contributed to "
                "commercial databases", to);
    else if (kind == 'l')
        pol_add(&c->v, p->share_law_enforcement, RULE_IV_C,
                p->share_law_enforcement == POL_DENY
                    ? "profile %s bans sharing LPR data with any outside "
                      "agency, '%s' included"
                    : "profile %s allows sharing with a law-enforcement "
                      "agency ('%s'); the share is audited",
                p->name, to);
    else
        pol_add(&c->v, p->share_unknown, RULE_IV_C, "cannot tell whether '%s' "
                "is a law-enforcement agency: LPR data never goes to "
                "commercial databases; confirm the recipient", to);
    return 0;
}

static int share_effect(struct act_call *c)
{
    struct reads_state *rs = c->state;
    for (size_t i = 0; i < rs->n; i++)
        json_array_append(c->results, rs->reads[i]);
    sb_printf(&c->text, "%zu read%s shared with %s\n", rs->n,
              rs->n == 1 ? "" : "s", opts_get(&c->o, "to"));
    audit_read_ids(c, rs, "shared with recipient:");
    sb_printf(&c->audit_results, " to %s", opts_get(&c->o, "to"));
    return 0;
}

const struct action_def act_share = {
    .name = "share",
    .summary = "share reads with another party",
    .opts = share_opts,
    .check = share_check,
    .effect = share_effect,
    .details =
        RULE_IV_C ": no export or contribution of LPR data to a commercial "
        "database.",
    .group = ACT_GROUP_CASES,
};

