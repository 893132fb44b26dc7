/*
 * test_appstate.c - the trainee application's shared flow: tracks loaded
 * from curriculum/, sign-in and registration, lesson results and the next
 * step, the resume place, broken track files reported.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/learn/appstate.h"
#include "core/store/store_cert.h"
#include "core/store/store_people.h"
#include "core/store/store_scenario.h"

static void test_tracks_signin_progress(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct app a;
    struct lp_err err = {0};
    char *root = harness_path("");
    assert_ok(app_init(&a, st, 1772409600, root, &err), &err);
    assert_int_equal(a.problems.len, 0);
    assert_int_equal(a.ntracks, 2);
    assert_string_equal(a.tracks[0].id, "initial");
    assert_string_equal(a.tracks[1].id, "refresher");
    assert_true(a.tracks[0].nmods >= 7);

    assert_int_equal(app_signin(&a, "bad id", &err), -LP_USAGE);
    assert_non_null(strstr(err.msg, "may hold only"));
    assert_int_equal(app_signin(&a, "tess", &err), 1);
    assert_null(a.user);
    assert_ok(app_register(&a, "tess", "Tess Trainee", &err), &err);
    assert_string_equal(a.user, "tess");
    char *last = app_last_user(&a);
    assert_string_equal(last, "tess");
    free(last);

    struct app_step s;
    app_next(&a, 0, &s);
    assert_int_equal(s.kind, STEP_LESSON);
    assert_int_equal(s.module, 0);

    int passed = -1;
    struct app_module *m0 = &a.tracks[0].mods[0];
    assert_ok(app_lesson_record(&a, m0, 2, 3, &passed, &err), &err);
    assert_int_equal(passed, 0);
    char buf[64];
    app_lesson_state(m0, buf, sizeof buf);
    assert_string_equal(buf, "tried 2/3");
    app_next(&a, 0, &s);
    assert_int_equal(s.module, 0);
    assert_ok(app_lesson_record(&a, m0, 3, 3, &passed, &err), &err);
    assert_int_equal(passed, 1);
    /* a later failed try does not undo a pass */
    assert_ok(app_lesson_record(&a, m0, 0, 3, &passed, &err), &err);
    app_lesson_state(m0, buf, sizeof buf);
    assert_string_equal(buf, "passed 3/3");
    /* the check alone is not the lesson: it must be read to its end */
    app_next(&a, 0, &s);
    assert_int_equal(s.kind, STEP_LESSON);
    assert_int_equal(s.module, 0);
    assert_ok(app_lesson_read(&a, m0, &err), &err);
    assert_ok(app_refresh(&a, &err), &err);
    app_next(&a, 0, &s);
    char *txt = app_step_text(&a, &s);
    if (m0->nscn) {
        /* the module's scenario comes before the next lesson */
        assert_int_equal(s.kind, STEP_SCENARIO);
        assert_int_equal(s.module, 0);
        assert_non_null(strstr(txt, m0->scn[0].file));
    } else {
        assert_int_equal(s.kind, STEP_LESSON);
        assert_int_equal(s.module, 1);
        assert_non_null(strstr(txt, "Purposes"));
    }
    free(txt);
    if (m0->nscn == 0)
        assert_int_equal(a.tracks[0].done_mods, 1);
    char *cert = app_cert_text(&a, 0);
    assert_string_equal(cert, "no certificate yet");
    free(cert);
    struct store_cert c = {
        .serial = 5, .user_id = "tess", .track = "initial",
        .curriculum_version = "2026.1", .profile_version = "2017",
        .score = 91, .issued_at = 1772409600,
        .expires_at = 1772409600 + 365 * 86400, .key_id = "k",
        .token = "LPR1:X", .jwt = "j"};
    assert_int_equal(store_cert_add(st, &c), 0);
    assert_ok(app_refresh(&a, &err), &err);
    cert = app_cert_text(&a, 0);
    assert_string_equal(cert, "certificate valid until 2027-03-02");
    free(cert);
    cert = app_cert_text(&a, 1);
    assert_string_equal(cert, "no certificate yet");
    free(cert);
    a.now = c.expires_at;
    cert = app_cert_text(&a, 0);
    assert_string_equal(cert, "certificate expired on 2027-03-02");
    free(cert);
    assert_int_equal(store_revocation_add(st, 5, "test", a.now, "inst"), 0);
    assert_ok(app_refresh(&a, &err), &err);
    cert = app_cert_text(&a, 0);
    assert_string_equal(cert, "certificate 5 revoked");
    free(cert);

    assert_null(app_place_load(&a));
    assert_ok(app_place_save(&a, "lesson initial queries 12", &err), &err);
    char *pl = app_place_load(&a);
    assert_string_equal(pl, "lesson initial queries 12");
    free(pl);
    size_t ti, mi;
    assert_int_equal(app_find(&a, "initial", "queries", &ti, &mi), 0);
    assert_string_equal(a.tracks[ti].mods[mi].id, "queries");
    assert_int_equal(app_find(&a, "initial", "nope", &ti, &mi), -1);

    app_free(&a);
    free(root);
    store_close(st);
}

