/*
 * cmd_import_export.c - "import reads FILE" and "export reads FILE": the
 * reads CSV of DESIGN.md.  Import is all or nothing; export guards text
 * cells against formula injection.
 */
#include <jansson.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/cli_gen.h"
#include "core/store/store_reads.h"
#include "core/world/gen.h"
#include "core/world/readcsv.h"

static const struct opt_spec no_opts[] = {{NULL, 0, NULL, NULL}};

static int one_file(const struct opts *o, const char *cmd, const char **f)
{
    if (o->npos != 1)
        return cli_fail(LP_USAGE, "%s: give exactly one FILE (- for %s)",
                        cmd, strcmp(cmd, "import reads") ? "stdout"
                                                         : "stdin");
    *f = o->pos[0];
    return 0;
}

static int run_import(struct cli *c, const struct opts *o)
{
    const char *file = NULL;
    struct lp_err err = {0};
    int64_t n = 0;
    int rc = one_file(o, "import reads", &file);
    if (rc || (rc = cli_open_store(c, 0)))
        return rc;
    if (gen_store_unfinished(c->st) == 1)
        return cli_fail(LP_FAIL, "%s holds an unfinished generation: finish "
                        "it first with 'lprsim generate --resume'",
                        c->db_path);
    if (readcsv_import(c->st, file, c->now, &n, &err))
        return cli_fail(err.status ? err.status : LP_FAIL,
                        "%s (nothing imported)", err.msg);
    int64_t total = store_reads_count(c->st);
    int64_t hits = cli_gen_scan_hits(c);
    if (hits < 0)
        return LP_FAIL;
    if (c->json)
        cli_json_print(json_pack("{s:I,s:I,s:I}", "imported", (json_int_t)n,
                                 "reads", (json_int_t)total, "hits",
                                 (json_int_t)hits));
    else
        printf("imported %lld reads from %s: %s now holds %lld reads; %lld "
               "new hotlist hits\n", (long long)n, file, c->db_path,
               (long long)total, (long long)hits);
    return 0;
}

const struct cli_cmd cmd_import_reads = {
    "import", "reads", "FILE", "import reads from a CSV file", no_opts,
    run_import,
    "Columns: plate,state,observed_at,camera_id,lat,lon,make,model,\n"
    "confidence,source,image_ref (a header row first).  Every cell is\n"
    "checked; on any error nothing is imported and the error names\n"
    "file:line:column.  Imported reads carry no ground truth.",
    .group = ACT_GROUP_WORLD,
};

static int run_export(struct cli *c, const struct opts *o)
{
    const char *file = NULL;
    struct lp_err err = {0};
    int64_t n = 0;
    int rc = one_file(o, "export reads", &file);
    if (rc || (rc = cli_open_store_ro(c)))
        return rc;
    int to_stdout = strcmp(file, "-") == 0;
    char *tmp = to_stdout ? NULL : xasprintf("%s.tmp%ld", file,
                                             (long)getpid());
    FILE *out = to_stdout ? stdout : cli_user_fopen(tmp, "wb");
    if (!out) {
        rc = cli_fail(LP_FAIL, "%s: cannot write: %s", file, strerror(errno));
        free(tmp);
        return rc;
    }
    rc = readcsv_export(c->st, out, file, &n, &err);
    if (!to_stdout) {
        if (fclose(out) && !rc)
            rc = lp_errf(&err, LP_FAIL, "%s: cannot write: %s", file,
                         strerror(errno));
        if (!rc && rename(tmp, file))
            rc = lp_errf(&err, LP_FAIL, "%s: cannot write: %s", file,
                         strerror(errno));
        if (rc)
            remove(tmp);
    }
    free(tmp);
    if (rc)
        return cli_fail_err(&err);
    if (!to_stdout) {
        if (c->json)
            cli_json_print(json_pack("{s:I,s:s}", "exported", (json_int_t)n,
                                     "file", file));
        else
            printf("exported %lld reads to %s\n", (long long)n, file);
    }
    return 0;
}

const struct cli_cmd cmd_export_reads = {
    "export", "reads", "FILE", "export the reads as CSV (- for stdout)",
    no_opts, run_export,
    "Text cells that start with = + - @ TAB or CR get a leading ' so that\n"
    "spreadsheets do not run them as formulas; numbers stay numeric.",
    .group = ACT_GROUP_WORLD,
};
