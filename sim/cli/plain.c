/*
 * plain.c - the plain line mode (lprsim --plain, or when stdout is not a
 * terminal): the terminal application's flows - sign-in, dashboard,
 * lessons and checks, scenarios, results - as numbered prompts on plain
 * lines, for screen readers (Section 508) and scripts.  The flow logic
 * lives in core/learn/appstate.c, shared with the TUI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/plain.h"
#include "core/learn/appstate.h"
#include "core/learn/lesson.h"
#include "util/paths.h"

#define PLAIN_WIDTH 78

/* Prints the prompt and reads one line into buf (newline removed).
 * Returns 0, or -1 at end of input. */
int plain_ask(struct plain *p, const char *prompt, char *buf, size_t n)
{
    printf("%s: ", prompt);
    fflush(stdout);
    if (!fgets(buf, (int)n, stdin)) {
        printf("\n");
        p->eof = 1;
        return -1;
    }
    size_t k = strlen(buf);
    if (k && buf[k - 1] != '\n' && !feof(stdin)) {
        int c;
        while ((c = getchar()) != EOF && c != '\n')
            ;
    }
    while (k && (buf[k - 1] == '\n' || buf[k - 1] == '\r' ||
                 buf[k - 1] == ' '))
        buf[--k] = '\0';
    char *s = buf;
    while (*s == ' ')
        s++;
    memmove(buf, s, strlen(s) + 1);
    if (!isatty(0))
        printf("%s\n", buf); /* echo, so a transcript reads naturally */
    return 0;
}

int plain_yes_no(struct plain *p, const char *prompt)
{
    char buf[64];
    for (;;) {
        if (plain_ask(p, prompt, buf, sizeof buf))
            return -1;
        if (strcmp(buf, "y") == 0 || strcmp(buf, "Y") == 0 ||
            strcmp(buf, "yes") == 0)
            return 1;
        if (strcmp(buf, "n") == 0 || strcmp(buf, "N") == 0 ||
            strcmp(buf, "no") == 0)
            return 0;
        printf("Please type y or n.\n");
    }
}

void plain_print_wrapped(const char *text, const char *indent)
{
    struct lesson_lines ls = {0};
    lesson_wrap(text, PLAIN_WIDTH - (int)strlen(indent), &ls);
    for (size_t i = 0; i < ls.n; i++)
        printf("%s%s\n", indent, ls.v[i].text);
    lesson_lines_free(&ls);
}

static void save_place(struct plain *p, const char *place)
{
    struct lp_err err = {0};
    if (app_place_save(&p->app, place, &err))
        printf("Problem: %s\n", err.msg);
}

/* ---- sign-in ---- */

static int signin(struct plain *p, const char *user)
{
    struct lp_err err = {0};
    char buf[300];
    if (user && *user) {
        int rc = app_signin(&p->app, user, &err);
        if (rc == 0) {
            printf("Signed in as %s (%s).\n", p->app.user,
                   p->app.user_name);
            return 0;
        }
        printf("%s\n", rc < 0 ? err.msg : "That id is not on the roster.");
    }
    for (;;) {
        struct app_person *v = NULL;
        size_t n = 0;
        printf("\nSign in\n");
        if (app_people(&p->app, &v, &n, &err)) {
            printf("Problem: %s\n", err.msg);
            return -1;
        }
        for (size_t i = 0; i < n; i++)
            printf("  %zu) %s, %s (%s)\n", i + 1, v[i].id, v[i].name,
                   v[i].role);
        if (n == 0)
            printf("The roster is empty.\n");
        if (plain_ask(p, n ? "Type a number, or your personnel id (new "
                             "trainees: a new id; q quits)"
                           : "Type your personnel id (q quits)",
                      buf, sizeof buf)) {
            app_people_free(v, n);
            return -1;
        }
        if (strcmp(buf, "q") == 0) {
            app_people_free(v, n);
            return -1;
        }
        int64_t k;
        char id[300];
        if (n && lp_parse_i64(buf, 1, (int64_t)n, &k) == 0)
            snprintf(id, sizeof id, "%s", v[k - 1].id);
        else
            snprintf(id, sizeof id, "%s", buf);
        app_people_free(v, n);
        int rc = app_signin(&p->app, id, &err);
        if (rc < 0) {
            printf("Problem: %s\n", err.msg);
            continue;
        }
        if (rc == 1) {
            printf("'%s' is not on the roster yet.\n", id);
            if (plain_ask(p, "Your name, to join as a trainee (empty to go "
                             "back)", buf, sizeof buf))
                return -1;
            if (!buf[0])
                continue;
            if (app_register(&p->app, id, buf, &err)) {
                printf("Problem: %s\n", err.msg);
                continue;
            }
        }
        printf("Signed in as %s (%s).\n", p->app.user, p->app.user_name);
        return 0;
    }
}

