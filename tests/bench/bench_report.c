/*
 * bench_report.c - a synthetic agency for the records bench: N people in
 * units, each with three years of training (knowledge checks, practice and
 * exam sessions with per-rule results, certificates, a few revoked), all
 * written through the store API; then the time of report_class and
 * report_rules over it.
 *   bench_report gen DB PEOPLE YEARS SEED
 *   bench_report time DB NOW            (best of 3 runs, seconds)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/learn/report.h"
#include "core/policy/rules.h"
#include "core/store/store_report.h"
#include "util/lptime.h"

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)((rng_state >> 33) % n);
}

static const char *const scenarios[] = {
    "one-word-reason", "run-for-a-colleague", "misread-hit",
    "protest-hotlist", "who-parked-near", "civil-seven-years",
    "stale-hotlist", "audit-quarter",
};
static const char *const lessons[] = {
    "using-lprsim", "purposes", "contribution", "storage", "queries",
    "hotlists", "analysis", "audit",
};
#define NSCN (sizeof scenarios / sizeof scenarios[0])
#define NLES (sizeof lessons / sizeof lessons[0])

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this process: on a loaded machine the wall clock also
 * counts the time spent waiting for a core. */
static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A compact scenario report: three rules, four objectives. */
static void make_report(char *buf, size_t n, size_t scn, int *passed,
                        double *score)
{
    size_t nr = rule_count();
    const char *r[3];
    for (int i = 0; i < 3; i++)
        r[i] = rule_at((scn * 3 + (size_t)i) % nr)->id;
    int met[4], got = 0;
    for (int i = 0; i < 4; i++) {
        met[i] = rnd(100) < 85;
        got += met[i];
    }
    *score = 25.0 * got;
    *passed = *score >= 75.0;
    snprintf(buf, n,
             "{\"rules\":["
             "{\"rule\":\"%s\",\"earned\":%d,\"possible\":2},"
             "{\"rule\":\"%s\",\"earned\":%d,\"possible\":1},"
             "{\"rule\":\"%s\",\"earned\":%d,\"possible\":1}],"
             "\"objectives\":["
             "{\"id\":\"o1\",\"text\":\"first\",\"met\":%s,\"rules\":[\"%s\"]},"
             "{\"id\":\"o2\",\"text\":\"second\",\"met\":%s,\"rules\":[\"%s\"]},"
             "{\"id\":\"o3\",\"text\":\"third\",\"met\":%s,\"rules\":[\"%s\"]},"
             "{\"id\":\"o4\",\"text\":\"fourth\",\"met\":%s,\"rules\":[\"%s\"]}"
             "]}",
             r[0], met[0] + met[1], r[1], met[2], r[2], met[3],
             met[0] ? "true" : "false", r[0], met[1] ? "true" : "false", r[0],
             met[2] ? "true" : "false", r[1], met[3] ? "true" : "false", r[2]);
}

