/*
 * track.c - replaying a person's sessions for a track (see track.h).
 */
#include "script/track.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/learn/appstate.h"
#include "core/store/store_cert.h"
#include "core/store/store_people.h"
#include "core/learn/curriculum.h"
#include "core/store/store_scenario.h"
#include "script/scenario.h"

struct find {
    const char *file, *id;
    const char *track;       /* exam sessions of this track only, or NULL */
    int exam;                /* exam sessions only */
    int64_t since;           /* started at or after, or 0 */
    int64_t ids[256];
    size_t n, skipped;       /* admitted, and finished but not admitted */
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
    if (!(strcmp(s->scenario_id, f->id) == 0 ||
          (s->scenario_file && ends_with(s->scenario_file, f->file))))
        return 0;
    if ((f->exam && strcmp(s->mode, "exam") != 0) ||
        (f->track && (!s->track || strcmp(s->track, f->track) != 0)) ||
        s->started_at < f->since) {
        f->skipped++;
        return 0;
    }
    if (f->n < sizeof f->ids / sizeof f->ids[0])
        f->ids[f->n++] = s->id;
    return 0;
}

static void unmet(struct track_result *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void unmet(struct track_result *out, const char *fmt, ...)
{
    size_t len = strlen(out->unmet);
    va_list ap;
    va_start(ap, fmt);
    if (len + 2 < sizeof out->unmet) {
        vsnprintf(out->unmet + len, sizeof out->unmet - len - 1, fmt, ap);
        len = strlen(out->unmet);
        out->unmet[len] = '\n';
        out->unmet[len + 1] = '\0';
    }
    va_end(ap);
    out->nunmet++;
}

/* The current certificate of a person: of those not revoked (any track),
 * the one that expires last. */
struct cur_cert {
    int found;
    int64_t serial, expires;
};

static int cur_cert_cb(void *arg, const struct store_cert *c)
{
    struct cur_cert *cc = arg;
    if (c->revoked || (cc->found && c->expires_at <= cc->expires))
        return 0;
    cc->found = 1;
    cc->serial = c->serial;
    cc->expires = c->expires_at;
    return 0;
}

/* The lesson id of a module ("lessons/queries.md" -> "queries"). */
static void lesson_id(const char *lesson, char *buf, size_t n)
{
    const char *b = strrchr(lesson ? lesson : "", '/');
    snprintf(buf, n, "%s", b ? b + 1 : (lesson ? lesson : ""));
    char *dot = strrchr(buf, '.');
    if (dot)
        *dot = '\0';
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
    const struct curriculum_req *req = &t->req;
    int64_t window_start = 0;
    if (req->window_days > 0) {
        struct cur_cert cc = {0};
        if (store_cert_each(ctx->st, user, cur_cert_cb, &cc) < 0) {
            *err = *store_err(ctx->st);
            curriculum_track_free(t);
            return -err->status;
        }
        if (!cc.found) {
            unmet(out, "no certificate to refresh: the %s track counts "
                  "exams taken in the %d days before a certificate expires "
                  "or after it lapsed", t->id, req->window_days);
            window_start = INT64_MAX;
        } else {
            window_start = cc.expires - (int64_t)req->window_days * 86400;
        }
    }
    for (size_t m = 0; m < t->nmods && !rc; m++) {
        const struct curriculum_module *cm = &t->mods[m];
        char lid[128];
        lesson_id(cm->lesson, lid, sizeof lid);
        int64_t read_at = 0;
        struct lp_lesson_result lres = {0};
        int read = store_lesson_read_get(ctx->st, user, lid, &read_at);
        int checked = read < 0 ? read
                               : store_lesson_result_get(ctx->st, user, lid,
                                                         &lres);
        if (read < 0 || checked < 0) {
            *err = *store_err(ctx->st);
            rc = -err->status;
            break;
        }
        if (req->lessons_read && cm->lesson && read == 0)
            unmet(out, "module %s: lesson '%s' not read to its end", cm->id,
                  lid);
        if (req->checks_passed && cm->lesson && !(checked && lres.passed))
            unmet(out, "module %s: knowledge check of '%s' not passed",
                  cm->id, lid);
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
                             .exam = req->exam,
                             .track = req->same_track ? t->id : NULL};
            if (req->after_lesson && cm->lesson)
                f.since = read ? read_at : INT64_MAX;
            if (window_start > f.since)
                f.since = window_start;
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
            if (!r->passed)
                unmet(out, "scenario %s: no passed %s%s%s%s%s", cs->file,
                      req->exam ? "exam" : "session",
                      req->same_track ? " of this track" : "",
                      req->after_lesson ? " taken after the lesson" : "",
                      req->window_days ? " in the refresher window" : "",
                      f.skipped ? " (other sessions do not count)" : "");
            sum += r->score;
            all &= r->passed;
        }
    }
    if (!rc) {
        out->requirements_met = out->nunmet == 0;
        out->passed = all && out->n > 0 && out->requirements_met;
        out->score = out->n ? (double)((long long)(sum / (double)out->n *
                                                   10.0 + 0.5)) / 10.0
                            : 0.0;
    }
    curriculum_track_free(t);
    return rc;
}

int track_exam_start(struct store *st, const char *root, const char *track_id,
                     const char *path, const char *user,
                     struct scenario_session **out, struct lp_err *err)
{
    *out = NULL;
    struct curriculum_track *t = NULL;
    int rc = curriculum_track_load(root, track_id, &t, err);
    if (rc)
        return rc;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const struct curriculum_scn *hit = NULL;
    for (size_t m = 0; m < t->nmods && !hit; m++)
        for (size_t k = 0; k < t->mods[m].nscn && !hit; k++) {
            const char *f = strrchr(t->mods[m].scn[k].file, '/');
            f = f ? f + 1 : t->mods[m].scn[k].file;
            if (strcmp(f, base) == 0)
                hit = &t->mods[m].scn[k];
        }
    if (!hit) {
        rc = lp_errf(err, LP_USAGE, "%s is not a scenario of the %s track "
                     "(curriculum/tracks/%s.json)", base, track_id,
                     track_id);
        curriculum_track_free(t);
        return rc;
    }
    rc = scenario_exam_start(st, path, t->id, hit->time_limit, user,
                             app_seed(user, hit->file), out, err);
    curriculum_track_free(t);
    return rc;
}
