/*
 * bench_gen.c - speed and memory of the world generator beside a bare
 * SQLite insert loop of LPR-like rows (one prepared statement, one
 * transaction, the (plate, time) index built after loading).  Each
 * measurement runs in its own child process so that its peak memory
 * (ru_maxrss from wait4) is its own.  Prints figures; never fails on time.
 *
 * usage: bench_gen DIR N...   (DIR for the database files, N reads each;
 * BENCH_REPEAT runs of each, best time kept, default 2)
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/world/dataset.h"
#include "core/store/model.h"
#include "core/store/store.h"
#include "core/world/gen.h"
#include "util/rng.h"

#define NOW 1772409600   /* 2026-03-02 */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void rm_db(const char *path)
{
    char buf[1100];
    const char *suf[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(buf, sizeof buf, "%s%s", path, suf[i]);
        unlink(buf);
    }
}

static long long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* The reads table exactly as the store creates it. */
static const char bare_schema[] =
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
    "CREATE TABLE reads("
    " id INTEGER PRIMARY KEY, plate TEXT NOT NULL, state TEXT NOT NULL,"
    " observed_at INTEGER NOT NULL, camera_id TEXT NOT NULL,"
    " lat REAL NOT NULL, lon REAL NOT NULL, make TEXT, model TEXT,"
    " confidence REAL NOT NULL, source TEXT NOT NULL, image_ref TEXT,"
    " vehicle_id INTEGER, fault INTEGER NOT NULL DEFAULT 0,"
    " on_device INTEGER NOT NULL DEFAULT 1,"
    " evidence_hold INTEGER NOT NULL DEFAULT 0);";

/* The bare loop: precomputed LPR-like rows, nothing simulated. */
static int bare(const char *path, long long n)
{
    sqlite3 *db;
    sqlite3_stmt *s;
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db, bare_schema, NULL, NULL, NULL) != SQLITE_OK)
        return 1;
    enum { NP = 2000, NC = 40 };
    static char plates[NP][8], cams[NC][8], imgs[NC][32];
    static const char *const makes[] = {"Ford", "Toyota", "Chevrolet",
                                        "Honda"};
    static const char *const models[] = {"F-150", "RAV4", "Silverado",
                                         "Civic"};
    static const char *const sources[] = {"agency", "lea", "toll",
                                          "parking", "repossession"};
    struct rng r;
    rng_seed(&r, 1);
    for (int i = 0; i < NP; i++) {
        for (int k = 0; k < 7; k++)
            plates[i][k] = k < 3 ? (char)('A' + rng_below(&r, 26))
                                 : (char)('0' + rng_below(&r, 10));
        plates[i][7] = '\0';
    }
    for (int i = 0; i < NC; i++) {
        snprintf(cams[i], sizeof cams[i], "cam-%02d", i + 1);
        snprintf(imgs[i], sizeof imgs[i], "cam-%02d/20260302/1a2b3c4d.jpg",
                 i + 1);
    }
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO reads(plate,state,observed_at,"
                       "camera_id,lat,lon,make,model,confidence,source,"
                       "image_ref,vehicle_id,fault) "
                       "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &s, NULL);
    for (long long i = 0; i < n; i++) {
        uint64_t x = rng_u64(&r);
        int p = (int)(x % NP), c = (int)((x >> 16) % NC);
        sqlite3_bind_text(s, 1, plates[p], 7, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, "KS", 2, SQLITE_STATIC);
        sqlite3_bind_int64(s, 3, 1677000000 + i * 9);
        sqlite3_bind_text(s, 4, cams[c], -1, SQLITE_STATIC);
        sqlite3_bind_double(s, 5, 38.5 + (double)c / 1000);
        sqlite3_bind_double(s, 6, -97.4 - (double)c / 1000);
        sqlite3_bind_text(s, 7, makes[p & 3], -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 8, models[p & 3], -1, SQLITE_STATIC);
        sqlite3_bind_double(s, 9, 0.8 + (double)(x >> 60) / 100);
        sqlite3_bind_text(s, 10, sources[c % 5], -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 11, imgs[c], -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 12, p + 1);
        sqlite3_bind_int(s, 13, 0);
        if (sqlite3_step(s) != SQLITE_DONE)
            return 1;
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    if (sqlite3_exec(db, "COMMIT; CREATE INDEX reads_plate_time ON "
                     "reads(plate, observed_at)", NULL, NULL, NULL) !=
        SQLITE_OK)
        return 1;
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    sqlite3_close(db);
    return 0;
}

static void params_for(struct gen_params *p, long long n)
{
    gen_params_default(p);
    p->reads = n;
    p->now = NOW;
}

/* The generator into an lprsim store, as init does. */
static int gen_db(const char *path, long long n)
{
    struct lp_err err = {0};
    struct dataset *ds = NULL;
    struct gen_world *w = NULL;
    struct gen_params p;
    params_for(&p, n);
    struct store *st = store_open(path, STORE_CREATE, &err);
    if (!st || dataset_load_default(&ds, &err) ||
        gen_world_new(ds, &p, &w, &err) ||
        gen_store_world(st, ds, w, &p, &err) ||
        gen_store_reads(st, w, &p, 0, NULL, NULL, &err)) {
        fprintf(stderr, "bench: %s\n", err.msg);
        return 1;
    }
    gen_world_free(w);
    dataset_free(ds);
    store_close(st);
    /* Fold the WAL in so that the file size is the database's. */
    sqlite3 *db;
    sqlite3_open(path, &db);
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    sqlite3_close(db);
    return 0;
}

static int discard(void *arg, const struct lp_read *r)
{
    *(uint64_t *)arg += (uint64_t)r->observed_at;
    return 0;
}

/* The simulation alone: reads handed to a sink that drops them. */
static int gen_only(const char *path, long long n)
{
    (void)path;
    struct lp_err err = {0};
    struct dataset *ds = NULL;
    struct gen_world *w = NULL;
    struct gen_params p;
    uint64_t sum = 0;
    params_for(&p, n);
    struct gen_sink sink = {discard, NULL, NULL, &sum};
    if (dataset_load_default(&ds, &err) || gen_world_new(ds, &p, &w, &err) ||
        gen_run(w, &p, 0, 0, &sink, &err)) {
        fprintf(stderr, "bench: %s\n", err.msg);
        return 1;
    }
    gen_world_free(w);
    dataset_free(ds);
    return sum == 0;
}

struct result {
    double secs;
    long maxrss_kb;
    long long bytes;
};

/* Runs fn in a child; fills its time, peak memory and file size. */
static int measure_once(int (*fn)(const char *, long long), const char *path,
                   long long n, struct result *res)
{
    rm_db(path);
    double t0 = now_s();
    pid_t pid = fork();
    if (pid == 0)
        _exit(fn(path, n));
    int status;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &status, 0, &ru) != pid)
        return -1;
    res->secs = now_s() - t0;
    res->maxrss_kb = ru.ru_maxrss;
    res->bytes = file_size(path);
    rm_db(path);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int repeats = 2;

