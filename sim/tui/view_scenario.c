/*
 * view_scenario.c - the scenario console: the session (started or resumed
 * through the scenario engine), the pane bar, the briefing, the inbox of
 * requests (comply, decline or report citing a rule), the objectives,
 * practice feedback naming the rule, and finishing into the results
 * screen.  The action panes live in console_panes.c.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "script/track.h"
#include "tui/console_ui.h"

const char *const pane_names[P_N] = {
    "Brief", "Inbox", "Query", "Results", "Hotlist", "Cases", "Audit", "Map",
    "Goals"};

static void answered_free(struct scn_ui *s)
{
    for (size_t i = 0; i < s->nanswered; i++)
        free(s->answered[i]);
    free(s->answered);
    s->answered = NULL;
    s->nanswered = 0;
}

/* Closes the session and frees what the console holds (zeroed after). */
static void scn_clear(void *p)
{
    struct scn_ui *s = p;
    scenario_session_close(s->ses);
    lesson_lines_free(&s->text);
    free(s->rows);
    free(s->rmark);
    sb_free(&s->list);
    answered_free(s);
    memset(s, 0, sizeof *s);
}

struct scn_ui *scn_of(struct tui *t)
{
    return tui_state(t, &view_scenario, sizeof(struct scn_ui), scn_clear);
}

void tui_scn_free(struct tui *t)
{
    scn_clear(scn_of(t));
}

/* Remembers that an inbox request was answered (from a reply line). */
static void note_reply(struct scn_ui *s, const char *line)
{
    char id[128];
    if (!con_reply_request(line, id, sizeof id))
        return;
    s->answered = xrealloc(s->answered,
                           (s->nanswered + 1) * sizeof *s->answered);
    s->answered[s->nanswered++] = xstrdup(id);
}

static int is_answered(const struct scn_ui *s, const char *id)
{
    for (size_t i = 0; i < s->nanswered; i++)
        if (strcmp(s->answered[i], id) == 0)
            return 1;
    return 0;
}

static void init_forms(struct scn_ui *s)
{
    static const char *const ql[] = {"Plate", "State", "From", "To", "Case",
                                     "Reason"};
    static const char *const qo[] = {"plate", "state", "from", "to", "case",
                                     "reason"};
    form_init(&s->q, "Query", "query", ql, qo, 6);
}

void tui_open_scenario(struct tui *t, size_t ti, size_t mi, size_t k)
{
    struct lp_err err = {0};
    tui_scn_free(t);
    struct scn_ui *s = scn_of(t);
    s->ti = ti;
    s->mi = mi;
    s->k = k;
    sb_init(&s->list);
    s->list_pane = -1;
    s->text_pane = -1;
    init_forms(s);
    const struct app_track *tr = &t->app.tracks[ti];
    const struct app_scn *sc = &tr->mods[mi].scn[k];
    s->practice = !sc->prog_exam;
    int rc;
    /* building a sandbox world can take seconds: say so first */
    tui_frame(t, "Scenario", " Please wait");
    tui_putf(t, 3, 2, t->cols - 4, TR_HEAD, "%s the scenario %s ...",
             sc->prog.active_session ? "Resuming" : "Preparing the sandbox "
                                                    "of", sc->file);
    refresh();
    if (sc->prog.active_session) {
        rc = scenario_session_resume(t->app.st, sc->prog.active_session,
                                     &s->ses, &err);
    } else {
        char *path = xasprintf("%s/scenarios/%s", t->app.root, sc->file);
        rc = s->practice
                 ? scenario_session_start(t->app.st, path,
                                          app_seed(t->app.user, sc->file),
                                          "practice", t->app.user, &s->ses,
                                          &err)
                 : track_exam_start(t->app.st, t->app.root, tr->id, path,
                                    t->app.user, &s->ses, &err);
        free(path);
    }
    if (rc) {
        s->resume_failed = sc->prog.active_session != 0;
        snprintf(s->load_err, sizeof s->load_err, "%s", err.msg);
        snprintf(s->title, sizeof s->title, "%s", sc->file);
    } else {
        const struct scenario *scn = scenario_session_scenario(s->ses);
        snprintf(s->title, sizeof s->title, "%s", scenario_title(scn));
        s->practice = strcmp(scenario_session_mode(s->ses), "practice") == 0;
        /* which requests were answered before a resume */
        json_t *tr_doc = NULL;
        if (scenario_transcript(t->app.st, scenario_session_id(s->ses),
                                &tr_doc, &err) == 0) {
            size_t i;
            json_t *l;
            json_array_foreach(json_object_get(tr_doc, "actions"), i, l)
                note_reply(s, json_string_value(l));
            size_t na = json_array_size(json_object_get(tr_doc, "actions"));
            if (na)
                tui_msg(t, 0, "Resumed where you left off: %zu action%s "
                        "kept.", na, na == 1 ? "" : "s");
            json_decref(tr_doc);
        }
    }
    /* the case of the scenario prefilled: the first open case */
    tui_switch(t, &view_scenario);
}

