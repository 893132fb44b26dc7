/*
 * appstate.c - the trainee application's flow shared by the TUI and the
 * plain mode (see appstate.h): tracks, sign-in, progress, next step,
 * lesson results and the resume place.
 */
#include "core/appstate.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/roster.h"
#include "util/lptime.h"

static void module_free(struct app_module *m)
{
    free(m->id);
    free(m->title);
    free(m->lesson);
    free(m->lesson_id);
    for (size_t i = 0; i < m->nscn; i++)
        free(m->scn[i].file);
    free(m->scn);
}

static void track_free(struct app_track *t)
{
    free(t->id);
    free(t->title);
    free(t->version);
    free(t->profile);
    for (size_t i = 0; i < t->nmods; i++)
        module_free(&t->mods[i]);
    free(t->mods);
}

void app_free(struct app *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->ntracks; i++)
        track_free(&a->tracks[i]);
    free(a->tracks);
    free(a->root);
    free(a->user);
    free(a->user_name);
    sb_free(&a->problems);
    memset(a, 0, sizeof *a);
}

/* A required non-empty string member; NULL with err when missing. */
static char *req_str(json_t *o, const char *key, const char *where,
                     struct lp_err *err)
{
    const char *v = json_string_value(json_object_get(o, key));
    if (!v || !*v) {
        lp_errf(err, LP_USAGE, "%s: missing \"%s\" (a string)", where, key);
        return NULL;
    }
    return xstrdup(v);
}

/* Parses one track file into t.  Returns 0 or -LP_USAGE with err. */
static int track_parse(const char *path, struct app_track *t,
                       struct lp_err *err)
{
    json_error_t je;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    char where[600];
    int rc = -LP_USAGE;
    memset(t, 0, sizeof *t);
    if (!doc)
        return lp_errf(err, LP_USAGE, "%s:%d:%d: %s", path, je.line,
                       je.column, je.text);
    if (!json_is_object(doc)) {
        lp_errf(err, LP_USAGE, "%s: a track is a JSON object", path);
        goto out;
    }
    if (!(t->id = req_str(doc, "id", path, err)) ||
        !(t->title = req_str(doc, "title", path, err)) ||
        !(t->version = req_str(doc, "version", path, err)) ||
        !(t->profile = req_str(doc, "profile", path, err)))
        goto out;
    json_t *mods = json_object_get(doc, "modules");
    if (!json_is_array(mods) || json_array_size(mods) == 0) {
        lp_errf(err, LP_USAGE, "%s: \"modules\" must be a non-empty array",
                path);
        goto out;
    }
    t->mods = xcalloc(json_array_size(mods), sizeof *t->mods);
    for (size_t i = 0; i < json_array_size(mods); i++) {
        json_t *mo = json_array_get(mods, i);
        struct app_module *m = &t->mods[t->nmods++];
        snprintf(where, sizeof where, "%s: module %zu", path, i + 1);
        if (!json_is_object(mo)) {
            lp_errf(err, LP_USAGE, "%s: not an object", where);
            goto out;
        }
        if (!(m->id = req_str(mo, "id", where, err)) ||
            !(m->title = req_str(mo, "title", where, err)) ||
            !(m->lesson = req_str(mo, "lesson", where, err)))
            goto out;
        const char *base = strrchr(m->lesson, '/');
        base = base ? base + 1 : m->lesson;
        m->lesson_id = xstrdup(base);
        char *dot = strrchr(m->lesson_id, '.');
        if (dot)
            *dot = '\0';
        json_t *sc = json_object_get(mo, "scenarios");
        if (sc && !json_is_array(sc)) {
            lp_errf(err, LP_USAGE, "%s: \"scenarios\" must be an array",
                    where);
            goto out;
        }
        m->scn = xcalloc(json_array_size(sc) + 1, sizeof *m->scn);
        for (size_t k = 0; k < json_array_size(sc); k++) {
            json_t *so = json_array_get(sc, k);
            json_t *pass = json_object_get(so, "pass");
            char swhere[700];
            snprintf(swhere, sizeof swhere, "%s: scenario %zu", where, k + 1);
            struct app_scn *s = &m->scn[m->nscn];
            if (!(s->file = req_str(so, "file", swhere, err)))
                goto out;
            m->nscn++;
            s->pass = 80;
            if (pass) {
                if (!json_is_integer(pass) || json_integer_value(pass) < 0 ||
                    json_integer_value(pass) > 100) {
                    lp_errf(err, LP_USAGE, "%s: \"pass\" must be 0..100",
                            swhere);
                    goto out;
                }
                s->pass = (int)json_integer_value(pass);
            }
        }
    }
    rc = 0;
out:
    json_decref(doc);
    if (rc)
        track_free(t);
    return rc;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int app_init(struct app *a, struct store *st, int64_t now, const char *root,
             struct lp_err *err)
{
    memset(a, 0, sizeof *a);
    a->st = st;
    a->now = now;
    a->root = xstrdup(root);
    sb_init(&a->problems);
    char *dir = xasprintf("%s/curriculum/tracks", root);
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    if (!d) {
        sb_printf(&a->problems, "%s: no curriculum tracks found\n", dir);
        free(dir);
        (void)err;
        return 0;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t k = strlen(e->d_name);
        if (k < 6 || strcmp(e->d_name + k - 5, ".json") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    a->tracks = xcalloc(n + 1, sizeof *a->tracks);
    for (size_t i = 0; i < n; i++) {
        char *p = xasprintf("%s/%s", dir, names[i]);
        struct lp_err te = {0};
        if (track_parse(p, &a->tracks[a->ntracks], &te) == 0)
            a->ntracks++;
        else
            sb_printf(&a->problems, "%s\n", te.msg);
        free(p);
        free(names[i]);
    }
    free(names);
    free(dir);
    return 0;
}

/* ---- sign-in ---- */

struct people_acc {
    struct app_person *v;
    size_t n, cap;
};

static int people_cb(void *arg, const struct lp_person *p)
{
    struct people_acc *acc = arg;
    if (acc->n == acc->cap) {
        acc->cap = acc->cap ? acc->cap * 2 : 16;
        acc->v = xrealloc(acc->v, acc->cap * sizeof *acc->v);
    }
    acc->v[acc->n].id = xstrdup(p->id);
    acc->v[acc->n].name = xstrdup(p->name);
    acc->v[acc->n].role = xstrdup(p->role);
    acc->n++;
    return 0;
}

int app_people(struct app *a, struct app_person **v, size_t *n,
               struct lp_err *err)
{
    struct people_acc acc = {0};
    int rc = store_people_each(a->st, people_cb, &acc);
    if (rc < 0) {
        app_people_free(acc.v, acc.n);
        *err = *store_err(a->st);
        return rc;
    }
    *v = acc.v;
    *n = acc.n;
    return 0;
}

void app_people_free(struct app_person *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].id);
        free(v[i].name);
        free(v[i].role);
    }
    free(v);
}

