/*
 * cmd_cert_replay.c - "cert issue"'s call into the scenario engine (see
 * cmd_cert_replay.h): track_replay replays every transcript of the track in
 * a fresh sandbox and scores it again; only that result is signed.
 */
#include "cli/cmd_cert_replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/action/action.h"
#include "script/track.h"
#include "util/paths.h"

int issue_replay_run(struct cli *c, const char *user, const char *track,
                     struct issue_replay *res, struct lp_err *err)
{
    memset(res, 0, sizeof *res);
    struct lp_ctx ctx = {.st = c->st, .now = c->now, .user = user,
                         .root = paths_root(), .profile = c->policy};
    static struct track_result tr;
    memset(&tr, 0, sizeof tr);
    int rc = track_replay(&ctx, user, track, &tr, err);
    ctx_release(&ctx);
    if (rc)
        return rc;
    /* a track with no scenario proves nothing: never a pass */
    res->passed = tr.passed && tr.n > 0;
    res->score = tr.score;
    snprintf(res->curriculum, sizeof res->curriculum, "%s", tr.version);
    snprintf(res->profile, sizeof res->profile, "%s", tr.profile);
    struct sb s;
    sb_init(&s);
    for (size_t i = 0; i < tr.n; i++) {
        const struct track_scenario_result *r = &tr.scn[i];
        sb_printf(&s, "%-28s %6.2f%%  %s (pass mark %d%%, %d session%s "
                  "replayed)\n", r->scenario_id[0] ? r->scenario_id : r->file,
                  r->score, r->passed ? "passed" : "NOT passed", r->pass_mark,
                  r->sessions, r->sessions == 1 ? "" : "s");
    }
    if (tr.n == 0)
        sb_puts(&s, "the track lists no scenario\n");
    if (tr.nunmet)
        sb_printf(&s, "requirements left (curriculum/tracks/%s.json):\n%s",
                  track, tr.unmet);
    res->summary = sb_steal(&s);
    return 0;
}

void issue_replay_free(struct issue_replay *res)
{
    free(res->summary);
    res->summary = NULL;
}
