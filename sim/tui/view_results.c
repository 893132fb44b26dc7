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
    tui_frame(t, "Results", " Up/Down PgUp/PgDn scroll  Enter dashboard  "
                            "? help  q quit");
    tui_putf(t, 2, 2, t->cols - 4, r->passed ? TR_OK : TR_BAD,
             "%s - score %.1f%%", r->passed ? "PASSED" : "NOT PASSED",
             r->score);
    struct lesson_lines ls = {0};
    const char *p = r->text ? r->text : "";
    /* keep the report's own layout: one display line per text line,
     * long lines wrapped under their own indentation */
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        size_t ind = 0;
        while (ind < n && p[ind] == ' ' && ind < 12)
            ind++;
        char *line = xmalloc(n + 1);
        memcpy(line, p + ind, n - ind);
        line[n - ind] = '\0';
        struct lesson_lines one = {0};
        if (n > ind)
            tui_wrap(line, t->cols - 4 - (int)ind - 2, &one);
        if (!one.n) {
            tui_wrap(".", 10, &one);
            one.v[0].text[0] = '\0';
        }
        for (size_t i = 0; i < one.n; i++) {
            char *full = xasprintf("%*s%s%s", (int)ind, "", i ? "  " : "",
                                   one.v[i].text);
            free(one.v[i].text);
            one.v[i].text = full;
            if (ls.n == ls.cap) {
                ls.cap = ls.cap ? ls.cap * 2 : 64;
                ls.v = xrealloc(ls.v, ls.cap * sizeof *ls.v);
            }
            ls.v[ls.n++] = one.v[i];
        }
        free(one.v);
        free(line);
        p = nl ? nl + 1 : p + n;
    }
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
            "replayed in a fresh sandbox to compute it. Enter goes back "
            "to the dashboard, where your best score is kept.",
    .draw = res_draw,
    .key = res_key,
    .enter = res_enter,
};
