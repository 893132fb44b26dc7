/*
 * bench_audit.c - audit log speed: builds N entries through audit_append
 * in one transaction (default one million) in a database file, then times
 * 'audit verify' over them (entries/s), and the cost of one more append
 * inside an action's transaction on that full log (p50/p99, commit not
 * counted).  Usage: bench_audit [N].  Measures; never fails on time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/audit/audit.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of this process: on a shared machine the wall clock
 * measures the neighbours too. */
static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void fill(struct audit_entry *e, int64_t i, char *plate, size_t pn,
                 char *results, size_t rn, char *detail, size_t dn)
{
    snprintf(plate, pn, "BX%05lld", (long long)(i % 50000));
    snprintf(results, rn, "%lld reads", (long long)(i % 17));
    snprintf(detail, dn, "{\"plate\":\"%s\",\"from\":\"2026-01-01\","
             "\"to\":\"2026-03-01\",\"case\":\"2026-CR-0001\"}", plate);
    *e = (struct audit_entry){
        .at = 1767225600 + i, .user_id = "trainee01", .action = "query",
        .plate = plate, .case_number = "2026-CR-0001",
        .reason = "Suspect vehicle in armed robbery downtown",
        .results = results, .verdict = "allow", .rules = "IV.A.2",
        .profile = "ice-2017", .detail = detail,
    };
}

int main(int argc, char **argv)
{
    int64_t n = 1000000;
    struct lp_err err = {0};
    if (argc > 1 && lp_parse_i64(argv[1], 1, 100000000, &n)) {
        fprintf(stderr, "usage: bench_audit [N]\n");
        return 2;
    }
    char dir[] = "/tmp/lprsim-bench-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    char *path = xasprintf("%s/audit.db", dir);
    struct store *st = store_open(path, STORE_CREATE, &err);
    if (!st) {
        fprintf(stderr, "bench_audit: %s\n", err.msg);
        return 1;
    }
    char plate[16], results[32], detail[160];
    struct audit_entry e;
    int64_t id = 0;
    int rc = 1;

    double t0 = now_s();
    if (store_begin(st))
        goto fail_store;
    for (int64_t i = 0; i < n; i++) {
        fill(&e, i, plate, sizeof plate, results, sizeof results, detail,
             sizeof detail);
        if (audit_append(st, &e, &id, &err))
            goto fail;
    }
    if (store_commit(st))
        goto fail_store;
    double t1 = now_s();
    printf("audit append, one transaction: %lld entries in %.2f s "
           "(%.0f entries/s)\n", (long long)n, t1 - t0, (double)n / (t1 - t0));

    struct audit_verify_report rep;
    struct audit_verify_opts vo = {.chain_only = 0};
    t0 = now_s();
    double c0 = cpu_s();
    if (audit_verify(st, &vo, &rep, &err))
        goto fail;
    double c1 = cpu_s();
    t1 = now_s();
    printf("audit verify: %lld entries in %.2f s (%.0f entries/s; %.2f s "
           "of CPU, %.0f entries per CPU second)%s\n",
           (long long)rep.entries, t1 - t0, (double)rep.entries / (t1 - t0),
           c1 - c0, (double)rep.entries / (c1 - c0),
           rep.ok ? "" : "  [NOT OK]");
    audit_verify_report_free(&rep);

    /* One append per action transaction on the full log; the commit's
     * fsync belongs to the action, not to the audit. */
    enum { K = 1000 };
    double *lat = xcalloc(K, sizeof *lat);
    for (int k = 0; k < K; k++) {
        fill(&e, n + k, plate, sizeof plate, results, sizeof results,
             detail, sizeof detail);
        if (store_begin(st))
            goto fail_store;
        double a = now_s();
        if (audit_append(st, &e, &id, &err))
            goto fail;
        lat[k] = now_s() - a;
        if (store_commit(st))
            goto fail_store;
    }
    qsort(lat, K, sizeof *lat, cmp_d);
    printf("audit append in an action transaction (log of %lld): p50 %.1f "
           "us, p99 %.1f us, max %.1f us\n", (long long)n, lat[K / 2] * 1e6,
           lat[K * 99 / 100] * 1e6, lat[K - 1] * 1e6);
    free(lat);
    rc = 0;
    goto out;
fail_store:
    err = *store_err(st);
fail:
    fprintf(stderr, "bench_audit: %s\n", err.msg);
out:
    store_close(st);
    unlink(path);
    char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
    unlink(wal);
    unlink(shm);
    rmdir(dir);
    free(wal);
    free(shm);
    free(path);
    return rc;
}
