/*
 * cmd_report.c - "report class|rules|due|person|xapi": the instructor's
 * and coordinator's records (core/learn/report.h, core/learn/xapi.h) as
 * text that fits 80 columns, as JSON (--json) or as CSV (--csv).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/io/csvio.h"
#include "core/learn/report.h"
#include "util/lptime.h"

/* ---- output of a table ---- */

/* Characters (code points) in a UTF-8 string. */
static size_t u8len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Writes s in exactly width columns: cut (ending in '~') or padded
 * (right-aligned when right is 1; not padded on the right when 2: the
 * last cell of a line). */
static void put_cell(const char *s, int width, int right)
{
    size_t n = u8len(s);
    if ((int)n > width) {
        const char *p = s;
        for (int k = 0; k < width - 1; k++) {
            p++;
            while (((unsigned char)*p & 0xC0) == 0x80)
                p++;
        }
        fwrite(s, 1, (size_t)(p - s), stdout);
        putchar('~');
        return;
    }
    if (right == 1)
        printf("%*s%s", width - (int)n, "", s);
    else if (right == 2)
        fputs(s, stdout);
    else
        printf("%s%*s", s, width - (int)n, "");
}

/* The alignment of column j of t for put_cell. */
static int align(const struct report_table *t, size_t j)
{
    return t->cols[j].num ? 1 : j + 1 == t->ncols ? 2 : 0;
}

/* The text of a JSON value for a cell (caller frees). */
static char *cell_text(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_STRING:
        return xstrdup(json_string_value(v));
    case JSON_INTEGER:
        return xasprintf("%lld", (long long)json_integer_value(v));
    case JSON_REAL:
        return xasprintf("%.1f", json_real_value(v));
    case JSON_TRUE:
        return xstrdup("yes");
    case JSON_FALSE:
        return xstrdup("no");
    default:
        return xstrdup("");
    }
}

static void print_text(const struct report_table *t)
{
    for (size_t j = 0; j < t->ncols; j++) {
        if (j)
            putchar(' ');
        put_cell(t->cols[j].head, t->cols[j].width, align(t, j));
    }
    putchar('\n');
    size_t i;
    json_t *row;
    json_array_foreach(t->rows, i, row) {
        for (size_t j = 0; j < t->ncols; j++) {
            json_t *v = json_object_get(row, t->cols[j].key);
            char *s = cell_text(v);
            if (j)
                putchar(' ');
            put_cell(json_is_null(v) || !v ? "-" : s, t->cols[j].width,
                     align(t, j));
            free(s);
        }
        putchar('\n');
    }
}

static int print_csv(const struct report_table *t)
{
    int bad = 0;
    for (size_t j = 0; j < t->ncols; j++)
        bad |= (j && csvio_put_sep(stdout)) ||
               csvio_put_text(stdout, t->cols[j].key);
    bad |= csvio_put_eol(stdout);
    size_t i;
    json_t *row;
    json_array_foreach(t->rows, i, row) {
        for (size_t j = 0; j < t->ncols; j++) {
            json_t *v = json_object_get(row, t->cols[j].key);
            char *s = cell_text(v);
            if (j)
                bad |= csvio_put_sep(stdout);
            bad |= json_is_number(v) ? csvio_put_raw(stdout, s)
                                     : csvio_put_text(stdout, s);
            free(s);
        }
        bad |= csvio_put_eol(stdout);
    }
    return bad;
}

/* Prints t in the format asked for; returns the exit status. */
static int emit(struct cli *c, const struct opts *o,
                const struct report_table *t, const char *summary)
{
    if (c->json) {
        json_dumpf(t->rows, stdout, JSON_COMPACT | JSON_REAL_PRECISION(6));
        putchar('\n');
    } else if (opts_has(o, "csv")) {
        if (print_csv(t))
            return cli_fail(LP_FAIL, "report: cannot write");
    } else {
        if (summary)
            printf("%s\n", summary);
        print_text(t);
    }
    if (fflush(stdout))
        return cli_fail(LP_FAIL, "report: cannot write: %s", strerror(errno));
    return 0;
}

