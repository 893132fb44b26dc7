/*
 * view_dashboard.c - the dashboard: the tracks (initial, refresher), the
 * progress of each module's lesson and scenarios with best scores, the
 * certificate status and expiry, and what to do next.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "core/learn/report.h"
#include "tui/tui.h"

/* The dashboard's own state. */
struct dash {
    size_t track;     /* the track shown */
    size_t row;       /* the row picked */
};

static struct dash *dash_of(struct tui *t)
{
    return tui_state(t, &view_dashboard, sizeof(struct dash), NULL);
}

size_t tui_dash_track(struct tui *t)
{
    return dash_of(t)->track;
}

void tui_dash_set_track(struct tui *t, size_t track)
{
    dash_of(t)->track = track;
}

/* The rows of the current track: one per lesson, one per scenario. */
struct drow {
    size_t mod;
    int scn;          /* -1: the lesson row */
};

static size_t rows_of(struct tui *t, struct drow *out, size_t max)
{
    size_t n = 0;
    const struct dash *d = dash_of(t);
    if (d->track >= t->app.ntracks)
        return 0;
    const struct app_track *tr = &t->app.tracks[d->track];
    for (size_t i = 0; i < tr->nmods; i++) {
        if (n < max)
            out[n] = (struct drow){i, -1};
        n++;
        for (size_t k = 0; k < tr->mods[i].nscn; k++) {
            if (n < max)
                out[n] = (struct drow){i, (int)k};
            n++;
        }
    }
    return n < max ? n : max;
}

static void dash_enter(struct tui *t)
{
    struct lp_err err = {0};
    if (app_refresh(&t->app, &err))
        tui_msg(t, 1, "%s", err.msg);
}

static void dash_draw(struct tui *t)
{
    struct dash *d = dash_of(t);
    struct drow rows[512];
    if (tui_is_instructor(t))
        tui_frame(t, "Dashboard", " Tab track  Enter open  n next  r records"
                                  "  s sign out  ? help  q/Q quit");
    else
        tui_frame(t, "Dashboard", " Tab track  Up/Down  Enter open  n next "
                                  "step  s sign out  ? help  q/Q quit");
    if (t->app.ntracks == 0) {
        tui_put(t, 2, 2, t->cols - 4, TR_BAD,
                "No curriculum track could be loaded:");
        tui_put(t, 3, 2, t->cols - 4, TR_NORMAL, t->app.problems.buf
                ? t->app.problems.buf : "curriculum/tracks is empty");
        return;
    }
    int x = 1;
    for (size_t i = 0; i < t->app.ntracks; i++) {
        const struct app_track *tr = &t->app.tracks[i];
        x += tui_putf(t, 2, x, t->cols - x - 1,
                      i == d->track ? TR_SEL : TR_NORMAL, " %s (%zu/%zu) ",
                      tr->id, tr->done_mods, tr->nmods);
        x += 1;
    }
    if (t->app.problems.len) {
        /* a broken track file stays in sight (the others still work) */
        char first[300];
        snprintf(first, sizeof first, "%s", t->app.problems.buf);
        first[strcspn(first, "\n")] = '\0';
        char line[320];
        snprintf(line, sizeof line, "Problem: %s", first);
        tui_put_cut(t, t->rows - 3, 1, t->cols - 2, TR_BAD, line);
    }
    const struct app_track *tr = &t->app.tracks[d->track];
    tui_putf(t, 3, 2, t->cols - 4, TR_HEAD, "%s  (version %s)", tr->title,
             tr->version);
    char *cert = app_cert_text(&t->app, d->track);
    int crole = tr->cert && !tr->cert_revoked && tr->cert_expires > t->app.now
                    ? TR_OK : TR_WARN;
    int w = tui_putf(t, 4, 2, t->cols - 4, TR_NORMAL,
                     "%zu of %zu modules done.  ", tr->done_mods, tr->nmods);
    tui_putf(t, 4, 2 + w, t->cols - 4 - w, crole, "Status: %s", cert);
    free(cert);
    struct app_step st;
    app_next(&t->app, d->track, &st);
    char *next = app_step_text(&t->app, &st);
    tui_putf(t, 5, 2, t->cols - 4, TR_OK, "%s (n)", next);
    free(next);
    int urgent = 0;
    char *exp = report_expiry_line(t->app.st, t->app.user, t->app.now,
                                   &urgent);
    if (exp)
        tui_putf(t, 6, 2, t->cols - 4, urgent ? TR_WARN : TR_NORMAL, "%s",
                 exp);
    free(exp);
    tui_putf(t, 7, 2, t->cols - 4, TR_HEAD, "%-44s %-11s %s", "Module",
             "Lesson", "Scenarios");
    size_t n = rows_of(t, rows, sizeof rows / sizeof rows[0]);
    if (d->row >= n)
        d->row = n ? n - 1 : 0;
    int room = t->rows - 8 - 3 - (t->app.problems.len ? 1 : 0);
    size_t first = d->row >= (size_t)room ? d->row - (size_t)room + 1
                                            : 0;
    for (size_t i = first; i < n && (int)(i - first) < room; i++) {
        const struct app_module *m = &tr->mods[rows[i].mod];
        int y = 8 + (int)(i - first), sel = i == d->row;
        char state[64];
        if (rows[i].scn < 0) {
            app_lesson_state(m, state, sizeof state);
            int role = m->done ? TR_OK : TR_NORMAL;
            tui_putf(t, y, 1, t->cols - 2, sel ? TR_SEL : role,
                     "%s%2zu. %-40.40s %-11s %s", sel ? ">" : " ",
                     rows[i].mod + 1, m->title, state,
                     m->nscn ? "" : "(no scenario)");
        } else {
            const struct app_scn *s = &m->scn[rows[i].scn];
            app_scn_state(s, state, sizeof state);
            int role = s->prog.passed ? TR_OK
                       : s->prog.attempts ? TR_WARN : TR_NORMAL;
            tui_putf(t, y, 1, t->cols - 2, sel ? TR_SEL : role,
                     "%s      scenario %-41.41s %s", sel ? ">" : " ",
                     s->file, state);
        }
    }
}

