/*
 * console_ui.h - the scenario console's state and its panes, shared by
 * view_scenario.c (the frame, briefing, inbox, objectives, session) and
 * console_panes.c (query form, results, hotlist, cases, audit, map).
 * Every action goes through the action layer (core/learn/console.h con_exec).
 */
#ifndef LPRSIM_CONSOLE_UI_H
#define LPRSIM_CONSOLE_UI_H

#include "core/learn/console.h"
#include "script/scenario.h"
#include "tui/tui.h"

enum pane {
    P_BRIEF, P_INBOX, P_QUERY, P_RESULTS, P_HOTLIST, P_CASES, P_AUDIT,
    P_MAP, P_GOALS, P_N
};
extern const char *const pane_names[P_N];

#define FORM_MAX 7

/* A form: labelled fields that become one action line. */
struct form {
    const char *title;
    const char *cmd;                  /* "query", "hotlist add" ... */
    const char *opt[FORM_MAX];        /* option of each field */
    struct tui_field f[FORM_MAX];
    int n, focus;
    int active;                       /* shown and taking keys */
};

struct scn_ui {
    size_t ti, mi, k;                 /* the scenario in the track */
    struct scenario_session *ses;     /* the scenario engine's session */
    char load_err[600];               /* a scenario that cannot be run */
    int resume_failed;                /* ... because resuming failed */
    char **answered;                  /* inbox ids answered (reply lines) */
    size_t nanswered;
    char title[160];
    int practice;
    int pane;
    int field_focus;                  /* a form field has the keys */
    int asking;                       /* 'q', 'Q' or 'f' waits for y/n */
    char q_last[600];                 /* the last line run by the form */
    int q_again;                      /* the same line once more: run it */
    /* the last action and its verdict */
    char last_line[600];
    long hits_pending;                /* hotlist hits reported, not listed */
    char fb[4096];                    /* the verdict of the last action */
    int fb_kind;
    /* briefing, inbox, objectives: wrapped text, scroll */
    struct lesson_lines text;
    int text_pane, text_width;
    size_t text_top;
    size_t inbox_sel;
    /* the query form and its results */
    struct form q;
    struct con_read *rows;
    size_t nrows, rsel, rtop;
    int rsort, rdesc, rdetail;
    unsigned char *rmark;             /* marked for upload (space), by row */
    char rplate[24];                  /* plate of the rows */
    /* a modal form (hotlist add/remove, audit add, enforce, refuse) */
    struct form m;
    /* list panes (hotlist, cases, audit, map analysis): text of the last
     * listing and its scroll */
    struct sb list;
    int list_pane;
    size_t list_top;
    size_t list_left;                 /* horizontal scroll, columns */
    int map_full;                     /* the analysis full width, no map */
    char list_cmd[40];
};

/* The console state of t (created by tui_open_scenario). */
struct scn_ui *scn_of(struct tui *t);

/* Runs one action line in the session, keeps the verdict as feedback;
 * returns the action's status and leaves the step in step (caller frees
 * with scenario_step_free). */
int scn_run(struct tui *t, const char *line, struct scenario_step *step);

/* Form helpers. */
void form_init(struct form *f, const char *title, const char *cmd,
               const char *const *labels, const char *const *opts, int n);
void form_draw(struct tui *t, struct form *f, int y, int x);
/* Handles a key: returns 1 used, 2 submit wanted (Enter on the last
 * field), 3 submit forced (F5), 0 not used.  A field error it finds is
 * kept in t's message log. */
int form_key(struct tui *t, struct form *f, int ch);
/* Builds the action line from the fields after checking time fields;
 * NULL (and marks the field, logging why) when a field is wrong.  Caller
 * frees. */
char *form_line(struct tui *t, struct form *f);
/* Marks the field named in an action's usage error ("--from ..."). */
void form_mark(struct form *f, const char *msg);

/* Panes of console_panes.c: draw into rows [y0, y1), handle a key. */
void pane_query_draw(struct tui *t, int y0, int y1);
int pane_query_key(struct tui *t, int ch);
void pane_results_draw(struct tui *t, int y0, int y1);
int pane_results_key(struct tui *t, int ch);
void pane_list_draw(struct tui *t, int y0, int y1);
int pane_list_key(struct tui *t, int ch);
void pane_map_draw(struct tui *t, int y0, int y1);
int pane_map_key(struct tui *t, int ch);
/* (Re)loads the listing of a list pane (hotlist, cases, audit). */
void pane_list_load(struct tui *t, int pane);
/* Draws / handles the modal form when active; returns 1 when it did. */
int modal_draw(struct tui *t, int y0, int y1);
int modal_key(struct tui *t, int ch);

#endif
