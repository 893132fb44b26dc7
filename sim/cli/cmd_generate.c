/*
 * cmd_generate.c - "generate": adds a batch of reads to the world of the
 * database, writes reads as CSV without touching it (--csv), or finishes
 * an interrupted generation (--resume).
 */
#include <jansson.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli_gen.h"
#include "cli/commands.h"
#include "core/store/store_reads.h"
#include "core/store/store_world.h"
#include "core/world/readcsv.h"

static const struct opt_spec gen_opts[] = {
    {"reads", OPT_ARG, "N", "reads to add or write (default 100000)"},
    {"days", OPT_ARG, "N", "spread over N days up to now (default: the "
                           "world's)"},
    {"seed", OPT_ARG, "N", "seed of these reads (default: the world seed "
                           "plus the batches so far)"},
    {"vehicles", OPT_ARG, "N", "with --csv and no database: vehicles"},
    CLI_GEN_FAULT_OPTS,
    {"csv", OPT_ARG, "FILE", "write the reads as CSV to FILE (- for "
                             "stdout); the database is not changed"},
    {"resume", OPT_FLAG, NULL, "finish an interrupted init or generate"},
    {NULL, 0, NULL, NULL},
};

struct csv_sink {
    FILE *out;
    struct cli *c;
};

static void csv_progress(void *arg, int64_t done, int64_t total)
{
    struct csv_sink *s = arg;
    cli_gen_progress(s->c, done, total);
}

static int csv_read(void *arg, const struct lp_read *r)
{
    struct csv_sink *s = arg;
    return readcsv_write(s->out, r) ? -LP_FAIL : 0;
}

static int run_resume(struct cli *c, const struct opts *o)
{
    static const char *const other[] = {"reads", "days", "seed", "vehicles",
                                        "csv", "fault-ocr", "fault-partial",
                                        "fault-state", "fault-dup"};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        if (opts_has(o, other[i]))
            return cli_fail(LP_USAGE, "generate --resume takes the saved "
                            "settings: drop --%s", other[i]);
    struct lp_err err = {0};
    struct dataset *ds = NULL;
    struct gen_params p;
    int rc = cli_open_store(c, 0);
    if (rc)
        return rc;
    if (dataset_load_default(&ds, &err))
        return cli_fail_err(&err);
    rc = gen_store_resume(c->st, ds, 0, cli_gen_progress, c, &p, &err);
    cli_gen_progress_end(c);
    dataset_free(ds);
    if (rc < 0)
        return cli_fail_err(&err);
    /* 'init' stopped before it saved the world leaves a database with the
     * schema and nothing else: there is nothing to resume from */
    if (rc == 0 && store_has_world(c->st) == 0)
        return cli_fail(LP_FAIL, "%s holds no world: 'lprsim init' was "
                        "stopped before it saved one; run 'lprsim init' "
                        "again (with the same options) to make it",
                        c->db_path);
    int64_t n = store_reads_count(c->st);
    if (c->json)
        cli_json_print(json_pack("{s:b,s:I}", "resumed", rc != 0, "reads",
                                 (json_int_t)n));
    else if (rc)
        printf("finished the interrupted generation: %s now holds %lld "
               "reads\n", c->db_path, (long long)n);
    else
        printf("nothing to resume: %s holds %lld reads, all generated\n",
               c->db_path, (long long)n);
    return 0;
}

/* Writes the reads of p as CSV to path, through a temporary file so that
 * nothing half-written is left behind. */
static int write_csv(struct cli *c, struct gen_world *w,
                     const struct gen_params *p, const char *path)
{
    struct lp_err err = {0};
    int to_stdout = strcmp(path, "-") == 0;
    char *tmp = to_stdout ? NULL : xasprintf("%s.tmp%ld", path,
                                             (long)getpid());
    FILE *out = to_stdout ? stdout : cli_user_fopen(tmp, "wb");
    int rc = 0;
    if (!out) {
        rc = cli_fail(LP_FAIL, "%s: cannot write: %s", path, strerror(errno));
        free(tmp);
        return rc;
    }
    struct csv_sink cs = {out, c};
    struct gen_sink sink = {csv_read, NULL, csv_progress, &cs};
    errno = 0;
    if (readcsv_write_header(out) ||
        gen_run(w, p, 0, 0, &sink, &err) || fflush(out)) {
        rc = cli_fail(LP_FAIL, "%s: cannot write: %s", path,
                      errno ? strerror(errno) : "write error");
    }
    cli_gen_progress_end(c);
    if (!to_stdout) {
        if (fclose(out) && !rc)
            rc = cli_fail(LP_FAIL, "%s: cannot write: %s", path,
                          strerror(errno));
        if (!rc && rename(tmp, path))
            rc = cli_fail(LP_FAIL, "%s: cannot write: %s", path,
                          strerror(errno));
        if (rc)
            remove(tmp);
    }
    free(tmp);
    return rc;
}

