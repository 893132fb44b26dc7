/*
 * plain_scn.c - the scenario console in plain mode: the briefing, the
 * inbox (answered requests marked) and the objectives as plain lines; a
 * numbered menu (guided query, answer a request, audit log, finish, a
 * read's details) and, at the same prompt, any action line in the syntax
 * of the subcommands.  Everything runs through the scenario engine's
 * session (scenario_session_act).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/plain.h"
#include "core/learn/console.h"
#include "script/scenario.h"
#include "script/track.h"
#include "util/lptime.h"

static void print_brief(const struct scenario *sc, int practice)
{
    const json_t *doc = scenario_doc(sc);
    char today[16];
    lptime_format_date(scenario_now(sc), today, sizeof today);
    printf("\nBriefing\n");
    plain_print_wrapped(json_string_value(json_object_get(doc, "briefing")),
                        "  ");
    printf("Today (sandbox clock): %s\n", today);
    size_t ci;
    const json_t *c;
    json_array_foreach(json_object_get(doc, "cases"), ci, c) {
        const char *title = json_string_value(json_object_get(c, "title"));
        printf("Case %s (%s)%s%s\n",
               json_string_value(json_object_get(c, "number")),
               json_string_value(json_object_get(c, "type")),
               title ? ": " : "", title ? title : "");
    }
    const json_t *h = json_object_get(doc, "hints");
    if (practice && json_array_size(h)) {
        printf("Hints\n");
        size_t i;
        json_t *x;
        json_array_foreach(h, i, x) {
            struct sb s;
            sb_init(&s);
            sb_printf(&s, "- %s", json_string_value(x));
            plain_print_wrapped(s.buf, "  ");
            sb_free(&s);
        }
    }
}

/* The scenario console's state in plain mode. */
struct pscn {
    struct plain *p;
    struct scenario_session *ses;
    int practice;
    struct con_read *rows;        /* the reads of the last query */
    size_t nrows;
};

/* 1 when the session's transcript holds a reply to request id. */
static int answered(struct pscn *c, const char *id)
{
    struct lp_err err = {0};
    json_t *tr = NULL;
    int found = 0;
    if (!id || scenario_transcript(c->p->app.st,
                                   scenario_session_id(c->ses), &tr, &err))
        return 0;
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(tr, "actions"), i, l) {
        char rid[128];
        if (con_reply_request(json_string_value(l), rid, sizeof rid) &&
            strcmp(rid, id) == 0)
            found = 1;
    }
    json_decref(tr);
    return found;
}

static void print_inbox(struct pscn *c, const json_t *doc)
{
    const json_t *in = json_object_get(doc, "inbox");
    printf("\nInbox (%zu request%s)\n", json_array_size(in),
           json_array_size(in) == 1 ? "" : "s");
    size_t i;
    json_t *r;
    json_array_foreach(in, i, r) {
        const char *subj = json_string_value(json_object_get(r, "subject"));
        const char *id = json_string_value(json_object_get(r, "id"));
        printf("  %zu) request %s [%s] from %s%s%s\n", i + 1, id,
               answered(c, id) ? "answered" : "open",
               json_string_value(json_object_get(r, "from")),
               subj ? ": " : "", subj ? subj : "");
        plain_print_wrapped(json_string_value(json_object_get(r, "body")),
                            "     ");
    }
}

static void print_goals(struct scenario_session *ses, int practice)
{
    struct lp_err err = {0};
    json_t *objs = scenario_session_objectives(ses, &err);
    printf("\nObjectives\n");
    if (!objs) {
        printf("  Problem: %s\n", err.msg);
        return;
    }
    size_t i;
    json_t *o;
    json_array_foreach(objs, i, o)
        printf("  [%s] %s\n",
               !practice ? "?"
               : json_is_true(json_object_get(o, "met")) ? "x" : " ",
               json_string_value(json_object_get(o, "text")));
    json_decref(objs);
}