/* A half-done check survives a restart: the same questions in the same
 * order, the answers kept; the answers are revealed only after a pass or
 * the last attempt. */
static void test_check_attempt_survives_and_hides(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct app a;
    struct lp_err err = {0};
    char *root = harness_path("");
    assert_ok(app_init(&a, st, 1772409600, root, &err), &err);
    assert_ok(app_register(&a, "tess", "Tess Trainee", &err), &err);
    struct app_module *m = &a.tracks[0].mods[0];
    char *path = app_lesson_path(&a, m);
    struct lesson *l = NULL;
    assert_ok(lesson_load(path, &l, &err), &err);
    struct app_check c, again;
    assert_ok(app_check_begin(&a, m, l, &c, &err), &err);
    assert_int_equal(c.attempt, 1);
    assert_int_equal(c.at.n, l->draw);
    /* a wrong answer first */
    size_t wrong = 0;
    while (lesson_attempt_ok(l, &c.at, 0, wrong))
        wrong++;
    assert_ok(app_check_answer(&a, m, &c, wrong, &err), &err);
    /* "crash": a new begin resumes the same attempt */
    assert_ok(app_check_begin(&a, m, l, &again, &err), &err);
    assert_true(again.resumed);
    assert_int_equal(again.answered, 1);
    assert_memory_equal(&again.at, &c.at, sizeof c.at);
    for (size_t i = 1; i < again.at.n; i++) {
        size_t k = 0;
        while (!lesson_attempt_ok(l, &again.at, i, k))
            k++;
        assert_ok(app_check_answer(&a, m, &again, k, &err), &err);
    }
    size_t right;
    int passed, reveal;
    assert_ok(app_check_submit(&a, m, &again, &right, &passed, &reveal, &err),
              &err);
    assert_int_equal(right, again.at.n - 1);
    assert_false(passed);
    assert_false(reveal);
    /* attempts 2 and 3 fail too: after the last the answers are shown */
    for (int t = 2; t <= l->attempts; t++) {
        assert_ok(app_check_begin(&a, m, l, &c, &err), &err);
        assert_int_equal(c.attempt, t);
        assert_false(c.resumed);
        for (size_t i = 0; i < c.at.n; i++) {
            size_t k = 0;
            while (lesson_attempt_ok(l, &c.at, i, k))
                k++;
            assert_ok(app_check_answer(&a, m, &c, k, &err), &err);
        }
        assert_ok(app_check_submit(&a, m, &c, &right, &passed, &reveal, &err),
                  &err);
        assert_int_equal(right, 0);
        assert_int_equal(reveal, t >= l->attempts);
    }
    /* the first read to the end is kept */
    int64_t at = 0;
    assert_int_equal(store_lesson_read_get(st, "tess", m->lesson_id, &at), 0);
    assert_ok(app_lesson_read(&a, m, &err), &err);
    assert_int_equal(store_lesson_read_get(st, "tess", m->lesson_id, &at), 1);
    assert_true(at > 0);
    lesson_free(l);
    free(path);
    free(root);
    app_free(&a);
    store_close(st);
}