/* ---- lessons ---- */

/* After an attempt that passed or used the last try: each question with
 * the right answer, the one given and why. */
static void check_reveal(const struct app_check *c)
{
    const struct lesson *l = c->l;
    printf("\nThe answers:\n");
    for (size_t i = 0; i < c->at.n; i++) {
        const struct lesson_q *q = &l->qs[c->at.q[i]];
        printf("\nQuestion %zu: ", i + 1);
        plain_print_wrapped(q->text, "");
        for (size_t k = 0; k < c->at.nopts[i]; k++)
            if (lesson_attempt_ok(l, &c->at, i, k))
                printf("  Right answer: %zu) %s\n", k + 1,
                       q->opts[c->at.opt[i][k]]);
        printf("  Your answer:  %d) %s\n", c->answer[i] + 1,
               q->opts[c->at.opt[i][c->answer[i]]]);
        printf("  Why: ");
        plain_print_wrapped(q->why, "  ");
    }
}

static void check(struct plain *p, struct app_module *m, struct lesson *l)
{
    char buf[64];
    struct lp_err err = {0};
    struct app_check c;
    if (app_check_begin(&p->app, m, l, &c, &err)) {
        printf("Problem: %s\n", err.msg);
        return;
    }
    printf("\nKnowledge check: %s (%zu questions drawn from a bank of %zu; "
           "attempt %d)\n", m->title, c.at.n, l->nqs, c.attempt);
    if (c.resumed)
        printf("Resuming your check: %zu of %zu answered.\n", c.answered,
               c.at.n);
    printf("The right answers are shown once you pass, or after attempt "
           "%d.\n", l->attempts);
    for (;;) {
        while (c.answered < c.at.n && !p->eof) {
            size_t i = c.answered;
            const struct lesson_q *q = &l->qs[c.at.q[i]];
            printf("\nQuestion %zu of %zu\n", i + 1, c.at.n);
            plain_print_wrapped(q->text, "");
            for (size_t k = 0; k < c.at.nopts[i]; k++)
                printf("  %zu) %s\n", k + 1, q->opts[c.at.opt[i][k]]);
            int64_t a;
            for (;;) {
                char prompt[40];
                snprintf(prompt, sizeof prompt, "Answer (1-%zu)",
                         c.at.nopts[i]);
                if (plain_ask(p, prompt, buf, sizeof buf))
                    return;   /* saved: the next start resumes here */
                if (lp_parse_i64(buf, 1, (int64_t)c.at.nopts[i], &a) == 0)
                    break;
                printf("Please type a number from 1 to %zu.\n",
                       c.at.nopts[i]);
            }
            if (app_check_answer(&p->app, m, &c, (size_t)(a - 1), &err)) {
                printf("Problem: %s\n", err.msg);
                return;
            }
        }
        if (p->eof)
            return;
        if (plain_ask(p, "Submit your answers? (y submits, n answers "
                         "again)", buf, sizeof buf))
            return;
        if (buf[0] == 'y' || buf[0] == 'Y')
            break;
        if (app_check_clear(&p->app, m, &c, &err)) {
            printf("Problem: %s\n", err.msg);
            return;
        }
    }
    size_t right = 0;
    int passed = 0, reveal = 0;
    if (app_check_submit(&p->app, m, &c, &right, &passed, &reveal, &err)) {
        printf("Problem: %s\n", err.msg);
        return;
    }
    printf("\n%zu of %zu right: %s\n", right, c.at.n,
           passed ? "passed." : "not passed yet; read the lesson again and "
                                "retake the check.");
    if (reveal)
        check_reveal(&c);
    else
        printf("The right answers stay hidden until you pass or use "
               "attempt %d.\n", l->attempts);
}

