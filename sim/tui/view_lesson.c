/*
 * view_lesson.c - the lesson reader: a module's lesson wrapped to the
 * window, scrolled with the arrow and page keys (or the mouse wheel),
 * leading to its knowledge check.  A broken lesson file is reported on
 * screen.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

void tui_open_lesson(struct tui *t, size_t ti, size_t mi)
{
    struct lp_err err = {0};
    lesson_free(t->lesson);
    t->lesson = NULL;
    lesson_lines_free(&t->lines);
    t->lines_width = 0;
    t->lesson_err[0] = '\0';
    t->l_track = ti;
    t->l_mod = mi;
    t->l_top = 0;
    char *path = app_lesson_path(&t->app, &t->app.tracks[ti].mods[mi]);
    if (lesson_load(path, &t->lesson, &err))
        snprintf(t->lesson_err, sizeof t->lesson_err, "%s", err.msg);
    free(path);
    tui_switch(t, &view_lesson);
}

static int text_rows(const struct tui *t)
{
    return t->rows - 4 - 4;
}

static void rewrap(struct tui *t)
{
    int w = t->cols - 4 > 100 ? 100 : t->cols - 4;
    if (t->lines_width == w || !t->lesson)
        return;
    /* keep the reading position across a resize */
    size_t old = t->lines.n;
    double frac = old ? (double)t->l_top / (double)old : 0;
    lesson_lines_free(&t->lines);
    tui_wrap(t->lesson->body, w, &t->lines);
    t->lines_width = w;
    if (old)
        t->l_top = (size_t)(frac * (double)t->lines.n);
}

static size_t max_top(const struct tui *t)
{
    int r = text_rows(t);
    return t->lines.n > (size_t)r ? t->lines.n - (size_t)r : 0;
}

static void lesson_draw(struct tui *t)
{
    const struct app_module *m = &t->app.tracks[t->l_track].mods[t->l_mod];
    tui_frame(t, "Lesson", " Up/Down PgUp/PgDn scroll  c knowledge check  "
                           "Esc dashboard  ? help  q quit");
    if (!t->lesson) {
        tui_putf(t, 2, 2, t->cols - 4, TR_HEAD, "%s", m->title);
        tui_put(t, 4, 2, t->cols - 4, TR_BAD,
                "This lesson cannot be shown:");
        struct lesson_lines ls = {0};
        tui_wrap(t->lesson_err, t->cols - 6, &ls);
        for (size_t i = 0; i < ls.n && i < 6; i++)
            tui_put(t, 5 + (int)i, 4, t->cols - 6, TR_NORMAL, ls.v[i].text);
        lesson_lines_free(&ls);
        tui_put(t, 12, 2, t->cols - 4, TR_NORMAL,
                "Tell your instructor; press Esc to go back.");
        return;
    }
    rewrap(t);
    if (t->l_top > max_top(t))
        t->l_top = max_top(t);
    tui_putf(t, 2, 2, t->cols - 4, TR_HEAD, "%s", t->lesson->title);
    if (t->lesson->rules)
        tui_putf(t, 2, t->cols - 18, 16, TR_DIM, "rules %s",
                 t->lesson->rules);
    int r = text_rows(t);
    for (int i = 0; i < r && t->l_top + (size_t)i < t->lines.n; i++) {
        const struct lesson_line *l = &t->lines.v[t->l_top + (size_t)i];
        int role = l->style == LS_HEADING ? TR_HEAD
                   : l->style == LS_QUOTE ? TR_QUOTE
                   : l->style == LS_CODE ? TR_WARN : TR_NORMAL;
        tui_put(t, 4 + i, 2, t->cols - 4, role, l->text);
    }
    size_t last = t->l_top + (size_t)r;
    if (last > t->lines.n)
        last = t->lines.n;
    int pct = t->lines.n ? (int)(last * 100 / t->lines.n) : 100;
    if (last >= t->lines.n)
        tui_put(t, t->rows - 3, 2, t->cols - 4, TR_OK,
                "End of the lesson: press c for the knowledge check.");
    else
        tui_putf(t, t->rows - 3, 2, t->cols - 4, TR_DIM,
                 "lines %zu-%zu of %zu (%d%%) - Down or PgDn for more",
                 t->l_top + 1, last, t->lines.n, pct);
}

static int lesson_key_inner(struct tui *t, int ch);

/* Every scroll is saved at once (a tiny write), so that even a crash
 * resumes at the same line. */
static int lesson_key(struct tui *t, int ch)
{
    size_t before = t->l_top;
    int r = lesson_key_inner(t, ch);
    if (t->cur == &view_lesson && t->l_top != before)
        tui_save_place(t);
    return r;
}

static int lesson_key_inner(struct tui *t, int ch)
{
    int page = text_rows(t) - 1;
    switch (ch) {
    case KEY_UP:
    case 'k':
        if (t->l_top)
            t->l_top--;
        return 1;
    case KEY_DOWN:
    case 'j':
        if (t->l_top < max_top(t))
            t->l_top++;
        return 1;
    case KEY_PPAGE:
    case 'b':
        t->l_top = t->l_top > (size_t)page ? t->l_top - (size_t)page : 0;
        return 1;
    case KEY_NPAGE:
    case ' ':
        t->l_top += (size_t)page;
        if (t->l_top > max_top(t))
            t->l_top = max_top(t);
        return 1;
    case KEY_HOME:
        t->l_top = 0;
        return 1;
    case KEY_END:
        t->l_top = max_top(t);
        return 1;
    case KEY_MOUSE: {
        MEVENT ev;
        if (getmouse(&ev) == OK) {
            if ((ev.bstate & BUTTON4_PRESSED) && t->l_top >= 3)
                t->l_top -= 3;
            else if (ev.bstate & BUTTON4_PRESSED)
                t->l_top = 0;
            else if (ev.bstate & BUTTON5_PRESSED)
                t->l_top = t->l_top + 3 > max_top(t) ? max_top(t)
                                                     : t->l_top + 3;
        }
        return 1;
    }
    case 'c':
    case '\n':
    case KEY_ENTER:
        if (!t->lesson)
            return 1;
        if (ch != 'c' && t->l_top < max_top(t)) {
            t->l_top += (size_t)page;
            if (t->l_top > max_top(t))
                t->l_top = max_top(t);
            return 1;
        }
        tui_switch(t, &view_check);
        return 1;
    case 27:
    case KEY_LEFT:
        tui_switch(t, &view_dashboard);
        return 1;
    default:
        return 0;
    }
}

static void lesson_leave(struct tui *t)
{
    tui_save_place(t);
}

const struct view view_lesson = {
    .name = "Lesson",
    .help = "A lesson explains one group of rules of the 2017 guidance: "
            "the guidance's own words (quoted with '>'), the same in plain "
            "words, and a worked example. Read it to the end, then take "
            "the short knowledge check.\n\n"
            "- Up/Down (or j/k): one line; PgUp/PgDn (or b/Space): a page; "
            "Home/End\n"
            "- Enter: next page, and at the end the knowledge check\n"
            "- c: the knowledge check now\n"
            "- Esc: back to the dashboard (your place is kept)",
    .draw = lesson_draw,
    .key = lesson_key,
    .leave = lesson_leave,
};