/* The best of `repeats` runs (disk timings are noisy on shared VMs). */
static int measure(int (*fn)(const char *, long long), const char *path,
                   long long n, struct result *res)
{
    for (int i = 0; i < repeats; i++) {
        struct result r;
        if (measure_once(fn, path, n, &r))
            return -1;
        if (i == 0 || r.secs < res->secs)
            res->secs = r.secs;
        if (i == 0 || r.maxrss_kb > res->maxrss_kb)
            res->maxrss_kb = r.maxrss_kb;
        res->bytes = r.bytes;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_gen DIR N...\n");
        return 2;
    }
    char path[1024];
    int64_t rep;
    const char *e = getenv("BENCH_REPEAT");
    if (e && !lp_parse_i64(e, 1, 10, &rep))
        repeats = (int)rep;
    snprintf(path, sizeof path, "%s/bench_gen.db", argv[1]);
    printf("best of %d runs each\n", repeats);
    printf("%-10s %-22s %10s %12s %9s %10s\n", "reads", "what", "seconds",
           "reads/s", "bytes/rd", "peak MB");
    for (int i = 2; i < argc; i++) {
        int64_t nn;
        if (lp_parse_i64(argv[i], 1, 1000000000, &nn)) {
            fprintf(stderr, "bench_gen: '%s' is not a read count\n",
                    argv[i]);
            return 2;
        }
        long long n = (long long)nn;
        struct result b, g, o;
        if (measure(bare, path, n, &b) || measure(gen_db, path, n, &g) ||
            measure(gen_only, path, n, &o)) {
            fprintf(stderr, "bench_gen: a run failed at %lld reads\n", n);
            return 1;
        }
        printf("%-10lld %-22s %10.2f %12.0f %9.1f %10.1f\n", n,
               "bare insert loop", b.secs, n / b.secs,
               (double)b.bytes / n, b.maxrss_kb / 1024.0);
        printf("%-10lld %-22s %10.2f %12.0f %9.1f %10.1f\n", n,
               "generator into store", g.secs, n / g.secs,
               (double)g.bytes / n, g.maxrss_kb / 1024.0);
        printf("%-10lld %-22s %10.2f %12.0f %9s %10.1f\n", n,
               "simulation alone", o.secs, n / o.secs, "-",
               o.maxrss_kb / 1024.0);
        printf("%-10lld ratio generator/bare = %.2f (goal >= 0.8); "
               "simulation = %.0f%% of the bare loop's time\n", n,
               b.secs / g.secs, 100.0 * o.secs / b.secs);
        fflush(stdout);
    }
    return 0;
}
