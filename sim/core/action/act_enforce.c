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
#include "core/store/store_effects.h"
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

/* The profile's non-LPR corroboration kinds, comma-separated (borrowed
 * from the call's text buffer). */
static const char *kinds_list(struct act_call *c)
{
    static char buf[200];
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < c->pol->n_kinds; i++) {
        if (c->pol->kinds[i].lpr)
            continue;
        k += (size_t)snprintf(buf + k, k < sizeof buf ? sizeof buf - k : 0,
                              "%s%s", k ? ", " : "", c->pol->kinds[i].name);
        if (k >= sizeof buf)
            break;
    }
    return buf;
}

/* 1 when text describes LPR-derived information (the profile's
 * corroboration.lpr_words); the word found goes to hit. */
static int lpr_derived(const struct policy *p, const char *text, char *hit,
                       size_t n)
{
    struct det_text t;
    det_split(p->stemmer, text, &t);
    return det_mark(&p->lpr_words, &t, DET_HIT, 0, hit, n) != NULL;
}

static const struct opt_spec enforce_opts[] = {
    {"read", OPT_ARG, "ID", "the read the decision rests on"},
    {"case", OPT_ARG, "N", "the open case"},
    {"corroboration", OPT_MULTI, "KIND:TEXT", "non-LPR information "
                                              "supporting it: visual, records, "
                                              "witness or investigative, then "
                                              "what it shows (repeatable)"},
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
    json_t *kinds = json_array();
    json_object_set_new(c->extra, "corroboration", kinds);
    for (size_t i = 0; i < n; i++) {
        const char *arg = opts_nth(&c->o, "corroboration", i);
        const char *colon = strchr(arg, ':');
        char kname[32];
        size_t kl = colon ? (size_t)(colon - arg) : 0;
        if (!colon || kl == 0 || kl >= sizeof kname)
            return act_usage(c, "--corroboration takes KIND:TEXT (kinds: "
                             "%s), not '%.40s'", kinds_list(c), arg);
        memcpy(kname, arg, kl);
        kname[kl] = '\0';
        const struct pol_kind *k = policy_kind(c->pol, kname);
        if (!k)
            return act_usage(c, "unknown corroboration kind '%s' (kinds: %s)",
                             kname, kinds_list(c));
        const char *t = colon + 1;
        while (*t == ' ')
            t++;
        json_array_append_new(kinds, json_pack("{s:s,s:s}", "kind", k->name,
                                               "text", t));
        if (strlen(t) > 500) {
            pol_add(&c->v, POL_DENY, RULE_IV_A_3, "a corroboration of %zu "
                    "characters: describe it in one sentence", strlen(t));
            continue;
        }
        if (k->lpr) {
            pol_add(&c->v, POL_DENY, RULE_IV_A_3, "'%s' (%s) is LPR-derived "
                    "information: it never counts as corroboration", k->name,
                    k->text);
            continue;
        }
        policy_check_protected(c->pol, t, "the corroboration", &c->v);
        struct pol_text_class tc;
        policy_classify(c->pol, t, &tc);
        char lpr[48];
        if (lpr_derived(c->pol, t, lpr, sizeof lpr)) {
            pol_add(&c->v, POL_DENY, RULE_IV_A_3, "the %s corroboration "
                    "describes LPR-derived information ('%s'): another read, "
                    "camera, hit or vendor photo never counts, whatever kind "
                    "it is given", k->name, lpr);
            continue;
        }
        if (tc.specific < c->pol->reason_min_specific) {
            pol_add(&c->v, POL_DENY, RULE_IV_A_3, "the %s corroboration "
                    "'%.60s' says nothing specific: what was seen, checked "
                    "or said?", k->name, t);
            continue;
        }
        non_lpr++;
        verified |= k->verifies;
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
                "verify it first (a visual: or records: corroboration)",
                id, what);
    }
    else if (flagged)
        pol_add(&c->v, POL_ALLOW, RULE_IV_A_2, "read %lld is flagged but was "
                "verified", id);
    if (non_lpr == 0)
        pol_add(&c->v, POL_DENY, RULE_IV_A_3, "no enforcement on LPR data "
                "alone: add at least one non-LPR corroboration "
                "(--corroboration KIND:TEXT, kinds: %s)", kinds_list(c));
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
        "wrong state)\nmust be verified first: a visual or records "
        "corroboration.\n" RULE_IV_A_3 ": LPR data alone is never enough: give "
        "at least one non-LPR\ncorroboration as KIND:TEXT, KIND one of visual "
        "(an officer saw it),\nrecords (registration, DMV or records check), "
        "witness (a witness or\ninformant), investigative (other "
        "investigative information).  Another\nread, camera, hit or vendor "
        "photo is LPR-derived and never counts.\n" RULE_IV_D ": at a "
        "sensitive location, supervisory approval (--approval CODE) is "
        "needed.",
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
    /* IV.J: an uploaded read lies inside the case's look-back window. */
    int64_t years, earliest;
    const char *jrule;
    char why[160];
    rc = store_case_get(c->st, c->case_number, &cs);
    if (rc < 0)
        return act_store_fail(c);
    if (act_case_limitation(c, &cs, &years)) {
        store_case_clear(&cs);
        return -c->err->status;
    }
    policy_lookback(c->pol, cs.type, years, c->ctx->now, &earliest, &jrule,
                    why, sizeof why);
    store_case_clear(&cs);
    for (size_t i = 0; i < u->rs.n; i++) {
        json_t *r = u->rs.reads[i];
        int64_t at = 0;
        lptime_parse(json_string_value(json_object_get(r, "observed_at")),
                     &at);
        if (policy_window_start_ok(at, earliest))
            continue;
        char eb[24], ab[24];
        lptime_format_date(earliest, eb, sizeof eb);
        lptime_format_date(at, ab, sizeof ab);
        pol_add(&c->v, POL_DENY, jrule, "read %lld (%s) lies outside the "
                "look-back of case %s (%s: from %s): it cannot go into this "
                "case file", (long long)json_integer_value(
                    json_object_get(r, "read_id")), ab, c->case_number, why,
                eb);
    }
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
        "case file.\n" RULE_IV_F ": agency camera data is then deleted from "
        "the device (device wipe).\n" RULE_IV_J_1 ", " RULE_IV_J_2 ": a read "
        "must lie inside the case's look-back window.\nA read pertains when "
        "its plate is the case's --target, on the hotlist for the case,\nor "
        "was queried under the case.",
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
    int64_t n = 0, up = 0, held = 0;
    struct sb up_ids, held_ids;
    sb_init(&up_ids);
    sb_init(&held_ids);
    if (store_camera_purge(c->st, cam, &n, &up, &held, &up_ids, &held_ids)) {
        sb_free(&up_ids);
        sb_free(&held_ids);
        return act_store_fail(c);
    }
    pol_add(&c->v, POL_ALLOW, RULE_IV_F, "raw data of %lld read%s deleted from "
            "the device of %s: queries no longer return %s", (long long)n,
            n == 1 ? "" : "s", cam, n == 1 ? "it" : "them");
    if (up)
        pol_add(&c->v, POL_ALLOW, RULE_IV_G, "%lld read%s kept in a case file "
                "(%s)", (long long)up, up == 1 ? "" : "s", up_ids.buf);
    if (held)
        pol_add(&c->v, POL_ALLOW, RULE_IV_F, "%lld read%s kept on the device "
                "under an evidence hold (%s)", (long long)held,
                held == 1 ? "" : "s", held_ids.buf);
    sb_printf(&c->text, "%s: %lld read%s deleted from the device; %lld kept "
              "in case files, %lld on evidence hold\n", cam, (long long)n,
              n == 1 ? "" : "s", (long long)up, (long long)held);
    sb_printf(&c->audit_results, "%lld reads deleted from %s; kept: uploaded "
              "%s; held %s", (long long)n, cam, up ? up_ids.buf : "none",
              held ? held_ids.buf : "none");
    json_array_append_new(c->results, json_pack(
        "{s:s,s:I,s:I,s:I}", "camera_id", cam, "deleted", (json_int_t)n,
        "kept_uploaded", (json_int_t)up, "kept_held", (json_int_t)held));
    sb_free(&up_ids);
    sb_free(&held_ids);
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
        RULE_IV_F ": after upload, the raw reads are deleted from the agency "
        "camera's device:\nqueries no longer return them.  Reads uploaded to "
        "a case file and reads\nunder an evidence hold ('evidence hold') are "
        "kept; the audit entry names them.",
    .group = ACT_GROUP_CASES,
};