static void lesson(struct plain *p, size_t ti, size_t mi)
{
    struct lp_err err = {0};
    struct lesson *l = NULL;
    struct app_module *m = &p->app.tracks[ti].mods[mi];
    char place[200], buf[64];
    snprintf(place, sizeof place, "lesson %s %s 0", p->app.tracks[ti].id,
             m->id);
    save_place(p, place);
    char *path = app_lesson_path(&p->app, m);
    int rc = lesson_load(path, &l, &err);
    free(path);
    if (rc) {
        printf("This lesson cannot be shown: %s\n"
               "Tell your instructor.\n", err.msg);
        return;
    }
    printf("\nLesson: %s\n", l->title);
    if (l->rules)
        printf("Rules: %s\n", l->rules);
    printf("\n");
    plain_print_wrapped(l->body, "");
    if (app_lesson_read(&p->app, m, &err))
        printf("Problem: %s\n", err.msg);
    printf("\nEnd of the lesson.\n  1) take the knowledge check\n"
           "  2) back to the dashboard\n");
    for (;;) {
        if (plain_ask(p, "Choice (1 or 2)", buf, sizeof buf))
            break;
        if (strcmp(buf, "1") == 0) {
            check(p, m, l);
            break;
        }
        if (strcmp(buf, "2") == 0 || strcmp(buf, "q") == 0)
            break;
        printf("Please type 1 (the knowledge check) or 2 (back to the "
               "dashboard).\n");
    }
    lesson_free(l);
    if (p->eof)
        return; /* input ended mid-lesson: resume here next time */
    char d[64];
    snprintf(d, sizeof d, "dashboard %zu", ti);
    save_place(p, d);
}

/* ---- dashboard ---- */

struct item {
    size_t mod;
    int scn;
};

