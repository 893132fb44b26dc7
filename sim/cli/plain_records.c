/*
 * plain_records.c - the records in the plain line mode: the trainee's
 * certificate expiry line on the dashboard, and the instructor's screen
 * (the class overview, a person's record, a finished session stepped
 * through action by action with each verdict as the trainee saw it).
 * The data come from core/learn/report.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/plain.h"
#include "cli/report_text.h"
#include "core/learn/report.h"

void plain_expiry_line(struct plain *p)
{
    int urgent = 0;
    char *line = report_expiry_line(p->app.st, p->app.user, p->app.now,
                                    &urgent);
    if (line)
        printf("%s%s\n", urgent > 0 ? "Attention: " : "", line);
    free(line);
}

int plain_is_instructor(struct plain *p)
{
    struct lp_person who;
    return p->app.user && store_person_get(p->app.st, p->app.user, &who) == 1
           && strcmp(who.role, "instructor") == 0;
}

/* Steps through session id one action at a time: Enter the next, p the
 * previous, q back. */
static void steps(struct plain *p, int64_t id)
{
    struct lp_err err = {0};
    json_t *doc = NULL;
    char buf[64];
    if (report_session_steps(p->app.st, id, &doc, &err)) {
        printf("Problem: %s\n", err.msg);
        return;
    }
    const json_t *st = json_object_get(doc, "steps");
    size_t n = json_array_size(st), i = 0;
    json_t *sc = json_object_get(doc, "score");
    printf("\nSession %lld: %s, %s of %s (seed %lld)\n", (long long)id,
           report_js(doc, "scenario"), report_js(doc, "mode"),
           report_js(doc, "user"),
           (long long)json_integer_value(json_object_get(doc, "seed")));
    printf("%zu action%s", n, n == 1 ? "" : "s");
    if (json_is_number(sc))
        printf(", score %.1f%% (%s)", json_number_value(sc),
               json_is_true(json_object_get(doc, "passed")) ? "passed"
                                                           : "failed");
    else
        printf(", %s", report_js(doc, "status"));
    printf("\n");
    while (n && i < n) {
        printf("Action %zu of %zu:\n", i + 1, n);
        report_text_step(json_array_get(st, i));
        if (plain_ask(p, "Enter: next, p: previous, q: back", buf,
                      sizeof buf))
            break;
        if (strcmp(buf, "q") == 0)
            break;
        if (strcmp(buf, "p") == 0)
            i = i ? i - 1 : 0;
        else
            i++;
    }
    if (i >= n)
        printf("End of session %lld.\n", (long long)id);
    json_decref(doc);
}

/* One person's transcript, then a session to step through. */
static void person(struct plain *p, const char *id)
{
    struct lp_err err = {0};
    json_t *doc = NULL;
    char buf[64];
    for (;;) {
        if (report_person(p->app.st, p->app.now, id, &doc, &err)) {
            printf("Problem: %s\n", err.msg);
            return;
        }
        printf("\n");
        report_text_person(doc);
        json_decref(doc);
        doc = NULL;
        if (plain_ask(p, "Session number to step through (#N), or q: back",
                      buf, sizeof buf) || strcmp(buf, "q") == 0)
            return;
        int64_t sid;
        if (lp_parse_i64(buf[0] == '#' ? buf + 1 : buf, 1, INT64_MAX,
                         &sid) == 0)
            steps(p, sid);
        else
            printf("Please type a session number or q.\n");
        if (p->eof)
            return;
    }
}

void plain_records(struct plain *p)
{
    struct lp_err err = {0};
    char buf[64], unit[64] = "";
    for (;;) {
        struct report_table t = {0};
        if (report_class(p->app.st, p->app.now, unit[0] ? unit : NULL, &t,
                         &err)) {
            printf("Problem: %s\n", err.msg);
            return;
        }
        size_t n = json_array_size(t.rows);
        printf("\nClass overview%s%s: %zu people\n", unit[0] ? ", unit " : "",
               unit, n);
        report_text_table(&t);
        printf("Type a number (1-%zu, in the order above) or an id for a "
               "person's record;\n  u) filter by unit  q) back\n", n);
        if (plain_ask(p, "Choice", buf, sizeof buf) ||
            strcmp(buf, "q") == 0) {
            report_table_clear(&t);
            return;
        }
        int64_t k;
        if (strcmp(buf, "u") == 0) {
            if (plain_ask(p, "Unit (empty: everyone)", unit, sizeof unit))
                unit[0] = '\0';
        } else if (lp_parse_i64(buf, 1, (int64_t)n, &k) == 0) {
            person(p, json_string_value(json_object_get(
                          json_array_get(t.rows, (size_t)k - 1), "id")));
        } else {
            person(p, buf);
        }
        report_table_clear(&t);
        if (p->eof)
            return;
    }
}
