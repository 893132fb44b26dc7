/*
 * rules.c - the rule catalogue of rules.h: ids and one-line texts, the one
 * list the lint, messages, lessons checks and reports read.
 */
#include "core/policy/rules.h"

#include <string.h>

static const struct rule_info catalogue[] = {
    {RULE_IV_A_1, "every query, hotlist entry, upload and analysis cites an "
               "open case of your own"},
    {RULE_IV_A_2, "weigh quality, integrity and age of a read; never act on an "
               "unverified flagged read"},
    {RULE_IV_A_3, "no enforcement action on LPR data alone: corroborate it"},
    {RULE_IV_B, "a full plate only: no area, radius, wildcard or partial queries"},
    {RULE_IV_C, "no export or contribution of LPR data to commercial databases"},
    {RULE_IV_D, "sensitive locations: flagged, and enforcement needs approval"},
    {RULE_IV_E, "never solely on a protected characteristic or to monitor "
             "First Amendment activity"},
    {RULE_IV_F, "agency camera data to a case system only when it pertains to a "
             "target; then wipe the device"},
    {RULE_IV_G, "keep only data related to the investigation, in the case file"},
    {RULE_IV_H, "access only for trained, certified personnel"},
    {RULE_IV_I, "results only for the queried plate, only inside the window"},
    {RULE_IV_J_1, "criminal case: window no longer than the statute of "
               "limitations"},
    {RULE_IV_J_2, "civil immigration: window at most the previous five years"},
    {RULE_IV_K_1, "hotlist plates belong to a current investigation"},
    {RULE_IV_K_2, "hotlist entries hold only the plate and tracking numbers: no "
               "names, dates of birth, addresses"},
    {RULE_IV_K_3, "every hotlist addition documented (plate, case, tracking) and "
               "kept five years"},
    {RULE_IV_K_4, "hotlists reviewed at least yearly; plates no longer needed "
               "removed"},
    {RULE_IV_L, "analysis only of a known plate, under the limits of a query"},
    {RULE_IV_M_1, "every query audited: who, plate, when, results, case, reason "
               "(by hand when the source keeps none)"},
    {RULE_IV_M_2, "audit logs reviewed at least quarterly; problems reported"},
};

size_t rule_count(void) { return sizeof catalogue / sizeof catalogue[0]; }

const struct rule_info *rule_at(size_t i)
{
    return i < rule_count() ? &catalogue[i] : NULL;
}

const char *rule_text(const char *id)
{
    for (size_t i = 0; id && i < rule_count(); i++)
        if (strcmp(catalogue[i].id, id) == 0)
            return catalogue[i].text;
    return NULL;
}

int rule_known(const char *id) { return rule_text(id) != NULL; }