static void menu(void)
{
    printf("\nType an action as on the command line (for example: query "
           "--plate P --from DATE --to DATE --case N --reason \"...\"), "
           "or a number:\n"
           "  1) briefing  2) inbox  3) guided query  4) answer a request\n"
           "  5) objectives  6) audit log  7) finish and score  8) leave "
           "(saved, resume later)\n"
           "  9) a read's details (make, model, flags) from the last "
           "query\n");
}

/* Runs one line in the session and prints what it did; the reads of a
 * query are kept for their details (9). */
static void act(struct pscn *c, const char *line)
{
    struct scenario_step st;
    struct lp_err err = {0};
    int practice = c->practice;
    memset(&st, 0, sizeof st);
    if (scenario_session_act(c->ses, line, &st, &err)) {
        printf("Problem: %s\n", err.msg);
        return;
    }
    if (st.text && *st.text)
        printf("%s%s", st.text, st.text[strlen(st.text) - 1] == '\n' ? ""
                                                                      : "\n");
    if (st.doc && json_is_array(json_object_get(st.doc, "results"))) {
        free(c->rows);
        c->nrows = con_reads_from_doc(st.doc, &c->rows);
        if (c->nrows)
            printf("(9 shows a read's details: make, model, flags.)\n");
    }
    if (st.doc) {
        struct action_result r;
        char fb[600];
        int kind;
        memset(&r, 0, sizeof r);
        r.status = st.status;
        r.doc = st.doc;
        con_feedback(&r, fb, sizeof fb, &kind);
        if (practice) {
            printf("Verdict: %s\n", fb);
            if (st.feedback) {
                const char *p = strchr(st.feedback, '\n');
                if (p && p[1])
                    printf("%s", p + 1);
            }
        } else {
            printf("Recorded (exam mode: the verdicts come with the "
                   "results).\n");
        }
    } else if (st.status == LP_USAGE) {
        printf("Not done: fix the input and try again.\n");
    }
    scenario_step_free(&st);
}

/* Asks for a field until valid (times are checked); returns -1 at EOF. */
static int ask_field(struct plain *p, const char *prompt, int is_time,
                     char *buf, size_t n)
{
    for (;;) {
        if (plain_ask(p, prompt, buf, n))
            return -1;
        const char *why = is_time ? con_check_time(buf) : NULL;
        if (!why)
            return 0;
        printf("%s\n", why);
    }
}

static void guided_query(struct pscn *c)
{
    struct plain *p = c->p;
    static const char *const labels[] = {
        "Plate (the full plate)", "State (two letters, or empty)",
        "From (YYYY-MM-DD)", "To (YYYY-MM-DD)", "Case number",
        "Reason (what the query is for, in the case)"};
    static const char *const opts[] = {"plate", "state", "from", "to",
                                       "case", "reason"};
    char vals[6][256];
    const char *v[6];
    for (int i = 0; i < 6; i++) {
        if (ask_field(p, labels[i], i == 2 || i == 3, vals[i],
                      sizeof vals[i]))
            return;
        v[i] = vals[i];
    }
    char *line = con_line("query", opts, v, 6);
    printf("Running: %s\n", line);
    act(c, line);
    free(line);
}

/* Prints a read's details from the last query's results. */
static void details(struct pscn *c)
{
    char buf[64];
    int64_t id;
    if (!c->nrows) {
        printf("No reads yet: run a query first (3, or a query line).\n");
        return;
    }
    printf("Reads of the last query:");
    for (size_t i = 0; i < c->nrows && i < 20; i++)
        printf(" %lld", (long long)c->rows[i].id);
    printf("%s\n", c->nrows > 20 ? " ..." : "");
    for (;;) {
        if (plain_ask(c->p, "Read id (empty to go back)", buf, sizeof buf) ||
            !buf[0])
            return;
        if (lp_parse_i64(buf, 1, INT64_MAX, &id) == 0)
            for (size_t i = 0; i < c->nrows; i++)
                if (c->rows[i].id == id) {
                    struct sb s;
                    sb_init(&s);
                    con_read_details(&c->rows[i], &s);
                    plain_print_wrapped(s.buf, "  ");
                    sb_free(&s);
                    return;
                }
        printf("Please type the id of a read of the last query (listed "
               "above).\n");
    }
}