int app_signin(struct app *a, const char *id, struct lp_err *err)
{
    struct lp_person p;
    if (roster_check_id(id, err))
        return -LP_USAGE;
    int rc = store_person_get(a->st, id, &p);
    if (rc < 0) {
        *err = *store_err(a->st);
        return rc;
    }
    if (rc == 0)
        return 1;
    free(a->user);
    free(a->user_name);
    a->user = xstrdup(p.id);
    a->user_name = xstrdup(p.name);
    if (store_meta_set(a->st, "app.last_user", a->user)) {
        *err = *store_err(a->st);
        return -err->status;
    }
    return app_refresh(a, err);
}

int app_register(struct app *a, const char *id, const char *name,
                 struct lp_err *err)
{
    int rc = roster_add(a->st, id, name, "trainee", a->now, err);
    if (rc)
        return rc;
    rc = app_signin(a, id, err);
    return rc > 0 ? lp_errf(err, LP_FAIL, "%s: not found after adding", id)
                  : rc;
}

char *app_last_user(struct app *a)
{
    return store_meta_get(a->st, "app.last_user");
}

/* ---- progress ---- */

/* The newest certificate of one track (store_cert_each goes newest
 * serial first). */
struct cert_pick {
    const char *track;
    int found, revoked;
    int64_t serial, issued, expires;
};

static int cert_cb(void *arg, const struct store_cert *c)
{
    struct cert_pick *p = arg;
    if (strcmp(c->track, p->track) != 0)
        return 0;
    p->found = 1;
    p->serial = c->serial;
    p->issued = c->issued_at;
    p->expires = c->expires_at;
    p->revoked = c->revoked;
    return 1;
}

int app_refresh(struct app *a, struct lp_err *err)
{
    if (!a->user)
        return 0;
    for (size_t t = 0; t < a->ntracks; t++) {
        struct app_track *tr = &a->tracks[t];
        tr->done_mods = 0;
        for (size_t i = 0; i < tr->nmods; i++) {
            struct app_module *m = &tr->mods[i];
            int rc = store_lesson_result_get(a->st, a->user, m->lesson_id,
                                             &m->lres);
            if (rc < 0)
                goto fail;
            m->has_result = rc;
            m->done = rc && m->lres.passed;
            for (size_t k = 0; k < m->nscn; k++) {
                if (store_scenario_progress(a->st, a->user, m->scn[k].file,
                                            &m->scn[k].prog))
                    goto fail;
                if (!m->scn[k].prog.passed)
                    m->done = 0;
            }
            tr->done_mods += (size_t)m->done;
        }
        struct cert_pick pick = {.track = tr->id};
        if (store_cert_each(a->st, a->user, cert_cb, &pick) < 0)
            goto fail;
        tr->cert = pick.found;
        tr->cert_serial = pick.serial;
        tr->cert_issued = pick.issued;
        tr->cert_expires = pick.expires;
        tr->cert_revoked = pick.revoked;
    }
    return 0;
fail:
    *err = *store_err(a->st);
    return -err->status;
}

