/*
 * action.h - the one action layer.  Every user-visible action (query,
 * hotlist add, audit add, enforce, upload ...) is one entry in one table:
 * the CLI, the terminal application, action files and the Lua scenario API
 * all call action_exec(), which runs
 *     policy verdict -> effect (or refusal) -> audit entry -> transcript row
 * in one SQLite transaction.
 *
 * An action is given as words in exactly the syntax of the subcommands,
 * without the "lprsim" word: {"query","--plate","ABC1234",...}.
 */
#ifndef LPRSIM_ACTION_H
#define LPRSIM_ACTION_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/store/store.h"
#include "util/util.h"

struct policy;   /* core/policy/policy.h: a loaded policy profile */
struct dataset;  /* core/world/dataset.h: the generator's inputs */

/* The sandbox session every action runs in. */
struct lp_ctx {
    struct store *st;        /* borrowed */
    int64_t now;             /* the sandbox clock */
    const char *user;        /* who acts (must be on the roster) */
    const char *root;        /* repository/share root: datasets, curriculum */
    const char *profile;     /* policy profile name; NULL: the database's */
    struct policy *pol;      /* loaded on first use; freed by ctx_release */
    int64_t session_id;      /* scenario session (0: none): transcript rows */
    int manual_audit;        /* a source keeps no audit: IV.M.1 by hand */
    struct dataset *formats; /* plate formats, loaded on first use (the
                              * wrong-state flag); freed by ctx_release */
    int formats_tried;       /* 1 once a load was attempted */
};

/* What an action did.  doc is the one JSON object of the contract:
 * {"verdict":..,"rules":[..],"reason":..,"audit_id":N,"results":[..]}
 * plus action-specific members; text holds the lines a person reads. */
struct action_result {
    int status;              /* exit status: LP_OK, LP_REFUSED, LP_USAGE ... */
    json_t *doc;             /* owned; NULL before a run */
    struct sb text;          /* human-readable output */
    struct lp_err err;       /* for usage errors and failures */
};

void action_result_init(struct action_result *r);
void action_result_free(struct action_result *r);

/* Runs one action given as words (argv[0] the command, argv[1] maybe the
 * subcommand).  Returns the exit status (also in res->status). */
int action_exec(struct lp_ctx *ctx, int argc, char **argv,
                struct action_result *res);

/* Splits one action-file line (see util/words.h) and runs it; blank and
 * comment lines return LP_OK with no doc. */
int action_exec_line(struct lp_ctx *ctx, const char *line,
                     struct action_result *res);

/* Parses the words as action_exec would (the action, its options, its
 * positional arguments) without running anything: 0, or -LP_USAGE with
 * err naming the problem.  For lint of action files. */
int action_parse(int argc, char **argv, struct lp_err *err);

/* 1 if the words name a known action ("query", "hotlist add" ...). */
int action_known(int argc, char **argv);
/* 1 if name is the full name of an action as the audit log and the
 * transcript spell it ("query", "hotlist add": words joined by one space). */
int action_name_known(const char *name);

/* Frees what the context loaded (the policy profile). */
void ctx_release(struct lp_ctx *ctx);

/* ---- additions of the policy part ---- */

struct opt_spec;

/* The sections of the command overview, in the contract's order; actions
 * and CLI commands each name theirs (0: "other", listed last). */
enum action_group {
    ACT_GROUP_OTHER = 0,
    ACT_GROUP_WORLD,
    ACT_GROUP_CASES,
    ACT_GROUP_HOTLISTS,
    ACT_GROUP_AUDIT,
    ACT_GROUP_SCENARIOS,
    ACT_GROUP_CERT,
    ACT_GROUP_RECORDS,
    ACT_GROUP__COUNT
};

/* What a front end needs to show an action's help. */
struct action_info {
    const char *name, *sub;        /* "hotlist", "add" (sub may be NULL) */
    const char *args;              /* positional arguments, or NULL */
    const char *summary;           /* one line */
    const struct opt_spec *opts;   /* util/opts.h spec, NULL-terminated */
    const char *details;           /* more help, or NULL */
    enum action_group group;       /* its section of the overview */
};

/* How many actions the table holds, and the i-th: 0, or -1 past the end. */
size_t action_count(void);
int action_info_at(size_t i, struct action_info *info);
/* Finds the action named by the first one or two words: 0 and *used (the
 * words it took), or -1 when unknown. */
int action_info_find(int argc, char **argv, struct action_info *info,
                     int *used);
/* 1 if word is the first word of some action ("hotlist", "case" ...). */
int action_group_known(const char *word);

/* Loads the policy profile into ctx->pol when not yet loaded: ctx->profile,
 * else the database's setting "policy", else ice-2017.  Returns 0 or
 * negative with err (file and problem for a malformed profile). */
int action_policy(struct lp_ctx *ctx, struct lp_err *err);

/* The one transcript writer of trainee steps: appends the row of one step
 * of scenario session ctx->session_id (an action, or a scenario's reply)
 * at ctx->now with the session's next seq, in the caller's transaction:
 * the line as typed (bytes that are not UTF-8 shown as '?'), the verdict,
 * the rule ids ("IV.A.1,IV.M.1", may be NULL) and the audit entry (0:
 * none).  Returns 0 or negative with the error on the store. */
int action_transcript_add(struct lp_ctx *ctx, const char *line,
                          const char *verdict, const char *rules,
                          int64_t audit_id);

/* The one hotlist-hit scan: raises hits for the reads added since the
 * last scan (the mark "hits_scanned_read_id" of the meta table) and moves
 * the mark, in the caller's transaction when one is open, else in one of
 * its own.  The generator, the CSV import and a scenario's world call it
 * after adding reads; queries and "hotlist hits" run the same scan inside
 * their action.  Returns the number of new hits, or a negative
 * status (message in store_err(ctx->st)). */
int64_t action_scan_hits(struct lp_ctx *ctx);

#endif
