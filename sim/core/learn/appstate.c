/*
 * appstate.c - the trainee application's flow shared by the TUI and the
 * plain mode (see appstate.h): tracks, sign-in, progress, next step,
 * lesson results and the resume place.
 */
#include "core/learn/appstate.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/learn/curriculum.h"
#include "core/store/store_cert.h"
#include "core/store/store_people.h"
#include "core/world/roster.h"
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

/* Loads track id through the curriculum reader (core/learn/curriculum.h) and
 * copies it into t, with room for progress.  Returns 0 or negative. */
static int track_parse(const char *root, const char *id, struct app_track *t,
                       struct lp_err *err)
{
    struct curriculum_track *ct = NULL;
    memset(t, 0, sizeof *t);
    int rc = curriculum_track_load(root, id, &ct, err);
    if (rc)
        return rc;
    t->id = xstrdup(ct->id);
    t->title = xstrdup(ct->title);
    t->version = xstrdup(ct->version);
    t->profile = xstrdup(ct->profile);
    t->mods = xcalloc(ct->nmods + 1, sizeof *t->mods);
    t->nmods = ct->nmods;
    for (size_t i = 0; i < ct->nmods; i++) {
        const struct curriculum_module *cm = &ct->mods[i];
        struct app_module *m = &t->mods[i];
        if (!cm->lesson || !cm->title || !cm->id) {
            rc = lp_errf(err, LP_USAGE, "%s/curriculum/tracks/%s.json: "
                         "module %zu: missing \"%s\"", root, id, i + 1,
                         !cm->id ? "id" : !cm->title ? "title" : "lesson");
            break;
        }
        m->id = xstrdup(cm->id);
        m->title = xstrdup(cm->title);
        m->lesson = xstrdup(cm->lesson);
        const char *base = strrchr(m->lesson, '/');
        m->lesson_id = xstrdup(base ? base + 1 : m->lesson);
        char *dot = strrchr(m->lesson_id, '.');
        if (dot)
            *dot = '\0';
        m->scn = xcalloc(cm->nscn + 1, sizeof *m->scn);
        m->nscn = cm->nscn;
        for (size_t k = 0; k < cm->nscn; k++) {
            m->scn[k].file = xstrdup(cm->scn[k].file);
            m->scn[k].pass = cm->scn[k].pass;
        }
    }
    curriculum_track_free(ct);
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
        struct lp_err te = {0};
        names[i][strlen(names[i]) - 5] = '\0'; /* the id: no ".json" */
        if (track_parse(root, names[i], &a->tracks[a->ntracks], &te) == 0)
            a->ntracks++;
        else
            sb_printf(&a->problems, "%s\n", te.msg);
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
        return store_err_copy(a->st, err);
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
            int64_t read_at = 0;
            int rd = store_lesson_read_get(a->st, a->user, m->lesson_id,
                                           &read_at);
            if (rd < 0)
                goto fail;
            m->read = rd;
            m->done = rc && m->lres.passed && rd;
            int practice_track = strcmp(app_track_mode(tr), "practice") == 0;
            for (size_t k = 0; k < m->nscn; k++) {
                struct app_scn *sc = &m->scn[k];
                if (store_exam_progress(a->st, a->user, sc->file, "practice",
                                        NULL, &sc->practice) ||
                    store_exam_progress(a->st, a->user, sc->file, "exam",
                                        tr->id, &sc->exam))
                    goto fail;
                sc->prog_exam = !practice_track || sc->exam.active_session ||
                                (sc->practice.passed &&
                                 !sc->practice.active_session);
                sc->prog = sc->prog_exam ? sc->exam : sc->practice;
                if (!sc->exam.passed)
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
    return store_err_copy(a->st, err);
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
        if (!(m->has_result && m->lres.passed && m->read)) {
            out->kind = STEP_LESSON;
            return;
        }
        for (size_t k = 0; k < m->nscn; k++)
            if (!m->scn[k].exam.passed) {
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
        return xasprintf("Next: resume %s %s (%s).",
                         sc->prog_exam ? "the exam of" : "scenario",
                         sc->file, m->title);
    if (sc->prog_exam)
        return xasprintf("Next: the exam of %s (%s): a new variant, no "
                         "hints, pass mark %d%%.", sc->file, m->title,
                         sc->pass);
    return xasprintf("Next: run scenario %s (%s), pass mark %d%%.",
                     sc->file, m->title, sc->pass);
}

int64_t app_seed(const char *user, const char *file)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const char *p = user; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    h = (h ^ '/') * 16777619u;
    for (const char *p = file; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    return 1 + (int64_t)(h % 999999u);
}

const char *app_track_mode(const struct app_track *t)
{
    return strcmp(t->id, "refresher") == 0 ? "exam" : "practice";
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

const char *app_cert_state_name(int state)
{
    static const char *const n[] = {
        "none", "requirements left", "ready to request", "requested",
        "issued", "expiring", "expired", "revoked"};
    return state >= 0 && state <= CERT_REVOKED ? n[state] : "?";
}

struct req_pick {
    const char *track;
    int64_t after;
    int found;
};

static int req_cb(void *arg, const struct store_cert_request *r)
{
    struct req_pick *p = arg;
    if (strcmp(r->track, p->track) == 0 && r->at >= p->after)
        p->found = 1;
    return 0;
}

int app_cert_status(struct app *a, size_t ti, struct app_cert_status *st,
                    struct lp_err *err)
{
    memset(st, 0, sizeof *st);
    if (!a->user || ti >= a->ntracks)
        return lp_errf(err, LP_USAGE, "nobody is signed in");
    const struct app_track *t = &a->tracks[ti];
    st->serial = t->cert ? t->cert_serial : 0;
    int64_t now = (int64_t)time(NULL);
    if (t->cert && t->cert_revoked) {
        st->state = CERT_REVOKED;
    } else if (t->cert && t->cert_expires <= now) {
        st->state = CERT_EXPIRED;
    } else if (t->cert) {
        int64_t days = (t->cert_expires - now) / 86400;
        st->state = days <= APP_CERT_WARN_DAYS ? CERT_EXPIRING : CERT_ISSUED;
        st->days_left = (int)days;
    }
    if (st->state == CERT_ISSUED || st->state == CERT_EXPIRING)
        return 0;
    /* what the track file asks that the records do not show yet */
    struct sb left;
    sb_init(&left);
    int any = 0;
    for (size_t i = 0; i < t->nmods; i++) {
        const struct app_module *m = &t->mods[i];
        any |= m->read || m->has_result;
        if (!m->read)
            sb_printf(&left, "read the lesson '%s' to its end\n", m->title);
        if (!(m->has_result && m->lres.passed))
            sb_printf(&left, "pass the knowledge check of '%s'\n", m->title);
        for (size_t k = 0; k < m->nscn; k++) {
            any |= m->scn[k].practice.attempts || m->scn[k].exam.attempts;
            if (!m->scn[k].exam.passed)
                sb_printf(&left, "pass the exam of %s (%s track)\n",
                          m->scn[k].file, t->id);
        }
    }
    if (left.len) {
        if (st->state == CERT_NONE && any)
            st->state = CERT_LEFT;
        st->left = sb_steal(&left);
        return 0;
    }
    sb_free(&left);
    struct req_pick rp = {.track = t->id,
                          .after = t->cert ? t->cert_issued : 0};
    if (store_cert_requests_each(a->st, a->user, req_cb, &rp) < 0) {
        *err = *store_err(a->st);
        return -err->status;
    }
    if (rp.found)
        st->state = CERT_REQUESTED;
    else if (st->state != CERT_EXPIRED && st->state != CERT_REVOKED)
        st->state = CERT_READY;   /* an expired one stays shown as such */
    return 0;
}

int app_cert_request(struct app *a, size_t ti, struct lp_err *err)
{
    struct app_cert_status st;
    int rc = app_cert_status(a, ti, &st, err);
    if (rc)
        return rc;
    int left = st.left != NULL;
    free(st.left);
    if (left || st.state == CERT_NONE)
        return lp_errf(err, LP_USAGE, "the %s certificate cannot be "
                       "requested yet: requirements are left (see the "
                       "certificate screen)", a->tracks[ti].id);
    if (st.state != CERT_READY && st.state != CERT_EXPIRED &&
        st.state != CERT_REVOKED)
        return lp_errf(err, LP_USAGE, "the %s certificate cannot be "
                       "requested: its status is '%s'", a->tracks[ti].id,
                       app_cert_state_name(st.state));
    if (store_cert_request_add(a->st, a->user, a->tracks[ti].id,
                               (int64_t)time(NULL), NULL)) {
        *err = *store_err(a->st);
        return -err->status;
    }
    return 0;
}

char *app_track_summary(const struct app *a, size_t ti)
{
    const struct app_track *tr = &a->tracks[ti];
    struct sb s;
    sb_init(&s);
    if (tr->done_mods < tr->nmods) {
        sb_printf(&s, "Track '%s': %zu of %zu modules done.\n", tr->title,
                  tr->done_mods, tr->nmods);
        return sb_steal(&s);
    }
    char *cert = app_cert_text(a, ti);
    sb_printf(&s, "Track '%s' (version %s) complete: every lesson and "
              "scenario is passed.\n", tr->title, tr->version);
    for (size_t i = 0; i < tr->nmods; i++) {
        const struct app_module *m = &tr->mods[i];
        char st[64];
        app_lesson_state(m, st, sizeof st);
        sb_printf(&s, "  %s: lesson %s", m->title, st);
        for (size_t k = 0; k < m->nscn; k++)
            sb_printf(&s, "; %s best %.0f%%", m->scn[k].file,
                      m->scn[k].prog.best);
        sb_putc(&s, '\n');
    }
    sb_printf(&s, "Certificate: %s. Your instructor issues it after "
              "re-scoring your transcripts (lprsim cert issue).\n", cert);
    free(cert);
    return sb_steal(&s);
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
    const char *pre = s->prog_exam ? "exam " : "";
    if (s->prog.active_session)
        snprintf(buf, n, "%sin progress", pre);
    else if (s->prog.passed)
        snprintf(buf, n, "%spassed, best %.0f%%", pre, s->prog.best);
    else if (s->prog.attempts)
        snprintf(buf, n, "%sbest %.0f%%, not passed", pre, s->prog.best);
    else if (s->prog_exam && s->practice.passed)
        snprintf(buf, n, "practiced, exam next");
    else
        snprintf(buf, n, "%snot started", pre);
}

int app_scenario_restart(struct app *a, struct app_scn *s, struct lp_err *err)
{
    if (s->prog.active_session &&
        store_progress_abandon(a->st, s->prog.active_session)) {
        return store_err_copy(a->st, err);
    }
    s->prog.active_session = 0;
    return app_refresh(a, err);
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
        return store_err_copy(a->st, err);
    }
    return app_refresh(a, err);
}

int app_lesson_read(struct app *a, const struct app_module *m,
                    struct lp_err *err)
{
    if (!a->user)
        return lp_errf(err, LP_USAGE, "nobody is signed in");
    if (store_lesson_read_mark(a->st, a->user, m->lesson_id,
                               (int64_t)time(NULL))) {
        *err = *store_err(a->st);
        return -err->status;
    }
    return 0;
}

/* The saved answers: "2,0,-1"; the wall clock of the save. */
static int check_save(struct app *a, const struct app_module *m,
                      const struct app_check *c, struct lp_err *err)
{
    struct sb ans;
    sb_init(&ans);
    for (size_t i = 0; i < c->answered; i++)
        sb_printf(&ans, "%s%d", i ? "," : "", c->answer[i]);
    int rc = store_check_state_set(a->st, a->user, m->lesson_id,
                                   (int64_t)c->at.seed,
                                   ans.buf ? ans.buf : "",
                                   (int64_t)time(NULL));
    sb_free(&ans);
    if (rc) {
        *err = *store_err(a->st);
        return -err->status;
    }
    return 0;
}

int app_check_begin(struct app *a, const struct app_module *m,
                    const struct lesson *l, struct app_check *c,
                    struct lp_err *err)
{
    memset(c, 0, sizeof *c);
    c->l = l;
    for (size_t i = 0; i < LESSON_MAX_DRAW; i++)
        c->answer[i] = -1;
    if (!a->user)
        return lp_errf(err, LP_USAGE, "nobody is signed in");
    int64_t seed = 0;
    char *ans = NULL;
    int attempts = 0;
    int rc = store_check_state_get(a->st, a->user, m->lesson_id, &seed, &ans);
    if (rc < 0 ||
        store_lesson_attempts(a->st, a->user, m->lesson_id, &attempts)) {
        free(ans);
        *err = *store_err(a->st);
        return -err->status;
    }
    c->attempt = attempts + 1;
    if (rc == 1) {
        lesson_attempt_make(l, (uint64_t)seed, &c->at);
        c->resumed = 1;
        for (char *p = ans; p && *p && c->answered < c->at.n;) {
            char *end = NULL;
            long v = strtol(p, &end, 10);
            if (end == p || v < 0 || (size_t)v >= c->at.nopts[c->answered])
                break;   /* a damaged state: keep what is sound */
            c->answer[c->answered++] = (int)v;
            p = *end == ',' ? end + 1 : end;
        }
        free(ans);
        return 0;
    }
    /* a fresh variant: the draw and the order of the options */
    if (sodium_init() < 0)
        return lp_errf(err, LP_FAIL, "cannot initialise libsodium");
    uint64_t s2 = 0;
    randombytes_buf(&s2, sizeof s2);
    lesson_attempt_make(l, s2 >> 1, &c->at);
    return check_save(a, m, c, err);
}

int app_check_answer(struct app *a, const struct app_module *m,
                     struct app_check *c, size_t k, struct lp_err *err)
{
    if (c->answered >= c->at.n)
        return lp_errf(err, LP_USAGE, "every question is answered");
    if (k >= c->at.nopts[c->answered])
        return lp_errf(err, LP_USAGE, "no option %zu", k + 1);
    c->answer[c->answered++] = (int)k;
    return check_save(a, m, c, err);
}

int app_check_clear(struct app *a, const struct app_module *m,
                    struct app_check *c, struct lp_err *err)
{
    for (size_t i = 0; i < LESSON_MAX_DRAW; i++)
        c->answer[i] = -1;
    c->answered = 0;
    return check_save(a, m, c, err);
}

int app_check_submit(struct app *a, struct app_module *m, struct app_check *c,
                     size_t *right, int *passed, int *reveal,
                     struct lp_err *err)
{
    *right = 0;
    *passed = *reveal = 0;
    if (c->answered < c->at.n)
        return lp_errf(err, LP_USAGE, "%zu of %zu questions answered",
                       c->answered, c->at.n);
    for (size_t i = 0; i < c->at.n; i++)
        *right += (size_t)lesson_attempt_ok(c->l, &c->at, i,
                                            (size_t)c->answer[i]);
    int rc = app_lesson_record(a, m, (int)*right, (int)c->at.n, passed, err);
    if (rc)
        return rc;
    if (store_check_state_clear(a->st, a->user, m->lesson_id)) {
        *err = *store_err(a->st);
        return -err->status;
    }
    *reveal = *passed || c->attempt >= c->l->attempts;
    return 0;
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
