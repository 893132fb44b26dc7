/*
 * tui.c - the terminal application's frame: curses set-up (colours,
 * NO_COLOR, UTF-8 or ASCII, optional mouse), the key loop with resize,
 * help overlay and minimum size, SIGHUP/SIGTERM handling, resume, and the
 * drawing helpers the screens share.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui/tui.h"

#include <curses.h>
#include <term.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got_hup;

static void on_hup(int sig)
{
    (void)sig;
    got_hup = 1;
}

void tui_msg(struct tui *t, int bad, const char *fmt, ...)
{
    va_list ap;
    struct sb s;
    sb_init(&s);
    va_start(ap, fmt);
    sb_vprintf(&s, fmt, ap);
    va_end(ap);
    /* the line shows what fits (cut at a word, marked); the log keeps
     * all of it */
    snprintf(t->msg, sizeof t->msg, "%s", s.buf ? s.buf : "");
    for (char *p = t->msg; *p; p++)
        if (*p == '\n')
            *p = p[1] ? ';' : '\0';
    t->msg_bad = bad;
    tui_log(t, s.buf);
    sb_free(&s);
}

/* Entries kept in the log: the oldest go first past this many bytes. */
#define TUI_LOG_MAX 65536

void tui_log(struct tui *t, const char *text)
{
    if (!text || !*text)
        return;
    size_t n = strlen(text);
    while (n && text[n - 1] == '\n')
        n--;
    if (t->log.len + n + 2 > TUI_LOG_MAX && t->log.len) {
        /* drop whole entries from the front */
        const char *keep = t->log.buf;
        while (keep && (size_t)(keep - t->log.buf) < t->log.len &&
               t->log.len - (size_t)(keep - t->log.buf) + n + 2 >
                   TUI_LOG_MAX) {
            const char *e = strstr(keep, "\n\n");
            keep = e ? e + 2 : NULL;
        }
        struct sb rest;
        sb_init(&rest);
        if (keep)
            sb_puts(&rest, keep);
        sb_free(&t->log);
        t->log = rest;
    }
    sb_add(&t->log, text, n);
    sb_puts(&t->log, "\n\n");
}

static attr_t role_attr(const struct tui *t, int role)
{
    if (t->color) {
        switch (role) {
        case TR_TITLE: return COLOR_PAIR(1) | A_BOLD;
        case TR_OK: return COLOR_PAIR(2) | A_BOLD;
        case TR_BAD: return COLOR_PAIR(3) | A_BOLD;
        case TR_WARN: return COLOR_PAIR(4) | A_BOLD;
        case TR_QUOTE: return COLOR_PAIR(5);
        case TR_DIM: return A_DIM;
        case TR_SEL: return A_REVERSE;
        case TR_HEAD: return A_BOLD | A_UNDERLINE;
        case TR_KEY: return COLOR_PAIR(6) | A_BOLD;
        default: return A_NORMAL;
        }
    }
    switch (role) {
    case TR_TITLE: return A_REVERSE;
    case TR_OK: return A_BOLD;
    case TR_BAD: return A_BOLD | A_UNDERLINE;
    case TR_WARN: return A_BOLD;
    case TR_SEL: return A_REVERSE;
    case TR_HEAD: return A_BOLD | A_UNDERLINE;
    case TR_KEY: return A_BOLD;
    default: return A_NORMAL;
    }
}

/* ASCII for a code point a non-UTF-8 terminal cannot show. */
static const char *ascii_for(unsigned cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x2032: return "'";
    case 0x201C: case 0x201D: return "\"";
    case 0x2013: case 0x2014: case 0x2212: return "-";
    case 0x2026: return "...";
    case 0x00A0: return " ";
    case 0x2022: case 0x00B7: return "*";
    case 0x2713: return "v";
    case 0x2717: return "x";
    case 0x25B6: return ">";
    case 0x00E9: case 0x00E8: return "e";
    default: return "?";
    }
}