static void test_broken_track_is_reported(void **state)
{
    (void)state;
    char *dir = harness_tmpdir();
    char *tracks = xasprintf("%s/curriculum/tracks", dir);
    char *c = xasprintf("%s/curriculum", dir);
    mkdir(c, 0700);
    mkdir(tracks, 0700);
    char *p1 = xasprintf("%s/a.json", tracks);
    char *p2 = xasprintf("%s/b.json", tracks);
    harness_write(p1, "{\"id\":\"a\",\"title\":\"A\",\"version\":\"1\","
                      "\"profile\":\"x\",\"modules\":[{\"id\":\"m\","
                      "\"title\":\"M\"}]}");
    harness_write(p2, "{\"id\": ");
    struct store *st = harness_store();
    struct app a;
    struct lp_err err = {0};
    assert_ok(app_init(&a, st, 0, dir, &err), &err);
    assert_int_equal(a.ntracks, 0);
    assert_non_null(strstr(a.problems.buf,
                           "a.json: module 1: missing \"lesson\""));
    assert_non_null(strstr(a.problems.buf, "b.json:1:"));
    app_free(&a);
    store_close(st);
    harness_rmdir(dir);
    free(p1);
    free(p2);
    free(c);
    free(tracks);
    free(dir);
}

static int64_t add_session(struct store *st, const char *file,
                           const char *mode)
{
    char path[200];
    snprintf(path, sizeof path, "/opt/lprsim/scenarios/%s", file);
    struct store_session ss = {
        .user_id = (char *)"tess", .scenario_id = (char *)"x",
        .scenario_file = path, .scenario_hash = (char *)"h",
        .mode = (char *)mode, .seed = 1, .started_at = 1,
        .track = strcmp(mode, "exam") == 0 ? (char *)"t" : NULL};
    int64_t id = 0;
    assert_int_equal(store_session_add(st, &ss, &id), 0);
    return id;
}

static void test_scenario_progress_by_file_and_mode(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_scenario_progress p;
    assert_int_equal(store_scenario_progress(st, "tess", "a.lua", NULL, &p),
                     0);
    assert_int_equal(p.attempts, 0);
    assert_true(p.best < 0);
    int64_t s1 = add_session(st, "a.lua", "practice");
    int64_t s2 = add_session(st, "a.lua", "practice");
    int64_t s3 = add_session(st, "a.lua", "exam");
    add_session(st, "b.lua", "practice");
    assert_int_equal(store_session_finish(st, s1, 2, 40.0, 0, "{}"), 0);
    assert_int_equal(store_session_finish(st, s2, 3, 92.5, 1, "{}"), 0);
    /* practice: two done (best 92.5, passed), none active */
    assert_int_equal(store_scenario_progress(st, "tess", "a.lua", "practice",
                                             &p), 0);
    assert_int_equal(p.attempts, 2);
    assert_true(p.best > 92.4 && p.best < 92.6);
    assert_int_equal(p.passed, 1);
    assert_int_equal(p.active_session, 0);
    /* exam: the unfinished session is the one to resume */
    assert_int_equal(store_scenario_progress(st, "tess", "a.lua", "exam",
                                             &p), 0);
    assert_int_equal(p.attempts, 0);
    assert_int_equal(p.passed, 0);
    assert_int_equal(p.active_session, s3);
    /* an attempt set aside no longer counts as the one to resume; a
     * finished session is never changed */
    assert_int_equal(store_progress_abandon(st, s3), 0);
    assert_int_equal(store_progress_abandon(st, s2), 0);
    assert_int_equal(store_scenario_progress(st, "tess", "a.lua", "exam",
                                             &p), 0);
    assert_int_equal(p.active_session, 0);
    assert_int_equal(store_scenario_progress(st, "tess", "a.lua", "practice",
                                             &p), 0);
    assert_int_equal(p.passed, 1);
    assert_int_equal(p.attempts, 2);
    /* another person sees nothing */
    assert_int_equal(store_scenario_progress(st, "other", "a.lua", NULL, &p),
                     0);
    assert_int_equal(p.attempts, 0);
    assert_int_equal(p.active_session, 0);
    store_close(st);
}

