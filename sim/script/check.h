/*
 * check.h - objectives, critical violations and scoring over a transcript.
 * No Lua here: checks are JSON (the declarative vocabulary of
 * scenarios/README.md) evaluated against "facts" (what the trainee did and
 * the final state of the sandbox); Lua function checks arrive already
 * evaluated (by the host, in a child) in fnres.
 *
 * Facts: {"now","user","actions":[{seq,line,action,opts,all,verdict,rules,
 * reason,audit_id,results,status}],"hotlist":[{hotlist,plate,state,case,
 * tracking,note}],"removed":[..],"audit":[{id,user,action,plate,case,reason,
 * results,verdict,rules,manual}]}.
 */
#ifndef LPRSIM_CHECK_H
#define LPRSIM_CHECK_H

#include <jansson.h>

#include "util/util.h"

/* Evaluates one check against facts.  fnres (may be NULL) maps a function
 * path ("objectives.2.check") to {"ok":bool,"note":text}.  Appends a short
 * explanation to why.  Returns 1 met, 0 not met, negative with err when the
 * check itself is malformed (the message names the problem). */
int check_eval(const json_t *check, const json_t *facts, const json_t *fnres,
               struct sb *why, struct lp_err *err);

/* Validates the shape of a check without facts: unknown kinds, unknown
 * filter keys, wrong types.  path names it in messages ("objectives.2").
 * Returns 0 or -LP_USAGE with err. */
/* The largest count, day span or read id a check may name. */
#define CHECK_INT_MAX 1000000

int check_lint(const json_t *check, const char *path, struct lp_err *err);

/* Appends to fns the "$fn" paths used anywhere inside check. */
void check_functions(const json_t *check, json_t *fns);

/* Points (of 100) an attempted violation costs when the engine refused
 * it: the attempt is misuse the audit log records (scenarios/README.md,
 * "Scoring"). */
#define SCORE_REFUSED_COST 10.0

/* A copy of facts without the actions the policy engine refused (caller
 * decrefs): what critical checks see. */
json_t *facts_not_refused(const json_t *facts);
/* How many actions the engine refused citing a rule. */
int facts_refused_attempts(const json_t *facts);

/* Scores a transcript: scn is the scenario document, facts as above.
 * Returns the report (caller decrefs): scenario, title, seed, mode,
 * actions, objectives, critical, rules, violations, score, pass, passed,
 * failed_by, feedback.  Deterministic: the same inputs give the same
 * bytes with report_dump(). */
json_t *score_report(const json_t *scn, const json_t *facts,
                     const json_t *fnres, const char *mode, int64_t seed,
                     struct lp_err *err);

/* The report as text bytes (caller frees): two-space indent, fixed key
 * order, trailing newline. */
char *report_dump(const json_t *report);

/* 1 if the report shows rule among what the run tripped: a failed
 * objective or triggered critical violation teaching it, or a policy
 * verdict (deny/warn) citing it. */
int report_tripped(const json_t *report, const char *rule);

#endif