static int format_ok(struct cli *c, const struct opts *o, const char *name)
{
    if (c->json && opts_has(o, "csv"))
        return cli_fail(LP_USAGE, "report %s: give --json or --csv, not "
                        "both", name);
    return 0;
}

/* ---- report class ---- */

static const struct opt_spec class_opts[] = {
    {"unit", OPT_ARG, "UNIT", "only the people of this unit"},
    {"csv", OPT_FLAG, NULL, "CSV instead of text"},
    {NULL, 0, NULL, NULL},
};

static int run_class(struct cli *c, const struct opts *o)
{
    struct report_table t = {0};
    struct lp_err err = {0};
    int rc = format_ok(c, o, "class");
    if (rc || (rc = cli_open_store(c, 0)))
        return rc;
    if (report_class(c->st, c->now, opts_get(o, "unit"), &t, &err))
        return cli_fail_err(&err);
    char day[16];
    lptime_format_date(c->now, day, sizeof day);
    char *sum = xasprintf("class%s%s on %s: %zu people", opts_has(o, "unit")
                          ? " of unit " : "", opts_has(o, "unit")
                          ? opts_get(o, "unit") : "", day,
                          json_array_size(t.rows));
    rc = emit(c, o, &t, sum);
    free(sum);
    report_table_clear(&t);
    return rc;
}

const struct cli_cmd cmd_report_class = {
    "report", "class", NULL, "per person: lessons, checks, exams, "
    "certificate", class_opts, run_class,
    "Columns: LES lessons whose knowledge check was taken, CHK checks\n"
    "passed, EXAMS exam scenarios passed/tried, SCORE the mean of the best\n"
    "exam score per scenario, CERT the current certificate (valid,\n"
    "expiring within 60 days, expired, revoked, none) and its expiry.",
};

/* ---- report rules ---- */

static const struct opt_spec rules_opts[] = {
    {"from", OPT_ARG, "TIME", "exams finished at or after TIME"},
    {"to", OPT_ARG, "TIME", "exams finished at or before TIME"},
    {"unit", OPT_ARG, "UNIT", "only the people of this unit"},
    {"csv", OPT_FLAG, NULL, "CSV instead of text"},
    {NULL, 0, NULL, NULL},
};

static int parse_time_opt(const struct opts *o, const char *name,
                          int64_t *t)
{
    const char *v = opts_get(o, name);
    *t = 0;
    if (v && lptime_parse(v, t))
        return cli_fail(LP_USAGE, "report: --%s '%s' is not a time "
                        "(2026-03-02 or 2026-03-02T09:00:00Z)", name, v);
    return 0;
}

static int run_rules(struct cli *c, const struct opts *o)
{
    struct report_table t = {0};
    struct lp_err err = {0};
    int64_t from, to;
    int rc = format_ok(c, o, "rules");
    if (rc || (rc = parse_time_opt(o, "from", &from)) ||
        (rc = parse_time_opt(o, "to", &to)))
        return rc;
    if (opts_has(o, "to") && !strchr(opts_get(o, "to"), 'T'))
        to += LPTIME_DAY - 1;   /* a date means to the end of that day */
    if (from && to && from > to)
        return cli_fail(LP_USAGE, "report rules: --from is after --to");
    if ((rc = cli_open_store(c, 0)))
        return rc;
    if (report_rules(c->st, opts_get(o, "unit"), from, to, &t, &err))
        return cli_fail_err(&err);
    int64_t attempts = 0;
    size_t i;
    json_t *row;
    json_array_foreach(t.rows, i, row)
        attempts += json_integer_value(json_object_get(row, "attempts"));
    char *sum = xasprintf("exam results per rule%s%s: %lld rule attempts",
                          opts_has(o, "unit") ? ", unit " : "",
                          opts_has(o, "unit") ? opts_get(o, "unit") : "",
                          (long long)attempts);
    rc = emit(c, o, &t, sum);
    free(sum);
    report_table_clear(&t);
    return rc;
}

