/*
 * tui.h - the terminal application: one struct tui holding the session
 * and each screen's state, the screens (one view_*.c each, exporting one
 * struct view), and drawing helpers that handle colours (NO_COLOR,
 * monochrome), UTF-8 with an ASCII fallback and the minimum size.
 * Only sim/tui includes <curses.h>.
 */
#ifndef LPRSIM_TUI_H
#define LPRSIM_TUI_H

#include <stddef.h>
#include <stdint.h>

#include "core/learn/appstate.h"
#include "core/learn/lesson.h"
#include "core/store/store.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

struct tui;
struct scn_ui;

/* One screen. draw paints the whole screen; key handles one key and
 * returns 1 when it used it; enter/leave run on switching (may be NULL). */
struct view {
    const char *name;     /* shown in the title bar */
    const char *help;     /* the text of ? / F1 */
    void (*draw)(struct tui *t);
    int (*key)(struct tui *t, int ch);
    void (*enter)(struct tui *t);
    void (*leave)(struct tui *t);
};

extern const struct view view_signin, view_dashboard, view_lesson,
    view_check, view_scenario, view_results;

/* Colour roles (pairs); in monochrome they map to attributes. */
enum tui_role {
    TR_NORMAL = 0, TR_TITLE, TR_OK, TR_BAD, TR_WARN, TR_QUOTE, TR_DIM, TR_SEL,
    TR_HEAD, TR_KEY
};

/* A one-line text field of a form. */
struct tui_field {
    const char *label;
    char buf[256];
    size_t len;
    char err[600];        /* the reason the value is wrong, shown beside */
};

struct tui {
    struct app app;
    const struct view *cur;
    int rows, cols;
    int color, utf8, mouse;
    int quit;
    int help;                 /* the help overlay is open */
    size_t help_top;          /* its scroll */
    char msg[300];            /* one status line (errors, confirmations) */
    int msg_bad;
    /* sign-in */
    struct app_person *people;
    size_t npeople, sel_person;
    struct tui_field f_id, f_name;
    int asking_name;
    /* dashboard */
    size_t d_track, d_row;
    /* lesson reader and check: the open module */
    size_t l_track, l_mod;
    struct lesson *lesson;
    char lesson_err[600];
    struct lesson_lines lines;
    int lines_width;
    size_t l_top;
    size_t c_q, c_sel, c_right;
    int c_answered;           /* the current question was answered */
    int c_done;
    int c_passed;
    /* scenario console (view_scenario.c) and the results screen */
    struct scn_ui *scn;
    char *results_text;
    int results_passed;
    double results_score;
    size_t results_top;
};

/* Runs the application until the trainee quits.  user may be NULL (the
 * sign-in screen asks).  Returns an exit status, or -1 (nothing shown)
 * when the terminal cannot be driven (unknown TERM). */
int tui_run(struct store *st, int64_t now, const char *root,
            const char *user);

/* Switches screens (leave, enter) and saves the place to resume at. */
void tui_switch(struct tui *t, const struct view *v);
/* Saves the resume place of the current screen. */
void tui_save_place(struct tui *t);

/* Sets the status line (bad=1: an error, drawn as such). */
void tui_msg(struct tui *t, int bad, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Drawing helpers.  Text is UTF-8; on a non-UTF-8 terminal it is shown
 * in ASCII.  Each writes at most width columns and returns the columns
 * used. */
int tui_put(struct tui *t, int y, int x, int width, int role,
            const char *text);
int tui_putf(struct tui *t, int y, int x, int width, int role,
             const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Clears the screen and draws the title bar and the key line. */
void tui_frame(struct tui *t, const char *title, const char *keys);
/* A horizontal rule on row y. */
void tui_hline(struct tui *t, int y);
/* Draws a field at (y,x): label, value box of width w, error beside. */
void tui_field_draw(struct tui *t, const struct tui_field *f, int y, int x,
                    int w, int focus);
/* Edits a field with one key; returns 1 when used (printable, Backspace). */
int tui_field_key(struct tui_field *f, int ch);
void tui_field_set(struct tui_field *f, const char *v);

/* Wraps text to width into lines (see core/learn/lesson.h); free with
 * lesson_lines_free. */
void tui_wrap(const char *text, int width, struct lesson_lines *out);

/* After sign-in: back to the saved place, into an unfinished scenario,
 * else the dashboard (tui.c). */
void tui_signed_in(struct tui *t);

/* Opens the lesson of module (track ti, module mi) in the reader. */
void tui_open_lesson(struct tui *t, size_t ti, size_t mi);

/* Scenario console hooks (view_scenario.c): opens module mi's scenario k
 * (resuming an active session); frees its state. */
void tui_open_scenario(struct tui *t, size_t ti, size_t mi, size_t k);
void tui_scn_free(struct tui *t);

#endif
