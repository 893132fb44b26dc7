/*
 * cli_gen.h - what init and generate share: the generator options, the
 * default clock (today 00:00Z), the progress line, the summary.
 */
#ifndef LPRSIM_CLI_GEN_H
#define LPRSIM_CLI_GEN_H

#include "cli/cli.h"
#include "core/world/gen.h"

/* The fault-rate options, for the commands' option tables. */
#define CLI_GEN_FAULT_OPTS                                                  \
    {"fault-ocr", OPT_ARG, "RATE", "share of OCR misreads (default 0.03)"}, \
    {"fault-partial", OPT_ARG, "RATE",                                      \
     "share of partial plates (default 0.01)"},                             \
    {"fault-state", OPT_ARG, "RATE", "share of wrong states (default 0.01)"},\
    {"fault-dup", OPT_ARG, "RATE",                                          \
     "share of near-duplicates (default 0.02)"}

/* Applies --seed --vehicles --days --reads and the fault options that
 * were given to p.  Returns 0 or prints a usage error and returns 2. */
int cli_gen_options(const struct opts *o, struct gen_params *p);

/* "now" for a new world: --now/LPRSIM_NOW, else today 00:00Z. */
int cli_gen_now(const struct cli *c, int64_t *now);

/* The progress callback: a line on stderr, when cli_progress_on(c). */
void cli_gen_progress(void *arg, int64_t done, int64_t total);
/* Ends the progress line, if one was drawn. */
void cli_gen_progress_end(const struct cli *c);

/* After new reads arrived (generate, import): action_scan_hits, with its
 * error printed; returns how many hits it raised, or -1. */
int64_t cli_gen_scan_hits(struct cli *c);

#endif
