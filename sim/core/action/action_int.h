/*
 * action_int.h - internals of the action layer shared by action.c (the
 * table, the run: verdict -> effect -> audit -> transcript) and the files
 * that implement the actions (act_*.c).  Not for front ends.
 */
#ifndef LPRSIM_ACTION_INT_H
#define LPRSIM_ACTION_INT_H

#include <jansson.h>

#include "core/action/action.h"
#include "core/policy/policy.h"
#include "core/world/roster.h"
#include "util/opts.h"

struct act_call;

/* One entry of the action table. */
struct action_def {
    const char *name, *sub;     /* "hotlist", "add"; sub NULL for one word */
    const char *args;           /* positional arguments for help, or NULL */
    int npos;                   /* how many positional arguments it takes */
    const char *summary;        /* one line */
    const struct opt_spec *opts;
    /* Validates (negative LP_USAGE on malformed input) and adds policy
     * findings to c->v. */
    int (*check)(struct act_call *c);
    /* Runs when the verdict is not deny: the effect; may add findings,
     * results and text.  Negative on failure (the action is rolled back). */
    int (*effect)(struct act_call *c);
    const char *details;        /* more help, may be NULL */
    enum action_group group;    /* its section of the command overview */
};

/* One run of an action. */
struct act_call {
    struct lp_ctx *ctx;
    struct store *st;
    struct policy *pol;
    const struct action_def *def;
    char name[32];              /* "hotlist add" */
    struct opts o;
    int argc;
    char **argv;
    struct lp_person who;
    struct pol_verdict v;
    json_t *results;            /* array of result objects */
    json_t *extra;              /* action-specific members of the doc */
    struct sb text;             /* human lines before the verdict line */
    struct lp_err *err;
    /* the audit entry's fields (borrowed or owned by the buffers below) */
    char plate[40];             /* normalised plate, "" when none */
    const char *case_number;
    const char *reason;
    struct sb audit_results;    /* "3 reads: 12,15,19" */
    int manual;                 /* entry written by hand (audit add) */
    int64_t at;                 /* the entry's time when not now (0: now) */
    char alt_for[40];           /* plate of the cached alternatives */
    json_t *alts;               /* likely misread alternatives of it */
    char risk_for[48];          /* "PLATE/ST" of the cached state risk */
    int risk;                   /* its result and likely states */
    char risk_states[16];
    void *state;                /* action-private */
    void (*state_free)(void *); /* frees state; NULL: free() */
};

/* Every action, in the order of the overview and of action_info_at. */
enum action_id {
    ACT_CASE_ADD, ACT_CASE_CLOSE, ACT_CASE_LIST, ACT_CASE_FILE,
    ACT_QUERY, ACT_GEOQUERY, ACT_ANALYZE, ACT_ENFORCE, ACT_UPLOAD,
    ACT_DEVICE_WIPE, ACT_EVIDENCE_HOLD, ACT_SHARE, ACT_PARTNER_ADD,
    ACT_PARTNER_LIST,
    ACT_HOTLIST_ADD, ACT_HOTLIST_REMOVE, ACT_HOTLIST_LIST,
    ACT_HOTLIST_REVIEW, ACT_HOTLIST_LEDGER, ACT_HOTLIST_HITS,
    ACT_HOTLIST_PURGE,
    ACT_AUDIT_ADD, ACT_AUDIT_REVIEW, ACT_REFER,
    ACT__COUNT
};

/* The table of every action, indexed by enum action_id: the one list of
 * action names (help, the scenario lint, scenario facts and the overview
 * are derived from it). */
extern const struct action_def *const action_table[ACT__COUNT];

/* Action definitions (act_*.c). */
extern const struct action_def act_case_add, act_case_close, act_case_list,
    act_query, act_geoquery, act_analyze, act_enforce, act_upload,
    act_device_wipe, act_share, act_hotlist_add, act_hotlist_remove,
    act_hotlist_list, act_hotlist_review, act_hotlist_ledger,
    act_hotlist_hits, act_hotlist_purge, act_audit_add, act_audit_review,
    act_evidence_hold, act_partner_add, act_partner_list, act_case_file,
    act_refer;

/* A usage error "NAME: message"; returns -LP_USAGE. */
int act_usage(struct act_call *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A store failure: copies the store's error; returns its -status. */
int act_store_fail(struct act_call *c);

/* Parses time option opt when given: 0 (and *given) or usage error. */
int act_time(struct act_call *c, const char *opt, int64_t *out, int *given);
/* Parses an integer option in [lo, hi] when given. */
int act_int(struct act_call *c, const char *opt, int64_t lo, int64_t hi,
            int64_t *out, int *given);

/* Checks --case names an open case in the registry (IV.A.1; also_rule
 * adds the same finding under a second rule, e.g. IV.K.1).  On success
 * fills cs (caller clears with store_case_clear) and returns 1; 0 when
 * refused; negative on store failure. */
int act_need_case(struct act_call *c, const char *number,
                  const char *also_rule, struct lp_case *cs);

/* Checks a query window [from, to] for case cs: present, ordered, not in
 * the future (IV.I), within the look-back of the case (IV.J.1/IV.J.2).
 * cs may be NULL (case refused): only the shape is checked.  Returns 0 or
 * negative (usage error for unparseable times). */
int act_window(struct act_call *c, const struct lp_case *cs,
               int64_t *from, int64_t *to);

/* The look-back limit of a case (statute or override): -1 none. */
int act_case_limitation(struct act_call *c, const struct lp_case *cs,
                        int64_t *years);

/* Appends a read as a result object (query result shape) with its quality
 * flags; places are the sensitive places (may be NULL). */
struct act_places;
struct act_places *act_places_load(struct act_call *c, int sensitive_only);
void act_places_free(struct act_places *p);
/* The sensitive place nearest a point within its radius, or NULL; *dist
 * gets the distance in metres. */
const struct lp_place *act_places_near(const struct act_places *p,
                                       double lat, double lon, double *dist);
/* The nearest place of any kind within max_m metres, or NULL. */
const struct lp_place *act_places_nearest(const struct act_places *p,
                                          double lat, double lon,
                                          double max_m, double *dist);
json_t *act_read_json(struct act_call *c, const struct lp_read_info *ri,
                      const struct act_places *sens, int *flagged);

/* Hotlist hits: scans reads added since the last scan (keeps the mark in
 * the meta table).  *added gets the number of new hits. */
int act_scan_hits(struct act_call *c, int64_t *added);

/* Formats t as ISO date-time into a static-size buffer. */
void act_fmt_time(int64_t t, char *buf, size_t n);

#endif
