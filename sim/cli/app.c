/*
 * app.c - what "lprsim" with no command starts.  Until the terminal
 * application lands, it shows the state of the database and what to run.
 */
#include "cli/commands.h"

int cli_start_app(struct cli *c)
{
    int rc = cli_open_store(c, 0);
    if (rc)
        return rc;
    int64_t n = store_reads_count(c->st);
    printf("lprsim %s on %s: %lld reads\n"
           "Run 'lprsim --help' for the commands.\n",
           LPRSIM_VERSION, store_path(c->st), (long long)n);
    return 0;
}
