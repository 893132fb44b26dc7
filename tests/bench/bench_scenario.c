/*
 * bench_scenario.c - speed of the scenario engine: load (sandboxed child)
 * plus world setup of a 2,000-vehicle scenario, and a full replay of a
 * 50-action transcript into a fresh sandbox (with scoring).  Prints the
 * median of several runs; never fails on time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "script/scenario.h"

#include "core/store/store_reads.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "tests/fixtures/scn/bench.lua";
    enum { RUNS = 15 };
    double setup[RUNS], replay[RUNS];
    struct lp_err err = {0};
    int64_t reads = 0;
    size_t n = 0;
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        struct scenario *sc = NULL;
        if (scenario_load(path, 1, &sc, &err)) {
            fprintf(stderr, "bench_scenario: %s\n", err.msg);
            return 1;
        }
        struct store *st = store_open(":memory:", STORE_CREATE, &err);
        if (!st || scenario_world_build(sc, st, "trainee", 1, &err)) {
            fprintf(stderr, "bench_scenario: %s\n", err.msg);
            return 1;
        }
        setup[i] = now_ms() - t0;
        reads = store_reads_count(st);
        store_close(st);
        const json_t *sol = json_object_get(scenario_doc(sc), "solution");
        n = json_array_size(sol);
        char **lines = calloc(n + 1, sizeof *lines);
        for (size_t k = 0; k < n; k++)
            lines[k] = (char *)json_string_value(json_array_get(sol, k));
        json_t *rep = NULL;
        t0 = now_ms();
        if (scenario_replay(sc, "exam", "trainee", lines, n, &rep, &err)) {
            fprintf(stderr, "bench_scenario: %s\n", err.msg);
            return 1;
        }
        replay[i] = now_ms() - t0;
        json_decref(rep);
        free(lines);
        scenario_free(sc);
    }
    qsort(setup, RUNS, sizeof setup[0], cmp);
    qsort(replay, RUNS, sizeof replay[0], cmp);
    printf("scenario load + world setup (2000 vehicles, %lld reads): "
           "median %.1f ms (min %.1f, max %.1f; goal < 100)\n",
           (long long)reads, setup[RUNS / 2], setup[0], setup[RUNS - 1]);
    printf("replay of a %zu-action transcript (fresh sandbox, scored): "
           "median %.1f ms (min %.1f, max %.1f; goal < 100)\n", n,
           replay[RUNS / 2], replay[0], replay[RUNS - 1]);
    return 0;
}
