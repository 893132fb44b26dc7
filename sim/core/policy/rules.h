/*
 * rules.h - the rule catalogue: every rule id of the guidance
 * (policy/lpr-privacy-guidance-2017.md, IV.A.1 to IV.M.2) with its one-line
 * text.  The only place a rule id is spelled: the engine, the actions, the
 * review, the scenario host and the front ends use these names (make lint
 * refuses a rule-id literal elsewhere in sim/).
 */
#ifndef LPRSIM_RULES_H
#define LPRSIM_RULES_H

#include <stddef.h>

#define RULE_IV_A_1  "IV.A.1"
#define RULE_IV_A_2  "IV.A.2"
#define RULE_IV_A_3  "IV.A.3"
#define RULE_IV_B    "IV.B"
#define RULE_IV_C    "IV.C"
#define RULE_IV_D    "IV.D"
#define RULE_IV_E    "IV.E"
#define RULE_IV_F    "IV.F"
#define RULE_IV_G    "IV.G"
#define RULE_IV_H    "IV.H"
#define RULE_IV_I    "IV.I"
#define RULE_IV_J_1  "IV.J.1"
#define RULE_IV_J_2  "IV.J.2"
#define RULE_IV_K_1  "IV.K.1"
#define RULE_IV_K_2  "IV.K.2"
#define RULE_IV_K_3  "IV.K.3"
#define RULE_IV_K_4  "IV.K.4"
#define RULE_IV_L    "IV.L"
#define RULE_IV_M_1  "IV.M.1"
#define RULE_IV_M_2  "IV.M.2"

/* The catalogue, in the guidance's order. */
struct rule_info {
    const char *id;      /* "IV.J.2" */
    const char *text;    /* one line a trainee understands */
};

/* The number of rules and the i-th (0-based) one; NULL past the end. */
size_t rule_count(void);
const struct rule_info *rule_at(size_t i);

/* The one-line text of rule id, or NULL when id names no rule (id may be
 * NULL).  Borrowed, static. */
const char *rule_text(const char *id);

/* 1 if id names a rule of the catalogue. */
int rule_known(const char *id);

#endif