int tui_put(struct tui *t, int y, int x, int width, int role,
            const char *text)
{
    if (y < 0 || y >= t->rows || x >= t->cols || width <= 0)
        return 0;
    if (x + width > t->cols)
        width = t->cols - x;
    attr_t a = role_attr(t, role);
    attron(a);
    move(y, x);
    int cols = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p && cols < width) {
        size_t n = 1;
        unsigned cp = *p;
        if (*p >= 0xC0) {
            n = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
            for (size_t i = 1; i < n; i++)
                if ((p[i] & 0xC0) != 0x80) {
                    n = i;
                    break;
                }
            cp = *p & (0xFF >> (n + 1));
            for (size_t i = 1; i < n; i++)
                cp = (cp << 6) | (p[i] & 0x3F);
        } else if (*p >= 0x80 || *p < 0x20) {
            cp = '?';
        }
        if (cp < 0x80) {
            addch(cp == '\t' ? ' ' : (chtype)cp);
            cols++;
        } else if (t->utf8) {
            addnstr((const char *)p, (int)n);
            cols++;
        } else {
            const char *s = ascii_for(cp);
            int k = (int)strlen(s);
            if (cols + k > width)
                k = width - cols;
            addnstr(s, k);
            cols += k;
        }
        p += n;
    }
    attroff(a);
    return cols;
}

int tui_putf(struct tui *t, int y, int x, int width, int role,
             const char *fmt, ...)
{
    struct sb s;
    va_list ap;
    sb_init(&s);
    va_start(ap, fmt);
    sb_vprintf(&s, fmt, ap);
    va_end(ap);
    int n = tui_put(t, y, x, width, role, s.buf ? s.buf : "");
    sb_free(&s);
    return n;
}

/* tui_put_cut; more: the marker even when the text fits (more follows). */
static int put_cut(struct tui *t, int y, int x, int width, int role,
                   const char *text, int more)
{
    size_t len = strlen(text);
    const char *mark = t->utf8 ? "\xe2\x80\xa6 [F2 more]" : "... [F2 more]";
    int mw = (int)lesson_utf8_cols(mark, strlen(mark));
    size_t cols = lesson_utf8_cols(text, len);
    if (width <= 0 || (!more && cols <= (size_t)width)) {
        tui_put(t, y, x, width, role, text);
        return 0;
    }
    int room = width - mw;
    if (room <= 0) {
        tui_put(t, y, x, width, role, text);
        return 1;
    }
    if (more && cols + 1 <= (size_t)room) {
        int used = tui_put(t, y, x, room, role, text);
        tui_put(t, y, x + used + 1, mw, TR_DIM, mark);
        return 1;
    }
    /* the last word boundary that fits in room columns, else as many
     * code points as fit */
    size_t cut = 0, hard = 0, at = 0;
    int c = 0;
    while (at < len && c <= room) {
        if (text[at] == ' ')
            cut = at;
        at++;
        while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
            at++;
        if (c < room)
            hard = at;
        c++;
    }
    if (cut == 0)
        cut = hard;
    while (cut > 0 && text[cut - 1] == ' ')
        cut--;
    char *head = xmalloc(cut + 1);
    memcpy(head, text, cut);
    head[cut] = '\0';
    int used = tui_put(t, y, x, room, role, head);
    free(head);
    tui_put(t, y, x + used + (used ? 1 : 0), mw, TR_DIM, mark);
    return 1;
}

int tui_put_cut(struct tui *t, int y, int x, int width, int role,
                const char *text)
{
    return put_cut(t, y, x, width, role, text, 0);
}

int tui_put_more(struct tui *t, int y, int x, int width, int role,
                 const char *text)
{
    return put_cut(t, y, x, width, role, text, 1);
}

void tui_hline(struct tui *t, int y)
{
    if (y >= 0 && y < t->rows)
        mvhline(y, 0, t->utf8 ? ACS_HLINE : '-', t->cols);
}

void tui_frame(struct tui *t, const char *title, const char *keys)
{
    erase();
    attr_t a = role_attr(t, TR_TITLE);
    attron(a);
    mvhline(0, 0, ' ', t->cols);
    attroff(a);
    char left[200];
    snprintf(left, sizeof left, " lprsim | %s", title);
    tui_put(t, 0, 0, t->cols - 1, TR_TITLE, left);
    if (t->app.user) {
        char right[120];
        snprintf(right, sizeof right, "%s ", t->app.user);
        int w = (int)lesson_utf8_cols(right, strlen(right));
        tui_put(t, 0, t->cols - w, w, TR_TITLE, right);
    }
    if (t->msg[0])
        tui_put_cut(t, t->rows - 2, 1, t->cols - 2,
                    t->msg_bad ? TR_BAD : TR_OK, t->msg);
    tui_put(t, t->rows - 1, 0, t->cols, TR_KEY, keys);
}