/* ---- share ---- */

static const struct opt_spec share_opts[] = {
    {"to", OPT_ARG, "NAME", "the recipient"},
    {"read", OPT_MULTI, "ID", "a read to share (repeatable)"},
    {"case", OPT_ARG, "N", "the case it is shared for"},
    {NULL, 0, NULL, NULL},
};

struct partner_found {
    char name[104], kind[16], jurisdiction[104];
};

static int copy_partner(void *arg, const struct lp_partner *p)
{
    struct partner_found *f = arg;
    snprintf(f->name, sizeof f->name, "%s", p->name);
    snprintf(f->kind, sizeof f->kind, "%s", p->kind);
    snprintf(f->jurisdiction, sizeof f->jurisdiction, "%s", p->jurisdiction);
    return 1;
}

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
    /* IV.A.1: sharing is a use of LPR data, for an open case. */
    struct lp_case cs;
    rc = act_need_case(c, opts_get(&c->o, "case"), NULL, &cs);
    if (rc < 0)
        return rc;
    if (rc)
        store_case_clear(&cs);
    const struct policy *p = c->pol;
    char hit[48];
    struct partner_found pf;
    memset(&pf, 0, sizeof pf);
    int found = store_partner_find(c->st, to, copy_partner, &pf);
    if (found < 0)
        return act_store_fail(c);
    if (policy_commercial_name(p, to, hit, sizeof hit))
        pol_add(&c->v, POL_DENY, RULE_IV_C, "'%s' reads as a commercial "
                "company ('%s'): LPR data is never contributed to commercial "
                "databases", to, hit);
    else if (!found)
        pol_add(&c->v, POL_DENY, RULE_IV_C, "'%s' is not in the partner "
                "registry: LPR data goes only to registered law-enforcement "
                "partners ('partner list'); an unknown recipient is refused",
                to);
    else if (strcmp(pf.kind, "commercial") == 0)
        pol_add(&c->v, POL_DENY, RULE_IV_C, "%s is registered as a commercial "
                "company: LPR data is never contributed to commercial "
                "databases", pf.name);
    else
        pol_add(&c->v, p->share_law_enforcement, RULE_IV_C,
                p->share_law_enforcement == POL_DENY
                    ? "profile %s bans sharing LPR data with any outside "
                      "agency, %s (%s, %s) included"
                    : "profile %s allows sharing with a registered "
                      "law-enforcement partner: %s (%s, %s); the share is "
                      "audited",
                p->name, pf.name, pf.kind, pf.jurisdiction);
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
        "database.\nThe recipient must be a law-enforcement partner of the "
        "registry\n('partner list'); an unknown name, a company by its name "
        "or a partner\nregistered as commercial is refused.  " RULE_IV_A_1
        ": --case names an open case.",
    .group = ACT_GROUP_CASES,
};


