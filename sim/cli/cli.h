/*
 * cli.h - the command-line front end: global options, the command table,
 * and helpers every subcommand file uses to open the store and to report.
 * One file per command (cmd_*.c), each exporting one struct cli_cmd.
 */
#ifndef LPRSIM_CLI_H
#define LPRSIM_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "core/action/action.h"
#include "core/site/site.h"
#include "core/store/store.h"
#include "util/opts.h"
#include "util/util.h"

#define LPRSIM_VERSION "0.1.0"

/* What the global options and the environment say. */
struct cli {
    const char *db_path;   /* --db, LPRSIM_DB, or the XDG default */
    const char *user;      /* the acting person: --user, LPRSIM_USER; on a
                            * training host the roster id of the login */
    const char *login;     /* the login of the real user id */
    const char *user_src;  /* "--user" or "LPRSIM_USER" when one was given */
    const char *db_src;    /* "--db" or "LPRSIM_DB" when one was given */
    const char *now_src;   /* "--now" or "LPRSIM_NOW" when one was given */
    const char *now_text;  /* --now, LPRSIM_NOW */
    const char *policy;    /* --policy */
    int json;              /* --json */
    int plain;             /* --plain */
    int quiet;             /* --quiet: no progress lines */
    char *db_default;      /* owned storage for the default path */
    char *user_owned;      /* owned storage for a host's person id */
    const struct cli_cmd *cmd; /* the command running (NULL: an action or
                                * the application) */
    int guarded;           /* cli_host_guard passed */
    struct store *st;      /* opened by cli_open_store */
    int64_t now;           /* resolved by cli_open_store */
};

struct cli_cmd {
    const char *name;            /* "roster" */
    const char *sub;             /* "add", or NULL for a one-word command */
    const char *args;            /* positional arguments for the usage line */
    const char *summary;         /* one line for the overview */
    const struct opt_spec *opts; /* its options (NULL-terminated) */
    /* Runs with options already parsed; returns an exit status. */
    int (*run)(struct cli *c, const struct opts *o);
    const char *details;         /* more help text, may be NULL */
    enum action_group group;     /* its section of the overview */
};

/* The role a training host requires for a command (0: anyone on the
 * roster), from the one table in main.c.  Only in commands of the
 * instructor role or above may an instructor act for another person. */
enum site_role cli_cmd_role(const struct cli_cmd *cmd);

/* The global options, accepted before or after the command. */
extern const struct opt_spec cli_global_opts[];

/* On a training host, refuses what a trainee may not choose (--db,
 * --now, --policy, --user and their variables) and the command's role;
 * an instructor's --db gives up the site group for good (personal mode).
 * Returns 0, or prints the refusal and returns its status (3). */
int cli_host_guard(struct cli *c);

/* Opens the store at c->db_path (creating it when create is set) and
 * resolves the sandbox clock.  Returns 0 or prints the error and returns
 * its exit status. */
int cli_open_store(struct cli *c, int create);

/* The same, read-only (SQLITE_OPEN_READONLY): for commands that only
 * read (audit verify/list/export, export reads, cert show/export, roster
 * list); works on a read-only file.  A database of an older schema is
 * opened read-write once to migrate it, when it may be written. */
int cli_open_store_ro(struct cli *c);

/* On a training host: 0 when the real user's role includes role, else
 * prints "lprsim: WHAT needs the ROLE role (LOGIN is a trainee)" and
 * returns LP_REFUSED.  Always 0 in personal mode. */
int cli_require_role(const struct cli *c, enum site_role role,
                     const char *what);

/* Opens a file the user named with the user's own rights (site.h): a path
 * for writing (created 0644 less the umask, truncated) or reading. */
FILE *cli_user_fopen(const char *path, const char *mode);

/* Prints "lprsim: message" on stderr; returns status. */
int cli_fail(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints an lp_err on stderr; returns its status (LP_FAIL if unset). */
int cli_fail_err(const struct lp_err *err);

/* Applies parsed global options (cli_global_opts) to c. */
void cli_apply_globals(struct cli *c, const struct opts *o);
/* Help derived from the command table (help.c), wrapped at 80 columns:
 * one command's "usage: ..." help and the overview on stdout; a group's
 * subcommands (on stderr after a "needs a subcommand" line when status
 * is not 0): returns status, or -1 when name is no group. */
void cli_print_cmd_help(const struct cli_cmd *cmd);
void cli_print_overview(void);
int cli_print_group(const char *name, int status);
/* Every command, subcommands and actions alike, in overview order: 0 and
 * *out filled, or -1 past the end. */
int cli_cmd_at(size_t i, struct cli_cmd *out);
size_t cli_cmd_count(void);
/* The man page lprsim(1) (roff) and the bash completion script, made
 * from the command table; the caller frees them. */
char *cli_man_page(void);
char *cli_bash_completion(void);
/* The policy-checked actions (cmd_actions.c, through core/action/action.h). */
/* Runs argv (command words first) when it names an action: returns the
 * exit status, or -1 when argv is not an action. */
int cli_run_action(struct cli *c, int argc, char **argv);
/* Prints an action's help: 0, or -1 when not an action. */
int cli_action_help(int argc, char **argv);
struct action_info;
/* An action of the core's table seen as a command (cmd_actions.c). */
void cli_action_as_cmd(const struct action_info *in, struct cli_cmd *cmd);

/* Prints doc as one compact JSON line on stdout, reals as short as
 * round-trips (core/io/jsonout.h), and drops the reference. */
struct json_t;
void cli_json_print(struct json_t *doc);

/* True when stderr is a terminal and --quiet is off: progress lines. */
int cli_progress_on(const struct cli *c);

#endif