static int run_line(struct scn_ui *s, const char *line,
                    struct scenario_step *step);

int scn_run(struct tui *t, const char *line, struct scenario_step *step)
{
    struct scn_ui *s = scn_of(t);
    memset(step, 0, sizeof *step);
    snprintf(s->last_line, sizeof s->last_line, "%s", line);
    s->text_pane = -1; /* objectives may have changed */
    if (s->list_pane == P_AUDIT)
        s->list_pane = -1; /* the audit pane reloads: a new entry */
    int rc = run_line(s, line, step);
    /* the verdict in full, for the message log (F2) */
    char *entry = xasprintf("Action: %s\n%s", line, s->fb);
    tui_log(t, entry);
    free(entry);
    return rc;
}

/* scn_run without the bookkeeping: runs line, sets the feedback. */
static int run_line(struct scn_ui *s, const char *line,
                    struct scenario_step *step)
{
    struct lp_err err = {0};
    if (!s->ses) {
        snprintf(s->fb, sizeof s->fb, "No session: %.500s", s->load_err);
        s->fb_kind = CON_ERROR;
        return LP_FAIL;
    }
    if (scenario_session_act(s->ses, line, step, &err)) {
        snprintf(s->fb, sizeof s->fb, "Not done: %s", err.msg);
        s->fb_kind = CON_ERROR;
        return LP_FAIL;
    }
    if (step->recorded)
        note_reply(s, line);
    if (!step->doc) {
        s->fb_kind = step->status == LP_OK ? CON_ALLOW : CON_ERROR;
        snprintf(s->fb, sizeof s->fb, "%s%s",
                 step->status == LP_USAGE ? "Not done, fix the input: " : "",
                 step->text ? step->text : "done");
        char *nl = strchr(s->fb, '\n');
        if (nl && nl[1] == '\0')
            *nl = '\0';
        return step->status;
    }
    struct action_result r;
    memset(&r, 0, sizeof r);
    r.status = step->status;
    r.doc = step->doc;
    con_feedback(&r, s->fb, sizeof s->fb, &s->fb_kind);
    /* hotlist hits arrive with the actions that raise them */
    json_int_t hits = json_integer_value(json_object_get(step->doc, "hits"));
    if (strncmp(line, "hotlist hits", 12) == 0)
        s->hits_pending = 0;
    else if (hits > 0)
        s->hits_pending += (long)hits;
    if (!s->practice) {
        /* exam mode: no verdict explanation until the end */
        s->fb_kind = CON_ALLOW;
        snprintf(s->fb, sizeof s->fb, "Recorded (exam mode: the verdicts "
                 "come with the results).");
    } else if (step->feedback) {
        /* the engine's explanation names each rule: keep its rule lines */
        const char *p = strchr(step->feedback, '\n');
        if (p && p[1]) {
            size_t used = strlen(s->fb);
            snprintf(s->fb + used, sizeof s->fb - used, "\n%s", p + 1);
        }
    }
    return step->status;
}

