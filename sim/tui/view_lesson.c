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

/* The reader's own state: the open lesson and its wrapped lines. */
struct reader {
    size_t track, mod;            /* the module of the open lesson */
    struct lesson *lesson;        /* NULL when it could not be loaded */
    char err[600];                /* ... and why */
    struct lesson_lines lines;    /* its body wrapped to width */
    int width;
    size_t top;                   /* the first line shown */
    int read_marked;              /* its end was on screen (recorded) */
};

static void reader_clear(void *p)
{
    struct reader *r = p;
    lesson_free(r->lesson);
    r->lesson = NULL;
    lesson_lines_free(&r->lines);
    r->width = 0;
    r->err[0] = '\0';
    r->top = 0;
    r->read_marked = 0;
}

static struct reader *reader_of(struct tui *t)
{
    return tui_state(t, &view_lesson, sizeof(struct reader), reader_clear);
}

void tui_open_lesson(struct tui *t, size_t ti, size_t mi)
{
    struct lp_err err = {0};
    struct reader *r = reader_of(t);
    reader_clear(r);
    r->track = ti;
    r->mod = mi;
    char *path = app_lesson_path(&t->app, &t->app.tracks[ti].mods[mi]);
    if (lesson_load(path, &r->lesson, &err))
        snprintf(r->err, sizeof r->err, "%s", err.msg);
    free(path);
    tui_switch(t, &view_lesson);
}

const struct lesson *tui_lesson(struct tui *t, size_t *ti, size_t *mi)
{
    struct reader *r = reader_of(t);
    if (ti)
        *ti = r->track;
    if (mi)
        *mi = r->mod;
    return r->lesson;
}

size_t tui_lesson_top(struct tui *t)
{
    return reader_of(t)->top;
}

void tui_lesson_set_top(struct tui *t, size_t top)
{
    struct reader *r = reader_of(t);
    if (r->lesson)
        r->top = top;
}

static int text_rows(const struct tui *t)
{
    return t->rows - 4 - 4;
}

static void rewrap(struct tui *t)
{
    struct reader *r = reader_of(t);
    int w = t->cols - 4 > 100 ? 100 : t->cols - 4;
    if (r->width == w || !r->lesson)
        return;
    /* keep the reading position across a resize */
    size_t old = r->lines.n;
    double frac = old ? (double)r->top / (double)old : 0;
    lesson_lines_free(&r->lines);
    tui_wrap(r->lesson->body, w, &r->lines);
    r->width = w;
    if (old)
        r->top = (size_t)(frac * (double)r->lines.n);
}

static size_t max_top(struct tui *t)
{
    const struct reader *rd = reader_of(t);
    int r = text_rows(t);
    return rd->lines.n > (size_t)r ? rd->lines.n - (size_t)r : 0;
}