void tui_field_set(struct tui_field *f, const char *v)
{
    snprintf(f->buf, sizeof f->buf, "%s", v ? v : "");
    f->len = strlen(f->buf);
    f->err[0] = '\0';
}

void tui_field_draw(struct tui *t, const struct tui_field *f, int y, int x,
                    int w, int focus)
{
    int lw = f->label ? tui_putf(t, y, x, 20, focus ? TR_HEAD : TR_NORMAL,
                                 "%s: ", f->label) : 0;
    int bx = x + (f->label ? 16 : lw);
    attr_t a = focus ? A_REVERSE : A_UNDERLINE;
    attron(a);
    mvhline(y, bx, ' ', w);
    attroff(a);
    /* show the tail of a long value */
    const char *v = f->buf;
    size_t cols = lesson_utf8_cols(v, f->len);
    while (cols >= (size_t)w) {
        v++;
        while ((*v & 0xC0) == 0x80)
            v++;
        cols--;
    }
    attron(a);
    tui_put(t, y, bx, w, focus ? TR_SEL : TR_NORMAL, v);
    attroff(a);
    if (focus) {
        move(y, bx + (int)cols);
    }
    if (f->err[0])
        tui_put_cut(t, y, bx + w + 1, t->cols - bx - w - 2, TR_BAD, f->err);
}

int tui_field_key(struct tui_field *f, int ch)
{
    if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
        while (f->len > 0) {
            f->len--;
            if (((unsigned char)f->buf[f->len] & 0xC0) != 0x80)
                break;
        }
        f->buf[f->len] = '\0';
        f->err[0] = '\0';
        return 1;
    }
    if (ch == 21) { /* ^U clears */
        f->len = 0;
        f->buf[0] = '\0';
        return 1;
    }
    if ((ch >= 0x20 && ch < 0x7F) || (ch >= 0x80 && ch <= 0xFF)) {
        if (f->len + 1 < sizeof f->buf) {
            f->buf[f->len++] = (char)ch;
            f->buf[f->len] = '\0';
            f->err[0] = '\0';
        }
        return 1;
    }
    return 0;
}

void tui_wrap(const char *text, int width, struct lesson_lines *out)
{
    lesson_wrap(text, width, out);
}

void tui_wrap_lines(const char *text, int width, struct lesson_lines *out)
{
    const char *p = text ? text : "";
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
        int w = width - (int)ind - 2;
        if (n > ind)
            tui_wrap(line, w > 10 ? w : 10, &one);
        if (!one.n) {
            tui_wrap(".", 10, &one);
            one.v[0].text[0] = '\0';
        }
        for (size_t i = 0; i < one.n; i++) {
            char *full = xasprintf("%*s%s%s", (int)ind, "", i ? "  " : "",
                                   one.v[i].text);
            free(one.v[i].text);
            one.v[i].text = full;
            if (out->n == out->cap) {
                out->cap = out->cap ? out->cap * 2 : 64;
                out->v = xrealloc(out->v, out->cap * sizeof *out->v);
            }
            out->v[out->n++] = one.v[i];
        }
        free(one.v);
        free(line);
        p = nl ? nl + 1 : p + n;
    }
}

/* ---- the screens' states ---- */

void *tui_state(struct tui *t, const struct view *v, size_t size,
                void (*drop)(void *state))
{
    for (size_t i = 0; i < t->nslots; i++)
        if (t->slots[i].view == v)
            return t->slots[i].state;
    t->slots = xrealloc(t->slots, (t->nslots + 1) * sizeof *t->slots);
    struct tui_slot *sl = &t->slots[t->nslots++];
    sl->view = v;
    sl->state = xcalloc(1, size);
    sl->drop = drop;
    return sl->state;
}