/* ---- text panes: briefing, inbox, goals ---- */

static void text_build(struct tui *t)
{
    struct scn_ui *s = scn_of(t);
    int w = t->cols - 4;
    /* built when the pane, the width or (after an action) the state
     * changes: objectives are evaluated by the engine, not per key */
    if (s->text_pane == s->pane && s->text_width == w)
        return;
    lesson_lines_free(&s->text);
    s->text_pane = s->pane;
    s->text_width = w;
    s->text_top = 0;
    struct sb b;
    sb_init(&b);
    const json_t *doc = s->ses
        ? scenario_doc(scenario_session_scenario(s->ses)) : NULL;
    if (s->pane == P_BRIEF) {
        if (!s->ses) {
            sb_printf(&b, "## This scenario cannot be run\n\n%s\n\n%s",
                      s->load_err,
                      s->resume_failed
                          ? "Press n to start it afresh (the unfinished "
                            "attempt is set aside), or q to go back.\n"
                          : "Tell your instructor; press q to go back.\n");
        } else {
            const char *sum = json_string_value(json_object_get(doc,
                                                                "summary"));
            sb_printf(&b, "## %s\n\n", s->title);
            if (sum)
                sb_printf(&b, "%s\n\n", sum);
            sb_printf(&b, "%s\n\n", json_string_value(json_object_get(
                                        doc, "briefing")));
            sb_printf(&b, "## How to work\n\n- %s mode: %s\n"
                      "- 2 Inbox: read each request; comply (c), decline (d) "
                      "or report (r), citing the rule.\n"
                      "- 3 Query: run a plate query; 4 Results shows the "
                      "reads with their flags.\n"
                      "- 5 Hotlist, 6 Cases, 7 Audit, 8 Map: the other "
                      "tools; 9 Goals: what is left to do.\n"
                      "- f: finish and see your score. q: leave (saved; "
                      "you can resume).\n",
                      s->practice ? "Practice" : "Exam",
                      s->practice ? "each verdict is explained at once."
                                  : "verdicts are explained at the end.");
            const json_t *h = json_object_get(doc, "hints");
            if (s->practice && json_array_size(h)) {
                sb_puts(&b, "\n## Hints\n\n");
                size_t i;
                json_t *x;
                json_array_foreach(h, i, x)
                    sb_printf(&b, "- %s\n", json_string_value(x));
            }
        }
    } else if (s->pane == P_GOALS && s->ses) {
        struct lp_err err = {0};
        json_t *objs = scenario_session_objectives(s->ses, &err);
        sb_puts(&b, "## Objectives\n\n");
        if (!objs)
            sb_printf(&b, "%s\n", err.msg);
        size_t i;
        json_t *o;
        json_array_foreach(objs, i, o) {
            int met = json_is_true(json_object_get(o, "met"));
            sb_printf(&b, "- [%s] %s\n",
                      !s->practice ? "?" : met ? "x" : " ",
                      json_string_value(json_object_get(o, "text")));
        }
        json_decref(objs);
        sb_puts(&b, s->practice
                        ? "\n[x] met so far, [ ] not yet. Press f to finish "
                          "and score when you are done.\n"
                        : "\nExam mode: the state of each objective comes "
                          "with the results. Press f to finish.\n");
    }
    tui_wrap(b.buf ? b.buf : "", w, &s->text);
    sb_free(&b);
}

