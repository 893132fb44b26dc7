/*
 * test_appstate.c - the trainee application's shared flow: tracks loaded
 * from curriculum/, sign-in and registration, lesson results and the next
 * step, the resume place, broken track files reported.
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/appstate.h"

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

const char harness_name[] = "appstate";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_tracks_signin_progress),
    cmocka_unit_test(test_broken_track_is_reported),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
