/*
 * cmd_actions.c - the policy-checked actions on the command line: "query",
 * "case add", "hotlist add" ... go straight to the core's action table
 * (core/action/action.h), so the CLI, action files, the terminal application and
 * the scenario API parse the same words the same way.  Global options may
 * stand before or after the action's own.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/audit/audit.h"
#include "core/action/action.h"
#include "util/paths.h"

static const struct opt_spec *find_spec(const struct opt_spec *spec,
                                        const char *name, size_t len)
{
    for (; spec && spec->name; spec++)
        if (strlen(spec->name) == len && strncmp(spec->name, name, len) == 0)
            return spec;
    return NULL;
}

void cli_action_as_cmd(const struct action_info *in, struct cli_cmd *cmd)
{
    memset(cmd, 0, sizeof *cmd);
    cmd->name = in->name;
    cmd->sub = in->sub;
    cmd->args = in->args;
    cmd->summary = in->summary;
    cmd->opts = in->opts;
    cmd->details = in->details;
    cmd->group = in->group;
}

int cli_action_help(int argc, char **argv)
{
    struct action_info in;
    int used;
    if (action_info_find(argc, argv, &in, &used))
        return -1;
    struct cli_cmd cmd;
    cli_action_as_cmd(&in, &cmd);
    cli_print_cmd_help(&cmd);
    return 0;
}

/* Prints the result of an action; returns the exit status. */
static int report(struct cli *c, const struct action_result *res)
{
    if (res->doc) {
        if (c->json) {
            cli_json_print(json_incref(res->doc));
        } else {
            fputs(res->text.buf ? res->text.buf : "", stdout);
        }
        fflush(stdout);
    }
    if (res->status)
        return cli_fail_err(&res->err);
    return 0;
}

/* After an action (committed or refused: both are audited), signs a
 * checkpoint when the audit key is known and at least N entries are not
 * yet covered: on a training host site.conf's audit_key and
 * checkpoint_every (0: never), else LPRSIM_AUDIT_KEY and
 * LPRSIM_AUDIT_EVERY (default 100).  A failure is a warning: the action
 * stands. */
static void auto_checkpoint(struct cli *c)
{
    const char *key = site_audit_key();
    const char *ev = site_mode() == SITE_HOST ? NULL
                                              : getenv("LPRSIM_AUDIT_EVERY");
    int64_t every = site_mode() == SITE_HOST ? site_checkpoint_every() : 100;
    struct lp_err err = {0};
    if (!key || !*key || !c->st || every <= 0)
        return;
    if (ev && *ev && lp_parse_i64(ev, 1, INT64_MAX, &every)) {
        fprintf(stderr, "lprsim: warning: LPRSIM_AUDIT_EVERY '%s' is not a "
                "positive number: no audit checkpoint signed\n", ev);
        return;
    }
    if (audit_autocheckpoint(c->st, key, every, c->now, NULL, &err))
        fprintf(stderr, "lprsim: warning: no audit checkpoint signed: %s\n",
                err.msg);
}

int cli_run_action(struct cli *c, int argc, char **argv)
{
    struct action_info in;
    int used;
    if (action_info_find(argc, argv, &in, &used))
        return -1;
    /* Split the global options out of the action's words. */
    char **words = xcalloc((size_t)argc + 1, sizeof *words);
    char **globals = xcalloc((size_t)argc + 1, sizeof *globals);
    int nw = 0, ng = 0, only_pos = 0, rc;
    for (int k = 0; k < used; k++)
        words[nw++] = argv[k];
    for (int k = used; k < argc; k++) {
        const char *a = argv[k];
        if (!only_pos && strcmp(a, "-h") == 0) {
            globals[ng++] = argv[k];    /* opts_parse reads it as --help */
            continue;
        }
        if (only_pos || a[0] != '-' || a[1] != '-') {
            words[nw++] = argv[k];
            continue;
        }
        if (a[2] == '\0') {
            only_pos = 1;
            words[nw++] = argv[k];
            continue;
        }
        const char *name = a + 2, *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const struct opt_spec *as = find_spec(in.opts, name, len);
        const struct opt_spec *gs = as ? NULL
                                       : find_spec(cli_global_opts, name, len);
        char **dst = gs ? globals : words;
        int *dn = gs ? &ng : &nw;
        const struct opt_spec *s = gs ? gs : as;
        dst[(*dn)++] = argv[k];
        if (s && s->kind != OPT_FLAG && !eq && k + 1 < argc)
            dst[(*dn)++] = argv[++k];
    }
    struct opts o;
    struct lp_err err = {0};
    if (opts_parse(cli_global_opts, NULL, ng, globals, &o, &err)) {
        rc = cli_fail_err(&err);
        goto out;
    }
    if (opts_has(&o, "help")) {
        struct cli_cmd cmd;
        cli_action_as_cmd(&in, &cmd);
        cli_print_cmd_help(&cmd);
        rc = 0;
        goto out;
    }
    cli_apply_globals(c, &o);
    if ((rc = cli_open_store(c, 0)))
        goto out;
    struct lp_ctx ctx = {
        .st = c->st, .now = c->now, .user = c->user, .root = paths_root(),
        .profile = c->policy,
    };
    struct action_result res;
    action_result_init(&res);
    action_exec(&ctx, nw, words, &res);
    rc = report(c, &res);
    action_result_free(&res);
    ctx_release(&ctx);
    auto_checkpoint(c);
out:
    free(words);
    free(globals);
    return rc;
}
