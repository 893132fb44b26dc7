/*
 * fuzz_csv.c - libFuzzer target for the reads CSV import (libcsv in strict
 * mode, every cell checked, all rows or none): the input is written to a
 * file and imported into an in-memory world with two cameras.  A failed
 * import must leave the reads table as it was; a good one adds exactly the
 * rows it reports.
 *   make fuzz   (clang -fsanitize=fuzzer,address,undefined)
 *   tests/fuzz/replay.c runs it over the seeds without libFuzzer.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/store/store_reads.h"
#include "core/store/store_world.h"
#include "core/world/readcsv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_NOW 1772409600   /* 2026-03-02T00:00:00Z */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct store *st;
    static char path[64];
    struct lp_err err = {0};
    if (!st) {
        snprintf(path, sizeof path, "/tmp/lprsim-fuzz-csv-%ld.csv",
                 (long)getpid());
        st = store_open(":memory:", STORE_CREATE, &err);
        if (!st)
            __builtin_trap();
        static const char *const ids[] = {"cam-01", "cam-02"};
        for (size_t i = 0; i < 2; i++) {
            struct lp_camera c = {.id = ids[i], .name = ids[i],
                                  .owner = "agency", .source = "agency",
                                  .type = "fixed", .lat = 38.6,
                                  .lon = -97.4};
            if (store_camera_add(st, &c))
                __builtin_trap();
        }
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    int bad = fwrite(data, 1, size, f) != size;
    bad |= fclose(f) != 0;
    if (bad)
        return 0;
    int64_t before = store_reads_count(st), n = -1;
    int rc = readcsv_import(st, path, FUZZ_NOW, &n, &err);
    int64_t after = store_reads_count(st);
    if (rc != 0 && after != before)
        __builtin_trap();    /* half-imported */
    if (rc == 0 && after != before + n)
        __builtin_trap();    /* miscounted */
    if (rc != 0 && !err.msg[0])
        __builtin_trap();    /* a refusal names its place */
    unlink(path);
    return 0;
}
