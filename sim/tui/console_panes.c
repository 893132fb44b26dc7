/*
 * console_panes.c - the action panes of the scenario console: the query
 * form, the results table (sortable, scrollable, flags, read details,
 * upload and enforce), hotlist / cases / audit listings with their forms,
 * and the map of a plate's reads with its pattern analysis (IV.L).  All
 * through the action layer; no SQL here.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/console_ui.h"
#include "util/lptime.h"
#include "util/words.h"
#include "core/policy/rules.h"

/* ---- forms ---- */

void form_init(struct form *f, const char *title, const char *cmd,
               const char *const *labels, const char *const *opts, int n)
{
    memset(f, 0, sizeof *f);
    f->title = title;
    f->cmd = cmd;
    f->n = n > FORM_MAX ? FORM_MAX : n;
    for (int i = 0; i < f->n; i++) {
        f->f[i].label = labels[i];
        f->opt[i] = opts[i];
    }
}

void form_draw(struct tui *t, struct form *f, int y, int x)
{
    int w = f->cmd ? 30 : t->cols - x - 18;
    for (int i = 0; i < f->n; i++)
        tui_field_draw(t, &f->f[i], y + i, x, w,
                       f->active && i == f->focus);
    if (f->active) {
        /* put the cursor back in the focused field */
        tui_field_draw(t, &f->f[f->focus], y + f->focus, x, w, 1);
        curs_set(1);
    }
}

/* Marks field i with why and keeps it in the message log. */
static void field_error(struct tui *t, struct form *f, int i,
                        const char *why)
{
    snprintf(f->f[i].err, sizeof f->f[i].err, "%s", why);
    char *entry = xasprintf("%s, field %s: %s", f->title, f->f[i].label,
                            why);
    tui_log(t, entry);
    free(entry);
}

/* Checks the focused field when leaving it: 0 when fine, else marks it. */
static int leave_field(struct tui *t, struct form *f)
{
    const char *o = f->opt[f->focus];
    if (strcmp(o, "from") && strcmp(o, "to") && strcmp(o, "at"))
        return 0;
    const char *why = con_check_time(f->f[f->focus].buf);
    if (!why)
        return 0;
    field_error(t, f, f->focus, why);
    return -1;
}

int form_key(struct tui *t, struct form *f, int ch)
{
    switch (ch) {
    case '\t':
    case KEY_DOWN:
        if (leave_field(t, f))
            return 1;
        f->focus = (f->focus + 1) % f->n;
        return 1;
    case KEY_BTAB:
    case KEY_UP:
        f->focus = (f->focus + f->n - 1) % f->n;
        return 1;
    case '\n':
    case KEY_ENTER:
        if (leave_field(t, f))
            return 1;
        if (f->focus == f->n - 1)
            return 2;
        f->focus++;
        return 1;
    case KEY_F(5):
        return 3;
    default:
        return tui_field_key(&f->f[f->focus], ch);
    }
}

char *form_line(struct tui *t, struct form *f)
{
    const char *vals[FORM_MAX];
    if (!f->cmd) /* the command line: the text is the action */
        return xstrdup(f->f[0].buf);
    for (int i = 0; i < f->n; i++) {
        vals[i] = f->f[i].buf;
        f->f[i].err[0] = '\0';
        if (strcmp(f->opt[i], "from") == 0 || strcmp(f->opt[i], "to") == 0 ||
            strcmp(f->opt[i], "at") == 0) {
            const char *why = con_check_time(vals[i]);
            if (why) {
                field_error(t, f, i, why);
                f->focus = i;
                return NULL;
            }
        }
    }
    /* a "rule" field may cite several rules: one --rule each */
    const char *opts2[FORM_MAX * 4];
    const char *vals2[FORM_MAX * 4];
    char words[FORM_MAX][256];
    size_t n2 = 0;
    for (int i = 0; i < f->n; i++) {
        if (strcmp(f->opt[i], "rule") != 0) {
            opts2[n2] = f->opt[i];
            vals2[n2++] = vals[i];
            continue;
        }
        snprintf(words[i], sizeof words[i], "%s", vals[i]);
        char *save = NULL;
        for (char *w = strtok_r(words[i], " ,;", &save);
             w && n2 < FORM_MAX * 4; w = strtok_r(NULL, " ,;", &save)) {
            opts2[n2] = "rule";
            vals2[n2++] = w;
        }
    }
    return con_line(f->cmd, opts2, vals2, n2);
}

