/*
 * test_lesson.c - lesson files: title, rules line, body, knowledge check,
 * the errors a broken file gives, wrapping, and every lesson shipped in
 * curriculum/lessons parsing cleanly.
 */
#include "harness.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/learn/lesson.h"

static const char good[] =
    "# Queries and look-back\n"
    "Rules: IV.I-J\n"
    "\n"
    "Every query names one plate.\n"
    "\n"
    "> All queries of government-run and commercially-available LPR\n"
    "> databases will be based on a license plate number.\n"
    "\n"
    "## Check\n"
    "\n"
    "Q: May you search all reads near a school?\n"
    "- [ ] Yes, with a case number\n"
    "- [x] No: IV.B forbids geographic queries\n"
    "Why: without a known plate an area query is over-collection.\n"
    "\n"
    "Q: How far back for a civil immigration matter?\n"
    "- [x] Five years\n"
    "- [ ] Ten years\n"
    "- [ ] No limit\n"
    "Why: IV.J.2 limits civil queries to the previous five years.\n";

/* A "Rules:" line is checked against the rule catalogue. */
static void test_rules_line_from_the_catalogue(void **state)
{
    (void)state;
    static const char *const good_rules[] = {
        "IV.I-J", "IV.A-M", "IV.K", "IV.J.2", "IV.A.1, IV.M", "IV.J.1-2",
    };
    static const char *const bad_rules[] = {
        "IV.N", "IV.A-N", "IV.J.3", "IV.M-A", "IV.A,", "", "IV", "IV.J.",
        "IV.A-", "V.A", "IV.AB", "IV.A-BC",
    };
    static const char check[] =
        "## Check\nQ: Which?\n- [x] This\n- [ ] That\nWhy: so.\n";
    char text[256];
    for (size_t i = 0; i < sizeof good_rules / sizeof good_rules[0]; i++) {
        struct lesson *l = NULL;
        struct lp_err err = {0};
        int n = snprintf(text, sizeof text, "# T\nRules: %s\n\nBody.\n%s",
                         good_rules[i], check);
        assert_ok(lesson_parse("x.md", text, (size_t)n, &l, &err), &err);
        assert_string_equal(l->rules, good_rules[i]);
        lesson_free(l);
    }
    for (size_t i = 0; i < sizeof bad_rules / sizeof bad_rules[0]; i++) {
        struct lesson *l = NULL;
        struct lp_err err = {0};
        int n = snprintf(text, sizeof text, "# T\nRules: %s\n\nBody.\n%s",
                         bad_rules[i], check);
        assert_int_equal(lesson_parse("x.md", text, (size_t)n, &l, &err),
                         -LP_USAGE);
        assert_null(l);
        assert_non_null(strstr(err.msg, "x.md:2: 'Rules:' names"));
    }
}

static void test_parses_title_body_and_check(void **state)
{
    (void)state;
    struct lesson *l = NULL;
    struct lp_err err = {0};
    assert_ok(lesson_parse("q.md", good, strlen(good), &l, &err), &err);
    assert_string_equal(l->title, "Queries and look-back");
    assert_string_equal(l->rules, "IV.I-J");
    assert_non_null(strstr(l->body, "Every query names one plate."));
    assert_null(strstr(l->body, "Rules:"));
    assert_null(strstr(l->body, "Q:"));
    assert_int_equal(l->nqs, 2);
    assert_int_equal(l->qs[0].nopts, 2);
    assert_int_equal(l->qs[0].line, 11);
    assert_string_equal(l->qs[0].opts[1],
                        "No: IV.B forbids geographic queries");
    assert_false(lesson_answer_ok(&l->qs[0], 0));
    assert_true(lesson_answer_ok(&l->qs[0], 1));
    assert_false(lesson_answer_ok(&l->qs[0], 7));
    assert_int_equal(l->qs[1].nopts, 3);
    assert_true(lesson_answer_ok(&l->qs[1], 0));
    assert_string_equal(l->qs[1].why,
                        "IV.J.2 limits civil queries to the previous five "
                        "years.");
    lesson_free(l);
}

/* Parses text expecting failure; returns the message (static). */
static const char *parse_fails(const char *text)
{
    static struct lp_err err;
    struct lesson *l = NULL;
    memset(&err, 0, sizeof err);
    int rc = lesson_parse("bad.md", text, strlen(text), &l, &err);
    assert_int_equal(rc, -LP_USAGE);
    assert_null(l);
    return err.msg;
}

