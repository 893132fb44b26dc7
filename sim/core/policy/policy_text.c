/*
 * policy_text.c - the checks of the policy engine that read free text:
 * reasons (IV.M.1, IV.A.1, IV.E), hotlist notes (IV.K.2), and the small
 * readers of profile data that go with them (approval ids, corroboration
 * kinds, commercial names, the hotlist review calendar).  Every word list
 * comes from the profile; the detector (detect.c) normalises the text.
 */
#include "core/policy/policy.h"

#include <stdio.h>
#include <string.h>

#include "core/policy/rules.h"
#include "util/lptime.h"

/* The detector over text into t (the caller's) and out. */
static void classify(const struct policy *p, const char *text,
                     struct det_text *t, struct pol_text_class *out)
{
    memset(out, 0, sizeof *out);
    det_split(p->stemmer, text, t);
    det_mark(&p->padding, t, DET_PAD, 0, NULL, 0);
    det_mark(&p->not_protected, t, DET_CLEAR, 0, NULL, 0);
    det_mark(&p->personal, t, DET_HIT, DET_CLEAR, out->personal_hit,
             sizeof out->personal_hit);
    det_mark(&p->protected_words, t, DET_HIT, DET_CLEAR, out->protected_hit,
             sizeof out->protected_hit);
    det_mark(&p->proxies, t, DET_HIT, DET_CLEAR, out->proxy_hit,
             sizeof out->proxy_hit);
    det_mark(&p->first_amendment, t, DET_HIT, DET_CLEAR, out->fa_hit,
             sizeof out->fa_hit);
    det_mark(&p->vague, t, DET_VAGUE, DET_HIT, NULL, 0);
    det_mark(&p->purposes, t, DET_PURPOSE, DET_HIT, out->purpose,
             sizeof out->purpose);
    for (size_t i = 0; i < t->n; i++) {
        unsigned f = t->w[i].flags;
        if (f & DET_PAD)
            continue;
        out->words++;
        if (!(f & (DET_VAGUE | DET_HIT | DET_NUM)))
            out->specific++;
    }
}

void policy_classify(const struct policy *p, const char *text,
                     struct pol_text_class *out)
{
    struct det_text t;
    classify(p, text, &t, out);
}

int policy_approval_ok(const struct policy *p, const char *approval)
{
    return approval && *approval && strlen(approval) <= 40 &&
           regexec(&p->approval_re.re, approval, 0, NULL, 0) == 0;
}

/* The IV.E finding for what the detector found: which protected basis,
 * or NULL. */
static const char *protected_basis(const struct pol_text_class *tc,
                                   const char **hit)
{
    if (tc->protected_hit[0]) {
        *hit = tc->protected_hit;
        return "a protected characteristic";
    }
    if (tc->proxy_hit[0]) {
        *hit = tc->proxy_hit;
        return "a proxy for national origin";
    }
    if (tc->fa_hit[0]) {
        *hit = tc->fa_hit;
        return "First Amendment activity";
    }
    return NULL;
}

void policy_check_protected(const struct policy *p, const char *text,
                            const char *what, struct pol_verdict *v)
{
    struct pol_text_class tc;
    policy_classify(p, text, &tc);
    const char *hit = NULL, *basis = protected_basis(&tc, &hit);
    if (basis)
        pol_add(v, POL_DENY, RULE_IV_E, "%s refers to %s ('%s'): LPR data is "
                "never used on that basis", what, basis, hit);
}