void form_mark(struct form *f, const char *msg)
{
    for (int i = 0; i < f->n; i++) {
        char needle[40];
        snprintf(needle, sizeof needle, "--%s", f->opt[i]);
        if (strstr(msg, needle)) {
            snprintf(f->f[i].err, sizeof f->f[i].err, "%s", msg);
            f->focus = i;
            return;
        }
    }
}

/* ---- the query form ---- */

static void load_rows(struct tui *t, const json_t *doc)
{
    struct scn_ui *s = scn_of(t);
    free(s->rows);
    s->rows = NULL;
    s->nrows = con_reads_from_doc(doc, &s->rows);
    free(s->rmark);
    s->rmark = xcalloc(s->nrows + 1, 1);
    s->rsel = s->rtop = 0;
    s->rdetail = 0;
    snprintf(s->rplate, sizeof s->rplate, "%.23s", s->q.f[0].buf);
    con_reads_sort(s->rows, s->nrows, s->rsort, s->rdesc);
}

/* Runs the query form (or, with cmd_override, the same fields as another
 * action).  The same query line as the last one runs again only when
 * forced (F5) or asked twice: Enter on a form left as it was must not
 * silently repeat an audited query. */
static void submit(struct tui *t, struct form *f, const char *cmd_override,
                   int force)
{
    struct scn_ui *s = scn_of(t);
    const char *cmd = f->cmd;
    if (cmd_override)
        f->cmd = cmd_override;
    char *line = form_line(t, f);
    f->cmd = cmd;
    if (!line) {
        tui_msg(t, 1, "Correct the marked field first.");
        return;
    }
    if (f == &s->q && !cmd_override && !force && !s->q_again &&
        strcmp(line, s->q_last) == 0) {
        s->q_again = 1;
        tui_msg(t, 1, "This query ran already: change a field, or press "
                "Enter (or F5) again to run it once more.");
        free(line);
        return;
    }
    s->q_again = 0;
    if (f == &s->q && !cmd_override)
        snprintf(s->q_last, sizeof s->q_last, "%s", line);
    struct scenario_step res;
    int rc = scn_run(t, line, &res);
    free(line);
    if (rc == LP_USAGE)
        form_mark(f, res.text ? res.text : "");
    if (f == &s->q && res.doc) {
        if (cmd_override) {
            /* the analysis: its text goes to the map pane */
            sb_reset(&s->list);
            sb_puts(&s->list, res.text ? res.text : "");
            s->list_pane = P_MAP;
            s->list_top = 0;
        } else {
            load_rows(t, res.doc);
            if (rc == LP_OK && s->nrows) {
                /* done with the form: number keys switch panes again */
                s->field_focus = 0;
                s->pane = P_RESULTS;
            }
        }
    }
    if (f == &s->q && !cmd_override && rc != LP_USAGE)
        f->focus = 0; /* a refused query: the form stays, from the top */
    scenario_step_free(&res);
}

