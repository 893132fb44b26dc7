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
    &cmd_roster_import,
    &cmd_roster_export,
    &cmd_import_reads,
    &cmd_export_reads,
    &cmd_audit_list,
    &cmd_audit_verify,
    &cmd_audit_export,
    &cmd_audit_checkpoint,
    &cmd_audit_keygen,
    &cmd_cert_keygen,
    &cmd_cert_issue,
    &cmd_cert_verify,
    &cmd_cert_revoke,
    &cmd_cert_show,
    &cmd_cert_export,
    &cmd_cert_status,
    &cmd_cert_request,
    &cmd_cert_requests,
    &cmd_scenario_list,
    &cmd_scenario_check,
    &cmd_scenario_run,
    &cmd_scenario_resume,
    &cmd_scenario_replay,
    &cmd_scenario_transcript,
    &cmd_scenario_solution,
    &cmd_gate,
    &cmd_report_class,
    &cmd_report_rules,
    &cmd_report_due,
    &cmd_report_person,
    &cmd_report_xapi,
};

const size_t cli_commands_n = sizeof cli_commands / sizeof cli_commands[0];