static void open_row(struct tui *t, const struct drow *r)
{
    const struct dash *d = dash_of(t);
    if (r->scn < 0)
        tui_open_lesson(t, d->track, r->mod);
    else
        tui_open_scenario(t, d->track, r->mod, (size_t)r->scn);
}

static int dash_key(struct tui *t, int ch)
{
    /* (recursive for the mouse wheel) */
    struct dash *d = dash_of(t);
    struct drow rows[512];
    size_t n = rows_of(t, rows, sizeof rows / sizeof rows[0]);
    switch (ch) {
    case '\t':
    case KEY_RIGHT:
        if (t->app.ntracks)
            d->track = (d->track + 1) % t->app.ntracks;
        d->row = 0;
        tui_save_place(t);
        return 1;
    case KEY_BTAB:
    case KEY_LEFT:
        if (t->app.ntracks)
            d->track = (d->track + t->app.ntracks - 1) % t->app.ntracks;
        d->row = 0;
        tui_save_place(t);
        return 1;
    case KEY_UP:
    case 'k':
        if (d->row > 0)
            d->row--;
        return 1;
    case KEY_DOWN:
    case 'j':
        if (d->row + 1 < n)
            d->row++;
        return 1;
    case KEY_HOME:
        d->row = 0;
        return 1;
    case KEY_END:
        d->row = n ? n - 1 : 0;
        return 1;
    case '\n':
    case KEY_ENTER:
        if (d->row < n)
            open_row(t, &rows[d->row]);
        return 1;
    case 'n': {
        struct app_step st;
        app_next(&t->app, d->track, &st);
        if (st.kind == STEP_LESSON)
            tui_open_lesson(t, st.track, st.module);
        else if (st.kind == STEP_SCENARIO)
            tui_open_scenario(t, st.track, st.module, st.scn);
        else
            tui_msg(t, 0, "This track is complete: ask your instructor "
                    "for the certificate (lprsim cert issue).");
        return 1;
    }
    case KEY_MOUSE: {
        /* a click picks a row; a click on the picked row (or a double
         * click) opens it; the wheel moves */
        MEVENT ev;
        if (getmouse(&ev) != OK)
            return 1;
        if (ev.bstate & BUTTON4_PRESSED)
            return dash_key(t, KEY_UP);
        if (ev.bstate & BUTTON5_PRESSED)
            return dash_key(t, KEY_DOWN);
        int room = t->rows - 8 - 3 - (t->app.problems.len ? 1 : 0);
        size_t first = d->row >= (size_t)room ? d->row - (size_t)room + 1
                                                : 0;
        if (ev.y < 8 || ev.y >= 8 + room)
            return 1;
        size_t r = first + (size_t)(ev.y - 8);
        if (r >= n)
            return 1;
        int open = r == d->row || (ev.bstate & BUTTON1_DOUBLE_CLICKED);
        d->row = r;
        if (open)
            open_row(t, &rows[r]);
        return 1;
    }
    case 'r':
        if (!tui_is_instructor(t))
            return 0;
        tui_switch(t, &view_instructor);
        return 1;
    case 's':
        free(t->app.user);
        free(t->app.user_name);
        t->app.user = t->app.user_name = NULL;
        tui_switch(t, &view_signin);
        return 1;
    default:
        return 0;
    }
}

const struct view view_dashboard = {
    .name = "Dashboard",
    .help = "Your tracks and your progress. The initial track is for new "
            "personnel; the refresher is taken every year to keep the "
            "certificate valid. Each module has a lesson with a short "
            "knowledge check and scenarios with a pass mark.\n\n"
            "- Tab or Left/Right: switch track\n"
            "- Up/Down: pick a lesson or a scenario; Enter opens it\n"
            "- n: do the next step shown in green\n"
            "- r: the records of the class (instructors)\n"
            "- s: sign out",
    .draw = dash_draw,
    .key = dash_key,
    .enter = dash_enter,
};