void pane_query_draw(struct tui *t, int y0, int y1)
{
    struct scn_ui *s = scn_of(t);
    (void)y1;
    tui_put(t, y0, 2, t->cols - 4, TR_HEAD,
            "Query one known plate (IV.B, IV.I) inside a lawful window "
            "(IV.J)");
    s->q.active = s->field_focus;
    form_draw(t, &s->q, y0 + 2, 2);
    int y = y0 + 3 + s->q.n;
    if (s->ses) {
        const struct scenario *sc = scenario_session_scenario(s->ses);
        char today[16];
        lptime_format_date(scenario_now(sc), today, sizeof today);
        tui_putf(t, y++, 2, t->cols - 4, TR_DIM,
                 "Today (sandbox clock): %s. Times: YYYY-MM-DD or "
                 "YYYY-MM-DDTHH:MM:SSZ.", today);
        size_t i;
        const json_t *c;
        json_array_foreach(json_object_get(scenario_doc(sc), "cases"), i, c) {
            if (i >= 3)
                break;
            const char *title = json_string_value(json_object_get(c,
                                                                  "title"));
            tui_putf(t, y++, 2, t->cols - 4, TR_DIM, "Case %s (%s)%s%s",
                     json_string_value(json_object_get(c, "number")),
                     json_string_value(json_object_get(c, "type")),
                     title ? ": " : "", title ? title : "");
        }
    }
    tui_put(t, y++, 2, t->cols - 4, TR_DIM,
            s->field_focus
                ? "Enter: next field, on Reason it runs the query (or F5); "
                  "Esc leaves the form"
                : "Enter or e: edit the form   a: analyse the plate's "
                  "pattern (IV.L, map pane)");
}

int pane_query_key(struct tui *t, int ch)
{
    struct scn_ui *s = scn_of(t);
    if (!s->field_focus) {
        if (ch == '\n' || ch == KEY_ENTER || ch == 'e') {
            s->field_focus = 1;
            s->q.focus = 0;
            return 1;
        }
        if (ch == 'a') {
            submit(t, &s->q, "analyze", 1);
            s->pane = P_MAP;
            return 1;
        }
        return 0;
    }
    if (ch == 27) {
        s->field_focus = 0;
        return 1;
    }
    int r = form_key(t, &s->q, ch);
    if (r == 2 || r == 3)
        submit(t, &s->q, NULL, r == 3);
    else if (r)
        s->q_again = 0;
    return r != 0;
}

/* ---- results ---- */

static const int col_w[COL_N] = {7, 9, 3, 17, 8, 5, 8, 0};

void pane_results_draw(struct tui *t, int y0, int y1)
{
    struct scn_ui *s = scn_of(t);
    if (!s->nrows) {
        tui_put(t, y0, 2, t->cols - 4, TR_NORMAL,
                "No results yet: run a query in the Query pane (3).");
        return;
    }
    tui_putf(t, y0, 1, t->cols - 2, TR_HEAD,
             "%zu reads of %s, sorted by %s%s  (flags: check before use, "
             RULE_IV_A_2 ")", s->nrows, s->rplate, con_col_names[s->rsort],
             s->rdesc ? " (desc)" : "");
    tui_put(t, y1 - 1, 1, t->cols - 2, TR_DIM,
            "Enter details  s/S sort  Space mark  u upload (case file)  "
            "e enforce");
    int x = 1;
    for (int c = 0; c < COL_N; c++) {
        int w = col_w[c] ? col_w[c] : t->cols - x - 1;
        tui_putf(t, y0 + 1, x, w, c == s->rsort ? TR_HEAD : TR_DIM, "%s",
                 con_col_names[c]);
        x += w + 1;
    }
    int room = y1 - y0 - 3;
    if (s->rdetail)
        room -= 6;
    if (s->rsel < s->rtop)
        s->rtop = s->rsel;
    if (s->rsel >= s->rtop + (size_t)room)
        s->rtop = s->rsel - (size_t)room + 1;
    for (int i = 0; i < room && s->rtop + (size_t)i < s->nrows; i++) {
        const struct con_read *r = &s->rows[s->rtop + (size_t)i];
        int sel = s->rtop + (size_t)i == s->rsel;
        int role = sel ? TR_SEL : r->flags[0] ? TR_WARN : TR_NORMAL;
        if (s->rmark[s->rtop + (size_t)i])
            tui_put(t, y0 + 2 + i, 0, 1, TR_OK, "*");
        x = 1;
        for (int c = 0; c < COL_N; c++) {
            char cell[200];
            int w = col_w[c] ? col_w[c] : t->cols - x - 1;
            con_read_cell(r, c, cell, sizeof cell);
            if (sel)
                mvhline(y0 + 2 + i, x, ' ', w + 1);
            tui_put(t, y0 + 2 + i, x, w, role, cell);
            x += w + 1;
        }
    }
    if (s->rdetail && s->rsel < s->nrows) {
        const struct con_read *r = &s->rows[s->rsel];
        struct sb d;
        sb_init(&d);
        con_read_details(r, &d);
        /* five rows above the key line, each detail wrapped at words; what
         * does not fit was logged when the details were opened (F2) */
        int y = y1 - 7;
        tui_hline(t, y++);
        struct lesson_lines ls = {0};
        tui_wrap_lines(d.buf ? d.buf : "", t->cols - 4, &ls);
        int role = TR_HEAD;
        for (size_t i = 0; i < ls.n && y < y1 - 1; i++) {
            const char *l = ls.v[i].text;
            if (i > 0 && l[0] != ' ')
                role = strncmp(l, "flags: ", 7) == 0
                           ? (r->flags[0] ? TR_WARN : TR_OK)
                       : strncmp(l, "vehicle ", 8) == 0 ? TR_NORMAL
                                                        : TR_BAD;
            if (y == y1 - 2 && i + 1 < ls.n)
                tui_put_more(t, y++, 2, t->cols - 4, role, l);
            else
                tui_put(t, y++, 2, t->cols - 4, role, l);
        }
        lesson_lines_free(&ls);
        sb_free(&d);
    }
}