/* ---- evidence hold ---- */

static const struct opt_spec hold_opts[] = {
    {"read", OPT_MULTI, "ID", "a read to keep on its device (repeatable)"},
    {"case", OPT_ARG, "N", "the open case the evidence belongs to"},
    {"reason", OPT_ARG, "TEXT", "why it must be preserved as original "
                                "evidence"},
    {NULL, 0, NULL, NULL},
};

static int hold_check(struct act_call *c)
{
    struct reads_state *rs = xcalloc(1, sizeof *rs);
    c->state = rs;
    c->state_free = reads_state_free;
    int rc = load_reads(c, rs, 1);
    if (rc)
        return rc;
    snprintf(c->plate, sizeof c->plate, "%s", rs->plates[0]);
    struct lp_case cs;
    rc = act_need_case(c, opts_get(&c->o, "case"), NULL, &cs);
    if (rc < 0)
        return rc;
    if (rc)
        store_case_clear(&cs);
    c->reason = opts_get(&c->o, "reason");
    policy_check_reason(c->pol, c->reason, NULL, &c->v);
    for (size_t i = 0; i < rs->n; i++) {
        long long id = (long long)json_integer_value(
            json_object_get(rs->reads[i], "read_id"));
        if (strcmp(rs->owner[i], "agency") != 0) {
            pol_add(&c->v, POL_DENY, RULE_IV_F, "read %lld comes from a %s "
                    "camera: only the agency's own devices hold raw reads to "
                    "preserve", id, rs->owner[i]);
            continue;
        }
        if (rc <= 0)
            continue;
        int p = store_case_pertains(c->st, c->case_number, rs->plates[i]);
        if (p < 0)
            return act_store_fail(c);
        if (!p)
            pol_add(&c->v, POL_DENY, RULE_IV_G, "read %lld (%s) does not "
                    "pertain to case %s: only evidence of the case is kept",
                    id, rs->plates[i], c->case_number);
    }
    return 0;
}

static int hold_effect(struct act_call *c)
{
    struct reads_state *rs = c->state;
    int added = 0;
    for (size_t i = 0; i < rs->n; i++) {
        int64_t id = json_integer_value(json_object_get(rs->reads[i],
                                                        "read_id"));
        int rc = store_read_hold(c->st, id);
        if (rc < 0)
            return act_store_fail(c);
        added += rc;
        json_array_append(c->results, rs->reads[i]);
    }
    pol_add(&c->v, POL_ALLOW, RULE_IV_F, "%zu read%s on evidence hold for case "
            "%s (%d new): a device wipe keeps %s", rs->n,
            rs->n == 1 ? "" : "s", c->case_number, added,
            rs->n == 1 ? "it" : "them");
    sb_printf(&c->text, "%zu read%s on evidence hold (case %s)\n", rs->n,
              rs->n == 1 ? "" : "s", c->case_number);
    audit_read_ids(c, rs, "evidence hold on read");
    return 0;
}

const struct action_def act_evidence_hold = {
    .name = "evidence",
    .sub = "hold",
    .summary = "keep reads on an agency device as original evidence",
    .opts = hold_opts,
    .check = hold_check,
    .effect = hold_effect,
    .details =
        RULE_IV_F ": raw data is deleted from the device after upload unless "
        "it must be\npreserved as original evidence: a held read survives "
        "'device wipe'.\nThe reads must pertain to the open case ("
        RULE_IV_A_1 ", " RULE_IV_G ").",
    .group = ACT_GROUP_CASES,
};
