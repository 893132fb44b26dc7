/*
 * app.c - what "lprsim" with no command starts: the terminal application
 * when stdout is a terminal and --plain is off, else the plain line mode
 * (sim/cli/plain.c) with the same flows as numbered prompts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/plain.h"
#include "core/world/roster.h"
#include "tui/tui.h"
#include "util/paths.h"

int cli_start_app(struct cli *c)
{
    int rc = cli_open_store(c, 0);
    if (rc)
        return rc;
    /* On a training host there is no sign-in screen: the person is the
     * login's, and a login off the roster is told whom to ask. */
    if (site_mode() == SITE_HOST && !c->user) {
        struct lp_person p;
        struct lp_err err = {0};
        roster_require(c->st, NULL, &p, &err);
        return cli_fail_err(&err);
    }
    if (c->plain || !isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO))
        return plain_run(c);
    rc = tui_run(c->st, c->now, paths_root(), c->user);
    if (rc >= 0)
        return rc;
    fprintf(stderr, "lprsim: this terminal (TERM=%s) cannot be driven; "
            "using the plain mode\n", getenv("TERM") ? getenv("TERM") : "");
    return plain_run(c);
}