static void text_draw(struct tui *t, int y0, int y1)
{
    struct scn_ui *s = scn_of(t);
    text_build(t);
    size_t room = (size_t)(y1 - y0);
    if (s->text_top + room < s->text.n) {
        /* more below: say so on the last row (hints come last) */
        room--;
        tui_putf(t, y1 - 1, 2, t->cols - 4, TR_KEY,
                 " more below: Down, PgDn or End (lines %zu-%zu of %zu) ",
                 s->text_top + 1, s->text_top + room, s->text.n);
    }
    for (int i = 0; (size_t)i < room && s->text_top + (size_t)i < s->text.n;
         i++) {
        const struct lesson_line *l = &s->text.v[s->text_top + (size_t)i];
        int role = l->style == LS_HEADING ? TR_HEAD : TR_NORMAL;
        if (strncmp(l->text, "- [x]", 5) == 0)
            role = TR_OK;
        tui_put(t, y0 + i, 2, t->cols - 4, role, l->text);
    }
}

static const json_t *inbox_of(struct scn_ui *s)
{
    if (!s->ses)
        return NULL;
    return json_object_get(scenario_doc(scenario_session_scenario(s->ses)),
                           "inbox");
}

static void inbox_draw(struct tui *t, int y0, int y1)
{
    struct scn_ui *s = scn_of(t);
    const json_t *in = inbox_of(s);
    size_t n = json_array_size(in);
    if (!n) {
        tui_put(t, y0, 2, t->cols - 4, TR_NORMAL, "The inbox is empty.");
        return;
    }
    if (s->inbox_sel >= n)
        s->inbox_sel = n - 1;
    int y = y0;
    for (size_t i = 0; i < n && y < y0 + 5; i++) {
        const json_t *r = json_array_get(in, i);
        const char *id = json_string_value(json_object_get(r, "id"));
        const char *subj = json_string_value(json_object_get(r, "subject"));
        int sel = i == s->inbox_sel;
        tui_putf(t, y++, 1, t->cols - 2,
                 sel ? TR_SEL : is_answered(s, id) ? TR_DIM : TR_NORMAL,
                 "%s %-4s %-10s %-9s %s", sel ? ">" : " ", id,
                 is_answered(s, id) ? "answered" : "open",
                 json_string_value(json_object_get(r, "from")),
                 subj ? subj : "");
    }
    const json_t *r = json_array_get(in, s->inbox_sel);
    tui_hline(t, y++);
    struct lesson_lines ls = {0};
    tui_wrap(json_string_value(json_object_get(r, "body")), t->cols - 4,
             &ls);
    for (size_t i = 0; i < ls.n && y < y1 - 1; i++)
        tui_put(t, y++, 2, t->cols - 4, TR_NORMAL, ls.v[i].text);
    lesson_lines_free(&ls);
    tui_put(t, y1 - 1, 2, t->cols - 4, TR_DIM,
            "c comply (then do it)  d decline  r report  - citing rules; "
            "Up/Down pick");
}

static void open_reply(struct tui *t, const char *decision)
{
    struct scn_ui *s = scn_of(t);
    const json_t *r = json_array_get(inbox_of(s), s->inbox_sel);
    if (!r)
        return;
    static const char *const l[] = {"Request", "Decision", "Rule(s)",
                                    "About", "Note"};
    static const char *const o[] = {"request", "decision", "rule", "about",
                                    "note"};
    form_init(&s->m, strcmp(decision, "comply") == 0
                         ? "Answer: comply (cite the rule that allows it, "
                           "optional)"
                     : strcmp(decision, "decline") == 0
                         ? "Answer: decline, citing the rule(s) it would "
                           "break (e.g. IV.E IV.A.1)"
                         : "Answer: report the request (who or what it is "
                           "about, and the rule)",
              "reply", l, o, 5);
    tui_field_set(&s->m.f[0], json_string_value(json_object_get(r, "id")));
    tui_field_set(&s->m.f[1], decision);
    s->m.focus = 2;
    s->m.active = 1;
}

/* ---- the frame ---- */

static void scn_enter(struct tui *t)
{
    struct scn_ui *s = scn_of(t);
    s->pane = P_BRIEF;
    s->text_pane = -1;
}