static void open_enforce(struct tui *t, const struct con_read *r)
{
    struct scn_ui *s = scn_of(t);
    static const char *const labels[] = {"Read id", "Case", "Corroboration",
                                         "Approval code"};
    static const char *const opts[] = {"read", "case", "corroboration",
                                       "approval"};
    form_init(&s->m, "Enforcement decision (" RULE_IV_A_3 ": kind:text "
              "corroboration; " RULE_IV_D ")", "enforce", labels, opts, 4);
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    tui_field_set(&s->m.f[0], id);
    tui_field_set(&s->m.f[1], s->q.f[4].buf);
    s->m.focus = 2;
    s->m.active = 1;
}

int pane_results_key(struct tui *t, int ch)
{
    struct scn_ui *s = scn_of(t);
    if (!s->nrows)
        return 0;
    switch (ch) {
    case KEY_UP:
    case 'k':
        if (s->rsel)
            s->rsel--;
        return 1;
    case KEY_DOWN:
    case 'j':
        if (s->rsel + 1 < s->nrows)
            s->rsel++;
        return 1;
    case KEY_PPAGE:
        s->rsel = s->rsel > 10 ? s->rsel - 10 : 0;
        return 1;
    case KEY_NPAGE:
        s->rsel = s->rsel + 10 < s->nrows ? s->rsel + 10 : s->nrows - 1;
        return 1;
    case KEY_HOME:
        s->rsel = 0;
        return 1;
    case KEY_END:
        s->rsel = s->nrows - 1;
        return 1;
    case 's':
    case 'S': {
        int64_t id = s->rows[s->rsel].id;
        if (ch == 's')
            s->rsort = (s->rsort + 1) % COL_N;
        else
            s->rdesc = !s->rdesc;
        /* marks follow their reads through the sort */
        int64_t *ids = xcalloc(s->nrows + 1, sizeof *ids);
        size_t nm = 0;
        for (size_t i = 0; i < s->nrows; i++)
            if (s->rmark[i])
                ids[nm++] = s->rows[i].id;
        con_reads_sort(s->rows, s->nrows, s->rsort, s->rdesc);
        for (size_t i = 0; i < s->nrows; i++) {
            s->rmark[i] = 0;
            for (size_t j = 0; j < nm; j++)
                if (ids[j] == s->rows[i].id)
                    s->rmark[i] = 1;
        }
        free(ids);
        for (size_t i = 0; i < s->nrows; i++)
            if (s->rows[i].id == id)
                s->rsel = i;
        return 1;
    }
    case '\n':
    case KEY_ENTER:
    case 'd':
        s->rdetail = !s->rdetail;
        if (s->rdetail) {
            /* details longer than their five rows go to the log too */
            struct sb d;
            struct lesson_lines ls = {0};
            sb_init(&d);
            con_read_details(&s->rows[s->rsel], &d);
            tui_wrap_lines(d.buf, t->cols - 4, &ls);
            if (ls.n > 5)
                tui_log(t, d.buf);
            lesson_lines_free(&ls);
            sb_free(&d);
        }
        return 1;
    case ' ':
        s->rmark[s->rsel] = !s->rmark[s->rsel];
        if (s->rsel + 1 < s->nrows)
            s->rsel++;
        return 1;
    case 'u': {
        /* the marked reads (space), else the one under the cursor, go to
         * the case file of the query form's case (IV.F, IV.G) */
        struct scenario_step res;
        struct sb l;
        sb_init(&l);
        sb_puts(&l, "upload");
        size_t nm = 0;
        for (size_t i = 0; i < s->nrows; i++)
            if (s->rmark[i]) {
                sb_printf(&l, " --read %lld", (long long)s->rows[i].id);
                nm++;
            }
        if (!nm)
            sb_printf(&l, " --read %lld", (long long)s->rows[s->rsel].id);
        sb_puts(&l, " --case ");
        words_quote(&l, s->q.f[4].buf);
        if (scn_run(t, l.buf, &res) == LP_OK)
            memset(s->rmark, 0, s->nrows);
        scenario_step_free(&res);
        sb_free(&l);
        return 1;
    }
    case 'e':
        open_enforce(t, &s->rows[s->rsel]);
        return 1;
    default:
        return 0;
    }
}

