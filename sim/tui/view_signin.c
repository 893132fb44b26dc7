/*
 * view_signin.c - the sign-in screen: pick yourself from the roster with
 * the arrow keys, or type your personnel id; a new id asks for a name and
 * adds you to the roster as a trainee.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

/* The screen's own state. */
struct signin {
    struct app_person *people;        /* the roster */
    size_t npeople, sel;              /* ... and the person picked */
    struct tui_field id, name;
    int asking_name;                  /* a new id: asking for the name */
};

static void signin_clear(void *p)
{
    struct signin *g = p;
    app_people_free(g->people, g->npeople);
    g->people = NULL;
    g->npeople = g->sel = 0;
}

static struct signin *signin_of(struct tui *t)
{
    return tui_state(t, &view_signin, sizeof(struct signin), signin_clear);
}

static void signin_enter(struct tui *t)
{
    struct lp_err err = {0};
    struct signin *g = signin_of(t);
    signin_clear(g);
    g->id.label = "Personnel id";
    g->name.label = "Your name";
    if (app_people(&t->app, &g->people, &g->npeople, &err))
        tui_msg(t, 1, "%s", err.msg);
    char *last = app_last_user(&t->app);
    for (size_t i = 0; last && i < g->npeople; i++)
        if (strcmp(g->people[i].id, last) == 0)
            g->sel = i;
    free(last);
    g->asking_name = 0;
    tui_field_set(&g->id, "");
    tui_field_set(&g->name, "");
}

static void signin_draw(struct tui *t)
{
    struct signin *g = signin_of(t);
    tui_frame(t, "Sign in",
              " Up/Down pick  type an id  Enter sign in  ? help  Esc quit");
    tui_put(t, 2, 2, t->cols - 4, TR_HEAD,
            "Welcome to lprsim, the LPR privacy training simulator.");
    tui_put(t, 3, 2, t->cols - 4, TR_NORMAL,
            "Everything here is synthetic: no real plates, people or "
            "places.");
    int y = 5;
    if (g->asking_name) {
        tui_putf(t, y++, 2, t->cols - 4, TR_NORMAL,
                 "'%s' is not on the roster yet. Enter your name to join "
                 "as a trainee", g->id.buf);
        tui_put(t, y++, 2, t->cols - 4, TR_NORMAL,
                "(Esc to go back and pick another id).");
        y++;
        tui_field_draw(t, &g->name, y, 2, 40, 1);
        curs_set(1);
        return;
    }
    if (g->npeople) {
        tui_put(t, y++, 2, t->cols - 4, TR_NORMAL,
                "Pick yourself and press Enter:");
        int room = t->rows - 12;
        size_t first = g->sel >= (size_t)room
                           ? g->sel - (size_t)room + 1 : 0;
        for (size_t i = first; i < g->npeople && (int)(i - first) < room;
             i++) {
            int sel = i == g->sel && g->id.len == 0;
            tui_putf(t, y++, 4, t->cols - 8, sel ? TR_SEL : TR_NORMAL,
                     "%s %-16s %-30s %s", sel ? ">" : " ", g->people[i].id,
                     g->people[i].name, g->people[i].role);
        }
        y++;
        tui_put(t, y++, 2, t->cols - 4, TR_NORMAL,
                "or type your personnel id (new trainees: type a new one):");
    } else {
        tui_put(t, y++, 2, t->cols - 4, TR_NORMAL,
                "The roster is empty. Type your personnel id (letters, "
                "digits, . _ -)");
        tui_put(t, y++, 2, t->cols - 4, TR_NORMAL,
                "and press Enter; you will be asked for your name.");
    }
    y++;
    tui_field_draw(t, &g->id, y, 2, 32, 1);
    curs_set(1);
}

static int id_char(int ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
}

static void try_signin(struct tui *t, const char *id)
{
    struct signin *g = signin_of(t);
    struct lp_err err = {0};
    int rc = app_signin(&t->app, id, &err);
    if (rc < 0) {
        snprintf(g->id.err, sizeof g->id.err, "%s", err.msg);
        tui_log(t, err.msg);
        return;
    }
    if (rc == 1) {
        char copy[sizeof g->id.buf];
        snprintf(copy, sizeof copy, "%s", id);
        tui_field_set(&g->id, copy);
        g->asking_name = 1;
        return;
    }
    tui_signed_in(t);
}

static int signin_key(struct tui *t, int ch)
{
    struct signin *g = signin_of(t);
    struct lp_err err = {0};
    if (g->asking_name) {
        if (ch == 27) {
            g->asking_name = 0;
            return 1;
        }
        if (ch == '\n' || ch == KEY_ENTER) {
            if (app_register(&t->app, g->id.buf, g->name.buf, &err)) {
                snprintf(g->name.err, sizeof g->name.err, "%s", err.msg);
                tui_log(t, err.msg);
                return 1;
            }
            g->asking_name = 0;
            tui_signed_in(t);
            return 1;
        }
        return tui_field_key(&g->name, ch);
    }
    switch (ch) {
    case 27:
        t->quit = 1;
        return 1;
    case KEY_UP:
        if (g->sel > 0)
            g->sel--;
        return 1;
    case KEY_DOWN:
        if (g->sel + 1 < g->npeople)
            g->sel++;
        return 1;
    case '\n':
    case KEY_ENTER:
        if (g->id.len)
            try_signin(t, g->id.buf);
        else if (g->npeople)
            try_signin(t, g->people[g->sel].id);
        else
            snprintf(g->id.err, sizeof g->id.err,
                     "type your personnel id first");
        return 1;
    case KEY_BACKSPACE:
    case 127:
    case 8:
    case 21:
        return tui_field_key(&g->id, ch);
    default:
        if (id_char(ch))
            return tui_field_key(&g->id, ch);
        return 0;
    }
}

const struct view view_signin = {
    .name = "Sign in",
    .help = "Sign in with your personnel id. Use the Up and Down arrows to "
            "pick your name from the roster and press Enter, or type your "
            "id and press Enter. If the id is new, lprsim asks for your "
            "name and adds you to the roster as a trainee. Ids hold "
            "letters, digits, '.', '_' and '-' (at most 32). Esc quits "
            "(q and Q are letters of an id here).",
    .draw = signin_draw,
    .key = signin_key,
    .enter = signin_enter,
};
