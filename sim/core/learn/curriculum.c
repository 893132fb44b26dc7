/*
 * curriculum.c - reading track files with jansson (see curriculum.h).
 */
#include "core/learn/curriculum.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void curriculum_track_free(struct curriculum_track *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nmods; i++) {
        struct curriculum_module *m = &t->mods[i];
        for (size_t j = 0; j < m->nscn; j++)
            free(m->scn[j].file);
        free(m->scn);
        free(m->id);
        free(m->title);
        free(m->lesson);
    }
    free(t->mods);
    free(t->id);
    free(t->title);
    free(t->version);
    free(t->profile);
    free(t);
}

static char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? xstrdup(s) : NULL;
}

static int safe_file(const char *f)
{
    if (!f || !*f || strstr(f, "..") || f[0] == '/')
        return 0;
    for (const char *p = f; *p; p++)
        if (!(isalnum((unsigned char)*p) || strchr("-_./", *p)))
            return 0;
    return 1;
}

/* The track's "certificate" object: what a certificate requires. */
static int req_parse(const char *path, const json_t *o,
                     struct curriculum_req *r, struct lp_err *err)
{
    static const char *const flags[] = {"lessons_read", "checks_passed",
                                        "exam", "same_track", "after_lesson"};
    int *dst[] = {&r->lessons_read, &r->checks_passed, &r->exam,
                  &r->same_track, &r->after_lesson};
    if (!o)
        return 0;
    if (!json_is_object(o))
        return lp_errf(err, LP_USAGE, "%s: \"certificate\" must be an "
                       "object", path);
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)o, k, v) {
        size_t i;
        for (i = 0; i < sizeof flags / sizeof flags[0]; i++)
            if (strcmp(k, flags[i]) == 0)
                break;
        if (i < sizeof flags / sizeof flags[0]) {
            if (!json_is_boolean(v))
                return lp_errf(err, LP_USAGE, "%s: certificate.%s must be "
                               "true or false", path, k);
            *dst[i] = json_is_true(v);
        } else if (strcmp(k, "window_days") == 0) {
            if (!json_is_integer(v) || json_integer_value(v) < 0 ||
                json_integer_value(v) > 366)
                return lp_errf(err, LP_USAGE, "%s: certificate.window_days "
                               "must be 0 to 366", path);
            r->window_days = (int)json_integer_value(v);
        } else {
            return lp_errf(err, LP_USAGE, "%s: certificate: unknown key "
                           "'%s'", path, k);
        }
    }
    return 0;
}

int curriculum_track_load(const char *root, const char *id,
                          struct curriculum_track **out, struct lp_err *err)
{
    *out = NULL;
    if (!id || !*id || strlen(id) > 64)
        return lp_errf(err, LP_USAGE, "no track id given");
    for (const char *p = id; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '-' || *p == '_'))
            return lp_errf(err, LP_USAGE, "'%s' is not a track id", id);
    char *path = xasprintf("%s/curriculum/tracks/%s.json", root, id);
    json_error_t je;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    struct curriculum_track *t = NULL;
    int rc = 0;
    if (!doc) {
        rc = lp_errf(err, LP_USAGE, "%s:%d:%d: %s", path, je.line,
                     je.column, je.text);
        goto out;
    }
    json_t *mods = json_object_get(doc, "modules");
    if (!json_is_string(json_object_get(doc, "id")) ||
        !json_is_string(json_object_get(doc, "version")) ||
        !json_is_array(mods)) {
        rc = lp_errf(err, LP_USAGE, "%s: a track needs id, version and "
                     "modules", path);
        goto out;
    }
    if (strcmp(json_string_value(json_object_get(doc, "id")), id) != 0) {
        rc = lp_errf(err, LP_USAGE, "%s: its id is '%s', not '%s'", path,
                     json_string_value(json_object_get(doc, "id")), id);
        goto out;
    }
    t = xcalloc(1, sizeof *t);
    t->id = str(doc, "id");
    t->title = str(doc, "title");
    t->version = str(doc, "version");
    t->profile = str(doc, "profile");
    json_t *mpr = json_object_get(doc, "min_scenarios_per_rule");
    t->min_per_rule = mpr ? (int)json_integer_value(mpr) : 2;
    if (mpr && (!json_is_integer(mpr) || json_integer_value(mpr) < 0 ||
                json_integer_value(mpr) > 20)) {
        rc = lp_errf(err, LP_USAGE, "%s: min_scenarios_per_rule must be a "
                     "whole number from 0 to 20", path);
        goto out;
    }
    t->req = (struct curriculum_req){1, 1, 1, 1, 1, 0};
    if ((rc = req_parse(path, json_object_get(doc, "certificate"), &t->req,
                        err)))
        goto out;
    t->nmods = json_array_size(mods);
    t->mods = xcalloc(t->nmods, sizeof *t->mods);
    size_t i, j;
    json_t *m, *s;
    json_array_foreach(mods, i, m) {
        struct curriculum_module *cm = &t->mods[i];
        json_t *scn = json_object_get(m, "scenarios");
        if (!json_is_object(m) || !json_is_string(json_object_get(m, "id")) ||
            (scn && !json_is_array(scn))) {
            rc = lp_errf(err, LP_USAGE, "%s: module %zu needs an id and a "
                         "list of scenarios", path, i + 1);
            goto out;
        }
        cm->id = str(m, "id");
        cm->title = str(m, "title");
        cm->lesson = str(m, "lesson");
        cm->nscn = json_array_size(scn);
        cm->scn = xcalloc(cm->nscn ? cm->nscn : 1, sizeof *cm->scn);
        json_array_foreach(scn, j, s) {
            const char *f = json_string_value(json_object_get(s, "file"));
            json_t *pass = json_object_get(s, "pass");
            if (!safe_file(f) || (pass && !json_is_integer(pass))) {
                rc = lp_errf(err, LP_USAGE, "%s: module %s, scenario %zu: "
                             "needs a file name under scenarios/ and a whole "
                             "pass mark", path, cm->id, j + 1);
                goto out;
            }
            cm->scn[j].file = xstrdup(f);
            cm->scn[j].pass = pass ? (int)json_integer_value(pass) : 80;
            json_t *tl = json_object_get(s, "time_limit_minutes");
            if (tl && (!json_is_integer(tl) || json_integer_value(tl) < 1 ||
                       json_integer_value(tl) > 600)) {
                rc = lp_errf(err, LP_USAGE, "%s: %s: time_limit_minutes "
                             "must be a whole number of minutes, 1 to 600",
                             path, f);
                goto out;
            }
            cm->scn[j].time_limit = tl ? (int)json_integer_value(tl) : 0;
            if (cm->scn[j].pass < 1 || cm->scn[j].pass > 100) {
                rc = lp_errf(err, LP_USAGE, "%s: %s: pass mark must be 1 to "
                             "100", path, f);
                goto out;
            }
        }
    }
out:
    json_decref(doc);
    free(path);
    if (rc)
        curriculum_track_free(t);
    else
        *out = t;
    return rc;
}
