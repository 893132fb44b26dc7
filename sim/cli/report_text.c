/*
 * report_text.c - the records as text that fits 80 columns: report
 * tables, a person's transcript and the steps of a session (shared by
 * "lprsim report" and the plain mode's instructor screen).
 */
#include "cli/report_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


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
char *report_cell_text(const json_t *v)
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

void report_text_table(const struct report_table *t)
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
            char *s = report_cell_text(v);
            if (j)
                putchar(' ');
            put_cell(json_is_null(v) || !v ? "-" : s, t->cols[j].width,
                     align(t, j));
            free(s);
        }
        putchar('\n');
    }
}

const char *report_js(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "-";
}

void report_text_person(const json_t *doc)
{
    const json_t *p = json_object_get(doc, "person");
    size_t i, j;
    json_t *v, *r;
    printf("Training transcript of %s (%s)\n", report_js(p, "name"),
           report_js(p, "id"));
    printf("role %s, unit %s, login %s; printed %s\n", report_js(p, "role"),
           report_js(p, "unit"), report_js(p, "login"),
           report_js(doc, "printed_at"));
    printf("\nLessons and knowledge checks\n");
    if (!json_array_size(json_object_get(doc, "lessons")))
        printf("  none yet\n");
    json_array_foreach(json_object_get(doc, "lessons"), i, v) {
        printf("  ");
        put_cell(report_js(v, "lesson"), 24, 0);
        printf(" %2lld/%-2lld %-6s %s\n",
               (long long)json_integer_value(json_object_get(v, "right")),
               (long long)json_integer_value(json_object_get(v, "questions")),
               json_is_true(json_object_get(v, "passed")) ? "passed"
                                                          : "failed",
               report_js(v, "at"));
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
                              ? "failed" : report_js(v, "status");
        printf("  #%-5lld ", (long long)json_integer_value(
                                 json_object_get(v, "session")));
        put_cell(report_js(v, "scenario"), 20, 0);
        printf(" %-8s seed %-10lld %6s %-6s %.10s\n", report_js(v, "mode"),
               (long long)json_integer_value(json_object_get(v, "seed")),
               score, res, report_js(v, "finished_at"));
        struct sb line;
        sb_init(&line);
        json_array_foreach(json_object_get(v, "rules"), j, r) {
            if (line.len == 0)
                sb_puts(&line, "         ");
            sb_printf(&line, " %-7s %3.0f%%  ", report_js(r, "rule"),
                      json_number_value(json_object_get(r, "percent")));
            if (line.len > 60 || j + 1 == json_array_size(
                                          json_object_get(v, "rules"))) {
                while (line.len && line.buf[line.len - 1] == ' ')
                    line.buf[--line.len] = '\0';
                printf("%s\n", line.buf);
                sb_reset(&line);
            }
        }
        sb_free(&line);
    }
    printf("\nCertificates\n");
    if (!json_array_size(json_object_get(doc, "certificates")))
        printf("  none\n");
    json_array_foreach(json_object_get(doc, "certificates"), i, v)
        printf("  #%-5lld %-10s %6.1f%%  issued %.10s  expires %.10s  %s\n",
               (long long)json_integer_value(json_object_get(v, "serial")),
               report_js(v, "track"),
               json_number_value(json_object_get(v, "score")),
               report_js(v, "issued_at"), report_js(v, "expires_at"),
               report_js(v, "status"));
}

/* Prints text after first (then after an indent as wide) in lines of at
 * most 78 columns, broken at spaces. */
static void wrapped(const char *first, const char *text)
{
    size_t ind = strlen(first), col = ind;
    fputs(first, stdout);
    const char *p = text;
    while (*p) {
        size_t w = strcspn(p, " ");
        size_t cols = 0;
        for (size_t k = 0; k < w; k++)
            cols += ((unsigned char)p[k] & 0xC0) != 0x80;
        if (col > ind && col + 1 + cols > 78) {
            printf("\n%*s", (int)ind, "");
            col = ind;
        } else if (col > ind) {
            putchar(' ');
            col++;
        }
        fwrite(p, 1, w, stdout);
        col += cols;
        p += w;
        while (*p == ' ')
            p++;
    }
    putchar('\n');
}

void report_text_step(const json_t *step)
{
    const json_t *rules = json_object_get(step, "rules");
    struct sb r;
    sb_init(&r);
    size_t i;
    json_t *v;
    json_array_foreach(rules, i, v)
        sb_printf(&r, "%s%s", i ? ", " : "", json_string_value(v));
    char num[32];
    snprintf(num, sizeof num, "  %lld. ",
             (long long)json_integer_value(json_object_get(step, "seq")));
    wrapped(num, report_js(step, "line"));
    printf("     -> %s%s%s%s\n", report_js(step, "verdict"), r.len ? " (" : "",
           r.len ? r.buf : "", r.len ? ")" : "");
    const char *why = json_string_value(json_object_get(step, "reason"));
    if (why && *why)
        wrapped("     ", why);
    sb_free(&r);
}
