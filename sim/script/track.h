/*
 * track.h - whether a person passed a track, recomputed from scratch: each
 * scenario of the track is looked up in the person's finished sessions and
 * every transcript is REPLAYED in a fresh sandbox and scored again; the
 * score stored in sessions is never trusted.  The certificate issuer calls
 * track_replay before signing.
 */
#ifndef LPRSIM_TRACK_H
#define LPRSIM_TRACK_H

#include <stdint.h>

#include "core/action/action.h"
#include "script/scenario.h"
#include "util/util.h"

#define TRACK_SCENARIOS_MAX 32

/* One scenario of the track, as replayed. */
struct track_scenario_result {
    char file[128];          /* as listed in the track */
    char scenario_id[65];
    int pass_mark;           /* of the track (percent) */
    int sessions;            /* finished sessions found and replayed */
    int64_t best_session;    /* the session with the best replayed score */
    double score;            /* best replayed score, percent (0 if none) */
    int passed;              /* replay passed and score >= pass_mark */
};

/* The outcome.  No allocation: nothing to free. */
struct track_result {
    int passed;              /* 1 only when every scenario was passed */
    double score;            /* mean of the per-scenario scores, percent */
    char track[65];
    char version[32];        /* curriculum version of the track */
    char profile[32];        /* policy profile of the track */
    size_t n;                /* scenarios in scn[] */
    struct track_scenario_result scn[TRACK_SCENARIOS_MAX];
    int requirements_met;    /* every requirement of the track file met */
    int nunmet;              /* requirements left, one line each in unmet */
    char unmet[4096];
};

/* Replays user's finished sessions for every scenario of track_id (from
 * ctx->root/curriculum/tracks) against the scenario files of
 * ctx->root/scenarios, reading sessions from ctx->st.  Only the sessions
 * the track's "certificate" requirements admit are replayed (exam mode,
 * this track, started after the module's lesson was read to its end, in
 * the refresher window); lessons read and checks passed are checked too,
 * and what is missing is listed in out->unmet.  out->passed needs both.  Returns 0 with out
 * filled (passed or not), or negative with err when the track or one of
 * its scenario files cannot be read. */
int track_replay(struct lp_ctx *ctx, const char *user, const char *track_id,
                 struct track_result *out, struct lp_err *err);

/* Starts an exam of the scenario at path (its file name must be listed in
 * the track) for user in track_id, with the track's time limit for it and
 * a seed drawn by lprsim (see scenario_exam_start).  Returns 0 with *out,
 * or negative with err (LP_USAGE: unknown track, a scenario not in it, an
 * exam already in progress). */
int track_exam_start(struct store *st, const char *root, const char *track_id,
                     const char *path, const char *user,
                     struct scenario_session **out, struct lp_err *err);

#endif
