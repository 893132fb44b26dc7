/*
 * commands.h - the table of subcommands (commands.c) and the entry to the
 * terminal application.
 */
#ifndef LPRSIM_COMMANDS_H
#define LPRSIM_COMMANDS_H

#include <stddef.h>

#include "cli/cli.h"

extern const struct cli_cmd *const cli_commands[];
extern const size_t cli_commands_n;

/* lprsim with no command: the terminal application (or plain mode). */
int cli_start_app(struct cli *c);
/* The plain line mode (plain.c): the application's flows as numbered
 * prompts on stdin/stdout, for screen readers and scripts. */
int plain_run(struct cli *c);

/* Each command file exports its descriptor. */
extern const struct cli_cmd cmd_roster_add, cmd_roster_list,
    cmd_roster_import, cmd_roster_export;
extern const struct cli_cmd cmd_init, cmd_generate;
extern const struct cli_cmd cmd_import_reads, cmd_export_reads;
extern const struct cli_cmd cmd_audit_list, cmd_audit_verify, cmd_audit_export,
    cmd_audit_checkpoint, cmd_audit_keygen;
extern const struct cli_cmd cmd_cert_keygen, cmd_cert_issue, cmd_cert_verify,
    cmd_cert_revoke, cmd_cert_show, cmd_cert_export, cmd_cert_status,
    cmd_cert_request, cmd_cert_requests;
extern const struct cli_cmd cmd_gate;
extern const struct cli_cmd cmd_report_class, cmd_report_rules,
    cmd_report_due, cmd_report_person, cmd_report_xapi;
extern const struct cli_cmd cmd_scenario_list, cmd_scenario_check,
    cmd_scenario_run, cmd_scenario_resume, cmd_scenario_replay,
    cmd_scenario_transcript, cmd_scenario_solution;

#endif