static void dashboard(struct plain *p)
{
    char buf[64];
    struct lp_err err = {0};
    for (;;) {
        if (p->app.ntracks == 0) {
            printf("No curriculum track could be loaded.\n%s",
                   p->app.problems.buf ? p->app.problems.buf : "");
            return;
        }
        if (app_refresh(&p->app, &err))
            printf("Problem: %s\n", err.msg);
        const struct app_track *tr = &p->app.tracks[p->track];
        char *cert = app_cert_text(&p->app, p->track);
        struct app_step st;
        app_next(&p->app, p->track, &st);
        char *next = app_step_text(&p->app, &st);
        printf("\nDashboard, track %s: %s (version %s)\n"
               "%zu of %zu modules done. Status: %s.\n%s\n",
               tr->id, tr->title, tr->version, tr->done_mods, tr->nmods,
               cert, next);
        free(cert);
        free(next);
        plain_expiry_line(p);
        struct item items[512];
        size_t n = 0;
        for (size_t i = 0; i < tr->nmods && n < 512; i++) {
            char s[64];
            app_lesson_state(&tr->mods[i], s, sizeof s);
            items[n++] = (struct item){i, -1};
            printf("  %zu) Lesson %zu: %s - %s\n", n, i + 1,
                   tr->mods[i].title, s);
            for (size_t k = 0; k < tr->mods[i].nscn && n < 512; k++) {
                app_scn_state(&tr->mods[i].scn[k], s, sizeof s);
                items[n++] = (struct item){i, (int)k};
                printf("  %zu) Scenario %s - %s\n", n,
                       tr->mods[i].scn[k].file, s);
            }
        }
        printf("  n) the next step\n");
        printf("  c) my certificate\n");
        if (p->app.ntracks > 1)
            printf("  t) switch to track %s\n",
                   p->app.tracks[(p->track + 1) % p->app.ntracks].id);
        int instr = plain_is_instructor(p);
        if (instr)
            printf("  r) records: class, people, sessions (instructors)\n");
        printf("  q) quit\n");
        if (plain_ask(p, "Choice", buf, sizeof buf))
            return;
        int64_t k;
        if (strcmp(buf, "q") == 0)
            return;
        if (instr && strcmp(buf, "r") == 0) {
            plain_records(p);
            if (p->eof)
                return;
            continue;
        }
        if (strcmp(buf, "t") == 0) {
            p->track = (p->track + 1) % p->app.ntracks;
            snprintf(buf, sizeof buf, "dashboard %zu", p->track);
            save_place(p, buf);
            continue;
        }
        if (strcmp(buf, "c") == 0) {
            plain_cert(p, p->track);
        } else if (strcmp(buf, "n") == 0) {
            if (st.kind == STEP_LESSON)
                lesson(p, st.track, st.module);
            else if (st.kind == STEP_SCENARIO)
                plain_scenario(p, st.track, st.module, st.scn);
            else
                printf("This track is complete.\n");
        } else if (lp_parse_i64(buf, 1, (int64_t)n, &k) == 0) {
            if (items[k - 1].scn < 0)
                lesson(p, p->track, items[k - 1].mod);
            else
                plain_scenario(p, p->track, items[k - 1].mod,
                               (size_t)items[k - 1].scn);
        } else {
            printf("Please type a number from 1 to %zu, n, c, t or q.\n", n);
        }
        if (p->eof)
            return;
    }
}

/* After sign-in: an unfinished scenario or the saved lesson first. */
static void resume(struct plain *p)
{
    for (size_t ti = 0; ti < p->app.ntracks; ti++)
        for (size_t mi = 0; mi < p->app.tracks[ti].nmods; mi++) {
            const struct app_module *m = &p->app.tracks[ti].mods[mi];
            for (size_t k = 0; k < m->nscn; k++)
                if (m->scn[k].prog.active_session) {
                    printf("Resuming scenario %s where you left it.\n",
                           m->scn[k].file);
                    p->track = ti;
                    plain_scenario(p, ti, mi, k);
                    return;
                }
        }
    char *place = app_place_load(&p->app);
    char kind[16] = "", track[64] = "", mod[64] = "";
    size_t ti, mi;
    if (place && sscanf(place, "%15s %63s %63s", kind, track, mod) >= 2) {
        if (strcmp(kind, "lesson") == 0 &&
            app_find(&p->app, track, mod, &ti, &mi) == 0) {
            printf("Resuming the lesson you were reading.\n");
            p->track = ti;
            lesson(p, ti, mi);
        } else if (strcmp(kind, "dashboard") == 0) {
            size_t d = strtoul(track, NULL, 10);
            p->track = d < p->app.ntracks ? d : 0;
        }
    }
    free(place);
}

int plain_run(struct cli *c)
{
    struct plain p;
    struct lp_err err = {0};
    memset(&p, 0, sizeof p);
    p.cli = c;
    if (app_init(&p.app, c->st, c->now, paths_root(), &err))
        return cli_fail_err(&err);
    printf("lprsim %s, plain mode. Answer each prompt with the number of "
           "a choice and Enter; q quits. Your work is saved as you go.\n",
           LPRSIM_VERSION);
    if (p.app.problems.len)
        printf("Problem: %s", p.app.problems.buf);
    if (signin(&p, c->user) == 0) {
        resume(&p);
        if (!p.eof)
            dashboard(&p);
    }
    printf("Goodbye. Your progress is saved.\n");
    plain_scn_free(&p);
    app_free(&p.app);
    return 0;
}
