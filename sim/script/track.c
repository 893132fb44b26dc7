/*
 * track.c - replaying a person's sessions for a track (see track.h).
 */
#include "script/track.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/learn/curriculum.h"
#include "core/site/site.h"
#include "core/store/store_people.h"
#include "core/store/store_scenario.h"
#include "script/scenario.h"

struct find {
    const char *file, *id;
    const char *login;     /* on a training host: the person's own login */
    int64_t ids[256];
    size_t n;
};

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0 &&
           (a == b || s[a - b - 1] == '/');
}

static int find_one(void *arg, const struct store_session *s)
{
    struct find *f = arg;
    /* On a host only what the person's own login ran counts. */
    if (f->login && (!s->login || strcmp(s->login, f->login) != 0))
        return 0;
    if (f->n < sizeof f->ids / sizeof f->ids[0] &&
        (strcmp(s->scenario_id, f->id) == 0 ||
         (s->scenario_file && ends_with(s->scenario_file, f->file))))
        f->ids[f->n++] = s->id;
    return 0;
}

int track_replay(struct lp_ctx *ctx, const char *user, const char *track_id,
                 struct track_result *out, struct lp_err *err)
{
    memset(out, 0, sizeof *out);
    struct curriculum_track *t = NULL;
    int rc = curriculum_track_load(ctx->root, track_id, &t, err);
    if (rc)
        return rc;
    snprintf(out->track, sizeof out->track, "%s", t->id);
    snprintf(out->version, sizeof out->version, "%s", t->version);
    snprintf(out->profile, sizeof out->profile, "%s",
             t->profile ? t->profile : "");
    double sum = 0;
    int all = 1;
    char *login = NULL;
    if (site_mode() == SITE_HOST) {
        struct lp_person p;
        int pr = store_person_get(ctx->st, user, &p);
        if (pr < 0) {
            *err = *store_err(ctx->st);
            curriculum_track_free(t);
            return -err->status;
        }
        /* no login bound: nothing can count (an impossible login) */
        login = xstrdup(pr == 1 && p.login ? p.login : "/");
    }
    for (size_t m = 0; m < t->nmods && !rc; m++) {
        for (size_t k = 0; k < t->mods[m].nscn && !rc; k++) {
            const struct curriculum_scn *cs = &t->mods[m].scn[k];
            if (out->n >= TRACK_SCENARIOS_MAX) {
                rc = lp_errf(err, LP_FAIL, "track %s: more than %d scenarios",
                             track_id, TRACK_SCENARIOS_MAX);
                break;
            }
            struct track_scenario_result *r = &out->scn[out->n++];
            char *path = xasprintf("%s/scenarios/%s", ctx->root, cs->file);
            struct scenario *sc = NULL;
            rc = scenario_load(path, 1, &sc, err);
            if (rc) {
                free(path);
                break;
            }
            snprintf(r->file, sizeof r->file, "%s", cs->file);
            snprintf(r->scenario_id, sizeof r->scenario_id, "%s",
                     scenario_id(sc));
            r->pass_mark = cs->pass;
            scenario_free(sc);
            struct find f = {.file = cs->file, .id = r->scenario_id,
                             .login = login};
            if (store_sessions_each(ctx->st, user, NULL, "done", find_one,
                                    &f)) {
                rc = store_err_copy(ctx->st, err);
                free(path);
                break;
            }
            for (size_t i = 0; i < f.n; i++) {
                json_t *rep = NULL;
                struct lp_err e2 = {0};
                /* a session that no longer replays counts for nothing */
                if (scenario_replay_session(ctx->st, f.ids[i], path, &rep,
                                            &e2))
                    continue;
                r->sessions++;
                double s = json_number_value(json_object_get(rep, "score"));
                int ok = json_is_true(json_object_get(rep, "passed")) &&
                         s >= cs->pass;
                if (ok > r->passed || (ok == r->passed && s > r->score) ||
                    !r->best_session) {
                    r->passed = ok;
                    r->score = s;
                    r->best_session = f.ids[i];
                }
                json_decref(rep);
            }
            free(path);
            sum += r->score;
            all &= r->passed;
        }
    }
    if (!rc) {
        out->passed = all && out->n > 0;
        out->score = out->n ? (double)((long long)(sum / (double)out->n *
                                                   10.0 + 0.5)) / 10.0
                            : 0.0;
    }
    free(login);
    curriculum_track_free(t);
    return rc;
}
