/*
 * cmd_report.c - "report class|rules|due|person|xapi": the instructor's
 * and coordinator's records (core/learn/report.h, core/learn/xapi.h) as
 * text that fits 80 columns, as JSON (--json) or as CSV (--csv).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/report_text.h"
#include "core/io/csvio.h"
#include "core/learn/report.h"
#include "core/learn/xapi.h"
#include "util/lptime.h"
#include "util/paths.h"

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
            char *s = report_cell_text(v);
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
        report_text_table(t);
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
    .group = ACT_GROUP_RECORDS,
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
    .group = ACT_GROUP_RECORDS,
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
    if (n == 0 && c->quiet && !c->json && !opts_has(o, "csv")) {
        report_table_clear(&t);   /* nothing for cron to mail */
        return 0;
    }
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
    "mails the list only when there is one; with --quiet nothing is\n"
    "printed when nobody is due:\n"
    "  0 7 * * 1  lprsim --quiet report due --within 30d",
    .group = ACT_GROUP_RECORDS,
};

/* ---- report person ---- */

static const struct opt_spec person_opts[] = {
    {"csv", OPT_FLAG, NULL, "the sessions as CSV instead of text"},
    {NULL, 0, NULL, NULL},
};

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
                sb_printf(&s, "%s%s %.1f", j ? ";" : "", report_js(r, "rule"),
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
        report_text_person(doc);
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
    .group = ACT_GROUP_RECORDS,
};

/* ---- report xapi ---- */

static const struct opt_spec xapi_opts[] = {
    {"since", OPT_ARG, "TIME", "statements from TIME on (default: all)"},
    {"lrs", OPT_ARG, "URL", "post to this learning record store (its xAPI "
                            "endpoint)"},
    {"auth", OPT_ARG, "FILE", "the LRS credentials: one line key:secret, "
                              "mode 0600"},
    {"homepage", OPT_ARG, "URL", "the site, actor.account.homePage "
                                 "($LPRSIM_XAPI_HOMEPAGE)"},
    {"iri", OPT_ARG, "IRI", "activity ids under this IRI "
                            "($LPRSIM_XAPI_IRI, else HOMEPAGE/xapi)"},
    {"with-email", OPT_FLAG, NULL, "name people by e-mail (mbox) when the "
                                   "roster has one"},
    {"batch", OPT_ARG, "N", "statements per request (default 50)"},
    {"retries", OPT_ARG, "N", "extra tries of a failed request (default "
                              "3)"},
    {NULL, 0, NULL, NULL},
};

static int is_web(const char *s)
{
    return s && (strncmp(s, "https://", 8) == 0 ||
                 strncmp(s, "http://", 7) == 0) && !strpbrk(s, " \t\r\n\"");
}

static int run_xapi(struct cli *c, const struct opts *o)
{
    struct lp_err err = {0};
    int64_t since = INT64_MIN, batch = 50, retries = 3;
    const char *e;
    const char *home = opts_get(o, "homepage");
    if (!home)
        home = (e = getenv("LPRSIM_XAPI_HOMEPAGE")) && *e
                   ? e : "https://lprsim.invalid";
    const char *iri = opts_get(o, "iri");
    if (!iri && (e = getenv("LPRSIM_XAPI_IRI")) && *e)
        iri = e;
    if (!is_web(home))
        return cli_fail(LP_USAGE, "report xapi: --homepage '%s' must be an "
                        "http(s) URL", home);
    if (iri && !is_web(iri))
        return cli_fail(LP_USAGE, "report xapi: --iri '%s' must be an "
                        "http(s) IRI", iri);
    if (opts_has(o, "since") && lptime_parse(opts_get(o, "since"), &since))
        return cli_fail(LP_USAGE, "report xapi: --since '%s' is not a time",
                        opts_get(o, "since"));
    if (opts_has(o, "batch") &&
        lp_parse_i64(opts_get(o, "batch"), 1, 500, &batch))
        return cli_fail(LP_USAGE, "report xapi: --batch must be 1 to 500");
    if (opts_has(o, "retries") &&
        lp_parse_i64(opts_get(o, "retries"), 0, 10, &retries))
        return cli_fail(LP_USAGE, "report xapi: --retries must be 0 to 10");
    if (opts_has(o, "lrs") != opts_has(o, "auth"))
        return cli_fail(LP_USAGE, "report xapi: --lrs and --auth go "
                        "together");
    char *iri_own = iri ? NULL : xasprintf("%s%sxapi", home,
                                           home[strlen(home) - 1] == '/'
                                               ? "" : "/");
    struct xapi_opts xo = {.homepage = home, .iri = iri ? iri : iri_own,
                           .with_email = opts_has(o, "with-email"),
                           .root = paths_root()};
    json_t *stmts = NULL;
    int rc = cli_open_store(c, 0);
    if (rc)
        goto out;
    if (xapi_statements(c->st, &xo, since, &stmts, &err)) {
        rc = cli_fail_err(&err);
        goto out;
    }
    if (!opts_has(o, "lrs")) {
        json_dumpf(stmts, stdout, JSON_INDENT(1) | JSON_REAL_PRECISION(12));
        putchar('\n');
        if (fflush(stdout))
            rc = cli_fail(LP_FAIL, "report xapi: cannot write: %s",
                          strerror(errno));
        goto out;
    }
    struct xapi_post_opts po = {
        .url = opts_get(o, "lrs"), .auth_file = opts_get(o, "auth"),
        .batch = (int)batch, .retries = (int)retries, .timeout = 30,
        .now = c->now,
    };
    struct xapi_post_result r;
    int prc = xapi_post(c->st, stmts, &po, &r, &err);
    if (c->json)
        printf("{\"statements\":%zu,\"sent\":%lld,\"skipped\":%lld,"
               "\"batches\":%lld,\"retries\":%lld}\n",
               json_array_size(stmts), (long long)r.sent,
               (long long)r.skipped, (long long)r.batches,
               (long long)r.retries);
    else
        printf("xapi: %zu statements: %lld sent in %lld batches, %lld sent "
               "before, %lld retries\n", json_array_size(stmts),
               (long long)r.sent, (long long)r.batches, (long long)r.skipped,
               (long long)r.retries);
    if (prc)
        rc = cli_fail_err(&err);
out:
    json_decref(stmts);
    free(iri_own);
    return rc;
}

const struct cli_cmd cmd_report_xapi = {
    "report", "xapi", NULL, "xAPI 1.0.3 statements: a JSON array, or post "
    "to an LRS", xapi_opts, run_xapi,
    "Statements: lesson read (experienced), knowledge check and scenario\n"
    "exam or practice (attempted; passed or failed with score, success,\n"
    "duration and the rule ids as the extension IRI/ext/rules), certificate\n"
    "issued (completed) and revoked (IRI/verbs/revoked: the ADL vocabulary\n"
    "has no verb for it).  The actor is an account: homePage the site, name\n"
    "the personnel id; e-mail only with --with-email.  Statement ids are\n"
    "UUIDs derived from the record (SHA-256, version 8), the same on every\n"
    "run.  With --lrs, statements go in batches (POST URL/statements);\n"
    "each acknowledged batch is remembered in the database, so posting\n"
    "again sends only what is new.",
    .group = ACT_GROUP_RECORDS,
};
