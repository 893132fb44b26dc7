/*
 * cmd_roster.c - "roster add", "list", "import" and "export": the people
 * who may act, one by one or as a CSV file.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "core/store/store_people.h"
#include "core/world/roster.h"

static const struct opt_spec add_opts[] = {
    {"id", OPT_ARG, "ID", "personnel id (letters, digits, . _ -)"},
    {"name", OPT_ARG, "NAME", "full name"},
    {"role", OPT_ARG, "ROLE", "trainee (default) or instructor"},
    {NULL, 0, NULL, NULL},
};

static int run_add(struct cli *c, const struct opts *o)
{
    struct lp_err err = {0};
    if (!opts_has(o, "id") || !opts_has(o, "name"))
        return cli_fail(LP_USAGE, "roster add: --id and --name are required");
    int rc = cli_open_store(c, 0);
    if (rc)
        return rc;
    if (roster_add(c->st, opts_get(o, "id"), opts_get(o, "name"),
                   opts_get(o, "role"), c->now, &err))
        return cli_fail_err(&err);
    if (c->json)
        cli_json_print(json_pack("{s:s}", "added", opts_get(o, "id")));
    else
        printf("added %s (%s)\n", opts_get(o, "id"),
               opts_get(o, "role") ? opts_get(o, "role") : "trainee");
    return 0;
}

const struct cli_cmd cmd_roster_add = {
    "roster", "add", NULL, "add a person to the roster", add_opts, run_add,
    "init adds nobody: every person who acts must be added first.",
    .group = ACT_GROUP_WORLD,
};

static int list_one(void *arg, const struct lp_person *p)
{
    json_t *arr = arg;
    if (arr) {
        json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:b}", "id", p->id,
                                             "name", p->name, "role", p->role,
                                             "trained", p->trained));
    } else {
        printf("%-16s %-11s %s%s\n", p->id, p->role, p->name,
               p->trained ? "" : "  (untrained)");
    }
    return 0;
}

static int run_list(struct cli *c, const struct opts *o)
{
    (void)o;
    int rc = cli_open_store_ro(c);
    if (rc)
        return rc;
    json_t *arr = c->json ? json_array() : NULL;
    if (store_people_each(c->st, list_one, arr)) {
        json_decref(arr);
        return cli_fail_err(store_err(c->st));
    }
    if (arr) {
        cli_json_print(arr);
    }
    return 0;
}

static const struct opt_spec no_opts[] = {{NULL, 0, NULL, NULL}};

const struct cli_cmd cmd_roster_list = {
    "roster", "list", NULL, "list the people on the roster", no_opts,
    run_list, NULL,
    .group = ACT_GROUP_WORLD,
};

static int run_import(struct cli *c, const struct opts *o)
{
    struct lp_err err = {0};
    struct roster_import_result r;
    if (o->npos != 1)
        return cli_fail(LP_USAGE, "roster import: give exactly one FILE (- "
                        "for stdin)");
    int rc = cli_open_store(c, 0);
    if (rc)
        return rc;
    if (roster_import(c->st, o->pos[0], c->now, &r, &err))
        return cli_fail(err.status ? err.status : LP_FAIL,
                        "%s (nothing imported)", err.msg);
    if (c->json)
        printf("{\"rows\":%lld,\"added\":%lld,\"updated\":%lld,"
               "\"unchanged\":%lld}\n", (long long)r.rows,
               (long long)r.added, (long long)r.updated,
               (long long)r.unchanged);
    else
        printf("roster: %lld rows: %lld added, %lld updated, %lld "
               "unchanged\n", (long long)r.rows, (long long)r.added,
               (long long)r.updated, (long long)r.unchanged);
    return 0;
}

const struct cli_cmd cmd_roster_import = {
    "roster", "import", "FILE", "add or update people from a CSV file",
    no_opts, run_import,
    "Columns: id,name,login,role,unit,email (the header row is required;\n"
    "UTF-8, with or without a byte order mark).  login, unit and email may\n"
    "be empty; an empty role is trainee.  A known id is updated, a new one\n"
    "added: importing the same file twice changes nothing.  Every cell is\n"
    "checked first; on any error nothing is imported and the error names\n"
    "file:line:column.",
    .group = ACT_GROUP_WORLD,
};

static int run_export(struct cli *c, const struct opts *o)
{
    struct lp_err err = {0};
    int64_t n = 0;
    if (o->npos > 1)
        return cli_fail(LP_USAGE, "roster export: give at most one FILE");
    const char *file = o->npos ? o->pos[0] : "-";
    int rc = cli_open_store(c, 0);
    if (rc)
        return rc;
    int to_stdout = strcmp(file, "-") == 0;
    char *tmp = to_stdout ? NULL : xasprintf("%s.tmp%ld", file,
                                             (long)getpid());
    FILE *out = to_stdout ? stdout : fopen(tmp, "wb");
    if (!out) {
        rc = cli_fail(LP_FAIL, "%s: cannot write: %s", file, strerror(errno));
        free(tmp);
        return rc;
    }
    rc = roster_export(c->st, out, file, &n, &err);
    if (!to_stdout) {
        if (fclose(out) && !rc)
            rc = lp_errf(&err, LP_FAIL, "%s: cannot write: %s", file,
                         strerror(errno));
        if (!rc && rename(tmp, file))
            rc = lp_errf(&err, LP_FAIL, "%s: cannot write: %s", file,
                         strerror(errno));
        if (rc)
            remove(tmp);
    } else if (fflush(stdout) && !rc) {
        rc = lp_errf(&err, LP_FAIL, "<stdout>: cannot write: %s",
                     strerror(errno));
    }
    free(tmp);
    if (rc)
        return cli_fail_err(&err);
    if (!to_stdout)
        printf(c->json ? "{\"exported\":%lld}\n" : "exported %lld people\n",
               (long long)n);
    return 0;
}

const struct cli_cmd cmd_roster_export = {
    "roster", "export", "[FILE]", "write the roster as CSV (default stdout)",
    no_opts, run_export,
    "The columns of 'roster import'.  Text cells that start with = + - @\n"
    "TAB or CR get a leading ' so that spreadsheets do not run them as\n"
    "formulas; import takes that ' away again.",
    .group = ACT_GROUP_WORLD,
};
