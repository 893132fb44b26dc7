/*
 * policy.h - the policy engine: policy profiles (curriculum/policies/NAME.json:
 * the numbers, word lists and patterns of a guidance) and the checks every
 * action runs.  A check adds findings (rule id, verdict, one-line reason a
 * trainee understands) to a pol_verdict; the worst finding decides.
 */
#ifndef LPRSIM_POLICY_H
#define LPRSIM_POLICY_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "core/policy/detect.h"
#include "core/store/store.h"
#include "util/util.h"

#define POLICY_DEFAULT "ice-2017"

enum pol_level { POL_ALLOW = 0, POL_WARN = 1, POL_DENY = 2 };

/* A pattern from a profile: what it finds, and the compiled regex. */
struct pol_pattern {
    char *what;
    regex_t re;
};

/* A list of words; an entry ending in '*' matches any ending. */
struct pol_words {
    size_t n;
    char **w;
};

/* A kind of corroboration the profile knows (IV.A.3). */
struct pol_kind {
    char *name;          /* "visual" */
    char *text;          /* "visual confirmation by an officer" */
    int lpr;             /* 1: LPR-derived, never counts */
    int verifies;        /* 1: verifies a flagged read (IV.A.2) */
};

/* What a hotlist entry may carry besides plate, case and tracking. */
enum pol_note { POL_NOTE_NONE = 0, POL_NOTE_SCREENED = 1 };

/* A loaded profile.  Numbers < 0 mean "no limit". */
struct policy {
    char *name, *version, *title, *label;   /* label: "name@version" */
    char *path;
    struct sb_stemmer *stemmer;             /* for the detector */
    int civil_lookback_years;
    int lookback_cap_years;
    int non_hit_retention_days;
    int hotlist_review_years;   /* > 0: due on the calendar anniversary */
    int hotlist_review_days;    /* else every so many days */
    int hotlist_note;           /* enum pol_note */
    int ledger_keep_years;
    int audit_review_days;
    double low_confidence, misread_confidence;
    int max_read_age_days;
    char **ocr_sets;            /* NULL-terminated: "0OQD", "1IL" ... */
    int allow_wildcard, allow_partial, allow_geo;
    int min_plate_chars, max_plate_chars, max_results;
    int share_law_enforcement;  /* level for a registered agency */
    struct det_list commercial_names;   /* refused by name (IV.C) */
    int sensitive_approval;
    struct pol_pattern approval_re, tracking_re;
    int reason_max_chars, reason_min_words, reason_min_specific;
    /* the detector's lists (detect.h) */
    struct det_list padding, vague, purposes, protected_words, proxies,
        first_amendment, personal, not_protected, lpr_words;
    size_t n_kinds;
    struct pol_kind *kinds;
    size_t n_not_reason, n_identifying;
    struct pol_pattern *not_reason, *identifying;
};

/* Loads profile name from root/curriculum/policies/NAME.json, or from the
 * path itself when name holds a '/'.  A malformed file gives
 * "file:line:col: problem" or "file: key: problem" (LP_USAGE for a bad
 * name, LP_FAIL for a bad file).  Free with policy_free(). */
int policy_load(const char *root, const char *name, struct policy **out,
                struct lp_err *err);
/* Loads a profile from a file path. */
/* Loads the profile named (NULL or "": the one the database names, meta
 * "policy" or "policy_profile") from root.  *out is the caller's to
 * policy_free.  Returns 0 or negative with err. */
int policy_load_for(struct store *st, const char *root, const char *name,
                    struct policy **out, struct lp_err *err);

int policy_load_file(const char *path, struct policy **out,
                     struct lp_err *err);
void policy_free(struct policy *p);

/* ---- verdicts ---- */

#define POL_MAX_FINDINGS 16

struct pol_finding {
    int level;
    char rule[12];
    char *reason;       /* owned */
};

struct pol_verdict {
    int level;                      /* the worst finding's */
    size_t n;
    struct pol_finding f[POL_MAX_FINDINGS];
};