static void lesson_draw(struct tui *t)
{
    struct reader *rd = reader_of(t);
    const struct app_module *m = &t->app.tracks[rd->track].mods[rd->mod];
    tui_frame(t, "Lesson", " Up/Down PgUp/PgDn scroll  c knowledge check  "
                           "q/Esc back  ? help  Q quit");
    if (!rd->lesson) {
        tui_putf(t, 2, 2, t->cols - 4, TR_HEAD, "%s", m->title);
        tui_put(t, 4, 2, t->cols - 4, TR_BAD,
                "This lesson cannot be shown:");
        struct lesson_lines ls = {0};
        tui_wrap(rd->err, t->cols - 6, &ls);
        for (size_t i = 0; i < ls.n && i < 6; i++)
            tui_put(t, 5 + (int)i, 4, t->cols - 6, TR_NORMAL, ls.v[i].text);
        lesson_lines_free(&ls);
        tui_put(t, 12, 2, t->cols - 4, TR_NORMAL,
                "Tell your instructor; press q or Esc to go back.");
        return;
    }
    rewrap(t);
    if (rd->top > max_top(t))
        rd->top = max_top(t);
    tui_putf(t, 2, 2, t->cols - 4, TR_HEAD, "%s", rd->lesson->title);
    if (rd->lesson->rules)
        tui_putf(t, 2, t->cols - 18, 16, TR_DIM, "rules %s",
                 rd->lesson->rules);
    int r = text_rows(t);
    for (int i = 0; i < r && rd->top + (size_t)i < rd->lines.n; i++) {
        const struct lesson_line *l = &rd->lines.v[rd->top + (size_t)i];
        int role = l->style == LS_HEADING ? TR_HEAD
                   : l->style == LS_QUOTE ? TR_QUOTE
                   : l->style == LS_CODE ? TR_WARN : TR_NORMAL;
        tui_put(t, 4 + i, 2, t->cols - 4, role, l->text);
    }
    size_t last = rd->top + (size_t)r;
    if (last > rd->lines.n)
        last = rd->lines.n;
    int pct = rd->lines.n ? (int)(last * 100 / rd->lines.n) : 100;
    if (last >= rd->lines.n)
        tui_put(t, t->rows - 3, 2, t->cols - 4, TR_OK,
                "End of the lesson: press c for the knowledge check.");
    else
        tui_putf(t, t->rows - 3, 2, t->cols - 4, TR_DIM,
                 "lines %zu-%zu of %zu (%d%%) - Down or PgDn for more",
                 rd->top + 1, last, rd->lines.n, pct);
}

static int lesson_key_inner(struct tui *t, int ch);

/* Every scroll is saved at once (a tiny write), so that even a crash
 * resumes at the same line. */
static int lesson_key(struct tui *t, int ch)
{
    struct reader *rd = reader_of(t);
    size_t before = rd->top;
    /* the end was on screen when a key came: the lesson was read to its
     * end (a certificate needs it; exams count only after it) */
    if (rd->lesson && !rd->read_marked && rd->top >= max_top(t)) {
        struct lp_err err = {0};
        if (app_lesson_read(&t->app, &t->app.tracks[rd->track].mods[rd->mod],
                            &err))
            tui_msg(t, 1, "%s", err.msg);
        else
            rd->read_marked = 1;
    }
    int r = lesson_key_inner(t, ch);
    if (t->cur == &view_lesson && rd->top != before)
        tui_save_place(t);
    return r;
}

static int lesson_key_inner(struct tui *t, int ch)
{
    struct reader *rd = reader_of(t);
    int page = text_rows(t) - 1;
    switch (ch) {
    case KEY_UP:
    case 'k':
        if (rd->top)
            rd->top--;
        return 1;
    case KEY_DOWN:
    case 'j':
        if (rd->top < max_top(t))
            rd->top++;
        return 1;
    case KEY_PPAGE:
    case 'b':
        rd->top = rd->top > (size_t)page ? rd->top - (size_t)page : 0;
        return 1;
    case KEY_NPAGE:
    case ' ':
        rd->top += (size_t)page;
        if (rd->top > max_top(t))
            rd->top = max_top(t);
        return 1;
    case KEY_HOME:
        rd->top = 0;
        return 1;
    case KEY_END:
        rd->top = max_top(t);
        return 1;
    case KEY_MOUSE: {
        MEVENT ev;
        if (getmouse(&ev) == OK) {
            if ((ev.bstate & BUTTON4_PRESSED) && rd->top >= 3)
                rd->top -= 3;
            else if (ev.bstate & BUTTON4_PRESSED)
                rd->top = 0;
            else if (ev.bstate & BUTTON5_PRESSED)
                rd->top = rd->top + 3 > max_top(t) ? max_top(t)
                                                     : rd->top + 3;
        }
        return 1;
    }
    case 'c':
    case '\n':
    case KEY_ENTER:
        if (!rd->lesson)
            return 1;
        if (ch != 'c' && rd->top < max_top(t)) {
            rd->top += (size_t)page;
            if (rd->top > max_top(t))
                rd->top = max_top(t);
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
            "- q or Esc: back to the dashboard (your place is kept); Q "
            "quits",
    .draw = lesson_draw,
    .key = lesson_key,
    .leave = lesson_leave,
};
