/*
 * cmd_cert_replay.h - the one bridge from "cert issue" to the scenario
 * engine: replays a trainee's transcripts for a track and scores them
 * again (script/track.h, track_replay).  Kept apart so that only this file
 * depends on the scenario host.
 */
#ifndef LPRSIM_CMD_CERT_REPLAY_H
#define LPRSIM_CMD_CERT_REPLAY_H

#include "cli/cli.h"

/* What the replay computed. */
struct issue_replay {
    int passed;                 /* 1 only when the replay passed the track */
    double score;               /* percent, 0..100, as recomputed */
    char curriculum[32];        /* curriculum version */
    char profile[32];           /* policy profile version */
    char *summary;              /* score lines for the page (owned) */
};

/* Replays the track for user; 0 (res filled, passed or not) or negative
 * with err when the replay could not run. */
int issue_replay_run(struct cli *c, const char *user, const char *track,
                     struct issue_replay *res, struct lp_err *err);
void issue_replay_free(struct issue_replay *res);

#endif