void app_next(const struct app *a, size_t track, struct app_step *out)
{
    memset(out, 0, sizeof *out);
    out->track = track;
    if (track >= a->ntracks)
        return;
    const struct app_track *t = &a->tracks[track];
    for (size_t i = 0; i < t->nmods; i++) {
        const struct app_module *m = &t->mods[i];
        out->module = i;
        if (!(m->has_result && m->lres.passed)) {
            out->kind = STEP_LESSON;
            return;
        }
        for (size_t k = 0; k < m->nscn; k++)
            if (!m->scn[k].prog.passed) {
                out->kind = STEP_SCENARIO;
                out->scn = k;
                return;
            }
    }
    out->kind = STEP_DONE;
}

char *app_step_text(const struct app *a, const struct app_step *s)
{
    if (s->track >= a->ntracks)
        return xstrdup("No track is installed.");
    const struct app_track *t = &a->tracks[s->track];
    if (s->kind == STEP_DONE)
        return xasprintf("Every module of '%s' is done.", t->title);
    const struct app_module *m = &t->mods[s->module];
    if (s->kind == STEP_LESSON)
        return xasprintf("Next: the lesson '%s' and its check.",
                         m->title);
    const struct app_scn *sc = &m->scn[s->scn];
    if (sc->prog.active_session)
        return xasprintf("Next: resume scenario %s (%s).", sc->file,
                         m->title);
    return xasprintf("Next: run scenario %s (%s), pass mark %d%%.",
                     sc->file, m->title, sc->pass);
}

char *app_cert_text(const struct app *a, size_t track)
{
    const struct app_track *t = &a->tracks[track];
    char d[32];
    if (!t->cert)
        return xstrdup("no certificate yet");
    lptime_format_date(t->cert_expires, d, sizeof d);
    if (t->cert_revoked)
        return xasprintf("certificate %lld revoked",
                         (long long)t->cert_serial);
    if (t->cert_expires <= a->now)
        return xasprintf("certificate expired on %s", d);
    return xasprintf("certificate valid until %s", d);
}

void app_lesson_state(const struct app_module *m, char *buf, size_t n)
{
    if (!m->has_result)
        snprintf(buf, n, "not read");
    else
        snprintf(buf, n, "%s %d/%d", m->lres.passed ? "passed" : "tried",
                 m->lres.right, m->lres.questions);
}

void app_scn_state(const struct app_scn *s, char *buf, size_t n)
{
    if (s->prog.active_session)
        snprintf(buf, n, "in progress");
    else if (s->prog.passed)
        snprintf(buf, n, "passed, best %.0f%%", s->prog.best);
    else if (s->prog.attempts)
        snprintf(buf, n, "best %.0f%%, not passed", s->prog.best);
    else
        snprintf(buf, n, "not started");
}

/* ---- lessons ---- */

char *app_lesson_path(const struct app *a, const struct app_module *m)
{
    return xasprintf("%s/curriculum/%s", a->root, m->lesson);
}

int app_lesson_record(struct app *a, struct app_module *m, int right,
                      int questions, int *passed, struct lp_err *err)
{
    struct lp_lesson_result r = {
        .right = right, .questions = questions, .at = a->now,
        .passed = questions > 0 && right * 100 >= APP_LESSON_PASS * questions,
    };
    *passed = r.passed;
    if (!a->user)
        return lp_errf(err, LP_USAGE, "nobody is signed in");
    if (store_lesson_result_set(a->st, a->user, m->lesson_id, &r)) {
        *err = *store_err(a->st);
        return -err->status;
    }
    return app_refresh(a, err);
}

/* ---- resume ---- */

int app_place_save(struct app *a, const char *place, struct lp_err *err)
{
    if (!a->user)
        return 0;
    char *key = xasprintf("app.place.%s", a->user);
    int rc = store_meta_set(a->st, key, place);
    free(key);
    if (rc)
        *err = *store_err(a->st);
    return rc;
}

char *app_place_load(struct app *a)
{
    if (!a->user)
        return NULL;
    char *key = xasprintf("app.place.%s", a->user);
    char *v = store_meta_get(a->st, key);
    free(key);
    return v;
}

int app_find(const struct app *a, const char *track, const char *module,
             size_t *ti, size_t *mi)
{
    for (size_t t = 0; t < a->ntracks; t++) {
        if (strcmp(a->tracks[t].id, track) != 0)
            continue;
        for (size_t m = 0; m < a->tracks[t].nmods; m++)
            if (strcmp(a->tracks[t].mods[m].id, module) == 0) {
                *ti = t;
                *mi = m;
                return 0;
            }
    }
    return -1;
}