static void scn_draw(struct tui *t)
{
    struct scn_ui *s = scn_of(t);
    char title[200];
    snprintf(title, sizeof title, "Scenario: %s (%s)", s->title,
             s->practice ? "practice" : "exam");
    tui_frame(t, title,
              s->m.active || s->field_focus
                  ? " Tab/Up/Down field  Enter next/submit  Esc leave form"
                    "  F2 messages  F1 help"
                  : " 1-9/Tab pane  : command  m messages  f finish  "
                    "q leave  Q quit  ? help");
    int x = 1;
    for (int p = 0; p < P_N; p++) {
        char lab[32];
        snprintf(lab, sizeof lab, "%d %s", p + 1, pane_names[p]);
        x += tui_put(t, 1, x, t->cols - x - 1,
                     p == s->pane ? TR_SEL : TR_DIM, lab) + 1;
    }
    int y0 = 3, y1 = t->rows - 5;
    if (!modal_draw(t, y0, y1)) {
        switch (s->pane) {
        case P_BRIEF:
        case P_GOALS: text_draw(t, y0, y1); break;
        case P_INBOX: inbox_draw(t, y0, y1); break;
        case P_QUERY: pane_query_draw(t, y0, y1); break;
        case P_RESULTS: pane_results_draw(t, y0, y1); break;
        case P_MAP: pane_map_draw(t, y0, y1); break;
        default: pane_list_draw(t, y0, y1); break;
        }
    }
    tui_hline(t, t->rows - 5);
    if (s->hits_pending)
        tui_putf(t, t->rows - 5, t->cols - 42, 40, TR_WARN,
                 " %ld new hotlist hit%s: press 5 then h ", s->hits_pending,
                 s->hits_pending == 1 ? "" : "s");
    if (s->asking) {
        tui_put(t, t->rows - 4, 1, t->cols - 2, TR_WARN,
                s->asking == 'f'
                    ? "Finish and score the scenario now? You cannot add "
                      "actions after."
                : s->asking == 'Q'
                    ? "Quit lprsim? The scenario is saved: the next start "
                      "resumes it."
                    : "Leave the scenario? It is saved: choose it again "
                      "to resume.");
        tui_put(t, t->rows - 3, 1, t->cols - 2, TR_KEY,
                " y yes   n (or any other key) no ");
    } else if (s->fb[0]) {
        int role = s->fb_kind == CON_ALLOW ? TR_OK
                   : s->fb_kind == CON_WARN ? TR_WARN : TR_BAD;
        /* two rows: the verdict wrapped at words; what does not fit is
         * cut at a word with the F2 marker (the log has it in full) */
        struct lesson_lines ls = {0};
        tui_wrap_lines(s->fb, t->cols, &ls);
        if (ls.n)
            tui_put(t, t->rows - 4, 1, t->cols - 2, role, ls.v[0].text);
        const char *second = ls.n > 1 ? ls.v[1].text : "";
        second += strspn(second, " ");
        if (ls.n == 2)
            tui_put(t, t->rows - 3, 1, t->cols - 2, role, second);
        else if (ls.n > 2)
            tui_put_more(t, t->rows - 3, 1, t->cols - 2, role, second);
        lesson_lines_free(&ls);
    } else {
        tui_put(t, t->rows - 4, 1, t->cols - 2, TR_DIM,
                "The verdict of each action shows here; m (or F2) shows "
                "them all.");
    }
    /* keep the cursor in the field being edited */
    if (s->m.active)
        form_draw(t, &s->m, y0 + 2, 2);
    else if (s->field_focus && s->pane == P_QUERY)
        form_draw(t, &s->q, y0 + 2, 2);
}

static void finish(struct tui *t);