const struct cli_cmd cmd_report_rules = {
    "report", "rules", NULL, "exam failures and missed objectives per "
    "rule", rules_opts, run_rules,
    "An attempt is a finished exam session that scores the rule; a failure\n"
    "one that did not earn all of its points.  The three objectives missed\n"
    "most under each rule follow with their counts: what the next class\n"
    "should stress.",
};

/* ---- report due ---- */

static const struct opt_spec due_opts[] = {
    {"within", OPT_ARG, "DAYS", "expiring within this many days: 30d "
                                "(default), 8w, 2m"},
    {"unit", OPT_ARG, "UNIT", "only the people of this unit"},
    {"csv", OPT_FLAG, NULL, "CSV instead of text"},
    {NULL, 0, NULL, NULL},
};

static int run_due(struct cli *c, const struct opts *o)
{
    struct report_table t = {0};
    struct lp_err err = {0};
    int64_t within = 30 * (int64_t)LPTIME_DAY;
    int rc = format_ok(c, o, "due");
    if (rc)
        return rc;
    if (opts_has(o, "within") &&
        report_parse_days(opts_get(o, "within"), &within))
        return cli_fail(LP_USAGE, "report due: --within '%s' is not a "
                        "number of days (30d, 8w, 2m)", opts_get(o, "within"));
    if ((rc = cli_open_store(c, 0)))
        return rc;
    if (report_due(c->st, c->now, within, opts_get(o, "unit"), &t, &err))
        return cli_fail_err(&err);
    size_t n = json_array_size(t.rows);
    char *sum = xasprintf("%zu %s due for a refresher within %lld days or "
                          "lapsed", n, n == 1 ? "person" : "people",
                          (long long)(within / LPTIME_DAY));
    rc = emit(c, o, &t, sum);
    free(sum);
    report_table_clear(&t);
    return rc ? rc : n ? LP_FAIL : 0;
}

const struct cli_cmd cmd_report_due = {
    "report", "due", NULL, "who is due for a refresher (exit 1 if "
    "anyone)", due_opts, run_due,
    "Lists the people whose current certificate expires within --within\n"
    "(due) or who hold none current any more (lapsed: expired or revoked).\n"
    "Exit status 0 when nobody is listed, 1 when someone is, so that cron\n"
    "mails the list only when there is one:\n"
    "  0 7 * * 1  lprsim --quiet report due --within 30d || true",
};

/* ---- report person ---- */

static const struct opt_spec person_opts[] = {
    {"csv", OPT_FLAG, NULL, "the sessions as CSV instead of text"},
    {NULL, 0, NULL, NULL},
};

static const char *js(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "-";
}

static void print_person(const json_t *doc)
{
    const json_t *p = json_object_get(doc, "person");
    size_t i, j;
    json_t *v, *r;
    printf("Training transcript of %s (%s)\n", js(p, "name"), js(p, "id"));
    printf("role %s, unit %s, login %s; printed %s\n", js(p, "role"),
           js(p, "unit"), js(p, "login"), js(doc, "printed_at"));
    printf("\nLessons and knowledge checks\n");
    if (!json_array_size(json_object_get(doc, "lessons")))
        printf("  none yet\n");
    json_array_foreach(json_object_get(doc, "lessons"), i, v) {
        printf("  ");
        put_cell(js(v, "lesson"), 24, 0);
        printf(" %2lld/%-2lld %-6s %s\n",
               (long long)json_integer_value(json_object_get(v, "right")),
               (long long)json_integer_value(json_object_get(v, "questions")),
               json_is_true(json_object_get(v, "passed")) ? "passed"
                                                          : "failed",
               js(v, "at"));
    }
    printf("\nScenario sessions (score per rule)\n");
    if (!json_array_size(json_object_get(doc, "sessions")))
        printf("  none yet\n");
    json_array_foreach(json_object_get(doc, "sessions"), i, v) {
        json_t *sc = json_object_get(v, "score");
        char score[16] = "-";
        if (json_is_number(sc))
            snprintf(score, sizeof score, "%.1f%%", json_number_value(sc));
        const char *res = json_is_true(json_object_get(v, "passed"))
                              ? "passed"
                          : json_is_false(json_object_get(v, "passed"))
                              ? "failed" : js(v, "status");
        printf("  #%-5lld ", (long long)json_integer_value(
                                 json_object_get(v, "session")));
        put_cell(js(v, "scenario"), 22, 0);
        printf(" %-8s seed %-10lld %6s %-6s %.10s\n", js(v, "mode"),
               (long long)json_integer_value(json_object_get(v, "seed")),
               score, res, js(v, "finished_at"));
        int col = 0;
        json_array_foreach(json_object_get(v, "rules"), j, r) {
            char cell[32];
            snprintf(cell, sizeof cell, "%s %.0f%%", js(r, "rule"),
                     json_number_value(json_object_get(r, "percent")));
            if (col == 0)
                printf("         ");
            printf(col == 4 ? " %s" : " %-12s", cell);
            if (++col == 5) {
                putchar('\n');
                col = 0;
            }
        }
        if (col)
            putchar('\n');
    }
    printf("\nCertificates\n");
    if (!json_array_size(json_object_get(doc, "certificates")))
        printf("  none\n");
    json_array_foreach(json_object_get(doc, "certificates"), i, v)
        printf("  #%-5lld %-10s score %5.1f%%  issued %.10s  expires %.10s"
               "  %s\n",
               (long long)json_integer_value(json_object_get(v, "serial")),
               js(v, "track"),
               json_number_value(json_object_get(v, "score")),
               js(v, "issued_at"), js(v, "expires_at"), js(v, "status"));
}

