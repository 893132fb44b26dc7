/*
 * cmd_init.c - "init": creates a database and generates a world in it
 * (places, cameras, statutes, vehicles, reads), with the sandbox clock set
 * to --now or today 00:00Z.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli_gen.h"
#include "cli/commands.h"
#include "core/store/store_reads.h"
#include "core/store/store_world.h"
#include "util/lptime.h"

const struct opt_spec cli_init_opts[] = {
    {"seed", OPT_ARG, "N", "world seed (default 1)"},
    {"vehicles", OPT_ARG, "N", "vehicles (default 2000)"},
    {"days", OPT_ARG, "N", "reads spread over N days up to now (default "
                           "1095)"},
    {"reads", OPT_ARG, "N", "reads to generate (default 300000)"},
    CLI_GEN_FAULT_OPTS,
    {"force", OPT_FLAG, NULL, "replace an existing database (everything in "
                              "it is lost)"},
    {NULL, 0, NULL, NULL},
};

/* Removes the database and its WAL files (only after store_open said it
 * is an lprsim database). */
static int remove_db(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 4; i++) {
        char *p = xasprintf("%s%s", path, suffix[i]);
        int rc = unlink(p);
        int e = errno;
        free(p);
        if (rc && e != ENOENT)
            return cli_fail(LP_FAIL, "%s: cannot remove: %s", path,
                            strerror(e));
    }
    return 0;
}

/* Checks an existing database: refuses to overwrite a world unless
 * --force; with --force removes it.  Returns 0 to go on. */
static int check_existing(struct cli *c, int force)
{
    struct stat sb;
    struct lp_err err = {0};
    if (stat(c->db_path, &sb) != 0)
        return 0;
    struct store *st = store_open(c->db_path, 0, &err);
    if (!st)
        return cli_fail(err.status ? err.status : LP_FAIL, "%s; not touching "
                        "it", err.msg);
    int unfinished = gen_store_unfinished(st);
    int world = store_has_world(st);
    int64_t nreads = store_reads_count(st);
    store_close(st);
    if (unfinished < 0 || world < 0)
        return cli_fail(LP_FAIL, "%s: cannot read it", c->db_path);
    if (!world && !unfinished)
        return 0;
    if (!force) {
        if (unfinished)
            return cli_fail(LP_FAIL, "%s holds an unfinished world (%lld "
                            "reads so far): finish it with 'lprsim generate "
                            "--resume', or start over with 'lprsim init "
                            "--force'", c->db_path, (long long)nreads);
        return cli_fail(LP_FAIL, "%s already holds a world (%lld reads): use "
                        "--force to replace it (everything in it is lost), "
                        "or --db PATH for another database", c->db_path,
                        (long long)nreads);
    }
    return remove_db(c->db_path);
}

static void print_summary(const struct cli *c, const struct dataset *ds,
                          const struct gen_params *p)
{
    size_t sens = 0, mobile = 0;
    for (size_t i = 0; i < ds->n_places; i++)
        sens += ds->places[i].sensitive;
    for (size_t i = 0; i < ds->n_cameras; i++)
        mobile += ds->cameras[i].mobile;
    char now[32], from[32];
    lptime_format(p->now, now, sizeof now);
    lptime_format(p->now - p->days * LPTIME_DAY, from, sizeof from);
    if (c->json) {
        json_t *o = json_pack(
            "{s:s,s:I,s:I,s:I,s:I,s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:s,"
            "s:{s:f,s:f,s:f,s:f}}",
            "db", c->db_path, "seed", (json_int_t)p->seed,
            "vehicles", (json_int_t)p->vehicles, "days", (json_int_t)p->days,
            "reads", (json_int_t)p->reads, "from", from, "now", now,
            "places", (json_int_t)ds->n_places,
            "sensitive_places", (json_int_t)sens,
            "cameras", (json_int_t)ds->n_cameras,
            "mobile_cameras", (json_int_t)mobile,
            "statutes", (json_int_t)ds->n_statutes,
            "policy_profile", "ice-2017",
            "faults", "ocr", p->fault_ocr, "partial", p->fault_partial,
            "state", p->fault_state, "dup", p->fault_dup);
        cli_json_print(o);
        return;
    }
    printf("created a world in %s\n"
           "  seed %llu: %lld vehicles, %zu places (%zu sensitive), "
           "%zu cameras (%zu mobile), %zu statutes\n"
           "  %lld reads from %s to %s (%lld days)\n"
           "  faults: OCR %g%%, partial %g%%, wrong state %g%%, "
           "duplicates %g%%\n"
           "  clock %s; policy profile ice-2017\n",
           c->db_path, (unsigned long long)p->seed, (long long)p->vehicles,
           ds->n_places, sens, ds->n_cameras, mobile, ds->n_statutes,
           (long long)p->reads, from, now, (long long)p->days,
           p->fault_ocr * 100, p->fault_partial * 100, p->fault_state * 100,
           p->fault_dup * 100, now);
}

static int run_init(struct cli *c, const struct opts *o)
{
    struct gen_params p;
    struct dataset *ds = NULL;
    struct gen_world *w = NULL;
    struct lp_err err = {0};
    int rc;
    if (o->npos)
        return cli_fail(LP_USAGE, "init: unexpected argument '%s'",
                        o->pos[0]);
    gen_params_default(&p);
    if ((rc = cli_gen_options(o, &p)) || (rc = cli_gen_now(c, &p.now)))
        return rc;
    p.read_seed = p.seed;
    if (gen_params_check(&p, &err))
        return cli_fail_err(&err);
    /* Datasets and world first: a bad dataset leaves no database. */
    if (dataset_load_default(&ds, &err) || gen_world_new(ds, &p, &w, &err)) {
        rc = cli_fail_err(&err);
        goto out;
    }
    if ((rc = check_existing(c, opts_has(o, "force"))))
        goto out;
    if ((rc = cli_open_store(c, 1)))
        goto out;
    if (gen_store_world(c->st, ds, w, &p, &err) ||
        gen_store_reads(c->st, w, &p, 0, cli_gen_progress, c, &err)) {
        cli_gen_progress_end(c);
        rc = cli_fail_err(&err);
        goto out;
    }
    cli_gen_progress_end(c);
    print_summary(c, ds, &p);
out:
    gen_world_free(w);
    dataset_free(ds);
    return rc;
}

const struct cli_cmd cmd_init = {
    "init", NULL, NULL, "create a database and generate a world", cli_init_opts,
    run_init,
    "The world: places and sensitive locations, fixed and mobile cameras\n"
    "(agency, partner, commercial), statutes, vehicles with routines, and\n"
    "reads with faults.  The same seed and options give the same reads.\n"
    "The clock is set to --now, else today 00:00Z.  A database that\n"
    "already holds a world is refused unless --force.  If init is\n"
    "interrupted, 'lprsim generate --resume' finishes it.",
    .group = ACT_GROUP_WORLD,
};