static int gen(const char *db, int people, int years, uint64_t seed)
{
    struct lp_err err = {0};
    struct store *st = store_open(db, STORE_CREATE, &err);
    if (!st) {
        fprintf(stderr, "bench_report: %s\n", err.msg);
        return 1;
    }
    rng_state = seed;
    int64_t t0;
    lptime_parse("2023-03-01", &t0);
    int64_t serial = 1, sessions = 0, certs = 0;
    char id[32], name[48], unit[16], report[1024];
    double start = now_s();
    /* lesson results run in their own transactions (the store's API) */
    for (int p = 0; p < people; p++) {
        snprintf(id, sizeof id, "p%05d", p);
        for (size_t l = 0; l < NLES; l++) {
            struct lp_lesson_result lr = {
                .right = 3 + (int)rnd(3), .questions = 5,
                .at = t0 + (int64_t)rnd(300) * LPTIME_DAY,
            };
            lr.passed = lr.right * 100 >= 80 * lr.questions;
            if (store_lesson_result_set(st, id, lessons[l], &lr))
                goto fail;
        }
    }
    double lessons_s = now_s() - start;
    if (store_begin(st))
        goto fail;
    for (int p = 0; p < people; p++) {
        snprintf(id, sizeof id, "p%05d", p);
        snprintf(name, sizeof name, "Trainee %05d", p);
        snprintf(unit, sizeof unit, "unit-%02d", p % 40);
        struct lp_person per = {.id = id, .name = name, .role = "trainee",
                                .unit = unit, .trained = 1,
                                .created_at = t0};
        int what;
        if (store_person_upsert(st, &per, &what))
            goto fail;
        for (int y = 0; y < years; y++) {
            int64_t ys = lptime_add_years(t0, y);
            int nscn = y == 0 ? 6 : 4;
            for (int k = 0; k < nscn + 2; k++) {
                size_t scn = (size_t)(y == 0 ? k % 6 : 2 + k % 4) % NSCN;
                int64_t at = ys + (int64_t)(10 + k * 7 + (int)rnd(5)) *
                                      LPTIME_DAY;
                char mode[16], scid[32];
                snprintf(mode, sizeof mode, "%s", k < 2 ? "practice" : "exam");
                snprintf(scid, sizeof scid, "%s", scenarios[scn]);
                struct store_session s = {
                    .user_id = id, .scenario_id = scid, .mode = mode,
                    .seed = rnd(1000000), .started_at = at,
                };
                int64_t sid;
                int passed;
                double score;
                make_report(report, sizeof report, scn, &passed, &score);
                if (store_session_add(st, &s, &sid) ||
                    store_session_finish(st, sid, at + 1800, score, passed,
                                         report))
                    goto fail;
                sessions++;
            }
            int64_t issued = ys + 80 * LPTIME_DAY + (int64_t)rnd(20) *
                                                        LPTIME_DAY;
            struct store_cert c = {
                .serial = serial++, .user_id = id,
                .track = y ? "refresher" : "initial",
                .curriculum_version = "2026.1", .profile_version = "1",
                .score = 90, .issued_at = issued,
                .expires_at = lptime_add_years(issued, 1), .key_id = "bench",
                .token = "bench", .jwt = "bench",
            };
            if (store_cert_add(st, &c))
                goto fail;
            certs++;
            if (rnd(500) == 0 &&
                store_revocation_add(st, c.serial, "bench", issued + 86400,
                                     "coordinator"))
                goto fail;
        }
    }
    if (store_commit(st))
        goto fail;
    printf("agency: %d people in 40 units, %d years: %lld sessions, %lld "
           "certificates, %lld lesson results (built in %.1f s, %.1f s of "
           "it the lesson results)\n", people, years, (long long)sessions,
           (long long)certs, (long long)people * (long long)NLES,
           now_s() - start, lessons_s);
    store_close(st);
    return 0;
fail:
    fprintf(stderr, "bench_report: %s\n", store_errmsg(st));
    store_rollback(st);
    store_close(st);
    return 1;
}

static int timing(const char *db, const char *now_text)
{
    struct lp_err err = {0};
    int64_t now;
    if (lptime_parse(now_text, &now)) {
        fprintf(stderr, "bench_report: bad time %s\n", now_text);
        return 2;
    }
    struct store *st = store_open(db, STORE_READONLY, &err);
    if (!st) {
        fprintf(stderr, "bench_report: %s\n", err.msg);
        return 1;
    }
    const char *what[3] = {"report class (everyone)",
                           "report rules (everyone, all years)",
                           "report rules (one unit, last year)"};
    double wall[3] = {1e9, 1e9, 1e9}, cpu[3] = {1e9, 1e9, 1e9};
    size_t rows[3] = {0, 0, 0};
    for (int i = 0; i < 3; i++) {
        for (int k = 0; k < 3; k++) {
            struct report_table t = {0};
            double a = now_s(), ca = cpu_s();
            int rc = k == 0 ? report_class(st, now, NULL, &t, &err)
                   : k == 1 ? report_rules(st, NULL, 0, 0, &t, &err)
                            : report_rules(st, "unit-07",
                                           now - 365 * (int64_t)LPTIME_DAY,
                                           now, &t, &err);
            if (rc)
                goto fail;
            double w = now_s() - a, c = cpu_s() - ca;
            rows[k] = json_array_size(t.rows);
            report_table_clear(&t);
            if (w < wall[k])
                wall[k] = w;
            if (c < cpu[k])
                cpu[k] = c;
        }
    }
    for (int k = 0; k < 3; k++)
        printf("%-36s %6.3f s (CPU %.3f s), %zu %s\n", what[k], wall[k],
               cpu[k], rows[k], k ? "rules" : "people");
    store_close(st);
    return 0;
fail:
    fprintf(stderr, "bench_report: %s\n", err.msg);
    store_close(st);
    return 1;
}

static int atoi_safe(const char *s)
{
    int64_t v = 0;
    if (lp_parse_i64(s, 0, 100000000, &v)) {
        fprintf(stderr, "bench_report: '%s' is not a count\n", s);
        exit(2);
    }
    return (int)v;
}

int main(int argc, char **argv)
{
    if (argc == 6 && strcmp(argv[1], "gen") == 0)
        return gen(argv[2], atoi_safe(argv[3]), atoi_safe(argv[4]),
                   (uint64_t)atoi_safe(argv[5]));
    if (argc == 4 && strcmp(argv[1], "time") == 0)
        return timing(argv[2], argv[3]);
    fprintf(stderr, "usage: bench_report gen DB PEOPLE YEARS SEED | "
                    "time DB NOW\n");
    return 2;
}