static int run_generate(struct cli *c, const struct opts *o)
{
    struct gen_params p;
    struct dataset *ds = NULL;
    struct gen_world *w = NULL;
    struct lp_err err = {0};
    const char *csv = opts_get(o, "csv");
    int rc = 0;
    struct stat sb;
    if (o->npos)
        return cli_fail(LP_USAGE, "generate: unexpected argument '%s'",
                        o->pos[0]);
    if (opts_has(o, "resume"))
        return run_resume(c, o);
    int have_db = stat(c->db_path, &sb) == 0;
    if (!csv && opts_has(o, "vehicles"))
        return cli_fail(LP_USAGE, "generate: --vehicles only goes with --csv "
                        "and no database (the world's vehicles are fixed)");
    if (csv && !have_db) {
        /* A world of its own, made as init would. */
        gen_params_default(&p);
        p.reads = 100000;
        if ((rc = cli_gen_options(o, &p)) || (rc = cli_gen_now(c, &p.now)))
            return rc;
        p.read_seed = p.seed;
    } else {
        if ((rc = cli_open_store(c, 0)))
            return rc;
        if (gen_store_unfinished(c->st) == 1)
            return cli_fail(LP_FAIL, "%s holds an unfinished generation: "
                            "finish it first with 'lprsim generate --resume'",
                            c->db_path);
        if (gen_store_world_params(c->st, &p, &err))
            return cli_fail_err(&err);
        int64_t batches = 0;
        if (store_meta_get_i64(c->st, "gen_batches", 0, &batches))
            return cli_fail_err(store_err(c->st));
        p.read_seed = p.seed + (uint64_t)batches;
        p.reads = 100000;
        p.now = c->now;
        uint64_t world_seed = p.seed;
        int64_t veh = p.vehicles;
        if ((rc = cli_gen_options(o, &p)))
            return rc;
        if (opts_has(o, "seed"))
            p.read_seed = p.seed;
        p.seed = world_seed;
        p.vehicles = veh;
    }
    if (gen_params_check(&p, &err))
        return cli_fail_err(&err);
    if (dataset_load_default(&ds, &err) || gen_world_new(ds, &p, &w, &err)) {
        rc = cli_fail_err(&err);
        goto out;
    }
    if (c->st) {
        char *dig = store_meta_get(c->st, "world_digest");
        char mine[32];
        snprintf(mine, sizeof mine, "%016llx",
                 (unsigned long long)gen_world_digest(w));
        int same = dig && strcmp(dig, mine) == 0;
        free(dig);
        if (!same) {
            rc = cli_fail(LP_FAIL, "%s: the datasets changed since this "
                          "world was made (or its settings are damaged): "
                          "start over with 'lprsim init --force'",
                          c->db_path);
            goto out;
        }
    }
    if (csv) {
        rc = write_csv(c, w, &p, csv);
        if (!rc && strcmp(csv, "-") != 0) {
            if (c->json)
                cli_json_print(json_pack("{s:I,s:I}", "written",
                                         (json_int_t)p.reads, "seed",
                                         (json_int_t)p.read_seed));
            else
                printf("wrote %lld reads (seed %llu) to %s\n",
                       (long long)p.reads, (unsigned long long)p.read_seed,
                       csv);
        }
        goto out;
    }
    int64_t before = store_reads_count(c->st);
    if (gen_store_reads(c->st, w, &p, 0, cli_gen_progress, c, &err)) {
        cli_gen_progress_end(c);
        rc = cli_fail_err(&err);
        goto out;
    }
    cli_gen_progress_end(c);
    int64_t after = store_reads_count(c->st);
    int64_t hits = cli_gen_scan_hits(c);
    if (hits < 0) {
        rc = LP_FAIL;
        goto out;
    }
    if (c->json)
        cli_json_print(json_pack("{s:I,s:I,s:I,s:I,s:I}", "added",
                                 (json_int_t)(after - before), "reads",
                                 (json_int_t)after, "seed",
                                 (json_int_t)p.read_seed, "days",
                                 (json_int_t)p.days, "hits",
                                 (json_int_t)hits));
    else
        printf("added %lld reads (seed %llu, over %lld days) to %s: it now "
               "holds %lld reads; %lld new hotlist hits\n",
               (long long)(after - before), (unsigned long long)p.read_seed,
               (long long)p.days, c->db_path, (long long)after,
               (long long)hits);
out:
    gen_world_free(w);
    dataset_free(ds);
    return rc;
}

const struct cli_cmd cmd_generate = {
    "generate", NULL, NULL, "add reads to a database, or write them as CSV",
    gen_opts, run_generate,
    "Without --csv, adds a batch of reads to the database's world (its\n"
    "vehicles and cameras), committed in chunks: if it is interrupted,\n"
    "'lprsim generate --resume' finishes it with the same result.\n"
    "With --csv, writes the reads as CSV and leaves the database alone; with\n"
    "no database it makes a world as 'init' would (--seed, --vehicles).\n"
    "'generate --csv - --seed S' with init's options gives init's reads.",
    .group = ACT_GROUP_WORLD,
};
