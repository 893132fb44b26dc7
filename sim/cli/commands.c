/*
 * commands.c - every subcommand of the command-line contract, in the order
 * the overview lists them.
 */
#include "cli/commands.h"

const struct cli_cmd *const cli_commands[] = {
    &cmd_roster_add,
    &cmd_roster_list,
};

const size_t cli_commands_n = sizeof cli_commands / sizeof cli_commands[0];