static void test_broken_files_name_line_and_problem(void **state)
{
    (void)state;
    assert_string_equal(parse_fails("no title\n"),
                        "bad.md:1: a lesson starts with its title "
                        "('# Title')");
    assert_string_equal(parse_fails(""),
                        "bad.md: empty lesson (no '# Title' line)");
    assert_non_null(strstr(parse_fails("# T\nbody\n"),
                           "no knowledge check"));
    assert_string_equal(parse_fails("# T\n## Check\nQ: a?\n- [ ] x\n"
                                    "- [ ] y\nWhy: z\n"),
                        "bad.md:3: question has no right option (mark one "
                        "'- [x]')");
    assert_string_equal(parse_fails("# T\n## Check\nQ: a?\n- [x] x\n"
                                    "- [ ] y\n"),
                        "bad.md:3: question has no 'Why:' line");
    assert_string_equal(parse_fails("# T\n## Check\nQ: a?\n- [x] x\n"
                                    "Why: w\n"),
                        "bad.md:3: question needs at least two options "
                        "('- [ ] text', '- [x] text')");
    assert_string_equal(parse_fails("# T\n## Check\n- [x] x\n"),
                        "bad.md:3: '- [x]' before the first 'Q:' line");
    assert_string_equal(parse_fails("# T\n## Check\nQ: a?\nhello\n"),
                        "bad.md:4: in the check, expected 'Q:', an option "
                        "('- [ ] text' or '- [x] text') or 'Why:'");
    assert_string_equal(parse_fails("# T\n\xff\n"),
                        "bad.md: not UTF-8 text (byte 4)");
}

static void test_load_missing_file(void **state)
{
    (void)state;
    struct lesson *l = NULL;
    struct lp_err err = {0};
    assert_int_equal(lesson_load("/nonexistent/x.md", &l, &err), -LP_FAIL);
    assert_non_null(strstr(err.msg, "/nonexistent/x.md: cannot open"));
}

static void test_wrap_styles_and_width(void **state)
{
    (void)state;
    struct lesson_lines ls = {0};
    lesson_wrap("## Heading **bold**\n"
                "one two three four five six seven eight nine ten eleven\n"
                "twelve\n"
                "\n"
                "> quoted words that go on and on and on beyond the width\n"
                "\n"
                "- an item that is long enough to wrap onto a second line\n"
                "  with a continuation\n"
                "```\n"
                "query --plate ABC1234 --from 2026-01-01 --to 2026-02-01\n"
                "```\n"
                "\n\n",
                30, &ls);
    assert_true(ls.n > 6);
    assert_int_equal(ls.v[0].style, LS_HEADING);
    assert_string_equal(ls.v[0].text, "Heading bold");
    assert_string_equal(ls.v[1].text, "one two three four five six");
    int quotes = 0, items = 0, code = 0;
    for (size_t i = 0; i < ls.n; i++) {
        assert_true(lesson_utf8_cols(ls.v[i].text, strlen(ls.v[i].text))
                    <= 30);
        if (ls.v[i].style == LS_QUOTE) {
            quotes++;
            assert_memory_equal(ls.v[i].text, "> ", 2);
        }
        if (ls.v[i].style == LS_ITEM) {
            assert_memory_equal(ls.v[i].text, items ? "  " : "- ", 2);
            items++;
        }
        if (ls.v[i].style == LS_CODE) {
            code++;
            assert_string_equal(ls.v[i].text,
                                "query --plate ABC1234 --from 2");
        }
    }
    assert_true(quotes >= 2);
    assert_true(items >= 2);
    assert_int_equal(code, 1);
    assert_int_not_equal(ls.v[ls.n - 1].style, LS_BLANK);
    lesson_lines_free(&ls);
}

static void test_wrap_counts_utf8_as_one_column(void **state)
{
    (void)state;
    struct lesson_lines ls = {0};
    /* 25 "é" (2 bytes each) in one word: cut at 20 columns */
    struct sb s;
    sb_init(&s);
    for (int i = 0; i < 25; i++)
        sb_puts(&s, "\xc3\xa9");
    lesson_wrap(s.buf, 20, &ls);
    assert_int_equal(ls.n, 2);
    assert_int_equal(strlen(ls.v[0].text), 40);
    assert_int_equal(strlen(ls.v[1].text), 10);
    lesson_lines_free(&ls);
    sb_free(&s);
}

static void test_shipped_lessons_parse(void **state)
{
    (void)state;
    char *dir = harness_path("curriculum/lessons");
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        size_t k = strlen(e->d_name);
        if (k < 4 || strcmp(e->d_name + k - 3, ".md") != 0)
            continue;
        char *p = xasprintf("%s/%s", dir, e->d_name);
        struct lesson *l = NULL;
        struct lp_err err = {0};
        assert_ok(lesson_load(p, &l, &err), &err);
        assert_non_null(l->rules);
        assert_true(l->nqs >= 3);
        /* the question bank lint: no finding in a shipped lesson */
        struct sb lint;
        sb_init(&lint);
        int found = lesson_lint(e->d_name, l, &lint);
        if (found)
            fprintf(stderr, "%s", lint.buf);
        assert_int_equal(found, 0);
        sb_free(&lint);
        lesson_free(l);
        free(p);
        n++;
    }
    closedir(d);
    assert_true(n >= 7);
    free(dir);
}

