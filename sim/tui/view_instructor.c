/*
 * view_instructor.c - the instructor's screen: the class overview, one
 * person's record, and a finished session stepped through action by
 * action with each verdict as the trainee saw it.  Reached with r from
 * the dashboard by instructors; the data come from core/learn/report.h.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "core/learn/report.h"
#include "core/store/store_people.h"
#include "tui/tui.h"

enum imode { I_CLASS, I_PERSON, I_SESSION };

struct instr {
    enum imode mode;
    struct report_table cls;   /* the class overview */
    size_t row, top;           /* picked row of the class, first shown */
    json_t *person;            /* report_person of the picked person */
    size_t srow;               /* picked session of the person */
    json_t *steps;             /* report_session_steps of that session */
    size_t step;               /* the step shown */
};

static void instr_drop(void *p)
{
    struct instr *s = p;
    report_table_clear(&s->cls);
    json_decref(s->person);
    json_decref(s->steps);
}

static struct instr *instr_of(struct tui *t)
{
    return tui_state(t, &view_instructor, sizeof(struct instr), instr_drop);
}

int tui_is_instructor(struct tui *t)
{
    struct lp_person p;
    return t->app.user && store_person_get(t->app.st, t->app.user, &p) == 1 &&
           strcmp(p.role, "instructor") == 0;
}

static const char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "-";
}

static void instr_enter(struct tui *t)
{
    struct instr *s = instr_of(t);
    struct lp_err err = {0};
    instr_drop(s);
    memset(s, 0, sizeof *s);
    if (report_class(t->app.st, t->app.now, NULL, &s->cls, &err))
        tui_msg(t, 1, "%s", err.msg);
}

static void draw_class(struct tui *t, struct instr *s)
{
    size_t n = json_array_size(s->cls.rows);
    tui_putf(t, 2, 2, t->cols - 4, TR_HEAD, "Class overview: %zu people", n);
    tui_putf(t, 3, 1, t->cols - 2, TR_DIM,
             "%-12s %-16s %-8s %3s %3s %5s %5s %-8s %s", "ID", "NAME", "UNIT",
             "LES", "CHK", "EXAMS", "SCORE", "CERT", "EXPIRES");
    int room = t->rows - 4 - 2;
    if (s->row < s->top)
        s->top = s->row;
    if (s->row >= s->top + (size_t)room)
        s->top = s->row - (size_t)room + 1;
    for (size_t i = s->top; i < n && (int)(i - s->top) < room; i++) {
        const json_t *r = json_array_get(s->cls.rows, i);
        json_t *sc = json_object_get(r, "exam_score");
        char score[16] = "-";
        if (json_is_number(sc))
            snprintf(score, sizeof score, "%.1f", json_number_value(sc));
        const char *cs = str(r, "cert_status");
        int role = i == s->row ? TR_SEL
                 : strcmp(cs, "valid") == 0 ? TR_NORMAL
                 : strcmp(cs, "none") == 0 ? TR_DIM : TR_WARN;
        char name[17], unit[9], id[13];
        snprintf(id, sizeof id, "%s", str(r, "id"));
        snprintf(name, sizeof name, "%s", str(r, "name"));
        snprintf(unit, sizeof unit, "%s", str(r, "unit"));
        tui_putf(t, 4 + (int)(i - s->top), 1, t->cols - 2, role,
                 "%-12s %-16s %-8s %3lld %3lld %5s %5s %-8s %s", id, name,
                 unit,
                 (long long)json_integer_value(json_object_get(r, "lessons")),
                 (long long)json_integer_value(json_object_get(
                     r, "checks_passed")),
                 str(r, "exams"), score, cs, str(r, "cert_expires"));
    }
    if (n == 0)
        tui_put(t, 5, 2, t->cols - 4, TR_DIM, "Nobody is on the roster yet "
                "(lprsim roster import FILE).");
}

