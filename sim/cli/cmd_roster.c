/*
 * cmd_roster.c - "roster add" and "roster list": the people who may act.
 */
#include <jansson.h>
#include <string.h>

#include "cli/commands.h"
#include "core/store/store_people.h"
#include "core/world/roster.h"

static const struct opt_spec add_opts[] = {
    {"id", OPT_ARG, "ID", "personnel id (letters, digits, . _ -)"},
    {"name", OPT_ARG, "NAME", "full name"},
    {"role", OPT_ARG, "ROLE", "trainee (default) or instructor"},
    {"login", OPT_ARG, "LOGIN", "the Unix login of this person on a "
                                "training host"},
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
    if (roster_add_login(c->st, opts_get(o, "id"), opts_get(o, "name"),
                         opts_get(o, "role"), opts_get(o, "login"), c->now,
                         &err))
        return cli_fail_err(&err);
    if (c->json)
        cli_json_print(json_pack("{s:s}", "added", opts_get(o, "id")));
    else
        printf("added %s (%s%s%s)\n", opts_get(o, "id"),
               opts_get(o, "role") ? opts_get(o, "role") : "trainee",
               opts_has(o, "login") ? ", login " : "",
               opts_has(o, "login") ? opts_get(o, "login") : "");
    return 0;
}

const struct cli_cmd cmd_roster_add = {
    "roster", "add", NULL, "add a person to the roster", add_opts, run_add,
    "init adds nobody: every person who acts must be added first.  On a "
    "training host the person is the login: --login binds the Unix account "
    "that acts as this person (instructor role).",
    .group = ACT_GROUP_WORLD,
};

static int list_one(void *arg, const struct lp_person *p)
{
    json_t *arr = arg;
    if (arr) {
        json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:b,s:s?}", "id",
                                             p->id, "name", p->name, "role",
                                             p->role, "trained", p->trained,
                                             "login", p->login));
    } else {
        printf("%-16s %-11s %s%s%s%s\n", p->id, p->role, p->name,
               p->login ? "  login " : "", p->login ? p->login : "",
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