/* A bank of 4 for Draw: 2; options of question 1 in a known order. */
static const char bank[] =
    "# B\nRules: IV.I\nbody\n## Check\n\nDraw: 2\nAttempts: 2\n\n"
    "Q: one?\n- [x] right one\n- [ ] wrong aa\n- [ ] wrong bb\n"
    "Why: w1\n"
    "Q: two?\n- [ ] nope 1\n- [x] yes 22\n- [ ] nope 3\nWhy: w2\n"
    "Q: three?\n- [ ] no a\n- [ ] no b\n- [x] ok c\nWhy: w3\n"
    "Q: four?\n- [ ] bad 1\n- [x] good\n- [ ] bad 2\nWhy: w4\n";

static void test_bank_draw_and_shuffle(void **state)
{
    (void)state;
    struct lesson *l = NULL;
    struct lp_err err = {0};
    assert_ok(lesson_parse("b.md", bank, sizeof bank - 1, &l, &err), &err);
    assert_int_equal(l->draw, 2);
    assert_int_equal(l->attempts, 2);
    int seen[4] = {0}, first_pos[3] = {0};
    for (uint64_t seed = 1; seed <= 400; seed++) {
        struct lesson_attempt a, b;
        lesson_attempt_make(l, seed, &a);
        lesson_attempt_make(l, seed, &b);
        /* the same seed rebuilds the same attempt (resume after a crash) */
        assert_memory_equal(&a, &b, sizeof a);
        assert_int_equal(a.n, 2);
        assert_true(a.q[0] != a.q[1]);
        for (size_t i = 0; i < a.n; i++) {
            seen[a.q[i]]++;
            size_t right = 0;
            for (size_t k = 0; k < a.nopts[i]; k++)
                right += (size_t)lesson_attempt_ok(l, &a, i, k);
            assert_int_equal(right, 1);
            if (a.q[i] == 0)
                for (size_t k = 0; k < 3; k++)
                    if (a.opt[i][k] == 0)
                        first_pos[k]++;
        }
    }
    /* every question is drawn, and the right option moves around */
    for (int i = 0; i < 4; i++)
        assert_true(seen[i] > 100);
    for (int k = 0; k < 3; k++)
        assert_true(first_pos[k] > 30);
    assert_int_equal(lesson_pass_needed(3, 80), 3);
    assert_int_equal(lesson_pass_needed(5, 80), 4);
    lesson_free(l);
}

static void test_bank_lint(void **state)
{
    (void)state;
    static const char give_away[] =
        "# G\nbody\n## Check\nDraw: 2\n"
        "Q: a?\n- [x] right (IV.J.2)\n- [ ] wrong\n- [ ] also wrong\nWhy: w\n"
        "Q: b?\n- [x] the one long right option\n- [ ] short\n- [ ] tiny\n"
        "Why: w\n"
        "Q: c?\n- [x] ok\n- [ ] no\nWhy: w\n";
    struct lesson *l = NULL;
    struct lp_err err = {0};
    assert_ok(lesson_parse("g.md", give_away, sizeof give_away - 1, &l, &err),
              &err);
    struct sb out;
    sb_init(&out);
    int n = lesson_lint("g.md", l, &out);
    assert_non_null(strstr(out.buf, "holds 3 questions for 'Draw: 2'"));
    assert_non_null(strstr(out.buf, "g.md:5: only the right option cites a "
                                    "rule id"));
    assert_non_null(strstr(out.buf, "the right option is the only longest"));
    assert_non_null(strstr(out.buf, "always the first"));
    assert_true(n >= 5);
    sb_free(&out);
    lesson_free(l);
    /* Draw larger than the bank is a parse error */
    static const char too_few[] = "# T\nb\n## Check\nDraw: 3\n"
                                  "Q: a?\n- [x] y\n- [ ] n\nWhy: w\n";
    assert_int_equal(lesson_parse("t.md", too_few, sizeof too_few - 1, &l,
                                  &err), -LP_USAGE);
    assert_non_null(strstr(err.msg, "'Draw: 3' but the bank holds 1"));
}

const char harness_name[] = "lesson";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_rules_line_from_the_catalogue),
    cmocka_unit_test(test_parses_title_body_and_check),
    cmocka_unit_test(test_broken_files_name_line_and_problem),
    cmocka_unit_test(test_load_missing_file),
    cmocka_unit_test(test_wrap_styles_and_width),
    cmocka_unit_test(test_wrap_counts_utf8_as_one_column),
    cmocka_unit_test(test_shipped_lessons_parse),
    cmocka_unit_test(test_bank_draw_and_shuffle),
    cmocka_unit_test(test_bank_lint),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