/* ---- list panes: hotlist, cases, audit ---- */

void pane_list_load(struct tui *t, int pane)
{
    struct scn_ui *s = scn_of(t);
    struct lp_err err = {0};
    sb_reset(&s->list);
    s->list_pane = pane;
    s->list_top = 0;
    if (!s->ses)
        return;
    if (pane == P_AUDIT) {
        if (con_audit_lines(scenario_session_store(s->ses), 200, &s->list,
                            &err))
            sb_printf(&s->list, "%s\n", err.msg);
        s->list_top = (size_t)-1 / 2; /* the newest in sight (clamped) */
        return;
    }
    const char *cmd = pane == P_CASES ? "case list"
                      : s->list_cmd[0] ? s->list_cmd : "hotlist list";
    struct scenario_step res;
    memset(&res, 0, sizeof res);
    if (scenario_session_act(s->ses, cmd, &res, &err))
        sb_printf(&s->list, "%s\n", err.msg);
    else if (res.text)
        sb_puts(&s->list, res.text);
    scenario_step_free(&res);
}

static const char *list_keys(int pane)
{
    switch (pane) {
    case P_HOTLIST:
        return "Enter list  a add  r remove  v review  l ledger  h hits";
    case P_AUDIT:
        return "a entry by hand (IV.M.1)  r quarterly review (IV.M.2)  "
               "Left/Right scroll";
    case P_MAP:
        return "The pattern analysis. Enter or Esc: back to the map;  "
               "Left/Right scroll";
    default:
        return "Enter list  Up/Down, Left/Right scroll";
    }
}

