/*
 * view_check.c - a lesson's knowledge check: one question at a time, the
 * options numbered, the answer marked right or wrong with the one-line
 * explanation, and the result recorded (passed at APP_LESSON_PASS %).
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

static void check_enter(struct tui *t)
{
    t->c_q = t->c_sel = t->c_right = 0;
    t->c_answered = t->c_done = t->c_passed = 0;
}

static void check_draw(struct tui *t)
{
    const struct app_module *m = &t->app.tracks[t->l_track].mods[t->l_mod];
    const struct lesson *l = t->lesson;
    tui_frame(t, "Knowledge check",
              t->c_answered || t->c_done
                  ? " Enter continue  Esc lesson  ? help  q quit"
                  : " Up/Down or 1-9 pick  Enter answer  Esc lesson  "
                    "? help  q quit");
    tui_putf(t, 2, 2, t->cols - 4, TR_HEAD, "Check: %s", m->title);
    if (t->c_done) {
        tui_putf(t, 4, 2, t->cols - 4, t->c_passed ? TR_OK : TR_BAD,
                 "%zu of %zu right: %s", t->c_right, l->nqs,
                 t->c_passed ? "passed." : "not passed yet.");
        tui_put(t, 6, 2, t->cols - 4, TR_NORMAL,
                t->c_passed
                    ? "Press Enter to go back to the dashboard and take the "
                      "next step."
                    : "Press Enter to read the lesson again, then retake "
                      "the check.");
        return;
    }
    const struct lesson_q *q = &l->qs[t->c_q];
    tui_putf(t, 3, 2, t->cols - 4, TR_DIM, "Question %zu of %zu", t->c_q + 1,
             l->nqs);
    struct lesson_lines ls = {0};
    tui_wrap(q->text, t->cols - 6, &ls);
    int y = 5;
    for (size_t i = 0; i < ls.n && i < 4; i++)
        tui_put(t, y++, 2, t->cols - 4, TR_NORMAL, ls.v[i].text);
    lesson_lines_free(&ls);
    y++;
    for (size_t i = 0; i < q->nopts; i++) {
        int role = TR_NORMAL;
        const char *mark = "  ";
        if (t->c_answered && q->correct[i]) {
            role = TR_OK;
            mark = t->utf8 ? "\xe2\x9c\x93 " : "v ";
        } else if (t->c_answered && i == t->c_sel) {
            role = TR_BAD;
            mark = t->utf8 ? "\xe2\x9c\x97 " : "x ";
        } else if (!t->c_answered && i == t->c_sel) {
            role = TR_SEL;
            mark = "> ";
        }
        tui_putf(t, y++, 2, t->cols - 4, role, "%s%zu) %s", mark, i + 1,
                 q->opts[i]);
    }
    if (t->c_answered) {
        int ok = lesson_answer_ok(q, t->c_sel);
        y++;
        tui_put(t, y++, 2, t->cols - 4, ok ? TR_OK : TR_BAD,
                ok ? "Right." : "Not quite.");
        tui_wrap(q->why, t->cols - 6, &ls);
        for (size_t i = 0; i < ls.n && y < t->rows - 3; i++)
            tui_put(t, y++, 2, t->cols - 4, TR_NORMAL, ls.v[i].text);
        lesson_lines_free(&ls);
    }
}

static void finish(struct tui *t)
{
    struct lp_err err = {0};
    struct app_module *m = &t->app.tracks[t->l_track].mods[t->l_mod];
    t->c_done = 1;
    if (app_lesson_record(&t->app, m, (int)t->c_right, (int)t->lesson->nqs,
                          &t->c_passed, &err))
        tui_msg(t, 1, "%s", err.msg);
}

static int check_key(struct tui *t, int ch)
{
    const struct lesson_q *q = &t->lesson->qs[t->c_q];
    int enter = ch == '\n' || ch == KEY_ENTER;
    if (ch == 27) {
        tui_switch(t, &view_lesson);
        return 1;
    }
    if (t->c_done) {
        if (!enter)
            return 0;
        if (t->c_passed)
            tui_switch(t, &view_dashboard);
        else {
            t->l_top = 0;
            tui_switch(t, &view_lesson);
        }
        return 1;
    }
    if (t->c_answered) {
        if (!enter)
            return 0;
        t->c_answered = 0;
        t->c_sel = 0;
        if (++t->c_q >= t->lesson->nqs) {
            t->c_q = t->lesson->nqs - 1;
            finish(t);
        }
        return 1;
    }
    if (ch >= '1' && ch <= '9' && (size_t)(ch - '1') < q->nopts) {
        t->c_sel = (size_t)(ch - '1');
        ch = '\n';
        enter = 1;
    }
    switch (ch) {
    case KEY_UP:
    case 'k':
        if (t->c_sel)
            t->c_sel--;
        return 1;
    case KEY_DOWN:
    case 'j':
        if (t->c_sel + 1 < q->nopts)
            t->c_sel++;
        return 1;
    default:
        if (!enter)
            return 0;
        t->c_answered = 1;
        t->c_right += (size_t)lesson_answer_ok(q, t->c_sel);
        return 1;
    }
}

const struct view view_check = {
    .name = "Knowledge check",
    .help = "A few questions on the lesson you just read. Pick an option "
            "with Up/Down (or type its number) and press Enter: the answer "
            "is marked right or wrong with the reason. All questions right "
            "(at least 80%) passes the lesson; otherwise read it again and "
            "retake the check. Esc goes back to the lesson.",
    .draw = check_draw,
    .key = check_key,
    .enter = check_enter,
};