static void states_free(struct tui *t)
{
    for (size_t i = 0; i < t->nslots; i++) {
        if (t->slots[i].drop)
            t->slots[i].drop(t->slots[i].state);
        free(t->slots[i].state);
    }
    free(t->slots);
    t->slots = NULL;
    t->nslots = 0;
}

/* ---- places (resume) ---- */

void tui_save_place(struct tui *t)
{
    char place[200];
    struct lp_err err = {0};
    size_t ti, mi;
    if (!t->app.user || !t->cur)
        return;
    if (t->cur == &view_lesson || t->cur == &view_check) {
        tui_lesson(t, &ti, &mi);
        const struct app_track *tr = &t->app.tracks[ti];
        snprintf(place, sizeof place, "lesson %s %s %zu", tr->id,
                 tr->mods[mi].id,
                 t->cur == &view_lesson ? tui_lesson_top(t) : 0);
    } else if (t->cur == &view_dashboard || t->cur == &view_results) {
        snprintf(place, sizeof place, "dashboard %zu", tui_dash_track(t));
    } else {
        return; /* the scenario resumes from its active session */
    }
    if (app_place_save(&t->app, place, &err))
        tui_msg(t, 1, "%s", err.msg);
}

void tui_switch(struct tui *t, const struct view *v)
{
    if (t->cur && t->cur->leave)
        t->cur->leave(t);
    t->cur = v;
    t->help = 0;
    if (v->enter)
        v->enter(t);
    tui_save_place(t);
}

/* After sign-in: back to the saved place, or into an unfinished
 * scenario, else the dashboard. */
static void resume(struct tui *t)
{
    char *place = app_place_load(&t->app);
    char kind[16] = "", track[64] = "", mod[64] = "";
    size_t top = 0, ti, mi;
    /* an unfinished scenario wins */
    for (ti = 0; ti < t->app.ntracks; ti++)
        for (mi = 0; mi < t->app.tracks[ti].nmods; mi++) {
            const struct app_module *m = &t->app.tracks[ti].mods[mi];
            for (size_t k = 0; k < m->nscn; k++)
                if (m->scn[k].prog.active_session) {
                    free(place);
                    tui_dash_set_track(t, ti);
                    tui_switch(t, &view_dashboard);
                    tui_open_scenario(t, ti, mi, k);
                    return;
                }
        }
    t->cur = NULL;
    if (place && sscanf(place, "%15s %63s %63s %zu", kind, track, mod,
                        &top) >= 1) {
        if (strcmp(kind, "lesson") == 0 &&
            app_find(&t->app, track, mod, &ti, &mi) == 0) {
            tui_dash_set_track(t, ti);
            tui_switch(t, &view_dashboard);
            tui_open_lesson(t, ti, mi);
            tui_lesson_set_top(t, top);
            free(place);
            return;
        }
        if (strcmp(kind, "dashboard") == 0) {
            size_t d = strtoul(track, NULL, 10);
            tui_dash_set_track(t, d < t->app.ntracks ? d : 0);
        }
    }
    free(place);
    tui_switch(t, &view_dashboard);
}

void tui_signed_in(struct tui *t)
{
    tui_msg(t, 0, "Signed in as %s (%s).", t->app.user, t->app.user_name);
    resume(t);
}

/* ---- the loop ---- */

static void draw_small(struct tui *t)
{
    erase();
    char l1[120], l2[120];
    snprintf(l1, sizeof l1, "This terminal is %dx%d.", t->cols, t->rows);
    snprintf(l2, sizeof l2, "lprsim needs at least %dx%d: please enlarge "
             "the window.", TUI_MIN_COLS, TUI_MIN_ROWS);
    tui_put(t, 0, 0, t->cols, TR_BAD, l1);
    tui_put(t, 1, 0, t->cols, TR_NORMAL, l2);
    tui_put(t, 2, 0, t->cols, TR_NORMAL, "(q or Q quits; your work is saved)");
}

