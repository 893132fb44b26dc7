/*
 * bench_assess.c - a measure of the assessment itself (issue 11): how
 * often a trainee who answers the knowledge checks at random passes one,
 * and how often one who plays the scenarios' pitfalls (or replays another
 * variant's answer) passes an exam, beside a trainee who follows the
 * lessons.  Uses the real draw (lesson_attempt_make) and the real replay
 * and scoring (scenario_replay).  Prints pass rates; never fails.
 * Usage: bench_assess ROOT [ATTEMPTS] [SEEDS]
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/learn/appstate.h"
#include "core/learn/lesson.h"
#include "script/scenario.h"
#include "util/rng.h"

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted file names of dir ending in suffix (caller frees each and v). */
static size_t list_dir(const char *dir, const char *suffix, char ***v)
{
    DIR *d = opendir(dir);
    size_t n = 0, cap = 0;
    *v = NULL;
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t k = strlen(e->d_name), s = strlen(suffix);
        if (k <= s || strcmp(e->d_name + k - s, suffix) != 0)
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            *v = xrealloc(*v, cap * sizeof **v);
        }
        (*v)[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    qsort(*v, n, sizeof **v, cmp_name);
    return n;
}

/* Random answering of one lesson's check: the share of attempts passed. */
static void checks(const char *root, long attempts)
{
    char *dir = xasprintf("%s/curriculum/lessons", root);
    char **names;
    size_t n = list_dir(dir, ".md", &names);
    struct rng r;
    rng_seed(&r, 20261203);
    double worst = 0;
    printf("knowledge checks: %ld attempts each, answered at random and by "
           "a trainee who follows the lesson (pass mark %d%%)\n", attempts,
           APP_LESSON_PASS);
    for (size_t i = 0; i < n; i++) {
        char *p = xasprintf("%s/%s", dir, names[i]);
        struct lesson *l = NULL;
        struct lp_err err = {0};
        if (lesson_load(p, &l, &err)) {
            printf("  %s: %s\n", names[i], err.msg);
            free(p);
            continue;
        }
        long pass_random = 0, pass_follow = 0;
        size_t need = 0;
        for (long a = 0; a < attempts; a++) {
            struct lesson_attempt at;
            lesson_attempt_make(l, rng_u64(&r), &at);
            need = lesson_pass_needed(at.n, APP_LESSON_PASS);
            size_t right = 0, follow = 0;
            for (size_t q = 0; q < at.n; q++) {
                size_t pick = (size_t)rng_below(&r, at.nopts[q]);
                right += (size_t)lesson_attempt_ok(l, &at, q, pick);
                for (size_t k = 0; k < at.nopts[q]; k++)
                    if (lesson_attempt_ok(l, &at, q, k)) {
                        follow++;
                        break;
                    }
            }
            pass_random += right >= need;
            pass_follow += follow >= need;
        }
        double pr = 100.0 * (double)pass_random / (double)attempts;
        double within = 100.0 * (1.0 - (1.0 - pr / 100.0) *
                                           (1.0 - pr / 100.0) *
                                           (1.0 - pr / 100.0));
        if (pr > worst)
            worst = pr;
        printf("  %-18s draw %zu of %2zu, %zu right needed: random passes "
               "%5.2f%% per attempt (%5.2f%% within 3 attempts); the "
               "follower %.0f%%\n", names[i], l->draw ? l->draw : l->nqs,
               l->nqs, need, pr, within,
               100.0 * (double)pass_follow / (double)attempts);
        lesson_free(l);
        free(p);
        free(names[i]);
    }
    printf("  worst check: random answering passes %.2f%% of attempts "
           "(goal: under 5%%)\n", worst);
    free(names);
    free(dir);
}

/* Replays lines on a variant; 1 when it passes. */
static int passes(const struct scenario *sc, const json_t *lines_arr)
{
    size_t n = json_array_size(lines_arr);
    char **lines = xcalloc(n + 1, sizeof *lines);
    for (size_t i = 0; i < n; i++)
        lines[i] = (char *)json_string_value(json_array_get(lines_arr, i));
    json_t *rep = NULL;
    struct lp_err err = {0};
    int ok = 0;
    if (scenario_replay(sc, "exam", "trainee", lines, n, &rep, &err) == 0)
        ok = json_is_true(json_object_get(rep, "passed"));
    json_decref(rep);
    free(lines);
    return ok;
}

static void exams(const char *root, int seeds)
{
    char *dir = xasprintf("%s/scenarios", root);
    char **names;
    size_t n = list_dir(dir, ".lua", &names);
    long pit_runs = 0, pit_pass = 0, other_runs = 0, other_pass = 0;
    long sol_runs = 0, sol_pass = 0;
    printf("exams: %d variants of each of %zu scenarios, replayed and "
           "scored by the engine\n", seeds, n);
    for (size_t i = 0; i < n; i++) {
        char *p = xasprintf("%s/%s", dir, names[i]);
        long sp = 0, sr = 0, op = 0, orr = 0, fp = 0, fr = 0;
        json_t *prev = NULL;
        for (int s = 1; s <= seeds; s++) {
            struct scenario *sc = NULL;
            struct lp_err err = {0};
            if (scenario_load(p, s, &sc, &err)) {
                printf("  %s: %s\n", names[i], err.msg);
                break;
            }
            const json_t *d = scenario_doc(sc);
            fr++;
            fp += passes(sc, json_object_get(d, "solution"));
            size_t k;
            json_t *pf;
            json_array_foreach(json_object_get(d, "pitfalls"), k, pf) {
                sr++;
                sp += passes(sc, json_object_get(pf, "actions"));
            }
            if (prev) {   /* the answer of the previous variant */
                orr++;
                op += passes(sc, prev);
            }
            json_decref(prev);
            prev = json_deep_copy(json_object_get(d, "solution"));
            scenario_free(sc);
        }
        json_decref(prev);
        printf("  %-26s follower %ld/%ld, pitfalls %ld/%ld, another "
               "variant's answer %ld/%ld passed\n", names[i], fp, fr, sp, sr,
               op, orr);
        pit_runs += sr;
        pit_pass += sp;
        other_runs += orr;
        other_pass += op;
        sol_runs += fr;
        sol_pass += fp;
        free(p);
        free(names[i]);
    }
    printf("  pass rates: the follower %.1f%%, a pitfall player %.1f%%, a "
           "copier of another variant's answer %.1f%%\n",
           sol_runs ? 100.0 * (double)sol_pass / (double)sol_runs : 0.0,
           pit_runs ? 100.0 * (double)pit_pass / (double)pit_runs : 0.0,
           other_runs ? 100.0 * (double)other_pass / (double)other_runs
                      : 0.0);
    free(names);
    free(dir);
}

int main(int argc, char **argv)
{
    const char *root = argc > 1 ? argv[1] : ".";
    long attempts = argc > 2 ? strtol(argv[2], NULL, 10) : 100000;
    int seeds = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 4;
    if (attempts < 1)
        attempts = 1;
    if (seeds < 2)
        seeds = 2;
    checks(root, attempts);
    exams(root, seeds);
    return 0;
}