void pane_list_draw(struct tui *t, int y0, int y1)
{
    struct scn_ui *s = scn_of(t);
    /* the audit log is read as it is; hotlist and case listings are
     * actions (audited), so they run only when asked for */
    if (s->list_pane != s->pane && s->pane == P_AUDIT)
        pane_list_load(t, s->pane);
    tui_put(t, y0, 2, t->cols - 4, TR_DIM, list_keys(s->pane));
    if (s->list_pane != s->pane) {
        tui_putf(t, y0 + 1, 2, t->cols - 4, TR_NORMAL,
                 "Press Enter to list the %s (a listing is an action: it is "
                 "audited).", s->pane == P_CASES ? "cases" : "hotlist");
        return;
    }
    const char *p = s->list.buf ? s->list.buf : "";
    size_t nlines = 0, room = (size_t)(y1 - y0 - 1);
    for (const char *q = p; *q; q++)
        if (*q == '\n' || q[1] == '\0')
            nlines++;
    if (nlines > room) {
        /* not all in sight: the last row tells where we are */
        room--;
        if (s->list_top > nlines - room)
            s->list_top = nlines - room;
        tui_putf(t, y1 - 1, 2, t->cols - 4, TR_KEY,
                 " lines %zu-%zu of %zu: Up/Down, PgUp/PgDn to scroll ",
                 s->list_top + 1, s->list_top + room, nlines);
    } else {
        s->list_top = 0;
    }
    size_t line = 0;
    int y = y0 + 1;
    while (*p && y < y0 + 1 + (int)room) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (line++ >= s->list_top) {
            char buf[600];
            snprintf(buf, sizeof buf, "%.*s", (int)(n < 599 ? n : 599), p);
            size_t skip = 0, cols = 0;
            while (buf[skip] && cols < s->list_left) {
                skip++;
                while ((buf[skip] & 0xC0) == 0x80)
                    skip++;
                cols++;
            }
            tui_put(t, y++, 1, t->cols - 2, TR_NORMAL, buf + skip);
        }
        p = nl ? nl + 1 : p + n;
    }
    if (!s->list.len)
        tui_put(t, y0 + 1, 2, t->cols - 4, TR_DIM, "(nothing yet)");
}

static void open_form(struct tui *t, const char *title, const char *cmd,
                      const char *const *labels, const char *const *opts,
                      int n)
{
    struct scn_ui *s = scn_of(t);
    form_init(&s->m, title, cmd, labels, opts, n);
    s->m.active = 1;
}

static void simple_action(struct tui *t, const char *line)
{
    struct scenario_step res;
    scn_run(t, line, &res);
    scenario_step_free(&res);
}

int pane_list_key(struct tui *t, int ch)
{
    struct scn_ui *s = scn_of(t);
    switch (ch) {
    case KEY_UP:
    case 'k':
        if (s->list_top)
            s->list_top--;
        return 1;
    case KEY_DOWN:
    case 'j':
        s->list_top++;
        return 1;
    case KEY_NPAGE:
        s->list_top += 10;
        return 1;
    case KEY_PPAGE:
        s->list_top = s->list_top > 10 ? s->list_top - 10 : 0;
        return 1;
    case KEY_RIGHT:
        s->list_left += 20;
        return 1;
    case KEY_LEFT:
        s->list_left = s->list_left > 20 ? s->list_left - 20 : 0;
        return 1;
    case '\n':
    case KEY_ENTER:
        s->list_cmd[0] = '\0';
        pane_list_load(t, s->pane);
        return 1;
    default:
        break;
    }
    if (s->pane == P_HOTLIST) {
        static const char *const al[] = {"Plate", "State", "Case",
                                         "Tracking no.", "Note"};
        static const char *const ao[] = {"plate", "state", "case",
                                         "tracking", "note"};
        static const char *const rl[] = {"Plate", "Reason"};
        static const char *const ro[] = {"plate", "reason"};
        switch (ch) {
        case 'a':
            open_form(t, "Add a plate to the hotlist (IV.K.1-3: a current "
                      "case; plate and tracking number only)",
                      "hotlist add", al, ao, 5);
            return 1;
        case 'r':
            open_form(t, "Remove a plate no longer needed (IV.K.4)",
                      "hotlist remove", rl, ro, 2);
            return 1;
        case 'v':
            simple_action(t, "hotlist review");
            s->list_cmd[0] = '\0';
            s->list_pane = -1;
            return 1;
        case 'l':
            snprintf(s->list_cmd, sizeof s->list_cmd, "hotlist ledger");
            pane_list_load(t, P_HOTLIST);
            return 1;
        case 'h':
            snprintf(s->list_cmd, sizeof s->list_cmd, "hotlist hits");
            pane_list_load(t, P_HOTLIST);
            s->hits_pending = 0;
            return 1;
        default:
            return 0;
        }
    }
    if (s->pane == P_AUDIT && ch == 'r') {
        static const char *const l[] = {"Quarter"};
        static const char *const o[] = {"quarter"};
        open_form(t, "Quarterly review of the audit log (IV.M.2): e.g. "
                  "2026Q1", "audit review", l, o, 1);
        return 1;
    }
    if (s->pane == P_AUDIT && ch == 'a') {
        static const char *const l[] = {"Plate", "When (time)", "Results",
                                        "Case", "Reason", "Source"};
        static const char *const o[] = {"plate", "at", "results", "case",
                                        "reason", "source"};
        open_form(t, "Audit entry by hand (IV.M.1): who is you; give the "
                  "other five fields", "audit add", l, o, 6);
        return 1;
    }
    return 0;
}

