/*
 * view_check.c - a lesson's knowledge check: one question at a time, the
 * options numbered, the answer marked right or wrong with the one-line
 * explanation, and the result recorded (passed at APP_LESSON_PASS %).
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

/* The check's own state; the lesson is the reader's (tui_lesson). */
struct check {
    size_t q, sel, right;     /* question, option picked, right so far */
    int answered;             /* the current question was answered */
    int done;
    int passed;
};

static struct check *check_of(struct tui *t)
{
    return tui_state(t, &view_check, sizeof(struct check), NULL);
}

static void check_enter(struct tui *t)
{
    memset(check_of(t), 0, sizeof(struct check));
}

static void check_draw(struct tui *t)
{
    struct check *c = check_of(t);
    size_t ti, mi;
    const struct lesson *l = tui_lesson(t, &ti, &mi);
    const struct app_module *m = &t->app.tracks[ti].mods[mi];
    tui_frame(t, "Knowledge check",
              c->answered || c->done
                  ? " Enter continue  Esc/q lesson  ? help  Q quit"
                  : " Up/Down or 1-9 pick  Enter answer  Esc/q lesson  "
                    "? help  Q quit");
    tui_putf(t, 2, 2, t->cols - 4, TR_HEAD, "Check: %s", m->title);
    if (c->done) {
        tui_putf(t, 4, 2, t->cols - 4, c->passed ? TR_OK : TR_BAD,
                 "%zu of %zu right: %s", c->right, l->nqs,
                 c->passed ? "passed." : "not passed yet.");
        tui_put(t, 6, 2, t->cols - 4, TR_NORMAL,
                c->passed
                    ? "Press Enter to go back to the dashboard and take the "
                      "next step."
                    : "Press Enter to read the lesson again, then retake "
                      "the check.");
        return;
    }
    const struct lesson_q *q = &l->qs[c->q];
    tui_putf(t, 3, 2, t->cols - 4, TR_DIM, "Question %zu of %zu", c->q + 1,
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
        if (c->answered && q->correct[i]) {
            role = TR_OK;
            mark = t->utf8 ? "\xe2\x9c\x93 " : "v ";
        } else if (c->answered && i == c->sel) {
            role = TR_BAD;
            mark = t->utf8 ? "\xe2\x9c\x97 " : "x ";
        } else if (!c->answered && i == c->sel) {
            role = TR_SEL;
            mark = "> ";
        }
        tui_putf(t, y++, 2, t->cols - 4, role, "%s%zu) %s", mark, i + 1,
                 q->opts[i]);
    }
    if (c->answered) {
        int ok = lesson_answer_ok(q, c->sel);
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
    struct check *c = check_of(t);
    size_t ti, mi;
    const struct lesson *l = tui_lesson(t, &ti, &mi);
    struct app_module *m = &t->app.tracks[ti].mods[mi];
    c->done = 1;
    if (app_lesson_record(&t->app, m, (int)c->right, (int)l->nqs,
                          &c->passed, &err))
        tui_msg(t, 1, "%s", err.msg);
}

static int check_key(struct tui *t, int ch)
{
    struct check *c = check_of(t);
    const struct lesson *l = tui_lesson(t, NULL, NULL);
    const struct lesson_q *q = &l->qs[c->q];
    int enter = ch == '\n' || ch == KEY_ENTER;
    if (ch == 27 || ch == 'q') {
        tui_switch(t, &view_lesson);
        return 1;
    }
    if (c->done) {
        if (!enter)
            return 0;
        if (c->passed)
            tui_switch(t, &view_dashboard);
        else {
            tui_lesson_set_top(t, 0);
            tui_switch(t, &view_lesson);
        }
        return 1;
    }
    if (c->answered) {
        if (!enter)
            return 0;
        c->answered = 0;
        c->sel = 0;
        if (++c->q >= l->nqs) {
            c->q = l->nqs - 1;
            finish(t);
        }
        return 1;
    }
    if (ch >= '1' && ch <= '9' && (size_t)(ch - '1') < q->nopts) {
        c->sel = (size_t)(ch - '1');
        ch = '\n';
        enter = 1;
    }
    switch (ch) {
    case KEY_UP:
    case 'k':
        if (c->sel)
            c->sel--;
        return 1;
    case KEY_DOWN:
    case 'j':
        if (c->sel + 1 < q->nopts)
            c->sel++;
        return 1;
    default:
        if (!enter)
            return 0;
        c->answered = 1;
        c->right += (size_t)lesson_answer_ok(q, c->sel);
        return 1;
    }
}

const struct view view_check = {
    .name = "Knowledge check",
    .help = "A few questions on the lesson you just read. Pick an option "
            "with Up/Down (or type its number) and press Enter: the answer "
            "is marked right or wrong with the reason. All questions right "
            "(at least 80%) passes the lesson; otherwise read it again and "
            "retake the check. Esc or q goes back to the lesson.",
    .draw = check_draw,
    .key = check_key,
    .enter = check_enter,
};
