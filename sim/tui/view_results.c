/*
 * view_results.c - the results screen after a scenario: pass or fail and
 * the score, each objective met or not with why, critical violations, the
 * score per rule, what the policy engine refused, the debrief, and the
 * state of the track.  The text comes from the scenario engine's report
 * (scenario_report_text), kept in the tui by view_scenario.c.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

/* The screen's own state: the report shown. */
struct results {
    char *text;
    int passed;
    double score;
    size_t top;
};

static void results_clear(void *p)
{
    struct results *r = p;
    free(r->text);
    r->text = NULL;
}

static struct results *results_of(struct tui *t)
{
    return tui_state(t, &view_results, sizeof(struct results),
                     results_clear);
}

void tui_show_results(struct tui *t, char *text, int passed, double score)
{
    struct results *r = results_of(t);
    free(r->text);
    r->text = text;
    r->passed = passed;
    r->score = score;
    tui_switch(t, &view_results);
}

static void res_draw(struct tui *t)
{
    struct results *r = results_of(t);
    tui_frame(t, "Results", " Up/Down PgUp/PgDn scroll  Enter/q dashboard  "
                            "? help  Q quit");
    tui_putf(t, 2, 2, t->cols - 4, r->passed ? TR_OK : TR_BAD,
             "%s - score %.1f%%", r->passed ? "PASSED" : "NOT PASSED",
             r->score);
    struct lesson_lines ls = {0};
    /* keep the report's own layout: one display line per text line,
     * long lines wrapped under their own indentation */
    tui_wrap_lines(r->text ? r->text : "", t->cols - 4, &ls);
    int room = t->rows - 6;
    if (r->top + (size_t)room > ls.n)
        r->top = ls.n > (size_t)room ? ls.n - (size_t)room : 0;
    for (int i = 0; i < room && r->top + (size_t)i < ls.n; i++) {
        const char *l = ls.v[r->top + (size_t)i].text;
        const char *b = l + strspn(l, " ");
        int role = strncmp(b, "[x]", 3) == 0 ? TR_OK
                   : strncmp(b, "[ ]", 3) == 0 ? TR_BAD
                   : strncmp(b, "! ", 2) == 0 ? TR_BAD
                   : b == l && *b && b[strlen(b) - 1] == ':' ? TR_HEAD
                   : TR_NORMAL;
        tui_put(t, 4 + i, 2, t->cols - 4, role, l);
    }
    lesson_lines_free(&ls);
}

static int res_key(struct tui *t, int ch)
{
    struct results *r = results_of(t);
    switch (ch) {
    case KEY_DOWN:
    case 'j':
        r->top++;
        return 1;
    case KEY_UP:
    case 'k':
        if (r->top)
            r->top--;
        return 1;
    case KEY_NPAGE:
    case ' ':
        r->top += 10;
        return 1;
    case KEY_PPAGE:
        r->top = r->top > 10 ? r->top - 10 : 0;
        return 1;
    case '\n':
    case KEY_ENTER:
    case 27:
        tui_switch(t, &view_dashboard);
        return 1;
    default:
        return 0;
    }
}

static void res_enter(struct tui *t)
{
    results_of(t)->top = 0;
}

const struct view view_results = {
    .name = "Results",
    .help = "Your score for the scenario: each objective met [x] or not "
            "[ ] with why, critical violations (which fail the scenario "
            "at once), the score per rule, the actions the policy engine "
            "refused or warned about, and the debrief. The transcript was "
            "replayed in a fresh sandbox to compute it. Enter or q goes "
            "back to the dashboard, where your best score is kept.",
    .draw = res_draw,
    .key = res_key,
    .enter = res_enter,
};