/* ---- the modal form ---- */

int modal_draw(struct tui *t, int y0, int y1)
{
    struct scn_ui *s = scn_of(t);
    (void)y1;
    if (!s->m.active)
        return 0;
    for (int y = y0; y < y1; y++)
        mvhline(y, 0, ' ', t->cols);
    /* the title on up to two rows, wrapped at words */
    struct lesson_lines ls = {0};
    tui_wrap(s->m.title, t->cols - 4, &ls);
    for (size_t i = 0; i < ls.n && i < 2; i++)
        tui_put(t, y0 + (int)i, 2, t->cols - 4, TR_HEAD, ls.v[i].text);
    lesson_lines_free(&ls);
    form_draw(t, &s->m, y0 + 2, 2);
    tui_put(t, y0 + 3 + s->m.n, 2, t->cols - 4, TR_DIM,
            "Enter: next field; Enter on the last field (or F5) submits; "
            "Esc cancels.");
    return 1;
}

int modal_key(struct tui *t, int ch)
{
    struct scn_ui *s = scn_of(t);
    if (!s->m.active)
        return 0;
    if (ch == 27) {
        s->m.active = 0;
        return 1;
    }
    int r = form_key(t, &s->m, ch);
    if (r == 2 || r == 3) {
        char *line = form_line(t, &s->m);
        if (!line) {
            tui_msg(t, 1, "Correct the marked field first.");
            return 1;
        }
        struct scenario_step res;
        int rc = scn_run(t, line, &res);
        free(line);
        if (rc == LP_USAGE)
            form_mark(&s->m, res.text ? res.text : "");
        else if (rc == LP_OK || !s->m.cmd)
            s->m.active = 0;
        /* refused or failed: the form keeps what was typed, to correct */
        if (s->pane == P_AUDIT)
            pane_list_load(t, s->pane);
        else if (s->pane == P_HOTLIST)
            s->list_pane = -1; /* stale: Enter lists it again */
        if (s->m.cmd && strcmp(s->m.cmd, "audit review") == 0 && res.text) {
            /* the findings of the review replace the listing */
            sb_reset(&s->list);
            sb_printf(&s->list, "Review findings (Enter: back to the log)"
                      "\n%s", res.text);
            s->list_top = 0;
        }
        if (!s->m.cmd && res.text && rc != LP_USAGE) {
            /* a typed command: show what it printed */
            sb_reset(&s->list);
            sb_puts(&s->list, res.text);
            s->list_pane = P_CASES;
            s->pane = P_CASES;
            s->list_top = 0;
        }
        scenario_step_free(&res);
    }
    return 1;
}

/* ---- the map ---- */