static void answer(struct pscn *c, const json_t *doc)
{
    struct plain *p = c->p;
    const json_t *in = json_object_get(doc, "inbox");
    char buf[300], rules[300], note[300];
    int64_t k;
    if (!json_array_size(in)) {
        printf("The inbox is empty.\n");
        return;
    }
    print_inbox(c, doc);
    for (;;) {
        if (plain_ask(p, "Request number", buf, sizeof buf))
            return;
        if (lp_parse_i64(buf, 1, (int64_t)json_array_size(in), &k) == 0)
            break;
        printf("Please type a number from 1 to %zu.\n", json_array_size(in));
    }
    const char *id = json_string_value(json_object_get(
        json_array_get(in, (size_t)k - 1), "id"));
    static const char *const dec[] = {"comply", "decline", "report"};
    int64_t d;
    printf("  1) comply  2) decline  3) report\n");
    for (;;) {
        if (plain_ask(p, "Decision (1-3)", buf, sizeof buf))
            return;
        if (lp_parse_i64(buf, 1, 3, &d) == 0)
            break;
        printf("Please type 1, 2 or 3.\n");
    }
    if (plain_ask(p, "Rule ids it rests on, e.g. IV.E IV.A.1 (or empty)",
                  rules, sizeof rules) ||
        plain_ask(p, "Note (your answer in words, or empty)", note,
                  sizeof note))
        return;
    struct sb line;
    sb_init(&line);
    sb_printf(&line, "reply --request %s --decision %s", id, dec[d - 1]);
    char *save = NULL;
    for (char *w = strtok_r(rules, " ,;", &save); w;
         w = strtok_r(NULL, " ,;", &save)) {
        const char *o[] = {"rule"};
        const char *vv[] = {w};
        char *part = con_line("", o, vv, 1);
        sb_puts(&line, part);
        free(part);
    }
    if (note[0]) {
        const char *o[] = {"note"};
        const char *vv[] = {note};
        char *part = con_line("", o, vv, 1);
        sb_puts(&line, part);
        free(part);
    }
    printf("Running: %s\n", line.buf);
    act(c, line.buf);
    sb_free(&line);
}

static void audit_log(struct scenario_session *ses)
{
    struct sb s;
    struct lp_err err = {0};
    sb_init(&s);
    printf("\nAudit log (newest 50)\n");
    if (con_audit_lines(scenario_session_store(ses), 50, &s, &err))
        printf("Problem: %s\n", err.msg);
    else
        printf("%s", s.buf ? s.buf : "(empty)\n");
    sb_free(&s);
}

/* Finishes: scores and prints the results; returns 1 when done. */
static int finish(struct plain *p, struct scenario_session *ses, size_t ti)
{
    struct lp_err err = {0};
    json_t *report = NULL;
    if (scenario_session_finish(ses, &report, &err)) {
        printf("Cannot finish: %s\n", err.msg);
        return 0;
    }
    char *text = scenario_report_text(report);
    const json_t *doc = scenario_doc(scenario_session_scenario(ses));
    const char *debrief = json_string_value(json_object_get(doc, "debrief"));
    printf("\nResults\n%s", text);
    if (debrief) {
        printf("\nDebrief\n");
        plain_print_wrapped(debrief, "  ");
    }
    free(text);
    json_decref(report);
    app_refresh(&p->app, &err);
    char *sum = app_track_summary(&p->app, ti);
    printf("\n%s", sum);
    free(sum);
    return 1;
}

