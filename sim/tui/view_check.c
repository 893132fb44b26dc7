/*
 * view_check.c - a lesson's knowledge check: questions drawn from the
 * lesson's bank with their options shuffled (app_check), one at a time;
 * digits or Up/Down pick, Enter answers; a confirmation before the
 * attempt is submitted; the right answers and a "Why" per question only
 * once the check is passed or its attempts are used up.  Every answer is
 * saved at once, so a quit or a crash resumes the attempt.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

/* The check's own state; the lesson is the reader's (tui_lesson). */
struct check {
    struct app_check c;
    int started;
    size_t sel;               /* option picked on the current question */
    int confirm;              /* every question answered: submit? */
    int done, passed, reveal;
    size_t right;
    size_t review;            /* question shown after a revealed attempt */
};

static struct check *check_of(struct tui *t)
{
    return tui_state(t, &view_check, sizeof(struct check), NULL);
}

static void check_enter(struct tui *t)
{
    struct check *k = check_of(t);
    size_t ti, mi;
    const struct lesson *l = tui_lesson(t, &ti, &mi);
    struct lp_err err = {0};
    memset(k, 0, sizeof *k);
    if (app_check_begin(&t->app, &t->app.tracks[ti].mods[mi], l, &k->c,
                        &err)) {
        tui_msg(t, 1, "%s", err.msg);
        return;
    }
    k->started = 1;
    k->confirm = k->c.answered >= k->c.at.n;
}

/* Draws question i of the attempt from row y; with reveal, the right
 * option and the trainee's answer are marked and the "Why" follows. */
static int draw_question(struct tui *t, const struct check *k, size_t i,
                         int y, int reveal)
{
    const struct lesson *l = k->c.l;
    const struct lesson_q *q = &l->qs[k->c.at.q[i]];
    struct lesson_lines ls = {0};
    tui_wrap(q->text, t->cols - 6, &ls);
    for (size_t j = 0; j < ls.n && j < 4; j++)
        tui_put(t, y++, 2, t->cols - 4, TR_NORMAL, ls.v[j].text);
    lesson_lines_free(&ls);
    y++;
    for (size_t o = 0; o < k->c.at.nopts[i]; o++) {
        int role = TR_NORMAL;
        const char *mark = "  ";
        int ok = lesson_attempt_ok(l, &k->c.at, i, o);
        if (reveal && ok) {
            role = TR_OK;
            mark = t->utf8 ? "\xe2\x9c\x93 " : "v ";
        } else if (reveal && (int)o == k->c.answer[i]) {
            role = TR_BAD;
            mark = t->utf8 ? "\xe2\x9c\x97 " : "x ";
        } else if (!reveal && o == k->sel) {
            role = TR_SEL;
            mark = "> ";
        }
        tui_putf(t, y++, 2, t->cols - 4, role, "%s%zu) %s", mark, o + 1,
                 q->opts[k->c.at.opt[i][o]]);
    }
    if (reveal) {
        y++;
        tui_wrap(q->why, t->cols - 11, &ls);
        for (size_t j = 0; j < ls.n && y < t->rows - 3; j++)
            tui_putf(t, y++, 2, t->cols - 4, TR_NORMAL, "%s%s",
                     j ? "     " : "Why: ", ls.v[j].text);
        lesson_lines_free(&ls);
    }
    return y;
}

