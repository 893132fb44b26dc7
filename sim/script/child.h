/*
 * child.h - the hard outer limit around untrusted scenario code.  Every
 * evaluation of a scenario file runs in a forked child process with a CPU
 * limit and a wall-clock deadline; the parent only reads the bytes the child
 * wrote back.  Lua pattern matching cannot be interrupted by the instruction
 * hook (TRAPS.md), so this is what bounds it.
 */
#ifndef LPRSIM_CHILD_H
#define LPRSIM_CHILD_H

#include "util/util.h"

/* Wall-clock deadline of one child run, in milliseconds. */
#define CHILD_DEADLINE_MS 900
/* Largest answer a child may send back (bytes). */
#define CHILD_OUT_MAX (8u << 20)
/* Address space a child may map beyond what it has at the fork (bytes):
 * the Lua heap cap (64 MB) and the answer, with room to spare. */
#define CHILD_AS_EXTRA ((rlim_t)256 << 20)

/* The work done in the child: append the answer to out and return 0, or
 * return negative with err.  It must not touch any open database. */
typedef int (*child_fn)(void *arg, struct sb *out, struct lp_err *err);

/* While a child runs: a page shared with the parent where the host notes
 * the last "file:line" it executed, so that a killed child can still be
 * placed.  NULL outside child_run. */
extern char *child_where;
#define CHILD_WHERE_MAX 256

/* Runs fn(arg) in a forked child bounded by CHILD_DEADLINE_MS and a CPU
 * limit.  On success *out holds the child's answer (caller frees).  On
 * failure returns negative with err: the child's own message, or "ran too
 * long" / "crashed" when it was killed.  what names the file for messages. */
int child_run(child_fn fn, void *arg, const char *what, char **out,
              struct lp_err *err);

#endif