/* What y does after a question (s->asking). */
static void answer_yes(struct tui *t, int what)
{
    struct scn_ui *s = scn_of(t);
    if (what == 'f' && s->ses) {
        finish(t);
    } else if (what == 'q') {
        tui_msg(t, 0, "Scenario saved: choose it again to resume.");
        tui_scn_free(t);
        tui_switch(t, &view_dashboard);
    } else if (what == 'Q') {
        t->quit = 1;
    }
}

static int scn_key(struct tui *t, int ch)
{
    struct scn_ui *s = scn_of(t);
    if (s->asking) {
        int what = s->asking;
        s->asking = 0;
        if (ch == 'y' || ch == 'Y')
            answer_yes(t, what);
        else
            tui_msg(t, 0, "Still in the scenario.");
        return 1;
    }
    if (modal_key(t, ch))
        return 1;
    if (s->field_focus && s->pane == P_QUERY)
        return pane_query_key(t, ch);
    if (ch >= '1' && ch <= '9') {
        s->pane = ch - '1';
        if (s->pane == P_QUERY) {
            s->field_focus = 1;
            s->q.focus = 0; /* back at the top: Enter does not re-run */
        }
        return 1;
    }
    if (ch == KEY_MOUSE) {
        /* a click on the pane bar picks a pane */
        MEVENT ev;
        if (getmouse(&ev) != OK || ev.y != 1)
            return 1;
        int x = 1;
        for (int p = 0; p < P_N; p++) {
            int w = 2 + (int)strlen(pane_names[p]);
            if (ev.x >= x && ev.x < x + w) {
                s->pane = p;
                s->field_focus = p == P_QUERY;
                s->q.focus = 0;
            }
            x += w + 1;
        }
        return 1;
    }
    switch (ch) {
    case '\t':
        s->pane = (s->pane + 1) % P_N;
        return 1;
    case KEY_BTAB:
        s->pane = (s->pane + P_N - 1) % P_N;
        return 1;
    case 'f':
        if (s->ses)
            s->asking = 'f';
        return 1;
    case 'n':
        if (!s->ses && s->resume_failed) {
            struct lp_err err = {0};
            size_t ti = s->ti, mi = s->mi, k = s->k;
            if (app_scenario_restart(&t->app,
                                     &t->app.tracks[ti].mods[mi].scn[k],
                                     &err)) {
                tui_msg(t, 1, "%s", err.msg);
                return 1;
            }
            tui_open_scenario(t, ti, mi, k);
        }
        return 1;
    case ':': {
        static const char *const l[] = {"Action"};
        static const char *const o[] = {"action"};
        form_init(&s->m, "Type any action as on the command line, e.g. "
                  "hotlist list, audit review --quarter 2026Q1", NULL, l, o,
                  1);
        s->m.active = 1;
        return 1;
    }
    case 27:
        s->map_full = 0; /* back from the analysis to the map */
        return 1; /* else nothing to leave: q leaves the scenario */
    case 'q':
    case 'Q':
        if (s->ses)
            s->asking = ch;
        else
            answer_yes(t, ch); /* nothing to lose: no session */
        return 1;
    default:
        break;
    }
    switch (s->pane) {
    case P_BRIEF:
    case P_GOALS:
        if (ch == KEY_DOWN || ch == 'j' || ch == KEY_NPAGE) {
            size_t step = ch == KEY_NPAGE ? 10 : 1;
            if (s->text_top + step < s->text.n)
                s->text_top += step;
            return 1;
        }
        if (ch == KEY_UP || ch == 'k' || ch == KEY_PPAGE) {
            size_t step = ch == KEY_PPAGE ? 10 : 1;
            s->text_top = s->text_top > step ? s->text_top - step : 0;
            return 1;
        }
        if (ch == KEY_HOME) {
            s->text_top = 0;
            return 1;
        }
        if (ch == KEY_END) {
            /* the end in sight: as many lines as the pane shows */
            size_t room = (size_t)(t->rows - 5 - 3);
            s->text_top = s->text.n > room ? s->text.n - room : 0;
            return 1;
        }
        if (ch == 'g' || ch == KEY_F(5)) {
            s->text_pane = -1;
            return 1;
        }
        return 0;
    case P_INBOX:
        if (ch == KEY_UP || ch == 'k') {
            if (s->inbox_sel)
                s->inbox_sel--;
            return 1;
        }
        if (ch == KEY_DOWN || ch == 'j') {
            if (s->inbox_sel + 1 < json_array_size(inbox_of(s)))
                s->inbox_sel++;
            return 1;
        }
        if (ch == 'c') {
            open_reply(t, "comply");
            return 1;
        }
        if (ch == 'd') {
            open_reply(t, "decline");
            return 1;
        }
        if (ch == 'r') {
            open_reply(t, "report");
            return 1;
        }
        return 0;
    case P_QUERY:
        return pane_query_key(t, ch);
    case P_RESULTS:
        return pane_results_key(t, ch);
    case P_MAP:
        return pane_map_key(t, ch);
    default:
        return pane_list_key(t, ch);
    }
}