static void draw_person(struct tui *t, struct instr *s)
{
    const json_t *p = json_object_get(s->person, "person");
    const json_t *ss = json_object_get(s->person, "sessions");
    size_t n = json_array_size(ss);
    tui_putf(t, 2, 2, t->cols - 4, TR_HEAD, "%s (%s), %s, unit %s",
             str(p, "name"), str(p, "id"), str(p, "role"), str(p, "unit"));
    int y = 3;
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(s->person, "certificates"), i, v) {
        if (y > 4)
            break;
        tui_putf(t, y++, 2, t->cols - 4, TR_NORMAL,
                 "Certificate %lld, %s: issued %.10s, expires %.10s, %s",
                 (long long)json_integer_value(json_object_get(v, "serial")),
                 str(v, "track"), str(v, "issued_at"), str(v, "expires_at"),
                 str(v, "status"));
    }
    size_t nl = json_array_size(json_object_get(s->person, "lessons"));
    size_t pl = 0;
    json_array_foreach(json_object_get(s->person, "lessons"), i, v)
        pl += json_is_true(json_object_get(v, "passed"));
    tui_putf(t, y++, 2, t->cols - 4, TR_NORMAL,
             "Knowledge checks: %zu taken, %zu passed.  Sessions: %zu", nl,
             pl, n);
    y++;
    tui_putf(t, y++, 2, t->cols - 4, TR_DIM, "%-6s %-22s %-8s %-10s %7s "
             "%-7s %s", "#", "SCENARIO", "MODE", "SEED", "SCORE", "RESULT",
             "RULES");
    int room = t->rows - y - 2;
    size_t top = s->srow >= (size_t)room ? s->srow - (size_t)room + 1 : 0;
    for (i = top; i < n && (int)(i - top) < room; i++) {
        const json_t *r = json_array_get(ss, i);
        json_t *sc = json_object_get(r, "score");
        char score[16] = "-", scn[23], rules[64] = "";
        if (json_is_number(sc))
            snprintf(score, sizeof score, "%.1f%%", json_number_value(sc));
        snprintf(scn, sizeof scn, "%s", str(r, "scenario"));
        size_t j;
        json_t *ru;
        size_t len = 0;
        json_array_foreach(json_object_get(r, "rules"), j, ru) {
            double pc = json_number_value(json_object_get(ru, "percent"));
            if (pc < 100.0 && len + 12 < sizeof rules)
                len += (size_t)snprintf(rules + len, sizeof rules - len,
                                        "%s%s %.0f%%", len ? " " : "",
                                        str(ru, "rule"), pc);
        }
        const char *res = json_is_true(json_object_get(r, "passed"))
                              ? "passed"
                          : json_is_false(json_object_get(r, "passed"))
                              ? "failed" : str(r, "status");
        tui_putf(t, y + (int)(i - top), 2, t->cols - 4,
                 i == s->srow ? TR_SEL
                 : strcmp(res, "failed") == 0 ? TR_WARN : TR_NORMAL,
                 "%-6lld %-22s %-8s %-10lld %7s %-7s %s",
                 (long long)json_integer_value(json_object_get(r, "session")),
                 scn, str(r, "mode"),
                 (long long)json_integer_value(json_object_get(r, "seed")),
                 score, res, rules[0] ? rules : "all rules met");
    }
    if (n == 0)
        tui_put(t, y, 2, t->cols - 4, TR_DIM, "No scenario session yet.");
}

static void draw_session(struct tui *t, struct instr *s)
{
    const json_t *st = json_object_get(s->steps, "steps");
    size_t n = json_array_size(st);
    json_t *sc = json_object_get(s->steps, "score");
    char score[40] = "";
    if (json_is_number(sc))
        snprintf(score, sizeof score, ", score %.1f%% (%s)",
                 json_number_value(sc),
                 json_is_true(json_object_get(s->steps, "passed"))
                     ? "passed" : "failed");
    tui_putf(t, 2, 2, t->cols - 4, TR_HEAD, "Session %lld: %s, %s of %s, "
             "seed %lld%s",
             (long long)json_integer_value(json_object_get(s->steps,
                                                           "session")),
             str(s->steps, "scenario"), str(s->steps, "mode"),
             str(s->steps, "user"),
             (long long)json_integer_value(json_object_get(s->steps, "seed")),
             score);
    if (n == 0) {
        tui_put(t, 4, 2, t->cols - 4, TR_DIM, "No action in this session.");
        return;
    }
    if (s->step >= n)
        s->step = n - 1;
    const json_t *a = json_array_get(st, s->step);
    tui_putf(t, 3, 2, t->cols - 4, TR_DIM, "Action %zu of %zu, as the "
             "trainee saw it", s->step + 1, n);
    int y = 5;
    struct lesson_lines ls = {0};
    tui_wrap(str(a, "line"), t->cols - 6, &ls);
    for (size_t i = 0; i < ls.n && y < t->rows - 8; i++)
        tui_put(t, y++, 4, t->cols - 6, TR_QUOTE, ls.v[i].text);
    lesson_lines_free(&ls);
    y++;
    const char *vd = str(a, "verdict");
    struct sb r;
    sb_init(&r);
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(a, "rules"), i, v)
        sb_printf(&r, "%s%s", i ? ", " : "", json_string_value(v));
    tui_putf(t, y++, 2, t->cols - 4,
             strcmp(vd, "allow") == 0 ? TR_OK
             : strcmp(vd, "warn") == 0 ? TR_WARN : TR_BAD,
             "Verdict: %s%s%s%s", vd, r.len ? " (" : "", r.len ? r.buf : "",
             r.len ? ")" : "");
    sb_free(&r);
    const char *why = json_string_value(json_object_get(a, "reason"));
    if (why && *why) {
        tui_wrap(why, t->cols - 6, &ls);
        for (size_t k = 0; k < ls.n && y < t->rows - 2; k++)
            tui_put(t, y++, 4, t->cols - 6, TR_NORMAL, ls.v[k].text);
        lesson_lines_free(&ls);
    }
}