static void test_track_summary_when_complete(void **state)
{
    (void)state;
    char *dir = harness_tmpdir();
    char *c = xasprintf("%s/curriculum", dir);
    char *tracks = xasprintf("%s/curriculum/tracks", dir);
    char *p = xasprintf("%s/t.json", tracks);
    mkdir(c, 0700);
    mkdir(tracks, 0700);
    harness_write(p, "{\"id\":\"t\",\"title\":\"Tiny\",\"version\":\"1\","
                     "\"profile\":\"x\",\"modules\":[{\"id\":\"m\","
                     "\"title\":\"Only\",\"lesson\":\"lessons/m.md\","
                     "\"scenarios\":[{\"file\":\"a.lua\",\"pass\":80}]}]}");
    struct store *st = harness_store();
    struct app a;
    struct lp_err err = {0};
    assert_ok(app_init(&a, st, 1772409600, dir, &err), &err);
    assert_int_equal(a.ntracks, 1);
    assert_ok(app_register(&a, "tess", "Tess", &err), &err);
    char *sum = app_track_summary(&a, 0);
    assert_string_equal(sum, "Track 'Tiny': 0 of 1 modules done.\n");
    free(sum);
    int passed;
    assert_ok(app_lesson_record(&a, &a.tracks[0].mods[0], 3, 3, &passed,
                                &err), &err);
    int64_t id = add_session(st, "a.lua", "practice");
    assert_int_equal(store_session_finish(st, id, 5, 90.0, 1, "{}"), 0);
    assert_ok(app_refresh(&a, &err), &err);
    struct app_step step;
    /* a practice pass is not enough: the exam comes next */
    assert_ok(app_lesson_read(&a, &a.tracks[0].mods[0], &err), &err);
    assert_ok(app_refresh(&a, &err), &err);
    app_next(&a, 0, &step);
    assert_int_equal(step.kind, STEP_SCENARIO);
    assert_true(a.tracks[0].mods[0].scn[0].prog_exam);
    char *txt = app_step_text(&a, &step);
    assert_non_null(strstr(txt, "Next: the exam of a.lua"));
    free(txt);
    char st_txt[64];
    app_scn_state(&a.tracks[0].mods[0].scn[0], st_txt, sizeof st_txt);
    assert_string_equal(st_txt, "practiced, exam next");
    id = add_session(st, "a.lua", "exam");
    assert_int_equal(store_session_finish(st, id, 6, 90.0, 1, "{}"), 0);
    assert_ok(app_refresh(&a, &err), &err);
    app_next(&a, 0, &step);
    assert_int_equal(step.kind, STEP_DONE);
    assert_int_equal(a.tracks[0].done_mods, 1);
    sum = app_track_summary(&a, 0);
    assert_non_null(strstr(sum, "Track 'Tiny' (version 1) complete"));
    assert_non_null(strstr(sum, "  Only: lesson passed 3/3; a.lua best 90%"));
    assert_non_null(strstr(sum, "Certificate: no certificate yet."));
    free(sum);
    app_free(&a);
    store_close(st);
    harness_rmdir(dir);
    free(p);
    free(tracks);
    free(c);
    free(dir);
}

const char harness_name[] = "appstate";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_tracks_signin_progress),
    cmocka_unit_test(test_check_attempt_survives_and_hides),
    cmocka_unit_test(test_broken_track_is_reported),
    cmocka_unit_test(test_scenario_progress_by_file_and_mode),
    cmocka_unit_test(test_track_summary_when_complete),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