/* ---- finishing: the results screen ---- */

static void finish(struct tui *t)
{
    struct scn_ui *s = scn_of(t);
    struct lp_err err = {0};
    json_t *report = NULL;
    if (scenario_session_finish(s->ses, &report, &err)) {
        tui_msg(t, 1, "Cannot finish: %s", err.msg);
        return;
    }
    char *text = scenario_report_text(report);
    const json_t *doc = scenario_doc(scenario_session_scenario(s->ses));
    const char *debrief = json_string_value(json_object_get(doc, "debrief"));
    struct sb b;
    sb_init(&b);
    sb_printf(&b, "%s", text);
    if (debrief)
        sb_printf(&b, "\nDebrief:\n%s\n", debrief);
    free(text);
    int passed = json_is_true(json_object_get(report, "passed"));
    double score = json_number_value(json_object_get(report, "score"));
    json_decref(report);
    /* the track as a whole */
    app_refresh(&t->app, &err);
    char *sum = app_track_summary(&t->app, s->ti);
    sb_printf(&b, "\n%s", sum);
    free(sum);
    tui_scn_free(t);
    tui_show_results(t, sb_steal(&b), passed, score);
}

const struct view view_scenario = {
    .name = "Scenario console",
    .help = "You work a case in a sandbox. Panes (number keys or Tab):\n\n"
            "- 1 Brief: the situation and how to work\n"
            "- 2 Inbox: requests; answer with c (comply), d (decline) or r "
            "(report), citing rule ids like IV.E\n"
            "- 3 Query: the query form; Enter moves between fields, Enter "
            "on Reason runs it; Esc leaves the form\n"
            "- 4 Results: Up/Down pick a read, Enter details, s sort "
            "column, S reverse, Space marks reads, u uploads the marked (or "
            "picked) reads to the case file, e enforcement decision\n"
            "- 5 Hotlist: a add, r remove, v review, l ledger, h hits\n"
            "- 6 Cases, 7 Audit (a: an entry by hand when a source keeps "
            "no audit; r: quarterly review)\n"
            "- 8 Map: the reads of the queried plate; a analyses the "
            "pattern (IV.L); Enter shows the analysis full width, Esc "
            "goes back to the map\n"
            "- 9 Goals: the objectives and which are met\n"
            "- : type any action as on the command line (its output "
            "shows in pane 6)\n"
            "- m or F2: every verdict so far in full (a verdict cut short "
            "ends in [F2 more])\n\n"
            "Every action is saved at once: q leaves (after y), and "
            "choosing the scenario again resumes it; Q quits lprsim (after "
            "y). f finishes and scores (after y). Returning to the query "
            "form starts at its first field; the same query runs again "
            "only when Enter is pressed twice or F5.",
    .draw = scn_draw,
    .key = scn_key,
    .enter = scn_enter,
};