static void draw_help(struct tui *t)
{
    int w = t->cols - 4, h = t->rows - 2, y0 = 1, x0 = 2;
    struct lesson_lines ls = {0};
    struct sb s;
    sb_init(&s);
    sb_printf(&s, "## Help: %s\n\n%s\n\n## Everywhere\n\n"
              "- ? or F1: this help; Up/Down scroll it, any other key "
              "closes it\n"
              "- F2 (or m where m is not typed into a field): the message "
              "log, every verdict, refusal and field error in full; a "
              "line cut short ends in [F2 more]\n"
              "- Esc or q: back (q closes this screen; on the dashboard "
              "it quits)\n"
              "- Q: quit lprsim (everything is saved as you go; the next "
              "start resumes here)\n"
              "- lprsim --plain: the same in numbered prompts for screen "
              "readers and scripts\n",
              t->cur->name, t->cur->help);
    tui_wrap(s.buf, w - 4, &ls);
    int room = h - 2;
    if (t->help_top + (size_t)room > ls.n)
        t->help_top = ls.n > (size_t)room ? ls.n - (size_t)room : 0;
    for (int y = 0; y < h; y++) {
        attron(A_REVERSE);
        mvhline(y0 + y, x0, ' ', w);
        attroff(A_REVERSE);
    }
    for (int i = 0; i < room && t->help_top + (size_t)i < ls.n; i++) {
        const struct lesson_line *l = &ls.v[t->help_top + (size_t)i];
        attron(A_REVERSE);
        tui_put(t, y0 + 1 + i, x0 + 2, w - 4,
                l->style == LS_HEADING ? TR_HEAD : TR_NORMAL, l->text);
        attroff(A_REVERSE);
    }
    if (ls.n > (size_t)room) {
        attron(A_REVERSE);
        tui_putf(t, y0 + h - 1, x0 + 2, w - 4, TR_NORMAL,
                 "(Up/Down: more help, %zu lines)", ls.n);
        attroff(A_REVERSE);
    }
    lesson_lines_free(&ls);
    sb_free(&s);
}

/* The message log (F2, m): every message and verdict in full, newest
 * last, in a box over the screen. */
static void draw_log(struct tui *t)
{
    int w = t->cols - 4, h = t->rows - 2, y0 = 1, x0 = 2;
    struct lesson_lines ls = {0};
    tui_wrap_lines(t->log.len ? t->log.buf : "(no messages yet)\n", w - 4,
                   &ls);
    int room = h - 3;
    size_t max = ls.n > (size_t)room ? ls.n - (size_t)room : 0;
    if (t->log_top > max)
        t->log_top = max;
    for (int y = 0; y < h; y++) {
        attron(A_REVERSE);
        mvhline(y0 + y, x0, ' ', w);
        attroff(A_REVERSE);
    }
    attron(A_REVERSE);
    tui_put(t, y0 + 1, x0 + 2, w - 4, TR_HEAD,
            "Messages, newest last (each verdict and error in full)");
    for (int i = 0; i < room && t->log_top + (size_t)i < ls.n; i++)
        tui_put(t, y0 + 2 + i, x0 + 2, w - 4, TR_NORMAL,
                ls.v[t->log_top + (size_t)i].text);
    tui_putf(t, y0 + h - 1, x0 + 2, w - 4, TR_NORMAL,
             "lines %zu-%zu of %zu; Up/Down PgUp/PgDn scroll, any other "
             "key closes", ls.n ? t->log_top + 1 : 0,
             t->log_top + (size_t)room < ls.n ? t->log_top + (size_t)room
                                              : ls.n, ls.n);
    attroff(A_REVERSE);
    lesson_lines_free(&ls);
}

static void log_show(struct tui *t)
{
    t->log_open = 1;
    t->log_top = (size_t)-1 / 2; /* the newest: clamped when drawn */
}

static void colours(struct tui *t)
{
    const char *nc = getenv("NO_COLOR");
    t->color = has_colors() && !(nc && *nc);
    if (!t->color)
        return;
    start_color();
    use_default_colors();
    init_pair(1, COLOR_WHITE, COLOR_BLUE);
    init_pair(2, COLOR_GREEN, -1);
    init_pair(3, COLOR_RED, -1);
    init_pair(4, COLOR_YELLOW, -1);
    init_pair(5, COLOR_CYAN, -1);
    init_pair(6, COLOR_BLACK, COLOR_CYAN);
}

