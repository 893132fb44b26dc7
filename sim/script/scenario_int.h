/*
 * scenario_int.h - internals shared by the scenario engine's files
 * (scenario.c, world.c, session.c).
 */
#ifndef LPRSIM_SCENARIO_INT_H
#define LPRSIM_SCENARIO_INT_H

#include <ctype.h>
#include <stdarg.h>

#include "core/action/action.h"
#include "core/store/store_scenario.h"
#include "script/scenario.h"

struct scenario {
    char *path;
    char *src;             /* the source text, NUL-terminated */
    size_t n;
    char hash[65];
    int64_t seed;          /* the variant */
    int64_t now;
    json_t *doc;
};

/* 1 if a camera id is one of the world's default cameras. */
int world_default_camera(const char *id);
/* 1 if the action name ("hotlist add") is known to checks. */
int scenario_action_known(const char *name);
/* 1 if arr (a JSON array of strings) holds s. */
int list_contains(const json_t *arr, const char *s);

/* The best line of the source for a dotted path and an identifying hint
 * text (for messages). */
int scenario_line(const struct scenario *sc, const char *path,
                  const char *hint);

/* ---- act.c ---- */

/* Sets up the action context of a sandbox st for a scenario. */
void scn_ctx_setup(struct lp_ctx *ctx, struct store *st,
                   const struct scenario *sc, const char *user,
                   int64_t session_id);
/* Parses one action-file line (an action of the table or a reply) exactly
 * as scn_act would, running nothing: 0, or -LP_USAGE with err.  Blank and
 * comment lines are 0. */
int scn_line_check(const struct scenario *sc, const char *line,
                   struct lp_err *err);

/* Runs one action line in ctx (exam: exam output); appends its fact to
 * actions when it was recorded.  Returns 0 or negative with err. */
int scn_act(struct lp_ctx *ctx, const struct scenario *sc, const char *line,
            int exam, json_t *actions, struct scenario_step *step,
            struct lp_err *err);
/* The fact of one recorded action (caller decrefs). */
json_t *scn_fact_action(int64_t seq, const char *line, const json_t *doc,
                        int status);
/* "IV.A.1,IV.M.1" as a JSON array (caller decrefs). */
json_t *scn_split_rules(const char *s);
/* The facts of a sandbox after the actions (caller decrefs). */
json_t *scn_facts(const struct scenario *sc, struct store *st,
                  const char *user, json_t *actions, struct lp_err *err);
/* Scores the sandbox: facts, function checks, report (caller decrefs). */
json_t *scn_score(const struct scenario *sc, struct store *st,
                  const char *user, json_t *actions, const char *mode,
                  struct lp_err *err);

/* ---- replay.c ---- */

/* A list of transcript lines. */
struct scn_lines {
    char **v;
    size_t n, cap;
};
/* store_tline_fn appending t->line to a struct scn_lines. */
int scn_collect_line(void *arg, const struct store_tline *t);
void scn_lines_free(struct scn_lines *l);
/* The recorded lines of a session: from main when finished, else from
 * its sandbox. */
int scn_session_lines(struct store *main, const struct store_session *ss,
                      struct scn_lines *l, struct lp_err *err);
/* The session row id of main, or -LP_USAGE "no session". */
int scn_get_session(struct store *main, int64_t id,
                    struct store_session *ss, struct lp_err *err);

#endif