void plain_scenario(struct plain *p, size_t ti, size_t mi, size_t k)
{
    struct lp_err err = {0};
    struct scenario_session *ses = NULL;
    const struct app_track *tr = &p->app.tracks[ti];
    const struct app_scn *sc = &tr->mods[mi].scn[k];
    int practice = !sc->prog_exam, rc;
    if (sc->prog.active_session) {
        rc = scenario_session_resume(p->app.st, sc->prog.active_session,
                                     &ses, &err);
    } else {
        char *path = xasprintf("%s/scenarios/%s", p->app.root, sc->file);
        rc = practice ? scenario_session_start(p->app.st, path,
                                               app_seed(p->app.user, sc->file),
                                               "practice", p->app.user, &ses,
                                               &err)
                      : track_exam_start(p->app.st, p->app.root, tr->id, path,
                                         p->app.user, &ses, &err);
        free(path);
    }
    if (rc && sc->prog.active_session) {
        /* the unfinished attempt cannot be resumed (its file changed ...) */
        printf("The unfinished attempt cannot be resumed: %s\n", err.msg);
        if (plain_yes_no(p, "Start the scenario afresh (y/n)") != 1)
            return;
        struct app_scn *w = &p->app.tracks[ti].mods[mi].scn[k];
        if (app_scenario_restart(&p->app, w, &err)) {
            printf("Problem: %s\n", err.msg);
            return;
        }
        plain_scenario(p, ti, mi, k);
        return;
    }
    if (rc) {
        printf("This scenario cannot be run: %s\nTell your instructor.\n",
               err.msg);
        return;
    }
    practice = strcmp(scenario_session_mode(ses), "practice") == 0;
    struct pscn c = {.p = p, .ses = ses, .practice = practice};
    const json_t *doc = scenario_doc(scenario_session_scenario(ses));
    printf("\nScenario: %s (%s)\n",
           scenario_title(scenario_session_scenario(ses)),
           practice ? "practice mode: each verdict is explained at once"
                    : "exam mode: verdicts come with the results");
    if (scenario_session_actions(ses))
        printf("Resumed: %lld action(s) kept from before.\n",
               (long long)scenario_session_actions(ses));
    print_brief(scenario_session_scenario(ses), practice);
    print_inbox(&c, doc);
    print_goals(ses, practice);
    char buf[4096];
    menu();
    for (;;) {
        if (plain_ask(p, "Action or number (h: the menu again)", buf,
                      sizeof buf))
            break;
        if (!buf[0])
            continue;
        if (strcmp(buf, "h") == 0 || strcmp(buf, "?") == 0) {
            menu();
            continue;
        }
        if (strcmp(buf, "q") == 0 || strcmp(buf, "8") == 0) {
            printf("Scenario saved: choose it again to resume.\n");
            break;
        }
        if (strcmp(buf, "1") == 0)
            print_brief(scenario_session_scenario(ses), practice);
        else if (strcmp(buf, "2") == 0)
            print_inbox(&c, doc);
        else if (strcmp(buf, "3") == 0)
            guided_query(&c);
        else if (strcmp(buf, "4") == 0)
            answer(&c, doc);
        else if (strcmp(buf, "5") == 0)
            print_goals(ses, practice);
        else if (strcmp(buf, "6") == 0)
            audit_log(ses);
        else if (strcmp(buf, "7") == 0) {
            if (finish(p, ses, ti))
                break;
        } else if (strcmp(buf, "9") == 0)
            details(&c);
        else if (buf[strspn(buf, "0123456789")] == '\0')
            printf("Please type a number from 1 to 9, or an action line "
                   "(h shows the menu).\n");
        else
            act(&c, buf);
        if (p->eof)
            break;
    }
    free(c.rows);
    scenario_session_close(ses);
}

void plain_scn_free(struct plain *p)
{
    (void)p;
}