static void instr_draw(struct tui *t)
{
    struct instr *s = instr_of(t);
    static const char *const keys[] = {
        " Up/Down pick  Enter record  Esc/q dashboard  ? help  Q quit",
        " Up/Down pick  Enter step through  Esc/q class  ? help  Q quit",
        " Right/Space next  Left previous  Esc/q record  ? help  Q quit",
    };
    tui_frame(t, "Records", keys[s->mode]);
    if (s->mode == I_CLASS)
        draw_class(t, s);
    else if (s->mode == I_PERSON)
        draw_person(t, s);
    else
        draw_session(t, s);
}

static void open_person(struct tui *t, struct instr *s)
{
    struct lp_err err = {0};
    const json_t *r = json_array_get(s->cls.rows, s->row);
    if (!r)
        return;
    json_decref(s->person);
    s->person = NULL;
    if (report_person(t->app.st, t->app.now, str(r, "id"), &s->person,
                      &err)) {
        tui_msg(t, 1, "%s", err.msg);
        return;
    }
    s->srow = 0;
    s->mode = I_PERSON;
}

static void open_session(struct tui *t, struct instr *s)
{
    struct lp_err err = {0};
    const json_t *r = json_array_get(json_object_get(s->person, "sessions"),
                                     s->srow);
    if (!r)
        return;
    json_decref(s->steps);
    s->steps = NULL;
    if (report_session_steps(t->app.st,
                             json_integer_value(json_object_get(r, "session")),
                             &s->steps, &err)) {
        tui_msg(t, 1, "%s", err.msg);
        return;
    }
    s->step = 0;
    s->mode = I_SESSION;
}

static int instr_key(struct tui *t, int ch)
{
    struct instr *s = instr_of(t);
    int enter = ch == '\n' || ch == KEY_ENTER;
    if (ch == 27 || ch == 'q') {
        if (s->mode == I_CLASS)
            tui_switch(t, &view_dashboard);
        else
            s->mode = s->mode == I_SESSION ? I_PERSON : I_CLASS;
        return 1;
    }
    if (s->mode == I_SESSION) {
        size_t n = json_array_size(json_object_get(s->steps, "steps"));
        if (ch == KEY_RIGHT || ch == ' ' || ch == 'n' || enter) {
            if (s->step + 1 < n)
                s->step++;
            else
                tui_msg(t, 0, "That was the last action of the session.");
            return 1;
        }
        if (ch == KEY_LEFT || ch == 'p') {
            if (s->step)
                s->step--;
            return 1;
        }
        return 0;
    }
    size_t *row = s->mode == I_CLASS ? &s->row : &s->srow;
    size_t n = s->mode == I_CLASS
                   ? json_array_size(s->cls.rows)
                   : json_array_size(json_object_get(s->person, "sessions"));
    switch (ch) {
    case KEY_UP:
    case 'k':
        if (*row)
            (*row)--;
        return 1;
    case KEY_DOWN:
    case 'j':
        if (*row + 1 < n)
            (*row)++;
        return 1;
    case KEY_HOME:
        *row = 0;
        return 1;
    case KEY_END:
        *row = n ? n - 1 : 0;
        return 1;
    case '\n':
    case KEY_ENTER:
        if (s->mode == I_CLASS)
            open_person(t, s);
        else
            open_session(t, s);
        return 1;
    default:
        return 0;
    }
}

const struct view view_instructor = {
    .name = "Records",
    .help = "The instructor's records (also 'lprsim report ...').\n\n"
            "Class overview: everyone on the roster with lessons whose "
            "check was taken (LES), checks passed (CHK), exam scenarios "
            "passed of those tried, the mean best exam score, and the "
            "certificate (valid, expiring within 60 days, expired, "
            "revoked, none) with its expiry. Enter opens a person.\n\n"
            "A person's record: certificates, checks and every scenario "
            "session with its mode, seed, score and the rules not fully "
            "met. Enter steps through a session.\n\n"
            "A session: each action as the trainee typed it, the verdict "
            "with its rules and the reason the trainee was given. "
            "Right or Space: next action; Left: previous.\n\n"
            "- Esc or q: back one level",
    .draw = instr_draw,
    .key = instr_key,
    .enter = instr_enter,
};