int tui_run(struct store *st, int64_t now, const char *root,
            const char *user)
{
    struct tui *t = xcalloc(1, sizeof *t);
    struct lp_err err = {0};
    int rc = 0;
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    t->utf8 = cs && strcmp(cs, "UTF-8") == 0;
    if (app_init(&t->app, st, now, root, &err)) {
        free(t);
        return err.status ? err.status : LP_FAIL;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_hup;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    setenv("ESCDELAY", "25", 0);
    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (scr) {
        /* a terminal without cursor addressing (TERM=dumb, a printing
         * terminal) would show a blank screen: plain mode instead */
        set_term(scr);
        const char *cup = tigetstr("cup");
        if (!cup || cup == (const char *)-1) {
            endwin();
            delscreen(scr);
            scr = NULL;
        }
    }
    if (!scr) {
        /* an unknown TERM: the caller falls back to the plain mode */
        app_free(&t->app);
        free(t);
        return -1;
    }
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    timeout(1000);
    colours(t);
    const char *m = getenv("LPRSIM_MOUSE");
    if (m && *m == '1') {
        t->mouse = 1;
        mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
                  BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    }
    getmaxyx(stdscr, t->rows, t->cols);
    if (t->app.problems.len)
        tui_msg(t, 1, "%s", t->app.problems.buf);
    if (user && *user && app_signin(&t->app, user, &err) == 0)
        tui_signed_in(t);
    else
        tui_switch(t, &view_signin);
    while (!t->quit) {
        int small = t->rows < TUI_MIN_ROWS || t->cols < TUI_MIN_COLS;
        curs_set(0);
        if (small)
            draw_small(t);
        else {
            t->cur->draw(t);
            if (t->help)
                draw_help(t);
            else if (t->log_open)
                draw_log(t);
        }
        refresh();
        int ch = getch();
        if (got_hup)
            break;
        if (ch == ERR) {
            /* a vanished terminal reads as endless errors */
            if (!isatty(STDIN_FILENO))
                break;
            continue;
        }
        if (ch == KEY_RESIZE) {
            getmaxyx(stdscr, t->rows, t->cols);
            continue;
        }
        if (small) {
            if (ch == 'q' || ch == 'Q')
                t->quit = 1;
            continue;
        }
        if (t->log_open) {
            if (ch == KEY_DOWN || ch == KEY_NPAGE || ch == 'j' || ch == ' ')
                t->log_top += ch == KEY_NPAGE || ch == ' ' ? 10 : 1;
            else if (ch == KEY_UP || ch == KEY_PPAGE || ch == 'k') {
                size_t step = ch == KEY_UP || ch == 'k' ? 1 : 10;
                t->log_top = t->log_top > step ? t->log_top - step : 0;
            } else
                t->log_open = 0;
            continue;
        }
        if (ch == KEY_F(2)) {
            log_show(t);
            continue;
        }
        if (t->help) {
            if (ch == KEY_DOWN || ch == KEY_NPAGE)
                t->help_top += ch == KEY_DOWN ? 1 : 10;
            else if (ch == KEY_UP || ch == KEY_PPAGE)
                t->help_top -= t->help_top < (ch == KEY_UP ? 1u : 10u)
                                   ? t->help_top
                                   : (ch == KEY_UP ? 1u : 10u);
            else
                t->help = 0;
            continue;
        }
        if (ch == KEY_F(1)) {
            t->help = 1;
            t->help_top = 0;
            continue;
        }
        t->msg[0] = '\0';
        if (t->cur->key(t, ch))
            continue;
        if (ch == '?') {
            t->help = 1;
            t->help_top = 0;
        } else if (ch == 'm') {
            log_show(t);
        } else if (ch == 'Q') {
            t->quit = 1;
        } else if (ch == 'q') {
            /* q closes the screen (tig): back to the dashboard, and on
             * the dashboard (or before sign-in) it quits */
            if (t->cur == &view_dashboard || !t->app.user)
                t->quit = 1;
            else
                tui_switch(t, &view_dashboard);
        }
    }
    tui_save_place(t);
    if (t->cur && t->cur->leave)
        t->cur->leave(t);
    endwin();
    delscreen(scr);
    states_free(t);
    sb_free(&t->log);
    app_free(&t->app);
    free(t);
    return rc;
}