static void check_draw(struct tui *t)
{
    struct check *k = check_of(t);
    size_t ti, mi;
    tui_lesson(t, &ti, &mi);
    const struct app_module *m = &t->app.tracks[ti].mods[mi];
    const char *keys =
        k->done && k->reveal ? " Left/Right question  Enter continue  "
                               "Esc/q lesson  ? help  Q quit"
        : k->done            ? " Enter continue  Esc/q lesson  ? help  Q quit"
        : k->confirm         ? " y submit  n answer again  Esc/q lesson  "
                               "? help  Q quit"
                             : " Up/Down or 1-9 pick  Enter answer  Esc/q "
                               "lesson  ? help  Q quit";
    tui_frame(t, "Knowledge check", keys);
    tui_putf(t, 2, 2, t->cols - 4, TR_HEAD, "Check: %s", m->title);
    if (!k->started) {
        tui_put(t, 4, 2, t->cols - 4, TR_BAD, "The check cannot start: see "
                "the message line.");
        return;
    }
    if (k->done) {
        tui_putf(t, 3, 2, t->cols - 4, k->passed ? TR_OK : TR_BAD,
                 "%zu of %zu right: %s", k->right, k->c.at.n,
                 k->passed ? "passed." : "not passed yet.");
        if (!k->reveal) {
            tui_putf(t, 5, 2, t->cols - 4, TR_NORMAL, "The right answers "
                     "stay hidden until you pass or use attempt %d.",
                     k->c.l->attempts);
            tui_put(t, 6, 2, t->cols - 4, TR_NORMAL, "Press Enter to read "
                    "the lesson again, then retake the check.");
            return;
        }
        tui_putf(t, 4, 2, t->cols - 4, TR_DIM, "The answers: question %zu "
                 "of %zu", k->review + 1, k->c.at.n);
        draw_question(t, k, k->review, 6, 1);
        return;
    }
    if (k->confirm) {
        tui_putf(t, 4, 2, t->cols - 4, TR_NORMAL, "All %zu questions are "
                 "answered.", k->c.at.n);
        tui_put(t, 6, 2, t->cols - 4, TR_HEAD, "Submit your answers? "
                "(y submits, n answers again)");
        return;
    }
    tui_putf(t, 3, 2, t->cols - 4, TR_DIM, "Question %zu of %zu (drawn from "
             "%zu; attempt %d)", k->c.answered + 1, k->c.at.n, k->c.l->nqs,
             k->c.attempt);
    draw_question(t, k, k->c.answered, 5, 0);
}

static int check_key(struct tui *t, int ch)
{
    struct check *k = check_of(t);
    size_t ti, mi;
    tui_lesson(t, &ti, &mi);
    struct app_module *m = &t->app.tracks[ti].mods[mi];
    struct lp_err err = {0};
    int enter = ch == '\n' || ch == KEY_ENTER;
    if (ch == 27 || ch == 'q' || !k->started) {
        tui_switch(t, &view_lesson);
        return 1;
    }
    if (k->done) {
        if (k->reveal && (ch == KEY_RIGHT || ch == KEY_LEFT)) {
            if (ch == KEY_RIGHT && k->review + 1 < k->c.at.n)
                k->review++;
            else if (ch == KEY_LEFT && k->review)
                k->review--;
            return 1;
        }
        if (!enter)
            return 0;
        if (k->passed)
            tui_switch(t, &view_dashboard);
        else {
            tui_lesson_set_top(t, 0);
            tui_switch(t, &view_lesson);
        }
        return 1;
    }
    if (k->confirm) {
        if (ch == 'y' || ch == 'Y') {
            if (app_check_submit(&t->app, m, &k->c, &k->right, &k->passed,
                                 &k->reveal, &err))
                tui_msg(t, 1, "%s", err.msg);
            else
                k->done = 1;
        } else if (ch == 'n' || ch == 'N') {
            if (app_check_clear(&t->app, m, &k->c, &err))
                tui_msg(t, 1, "%s", err.msg);
            k->confirm = 0;
            k->sel = 0;
        } else {
            return 0;
        }
        return 1;
    }
    size_t nopts = k->c.at.nopts[k->c.answered];
    if (ch >= '1' && ch <= '9' && (size_t)(ch - '1') < nopts) {
        k->sel = (size_t)(ch - '1');   /* a digit picks; Enter answers */
        return 1;
    }
    switch (ch) {
    case KEY_UP:
    case 'k':
        if (k->sel)
            k->sel--;
        return 1;
    case KEY_DOWN:
    case 'j':
        if (k->sel + 1 < nopts)
            k->sel++;
        return 1;
    default:
        if (!enter)
            return 0;
        if (app_check_answer(&t->app, m, &k->c, k->sel, &err))
            tui_msg(t, 1, "%s", err.msg);
        k->sel = 0;
        k->confirm = k->c.answered >= k->c.at.n;
        return 1;
    }
}

const struct view view_check = {
    .name = "Knowledge check",
    .help = "Questions drawn from the lesson's bank, the options in a new "
            "order each attempt. Pick an option with Up/Down or its number "
            "and press Enter to answer; nothing is marked while you answer. "
            "At the end confirm with y (n answers again). All questions "
            "right passes the lesson. The right answers and why are shown "
            "once you pass, or after the last attempt (Left/Right go "
            "through them). Your answers are saved as you go: a quit "
            "resumes the attempt. Esc or q goes back to the lesson.",
    .draw = check_draw,
    .key = check_key,
    .enter = check_enter,
};