static const struct report_col person_csv_cols[] = {
    {"session", "", 0, 1}, {"scenario", "", 0, 0}, {"mode", "", 0, 0},
    {"seed", "", 0, 1}, {"started_at", "", 0, 0}, {"finished_at", "", 0, 0},
    {"score", "", 0, 1}, {"passed", "", 0, 0}, {"rules", "", 0, 0},
};

static int run_person(struct cli *c, const struct opts *o)
{
    struct lp_err err = {0};
    json_t *doc = NULL;
    int rc = format_ok(c, o, "person");
    if (rc)
        return rc;
    if (o->npos != 1)
        return cli_fail(LP_USAGE, "report person: give one personnel ID");
    if ((rc = cli_open_store(c, 0)))
        return rc;
    if (report_person(c->st, c->now, o->pos[0], &doc, &err))
        return cli_fail_err(&err);
    if (c->json) {
        json_dumpf(doc, stdout, JSON_COMPACT | JSON_REAL_PRECISION(6));
        putchar('\n');
    } else if (opts_has(o, "csv")) {
        /* one row a session; its rules as "IV.x 100;IV.y 50" */
        json_t *rows = json_array();
        size_t i, j;
        json_t *v, *r;
        json_array_foreach(json_object_get(doc, "sessions"), i, v) {
            json_t *row = json_deep_copy(v);
            struct sb s;
            sb_init(&s);
            json_array_foreach(json_object_get(v, "rules"), j, r)
                sb_printf(&s, "%s%s %.1f", j ? ";" : "", js(r, "rule"),
                          json_number_value(json_object_get(r, "percent")));
            json_object_set_new(row, "rules", json_string(s.len ? s.buf
                                                                : ""));
            sb_free(&s);
            json_array_append_new(rows, row);
        }
        struct report_table t = {
            .title = "person", .cols = person_csv_cols,
            .ncols = sizeof person_csv_cols / sizeof person_csv_cols[0],
            .rows = rows,
        };
        rc = print_csv(&t) ? cli_fail(LP_FAIL, "report: cannot write") : 0;
        json_decref(rows);
    } else {
        print_person(doc);
    }
    json_decref(doc);
    if (!rc && fflush(stdout))
        rc = cli_fail(LP_FAIL, "report: cannot write: %s", strerror(errno));
    return rc;
}

const struct cli_cmd cmd_report_person = {
    "report", "person", "ID", "one person's training transcript",
    person_opts, run_person,
    "Every knowledge check, every scenario session with its mode, seed,\n"
    "score and score per rule, and every certificate: printable text, or\n"
    "--json, or the sessions as --csv.",
};
