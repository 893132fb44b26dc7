/*
 * commands.c - every subcommand of the command-line contract, in the order
 * the overview lists them.
 */
#include "cli/commands.h"

const struct cli_cmd *const cli_commands[] = {
    &cmd_init,
    &cmd_generate,
    &cmd_roster_add,
    &cmd_roster_list,
    &cmd_import_reads,
    &cmd_export_reads,
};

const size_t cli_commands_n = sizeof cli_commands / sizeof cli_commands[0];
