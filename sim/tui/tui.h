/*
 * tui.h - the terminal application: the frame (struct tui: terminal,
 * session, current screen, message line), the screens (one view_*.c each,
 * exporting one struct view and keeping its own state), and drawing helpers that handle colours (NO_COLOR,
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
    view_check, view_scenario, view_results, view_instructor;

/* 1 when the signed-in person is an instructor (view_instructor.c): the
 * dashboard then offers the records (r). */
int tui_is_instructor(struct tui *t);

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

/* A screen's own state, kept by the frame for the screen's file (see
 * tui_state). */
struct tui_slot {
    const struct view *view;
    void *state;
    void (*drop)(void *state);
};

/* The frame: what every screen shares.  Each screen keeps its own fields
 * in a struct declared in its view_*.c, reached with tui_state. */
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
    struct sb log;            /* every message and verdict in full, each
                               * entry ending in a blank line (tui_log) */
    int log_open;             /* the message log is shown (F2 or m) */
    size_t log_top;           /* its scroll */
    struct tui_slot *slots;   /* the screens' states (tui_state) */
    size_t nslots;
};

/* The state of screen v: size bytes, zeroed when first asked for, kept
 * until the application ends, when drop (may be NULL) frees what it
 * holds.  Borrowed: the frame frees it. */
void *tui_state(struct tui *t, const struct view *v, size_t size,
                void (*drop)(void *state));

/* Runs the application until the trainee quits.  user may be NULL (the
 * sign-in screen asks).  Returns an exit status, or -1 (nothing shown)
 * when the terminal cannot be driven (unknown TERM, or no cursor
 * addressing as with TERM=dumb). */
int tui_run(struct store *st, int64_t now, const char *root,
            const char *user);

/* Switches screens (leave, enter) and saves the place to resume at. */
void tui_switch(struct tui *t, const struct view *v);
/* Saves the resume place of the current screen. */
void tui_save_place(struct tui *t);

/* Sets the status line (bad=1: an error, drawn as such) and keeps the
 * message in the log. */
void tui_msg(struct tui *t, int bad, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Adds one entry (may hold several lines) to the message log that F2 or m
 * shows in full. */
void tui_log(struct tui *t, const char *text);

/* Drawing helpers.  Text is UTF-8; on a non-UTF-8 terminal it is shown
 * in ASCII.  Each writes at most width columns and returns the columns
 * used. */
int tui_put(struct tui *t, int y, int x, int width, int role,
            const char *text);
int tui_putf(struct tui *t, int y, int x, int width, int role,
             const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Like tui_put, but a text wider than width is cut at a word boundary
 * and ends in a marker telling that F2 shows it in full (the text should
 * be in the log).  Returns 1 when it was cut. */
int tui_put_cut(struct tui *t, int y, int x, int width, int role,
                const char *text);
/* Like tui_put_cut, with the marker even when text fits: more follows
 * that is not shown. */
int tui_put_more(struct tui *t, int y, int x, int width, int role,
                 const char *text);
/* Clears the screen and draws the title bar and the key line. */
void tui_frame(struct tui *t, const char *title, const char *keys);
/* A horizontal rule on row y. */
void tui_hline(struct tui *t, int y);
/* Draws a field at (y,x): label, value box of width w, error beside (cut
 * at a word with the F2 marker when long: keep it in the log). */
void tui_field_draw(struct tui *t, const struct tui_field *f, int y, int x,
                    int w, int focus);
/* Edits a field with one key; returns 1 when used (printable, Backspace). */
int tui_field_key(struct tui_field *f, int ch);
void tui_field_set(struct tui_field *f, const char *v);

/* Wraps text to width into lines (see core/learn/lesson.h); free with
 * lesson_lines_free. */
void tui_wrap(const char *text, int width, struct lesson_lines *out);
/* Wraps text keeping its own line breaks: each line wrapped under its
 * own indentation (up to 12 spaces), continuation lines two further in;
 * appended to out (free with lesson_lines_free). */
void tui_wrap_lines(const char *text, int width, struct lesson_lines *out);

/* After sign-in: back to the saved place, into an unfinished scenario,
 * else the dashboard (tui.c). */
void tui_signed_in(struct tui *t);

/* The dashboard (view_dashboard.c): the track shown, and setting it. */
size_t tui_dash_track(struct tui *t);
void tui_dash_set_track(struct tui *t, size_t track);

/* The lesson reader (view_lesson.c).  Opens the lesson of module (track
 * ti, module mi); the open lesson (NULL when it could not be loaded) and
 * its module; its scroll position, and setting it. */
void tui_open_lesson(struct tui *t, size_t ti, size_t mi);
const struct lesson *tui_lesson(struct tui *t, size_t *ti, size_t *mi);
size_t tui_lesson_top(struct tui *t);
void tui_lesson_set_top(struct tui *t, size_t top);

/* Scenario console hooks (view_scenario.c): opens module mi's scenario k
 * (resuming an active session); frees its state. */
void tui_open_scenario(struct tui *t, size_t ti, size_t mi, size_t k);
void tui_scn_free(struct tui *t);

/* The results screen (view_results.c): shows a scenario's report text
 * (taken: the screen frees it), passed or not, and its score. */
void tui_show_results(struct tui *t, char *text, int passed, double score);

#endif