void pane_map_draw(struct tui *t, int y0, int y1)
{
    struct scn_ui *s = scn_of(t);
    if (s->map_full && s->list_pane == P_MAP) {
        pane_list_draw(t, y0, y1);
        return;
    }
    if (!s->nrows) {
        tui_put(t, y0, 2, t->cols - 4, TR_NORMAL,
                "No reads to plot: query a plate first (pane 3), then "
                "come back.");
        return;
    }
    int w = 46, h = y1 - y0 - 2;
    if (h > 16)
        h = 16;
    char *grid = xmalloc((size_t)(w * h));
    struct con_place pl[256];
    int np = s->ses ? con_places(scenario_session_store(s->ses), pl, 256)
                    : 0;
    con_map(s->rows, s->nrows, pl, np > 0 ? (size_t)np : 0, w, h, grid);
    tui_putf(t, y0, 1, t->cols - 2, TR_HEAD,
             "Reads of %s on the metro area (1 = oldest; S = sensitive "
             "location, IV.D)", s->rplate);
    for (int y = 0; y < h; y++) {
        char row[64];
        memcpy(row, grid + y * w, (size_t)w);
        row[w] = '\0';
        for (int x = 0; x < w; x++)
            if (row[x] == '.')
                row[x] = ' ';
        mvaddch(y0 + 1 + y, 1, t->utf8 ? ACS_VLINE : '|');
        for (int x = 0; x < w; x++) {
            int role = row[x] == 'S' ? TR_BAD : row[x] == '*' ? TR_WARN
                                                              : TR_OK;
            char c[2] = {row[x], 0};
            tui_put(t, y0 + 1 + y, 2 + x, 1, role, c);
        }
        mvaddch(y0 + 1 + y, 2 + w, t->utf8 ? ACS_VLINE : '|');
    }
    free(grid);
    /* the analysis text beside the map; a line that does not fit ends in
     * '>' (Enter shows it full width) */
    int x0 = w + 4, cw = t->cols - x0 - 1;
    if (s->list_pane == P_MAP && s->list.len) {
        const char *p = s->list.buf;
        int y = y0 + 1, cut = 0;
        while (*p && y < y1 - 1) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            char buf[200];
            snprintf(buf, sizeof buf, "%.*s", (int)(n < 199 ? n : 199), p);
            if (lesson_utf8_cols(buf, strlen(buf)) > (size_t)cw) {
                tui_put(t, y, x0, cw - 1, TR_NORMAL, buf);
                tui_put(t, y, x0 + cw - 1, 1, TR_KEY, ">");
                cut = 1;
            } else {
                tui_put(t, y, x0, cw, TR_NORMAL, buf);
            }
            y++;
            p = nl ? nl + 1 : p + n;
        }
        if (cut || *p)
            tui_put(t, y1 - 1, x0, cw, TR_KEY, "Enter: all of it");
    } else {
        tui_put(t, y0 + 1, x0, cw, TR_DIM, "a: analyse the pattern");
        tui_put(t, y0 + 2, x0, cw, TR_DIM, "(places, hours, cameras)");
        tui_put(t, y0 + 3, x0, cw, TR_DIM, "with the query form's case");
        tui_put(t, y0 + 4, x0, cw, TR_DIM, "and reason (IV.L)");
    }
}

int pane_map_key(struct tui *t, int ch)
{
    struct scn_ui *s = scn_of(t);
    if (s->map_full) {
        if (ch == '\n' || ch == KEY_ENTER || ch == 27 || ch == 'a') {
            s->map_full = 0;
            return 1;
        }
        return pane_list_key(t, ch);
    }
    if (ch == 'a') {
        submit(t, &s->q, "analyze", 1);
        return 1;
    }
    if ((ch == '\n' || ch == KEY_ENTER) && s->list_pane == P_MAP &&
        s->list.len) {
        s->map_full = 1;
        s->list_top = 0;
        s->list_left = 0;
        return 1;
    }
    return 0;
}