void pol_verdict_init(struct pol_verdict *v);
void pol_verdict_free(struct pol_verdict *v);
/* Adds a finding (an identical one is not repeated). */
void pol_add(struct pol_verdict *v, int level, const char *rule,
             const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The reason of the first finding at the verdict's level ("" when none). */
const char *pol_reason(const struct pol_verdict *v);
/* "allow", "warn", "deny". */
const char *pol_level_name(int level);
/* 1 when the verdict holds a finding for rule. */
int pol_has_rule(const struct pol_verdict *v, const char *rule);

/* ---- checks ---- */

/* What the detector found in a text: word counts and the first entry
 * of each list that matched ("" when none). */
struct pol_text_class {
    int words;          /* words that are not padding */
    int specific;       /* ... nor vague, numbers or matched below */
    char purpose[48];   /* a lawful purpose of the profile */
    char protected_hit[48], proxy_hit[48], fa_hit[48], personal_hit[48];
};

/* Runs the detector over text (normalised: case, punctuation,
 * inflections; padding words skipped; exceptions such as "in march"
 * cleared first). */
void policy_classify(const struct policy *p, const char *text,
                     struct pol_text_class *out);

/* Checks a reason: IV.M.1 (present, one line, not code, specific even
 * when padded into a sentence), IV.A.1 (a personal purpose), IV.E (a
 * protected characteristic, a proxy for one, or First Amendment
 * activity: refused when it is the whole basis of the reason; beside a
 * lawful purpose of the profile it needs a supervisor's approval, given
 * in approval, and then warns).  approval may be NULL.  The engine and
 * the quarterly review both judge reasons with this one function. */
void policy_check_reason(const struct policy *p, const char *reason,
                         const char *approval, struct pol_verdict *v);
/* Checks free text for IV.E terms only (hotlist notes, corroboration):
 * any protected term refuses. */
void policy_check_protected(const struct policy *p, const char *text,
                            const char *what, struct pol_verdict *v);
/* Checks a hotlist note (IV.K.2): refused outright when the profile keeps
 * no note, else screened for identifying information and IV.E. */
void policy_check_note(const struct policy *p, const char *note,
                       struct pol_verdict *v);
/* Screens text with the profile's "identifying" patterns (names,
 * addresses, dates of birth, workplaces, phone numbers ...): one IV.K.2
 * refusal naming what was found; what names the text ("the note"). */
void policy_check_identifying(const struct policy *p, const char *text,
                              const char *what, struct pol_verdict *v);
/* 1 when approval is a supervisor's approval id of the profile's form. */
int policy_approval_ok(const struct policy *p, const char *approval);

/* The corroboration kind named (NULL when unknown). */
const struct pol_kind *policy_kind(const struct policy *p, const char *name);

/* When the hotlist review falls due after a review (or creation) at since:
 * the calendar anniversary (29 February: 28 February of a common year)
 * or since plus the profile's days. */
int64_t policy_hotlist_review_due(const struct policy *p, int64_t since);
/* "yearly" or "every 180 days", for messages. */
const char *policy_hotlist_review_text(const struct policy *p, char *buf,
                                       size_t n);

/* Normalises a plate (upper case, spaces and dashes dropped) into out
 * (size n) and checks it is a full plate (IV.B); missing_rule names the
 * rule of a missing plate ("IV.B", or "IV.L" for analysis).  Returns 1
 * when the plate is usable, 2 when it is a pattern the profile allows
 * (wildcard '*', or '?' for one unknown character: a GLOB pattern in out,
 * with a warning), 0 when refused. */
int policy_check_plate(const struct policy *p, const char *plate,
                       const char *missing_rule, char *out, size_t n,
                       struct pol_verdict *v);

/* The earliest start a query window may have for a case.  type "civil" or
 * "criminal"; limitation_years the statute's (or the case's override; -1:
 * none).  Sets *earliest (INT64_MIN: no limit), *rule ("IV.J.1"/"IV.J.2")
 * and why (a phrase for the reason: "civil immigration queries may reach
 * back five years"). */
void policy_lookback(const struct policy *p, const char *type,
                     int64_t limitation_years, int64_t now,
                     int64_t *earliest, const char **rule, char *why,
                     size_t why_n);

/* 1 when a window starting at from lies inside a look-back whose earliest
 * allowed start is earliest (from policy_lookback; INT64_MIN: no limit),
 * compared by UTC day as the messages name it: a window starting at any
 * time on the earliest allowed day is allowed, one starting the day
 * before is not.  The one test of IV.J.1 and IV.J.2 windows. */
int policy_window_start_ok(int64_t from, int64_t earliest);

/* Single-substitution alternatives of a plate from the profile's OCR
 * confusion sets, comma-separated into out (at most max). Returns count. */
int policy_alternatives(const struct policy *p, const char *plate,
                        struct sb *out, int max);

/* 1 when name reads as a commercial LPR vendor or data company by the
 * profile's list (IV.C): refused whatever the registry says. */
int policy_commercial_name(const struct policy *p, const char *name,
                           char *hit, size_t hit_n);

/* Great-circle distance in metres. */
double policy_distance_m(double lat1, double lon1, double lat2, double lon2);

#endif
