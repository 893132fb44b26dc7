/*
 * view_signin.c - the sign-in screen: pick yourself from the roster with
 * the arrow keys, or type your personnel id; a new id asks for a name and
 * adds you to the roster as a trainee.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

static void signin_enter(struct tui *t)
{
    struct lp_err err = {0};
    app_people_free(t->people, t->npeople);
    t->people = NULL;
    t->npeople = t->sel_person = 0;
    if (app_people(&t->app, &t->people, &t->npeople, &err))
        tui_msg(t, 1, "%s", err.msg);
    char *last = app_last_user(&t->app);
    for (size_t i = 0; last && i < t->npeople; i++)
        if (strcmp(t->people[i].id, last) == 0)
            t->sel_person = i;
    free(last);
    t->asking_name = 0;
    tui_field_set(&t->f_id, "");
    tui_field_set(&t->f_name, "");
}

static void signin_draw(struct tui *t)
{
    tui_frame(t, "Sign in",
              " Up/Down pick  type an id  Enter sign in  ? help  Esc quit");
    tui_put(t, 2, 2, t->cols - 4, TR_HEAD,
            "Welcome to lprsim, the LPR privacy training simulator.");
    tui_put(t, 3, 2, t->cols - 4, TR_NORMAL,
            "Everything here is synthetic: no real plates, people or "
            "places.");
    int y = 5;
    if (t->asking_name) {
        tui_putf(t, y++, 2, t->cols - 4, TR_NORMAL,
                 "'%s' is not on the roster yet. Enter your name to join "
                 "as a trainee", t->f_id.buf);
        tui_put(t, y++, 2, t->cols - 4, TR_NORMAL,
                "(Esc to go back and pick another id).");
        y++;
        tui_field_draw(t, &t->f_name, y, 2, 40, 1);
        curs_set(1);
        return;
    }
    if (t->npeople) {
        tui_put(t, y++, 2, t->cols - 4, TR_NORMAL,
                "Pick yourself and press Enter:");
        int room = t->rows - 12;
        size_t first = t->sel_person >= (size_t)room
                           ? t->sel_person - (size_t)room + 1 : 0;
        for (size_t i = first; i < t->npeople && (int)(i - first) < room;
             i++) {
            int sel = i == t->sel_person && t->f_id.len == 0;
            tui_putf(t, y++, 4, t->cols - 8, sel ? TR_SEL : TR_NORMAL,
                     "%s %-16s %-30s %s", sel ? ">" : " ", t->people[i].id,
                     t->people[i].name, t->people[i].role);
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
    tui_field_draw(t, &t->f_id, y, 2, 32, 1);
    curs_set(1);
}

static int id_char(int ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
}

static void try_signin(struct tui *t, const char *id)
{
    struct lp_err err = {0};
    int rc = app_signin(&t->app, id, &err);
    if (rc < 0) {
        snprintf(t->f_id.err, sizeof t->f_id.err, "%s", err.msg);
        return;
    }
    if (rc == 1) {
        char copy[sizeof t->f_id.buf];
        snprintf(copy, sizeof copy, "%s", id);
        tui_field_set(&t->f_id, copy);
        t->asking_name = 1;
        return;
    }
    tui_signed_in(t);
}

static int signin_key(struct tui *t, int ch)
{
    struct lp_err err = {0};
    if (t->asking_name) {
        if (ch == 27) {
            t->asking_name = 0;
            return 1;
        }
        if (ch == '\n' || ch == KEY_ENTER) {
            if (app_register(&t->app, t->f_id.buf, t->f_name.buf, &err)) {
                snprintf(t->f_name.err, sizeof t->f_name.err, "%s", err.msg);
                return 1;
            }
            t->asking_name = 0;
            tui_signed_in(t);
            return 1;
        }
        return tui_field_key(&t->f_name, ch);
    }
    switch (ch) {
    case 27:
        t->quit = 1;
        return 1;
    case KEY_UP:
        if (t->sel_person > 0)
            t->sel_person--;
        return 1;
    case KEY_DOWN:
        if (t->sel_person + 1 < t->npeople)
            t->sel_person++;
        return 1;
    case '\n':
    case KEY_ENTER:
        if (t->f_id.len)
            try_signin(t, t->f_id.buf);
        else if (t->npeople)
            try_signin(t, t->people[t->sel_person].id);
        else
            snprintf(t->f_id.err, sizeof t->f_id.err,
                     "type your personnel id first");
        return 1;
    case KEY_BACKSPACE:
    case 127:
    case 8:
    case 21:
        return tui_field_key(&t->f_id, ch);
    default:
        if (id_char(ch))
            return tui_field_key(&t->f_id, ch);
        return 0;
    }
}

const struct view view_signin = {
    .name = "Sign in",
    .help = "Sign in with your personnel id. Use the Up and Down arrows to "
            "pick your name from the roster and press Enter, or type your "
            "id and press Enter. If the id is new, lprsim asks for your "
            "name and adds you to the roster as a trainee. Ids hold "
            "letters, digits, '.', '_' and '-' (at most 32). Esc quits.",
    .draw = signin_draw,
    .key = signin_key,
    .enter = signin_enter,
};