void policy_check_reason(const struct policy *p, const char *reason,
                         const char *approval, struct pol_verdict *v)
{
    if (!reason || !*reason) {
        pol_add(v, POL_DENY, RULE_IV_M_1, "no reason given: every query "
                "needs a reason for the audit log (--reason TEXT)");
        return;
    }
    size_t len = strlen(reason);
    if (len > (size_t)p->reason_max_chars) {
        pol_add(v, POL_DENY, RULE_IV_M_1, "the reason is %zu characters long: "
                "write one sentence of at most %d characters", len,
                p->reason_max_chars);
        return;
    }
    if (!lp_utf8_valid(reason, len, NULL)) {
        pol_add(v, POL_DENY, RULE_IV_M_1, "the reason is not valid UTF-8 "
                "text");
        return;
    }
    for (const char *c = reason; *c; c++)
        if ((unsigned char)*c < 0x20) {
            pol_add(v, POL_DENY, RULE_IV_M_1, "the reason holds a control "
                    "character: write it on one line");
            return;
        }
    for (size_t i = 0; i < p->n_not_reason; i++)
        if (regexec(&p->not_reason[i].re, reason, 0, NULL, 0) == 0) {
            pol_add(v, POL_DENY, RULE_IV_M_1, "the reason looks like %s, not "
                    "a reason: say why this query serves the case",
                    p->not_reason[i].what);
            return;
        }
    struct pol_text_class tc;
    policy_classify(p, reason, &tc);
    if (tc.personal_hit[0] && !tc.purpose[0])
        pol_add(v, POL_DENY, RULE_IV_A_1, "the reason names a personal "
                "matter ('%s'): LPR data is used only for authorized law "
                "enforcement purposes", tc.personal_hit);
    else if (tc.personal_hit[0])
        pol_add(v, POL_WARN, RULE_IV_A_1, "the reason mentions '%s' beside "
                "'%s': LPR data serves only the case, never a personal "
                "matter; the audit review will look at it", tc.personal_hit,
                tc.purpose);
    const char *hit = NULL, *basis = protected_basis(&tc, &hit);
    if (basis && !tc.purpose[0])
        pol_add(v, POL_DENY, RULE_IV_E, "the reason rests on %s ('%s') and "
                "names no lawful purpose: LPR data is never used solely on "
                "that basis", basis, hit);
    else if (basis && policy_approval_ok(p, approval))
        pol_add(v, POL_WARN, RULE_IV_E, "%s ('%s') beside a lawful purpose "
                "('%s'): supervisor approval %s recorded", basis, hit,
                tc.purpose, approval);
    else if (basis)
        pol_add(v, POL_DENY, RULE_IV_E, "%s ('%s') beside a lawful purpose "
                "('%s') needs a supervisor's approval: add --approval ID "
                "(e.g. SUP-1234)", basis, hit, tc.purpose);
    if (tc.specific < p->reason_min_specific)
        pol_add(v, POL_DENY, RULE_IV_M_1, "'%.80s' is too vague a reason: "
                "words such as 'check', 'case' or 'investigation' say "
                "nothing, padded or not; name the offence, the target or "
                "the lead", reason);
    else if (tc.words < p->reason_min_words)
        pol_add(v, POL_DENY, RULE_IV_M_1, "a reason of %d word%s is too "
                "vague: say what the query is for in the case (at least %d "
                "words)", tc.words, tc.words == 1 ? "" : "s",
                p->reason_min_words);
}

void policy_check_note(const struct policy *p, const char *note,
                       struct pol_verdict *v)
{
    if (!note || !*note)
        return;
    if (p->hotlist_note == POL_NOTE_NONE) {
        pol_add(v, POL_DENY, RULE_IV_K_2, "profile %s keeps no free text on "
                "a hotlist: an entry holds the plate, its state, the case "
                "and any tracking number; context belongs in the case file",
                p->name);
        return;
    }
    policy_check_identifying(p, note, "the hotlist note", v);
    policy_check_protected(p, note, "the hotlist note", v);
}

void policy_check_identifying(const struct policy *p, const char *text,
                              const char *what, struct pol_verdict *v)
{
    struct sb found;
    sb_init(&found);
    size_t nf = 0;
    for (size_t i = 0; text && i < p->n_identifying; i++) {
        const char *kind = p->identifying[i].what;
        if (regexec(&p->identifying[i].re, text, 0, NULL, 0) != 0 ||
            (found.len && strstr(found.buf, kind)))
            continue;
        sb_printf(&found, "%s%s", nf ? ", " : "", kind);
        nf++;
    }
    if (nf)
        pol_add(v, POL_DENY, RULE_IV_K_2, "%s holds %s: a hotlist keeps only "
                "the plate and agency tracking numbers", what, found.buf);
    sb_free(&found);
}

const struct pol_kind *policy_kind(const struct policy *p, const char *name)
{
    for (size_t i = 0; name && i < p->n_kinds; i++)
        if (strcmp(p->kinds[i].name, name) == 0)
            return &p->kinds[i];
    return NULL;
}

int policy_commercial_name(const struct policy *p, const char *name,
                           char *hit, size_t hit_n)
{
    struct det_text t;
    det_split(p->stemmer, name, &t);
    return det_mark(&p->commercial_names, &t, DET_HIT, 0, hit, hit_n) != NULL;
}

int64_t policy_hotlist_review_due(const struct policy *p, int64_t since)
{
    if (p->hotlist_review_years > 0)
        return lptime_add_years(since, p->hotlist_review_years);
    return since + (int64_t)p->hotlist_review_days * LPTIME_DAY;
}

const char *policy_hotlist_review_text(const struct policy *p, char *buf,
                                       size_t n)
{
    if (p->hotlist_review_years == 1)
        snprintf(buf, n, "yearly, on the anniversary");
    else if (p->hotlist_review_years > 1)
        snprintf(buf, n, "every %d years, on the anniversary",
                 p->hotlist_review_years);
    else
        snprintf(buf, n, "every %d days", p->hotlist_review_days);
    return buf;
}
